//! The expert pool (issue 10, manual §6.5, modules `title.experts.*`): the pool, pool-update
//! filings and recommendations, for the organising units and HRSS. The expert's own profile is
//! the reviewer entry's.

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::not_found::NotFound;
use crate::pages::title::experts::{
    pool::Pool, recommendations::Recommendations, updates::PoolUpdates,
};
use crate::routes::Route;

/// The expert-pool entry.
pub const PAGES: EntryPages = EntryPages {
    entry: SpaEntry::Experts,
    page,
};

fn page(route: &Route) -> Html {
    match route {
        Route::ExpertPool => html! { <Pool /> },
        Route::PoolUpdates => html! { <PoolUpdates /> },
        Route::ExpertRecommendations => html! { <Recommendations /> },
        _ => html! { <NotFound /> },
    }
}
