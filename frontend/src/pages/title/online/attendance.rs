//! 签到签退 (manual §6.2.10.3): the organising unit signs the session's experts in and out and
//! follows each group (dossiers, distributed, reviews completed); it marks a group's defense
//! held (答辩结束). An HRSS above reads the same sheet.

use shared::online_review::AttendanceChange;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::outcome;
use crate::api::{self, ApiError};
use crate::hooks::{use_api, use_api_load};
use crate::i18n::{use_i18n, Key};
use crate::kit::detail::loaded_or_line;
use crate::kit::format::china_time;
use crate::routes::Route;

/// Props of [`AttendanceSheet`].
#[derive(Properties, PartialEq)]
pub struct AttendanceProps {
    /// Session id.
    pub id: i64,
}

/// The page.
#[component]
pub fn AttendanceSheet(props: &AttendanceProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let id = props.id;
    let loaded = use_api_load(id, move |api, id| async move {
        api::online_review::attendance(&api, id).await
    });
    let result = use_state(|| None::<Result<Key, ApiError>>);
    let sheet = match loaded_or_line(&i18n, &loaded) {
        Ok(sheet) => sheet,
        Err(line) => return line,
    };
    let attend = |se: i64, version: i64, sign_in: bool| {
        let (api, reload, result) = (api.clone(), loaded.reload.clone(), result.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, reload, result) = (api.clone(), reload.clone(), result.clone());
            let change = AttendanceChange {
                session_expert_id: se,
                version,
            };
            spawn_local(async move {
                let answer = api::online_review::attend(&api, id, &change, sign_in).await;
                result.set(Some(answer.map(|_| {
                    if sign_in {
                        Key::OrSignIn
                    } else {
                        Key::OrSignOut
                    }
                })));
                reload.emit(());
            });
        })
    };
    let defense_held = |group: i64, version: i64| {
        let (api, reload, result) = (api.clone(), loaded.reload.clone(), result.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, reload, result) = (api.clone(), reload.clone(), result.clone());
            spawn_local(async move {
                let answer =
                    api::online_review::group_action(&api, group, "defense-held", version).await;
                result.set(Some(answer.map(|_| Key::OrDefenseRecorded)));
                reload.emit(());
            });
        })
    };
    let edit = sheet.may_edit;
    html! {
        <section class="page" data-testid="page-attendance">
            <div class="page-heading">
                <h1 class="page-title">{ format!("{} · {}", i18n.t(Key::OrAttendanceTitle), sheet.session_name) }</h1>
                <div class="page-actions">
                    <Link<Route> to={Route::OnlineBlindOpinions { id }} classes="button">
                        <span data-testid="or-to-blind">{ i18n.t(Key::OrBlindLink) }</span>
                    </Link<Route>>
                </div>
            </div>
            { outcome(locale, &result) }
            <div class="panel panel-table">
                <h2 class="panel-title">{ i18n.t(Key::OrGroups) }</h2>
                <table class="table" data-testid="or-groups">
                    <thead><tr>
                        <th scope="col">{ i18n.t(Key::OrGroup) }</th>
                        <th scope="col">{ i18n.t(Key::OrDossiers) }</th>
                        <th scope="col">{ i18n.t(Key::OrDistributed) }</th>
                        <th scope="col">{ i18n.t(Key::OrReviewsDone) }</th>
                        <th scope="col">{ i18n.t(Key::Actions) }</th>
                    </tr></thead>
                    <tbody>
                    { for sheet.groups.iter().map(|g| html! {
                        <tr key={g.group_id} data-testid={format!("or-group-{}", g.group_id)}>
                            <td class="cell-name">
                                <Link<Route> to={Route::OnlineDistribution { id: g.group_id }}>{ &g.name }</Link<Route>>
                            </td>
                            <td>{ g.dossiers }</td>
                            <td>{ g.distributed }</td>
                            <td>{ format!("{} / {}", g.reviews_completed, g.reviews) }</td>
                            <td>
                                if edit && g.review_started_at.is_some() && g.defense_held_at.is_none() {
                                    <button type="button" class="button button-small" onclick={defense_held(g.group_id, g.version)}
                                        data-testid={format!("or-defense-held-{}", g.group_id)}>{ i18n.t(Key::OrDefenseHeld) }</button>
                                }
                                if let Some(at) = &g.defense_held_at {
                                    <span class="muted">{ format!("{} {}", i18n.t(Key::OrDefenseHeld), china_time(at)) }</span>
                                }
                            </td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </div>
            <div class="panel panel-table">
                <table class="table" data-testid="or-attendance">
                    <thead><tr>
                        <th scope="col">{ i18n.t(Key::OrExpert) }</th>
                        <th scope="col">{ i18n.t(Key::OrEmployer) }</th>
                        <th scope="col">{ i18n.t(Key::OrGroup) }</th>
                        <th scope="col">{ i18n.t(Key::OrPosition) }</th>
                        <th scope="col">{ i18n.t(Key::OrAttendance) }</th>
                        <th scope="col">{ i18n.t(Key::Actions) }</th>
                    </tr></thead>
                    <tbody>
                    { for sheet.experts.iter().map(|e| html! {
                        <tr key={e.session_expert_id} data-testid={format!("or-attend-{}", e.session_expert_id)}>
                            <td class="cell-name">{ &e.name }</td>
                            <td>{ &e.employer }</td>
                            <td>
                                { e.group_name.clone().unwrap_or_default() }
                                if e.group_leader { <span class="tag tag-info">{ i18n.t(Key::OrLeader) }</span> }
                            </td>
                            <td>{ e.committee_position.map(|p| p.label(locale)).unwrap_or_default() }</td>
                            <td>
                                if e.signed_in {
                                    <span class="tag tag-success">{ i18n.t(Key::OrSignedIn) }</span>
                                } else {
                                    <span class="tag">{ i18n.t(Key::OrNotSignedIn) }</span>
                                }
                                if let Some(at) = &e.signed_in_at { <span class="muted">{ format!(" {}", china_time(at)) }</span> }
                            </td>
                            <td>
                                if edit && e.signed_in {
                                    <button type="button" class="button button-small" onclick={attend(e.session_expert_id, e.version, false)}
                                        data-testid={format!("or-sign-out-{}", e.session_expert_id)}>{ i18n.t(Key::OrSignOut) }</button>
                                } else if edit {
                                    <button type="button" class="button button-small button-primary" onclick={attend(e.session_expert_id, e.version, true)}
                                        data-testid={format!("or-sign-in-{}", e.session_expert_id)}>{ i18n.t(Key::OrSignIn) }</button>
                                }
                            </td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
