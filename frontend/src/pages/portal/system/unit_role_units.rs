//! 单位角色管理 › 单位的单位角色 (`?view=units`): the units of the caller's jurisdiction with their
//! unit roles, and 分配角色.

use shared::org::{Unit, UnitRole};
use yew::prelude::*;

use std::rc::Rc;

use shared::Module;

use crate::api;
use crate::components::alert::Flash;
use crate::components::form::{FormValues, SelectField};
use crate::hooks::use_api;
use crate::i18n::{fill, fill_n, t, use_i18n, Key};
use crate::kit::dialog::{use_pending, FormDialog};
use crate::kit::filters;
use crate::kit::list::{col, row_button, row_buttons, text_col, use_list_dialogs, ListPage};

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
    /// The tabs of the unit roles screen.
    pub tabs: Html,
}

/// The units and their unit roles (the kit's list of `/api/v1/units`, the `units` view of
/// 单位角色管理), with 分配角色 per unit.
#[component]
pub fn UnitRoleUnits(props: &UnitRoleUnitsProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let (control, dialog, open, close, finish) = use_list_dialogs::<Option<Unit>>();
    let roles = Rc::new(props.roles.clone());
    let columns = vec![
        text_col(i18n.t(Key::UnitName), |u: &Unit| &u.name).class("cell-name"),
        col(
            i18n.t(Key::UnitKindLabel),
            move |u: &Unit| html! { { u.kind.label(locale) } },
        ),
        col(i18n.t(Key::UnitRoleOfUnit), move |u: &Unit| {
            let role = role_name(&roles, u.unit_role_id).unwrap_or(t(locale, Key::UnitRoleNone));
            html! { <span data-testid={format!("unit-role-of-{}", u.id)}>{ role.to_owned() }</span> }
        }),
        col(i18n.t(Key::Actions), move |u: &Unit| {
            let unit = u.clone();
            row_buttons(vec![row_button(
                "btn-assign-role",
                t(locale, Key::UnitRoleAssign),
                false,
                open.reform(move |_: MouseEvent| Some(unit.clone())),
            )])
        }),
    ];
    let filters = vec![filters::text("q", i18n.t(Key::UnitRoleUnitSearch))];
    let dialog_view = (*dialog).clone().map(|unit| {
        html! { <AssignDialog {unit} roles={props.roles.clone()} on_done={finish.clone()} on_close={close.clone()} /> }
    });
    html! {
        <ListPage<Unit> name="unit-role-units" title={Module::UnitRoles.name(locale)} path="/api/v1/units"
            {filters} {columns} above={props.tabs.clone()} control={control.clone()}>
            { for dialog_view }
        </ListPage<Unit>>
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
    let api = use_api();
    let pending = use_pending();
    let on_submit = {
        let (pending, api) = (pending.clone(), api.clone());
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
            let (api, on_done, roles) = (api.clone(), on_done.clone(), roles.clone());
            pending.run(
                async move { api::roles::assign_unit_role(&api, unit_id, role_id).await },
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
