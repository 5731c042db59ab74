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
        _ => html! { <NotFound /> },
    }
}
