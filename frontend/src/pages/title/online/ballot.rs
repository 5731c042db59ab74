//! What the group vote and the committee ballot share: the radio state of a ballot, the
//! request built from it (every applicant still open must be chosen; exactly the chosen are
//! sent), and the applicants' table with a radio group per row.

use std::collections::BTreeMap;

use shared::votes::{
    CastAnswer, Counts, GroupRecommendation, VoteApplicant, VoteChoice, VoteEntry, VoteRequest,
};
use yew::prelude::*;

use std::future::Future;

use shared::AccountKind;

use crate::api::ApiError;
use crate::components::alert::Flash;
use crate::components::nav_link::NavLink;
use crate::i18n::{fill, fill_n, t, Key, Locale};
use crate::kit::dialog::{act, ConfirmAction};
use crate::routes::Route;
use crate::state::session::use_session;

/// The choice picked on each applicant's row so far.
pub type Choices = BTreeMap<i64, VoteChoice>;

/// Why a ballot cannot be sent yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotGap {
    /// Nothing is left to vote on.
    Nothing,
    /// This many applicants still open have no choice.
    Missing(usize),
}

/// The applicants the caller still votes on (those it has not voted on), in table order.
pub fn open_applicants(applicants: &[VoteApplicant]) -> Vec<i64> {
    applicants
        .iter()
        .filter(|a| !a.i_voted)
        .map(|a| a.application_id)
        .collect()
}

/// The request of a ballot: one entry for each applicant still open, in table order, with its
/// choice — only when every one of them has a choice. Choices for applicants already voted
/// on or not in the table are never sent.
pub fn build_ballot(
    applicants: &[VoteApplicant],
    choices: &Choices,
) -> Result<VoteRequest, BallotGap> {
    let open = open_applicants(applicants);
    if open.is_empty() {
        return Err(BallotGap::Nothing);
    }
    let missing = open.iter().filter(|id| !choices.contains_key(id)).count();
    if missing > 0 {
        return Err(BallotGap::Missing(missing));
    }
    Ok(VoteRequest {
        votes: open
            .iter()
            .filter_map(|id| {
                choices.get(id).map(|&choice| VoteEntry {
                    application_id: *id,
                    choice,
                })
            })
            .collect(),
    })
}

/// "同意 3 · 不同意 1 · 弃权 0".
pub fn counts_text(locale: Locale, c: Counts) -> String {
    fill_n(
        t(locale, Key::VtCounts),
        &[
            &c.agree.to_string(),
            &c.disagree.to_string(),
            &c.abstain.to_string(),
        ],
    )
}

/// A group's recommendation: the view, then the counts.
pub fn recommendation_text(locale: Locale, r: &GroupRecommendation) -> String {
    format!(
        "{}（{}）",
        r.view.label(locale),
        counts_text(locale, r.counts)
    )
}

/// How the applicants' table is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableMode {
    /// The caller may vote: rows still open get a radio group.
    pub may_vote: bool,
    /// Show the group column (the committee's table).
    pub show_group: bool,
}

/// The applicants' table (`data-testid="vote-table"`, rows `vote-row-<id>`, radios
/// `vote-<id>-<choice>`, the group's view `rec-<id>`, the count `cast-<id>`).
pub fn vote_table(
    locale: Locale,
    applicants: &[VoteApplicant],
    mode: TableMode,
    choices: &Choices,
    on_choose: &Callback<(i64, VoteChoice)>,
) -> Html {
    let tr = |key| t(locale, key);
    if applicants.is_empty() {
        return html! { <p class="empty-state" data-testid="vote-empty">{ tr(Key::VtNoApplicants) }</p> };
    }
    let rows = applicants.iter().map(|a| {
        let id = a.application_id;
        let choice_cell = if a.i_voted {
            html! { <span class="tag tag-success" data-testid={format!("voted-{id}")}>{ tr(Key::VtVoted) }</span> }
        } else if mode.may_vote {
            let group_label = format!("{} {}", a.name, tr(Key::VtChoice));
            html! {
                <div class="radio-group" role="radiogroup" aria-label={group_label}>
                    { for VoteChoice::ALL.iter().map(|&choice| {
                        let onchange = on_choose.reform(move |_: Event| (id, choice));
                        html! {
                            <label class="check" key={choice.as_str()}>
                                <input type="radio" name={format!("vote-{id}")} value={choice.as_str()}
                                    checked={choices.get(&id) == Some(&choice)} {onchange}
                                    data-testid={format!("vote-{id}-{}", choice.as_str())} />
                                { choice.label(locale) }
                            </label>
                        }
                    }) }
                </div>
            }
        } else {
            html! { <span class="muted">{ "—" }</span> }
        };
        html! {
            <tr key={id} data-testid={format!("vote-row-{id}")}>
                <td class="cell-name">{ &a.name }</td>
                <td>{ &a.employer }</td>
                <td>{ &a.specialty }</td>
                <td>{ &a.qualification }</td>
                if mode.show_group { <td>{ &a.group_name }</td> }
                <td data-testid={format!("rec-{id}")}>
                    { a.recommendation.as_ref().map(|r| recommendation_text(locale, r)).unwrap_or_default() }
                </td>
                <td data-testid={format!("cast-{id}")}>{ a.votes_cast }</td>
                <td>{ choice_cell }</td>
            </tr>
        }
    });
    html! {
        <div class="table-scroll">
            <table class="table" data-testid="vote-table">
                <caption class="visually-hidden">{ tr(Key::VtApplicants) }</caption>
                <thead><tr>
                    <th scope="col">{ tr(Key::OrApplicant) }</th>
                    <th scope="col">{ tr(Key::OrEmployer) }</th>
                    <th scope="col">{ tr(Key::OrSpecialty) }</th>
                    <th scope="col">{ tr(Key::OrQualification) }</th>
                    if mode.show_group { <th scope="col">{ tr(Key::OrGroup) }</th> }
                    <th scope="col">{ tr(Key::VtRecommendation) }</th>
                    <th scope="col">{ tr(Key::VtVotesCast) }</th>
                    <th scope="col">{ tr(Key::VtChoice) }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

/// What the group vote and the committee ballot keep: the choices, the confirmation waiting
/// (`P::default()` when none), the message above the table, and whether the caller is an
/// expert (who came from the tasks, not from the session).
pub struct VoteState<P: 'static> {
    /// The radio choices so far.
    pub choices: UseStateHandle<Choices>,
    /// The action waiting for its confirmation.
    pub pending: UseStateHandle<P>,
    /// The message above the table.
    pub flash: UseStateHandle<Option<Flash>>,
    /// The caller is an expert.
    pub expert: bool,
    reload: Callback<()>,
}

/// The state of a voting page; `reload` loads the page's answer again after a vote.
#[hook]
pub fn use_vote_state<P: Default + 'static>(reload: &Callback<()>) -> VoteState<P> {
    let session = use_session();
    VoteState {
        choices: use_state(Choices::new),
        pending: use_state(P::default),
        flash: use_state(|| None::<Flash>),
        expert: session
            .status
            .signed_in()
            .is_some_and(|s| s.user.kind == AccountKind::Expert),
        reload: reload.clone(),
    }
}

impl<P: Default + Clone + 'static> VoteState<P> {
    /// A confirmation cancelled.
    pub fn on_cancel(&self) -> Callback<()> {
        let pending = self.pending.clone();
        Callback::from(move |()| pending.set(P::default()))
    }

    /// A confirmed action done: its message, the choices cleared, the answer loaded again.
    pub fn on_done(&self) -> Callback<Flash> {
        let (pending, flash, reload, choices) = (
            self.pending.clone(),
            self.flash.clone(),
            self.reload.clone(),
            self.choices.clone(),
        );
        Callback::from(move |f: Flash| {
            pending.set(P::default());
            choices.set(Choices::new());
            flash.set(Some(f));
            reload.emit(());
        })
    }

    /// A radio picked on an applicant's row.
    pub fn on_choose(&self) -> Callback<(i64, VoteChoice)> {
        let choices = self.choices.clone();
        Callback::from(move |(app, choice): (i64, VoteChoice)| {
            let mut next = (*choices).clone();
            next.insert(app, choice);
            choices.set(next);
        })
    }

    /// 提交: `submit` waits for its confirmation when the ballot is complete; otherwise the
    /// message says what is missing.
    pub fn on_submit(
        &self,
        locale: Locale,
        ballot: &Result<VoteRequest, BallotGap>,
        submit: P,
    ) -> Callback<MouseEvent> {
        let (pending, flash, ballot) = (self.pending.clone(), self.flash.clone(), ballot.clone());
        Callback::from(move |_: MouseEvent| match &ballot {
            Ok(_) => pending.set(submit.clone()),
            Err(BallotGap::Missing(n)) => flash.set(Some(Flash::Error(fill(
                t(locale, Key::VtMissing),
                &n.to_string(),
            )))),
            Err(BallotGap::Nothing) => {
                flash.set(Some(Flash::Error(t(locale, Key::VtAllVoted).into())))
            }
        })
    }

    /// The confirmation of a complete ballot: `cast(request)` sends it.
    pub fn submit_dialog<F, Fut>(&self, locale: Locale, request: VoteRequest, cast: F) -> Html
    where
        F: Fn(VoteRequest) -> Fut + 'static,
        Fut: Future<Output = Result<CastAnswer, ApiError>> + 'static,
    {
        let n = request.votes.len().to_string();
        let send = act(move || {
            let sent = cast(request.clone());
            async move {
                sent.await
                    .map(|a| Flash::Success(fill(t(locale, Key::VtCastDone), &a.cast.to_string())))
            }
        });
        html! {
            <ConfirmAction action={t(locale, Key::VtSubmit)} message={fill(t(locale, Key::VtSubmitConfirm), &n)}
                act={send} on_done={self.on_done()} on_cancel={self.on_cancel()} />
        }
    }
}

/// 返回任务 of an expert's voting page.
pub fn back_to_tasks(locale: Locale) -> Html {
    html! { <NavLink to={Route::OnlineReviews} classes="button" testid="back-to-tasks">{ t(locale, Key::OrTasksTitle) }</NavLink> }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applicant(id: i64, i_voted: bool) -> VoteApplicant {
        VoteApplicant {
            application_id: id,
            name: format!("申报人{id}"),
            employer: "单位".into(),
            specialty: "数学".into(),
            qualification: "正高级".into(),
            group_name: "第一组".into(),
            recommendation: None,
            i_voted,
            votes_cast: 0,
        }
    }

    #[test]
    fn every_open_applicant_must_be_chosen_before_the_ballot_is_sent() {
        let applicants = [
            applicant(1, false),
            applicant(2, false),
            applicant(3, false),
        ];
        let mut choices = Choices::new();
        assert_eq!(
            build_ballot(&applicants, &choices),
            Err(BallotGap::Missing(3))
        );
        choices.insert(1, VoteChoice::Agree);
        choices.insert(3, VoteChoice::Abstain);
        assert_eq!(
            build_ballot(&applicants, &choices),
            Err(BallotGap::Missing(1))
        );
        choices.insert(2, VoteChoice::Disagree);
        let request = build_ballot(&applicants, &choices).expect("complete");
        assert_eq!(
            request.votes,
            vec![
                VoteEntry {
                    application_id: 1,
                    choice: VoteChoice::Agree
                },
                VoteEntry {
                    application_id: 2,
                    choice: VoteChoice::Disagree
                },
                VoteEntry {
                    application_id: 3,
                    choice: VoteChoice::Abstain
                },
            ]
        );
    }

    #[test]
    fn the_entries_sent_are_exactly_the_chosen_open_ones() {
        // 2 is voted already; 9 is not in the table: neither is sent.
        let applicants = [applicant(1, false), applicant(2, true), applicant(3, false)];
        let choices = Choices::from([
            (3, VoteChoice::Agree),
            (2, VoteChoice::Disagree),
            (9, VoteChoice::Agree),
            (1, VoteChoice::Disagree),
        ]);
        let request = build_ballot(&applicants, &choices).expect("complete");
        let sent: Vec<(i64, VoteChoice)> = request
            .votes
            .iter()
            .map(|v| (v.application_id, v.choice))
            .collect();
        assert_eq!(
            sent,
            vec![(1, VoteChoice::Disagree), (3, VoteChoice::Agree)]
        );
        assert_eq!(open_applicants(&applicants), vec![1, 3]);
    }

    #[test]
    fn nothing_is_sent_when_everything_is_voted() {
        let applicants = [applicant(1, true)];
        let choices = Choices::from([(1, VoteChoice::Agree)]);
        assert_eq!(build_ballot(&applicants, &choices), Err(BallotGap::Nothing));
        assert_eq!(build_ballot(&[], &Choices::new()), Err(BallotGap::Nothing));
    }

    #[test]
    fn counts_read_in_both_languages() {
        let c = Counts {
            agree: 3,
            disagree: 1,
            abstain: 0,
        };
        assert_eq!(counts_text(Locale::ZhCn, c), "同意 3 · 不同意 1 · 弃权 0");
        assert_eq!(
            counts_text(Locale::En, c),
            "Agree 3 · Disagree 1 · Abstain 0"
        );
    }
}
