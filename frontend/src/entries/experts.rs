//! The expert pool (issue 10, manual §6.5, modules `title.experts.*`): the pool, pool-update
//! filings, recommendations and the expert's own profile. Its own entry so the committees' and
//! experts' screens load only for the people who use them.

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::not_found::NotFound;
use crate::pages::title::experts::{
    pool::Pool, profile::Profile, recommendations::Recommendations, updates::PoolUpdates,
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
        Route::ExpertProfile => html! { <Profile /> },
        _ => html! { <NotFound /> },
    }
}
