//! The expert's home (专家评审 / 小组管理): the sessions the expert serves in (signed in or not,
//! the group it leads) and the dossiers waiting for its review.

use shared::experts::SessionStatus;
use shared::online_review::TaskSession;
use shared::Module;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::components::table::load_error;
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{use_i18n, Key};
use crate::routes::Route;
use crate::state::session::use_session;

/// Props of [`ExpertTasks`].
#[derive(Properties, PartialEq)]
pub struct ExpertTasksProps {
    /// Only the groups the expert leads (小组管理), without the review list.
    #[prop_or_default]
    pub leader_only: bool,
}

/// The vote screens a session row links to: the expert's group vote (组内投票, from the
/// review on) and the committee ballot (评委会投票, once it is open), for the modules held.
pub fn vote_links(s: &TaskSession, held: &[Module]) -> Vec<(Route, Key, String)> {
    let mut links = Vec::new();
    if let (Some(group), true) = (s.group_id, held.contains(&Module::GroupVote)) {
        if !matches!(s.status, SessionStatus::Setup) {
            links.push((
                Route::OnlineGroupVote { id: group },
                Key::VtGroupTitle,
                format!("or-group-vote-{group}"),
            ));
        }
    }
    let ballot_open = matches!(
        s.status,
        SessionStatus::CommitteeVoting | SessionStatus::Tallied | SessionStatus::Closed
    );
    if ballot_open && held.contains(&Module::CommitteeVote) {
        links.push((
            Route::OnlineCommitteeVote { id: s.session_id },
            Key::VtCommitteeTitle,
            format!("or-ballot-{}", s.session_id),
        ));
    }
    links
}

/// The page.
#[component]
pub fn ExpertTasks(props: &ExpertTasksProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let locale = i18n.locale;
    let tasks = use_load((), move |()| async move {
        api::online_review::tasks(&api).await
    });
    let leader_only = props.leader_only;
    let held: Vec<Module> = session
        .status
        .signed_in()
        .map(|s| s.user.modules.clone())
        .unwrap_or_default();
    let body = match &tasks.state {
        Load::Loading => {
            html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> }
        }
        Load::Failed(e) => load_error(&i18n, e, &tasks.reload),
        Load::Ready(t) => {
            let sessions: Vec<_> = t
                .sessions
                .iter()
                .filter(|s| !leader_only || s.group_leader)
                .collect();
            html! {
                <>
                <div class="panel panel-table">
                    <h2 class="panel-title">{ i18n.t(Key::OrSessions) }</h2>
                    if sessions.is_empty() {
                        <p class="empty-state">{ i18n.t(Key::OrNoSessions) }</p>
                    } else {
                        <table class="table" data-testid="or-sessions">
                            <thead><tr>
                                <th scope="col">{ i18n.t(Key::OrSession) }</th>
                                <th scope="col">{ i18n.t(Key::OrGroup) }</th>
                                <th scope="col">{ i18n.t(Key::OrAttendance) }</th>
                                <th scope="col">{ i18n.t(Key::OrDossiers) }</th>
                                <th scope="col">{ i18n.t(Key::OrDistributed) }</th>
                                <th scope="col">{ i18n.t(Key::Actions) }</th>
                            </tr></thead>
                            <tbody>
                            { for sessions.iter().map(|s| html! {
                                <tr key={s.session_id}>
                                    <td>{ &s.session_name }<span class="muted">{ format!(" · {}", s.status.label(locale)) }</span></td>
                                    <td>
                                        { s.group_name.clone().unwrap_or_default() }
                                        if s.group_leader { <span class="tag tag-info">{ i18n.t(Key::OrLeader) }</span> }
                                    </td>
                                    <td>
                                        if s.signed_in {
                                            <span class="tag tag-success">{ i18n.t(Key::OrSignedIn) }</span>
                                        } else {
                                            <span class="tag">{ i18n.t(Key::OrNotSignedIn) }</span>
                                        }
                                    </td>
                                    <td>{ s.dossiers }</td>
                                    <td>{ s.distributed }</td>
                                    <td>
                                        if let (true, Some(group)) = (s.group_leader, s.group_id) {
                                            <Link<Route> to={Route::OnlineDistribution { id: group }} classes="button button-small">
                                                <span data-testid={format!("or-distribute-{group}")}>{ i18n.t(Key::OrDistribute) }</span>
                                            </Link<Route>>
                                        }
                                        { for vote_links(s, &held).into_iter().map(|(to, key, testid)| html! {
                                            <Link<Route> {to} classes="button button-small">
                                                <span data-testid={testid}>{ i18n.t(key) }</span>
                                            </Link<Route>>
                                        }) }
                                    </td>
                                </tr>
                            }) }
                            </tbody>
                        </table>
                    }
                </div>
                if !leader_only {
                    <div class="panel panel-table" data-testid="or-reviews-panel">
                        <h2 class="panel-title">{ i18n.t(Key::OrReviews) }</h2>
                        if t.reviews.is_empty() {
                            <p class="empty-state">{ i18n.t(Key::OrNoReviews) }</p>
                        } else {
                            <table class="table" data-testid="or-reviews">
                                <thead><tr>
                                    <th scope="col">{ i18n.t(Key::OrApplicant) }</th>
                                    <th scope="col">{ i18n.t(Key::OrSpecialty) }</th>
                                    <th scope="col">{ i18n.t(Key::OrGroup) }</th>
                                    <th scope="col">{ i18n.t(Key::OrRole) }</th>
                                    <th scope="col">{ i18n.t(Key::OrStatus) }</th>
                                    <th scope="col">{ i18n.t(Key::Actions) }</th>
                                </tr></thead>
                                <tbody>
                                { for t.reviews.iter().map(|r| html! {
                                    <tr key={r.review_id}>
                                        <td class="cell-name">{ &r.applicant_name }</td>
                                        <td>{ &r.specialty }</td>
                                        <td>{ format!("{} · {}", r.session_name, r.group_name) }</td>
                                        <td>{ r.role.label(locale) }</td>
                                        <td>{ r.status.label(locale) }</td>
                                        <td>
                                            <Link<Route> to={Route::OnlineReview { id: r.review_id }} classes="button button-small button-primary">
                                                <span data-testid={format!("or-review-{}", r.review_id)}>{ i18n.t(Key::OrReview) }</span>
                                            </Link<Route>>
                                        </td>
                                    </tr>
                                }) }
                                </tbody>
                            </table>
                        }
                    </div>
                }
                </>
            }
        }
    };
    let title = if leader_only {
        Key::OrDistributionTitle
    } else {
        Key::OrTasksTitle
    };
    html! {
        <section class="page" data-testid="page-expert-tasks">
            <div class="page-heading"><h1 class="page-title">{ i18n.t(title) }</h1></div>
            { body }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(status: SessionStatus, group_id: Option<i64>) -> TaskSession {
        TaskSession {
            session_id: 4,
            session_name: "2026 评审会".into(),
            status,
            group_id,
            group_name: group_id.map(|_| "第一组".into()),
            group_leader: false,
            signed_in: true,
            review_started: true,
            dossiers: 3,
            distributed: 3,
        }
    }

    fn routes(s: &TaskSession, held: &[Module]) -> Vec<Route> {
        vote_links(s, held).into_iter().map(|(r, _, _)| r).collect()
    }

    #[test]
    fn a_session_row_links_to_the_votes_the_expert_may_reach() {
        let both = [Module::GroupVote, Module::CommitteeVote];
        assert!(routes(&row(SessionStatus::Setup, Some(9)), &both).is_empty());
        assert_eq!(
            routes(&row(SessionStatus::GroupVoting, Some(9)), &both),
            [Route::OnlineGroupVote { id: 9 }]
        );
        assert_eq!(
            routes(&row(SessionStatus::CommitteeVoting, Some(9)), &both),
            [
                Route::OnlineGroupVote { id: 9 },
                Route::OnlineCommitteeVote { id: 4 }
            ]
        );
        // A committee member outside any group, and modules not held.
        assert_eq!(
            routes(&row(SessionStatus::Tallied, None), &both),
            [Route::OnlineCommitteeVote { id: 4 }]
        );
        assert!(routes(&row(SessionStatus::CommitteeVoting, Some(9)), &[]).is_empty());
    }
}
