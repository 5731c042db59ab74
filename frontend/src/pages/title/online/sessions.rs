//! 评委会管理 (`title.online.sessions`, manual §6.2.10.1): the sessions the caller sees (its
//! own committees', an HRSS also those below it), filtered in the URL, exported, and 组建评委会.

use shared::experts::SessionStatus;
use shared::sessions::{NewSession, ReviewSession};
use shared::Module;
use yew::prelude::*;

use crate::api;
use crate::components::alert::Flash;
use crate::components::form::enum_options;
use crate::components::nav_link::NavLink;
use crate::hooks::use_api;
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::dialog::{use_submit, DoneProps, FormDialog, Refusal};
use crate::kit::fields::TextField;
use crate::kit::filters::{number, select};
use crate::kit::list::{col, id_row, text_col, use_list_dialogs, ListPage};
use crate::kit::tags::{status_tag, Status};
use crate::routes::Route;

#[derive(Clone, PartialEq, Default)]
enum Dialog {
    #[default]
    None,
    New,
}

/// The session list with 组建评委会.
#[component]
pub fn Sessions() -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let (control, dialog, open, close, finish) = use_list_dialogs::<Dialog>();
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::New => html! { <NewDialog on_done={finish} on_close={close} /> },
    };
    let columns = vec![
        col(i18n.t(Key::SesName), |s: &ReviewSession| {
            html! { <>
                <NavLink to={Route::OnlineSession { id: s.id }} classes="link" testid={format!("session-{}", s.id)}>{ &s.name }</NavLink>
                <span class="muted cell-sub">{ &s.committee.name }</span>
            </> }
        })
        .class("cell-name"),
        col(i18n.t(Key::SesYear), |s: &ReviewSession| html! { { s.year } }),
        text_col(i18n.t(Key::SesDate), |s: &ReviewSession| &s.session_date),
        col(i18n.t(Key::SesStatus), move |s: &ReviewSession| {
            status_tag(locale, Status::Session(s.status), None)
        }),
        col(i18n.t(Key::SesGroupsExperts), |s: &ReviewSession| {
            html! { { format!("{} / {}", s.group_count, s.expert_count) } }
        }),
    ];
    let actions = html! {
        <button type="button" class="button button-primary" data-testid="new-session" onclick={open.reform(|_| Dialog::New)}>
            { i18n.t(Key::SesNew) }
        </button>
    };
    html! {
        <ListPage<ReviewSession> name="sessions" title={Module::Sessions.name(locale)} path="/api/v1/review-sessions"
            intro={i18n.t(Key::SesIntro)}
            filters={vec![
                select("status", i18n.t(Key::SesStatus), enum_options(SessionStatus::ALL, SessionStatus::as_str, |s| s.label(locale))),
                number("year", i18n.t(Key::SesYear)),
                number("committee_id", i18n.t(Key::SesCommitteeId)),
            ]} {columns} {actions} control={control.clone()}>
            { dialog_view }
        </ListPage<ReviewSession>>
    }
}

id_row!(ReviewSession);

/// 组建评委会: committee (of the caller's unit), year, name, date.
#[component]
fn NewDialog(props: &DoneProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let committees = use_state(Vec::<(String, String)>::new);
    {
        let (committees, api) = (committees.clone(), api.clone());
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                if let Ok(page) = api::committees::committees(&api).await {
                    committees.set(
                        page.items
                            .iter()
                            .map(|c| (c.id.to_string(), c.name.clone()))
                            .collect(),
                    );
                }
            });
        });
    }
    let (pending, on_submit) = use_submit(&props.on_done, move |api, form| {
        let body = NewSession {
            committee_id: form.text("committee_id").parse().unwrap_or_default(),
            year: form.text("year").parse().unwrap_or_default(),
            name: form.text("name"),
            session_date: form.text("session_date"),
        };
        if body.committee_id == 0 || body.name.is_empty() || body.session_date.is_empty() {
            return Err(Refusal::new(t(locale, Key::FieldsRequired)));
        }
        Ok(async move {
            let s = api::sessions::create(&api, &body).await;
            s.map(|s| Flash::Success(fill(t(locale, Key::SesCreated), &s.name)))
        })
    });
    html! {
        <FormDialog title={i18n.t(Key::SesNew)} name="session" submit_label={i18n.t(Key::SesNew)}
            {pending} {on_submit} on_close={props.on_close.clone()}>
            <crate::components::form::SelectField name="committee_id" label={i18n.t(Key::SesCommittee)} required=true
                empty={i18n.t(Key::SelectPlaceholder)} options={(*committees).clone()} />
            <div class="form-grid">
                <TextField name="year" testid="session-year" label={i18n.t(Key::SesYear)} input_type="number" required=true />
                <TextField name="session_date" testid="session-date" label={i18n.t(Key::SesDate)} input_type="date" required=true />
            </div>
            <TextField name="name" testid="session-name" label={i18n.t(Key::SesName)} required=true maxlength={100} />
        </FormDialog>
    }
}
