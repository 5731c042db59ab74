//! 单位角色管理 (`portal.system.unit_roles`, the security administrator's): what each kind of
//! unit may use (可用菜单) and hand out to its handlers (可分配菜单).

use shared::org::{UnitRole, UnitRoleRequest};
use shared::Module;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::business_roles::picked;
use super::unit_role_units::UnitRoleUnits;
use crate::api;
use crate::components::alert::{flash_view, Flash};
use crate::components::form::{FormValues, TextField};
use crate::components::modal::Modal;
use crate::components::module_picker::{ModulePicker, PickColumn};
use crate::components::table::load_error;
use crate::hooks::{use_load, Load};
use crate::i18n::{fill, t, use_i18n, Key};
use crate::state::session::use_session;

/// Modules a unit role never lists: those the API refuses for units
/// (`shared::rules::NOT_FOR_UNITS`) and the password change everybody holds anyway.
pub fn never_for_units(module: Module) -> bool {
    !shared::rules::for_units(module) || module == Module::Password
}

/// The modules a unit role may offer.
pub fn offered() -> Vec<Module> {
    Module::ALL
        .iter()
        .copied()
        .filter(|m| !never_for_units(*m))
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
enum Dialog {
    None,
    Edit(Option<UnitRole>),
}

/// The page.
#[component]
pub fn UnitRoles() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let locale = i18n.locale;
    let loaded = {
        let store = session.store.clone();
        use_load((), move |()| async move {
            api::roles::unit_roles(&store, locale).await
        })
    };
    let flash = use_state(|| None::<Flash>);
    let dialog = use_state(|| Dialog::None);
    let open = |next: Dialog| {
        let (dialog, flash) = (dialog.clone(), flash.clone());
        Callback::from(move |_: MouseEvent| {
            flash.set(None);
            dialog.set(next.clone());
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |()| dialog.set(Dialog::None))
    };
    let finish = {
        let (flash, dialog, reload) = (flash.clone(), dialog.clone(), loaded.reload.clone());
        Callback::from(move |message: Flash| {
            dialog.set(Dialog::None);
            flash.set(Some(message));
            reload.emit(());
        })
    };
    let rows = match &loaded.state {
        Load::Loading => html! {
            <tr><td colspan="5"><p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p></td></tr>
        },
        Load::Failed(error) => html! { <tr><td colspan="5">{ load_error(&i18n, error, &loaded.reload) }</td></tr> },
        Load::Ready(roles) if roles.is_empty() => html! {
            <tr><td colspan="5" class="empty-state">{ i18n.t(Key::EmptyList) }</td></tr>
        },
        Load::Ready(roles) => roles
            .iter()
            .map(|role| html! {
                <tr key={role.id} data-testid={format!("row-{}", role.id)}>
                    <td class="cell-name">{ &role.name }</td>
                    <td>{ &role.description }</td>
                    <td>{ fill(i18n.t(Key::ModuleCount), &role.available.len().to_string()) }</td>
                    <td>{ fill(i18n.t(Key::ModuleCount), &role.assignable.len().to_string()) }</td>
                    <td>
                        <button type="button" class="link-button" data-testid="btn-edit" onclick={open(Dialog::Edit(Some(role.clone())))}>
                            { i18n.t(Key::Edit) }
                        </button>
                    </td>
                </tr>
            })
            .collect::<Html>(),
    };
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Edit(role) => {
            html! { <UnitRoleDialog role={role.clone()} on_done={finish.clone()} on_close={close.clone()} /> }
        }
    };
    html! {
        <section class="page" data-testid="page-unit-roles">
            <div class="page-heading">
                <h1 class="page-title">{ Module::UnitRoles.name(locale) }</h1>
                <div class="page-actions">
                    <button type="button" class="button button-primary" data-testid="btn-new-role" onclick={open(Dialog::Edit(None))}>
                        { i18n.t(Key::UnitRoleNew) }
                    </button>
                </div>
            </div>
            <p class="muted page-intro">{ i18n.t(Key::UnitRolesIntro) }</p>
            { flash_view(flash.as_ref()) }
            <div class="panel panel-table">
                <table class="table" data-testid="unit-roles-table" aria-busy={loaded.busy.to_string()}>
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.t(Key::RoleName) }</th>
                            <th scope="col">{ i18n.t(Key::RoleDescription) }</th>
                            <th scope="col">{ i18n.t(Key::UnitRoleAvailable) }</th>
                            <th scope="col">{ i18n.t(Key::UnitRoleAssignable) }</th>
                            <th scope="col">{ i18n.t(Key::Actions) }</th>
                        </tr>
                    </thead>
                    <tbody>{ rows }</tbody>
                </table>
            </div>
            if let Load::Ready(roles) = &loaded.state {
                <UnitRoleUnits roles={(**roles).clone()} />
            }
            { dialog_view }
        </section>
    }
}

/// Props of [`UnitRoleDialog`].
#[derive(Properties, PartialEq)]
struct UnitRoleDialogProps {
    role: Option<UnitRole>,
    on_done: Callback<Flash>,
    on_close: Callback<()>,
}

/// 新增 / 编辑单位角色: name, description, and per module 可用 and 可分配.
#[component]
fn UnitRoleDialog(props: &UnitRoleDialogProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let onsubmit = {
        let (error, busy, store) = (error.clone(), busy.clone(), session.store.clone());
        let (id, on_done, locale) = (
            props.role.as_ref().map(|r| r.id),
            props.on_done.clone(),
            i18n.locale,
        );
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = FormValues::from_submit(&e) else {
                return;
            };
            let request = UnitRoleRequest {
                name: form.text("name"),
                description: form.text("description"),
                available: picked(&form.all("available")),
                assignable: picked(&form.all("assignable")),
            };
            if request.name.is_empty() {
                error.set(Some(t(locale, Key::FieldsRequired).to_owned()));
                return;
            }
            busy.set(true);
            let (error, busy, store, on_done) =
                (error.clone(), busy.clone(), store.clone(), on_done.clone());
            spawn_local(async move {
                let result = match id {
                    Some(id) => api::roles::update_unit_role(&store, id, &request, locale).await,
                    None => api::roles::create_unit_role(&store, &request, locale).await,
                };
                match result {
                    Ok(role) => {
                        on_done.emit(Flash::Success(fill(t(locale, Key::RoleSaved), &role.name)))
                    }
                    Err(e) => {
                        error.set(Some(e.message(locale)));
                        busy.set(false);
                    }
                }
            });
        })
    };
    let role = props.role.clone();
    let columns = vec![
        PickColumn {
            name: "available",
            label: i18n.t(Key::UnitRoleAvailable).to_owned(),
            selected: role
                .as_ref()
                .map(|r| r.available.clone())
                .unwrap_or_default(),
        },
        PickColumn {
            name: "assignable",
            label: i18n.t(Key::UnitRoleAssignable).to_owned(),
            selected: role
                .as_ref()
                .map(|r| r.assignable.clone())
                .unwrap_or_default(),
        },
    ];
    let title = if role.is_some() {
        Key::UnitRoleEdit
    } else {
        Key::UnitRoleNew
    };
    let flash = error.as_ref().map(|m| Flash::Error(m.clone()));
    let footer = html! {
        <div class="dialog-actions">
            <button type="button" class="button" data-testid="btn-cancel" onclick={props.on_close.reform(|_: MouseEvent| ())}>
                { i18n.t(Key::Cancel) }
            </button>
            <button type="submit" form="form-unit-role" class="button button-primary" data-testid="btn-submit" disabled={*busy}>
                { i18n.t(if *busy { Key::Saving } else { Key::Save }) }
            </button>
        </div>
    };
    html! {
        <Modal title={i18n.t(title)} testid="dialog-unit-role" on_close={props.on_close.clone()} wide=true {footer}>
            <form id="form-unit-role" class="form" novalidate=true {onsubmit} aria-busy={busy.to_string()}>
                <div class="form-grid">
                    <TextField name="name" label={i18n.t(Key::RoleName)} required=true maxlength={100}
                        value={role.as_ref().map(|r| r.name.clone()).unwrap_or_default()} />
                    <TextField name="description" label={i18n.t(Key::RoleDescription)} maxlength={500}
                        value={role.as_ref().map(|r| r.description.clone()).unwrap_or_default()} />
                </div>
                <p class="field-hint">{ i18n.t(Key::UnitRoleModulesHint) }</p>
                <ModulePicker options={offered()} {columns} />
                { flash_view(flash.as_ref()) }
            </form>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_roles_never_offer_personal_or_administrator_duties() {
        let offered = offered();
        assert!(offered.contains(&Module::Users));
        assert!(offered.contains(&Module::UnitCreate));
        assert!(!offered.contains(&Module::AuditLog));
        assert!(!offered.contains(&Module::ExpertReview));
        assert!(!offered.contains(&Module::Password));
    }
}
