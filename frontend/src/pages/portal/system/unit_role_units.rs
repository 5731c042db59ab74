//! 单位角色管理 › the units of the caller's jurisdiction with their unit roles, and 分配角色.

use shared::org::{Unit, UnitRole};
use yew::prelude::*;

use crate::api::{self, units::UnitFilter};
use crate::components::alert::{flash_view, Flash};
use crate::components::form::{FormValues, SelectField, TextField};
use crate::components::pager::Pager;
use crate::components::table;
use crate::hooks::use_load;
use crate::i18n::{fill, fill_n, t, use_i18n, Key};
use crate::kit::dialog::{use_pending, FormDialog};
use crate::state::session::use_session;

/// The name of the unit role `id` among `roles` (未分配 when none).
pub fn role_name(roles: &[UnitRole], id: Option<i64>) -> Option<&str> {
    let id = id?;
    roles.iter().find(|r| r.id == id).map(|r| r.name.as_str())
}

/// Props of [`UnitRoleUnits`].
#[derive(Properties, PartialEq)]
pub struct UnitRoleUnitsProps {
    /// The unit roles there are.
    pub roles: Vec<UnitRole>,
}

/// The units and their unit roles, with 分配角色 per unit.
#[component]
pub fn UnitRoleUnits(props: &UnitRoleUnitsProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let locale = i18n.locale;
    let filter = use_state(UnitFilter::default);
    let loaded = {
        let store = session.store.clone();
        use_load((*filter).clone(), move |f| async move {
            api::units::list(&store, &f, locale).await
        })
    };
    let flash = use_state(|| None::<Flash>);
    let dialog = use_state(|| None::<Unit>);
    let on_search = {
        let filter = filter.clone();
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = FormValues::from_submit(&e) else {
                return;
            };
            filter.set(UnitFilter {
                q: form.text("unit-q"),
                ..UnitFilter::default()
            });
        })
    };
    let on_page = {
        let filter = filter.clone();
        Callback::from(move |page: u32| {
            filter.set(UnitFilter {
                page,
                ..(*filter).clone()
            })
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |()| dialog.set(None))
    };
    let finish = {
        let (flash, dialog, reload) = (flash.clone(), dialog.clone(), loaded.reload.clone());
        Callback::from(move |message: Flash| {
            dialog.set(None);
            flash.set(Some(message));
            reload.emit(());
        })
    };
    let roles = props.roles.clone();
    let row = |unit: &Unit| {
        let open = {
            let (dialog, flash, unit) = (dialog.clone(), flash.clone(), unit.clone());
            Callback::from(move |_: MouseEvent| {
                flash.set(None);
                dialog.set(Some(unit.clone()));
            })
        };
        let role = role_name(&roles, unit.unit_role_id)
            .map_or_else(|| i18n.t(Key::UnitRoleNone).to_owned(), str::to_owned);
        html! {
            <tr key={unit.id.to_string()} data-testid={format!("row-unit-{}", unit.id)}>
                <td class="cell-name">{ &unit.name }</td>
                <td>{ unit.kind.label(locale) }</td>
                <td data-testid={format!("unit-role-of-{}", unit.id)}>{ role }</td>
                <td>
                    <button type="button" class="link-button" data-testid={format!("btn-assign-role-{}", unit.id)} onclick={open}>
                        { i18n.t(Key::UnitRoleAssign) }
                    </button>
                </td>
            </tr>
        }
    };
    let dialog_view = match &*dialog {
        None => Html::default(),
        Some(unit) => html! {
            <AssignDialog unit={unit.clone()} roles={props.roles.clone()} on_done={finish.clone()} on_close={close.clone()} />
        },
    };
    html! {
        <section class="page-section" data-testid="unit-role-units">
            <h2 class="panel-title">{ i18n.t(Key::UnitRoleUnits) }</h2>
            { flash_view(flash.as_ref()) }
            <form class="filter-bar" role="search" aria-label={i18n.t(Key::UnitRoleUnitSearch)} onsubmit={on_search}>
                <TextField name="unit-q" label={i18n.t(Key::UnitRoleUnitSearch)} value={filter.q.clone()} />
                <div class="filter-actions">
                    <button type="submit" class="button button-primary" data-testid="btn-search-units">{ i18n.t(Key::Search) }</button>
                </div>
            </form>
            <div class="panel panel-table">
                <table class="table" data-testid="unit-role-units-table" aria-busy={loaded.busy.to_string()}>
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.t(Key::UnitName) }</th>
                            <th scope="col">{ i18n.t(Key::UnitKindLabel) }</th>
                            <th scope="col">{ i18n.t(Key::UnitRoleOfUnit) }</th>
                            <th scope="col">{ i18n.t(Key::Actions) }</th>
                        </tr>
                    </thead>
                    <tbody>{ table::rows(&i18n, &loaded, 4, row) }</tbody>
                </table>
                if let Some(page) = table::page(&loaded) {
                    <Pager page={page.page} per_page={page.per_page} total={page.total} {on_page} />
                }
            </div>
            { dialog_view }
        </section>
    }
}

/// Props of [`AssignDialog`].
#[derive(Properties, PartialEq)]
struct AssignDialogProps {
    unit: Unit,
    roles: Vec<UnitRole>,
    on_done: Callback<Flash>,
    on_close: Callback<()>,
}

/// 分配角色: confirm the unit and choose its unit role.
#[component]
fn AssignDialog(props: &AssignDialogProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let pending = use_pending();
    let on_submit = {
        let (pending, store) = (pending.clone(), session.store.clone());
        let (unit_id, on_done, locale, roles) = (
            props.unit.id,
            props.on_done.clone(),
            i18n.locale,
            props.roles.clone(),
        );
        Callback::from(move |form: FormValues| {
            let Ok(role_id) = form.text("unit-role").parse::<i64>() else {
                return pending.fail_at("unit-role", t(locale, Key::FieldsRequired));
            };
            let (store, on_done, roles) = (store.clone(), on_done.clone(), roles.clone());
            pending.run(
                async move { api::roles::assign_unit_role(&store, unit_id, role_id, locale).await },
                move |unit| {
                    let role = role_name(&roles, unit.unit_role_id).unwrap_or_default();
                    on_done.emit(Flash::Success(fill_n(
                        t(locale, Key::UnitRoleAssigned),
                        &[&unit.name, role],
                    )));
                },
            );
        })
    };
    let options: Vec<(String, String)> = props
        .roles
        .iter()
        .map(|r| (r.id.to_string(), r.name.clone()))
        .collect();
    let selected = props
        .unit
        .unit_role_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    html! {
        <FormDialog title={i18n.t(Key::UnitRoleAssign)} name="assign-role" submit_label={i18n.t(Key::UnitRoleAssign)}
            {pending} {on_submit} on_close={props.on_close.clone()}>
            <p>{ fill(i18n.t(Key::UnitRoleAssignConfirm), &props.unit.name) }</p>
            <SelectField name="unit-role" label={i18n.t(Key::UnitRoleOfUnit)} {options} {selected}
                empty={i18n.t(Key::UnitRoleNone)} required=true />
        </FormDialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_units_role_is_named_from_the_list() {
        let role = UnitRole {
            id: 3,
            name: "用人单位".into(),
            description: String::new(),
            available: vec![],
            assignable: vec![],
        };
        let roles = vec![role];
        assert_eq!(role_name(&roles, Some(3)), Some("用人单位"));
        assert_eq!(role_name(&roles, Some(4)), None);
        assert_eq!(role_name(&roles, None), None);
    }
}
