//! The SPA's entries: one bundle per audience, each its own binary (`src/bin/<name>.rs`) with
//! its own wasm, js and HTML. The signed-in entries (all but public) share the shell
//! ([`crate::app::App`]: session, guard, menu) and differ in their page function over the routes
//! they serve; the public entry has its own small frame ([`public::start`]). The pages of other
//! entries are not referenced, so the linker leaves them out of an entry's wasm.
//!
//! Which entry serves a path is [`shared::spa::SpaEntry::for_path`], on the server and here.

use shared::spa::SpaEntry;
use yew::Html;

use crate::routes::Route;

pub mod admin;
pub mod certificates;
pub mod experts;
pub mod manage;
pub mod online;
pub mod portal;
pub mod public;
pub mod publicity;
pub mod reviewer;
pub mod security;
pub mod title;

/// An entry: which one it is and how it renders its routes.
#[derive(Clone, Copy)]
pub struct EntryPages {
    /// The entry.
    pub entry: SpaEntry,
    /// The page of one of the entry's routes (the guard has let it through).
    pub page: fn(&Route) -> Html,
}

impl PartialEq for EntryPages {
    /// One entry per document and one page function per entry: the entry decides.
    fn eq(&self, other: &Self) -> bool {
        self.entry == other.entry
    }
}
