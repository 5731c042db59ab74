//! 单位创建 (`config.units.create`): the units of the caller's jurisdiction with filters, and
//! 新增单位 / 编辑 / 启用 · 停用. The caller's own unit is listed but not edited here.

use shared::org::{Unit, UpdateUnitRequest};
use shared::{Module, UnitKind, UnitLevel};
use yew::prelude::*;

use super::unit_dialogs::{CreateUnitDialog, EditUnitDialog};
use crate::api;
use crate::components::alert::Flash;
use crate::components::form::{enabled_options, enum_options};
use crate::i18n::{fill, t, use_i18n, I18n, Key};
use crate::kit::dialog::{use_pending, Confirm};
use crate::kit::filters::{select, text};
use crate::kit::list::{col, dialog_handles, use_list_control, ListPage, Row};
use crate::kit::tags::{status_tag, Status};
use crate::state::session::use_session;

/// The open dialog.
#[derive(Debug, Clone, PartialEq)]
enum Dialog {
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
    let own_unit = use_session().status.signed_in().map(|s| s.user.unit.id);
    let control = use_list_control();
    let dialog = use_state(|| Dialog::None);
    let (open, close, finish) = dialog_handles(&dialog, &control, Dialog::None);
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
        Dialog::Edit(unit) => html! { <EditUnitDialog unit={unit.clone()} on_done={finish.clone()} on_close={close.clone()} /> },
        Dialog::Toggle(unit) => html! { <ToggleUnit unit={unit.clone()} on_done={finish.clone()} on_cancel={close.clone()} /> },
    };
    let filters = vec![
        text("q", i18n.t(Key::UnitName)),
        select("kind", i18n.t(Key::UnitKindLabel), enum_options(UnitKind::ALL, UnitKind::as_str, |k| k.label(locale))),
        select("level", i18n.t(Key::UnitLevelLabel), enum_options(UnitLevel::ALL, UnitLevel::as_str, |l| l.label(locale))),
        select("enabled", i18n.t(Key::StatusLabel), enabled_options(&i18n)),
    ];
    let (i, opener) = (i18n.clone(), open.clone());
    let columns = vec![
        col(i18n.t(Key::UnitName), |u: &Unit| html! { { &u.name } }).class("cell-name"),
        col(i18n.t(Key::UnitKindLabel), move |u: &Unit| html! { { u.kind.label(locale) } }),
        col(i18n.t(Key::UnitLevelLabel), move |u: &Unit| html! { { u.level.label(locale) } }),
        col(i18n.t(Key::UnitCreditCode), |u: &Unit| html! { { &u.credit_code } }).class("cell-mono"),
        col(i18n.t(Key::UnitRegion), |u: &Unit| html! { { &u.region } }),
        col(i18n.t(Key::UnitContact), |u: &Unit| html! { <>{ &u.contact_name }<span class="muted cell-sub">{ &u.contact_phone }</span></> }),
        col(i18n.t(Key::StatusLabel), move |u: &Unit| status_tag(locale, Status::Enabled(u.enabled), None)),
        col(i18n.t(Key::Actions), move |u: &Unit| row_actions(&i, u, Some(u.id) == own_unit, &opener)),
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

impl Row for Unit {
    fn key(&self) -> String {
        self.id.to_string()
    }
}

/// 编辑 and 启用 / 停用; the caller's own unit is not changed here.
fn row_actions(i18n: &I18n, unit: &Unit, own: bool, open: &Callback<Dialog>) -> Html {
    if own {
        return html! { <span class="muted">{ i18n.t(Key::UnitOwn) }</span> };
    }
    let to = |d: Dialog| open.reform(move |_: MouseEvent| d.clone());
    html! {
        <div class="row-actions">
            <button type="button" class="link-button" data-testid="btn-edit" onclick={to(Dialog::Edit(unit.clone()))}>
                { i18n.t(Key::Edit) }
            </button>
            <button type="button" class={classes!("link-button", unit.enabled.then_some("link-danger"))}
                data-testid={if unit.enabled { "btn-disable" } else { "btn-enable" }} onclick={to(Dialog::Toggle(unit.clone()))}>
                { i18n.t(if unit.enabled { Key::Disable } else { Key::Enable }) }
            </button>
        </div>
    }
}

/// Props of [`ToggleUnit`].
#[derive(Properties, PartialEq)]
struct ToggleUnitProps {
    unit: Unit,
    on_done: Callback<Flash>,
    on_cancel: Callback<()>,
}

/// 启用 / 停用 a unit, after confirmation.
#[component]
fn ToggleUnit(props: &ToggleUnitProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let pending = use_pending();
    let unit = &props.unit;
    let enable = !unit.enabled;
    let on_confirm = {
        let (pending, store, on_done, locale) = (pending.clone(), session.store.clone(), props.on_done.clone(), i18n.locale);
        let (id, name) = (unit.id, unit.name.clone());
        let request = UpdateUnitRequest {
            version: unit.version,
            name: None,
            region: None,
            contact_name: None,
            contact_phone: None,
            enabled: Some(enable),
        };
        Callback::from(move |()| {
            let (store, request, on_done, name) = (store.clone(), request.clone(), on_done.clone(), name.clone());
            let key = if enable { Key::UnitEnabledDone } else { Key::UnitDisabledDone };
            pending.run(async move { api::units::update(&store, id, &request, locale).await }, move |_| {
                on_done.emit(Flash::Success(fill(t(locale, key), &name)));
            });
        })
    };
    let (title, question) = if enable {
        (Key::Enable, Key::UnitConfirmEnable)
    } else {
        (Key::Disable, Key::UnitConfirmDisable)
    };
    html! {
        <Confirm
            title={i18n.t(title)}
            message={fill(i18n.t(question), &unit.name)}
            confirm_label={i18n.t(title)}
            danger={!enable}
            {pending}
            {on_confirm}
            on_cancel={props.on_cancel.clone()}
        />
    }
}
