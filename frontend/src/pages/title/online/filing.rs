//! One review filing (评审工作备案, manual §6.2.11): the session and note, the four kinds of file
//! (评委会通知, 评审结果公示名单, 公示情况说明, 任职资格文件) each with its upload slot while the
//! filing may change, 申报 once none is missing, and the HRSS's 审核通过 / 审核不通过.

use shared::review_filing::{
    transition, FilingFileKind, ReviewFilingAction, ReviewFilingStatus, UpdateReviewFiling,
};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::filings::DecideDialog;
use super::outcome;
use crate::api::{self, ApiError};
use crate::components::alert::Flash;
use crate::components::nav_link::NavLink;
use crate::download;
use crate::hooks::{use_api, use_api_load};
use crate::i18n::{use_i18n, Key};
use crate::kit::detail::loaded_or_page;
use crate::kit::dialog::{act, confirm_question, ConfirmAction};
use crate::kit::fields::take_chosen_file;
use crate::kit::format::{china_time, file_size};
use crate::kit::tags::{status_tag, Status};
use crate::routes::Route;

/// Props of [`ReviewFilingPage`].
#[derive(Properties, PartialEq)]
pub struct ReviewFilingProps {
    /// Filing id.
    pub id: i64,
}

/// What the page asks to confirm: 申报, or deleting a file (id, name).
#[derive(Clone, PartialEq)]
enum Ask {
    Submit,
    Delete(i64, String),
}

/// The page.
#[component]
pub fn ReviewFilingPage(props: &ReviewFilingProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let id = props.id;
    let loaded = use_api_load(id, move |api, id| async move {
        api::review_filing::get(&api, id).await
    });
    let result = use_state(|| None::<Result<Key, ApiError>>);
    let deciding = use_state(|| None::<bool>);
    let asking = use_state(|| None::<Ask>);
    let note = use_node_ref();
    let back = html! {
        <NavLink to={Route::ReviewFilings} classes="button" testid="back-to-filings">{ i18n.t(Key::RfBack) }</NavLink>
    };
    let f = match loaded_or_page(&i18n, &loaded, "page-review-filing", back.clone()) {
        Ok(f) => (*f).clone(),
        Err(page) => return page,
    };
    let reload = loaded.reload.clone();
    let finish = {
        let (result, reload) = (result.clone(), reload.clone());
        move |answer: Result<Key, ApiError>| {
            result.set(Some(answer));
            reload.emit(());
        }
    };
    let upload = |kind: FilingFileKind| {
        let (api, finish) = (api.clone(), finish.clone());
        Callback::from(move |e: Event| {
            let Some(file) = take_chosen_file(&e) else {
                return;
            };
            let (api, finish) = (api.clone(), finish.clone());
            spawn_local(async move {
                let answer = api::review_filing::upload(&api, id, kind, &file).await;
                finish(answer.map(|_| Key::RfUploaded));
            });
        })
    };
    let fetch_file = |file: i64, name: String| {
        let (api, result) = (api.clone(), result.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, result, name) = (api.clone(), result.clone(), name.clone());
            spawn_local(async move {
                match api::review_filing::content(&api, id, file).await {
                    Ok(bytes) => {
                        download::save(&bytes, &name, "application/octet-stream");
                    }
                    Err(e) => result.set(Some(Err(e))),
                }
            });
        })
    };
    let ask = |what: Ask| {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(Some(what.clone())))
    };
    let on_save = {
        let (api, finish, note) = (api.clone(), finish.clone(), note.clone());
        let version = f.version;
        Callback::from(move |_: MouseEvent| {
            let Some(text) = note
                .cast::<web_sys::HtmlTextAreaElement>()
                .map(|a| a.value())
            else {
                return;
            };
            let (api, finish) = (api.clone(), finish.clone());
            spawn_local(async move {
                let request = UpdateReviewFiling {
                    version,
                    note: text,
                };
                let answer = api::review_filing::update(&api, id, &request).await;
                finish(answer.map(|_| Key::RfSaved));
            });
        })
    };
    let slots = FilingFileKind::ALL.iter().map(|&kind| {
        let files: Vec<_> = f.files.iter().filter(|x| x.kind == kind).collect();
        let input_id = format!("rf-file-{}", kind.as_str());
        html! {
            <tr key={kind.as_str()} data-testid={format!("rf-slot-{}", kind.as_str())}>
                <th scope="row">{ kind.label(locale) }<span class="required-mark">{ "*" }</span></th>
                <td>
                    if files.is_empty() { <span class="muted" data-testid="rf-missing">{ i18n.t(Key::RfNoFile) }</span> }
                    { for files.iter().map(|x| html! {
                        <div key={x.id} class="file-line" data-testid={format!("rf-file-{}", x.id)}>
                            <button type="button" class="link-button" onclick={fetch_file(x.id, x.file_name.clone())}>{ &x.file_name }</button>
                            <span class="muted">{ format!(" {} · {}", file_size(x.size), china_time(&x.uploaded_at)) }</span>
                            if f.can_edit {
                                { " " }
                                <button type="button" class="button button-small" data-testid={format!("rf-delete-{}", x.id)}
                                    onclick={ask(Ask::Delete(x.id, x.file_name.clone()))}>{ i18n.t(Key::OrDelete) }</button>
                            }
                        </div>
                    }) }
                </td>
                if f.can_edit {
                    <td>
                        <label class="visually-hidden" for={input_id.clone()}>{ kind.label(locale) }</label>
                        <input type="file" id={input_id.clone()} data-testid={input_id}
                            accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx" onchange={upload(kind)} />
                    </td>
                }
            </tr>
        }
    });
    let may_submit = f.can_edit && transition(f.status, ReviewFilingAction::Submit).is_some();
    let confirmation = match (*asking).clone() {
        None => Html::default(),
        Some(what) => {
            let on_cancel = {
                let asking = asking.clone();
                Callback::from(move |()| asking.set(None))
            };
            let (key, action, message) = match &what {
                Ask::Submit => (
                    Key::RfSubmittedDone,
                    i18n.t(Key::RfSubmit),
                    i18n.t(Key::RfSubmitConfirm).to_owned(),
                ),
                Ask::Delete(_, name) => (
                    Key::RfDeleted,
                    i18n.t(Key::OrDelete),
                    confirm_question(locale, i18n.t(Key::OrDelete), name),
                ),
            };
            let on_done = {
                let (asking, finish) = (asking.clone(), finish.clone());
                Callback::from(move |_: Flash| {
                    asking.set(None);
                    finish(Ok(key));
                })
            };
            let (api, version) = (api.clone(), f.version);
            let danger = matches!(what, Ask::Delete(..));
            let request = act(move || {
                let (api, what) = (api.clone(), what.clone());
                async move {
                    match what {
                        Ask::Submit => api::review_filing::submit(&api, id, version)
                            .await
                            .map(|_| ()),
                        Ask::Delete(file, _) => {
                            api::review_filing::delete_file(&api, id, file).await
                        }
                    }
                    .map(|()| Flash::Success(crate::i18n::t(locale, key).into()))
                }
            });
            html! { <ConfirmAction {action} {message} {danger} act={request} {on_done} {on_cancel} /> }
        }
    };
    let dialog = match *deciding {
        Some(approve) => {
            let close = {
                let deciding = deciding.clone();
                Callback::from(move |()| deciding.set(None))
            };
            let done = {
                let (deciding, reload) = (deciding.clone(), reload.clone());
                Callback::from(move |_: Flash| {
                    deciding.set(None);
                    reload.emit(());
                })
            };
            html! { <DecideDialog item={f.clone()} {approve} on_done={done} on_close={close} /> }
        }
        None => Html::default(),
    };
    let decide = |approve: bool| {
        let deciding = deciding.clone();
        Callback::from(move |_: MouseEvent| deciding.set(Some(approve)))
    };
    html! {
        <section class="page" data-testid="page-review-filing">
            <div class="page-heading">
                <h1 class="page-title">{ format!("{} · {}", f.committee, f.session) }</h1>
                { status_tag(locale, Status::ReviewFiling(f.status), None) }
            </div>
            { outcome(locale, &result) }
            <dl class="facts panel">
                <dt>{ i18n.t(Key::RfUnit) }</dt><dd>{ &f.unit }</dd>
                <dt>{ i18n.t(Key::SesYear) }</dt><dd>{ f.year }</dd>
                <dt>{ i18n.t(Key::RfSubmitted) }</dt>
                <dd>{ format!("{} {}", f.submitted_by.clone().unwrap_or_default(), f.submitted_at.as_deref().map(china_time).unwrap_or_default()) }</dd>
                <dt>{ i18n.t(Key::AffDecision) }</dt>
                <dd data-testid="rf-opinion">{ format!("{} {}", f.audited_by.clone().unwrap_or_default(), f.opinion.clone().unwrap_or_default()) }</dd>
                if let Some(document) = &f.approval_document {
                    <dt>{ i18n.t(Key::CertApprovalDocument) }</dt>
                    <dd data-testid="rf-approval-document">{ document }</dd>
                }
                if f.status == ReviewFilingStatus::Approved {
                    <dt>{ i18n.t(Key::CertIssued) }</dt>
                    <dd data-testid="rf-certificates-issued">{ f.certificates_issued }</dd>
                }
            </dl>
            <div class="panel">
                if f.can_edit {
                    <div class="field">
                        <label for="rf-note-edit">{ i18n.t(Key::RfNote) }</label>
                        <textarea id="rf-note-edit" ref={note} rows="4" maxlength="2000" data-testid="rf-note-edit"
                            value={f.note.clone()} />
                    </div>
                    <p><button type="button" class="button" data-testid="rf-save" onclick={on_save}>{ i18n.t(Key::RfSaveDraft) }</button></p>
                } else {
                    <h2 class="panel-title">{ i18n.t(Key::RfNote) }</h2>
                    <p class="pre-wrap" data-testid="rf-note-text">{ &f.note }</p>
                }
            </div>
            <div class="panel panel-table">
                <table class="table" data-testid="rf-files">
                    <caption>{ i18n.t(Key::RfFiles) }</caption>
                    <thead><tr>
                        <th scope="col">{ i18n.t(Key::RfKind) }</th>
                        <th scope="col">{ i18n.t(Key::OrFile) }</th>
                        if f.can_edit { <th scope="col">{ i18n.t(Key::Actions) }</th> }
                    </tr></thead>
                    <tbody>{ for slots }</tbody>
                </table>
            </div>
            <div class="form-actions">
                { back }
                if may_submit {
                    <button type="button" class="button button-primary" data-testid="rf-submit"
                        disabled={!f.missing.is_empty()} onclick={ask(Ask::Submit)}>{ i18n.t(Key::RfSubmit) }</button>
                }
                if f.can_decide {
                    <button type="button" class="button button-primary" data-testid="rf-approve" onclick={decide(true)}>{ i18n.t(Key::AffApprove) }</button>
                    <button type="button" class="button button-danger" data-testid="rf-reject" onclick={decide(false)}>{ i18n.t(Key::AffReject) }</button>
                }
            </div>
            { confirmation }
            { dialog }
        </section>
    }
}
