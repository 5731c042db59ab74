//! 单位创建 (`config.units.create`): the units of the caller's jurisdiction with filters, and
//! 新增单位 / 编辑 / 启用 · 停用. The caller's own unit is listed but not edited here.

use shared::org::{Unit, UpdateUnitRequest};
use shared::{Module, UnitKind, UnitLevel};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::unit_dialogs::{CreateUnitDialog, EditUnitDialog};
use crate::api::{self, units::UnitFilter};
use crate::components::alert::{flash_view, Flash};
use crate::components::confirm::Confirm;
use crate::components::form::{
    enabled_options, enum_options, parse_enabled, FormValues, SelectField, TextField,
};
use crate::components::pager::Pager;
use crate::components::table;
use crate::components::tags::{enabled_status, Tags};
use crate::hooks::use_load;
use crate::i18n::{fill, use_i18n, I18n, Key};
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
    let session = use_session();
    let own_unit = session.status.signed_in().map(|s| s.user.unit.id);
    let filter = use_state(UnitFilter::default);
    let flash = use_state(|| None::<Flash>);
    let dialog = use_state(|| Dialog::None);
    let loaded = {
        let store = session.store.clone();
        let locale = i18n.locale;
        use_load((*filter).clone(), move |f| async move {
            api::units::list(&store, &f, locale).await
        })
    };

    let on_search = {
        let filter = filter.clone();
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = FormValues::from_submit(&e) else {
                return;
            };
            filter.set(UnitFilter {
                q: form.text("filter-q"),
                kind: UnitKind::parse(&form.text("filter-kind")),
                level: UnitLevel::parse(&form.text("filter-level")),
                enabled: parse_enabled(&form.text("filter-enabled")),
                ..UnitFilter::default()
            });
        })
    };
    let on_reset = {
        let filter = filter.clone();
        Callback::from(move |_: MouseEvent| filter.set(UnitFilter::default()))
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
    // After a change: the message, and the list again.
    let done = {
        let (flash, reload) = (flash.clone(), loaded.reload.clone());
        Callback::from(move |message: Flash| {
            flash.set(Some(message));
            reload.emit(());
        })
    };
    let finish = {
        let (done, dialog) = (done.clone(), dialog.clone());
        Callback::from(move |message: Flash| {
            dialog.set(Dialog::None);
            done.emit(message);
        })
    };

    let plain_list = filter.q.is_empty()
        && filter.kind.is_none()
        && filter.level.is_none()
        && filter.enabled.is_none();
    let top_depth = table::page(&loaded).and_then(|p| p.items.iter().map(|u| u.depth).min());
    let row = |unit: &Unit| {
        let own = Some(unit.id) == own_unit;
        let indent = match (plain_list, top_depth) {
            (true, Some(top)) => (unit.depth - top).clamp(0, 4),
            _ => 0,
        };
        let actions = if own {
            html! { <span class="muted">{ i18n.t(Key::UnitOwn) }</span> }
        } else {
            html! {
                <div class="row-actions">
                    <button type="button" class="link-button" data-testid="btn-edit" onclick={open(Dialog::Edit(unit.clone()))}>
                        { i18n.t(Key::Edit) }
                    </button>
                    <button
                        type="button"
                        class={classes!("link-button", unit.enabled.then_some("link-danger"))}
                        data-testid={if unit.enabled { "btn-disable" } else { "btn-enable" }}
                        onclick={open(Dialog::Toggle(unit.clone()))}
                    >
                        { i18n.t(if unit.enabled { Key::Disable } else { Key::Enable }) }
                    </button>
                </div>
            }
        };
        html! {
            <tr key={unit.id.to_string()} data-testid={format!("row-{}", unit.id)}>
                <td class={classes!("cell-name", format!("indent-{indent}"))}>{ &unit.name }</td>
                <td>{ unit.kind.label(i18n.locale) }</td>
                <td>{ unit.level.label(i18n.locale) }</td>
                <td class="cell-mono">{ &unit.credit_code }</td>
                <td>{ &unit.region }</td>
                <td>{ &unit.contact_name }<span class="muted cell-sub">{ &unit.contact_phone }</span></td>
                <td><Tags tags={vec![enabled_status(unit.enabled)]} /></td>
                <td>{ actions }</td>
            </tr>
        }
    };

    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Create => {
            // The dialog stays open to show the new administrator's sign-in; the list reloads.
            let locale = i18n.locale;
            let on_created = done.reform(move |name: String| {
                Flash::Success(fill(crate::i18n::t(locale, Key::UnitCreated), &name))
            });
            html! { <CreateUnitDialog {on_created} on_close={close.clone()} /> }
        }
        Dialog::Edit(unit) => html! {
            <EditUnitDialog unit={unit.clone()} on_done={finish.clone()} on_close={close.clone()} />
        },
        Dialog::Toggle(unit) => html! {
            <ToggleUnit unit={unit.clone()} on_done={finish.clone()} on_cancel={close.clone()} />
        },
    };

    html! {
        <section class="page" data-testid="page-units">
            <div class="page-heading">
                <h1 class="page-title">{ Module::UnitCreate.name(i18n.locale) }</h1>
                <div class="page-actions">
                    <button type="button" class="button button-primary" data-testid="btn-new-unit" onclick={open(Dialog::Create)}>
                        { i18n.t(Key::UnitNew) }
                    </button>
                </div>
            </div>
            { flash_view(flash.as_ref()) }
            { filter_bar(&i18n, &filter, on_search, on_reset) }
            <div class="panel panel-table">
                <table class="table" data-testid="units-table" aria-busy={loaded.busy.to_string()}>
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.t(Key::UnitName) }</th>
                            <th scope="col">{ i18n.t(Key::UnitKindLabel) }</th>
                            <th scope="col">{ i18n.t(Key::UnitLevelLabel) }</th>
                            <th scope="col">{ i18n.t(Key::UnitCreditCode) }</th>
                            <th scope="col">{ i18n.t(Key::UnitRegion) }</th>
                            <th scope="col">{ i18n.t(Key::UnitContact) }</th>
                            <th scope="col">{ i18n.t(Key::StatusLabel) }</th>
                            <th scope="col">{ i18n.t(Key::Actions) }</th>
                        </tr>
                    </thead>
                    <tbody>{ table::rows(&i18n, &loaded, 8, row) }</tbody>
                </table>
                if let Some(page) = table::page(&loaded) {
                    <Pager page={page.page} per_page={page.per_page} total={page.total} {on_page} />
                }
            </div>
            { dialog_view }
        </section>
    }
}

fn filter_bar(
    i18n: &I18n,
    filter: &UnitFilter,
    onsubmit: Callback<SubmitEvent>,
    on_reset: Callback<MouseEvent>,
) -> Html {
    let locale = i18n.locale;
    html! {
        <form class="filter-bar" role="search" aria-label={i18n.t(Key::FilterLabel)} {onsubmit}>
            <TextField name="filter-q" label={i18n.t(Key::UnitName)} value={filter.q.clone()} />
            <SelectField
                name="filter-kind"
                label={i18n.t(Key::UnitKindLabel)}
                options={enum_options(UnitKind::ALL, UnitKind::as_str, |k| k.label(locale))}
                selected={filter.kind.map_or("", UnitKind::as_str)}
                empty={i18n.t(Key::All)}
            />
            <SelectField
                name="filter-level"
                label={i18n.t(Key::UnitLevelLabel)}
                options={enum_options(UnitLevel::ALL, UnitLevel::as_str, |l| l.label(locale))}
                selected={filter.level.map_or("", UnitLevel::as_str)}
                empty={i18n.t(Key::All)}
            />
            <SelectField
                name="filter-enabled"
                label={i18n.t(Key::StatusLabel)}
                options={enabled_options(i18n)}
                selected={filter.enabled.map_or("", |e| if e { "true" } else { "false" })}
                empty={i18n.t(Key::All)}
            />
            <div class="filter-actions">
                <button type="submit" class="button button-primary" data-testid="btn-search">{ i18n.t(Key::Search) }</button>
                <button type="reset" class="button" data-testid="btn-reset" onclick={on_reset}>{ i18n.t(Key::Reset) }</button>
            </div>
        </form>
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
    let busy = use_state(|| false);
    let error = use_state(|| None::<AttrValue>);
    let unit = &props.unit;
    let enable = !unit.enabled;
    let on_confirm = {
        let (busy, error, store) = (busy.clone(), error.clone(), session.store.clone());
        let (on_done, locale) = (props.on_done.clone(), i18n.locale);
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
            busy.set(true);
            let (busy, error, store) = (busy.clone(), error.clone(), store.clone());
            let (on_done, request, name) = (on_done.clone(), request.clone(), name.clone());
            spawn_local(async move {
                match api::units::update(&store, id, &request, locale).await {
                    Ok(_) => {
                        let key = if enable {
                            Key::UnitEnabledDone
                        } else {
                            Key::UnitDisabledDone
                        };
                        on_done.emit(Flash::Success(fill(crate::i18n::t(locale, key), &name)));
                    }
                    Err(e) => {
                        error.set(Some(e.message(locale).into()));
                        busy.set(false);
                    }
                }
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
            busy={*busy}
            error={(*error).clone()}
            {on_confirm}
            on_cancel={props.on_cancel.clone()}
        />
    }
}
