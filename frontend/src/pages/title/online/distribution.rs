//! 小组管理 › 分发材料 (manual §6.2.10.4): the leader gives each dossier of the group to two or
//! more experts, one of them chief (主审); recused experts cannot be chosen (the reason shows);
//! then 进入评审 locks it. The organising unit reads the same screen (per group the dossiers,
//! per expert how many it has).

use shared::online_review::{Assignee, DistributionEntry, DistributionUpdate, GroupDistribution};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::outcome;
use crate::api::{self, ApiError};
use crate::components::alert::Flash;
use crate::components::form::FormValues;
use crate::hooks::{use_api, use_api_load};
use crate::i18n::{t, use_i18n, Key};
use crate::kit::detail::loaded_or_line;
use crate::kit::dialog::{act, ConfirmAction};

/// Props of [`Distribution`].
#[derive(Properties, PartialEq)]
pub struct DistributionProps {
    /// Group id.
    pub id: i64,
}

/// The entries of the submitted form: every dossier with at least one expert checked.
fn entries(values: &FormValues, screen: &GroupDistribution) -> Vec<DistributionEntry> {
    screen
        .applications
        .iter()
        .filter_map(|d| {
            let chief: Option<i64> = values
                .opt(&format!("chief-{}", d.application_id))
                .and_then(|v| v.parse().ok());
            let experts: Vec<Assignee> = values
                .all(&format!("se-{}", d.application_id))
                .iter()
                .filter_map(|v| v.parse().ok())
                .map(|se: i64| Assignee {
                    session_expert_id: se,
                    chief: chief == Some(se),
                })
                .collect();
            (!experts.is_empty()).then_some(DistributionEntry {
                application_id: d.application_id,
                experts,
            })
        })
        .collect()
}

/// The page.
#[component]
pub fn Distribution(props: &DistributionProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let id = props.id;
    let loaded = use_api_load(id, move |api, id| async move {
        api::online_review::distribution(&api, id).await
    });
    let result = use_state(|| None::<Result<Key, ApiError>>);
    let entering = use_state(|| false);
    let screen = match loaded_or_line(&i18n, &loaded) {
        Ok(screen) => screen,
        Err(line) => return line,
    };
    let on_submit = {
        let (api, reload, result, screen) = (
            api.clone(),
            loaded.reload.clone(),
            result.clone(),
            screen.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            let Some(values) = FormValues::from_submit(&e) else {
                return;
            };
            let update = DistributionUpdate {
                version: screen.version,
                entries: entries(&values, &screen),
            };
            let (api, reload, result) = (api.clone(), reload.clone(), result.clone());
            spawn_local(async move {
                let answer = api::online_review::distribute(&api, id, &update).await;
                result.set(Some(answer.map(|_| Key::OrDistributionSaved)));
                reload.emit(());
            });
        })
    };
    let on_enter = {
        let entering = entering.clone();
        Callback::from(move |_: MouseEvent| entering.set(true))
    };
    let confirmation = if *entering {
        let on_cancel = {
            let entering = entering.clone();
            Callback::from(move |()| entering.set(false))
        };
        let on_done = {
            let (entering, reload, result) =
                (entering.clone(), loaded.reload.clone(), result.clone());
            Callback::from(move |_: Flash| {
                entering.set(false);
                result.set(Some(Ok(Key::OrReviewEntered)));
                reload.emit(());
            })
        };
        let (api, version) = (api.clone(), screen.version);
        let request = act(move || {
            let api = api.clone();
            async move {
                api::online_review::group_action(&api, id, "enter-review", version)
                    .await
                    .map(|_| Flash::Success(t(locale, Key::OrEnterReview).into()))
            }
        });
        html! {
            <ConfirmAction action={i18n.t(Key::OrEnterReview)} message={i18n.t(Key::OrEnterConfirm)}
                act={request} {on_done} {on_cancel} />
        }
    } else {
        Html::default()
    };
    let open = screen.may_distribute;
    let name_of = |se: i64| {
        screen
            .experts
            .iter()
            .find(|e| e.session_expert_id == se)
            .map(|e| e.name.clone())
            .unwrap_or_default()
    };
    html! {
        <section class="page" data-testid="page-distribution">
            <div class="page-heading">
                <h1 class="page-title">{ format!("{} · {}", i18n.t(Key::OrDistributionTitle), screen.group_name) }</h1>
                <p class="muted">{ format!("{} · {} {} · {} {}", screen.session_name, i18n.t(Key::OrDossiers), screen.dossiers, i18n.t(Key::OrDistributed), screen.distributed) }</p>
            </div>
            if screen.review_started_at.is_some() {
                <p class="alert alert-info" data-testid="or-started">{ i18n.t(Key::OrReviewStarted) }</p>
            } else if open {
                <p class="muted">{ i18n.t(Key::OrDistributionHint) }</p>
            }
            { outcome(locale, &result) }
            <div class="panel panel-table">
                <table class="table table-compact" data-testid="or-experts">
                    <thead><tr>
                        <th scope="col">{ i18n.t(Key::OrExpert) }</th>
                        <th scope="col">{ i18n.t(Key::OrEmployer) }</th>
                        <th scope="col">{ i18n.t(Key::OrAttendance) }</th>
                        <th scope="col">{ i18n.t(Key::OrAssigned) }</th>
                        <th scope="col">{ i18n.t(Key::OrChiefCount) }</th>
                    </tr></thead>
                    <tbody>
                    { for screen.experts.iter().map(|e| html! {
                        <tr key={e.session_expert_id} data-testid={format!("or-expert-{}", e.session_expert_id)}>
                            <td class="cell-name">
                                { &e.name }
                                if e.group_leader { <span class="tag tag-info">{ i18n.t(Key::OrLeader) }</span> }
                            </td>
                            <td>{ &e.employer }</td>
                            <td>{ if e.signed_in { i18n.t(Key::OrSignedIn) } else { i18n.t(Key::OrNotSignedIn) } }</td>
                            <td data-testid="or-assigned">{ e.assigned }</td>
                            <td>{ e.chief }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </div>
            <form class="panel panel-table" onsubmit={on_submit} data-testid="or-distribution-form">
                <div class="table-scroll">
                <table class="table table-compact" data-testid="or-dossiers">
                    <thead><tr>
                        <th scope="col">{ i18n.t(Key::OrApplicant) }</th>
                        { for screen.experts.iter().map(|e| html! { <th scope="col" key={e.session_expert_id}>{ &e.name }</th> }) }
                    </tr></thead>
                    <tbody>
                    { for screen.applications.iter().map(|d| {
                        let app = d.application_id;
                        html! {
                            <tr key={app} data-testid={format!("or-dossier-{app}")}>
                                <td class="cell-name">{ &d.name }<br /><span class="muted">{ format!("{} · {}", d.employer, d.specialty) }</span></td>
                                { for screen.experts.iter().map(|e| {
                                    let se = e.session_expert_id;
                                    let recused = d.recused.iter().find(|r| r.session_expert_id == se);
                                    let current = d.assignees.iter().find(|a| a.session_expert_id == se);
                                    html! {
                                        <td key={se}>
                                            if let Some(r) = recused {
                                                <span class="tag tag-warning" title={r.reason.label(locale)}>{ i18n.t(Key::OrRecused) }</span>
                                            } else {
                                                <label class="check">
                                                    <input type="checkbox" name={format!("se-{app}")} value={se.to_string()}
                                                        checked={current.is_some()} disabled={!open}
                                                        aria-label={format!("{} {}", i18n.t(Key::OrChoose), name_of(se))}
                                                        data-testid={format!("or-pick-{app}-{se}")} />
                                                </label>
                                                <label class="check">
                                                    <input type="radio" name={format!("chief-{app}")} value={se.to_string()}
                                                        checked={current.is_some_and(|a| a.chief)} disabled={!open}
                                                        data-testid={format!("or-chief-{app}-{se}")} />
                                                    { i18n.t(Key::OrChief) }
                                                </label>
                                            }
                                        </td>
                                    }
                                }) }
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
                </div>
                if open {
                    <div class="form-actions">
                        <button type="submit" class="button button-primary" data-testid="or-save-distribution">{ i18n.t(Key::OrSaveDistribution) }</button>
                        <button type="button" class="button" onclick={on_enter} data-testid="or-enter-review">{ i18n.t(Key::OrEnterReview) }</button>
                    </div>
                }
            </form>
            { confirmation }
        </section>
    }
}
