//! Publicity (公示, title.review's batches of every kind): the employers, HRSS and policy
//! reviewers who open, publish and complete batches load only these screens.

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::not_found::NotFound;
use crate::pages::title::review::publicity::{PublicityBatchPage, PublicityBatches};
use crate::pages::title::review::publicity_rules;
use crate::routes::Route;

/// The publicity entry.
pub const PAGES: EntryPages = EntryPages {
    entry: SpaEntry::Publicity,
    page,
};

fn page(route: &Route) -> Html {
    match route {
        Route::Publicity { kind } => match publicity_rules::parse_kind(kind) {
            Some(kind) => html! { <PublicityBatches key={kind.as_str()} {kind} /> },
            None => html! { <NotFound /> },
        },
        Route::PublicityBatch { kind, id } => match publicity_rules::parse_kind(kind) {
            Some(kind) => {
                html! { <PublicityBatchPage key={format!("{kind}-{id}")} {kind} id={*id} /> }
            }
            None => html! { <NotFound /> },
        },
        _ => html! { <NotFound /> },
    }
}
