//! 评审工作备案 (manual §6.2.11, modules `title.filing.{submit,audit,query}`): one list for the
//! three modules — the organising unit files a session whose result publicity is complete
//! (新建备案), the HRSS above audits (审核通过 / 审核不通过 with an opinion), and everyone
//! holding a filing module queries its subtree's filings, with 导出 and 打印.

use shared::review_filing::{
    CreateReviewFiling, ReviewFiling, ReviewFilingDecision, ReviewFilingStatus,
};
use shared::Module;
use yew::prelude::*;
use yew_router::prelude::use_navigator;

use crate::api;
use crate::components::alert::Flash;
use crate::components::form::{enum_options, FormValues, SelectField};
use crate::components::nav_link::NavLink;
use crate::hooks::use_api;
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::dialog::{approve_or_reject, use_pending, DecideProps, FormDialog};
use crate::kit::fields::{OpinionField, TextField};
use crate::kit::filters::{number, select, unit};
use crate::kit::format::china_time;
use crate::kit::list::{col, decision_buttons, id_row, text_col, use_list_dialogs, ListPage};
use crate::kit::tags::{status_tag, Status};
use crate::routes::Route;
use crate::state::session::{use_session, Status as SessionStatus};

#[derive(Clone, PartialEq, Default)]
enum Dialog {
    #[default]
    None,
    New,
    Decide(Box<ReviewFiling>, bool),
}

/// The filing list.
#[component]
pub fn ReviewFilings() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let locale = i18n.locale;
    let (control, dialog, open, close, finish) = use_list_dialogs::<Dialog>();
    let submitter =
        matches!(&session.status, SessionStatus::SignedIn(s) if s.holds(Module::FilingSubmit));
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::New => html! { <NewFilingDialog on_close={close} /> },
        Dialog::Decide(f, approve) => html! {
            <DecideDialog item={(**f).clone()} approve={*approve} on_done={finish} on_close={close} />
        },
    };
    let to = open.clone();
    let columns = vec![
        col(i18n.t(Key::RfCommittee), |f: &ReviewFiling| {
            html! { <>
                <NavLink to={Route::ReviewFiling { id: f.id }} classes="link" testid={format!("filing-{}", f.id)}>{ &f.committee }</NavLink>
                <span class="muted cell-sub">{ &f.session }</span>
            </> }
        })
        .class("cell-name"),
        col(i18n.t(Key::SesYear), |f: &ReviewFiling| html! { { f.year } }),
        text_col(i18n.t(Key::RfUnit), |f: &ReviewFiling| &f.unit),
        col(i18n.t(Key::StatusLabel), move |f: &ReviewFiling| {
            status_tag(locale, Status::ReviewFiling(f.status), None)
        }),
        col(i18n.t(Key::RfSubmitted), |f: &ReviewFiling| {
            html! { <>{ f.submitted_by.clone().unwrap_or_default() }
            <span class="muted cell-sub">{ f.submitted_at.as_deref().map(china_time).unwrap_or_default() }</span></> }
        }),
        col(i18n.t(Key::AffDecision), |f: &ReviewFiling| {
            html! { <>{ f.audited_by.clone().unwrap_or_default() }
            if let Some(opinion) = &f.opinion { <span class="muted cell-sub">{ opinion }</span> }</> }
        }),
        col(i18n.t(Key::Actions), move |f: &ReviewFiling| {
            let testids = [format!("approve-rf-{}", f.id), format!("reject-rf-{}", f.id)];
            let labels = [t(locale, Key::AffApprove), t(locale, Key::AffReject)];
            let decide = |approve| Dialog::Decide(Box::new(f.clone()), approve);
            html! { if f.can_decide { { decision_buttons(&to, testids, labels, decide) } } }
        }),
    ];
    let actions = html! { if submitter {
        <button type="button" class="button button-primary" data-testid="new-rf" onclick={open.reform(|_| Dialog::New)}>
            { i18n.t(Key::RfNew) }
        </button>
    } };
    html! {
        <ListPage<ReviewFiling> name="review-filings" title={i18n.t(Key::RfTitle)} path="/api/v1/review-filings"
            intro={i18n.t(Key::RfIntro)} export=true
            filters={vec![
                select("status", i18n.t(Key::StatusLabel), enum_options(ReviewFilingStatus::ALL, ReviewFilingStatus::as_str, |s| s.label(locale))),
                number("year", i18n.t(Key::SesYear)),
                number("committee_id", i18n.t(Key::SesCommitteeId)),
                unit("unit_id", i18n.t(Key::RfUnit)),
            ]} {columns} {actions} control={control.clone()}>
            { dialog_view }
        </ListPage<ReviewFiling>>
    }
}

id_row!(ReviewFiling);

#[derive(Properties, PartialEq)]
struct NewProps {
    on_close: Callback<()>,
}

/// 新建备案: a session whose result publicity is complete and a note; saved as a draft, then
/// the filing's page takes the four kinds of file.
#[component]
fn NewFilingDialog(props: &NewProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let pending = use_pending();
    let navigator = use_navigator();
    let locale = i18n.locale;
    let sessions = use_state(|| None::<Vec<(String, String)>>);
    {
        let (sessions, api) = (sessions.clone(), api.clone());
        use_effect_with((), move |_| {
            yew::platform::spawn_local(async move {
                let list = api::review_filing::filable_sessions(&api)
                    .await
                    .unwrap_or_default();
                sessions.set(Some(
                    list.iter()
                        .map(|s| {
                            (
                                s.id.to_string(),
                                format!("{} · {}（{}）", s.committee, s.name, s.year),
                            )
                        })
                        .collect(),
                ));
            });
        });
    }
    let on_submit = {
        let (pending, api) = (pending.clone(), api.clone());
        Callback::from(move |form: FormValues| {
            let Ok(session_id) = form.text("session_id").parse::<i64>() else {
                pending.fail(t(locale, Key::RfSessionRequired));
                return;
            };
            let request = CreateReviewFiling {
                session_id,
                note: form.text("note"),
            };
            let (api, navigator) = (api.clone(), navigator.clone());
            pending.run(
                async move { api::review_filing::create(&api, &request).await },
                move |f| {
                    if let Some(n) = navigator {
                        n.push(&Route::ReviewFiling { id: f.id });
                    }
                },
            );
        })
    };
    let options = (*sessions).clone().unwrap_or_default();
    let none = sessions.as_ref().is_some_and(Vec::is_empty);
    html! {
        <FormDialog title={i18n.t(Key::RfNew)} name="rf-new" submit_label={i18n.t(Key::RfSaveDraft)}
            {pending} {on_submit} on_close={props.on_close.clone()}>
            <SelectField name="session_id" label={i18n.t(Key::RfSession)} required=true
                empty={i18n.t(Key::SelectPlaceholder)} {options} />
            if none { <p class="muted" data-testid="rf-no-sessions">{ i18n.t(Key::RfNoSessions) }</p> }
            <OpinionField name="note" testid="rf-note" label={i18n.t(Key::RfNote)} maxlength={2000} />
        </FormDialog>
    }
}

/// 审核通过 / 审核不通过 of a filing: what is decided on, the optional 批准文号 when approving
/// (the certificates the approval issues carry it), and the opinion (required to reject).
#[component]
pub fn DecideDialog(props: &DecideProps<ReviewFiling>) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let pending = use_pending();
    let locale = i18n.locale;
    let approve = props.approve;
    let f = &props.item;
    let on_submit = {
        let (pending, on_done) = (pending.clone(), props.on_done.clone());
        let (id, version, name) = (f.id, f.version, f.session.clone());
        Callback::from(move |form: FormValues| {
            let opinion = form.opt("opinion");
            if !approve && opinion.is_none() {
                return pending.fail_at("opinion", t(locale, Key::AffOpinionRequired));
            }
            let decision = ReviewFilingDecision {
                approve,
                opinion,
                approval_document: form.opt("approval_document").filter(|_| approve),
                version,
            };
            let (api, on_done, name) = (api.clone(), on_done.clone(), name.clone());
            pending.run(
                async move { api::review_filing::decide(&api, id, &decision).await },
                move |_| {
                    let key = if approve {
                        Key::ComApprovedDone
                    } else {
                        Key::ComRejectedDone
                    };
                    on_done.emit(Flash::Success(fill(t(locale, key), &name)));
                },
            );
        })
    };
    let action = approve_or_reject(locale, approve);
    html! {
        <FormDialog title={action} name="decide-rf" submit_label={action} danger={!approve}
            {pending} {on_submit} on_close={props.on_close.clone()}>
            <dl class="facts">
                <dt>{ i18n.t(Key::RfCommittee) }</dt>
                <dd>{ &f.committee }</dd>
                <dt>{ i18n.t(Key::RfSession) }</dt>
                <dd>{ &f.session }</dd>
                <dt>{ i18n.t(Key::RfUnit) }</dt>
                <dd>{ &f.unit }</dd>
                <dt>{ i18n.t(Key::RfNote) }</dt>
                <dd class="pre-wrap">{ &f.note }</dd>
            </dl>
            if approve {
                <TextField name="approval_document" label={i18n.t(Key::CertApprovalDocument)} maxlength={64}
                    hint={i18n.t(Key::CertApprovalDocumentHint)} />
            }
            <OpinionField label={i18n.t(Key::AffOpinion)} required={!approve} />
        </FormDialog>
    }
}
