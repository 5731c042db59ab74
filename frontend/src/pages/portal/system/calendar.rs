//! 工作日历 (SPEC §4.3), for the system administrator: the exceptions of a year to the
//! Monday–Friday rule (法定节假日, 调休上班日), added, renamed and removed. Publicity periods
//! count working days by it.

use shared::calendar::{CalendarDay, CalendarDayKind, PutCalendarDay};
use shared::AccountKind;
use yew::prelude::*;

use crate::api;
use crate::components::alert::{flash_view, Flash};
use crate::components::form::{enum_options, FormValues, SelectField};
use crate::components::table;
use crate::hooks::{use_load, Load};
use crate::i18n::{fill, fill_n, t, use_i18n, Key};
use crate::kit::dialog::{use_pending, FormDialog};
use crate::kit::fields::TextField;
use crate::kit::list::{dialog_handles, use_list_control};
use crate::kit::tags::{status_tag, Status};
use crate::pages::title::review::publicity_rules::{china_today, weekday, weekday_key};
use crate::state::session::use_session;

#[derive(Clone, PartialEq)]
enum Dialog {
    None,
    Add,
    Edit(CalendarDay),
    Delete(CalendarDay),
}

/// The page (system administrators only; the API agrees).
#[component]
pub fn WorkCalendar() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let locale = i18n.locale;
    let admin = session
        .status
        .signed_in()
        .is_some_and(|s| s.user.kind == AccountKind::SystemAdmin);
    let this_year: i32 = china_today()
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(2026);
    let year = use_state(|| this_year);
    let control = use_list_control();
    let loaded = {
        let store = session.store.clone();
        use_load((*year, control.ticks()), move |(year, _)| async move {
            api::calendar::year(&store, year, locale).await
        })
    };
    let dialog = use_state(|| Dialog::None);
    let (open, close, finish) = dialog_handles(&dialog, &control, Dialog::None);
    let open = |next: Dialog| open.reform(move |_: MouseEvent| next.clone());
    if !admin {
        return html! {
            <section class="page" data-testid="page-no-access">
                <h1 class="page-title">{ i18n.t(Key::NoAccessHeading) }</h1>
                <p class="alert alert-warning">{ i18n.t(Key::CalAdminOnly) }</p>
            </section>
        };
    }
    let on_year = {
        let year = year.clone();
        Callback::from(move |v: String| {
            if let Ok(y) = v.parse() {
                year.set(y);
            }
        })
    };
    let years = (this_year - 2..=this_year + 2)
        .map(|y| (y.to_string(), y.to_string()))
        .collect::<Vec<_>>();
    let (rows, summary) = match &loaded.state {
        Load::Loading => (
            html! { <tr><td colspan="5"><p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p></td></tr> },
            String::new(),
        ),
        Load::Failed(e) => (
            html! { <tr><td colspan="5">{ table::load_error(&i18n, e, &loaded.reload) }</td></tr> },
            String::new(),
        ),
        Load::Ready(cal) => {
            let summary = fill_n(
                i18n.t(Key::CalSummary),
                &[
                    &cal.year.to_string(),
                    &cal.working_days.to_string(),
                    &cal.days.len().to_string(),
                ],
            );
            let rows = if cal.days.is_empty() {
                html! { <tr><td colspan="5" class="empty-state" data-testid="table-empty">{ i18n.t(Key::EmptyList) }</td></tr> }
            } else {
                cal.days
                    .iter()
                    .map(|d| html! {
                        <tr key={d.day.clone()} data-testid={format!("calendar-row-{}", d.day)}>
                            <td class="cell-mono">{ &d.day }</td>
                            <td>{ weekday(&d.day).map(|w| i18n.t(weekday_key(w))).unwrap_or_default() }</td>
                            <td>{ status_tag(locale, Status::Day(d.kind), None) }</td>
                            <td>{ &d.name }</td>
                            <td>
                                <div class="row-actions">
                                    <button type="button" class="link-button" data-testid={format!("calendar-edit-{}", d.day)}
                                        onclick={open(Dialog::Edit(d.clone()))}>{ i18n.t(Key::Edit) }</button>
                                    <button type="button" class="link-button link-danger" data-testid={format!("calendar-delete-{}", d.day)}
                                        onclick={open(Dialog::Delete(d.clone()))}>{ i18n.t(Key::Delete) }</button>
                                </div>
                            </td>
                        </tr>
                    })
                    .collect::<Html>()
            };
            (rows, summary)
        }
    };
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Add => {
            html! { <DayDialog day={None::<CalendarDay>} on_done={finish.clone()} on_close={close.clone()} /> }
        }
        Dialog::Edit(d) => {
            html! { <DayDialog day={Some(d.clone())} on_done={finish.clone()} on_close={close.clone()} /> }
        }
        Dialog::Delete(d) => {
            html! { <DeleteDialog day={d.clone()} on_done={finish.clone()} on_close={close.clone()} /> }
        }
    };
    html! {
        <section class="page" data-testid="page-calendar">
            <div class="page-heading">
                <h1 class="page-title">{ i18n.t(Key::CalHeading) }</h1>
                <div class="page-actions">
                    <button type="button" class="button button-primary" data-testid="calendar-add" onclick={open(Dialog::Add)}>
                        { i18n.t(Key::CalAdd) }
                    </button>
                </div>
            </div>
            <p class="muted page-intro">{ i18n.t(Key::CalIntro) }</p>
            { flash_view(control.flash.as_ref()) }
            <div class="filter-bar" role="search" aria-label={i18n.t(Key::FilterLabel)}>
                <SelectField name="filter-year" label={i18n.t(Key::RevYear)} options={years}
                    selected={year.to_string()} onchange={on_year} />
                <p class="muted" data-testid="calendar-summary">{ summary }</p>
            </div>
            <div class="panel panel-table">
                <table class="table" data-testid="calendar-table" aria-busy={loaded.busy.to_string()}>
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.t(Key::CalDay) }</th>
                            <th scope="col">{ i18n.t(Key::CalWeekday) }</th>
                            <th scope="col">{ i18n.t(Key::CalKind) }</th>
                            <th scope="col">{ i18n.t(Key::CalName) }</th>
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

/// Props of [`DayDialog`].
#[derive(Properties, PartialEq)]
struct DayProps {
    day: Option<CalendarDay>,
    on_done: Callback<Flash>,
    on_close: Callback<()>,
}

/// 新增 / 编辑 an exception day.
#[component]
fn DayDialog(props: &DayProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let pending = use_pending();
    let locale = i18n.locale;
    let on_submit = {
        let (pending, store, on_done) = (
            pending.clone(),
            session.store.clone(),
            props.on_done.clone(),
        );
        Callback::from(move |form: FormValues| {
            let (day, name) = (form.text("day"), form.text("name"));
            let Some(kind) = CalendarDayKind::parse(&form.text("kind")) else {
                pending.fail(t(locale, Key::FieldsRequired));
                return;
            };
            if day.is_empty() || name.is_empty() {
                pending.fail(t(locale, Key::FieldsRequired));
                return;
            }
            let (store, on_done) = (store.clone(), on_done.clone());
            let request = PutCalendarDay { kind, name };
            pending.run(
                async move { api::calendar::put(&store, &day, &request, locale).await },
                move |d| on_done.emit(Flash::Success(fill(t(locale, Key::CalSaved), &d.day))),
            );
        })
    };
    let d = props.day.as_ref();
    html! {
        <FormDialog title={i18n.t(if d.is_some() { Key::CalEdit } else { Key::CalAdd })} name="calendar"
            submit_label={i18n.t(Key::Save)} {pending} {on_submit} on_close={props.on_close.clone()}>
            <TextField name="day" testid="calendar-day" label={i18n.t(Key::CalDay)} input_type="date" required=true
                value={d.map(|d| d.day.clone()).unwrap_or_default()} readonly={d.is_some()} />
            <SelectField name="kind" label={i18n.t(Key::CalKind)} required=true
                options={enum_options(CalendarDayKind::ALL, CalendarDayKind::as_str, |k| k.label(locale))}
                selected={d.map_or("holiday", |d| d.kind.as_str())} hint={i18n.t(Key::CalKindHint)} />
            <TextField name="name" testid="calendar-name" label={i18n.t(Key::CalName)} required=true maxlength={50}
                value={d.map(|d| d.name.clone()).unwrap_or_default()} />
        </FormDialog>
    }
}

/// Props of [`DeleteDialog`].
#[derive(Properties, PartialEq)]
struct DeleteProps {
    day: CalendarDay,
    on_done: Callback<Flash>,
    on_close: Callback<()>,
}

/// 删除 an exception: the day follows the Monday–Friday rule again.
#[component]
fn DeleteDialog(props: &DeleteProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let pending = use_pending();
    let locale = i18n.locale;
    let on_submit = {
        let (pending, store, on_done) = (
            pending.clone(),
            session.store.clone(),
            props.on_done.clone(),
        );
        let day = props.day.day.clone();
        Callback::from(move |_: FormValues| {
            let (store, on_done, day) = (store.clone(), on_done.clone(), day.clone());
            let shown = day.clone();
            pending.run(
                async move { api::calendar::delete(&store, &day, locale).await },
                move |()| on_done.emit(Flash::Success(fill(t(locale, Key::CalDeleted), &shown))),
            );
        })
    };
    let label = crate::i18n::paren(locale, &props.day.day, &props.day.name);
    html! {
        <FormDialog title={i18n.t(Key::Delete)} name="calendar-delete" submit_label={i18n.t(Key::Delete)} danger=true
            {pending} {on_submit} on_close={props.on_close.clone()}>
            <p class="confirm-message">{ fill(i18n.t(Key::CalConfirmDelete), &label) }</p>
        </FormDialog>
    }
}
