//! 工作日历 (SPEC §4.3), for the system administrator: the exceptions of a year to the
//! Monday–Friday rule (法定节假日, 调休上班日), added, renamed and removed. Publicity periods
//! count working days by it. A kit list: the year in the URL, 导出 (`/api/v1/calendar/export`)
//! and 打印.

use shared::calendar::{CalendarDay, CalendarDayKind, PutCalendarDay};
use shared::AccountKind;
use yew::prelude::*;

use yew_router::prelude::use_location;

use crate::api::{self, Api};
use crate::components::alert::Flash;
use crate::components::form::{options_of, SelectField};
use crate::hooks::{use_api, use_api_load, Load};
use crate::i18n::{fill, fill_n, paren, t, use_i18n, Key, Locale};
use crate::kit::dialog::{
    act, confirm_question, use_submit, ConfirmAction, EditProps, FormDialog, Refusal,
};
use crate::kit::fields::TextField;
use crate::kit::filters;
use crate::kit::list::{
    col, edit_and_delete, row_buttons, text_col, use_list_dialogs, ListPage, Row,
};
use crate::kit::query::ListQuery;
use crate::kit::tags::{status_tag, Status};
use crate::pages::title::review::publicity_rules::{china_today, weekday, weekday_key};
use crate::state::session::use_session;

#[derive(Clone, PartialEq, Default)]
enum Dialog {
    #[default]
    None,
    Add,
    Edit(CalendarDay),
    Delete(CalendarDay),
}

impl Row for CalendarDay {
    fn key(&self) -> String {
        self.day.clone()
    }

    fn status(&self) -> Option<&'static str> {
        Some(self.kind.as_str())
    }
}

/// The page (system administrators only; the API agrees): the kit's list of the year's
/// exceptions, the year in the URL (`?year=`, the current China year when absent).
#[component]
pub fn WorkCalendar() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let locale = i18n.locale;
    let (control, dialog, open, close, finish) = use_list_dialogs::<Dialog>();
    let this_year: i32 = china_today()
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(2026);
    let location = use_location();
    let year = ListQuery::parse(location.as_ref().map_or("", |l| l.query_str()))
        .get("year")
        .and_then(|y| y.parse().ok())
        .unwrap_or(this_year);
    // The year's working-day count, beside the list (the same answer the list reads).
    let summary = use_api_load((year, control.ticks()), move |api, (year, _)| async move {
        api::calendar::year(&api, year).await
    });
    let admin = session
        .status
        .signed_in()
        .is_some_and(|s| s.user.kind == AccountKind::SystemAdmin);
    if !admin {
        return html! {
            <section class="page" data-testid="page-no-access">
                <h1 class="page-title">{ i18n.t(Key::NoAccessHeading) }</h1>
                <p class="alert alert-warning">{ i18n.t(Key::CalAdminOnly) }</p>
            </section>
        };
    }
    let years = (this_year - 2..=this_year + 2)
        .map(|y| (y.to_string(), y.to_string()))
        .collect::<Vec<_>>();
    let filters = vec![filters::choice(
        "year",
        i18n.t(Key::RevYear),
        years,
        this_year.to_string(),
    )];
    let columns = vec![
        text_col(i18n.t(Key::CalDay), |d: &CalendarDay| &d.day).class("cell-mono"),
        col(i18n.t(Key::CalWeekday), move |d: &CalendarDay| {
            html! { { weekday(&d.day).map(|w| t(locale, weekday_key(w))).unwrap_or_default() } }
        }),
        col(i18n.t(Key::CalKind), move |d: &CalendarDay| {
            status_tag(locale, Status::Day(d.kind), None)
        }),
        text_col(i18n.t(Key::CalName), |d: &CalendarDay| &d.name),
        col(i18n.t(Key::Actions), {
            let open = open.clone();
            move |d: &CalendarDay| {
                let on = |next: Dialog| open.reform(move |_: MouseEvent| next.clone());
                row_buttons(edit_and_delete(
                    locale,
                    on(Dialog::Edit(d.clone())),
                    on(Dialog::Delete(d.clone())),
                ))
            }
        }),
    ];
    let actions = html! {
        <button type="button" class="button button-primary" data-testid="btn-new-day"
            onclick={open.reform(|_: MouseEvent| Dialog::Add)}>
            { i18n.t(Key::CalAdd) }
        </button>
    };
    let above = match &summary.state {
        Load::Ready(cal) => html! {
            <p class="muted" data-testid="calendar-summary">
                { fill_n(i18n.t(Key::CalSummary), &[&cal.year.to_string(), &cal.working_days.to_string(), &cal.days.len().to_string()]) }
            </p>
        },
        Load::Loading | Load::Failed(_) => Html::default(),
    };
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Add => {
            html! { <DayDialog on_done={finish.clone()} on_close={close.clone()} /> }
        }
        Dialog::Edit(d) => {
            html! { <DayDialog item={Some(d.clone())} on_done={finish.clone()} on_close={close.clone()} /> }
        }
        Dialog::Delete(d) => delete_view(locale, &api, d, finish.clone(), close.clone()),
    };
    html! {
        <ListPage<CalendarDay> name="calendar" title={i18n.t(Key::CalHeading)} path="/api/v1/calendar" wrapped=true
            {filters} {columns} {actions} {above} control={control.clone()} intro={i18n.t(Key::CalIntro)}>
            { dialog_view }
        </ListPage<CalendarDay>>
    }
}

/// 删除 an exception (one confirmation): the day follows the Monday–Friday rule again.
fn delete_view(
    locale: Locale,
    api: &Api,
    day: &CalendarDay,
    on_done: Callback<Flash>,
    on_cancel: Callback<()>,
) -> Html {
    let (api, shown) = (api.clone(), day.day.clone());
    let request = act(move || {
        let (api, day) = (api.clone(), shown.clone());
        async move {
            api::calendar::delete(&api, &day).await?;
            Ok(Flash::Success(fill(t(locale, Key::CalDeleted), &day)))
        }
    });
    let object = paren(locale, &day.day, &day.name);
    html! {
        <ConfirmAction action={t(locale, Key::Delete)} danger=true act={request}
            message={confirm_question(locale, t(locale, Key::Delete), &object)} {on_done} {on_cancel} />
    }
}

/// 新增 / 编辑 an exception day.
#[component]
fn DayDialog(props: &EditProps<CalendarDay>) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let (pending, on_submit) = use_submit(&props.on_done, move |api, form| {
        let (day, name) = (form.text("day"), form.text("name"));
        let kind = CalendarDayKind::parse(&form.text("kind"))
            .filter(|_| !day.is_empty() && !name.is_empty())
            .ok_or_else(|| Refusal::new(t(locale, Key::FieldsRequired)))?;
        let request = PutCalendarDay { kind, name };
        Ok(async move {
            let d = api::calendar::put(&api, &day, &request).await;
            d.map(|d| Flash::Success(fill(t(locale, Key::CalSaved), &d.day)))
        })
    });
    let d = props.item.as_ref();
    html! {
        <FormDialog title={i18n.t(if d.is_some() { Key::CalEdit } else { Key::CalAdd })} name="calendar"
            submit_label={i18n.t(Key::Save)} {pending} {on_submit} on_close={props.on_close.clone()}>
            <TextField name="day" testid="calendar-day" label={i18n.t(Key::CalDay)} input_type="date" required=true
                value={d.map(|d| d.day.clone()).unwrap_or_default()} readonly={d.is_some()} />
            <SelectField name="kind" label={i18n.t(Key::CalKind)} required=true
                options={options_of::<CalendarDayKind>(locale)}
                selected={d.map_or("holiday", |d| d.kind.as_str())} hint={i18n.t(Key::CalKindHint)} />
            <TextField name="name" testid="calendar-name" label={i18n.t(Key::CalName)} required=true maxlength={50}
                value={d.map(|d| d.name.clone()).unwrap_or_default()} />
        </FormDialog>
    }
}
