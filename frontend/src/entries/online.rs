//! The online review (issue 10, manual §6.2.10, modules `title.online.*` and the experts'
//! `title.review.group_management` / `expert_review`): review sessions, attendance, blind
//! opinions, distribution, the experts' review forms and their home page.

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::not_found::NotFound;
use crate::routes::Route;

/// The online-review entry.
pub const PAGES: EntryPages = EntryPages {
    entry: SpaEntry::Online,
    page,
};

/// Its screens arrive with issue 10; until then every path of the entry is its 404 page.
fn page(_route: &Route) -> Html {
    html! { <NotFound /> }
}
