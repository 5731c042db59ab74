//! 专家推荐申请 / 专家推荐受理 (manual §6.5.4): a unit recommends a person to a committee with
//! its reason and proof files (证明材料, added and removed while pending); the committee's
//! organising unit or the HRSS above it reads them and accepts (into pre-entry) or declines
//! with an opinion.

use shared::expert_pool::{
    CreateRecommendation, PoolDecision, Recommendation, RecommendationFile, RecommendationStatus,
};
use shared::Module;
use yew::prelude::*;

use super::entry::{entry_from, EntryFields};
use super::recommendation_files::ProofFiles;
use crate::api;
use crate::components::alert::Flash;
use crate::components::form::{enum_options, FormValues};
use crate::hooks::use_api;
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::dialog::{
    act, confirm_question, use_decision, use_pending, ConfirmAction, DecideProps, DecisionDialog,
    FormDialog,
};
use crate::kit::fields::OpinionField;
use crate::kit::filters::{number, select};
use crate::kit::format::china_time;
use crate::kit::list::{col, decision_buttons, id_row, use_list_dialogs, ListPage};
use crate::kit::tags::{text_tag, Tone};
use crate::state::session::use_session;

id_row!(Recommendation, status = status);

#[derive(Clone, PartialEq, Default)]
enum Dialog {
    #[default]
    None,
    Recommend,
    Decide(Box<Recommendation>, bool),
    /// The proof files, with what to say first.
    Files(Box<Recommendation>, Option<Flash>),
    /// 删除 of a proof file, confirmed; back to the files after.
    RemoveFile(Box<Recommendation>, RecommendationFile),
}

/// The recommendations the caller sees.
#[component]
pub fn Recommendations() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let locale = i18n.locale;
    let (control, dialog, open, close, finish) = use_list_dialogs::<Dialog>();
    let may_apply = session
        .status
        .signed_in()
        .is_some_and(|s| s.user.modules.contains(&Module::RecommendApply));
    // The files dialog stays open over the list; its changes reload the list quietly.
    let reload = {
        let control = control.clone();
        Callback::from(move |()| control.reload())
    };
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Recommend => {
            let (dialog, reload) = (dialog.clone(), reload.clone());
            let on_done = Callback::from(move |(r, flash): (Recommendation, Flash)| {
                reload.emit(());
                dialog.set(Dialog::Files(Box::new(r), Some(flash)));
            });
            html! { <RecommendDialog {on_done} on_close={close} /> }
        }
        Dialog::Decide(r, accept) => html! {
            <DecideDialog item={(**r).clone()} approve={*accept} on_done={finish} on_close={close} />
        },
        Dialog::Files(r, message) => {
            let (d, rec) = (dialog.clone(), r.clone());
            let on_remove = Callback::from(move |f: RecommendationFile| {
                d.set(Dialog::RemoveFile(rec.clone(), f));
            });
            html! {
                <ProofFiles rec={(**r).clone()} message={message.clone()} {on_remove}
                    on_changed={reload.clone()} on_close={close} />
            }
        }
        Dialog::RemoveFile(r, f) => {
            let back = |flash: Option<Flash>| {
                let (d, rec) = (dialog.clone(), r.clone());
                move || d.set(Dialog::Files(rec.clone(), flash.clone()))
            };
            let on_cancel = {
                let back = back(None);
                Callback::from(move |()| back())
            };
            let on_done = {
                let (reload, r) = (reload.clone(), r.clone());
                let d = dialog.clone();
                Callback::from(move |flash: Flash| {
                    reload.emit(());
                    d.set(Dialog::Files(r.clone(), Some(flash)));
                })
            };
            let (api, id, file, name) = (api.clone(), r.id, f.id, f.file_name.clone());
            let request = act(move || {
                let (api, name) = (api.clone(), name.clone());
                async move {
                    api::experts::delete_recommendation_file(&api, id, file).await?;
                    Ok(Flash::Success(fill(t(locale, Key::ExpProofRemoved), &name)))
                }
            });
            html! {
                <ConfirmAction action={i18n.t(Key::OrDelete)} danger=true act={request} {on_done} {on_cancel}
                    message={confirm_question(locale, i18n.t(Key::OrDelete), &f.file_name)} />
            }
        }
    };
    let to = open.clone();
    let columns = vec![
        col(i18n.t(Key::ExpName), |r: &Recommendation| {
            html! { <>{ &r.entry.name }<span class="muted cell-sub">{ &r.entry.id_number }</span></> }
        })
        .class("cell-name"),
        col(i18n.t(Key::ExpEmployer), move |r: &Recommendation| {
            html! { <>{ &r.employer }<span class="muted cell-sub">{ format!("{} · {}", r.entry.title, r.entry.specialties.join("、")) }</span></> }
        }),
        col(i18n.t(Key::ExpCommittee), |r: &Recommendation| html! { { &r.committee.name } }),
        col(i18n.t(Key::ExpRecReason), |r: &Recommendation| {
            html! { <>{ &r.reason }<span class="muted cell-sub">{ &r.unit.name }</span></> }
        }),
        col(i18n.t(Key::ExpProofs), {
            let to = open.clone();
            move |r: &Recommendation| {
                let files = Dialog::Files(Box::new(r.clone()), None);
                let label = fill(t(locale, Key::ExpProofCount), &r.files.len().to_string());
                html! {
                    <button type="button" class="link-button" data-testid={format!("files-rec-{}", r.id)}
                        onclick={to.reform(move |_| files.clone())}>{ label }</button>
                }
            }
        }),
        col(i18n.t(Key::StatusLabel), move |r: &Recommendation| {
            let tone = match r.status {
                RecommendationStatus::Pending => Tone::Warning,
                RecommendationStatus::Accepted => Tone::Success,
                RecommendationStatus::Declined => Tone::Danger,
            };
            text_tag(r.status.label(locale), tone)
        }),
        col(i18n.t(Key::AffDecision), |r: &Recommendation| {
            html! { <>{ r.decided_by.clone().unwrap_or_default() }
            if let Some(at) = &r.decided_at { <span class="muted cell-sub">{ china_time(at) }</span> }
            if let Some(o) = &r.opinion { <span class="muted cell-sub">{ o }</span> }</> }
        }),
        col(i18n.t(Key::Actions), move |r: &Recommendation| {
            let testids = [format!("accept-rec-{}", r.id), format!("decline-rec-{}", r.id)];
            let labels = [t(locale, Key::ExpAccept), t(locale, Key::ExpDecline)];
            let decide = |accept| Dialog::Decide(Box::new(r.clone()), accept);
            html! { if r.can_decide { { decision_buttons(&to, testids, labels, decide) } } }
        }),
    ];
    let actions = html! { if may_apply {
        <button type="button" class="button button-primary" data-testid="new-recommendation" onclick={open.reform(|_| Dialog::Recommend)}>
            { i18n.t(Key::ExpRecommend) }
        </button>
    } };
    html! {
        <ListPage<Recommendation> name="expert-recommendations" title={Module::RecommendApply.name(locale)}
            path="/api/v1/expert-recommendations" export=false intro={i18n.t(Key::ExpRecIntro)}
            filters={vec![
                select("status", i18n.t(Key::StatusLabel), enum_options(RecommendationStatus::ALL, RecommendationStatus::as_str, |s| s.label(locale))),
                number("committee_id", i18n.t(Key::ExpCommitteeId)),
            ]} {columns} {actions} control={control.clone()}>
            { dialog_view }
        </ListPage<Recommendation>>
    }
}

#[derive(Properties, PartialEq)]
struct RecommendProps {
    /// Filed: the recommendation and the message (its proof files come next).
    on_done: Callback<(Recommendation, Flash)>,
    on_close: Callback<()>,
}

/// 推荐专家; the proof files are added once it is filed.
#[component]
fn RecommendDialog(props: &RecommendProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let pending = use_pending();
    let locale = i18n.locale;
    let on_submit = {
        let (pending, api, on_done) = (pending.clone(), api.clone(), props.on_done.clone());
        Callback::from(move |form: FormValues| {
            let (committee_id, entry) = match entry_from(&form) {
                Ok(v) => v,
                Err(key) => return pending.fail(t(locale, key)),
            };
            let Some(reason) = form.opt("opinion") else {
                return pending.fail(t(locale, Key::ExpReasonRequired));
            };
            let request = CreateRecommendation {
                committee_id,
                entry,
                reason,
            };
            let (api, on_done) = (api.clone(), on_done.clone());
            pending.run(
                async move { api::experts::recommend(&api, &request).await },
                move |r| {
                    let flash = Flash::Success(fill(t(locale, Key::ExpRecommended), &r.entry.name));
                    on_done.emit((r, flash));
                },
            );
        })
    };
    html! {
        <FormDialog title={i18n.t(Key::ExpRecommend)} name="recommend" submit_label={i18n.t(Key::AffSubmit)}
            wide=true {pending} {on_submit} on_close={props.on_close.clone()}>
            <EntryFields recommend=true />
            <OpinionField label={i18n.t(Key::ExpRecReason)} required=true maxlength={1000} />
        </FormDialog>
    }
}

/// 受理 / 不予受理, on the kit's decision dialog.
#[component]
fn DecideDialog(props: &DecideProps<Recommendation>) -> Html {
    let i18n = use_i18n();
    let (accept, r) = (props.approve, &props.item);
    let (id, version) = (r.id, r.version);
    let request = use_decision(
        r.entry.name.clone(),
        Key::ExpDecided,
        move |api, opinion| {
            let decision = PoolDecision {
                approve: accept,
                opinion,
                version,
            };
            async move { api::experts::decide_recommendation(&api, id, &decision).await }
        },
    );
    let action = i18n.t(if accept {
        Key::ExpAccept
    } else {
        Key::ExpDecline
    });
    html! {
        <DecisionDialog name="decide-recommendation" {action} approve={accept} decide={request}
            on_done={props.on_done.clone()} on_close={props.on_close.clone()}>
            <p>{ format!("{} · {} · {}", r.entry.name, r.employer, r.committee.name) }</p>
            <p class="pre-wrap">{ &r.reason }</p>
        </DecisionDialog>
    }
}
