//! The online review (issue 10, manual §6.2.10, modules `title.online.*` and the experts'
//! `title.review.group_management` / `expert_review`): review sessions, attendance, blind
//! opinions, distribution, the experts' review forms and their home page.

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::not_found::NotFound;
use crate::pages::title::online::{
    attendance::AttendanceSheet, blind_opinions::BlindOpinions, distribution::Distribution,
    review_form::ReviewFormPage, tasks::ExpertTasks,
};
use crate::pages::title::online::{
    committee_vote::CommitteeVotePage, draw_record::DrawRecordPage, group_vote::GroupVotePage,
    tally_results::TallyResults, vote_sheet::VoteSheetPage,
};
use crate::pages::title::online::{filing::ReviewFilingPage, filings::ReviewFilings};
use crate::pages::title::online::{session::SessionPage, sessions::Sessions};
use crate::routes::Route;

/// The online-review entry.
pub const PAGES: EntryPages = EntryPages {
    entry: SpaEntry::Online,
    page,
};

/// The entry's screens by route; any other path of the entry is its 404 page.
fn page(route: &Route) -> Html {
    match route {
        // h/sessions: 评委会管理
        Route::OnlineSessions => html! { <Sessions /> },
        Route::OnlineSession { id } => html! { <SessionPage key={*id} id={*id} /> },
        // h/review: during the review
        Route::OnlineReviews => html! { <ExpertTasks key="reviews" /> },
        Route::OnlineGroups => html! { <ExpertTasks key="groups" leader_only=true /> },
        Route::OnlineReview { id } => html! { <ReviewFormPage key={*id} id={*id} /> },
        Route::OnlineDistribution { id } => html! { <Distribution key={*id} id={*id} /> },
        Route::OnlineAttendance { id } => html! { <AttendanceSheet key={*id} id={*id} /> },
        Route::OnlineBlindOpinions { id } => html! { <BlindOpinions key={*id} id={*id} /> },
        // h/filing: 评审工作备案
        Route::ReviewFilings => html! { <ReviewFilings /> },
        Route::ReviewFiling { id } => html! { <ReviewFilingPage key={*id} id={*id} /> },
        // h/votes: 组内投票, 评委会投票, 评审表决表, 统票结果
        Route::OnlineGroupVote { id } => html! { <GroupVotePage key={*id} id={*id} /> },
        Route::OnlineCommitteeVote { id } => html! { <CommitteeVotePage key={*id} id={*id} /> },
        Route::OnlineVoteSheet { id } => html! { <VoteSheetPage key={*id} id={*id} /> },
        Route::OnlineDrawRecord { id } => html! { <DrawRecordPage key={*id} id={*id} /> },
        Route::TallyResults => html! { <TallyResults /> },
        _ => html! { <NotFound /> },
    }
}
