//! 组内投票 (manual §6.2.10.6): the group's reviews and experts signed in; the leader opens
//! the vote once every review is completed (进入组内投票) and closes it (组内统票); each
//! signed-in expert votes 同意 / 不同意 / 弃权 on every applicant once. After the close each
//! applicant shows its counts and the group's majority view (the recommendation).

use shared::votes::{GroupVote, GroupVoteStatus};
use yew::prelude::*;

use super::ballot::{back_to_tasks, build_ballot, use_vote_state, vote_table, TableMode};
use crate::api;
use crate::api::votes::GroupVoteAction;
use crate::components::alert::{flash_view, Flash};
use crate::components::nav_link::NavLink;
use crate::hooks::{use_api, use_api_load};
use crate::i18n::{t, use_i18n, Key, Locale};
use crate::kit::detail::loaded_or_page;
use crate::kit::dialog::{act, confirm_question, ConfirmAction};
use crate::kit::tags::{status_tag, Status};
use crate::routes::Route;

/// Props of [`GroupVotePage`].
#[derive(Properties, PartialEq)]
pub struct GroupVoteProps {
    /// Group id.
    pub id: i64,
}

/// The action waiting for its confirmation.
#[derive(Clone, PartialEq, Default)]
enum Pending {
    #[default]
    None,
    Leader(GroupVoteAction),
    Submit,
}

/// "x/y".
pub fn of(done: u32, all: u32) -> String {
    format!("{done}/{all}")
}

/// The leader may open the vote: not open yet and every review completed.
pub fn may_open(g: &GroupVote) -> bool {
    g.is_leader && g.status == GroupVoteStatus::NotOpen && g.reviews_completed >= g.reviews
}

fn leader_text(locale: Locale, g: &GroupVote, action: GroupVoteAction) -> (Key, String, Key) {
    let (name, more, done) = match action {
        GroupVoteAction::Open => (Key::VtOpenGroup, Key::VtOpenGroupMore, Key::VtOpenGroupDone),
        GroupVoteAction::Close => (
            Key::VtCloseGroup,
            Key::VtCloseGroupMore,
            Key::VtCloseGroupDone,
        ),
    };
    let question = format!(
        "{}{}",
        confirm_question(locale, t(locale, name), &g.group_name),
        t(locale, more)
    );
    (name, question, done)
}

/// The page.
#[component]
pub fn GroupVotePage(props: &GroupVoteProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let id = props.id;
    let loaded = use_api_load(id, move |api, id| async move {
        api::votes::group_vote(&api, id).await
    });
    let vote = use_vote_state::<Pending>(&loaded.reload);
    let (choices, pending, flash, expert) =
        (&vote.choices, &vote.pending, &vote.flash, vote.expert);
    let back = if expert {
        back_to_tasks(locale)
    } else {
        html! { <NavLink to={Route::OnlineSessions} classes="button" testid="back-to-sessions">{ i18n.t(Key::SesBack) }</NavLink> }
    };
    let g = match loaded_or_page(&i18n, &loaded, "page-group-vote", back.clone()) {
        Ok(g) => g,
        Err(page) => return page,
    };
    let (on_cancel, on_done, on_choose) = (vote.on_cancel(), vote.on_done(), vote.on_choose());
    let ballot = build_ballot(&g.applicants, choices);
    let on_submit = vote.on_submit(locale, &ballot, Pending::Submit);
    let dialog = match &**pending {
        Pending::None => Html::default(),
        Pending::Leader(action) => {
            let action = *action;
            let (name, question, done) = leader_text(locale, &g, action);
            let (api, version) = (api.clone(), g.version);
            let request = act(move || {
                let api = api.clone();
                async move {
                    api::votes::group_vote_action(&api, id, action, version)
                        .await
                        .map(|_| Flash::Success(t(locale, done).into()))
                }
            });
            html! {
                <ConfirmAction action={i18n.t(name)} message={question} danger={action == GroupVoteAction::Close}
                    act={request} on_done={on_done.clone()} on_cancel={on_cancel.clone()} />
            }
        }
        Pending::Submit => match ballot.clone() {
            Ok(request) => {
                let api = api.clone();
                vote.submit_dialog(locale, request, move |request| {
                    let api = api.clone();
                    async move { api::votes::cast_group_votes(&api, id, &request).await }
                })
            }
            Err(_) => Html::default(),
        },
    };
    let leader = |action: GroupVoteAction| {
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| pending.set(Pending::Leader(action)))
    };
    // The unit side came from the session page and goes back there.
    let back = if expert {
        back
    } else {
        html! { <NavLink to={Route::OnlineSession { id: g.session_id }} classes="button" testid="back-to-session">{ i18n.t(Key::VtBackToSession) }</NavLink> }
    };
    let open_blocked = g.reviews_completed < g.reviews;
    let anything_open = g.applicants.iter().any(|a| !a.i_voted);
    let mode = TableMode {
        may_vote: g.may_vote,
        show_group: false,
    };
    html! {
        <section class="page" data-testid="page-group-vote">
            <div class="page-heading">
                <h1 class="page-title">{ format!("{} · {}", i18n.t(Key::VtGroupTitle), g.group_name) }</h1>
                { status_tag(locale, Status::GroupVote(g.status), Some("group-vote-status")) }
            </div>
            <dl class="facts panel" data-testid="group-vote-facts">
                <dt>{ i18n.t(Key::OrGroup) }</dt><dd>{ &g.group_name }</dd>
                <dt>{ i18n.t(Key::OrSession) }</dt><dd>{ format!("{} · {}", g.session_name, g.session_status.label(locale)) }</dd>
                <dt>{ i18n.t(Key::VtReviewsDone) }</dt><dd data-testid="gv-reviews">{ of(g.reviews_completed, g.reviews) }</dd>
                <dt>{ i18n.t(Key::VtExpertsSignedIn) }</dt><dd data-testid="gv-signed-in">{ of(g.experts_signed_in, g.experts) }</dd>
            </dl>
            { flash_view((**flash).as_ref()) }
            if g.is_leader {
                <div class="form-actions" data-testid="gv-leader">
                    if g.status == GroupVoteStatus::NotOpen {
                        <button type="button" class="button button-primary" data-testid="gv-open"
                            disabled={!may_open(&g)} aria-describedby={open_blocked.then_some("gv-open-hint")}
                            onclick={leader(GroupVoteAction::Open)}>{ i18n.t(Key::VtOpenGroup) }</button>
                        if open_blocked {
                            <span id="gv-open-hint" class="muted" data-testid="gv-open-hint">{ i18n.t(Key::VtOpenGroupHint) }</span>
                        }
                    }
                    if g.status == GroupVoteStatus::Open {
                        <button type="button" class="button button-danger" data-testid="gv-close"
                            onclick={leader(GroupVoteAction::Close)}>{ i18n.t(Key::VtCloseGroup) }</button>
                    }
                </div>
            }
            if expert && !g.may_vote && g.status == GroupVoteStatus::Open && anything_open {
                <p class="alert alert-info" data-testid="gv-cannot-vote">{ i18n.t(Key::VtCannotVote) }</p>
            }
            if g.may_vote && !anything_open && !g.applicants.is_empty() {
                <p class="alert alert-success" role="status" data-testid="gv-all-voted">{ i18n.t(Key::VtAllVoted) }</p>
            }
            <div class="panel panel-table">
                { vote_table(locale, &g.applicants, mode, choices, &on_choose) }
            </div>
            <div class="form-actions">
                { back }
                if g.may_vote && anything_open {
                    <button type="button" class="button button-primary" data-testid="gv-submit" onclick={on_submit}>{ i18n.t(Key::VtSubmit) }</button>
                }
            </div>
            { dialog }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::experts::SessionStatus;

    fn group(status: GroupVoteStatus, done: u32, all: u32, leader: bool) -> GroupVote {
        GroupVote {
            group_id: 1,
            group_name: "第一组".into(),
            session_id: 2,
            session_name: "2026年度评审会".to_owned(),
            session_status: SessionStatus::Reviewing,
            status,
            version: 1,
            reviews: all,
            reviews_completed: done,
            experts: 5,
            experts_signed_in: 4,
            is_leader: leader,
            may_vote: false,
            applicants: vec![],
        }
    }

    #[test]
    fn the_leader_opens_only_when_every_review_is_completed() {
        assert!(may_open(&group(GroupVoteStatus::NotOpen, 6, 6, true)));
        assert!(!may_open(&group(GroupVoteStatus::NotOpen, 5, 6, true)));
        assert!(!may_open(&group(GroupVoteStatus::NotOpen, 6, 6, false)));
        assert!(!may_open(&group(GroupVoteStatus::Open, 6, 6, true)));
        assert_eq!(of(4, 5), "4/5");
    }
}
