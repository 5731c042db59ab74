//! The expert's own screens (评审专家; issue 10 and 11, manual §6.5.2, §6.2.10.4–7): the
//! profile, the dossiers to review and the review form, the groups they lead with the
//! distribution and the group vote, and the committee ballot. Experts often work on a phone:
//! they load these screens and not the organising unit's.

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::not_found::NotFound;
use crate::pages::title::experts::profile::Profile;
use crate::pages::title::online::{
    committee_vote::CommitteeVotePage, distribution::Distribution, group_vote::GroupVotePage,
    review_form::ReviewFormPage, tasks::ExpertTasks,
};
use crate::routes::Route;

/// The reviewer entry.
pub const PAGES: EntryPages = EntryPages {
    entry: SpaEntry::Reviewer,
    page,
};

fn page(route: &Route) -> Html {
    match route {
        Route::ExpertProfile => html! { <Profile /> },
        Route::OnlineReviews => html! { <ExpertTasks key="reviews" /> },
        Route::OnlineGroups => html! { <ExpertTasks key="groups" leader_only=true /> },
        Route::OnlineReview { id } => html! { <ReviewFormPage key={*id} id={*id} /> },
        Route::OnlineDistribution { id } => html! { <Distribution key={*id} id={*id} /> },
        Route::OnlineGroupVote { id } => html! { <GroupVotePage key={*id} id={*id} /> },
        Route::OnlineCommitteeVote { id } => html! { <CommitteeVotePage key={*id} id={*id} /> },
        _ => html! { <NotFound /> },
    }
}
