//! The expert pool (issue 10, manual §6.5, modules `title.experts.*`): the pool, pool-update
//! filings, recommendations and the expert's own profile. Its own entry so the committees' and
//! experts' screens load only for the people who use them.

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::not_found::NotFound;
use crate::routes::Route;

/// The expert-pool entry.
pub const PAGES: EntryPages = EntryPages {
    entry: SpaEntry::Experts,
    page,
};

/// Its screens arrive with issue 10; until then every path of the entry is its 404 page.
fn page(_route: &Route) -> Html {
    html! { <NotFound /> }
}
