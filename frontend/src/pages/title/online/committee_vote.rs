//! 评委会投票 (manual §6.2.10.7): the committee's size, members signed in, the quorum and the
//! rules (2/3); a signed-in member fills a secret ballot for every applicant (with each
//! group's view, 小组意见) and submits it once; nobody's choice is ever shown, only how many
//! votes each applicant has. The director or the organising unit tallies (统票, final), then
//! the vote sheet opens.

use shared::experts::SessionStatus;
use shared::votes::VoteRules;
use yew::prelude::*;
use yew_router::prelude::use_navigator;

use super::ballot::{back_to_tasks, build_ballot, use_vote_state, vote_table, TableMode};
use super::group_vote::of;
use crate::api;
use crate::components::alert::{flash_view, Flash};
use crate::components::nav_link::NavLink;
use crate::hooks::{use_api, use_api_load};
use crate::i18n::{fill_n, t, use_i18n, Key, Locale};
use crate::kit::detail::loaded_or_page;
use crate::kit::dialog::{act, confirm_question, ConfirmAction};
use crate::routes::Route;

/// Props of [`CommitteeVotePage`].
#[derive(Properties, PartialEq)]
pub struct CommitteeVoteProps {
    /// Session id.
    pub id: i64,
}

/// The action waiting for its confirmation.
#[derive(Clone, Copy, PartialEq, Default)]
enum Pending {
    #[default]
    None,
    Submit,
    Tally,
}

/// "出席委员不少于评委会人数的 2/3；…".
pub fn rules_text(locale: Locale, r: &VoteRules) -> String {
    fill_n(
        t(locale, Key::VtRulesText),
        &[
            &r.quorum_num.to_string(),
            &r.quorum_den.to_string(),
            &r.pass_num.to_string(),
            &r.pass_den.to_string(),
        ],
    )
}

/// The page.
#[component]
pub fn CommitteeVotePage(props: &CommitteeVoteProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let navigator = use_navigator();
    let locale = i18n.locale;
    let id = props.id;
    let loaded = use_api_load(id, move |api, id| async move {
        api::votes::committee_vote(&api, id).await
    });
    let vote = use_vote_state::<Pending>(&loaded.reload);
    let (choices, pending, flash) = (&vote.choices, &vote.pending, &vote.flash);
    let back = if vote.expert {
        back_to_tasks(locale)
    } else {
        html! { <NavLink to={Route::OnlineSession { id }} classes="button" testid="back-to-session">{ i18n.t(Key::VtBackToSession) }</NavLink> }
    };
    let c = match loaded_or_page(&i18n, &loaded, "page-committee-vote", back.clone()) {
        Ok(c) => c,
        Err(page) => return page,
    };
    let on_cancel = vote.on_cancel();
    let on_tallied = {
        let pending = pending.clone();
        Callback::from(move |_: Flash| {
            pending.set(Pending::None);
            if let Some(n) = &navigator {
                n.push(&Route::OnlineVoteSheet { id });
            }
        })
    };
    let on_choose = vote.on_choose();
    let ballot = build_ballot(&c.applicants, choices);
    let on_submit = vote.on_submit(locale, &ballot, Pending::Submit);
    let dialog = match **pending {
        Pending::None => Html::default(),
        Pending::Submit => match ballot.clone() {
            Ok(request) => {
                let api = api.clone();
                vote.submit_dialog(locale, request, move |request| {
                    let api = api.clone();
                    async move { api::votes::cast_ballots(&api, id, &request).await }
                })
            }
            Err(_) => Html::default(),
        },
        Pending::Tally => {
            let (api, version) = (api.clone(), c.version);
            let question = format!(
                "{}{}",
                confirm_question(locale, i18n.t(Key::VtTally), &c.session_name),
                i18n.t(Key::VtTallyMore)
            );
            let request = act(move || {
                let api = api.clone();
                async move {
                    api::votes::tally(&api, id, version)
                        .await
                        .map(|_| Flash::Success(t(locale, Key::VtTallied).into()))
                }
            });
            html! {
                <ConfirmAction action={i18n.t(Key::VtTally)} message={question} danger=true
                    act={request} on_done={on_tallied.clone()} on_cancel={on_cancel.clone()} />
            }
        }
    };
    let ask = |p: Pending| {
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| pending.set(p))
    };
    let anything_open = c.applicants.iter().any(|a| !a.i_voted);
    let mode = TableMode {
        may_vote: c.may_vote,
        show_group: true,
    };
    html! {
        <section class="page" data-testid="page-committee-vote">
            <div class="page-heading">
                <h1 class="page-title">{ format!("{} · {}", i18n.t(Key::VtCommitteeTitle), c.session_name) }</h1>
                <span class="tag tag-info" data-testid="cv-status">{ c.status.label(locale) }</span>
            </div>
            <dl class="facts panel" data-testid="cv-facts">
                <dt>{ i18n.t(Key::VtCommitteeSize) }</dt><dd data-testid="cv-size">{ c.committee_size }</dd>
                <dt>{ i18n.t(Key::VtMembersSignedIn) }</dt><dd data-testid="cv-signed-in">{ of(c.members_signed_in, c.committee_size) }</dd>
                <dt>{ i18n.t(Key::VtQuorum) }</dt><dd data-testid="cv-quorum">{ c.quorum }</dd>
                <dt>{ i18n.t(Key::VtRules) }</dt><dd data-testid="cv-rules">{ rules_text(locale, &c.rules) }</dd>
            </dl>
            <p class="muted" data-testid="cv-secret">{ i18n.t(Key::VtSecret) }</p>
            { flash_view((**flash).as_ref()) }
            if c.is_member && !c.may_vote && anything_open {
                <p class="alert alert-info" data-testid="cv-cannot-vote">{ i18n.t(Key::VtCannotVote) }</p>
            }
            if c.may_vote && !anything_open && !c.applicants.is_empty() {
                <p class="alert alert-success" role="status" data-testid="cv-all-voted">{ i18n.t(Key::VtAllVoted) }</p>
            }
            <div class="panel panel-table">
                { vote_table(locale, &c.applicants, mode, choices, &on_choose) }
            </div>
            <div class="form-actions">
                { back }
                if c.may_vote && anything_open {
                    <button type="button" class="button button-primary" data-testid="cv-submit" onclick={on_submit}>{ i18n.t(Key::VtSubmit) }</button>
                }
                if matches!(c.status, SessionStatus::Tallied | SessionStatus::Closed) {
                    <NavLink to={Route::OnlineVoteSheet { id }} classes="button" testid="cv-sheet-link">{ i18n.t(Key::VtSheetTitle) }</NavLink>
                }
                if c.may_tally {
                    <button type="button" class="button button-danger" data-testid="cv-tally" onclick={ask(Pending::Tally)}>{ i18n.t(Key::VtTally) }</button>
                }
            </div>
            { dialog }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_read_as_fractions() {
        let text = rules_text(Locale::ZhCn, &VoteRules::default());
        assert_eq!(
            text,
            "出席委员不少于评委会人数的 2/3；同意票不少于出席委员的 2/3 为通过。"
        );
    }
}
