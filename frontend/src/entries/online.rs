//! The online review as the organising unit and the HRSS run it (issue 10 and 11, manual
//! §6.2.10, modules `title.online.*`): review sessions and their draws, attendance, blind
//! opinions, the vote sheet, tally results and the review filing. The experts' own screens
//! (review forms, distribution, votes) are the reviewer entry's.

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::not_found::NotFound;
use crate::pages::title::online::{
    attendance::AttendanceSheet, blind_opinions::BlindOpinions, draw_record::DrawRecordPage,
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
        // 评委会管理: the session, its draws, attendance and blind opinions
        Route::OnlineSessions => html! { <Sessions /> },
        Route::OnlineSession { id } => html! { <SessionPage key={*id} id={*id} /> },
        Route::OnlineDrawRecord { id } => html! { <DrawRecordPage key={*id} id={*id} /> },
        Route::OnlineAttendance { id } => html! { <AttendanceSheet key={*id} id={*id} /> },
        Route::OnlineBlindOpinions { id } => html! { <BlindOpinions key={*id} id={*id} /> },
        // 评审表决表, 统票结果
        Route::OnlineVoteSheet { id } => html! { <VoteSheetPage key={*id} id={*id} /> },
        Route::TallyResults => html! { <TallyResults /> },
        // 评审工作备案
        Route::ReviewFilings => html! { <ReviewFilings /> },
        Route::ReviewFiling { id } => html! { <ReviewFilingPage key={*id} id={*id} /> },
        _ => html! { <NotFound /> },
    }
}
