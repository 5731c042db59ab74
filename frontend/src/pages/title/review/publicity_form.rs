//! 新增公示 / 编辑公示: title, content, the period with its working days counted live, the
//! applications of the kind's stage (checkboxes) and, for 审查未通过公示, the standard template.

use std::rc::Rc;

use shared::publicity::{
    CreatePublicityBatch, PublicityBatchDetail, PublicityKind, UpdatePublicityBatch,
};
use yew::prelude::*;

use super::publicity_rules::{add_days, china_today, working_days_text};
use crate::api;
use crate::api::publicity::DeadlineInput;
use crate::components::alert::Flash;
use crate::components::form::FormValues;
use crate::hooks::{use_api, use_api_load, Load};
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::dialog::{use_pending, FormDialog};
use crate::kit::fields::TextField;

/// One application to choose.
#[derive(Debug, Clone, PartialEq)]
struct Choice {
    id: i64,
    name: String,
    id_number: String,
    detail: String,
}

/// Props of [`BatchForm`].
#[derive(Properties, PartialEq)]
pub struct BatchFormProps {
    /// The kind of a new batch.
    pub kind: PublicityKind,
    /// The draft to edit, or a new one.
    pub existing: Option<Rc<PublicityBatchDetail>>,
    /// Saved: the message.
    pub on_done: Callback<Flash>,
    /// Closed.
    pub on_close: Callback<()>,
}

/// The batch form in a wide dialog.
#[component]
pub fn BatchForm(props: &BatchFormProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let pending = use_pending();
    let locale = i18n.locale;
    let kind = props.kind;
    let existing = props.existing.clone();
    let init = |f: fn(&PublicityBatchDetail) -> String, default: &dyn Fn() -> String| {
        existing.as_deref().map_or_else(default, f)
    };
    let today = china_today();
    let title = use_state(|| init(|d| d.batch.title.clone(), &String::new));
    let content = use_state(|| init(|d| d.batch.content.clone(), &String::new));
    let start = use_state(|| init(|d| d.batch.period_start.clone(), &|| today.clone()));
    let end = use_state(|| {
        init(|d| d.batch.period_end.clone(), &|| {
            add_days(&today, 6).unwrap_or_default()
        })
    });
    // 审查未通过公示: the deadlines; blank fields take the API's documented defaults.
    let deadline = |f: fn(&shared::publicity::FailureDeadlines) -> String| {
        existing
            .as_deref()
            .and_then(|d| d.batch.deadlines.as_ref())
            .map(f)
            .unwrap_or_default()
    };
    let supplement = use_state(|| deadline(|d| d.supplement_deadline.clone()));
    let paper = use_state(|| deadline(|d| d.paper_deadline.clone()));
    let address = use_state(|| deadline(|d| d.paper_address.clone()));
    let phone = use_state(|| deadline(|d| d.paper_phone.clone()));
    let deadlines = DeadlineInput {
        supplement: (*supplement).clone(),
        paper: (*paper).clone(),
        address: (*address).clone(),
        phone: (*phone).clone(),
    };
    let selected = use_state(|| {
        existing
            .as_deref()
            .map(|d| d.items.iter().map(|i| i.application_id).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let working = use_api_load(
        ((*start).clone(), (*end).clone()),
        move |api, (s, e)| async move {
            if s.len() != 10 || e.len() != 10 || e < s {
                return Ok(None);
            }
            api::calendar::working_days(&api, &s, &e)
                .await
                .map(|w| Some(w.working_days))
        },
    );
    let result = kind == PublicityKind::Result;
    // 评审结果公示: the applications are those of a tallied session (manual §6.2.10.9).
    let chosen_session = use_state(|| existing.as_deref().and_then(|d| d.batch.session_id));
    let result_sessions = use_api_load(kind, move |api, kind| async move {
        if kind == PublicityKind::Result {
            api::publicity::result_sessions(&api).await
        } else {
            Ok(Vec::new())
        }
    });
    let candidates = use_api_load(kind, move |api, kind| async move {
        api::publicity::candidates(&api, kind).await
    });
    // The queue, and a draft's own applications should they no longer be in it.
    let mut choices: Vec<Choice> = match &candidates.state {
        Load::Ready(page) => page
            .items
            .iter()
            .map(|a| Choice {
                id: a.id,
                name: a.name.clone(),
                id_number: a.id_number.clone(),
                detail: format!(
                    "{} · {} · {}",
                    a.employer,
                    a.specialty,
                    a.level.label(locale)
                ),
            })
            .collect(),
        Load::Loading | Load::Failed(_) => Vec::new(),
    };
    if let Some(d) = existing.as_deref() {
        for item in &d.items {
            if !choices.iter().any(|c| c.id == item.application_id) {
                choices.push(Choice {
                    id: item.application_id,
                    name: item.name.clone(),
                    id_number: item.id_number.clone(),
                    detail: format!(
                        "{} · {} · {}",
                        item.employer,
                        item.specialty,
                        item.level.label(locale)
                    ),
                });
            }
        }
    }

    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    let on_content = {
        let content = content.clone();
        Callback::from(move |e: InputEvent| {
            use wasm_bindgen::JsCast;
            if let Some(area) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                content.set(area.value());
            }
        })
    };
    let toggle = |id: i64| {
        let selected = selected.clone();
        Callback::from(move |_: Event| {
            let mut next = (*selected).clone();
            if let Some(at) = next.iter().position(|&s| s == id) {
                next.remove(at);
            } else {
                next.push(id);
            }
            selected.set(next);
        })
    };
    let template_pending = use_pending();
    let on_template = {
        let (pending, api) = (template_pending.clone(), api.clone());
        let (title, content, start, end) =
            (title.clone(), content.clone(), start.clone(), end.clone());
        let deadlines = deadlines.clone();
        Callback::from(move |_: MouseEvent| {
            let (api, title, content) = (api.clone(), title.clone(), content.clone());
            let (s, e, d) = ((*start).clone(), (*end).clone(), deadlines.clone());
            pending.run(
                async move { api::publicity::failure_template(&api, &s, &e, &d).await },
                move |tpl| {
                    title.set(tpl.title);
                    content.set(tpl.content);
                },
            );
        })
    };
    let on_submit = {
        let (pending, api, on_done) = (pending.clone(), api.clone(), props.on_done.clone());
        let (title, content, start, end, selected) = (
            (*title).clone(),
            (*content).clone(),
            (*start).clone(),
            (*end).clone(),
            (*selected).clone(),
        );
        let existing = existing.clone();
        let deadlines = deadlines.clone();
        let chosen_session = *chosen_session;
        Callback::from(move |_: FormValues| {
            let (title, content) = (title.trim().to_owned(), content.trim().to_owned());
            let blank_ok = kind == PublicityKind::Failure && existing.is_none();
            if start.is_empty()
                || end.is_empty()
                || (!blank_ok && (title.is_empty() || content.is_empty()))
            {
                pending.fail(t(locale, Key::FieldsRequired));
                return;
            }
            if result && existing.is_none() && chosen_session.is_none() {
                pending.fail(t(locale, Key::PubChooseSession));
                return;
            }
            if !result && selected.is_empty() {
                pending.fail(t(locale, Key::PubNoApplications));
                return;
            }
            let (api, on_done) = (api.clone(), on_done.clone());
            let done = move |d: PublicityBatchDetail| {
                on_done.emit(Flash::Success(fill(
                    t(locale, Key::PubSaved),
                    &d.batch.title,
                )));
            };
            let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
            let failure = kind == PublicityKind::Failure;
            let given = |s: &str| if failure { opt(s) } else { None };
            match existing.as_deref() {
                Some(d) => {
                    let (id, request) = (
                        d.batch.id,
                        UpdatePublicityBatch {
                            version: d.batch.version,
                            title: Some(title),
                            content: Some(content),
                            period_start: Some(start.clone()),
                            period_end: Some(end.clone()),
                            application_ids: (!result).then(|| selected.clone()),
                            supplement_deadline: given(&deadlines.supplement),
                            paper_deadline: given(&deadlines.paper),
                            paper_address: given(&deadlines.address),
                            paper_phone: given(&deadlines.phone),
                        },
                    );
                    pending.run(
                        async move { api::publicity::update(&api, id, &request).await },
                        done,
                    );
                }
                None => {
                    let request = CreatePublicityBatch {
                        kind,
                        title: opt(&title),
                        content: opt(&content),
                        period_start: start.clone(),
                        period_end: end.clone(),
                        supplement_deadline: given(&deadlines.supplement),
                        paper_deadline: given(&deadlines.paper),
                        paper_address: given(&deadlines.address),
                        paper_phone: given(&deadlines.phone),
                        application_ids: if result { Vec::new() } else { selected.clone() },
                        session_id: if result { chosen_session } else { None },
                    };
                    pending.run(
                        async move { api::publicity::create(&api, &request).await },
                        done,
                    );
                }
            }
        })
    };

    let (days_text, short) = match &working.state {
        Load::Ready(days) => match **days {
            Some(n) => working_days_text(locale, n),
            None => (t(locale, Key::PubPeriodInvalid).to_owned(), true),
        },
        Load::Loading => (t(locale, Key::Loading).to_owned(), false),
        Load::Failed(e) => (e.message(locale), true),
    };
    let choice_rows = choices
        .iter()
        .map(|c| {
            let id = format!("batch-app-{}", c.id);
            html! {
                <label class="check" for={id.clone()} key={c.id}>
                    <input type="checkbox" id={id.clone()} data-testid={id} checked={selected.contains(&c.id)}
                        onchange={toggle(c.id)} />
                    <span>
                        { &c.name }{ " " }<span class="cell-mono muted">{ &c.id_number }</span>
                        <span class="muted cell-sub">{ &c.detail }</span>
                    </span>
                </label>
            }
        })
        .collect::<Html>();
    let choice_body = match &candidates.state {
        Load::Loading => {
            html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> }
        }
        Load::Failed(e) => html! { <p class="alert alert-error">{ e.message(locale) }</p> },
        Load::Ready(_) if choices.is_empty() => {
            html! { <p class="muted" data-testid="batch-apps-empty">{ i18n.t(Key::PubNoCandidates) }</p> }
        }
        Load::Ready(_) => choice_rows,
    };
    let session_body = match &result_sessions.state {
        Load::Loading => {
            html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> }
        }
        Load::Failed(e) => html! { <p class="alert alert-error">{ e.message(locale) }</p> },
        Load::Ready(list) if existing.is_some() => {
            let names = existing
                .iter()
                .flat_map(|d| d.items.iter())
                .map(|i| html! {
                    <li key={i.application_id}>
                        { &i.name }{ " " }
                        <span class="muted cell-sub">{ format!("{} · {}", i.employer, i.qualification) }</span>
                    </li>
                })
                .collect::<Html>();
            let name = list
                .iter()
                .find(|s| Some(s.id) == *chosen_session)
                .map(|s| format!("{} · {}", s.committee, s.name));
            html! {
                <>
                    if let Some(name) = name { <p>{ name }</p> }
                    <ul data-testid="batch-apps">{ names }</ul>
                </>
            }
        }
        Load::Ready(list) if list.is_empty() => {
            html! { <p class="muted" data-testid="batch-sessions-empty">{ i18n.t(Key::PubNoSessions) }</p> }
        }
        Load::Ready(list) => list
            .iter()
            .map(|s| {
                let id = format!("batch-session-{}", s.id);
                let on_pick = {
                    let (chosen, sid) = (chosen_session.clone(), s.id);
                    Callback::from(move |_: Event| chosen.set(Some(sid)))
                };
                html! {
                    <label class="check" for={id.clone()} key={s.id}>
                        <input type="radio" name="session" id={id.clone()} data-testid={id}
                            checked={*chosen_session == Some(s.id)} onchange={on_pick} />
                        <span>
                            { &s.name }
                            <span class="muted cell-sub">
                                { format!("{} · {} · {}", s.committee, s.year, fill(i18n.t(Key::PubSessionPassed), &s.passed.to_string())) }
                            </span>
                        </span>
                    </label>
                }
            })
            .collect::<Html>(),
    };
    let heading = if existing.is_some() {
        Key::PubEdit
    } else {
        Key::PubNew
    };
    let failure = kind == PublicityKind::Failure;
    html! {
        <FormDialog title={i18n.t(heading)} name="batch" submit_label={i18n.t(Key::PubSaveDraft)}
            wide=true {pending} {on_submit} on_close={props.on_close.clone()}>
            <TextField name="title" testid="batch-title" label={i18n.t(Key::PubTitle)} value={(*title).clone()}
                required={!failure} maxlength={200} oninput={set(&title)} />
            <div class="field">
                <label for="batch-content">
                    { i18n.t(Key::PubContent) }
                    if !failure { <span class="required-mark" title={i18n.t(Key::RequiredMark)}>{ "*" }</span> }
                </label>
                <textarea id="batch-content" name="content" rows="6" maxlength="10000" data-testid="batch-content"
                    value={(*content).clone()} oninput={on_content} />
                if failure {
                    <p class="field-hint">{ i18n.t(Key::PubTemplateHint) }</p>
                }
            </div>
            <div class="form-grid">
                <TextField name="period_start" testid="batch-start" label={i18n.t(Key::PubStart)} input_type="date"
                    value={(*start).clone()} required=true oninput={set(&start)} />
                <TextField name="period_end" testid="batch-end" label={i18n.t(Key::PubEnd)} input_type="date"
                    value={(*end).clone()} required=true oninput={set(&end)} />
            </div>
            <p class={classes!("alert", if short { "alert-warning" } else { "alert-info" })} role="status"
                data-testid="batch-working-days" data-short={short.to_string()}>
                { days_text }
            </p>
            if failure {
                <fieldset class="fieldset" data-testid="batch-deadlines">
                    <legend>{ i18n.t(Key::PubDeadlines) }</legend>
                    <div class="form-grid">
                        <TextField name="supplement_deadline" testid="batch-supplement-deadline" input_type="date"
                            label={i18n.t(Key::PubSupplementDeadline)} value={(*supplement).clone()}
                            hint={i18n.t(Key::PubSupplementDefault)} oninput={set(&supplement)} />
                        <TextField name="paper_deadline" testid="batch-paper-deadline" input_type="date"
                            label={i18n.t(Key::PubPaperDeadline)} value={(*paper).clone()}
                            hint={i18n.t(Key::PubPaperDefault)} oninput={set(&paper)} />
                        <TextField name="paper_address" testid="batch-paper-address" maxlength={200}
                            label={i18n.t(Key::PubPaperAddress)} value={(*address).clone()}
                            hint={i18n.t(Key::PubAddressDefault)} oninput={set(&address)} />
                        <TextField name="paper_phone" testid="batch-paper-phone" maxlength={20}
                            label={i18n.t(Key::PubPaperPhone)} value={(*phone).clone()}
                            hint={i18n.t(Key::PubPhoneDefault)} oninput={set(&phone)} />
                    </div>
                </fieldset>
                <p>
                    <button type="button" class="button" data-testid="fill-template" onclick={on_template}
                        disabled={*template_pending.busy}>
                        { i18n.t(Key::PubFillTemplate) }
                    </button>
                    if let Some(e) = &template_pending.error.message {
                        <span class="alert alert-error">{ e }</span>
                    }
                </p>
            }
            if result {
                <fieldset class="fieldset">
                    <legend>{ i18n.t(Key::PubChooseSession) }</legend>
                    <div class="checks checks-column" data-testid="batch-sessions">{ session_body }</div>
                </fieldset>
            } else {
                <fieldset class="fieldset">
                    <legend>{ fill(i18n.t(Key::PubChooseApplications), &selected.len().to_string()) }</legend>
                    <div class="checks checks-column" data-testid="batch-apps">{ choice_body }</div>
                </fieldset>
            }
        </FormDialog>
    }
}
