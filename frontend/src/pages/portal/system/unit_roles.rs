//! 单位角色管理 (`portal.system.unit_roles`, the security administrator's): what each kind of
//! unit may use (可用菜单) and hand out to its handlers (可分配菜单).

use shared::org::{UnitRole, UnitRoleRequest};
use shared::Module;
use yew::prelude::*;

use super::business_roles::{picked, save_role, RoleFormDialog};
use super::unit_role_units::UnitRoleUnits;
use crate::api;
use crate::components::module_picker::PickColumn;
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::dialog::EditProps;
use crate::kit::list::{col, id_row, text_col, use_list_dialogs, ListPage};
use crate::kit::tabs::{view_of, view_tabs, Tab};
use crate::routes::Route;
use yew_router::prelude::use_location;

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

/// The page.
#[component]
pub fn UnitRoles() -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let (control, dialog, open, close, finish) = use_list_dialogs::<Option<Option<UnitRole>>>();
    // The roles again for 分配角色 below (and again after a role changed).
    let roles = {
        let api = use_api();
        use_load(control.ticks(), move |_| async move {
            api::roles::unit_roles(&api).await
        })
    };
    let location = use_location();
    let view = location.as_ref().and_then(|l| view_of(l.query_str()));
    let tabs = view_tabs(
        &i18n,
        &Route::UnitRoles,
        view.as_deref(),
        vec![
            Tab {
                view: None,
                label: Module::UnitRoles.name(locale).to_owned(),
                testid: "tab-unit-roles",
            },
            Tab {
                view: Some("units"),
                label: i18n.t(Key::UnitRoleUnits).to_owned(),
                testid: "tab-units",
            },
        ],
    );
    if view.as_deref() == Some("units") {
        return match &roles.state {
            Load::Ready(roles) => html! { <UnitRoleUnits roles={(**roles).clone()} {tabs} /> },
            Load::Loading | Load::Failed(_) => Html::default(),
        };
    }
    let count = move |n: usize| fill(t(locale, Key::ModuleCount), &n.to_string());
    let to = open.clone();
    let columns = vec![
        text_col(i18n.t(Key::RoleName), |r: &UnitRole| &r.name).class("cell-name"),
        text_col(i18n.t(Key::RoleDescription), |r: &UnitRole| &r.description),
        col(
            i18n.t(Key::UnitRoleAvailable),
            move |r: &UnitRole| html! { { count(r.available.len()) } },
        ),
        col(
            i18n.t(Key::UnitRoleAssignable),
            move |r: &UnitRole| html! { { count(r.assignable.len()) } },
        ),
        col(i18n.t(Key::Actions), move |r: &UnitRole| {
            let edit = Some(r.clone());
            html! { <button type="button" class="link-button" data-testid="btn-edit"
            onclick={to.reform(move |_| Some(edit.clone()))}>{ t(locale, Key::Edit) }</button> }
        }),
    ];
    let actions = html! {
        <button type="button" class="button button-primary" data-testid="btn-new-role" onclick={open.reform(|_| Some(None))}>
            { i18n.t(Key::UnitRoleNew) }
        </button>
    };
    html! {
        <ListPage<UnitRole> name="unit-roles" title={Module::UnitRoles.name(locale)} path="/api/v1/unit-roles"
            unpaged=true intro={i18n.t(Key::UnitRolesIntro)} {columns} {actions} above={tabs} control={control.clone()}>
            if let Some(role) = &*dialog {
                <UnitRoleDialog item={role.clone()} on_done={finish} on_close={close} />
            }
        </ListPage<UnitRole>>
    }
}

id_row!(UnitRole);

/// 新增 / 编辑单位角色: name, description, and per module 可用 and 可分配.
#[component]
fn UnitRoleDialog(props: &EditProps<UnitRole>) -> Html {
    let i18n = use_i18n();
    let role = props.item.clone();
    let (api, id) = (use_api(), role.as_ref().map(|r| r.id));
    let save = save_role(
        |name, description, form| UnitRoleRequest {
            name,
            description,
            available: picked(&form.all("available")),
            assignable: picked(&form.all("assignable")),
        },
        move |request| {
            let api = api.clone();
            async move { Ok(api::roles::save_unit_role(&api, id, &request).await?.name) }
        },
    );
    let pick = |name: &'static str, label: Key, selected: Option<Vec<Module>>| PickColumn {
        name,
        label: i18n.t(label).to_owned(),
        selected: selected.unwrap_or_default(),
    };
    let columns = vec![
        pick(
            "available",
            Key::UnitRoleAvailable,
            role.as_ref().map(|r| r.available.clone()),
        ),
        pick(
            "assignable",
            Key::UnitRoleAssignable,
            role.as_ref().map(|r| r.assignable.clone()),
        ),
    ];
    html! {
        <RoleFormDialog title={i18n.t(if role.is_some() { Key::UnitRoleEdit } else { Key::UnitRoleNew })} name="unit-role"
            hint={Key::UnitRoleModulesHint} current={role.map(|r| (r.name, r.description))} options={offered()}
            {columns} {save} on_done={props.on_done.clone()} on_close={props.on_close.clone()} />
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
