//! 单位创建 (`config.units.create`): the units of the caller's jurisdiction with filters, and
//! 新增单位 / 编辑 / 启用 · 停用. The caller's own unit is listed but not edited here.

use shared::org::{Unit, UpdateUnitRequest};
use shared::{Module, UnitKind, UnitLevel};
use yew::prelude::*;

use super::unit_dialogs::{CreateUnitDialog, EditUnitDialog};
use crate::api::{self, Api};
use crate::components::alert::Flash;
use crate::components::form::enabled_options;
use crate::hooks::use_api;
use crate::i18n::{fill, t, use_i18n, I18n, Key, Locale};
use crate::kit::dialog::{act, ConfirmAction};
use crate::kit::filters::{enum_select, select, text};
use crate::kit::list::{
    col, edit_and_toggle, id_row, row_buttons, text_col, use_list_dialogs, ListPage,
};
use crate::kit::tags::{status_tag, Status};
use crate::state::session::use_session;

/// The open dialog.
#[derive(Debug, Clone, PartialEq, Default)]
enum Dialog {
    #[default]
    None,
    Create,
    Edit(Unit),
    Toggle(Unit),
}

/// The page.
#[component]
pub fn Units() -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let session = use_session();
    let api = use_api();
    let own_unit = session.status.signed_in().map(|s| s.user.unit.id);
    let (control, dialog, open, close, finish) = use_list_dialogs::<Dialog>();
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        // The dialog stays open to show the new administrator's sign-in; the list reloads.
        Dialog::Create => {
            let control = control.clone();
            let on_created = Callback::from(move |name: String| {
                control.done(Flash::Success(fill(t(locale, Key::UnitCreated), &name)));
            });
            html! { <CreateUnitDialog {on_created} on_close={close.clone()} /> }
        }
        Dialog::Edit(unit) => {
            html! { <EditUnitDialog unit={unit.clone()} on_done={finish.clone()} on_close={close.clone()} /> }
        }
        Dialog::Toggle(unit) => toggle(api.clone(), unit, locale, finish.clone(), close.clone()),
    };
    let filters = vec![
        text("q", i18n.t(Key::UnitName)),
        enum_select::<UnitKind>("kind", i18n.t(Key::UnitKindLabel), locale),
        enum_select::<UnitLevel>("level", i18n.t(Key::UnitLevelLabel), locale),
        select("enabled", i18n.t(Key::StatusLabel), enabled_options(&i18n)),
    ];
    let (i, opener) = (i18n.clone(), open.clone());
    let columns = vec![
        text_col(i18n.t(Key::UnitName), |u: &Unit| &u.name).class("cell-name"),
        col(
            i18n.t(Key::UnitKindLabel),
            move |u: &Unit| html! { { u.kind.label(locale) } },
        ),
        col(
            i18n.t(Key::UnitLevelLabel),
            move |u: &Unit| html! { { u.level.label(locale) } },
        ),
        text_col(i18n.t(Key::UnitCreditCode), |u: &Unit| &u.credit_code).class("cell-mono"),
        text_col(i18n.t(Key::UnitRegion), |u: &Unit| &u.region),
        col(
            i18n.t(Key::UnitContact),
            |u: &Unit| html! { <>{ &u.contact_name }<span class="muted cell-sub">{ &u.contact_phone }</span></> },
        ),
        col(i18n.t(Key::StatusLabel), move |u: &Unit| {
            status_tag(locale, Status::Enabled(u.enabled), None)
        }),
        col(i18n.t(Key::Actions), move |u: &Unit| {
            row_actions(&i, u, Some(u.id) == own_unit, &opener)
        }),
    ];
    let actions = html! {
        <button type="button" class="button button-primary" data-testid="btn-new-unit" onclick={open.reform(|_| Dialog::Create)}>
            { i18n.t(Key::UnitNew) }
        </button>
    };
    html! {
        <ListPage<Unit> name="units" title={Module::UnitCreate.name(locale)} path="/api/v1/units" {filters} {columns}
            {actions} control={control.clone()}>
            { dialog_view }
        </ListPage<Unit>>
    }
}

id_row!(Unit);

/// 编辑 and 启用 / 停用; the caller's own unit is not changed here.
fn row_actions(i18n: &I18n, unit: &Unit, own: bool, open: &Callback<Dialog>) -> Html {
    if own {
        return html! { <span class="muted">{ i18n.t(Key::UnitOwn) }</span> };
    }
    let to = |d: Dialog| open.reform(move |_: MouseEvent| d.clone());
    row_buttons(edit_and_toggle(
        i18n.locale,
        unit.enabled,
        to(Dialog::Edit(unit.clone())),
        to(Dialog::Toggle(unit.clone())),
    ))
}

/// 启用 / 停用 a unit, after one confirmation naming it.
fn toggle(
    api: Api,
    unit: &Unit,
    locale: Locale,
    on_done: Callback<Flash>,
    on_cancel: Callback<()>,
) -> Html {
    let enable = !unit.enabled;
    let (id, name, version) = (unit.id, unit.name.clone(), unit.version);
    let question = if enable {
        Key::UnitConfirmEnable
    } else {
        Key::UnitConfirmDisable
    };
    let request = act(move || {
        let (api, name) = (api.clone(), name.clone());
        let request = UpdateUnitRequest {
            version,
            name: None,
            region: None,
            contact_name: None,
            contact_phone: None,
            enabled: Some(enable),
        };
        async move {
            api::units::update(&api, id, &request).await?;
            let done = if enable {
                Key::UnitEnabledDone
            } else {
                Key::UnitDisabledDone
            };
            Ok(Flash::Success(fill(t(locale, done), &name)))
        }
    });
    html! { <ConfirmAction action={t(locale, if enable { Key::Enable } else { Key::Disable })} danger={!enable}
    message={fill(t(locale, question), &unit.name)} act={request} {on_done} {on_cancel} /> }
}
