//! 业务角色管理 (`portal.system.business_roles`): the unit's business roles — named sets of
//! modules its handlers get — with 新增 / 编辑 / 删除. The modules offered are those a unit may
//! ever hand out; the API refuses any outside the unit's 可分配菜单 and names them.

use shared::org::{BusinessRole, BusinessRoleRequest};
use shared::{Module, Subsystem};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::alert::{flash_view, Flash};
use crate::components::confirm::Confirm;
use crate::components::form::{FormValues, TextField};
use crate::components::modal::Modal;
use crate::components::module_picker::{ModulePicker, PickColumn};
use crate::components::table::load_error;
use crate::hooks::{use_load, Load};
use crate::i18n::{fill, t, use_i18n, Key};
use crate::state::session::use_session;

/// The modules a business role may offer: the business subsystems' (职称评审, 系统配置), never
/// the administrators' own.
pub fn offered() -> Vec<Module> {
    Module::ALL
        .iter()
        .copied()
        .filter(|m| matches!(m.group().subsystem(), Subsystem::Title | Subsystem::Config))
        .filter(|m| !crate::pages::portal::system::unit_roles::never_for_units(*m))
        .collect()
}

/// The modules of a submitted form, in menu order.
pub fn picked(codes: &[String]) -> Vec<Module> {
    Module::ALL
        .iter()
        .copied()
        .filter(|m| codes.iter().any(|c| c == m.code()))
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
enum Dialog {
    None,
    Edit(Option<BusinessRole>),
    Delete(BusinessRole),
}

/// The page.
#[component]
pub fn BusinessRoles() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let locale = i18n.locale;
    let loaded = {
        let store = session.store.clone();
        use_load((), move |()| async move {
            api::roles::business_roles(&store, locale).await
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
            <tr><td colspan="4"><p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p></td></tr>
        },
        Load::Failed(error) => html! { <tr><td colspan="4">{ load_error(&i18n, error, &loaded.reload) }</td></tr> },
        Load::Ready(roles) if roles.is_empty() => html! {
            <tr><td colspan="4" class="empty-state" data-testid="table-empty">{ i18n.t(Key::EmptyList) }</td></tr>
        },
        Load::Ready(roles) => roles
            .iter()
            .map(|role| {
                html! {
                    <tr key={role.id} data-testid={format!("row-{}", role.id)}>
                        <td class="cell-name">{ &role.name }</td>
                        <td>{ &role.description }</td>
                        <td>
                            <span class="tags">
                                { for role.modules.iter().map(|m| html! { <span class="tag">{ m.name(locale) }</span> }) }
                            </span>
                        </td>
                        <td>
                            <div class="row-actions">
                                <button type="button" class="link-button" data-testid="btn-edit" onclick={open(Dialog::Edit(Some(role.clone())))}>
                                    { i18n.t(Key::Edit) }
                                </button>
                                <button type="button" class="link-button link-danger" data-testid="btn-delete" onclick={open(Dialog::Delete(role.clone()))}>
                                    { i18n.t(Key::Delete) }
                                </button>
                            </div>
                        </td>
                    </tr>
                }
            })
            .collect::<Html>(),
    };
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Edit(role) => {
            html! { <RoleDialog role={role.clone()} on_done={finish.clone()} on_close={close.clone()} /> }
        }
        Dialog::Delete(role) => {
            html! { <DeleteRole role={role.clone()} on_done={finish.clone()} on_cancel={close.clone()} /> }
        }
    };
    html! {
        <section class="page" data-testid="page-business-roles">
            <div class="page-heading">
                <h1 class="page-title">{ Module::BusinessRoles.name(locale) }</h1>
                <div class="page-actions">
                    <button type="button" class="button button-primary" data-testid="btn-new-role" onclick={open(Dialog::Edit(None))}>
                        { i18n.t(Key::RoleNew) }
                    </button>
                </div>
            </div>
            <p class="muted page-intro">{ i18n.t(Key::BusinessRolesIntro) }</p>
            { flash_view(flash.as_ref()) }
            <div class="panel panel-table">
                <table class="table" data-testid="roles-table" aria-busy={loaded.busy.to_string()}>
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.t(Key::RoleName) }</th>
                            <th scope="col">{ i18n.t(Key::RoleDescription) }</th>
                            <th scope="col">{ i18n.t(Key::RoleModules) }</th>
                            <th scope="col">{ i18n.t(Key::Actions) }</th>
                        </tr>
                    </thead>
                    <tbody>{ rows }</tbody>
                </table>
            </div>
            { dialog_view }
        </section>
    }
}

/// Props of [`RoleDialog`].
#[derive(Properties, PartialEq)]
struct RoleDialogProps {
    /// `None` for a new role.
    role: Option<BusinessRole>,
    on_done: Callback<Flash>,
    on_close: Callback<()>,
}

/// 新增 / 编辑业务角色: name, description and modules.
#[component]
fn RoleDialog(props: &RoleDialogProps) -> Html {
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
            let request = BusinessRoleRequest {
                name: form.text("name"),
                description: form.text("description"),
                modules: picked(&form.all("modules")),
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
                    Some(id) => {
                        api::roles::update_business_role(&store, id, &request, locale).await
                    }
                    None => api::roles::create_business_role(&store, &request, locale).await,
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
    let title = if role.is_some() {
        Key::RoleEdit
    } else {
        Key::RoleNew
    };
    let columns = vec![PickColumn {
        name: "modules",
        label: i18n.t(Key::RoleGrant).to_owned(),
        selected: role.as_ref().map(|r| r.modules.clone()).unwrap_or_default(),
    }];
    let flash = error.as_ref().map(|m| Flash::Error(m.clone()));
    let footer = html! {
        <div class="dialog-actions">
            <button type="button" class="button" data-testid="btn-cancel" onclick={props.on_close.reform(|_: MouseEvent| ())}>
                { i18n.t(Key::Cancel) }
            </button>
            <button type="submit" form="form-role" class="button button-primary" data-testid="btn-submit" disabled={*busy}>
                { i18n.t(if *busy { Key::Saving } else { Key::Save }) }
            </button>
        </div>
    };
    html! {
        <Modal title={i18n.t(title)} testid="dialog-role" on_close={props.on_close.clone()} wide=true {footer}>
            <form id="form-role" class="form" novalidate=true {onsubmit} aria-busy={busy.to_string()}>
                <div class="form-grid">
                    <TextField name="name" label={i18n.t(Key::RoleName)} required=true maxlength={100}
                        value={role.as_ref().map(|r| r.name.clone()).unwrap_or_default()} />
                    <TextField name="description" label={i18n.t(Key::RoleDescription)} maxlength={500}
                        value={role.as_ref().map(|r| r.description.clone()).unwrap_or_default()} />
                </div>
                <p class="field-hint">{ i18n.t(Key::BusinessRoleModulesHint) }</p>
                <ModulePicker options={offered()} {columns} />
                { flash_view(flash.as_ref()) }
            </form>
        </Modal>
    }
}

/// Props of [`DeleteRole`].
#[derive(Properties, PartialEq)]
struct DeleteRoleProps {
    role: BusinessRole,
    on_done: Callback<Flash>,
    on_cancel: Callback<()>,
}

/// 删除, after confirmation; refused while accounts hold the role (the API says how many).
#[component]
fn DeleteRole(props: &DeleteRoleProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let busy = use_state(|| false);
    let error = use_state(|| None::<AttrValue>);
    let on_confirm = {
        let (busy, error, store) = (busy.clone(), error.clone(), session.store.clone());
        let (id, name, on_done, locale) = (
            props.role.id,
            props.role.name.clone(),
            props.on_done.clone(),
            i18n.locale,
        );
        Callback::from(move |()| {
            busy.set(true);
            let (busy, error, store, on_done, name) = (
                busy.clone(),
                error.clone(),
                store.clone(),
                on_done.clone(),
                name.clone(),
            );
            spawn_local(async move {
                match api::roles::delete_business_role(&store, id, locale).await {
                    Ok(()) => {
                        on_done.emit(Flash::Success(fill(t(locale, Key::RoleDeleted), &name)))
                    }
                    Err(e) => {
                        error.set(Some(e.message(locale).into()));
                        busy.set(false);
                    }
                }
            });
        })
    };
    html! {
        <Confirm
            title={i18n.t(Key::Delete)}
            message={fill(i18n.t(Key::RoleConfirmDelete), &props.role.name)}
            confirm_label={i18n.t(Key::Delete)}
            danger=true
            busy={*busy}
            error={(*error).clone()}
            {on_confirm}
            on_cancel={props.on_cancel.clone()}
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_roles_offer_business_modules_only_and_keep_menu_order() {
        let offered = offered();
        assert!(offered.contains(&Module::UnitVerification));
        assert!(offered.contains(&Module::UnitCreate));
        for never in [
            Module::Users,
            Module::Password,
            Module::AuditLog,
            Module::PolicyReview,
            Module::MyApplications,
        ] {
            assert!(!offered.contains(&never), "{never:?}");
        }
        let codes = vec![
            "title.review.unit_verification".to_owned(),
            "title.accounts.personal_accounts".to_owned(),
            "x".to_owned(),
        ];
        assert_eq!(
            picked(&codes),
            [Module::PersonalAccounts, Module::UnitVerification]
        );
    }
}
