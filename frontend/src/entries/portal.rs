//! Sign-in and the portal shell: login, the home page with the to-do counts, the own password,
//! the inbox (站内通知), server status, the placeholder of modules without a screen, and 404
//! for unknown paths.

use shared::spa::SpaEntry;
use yew::prelude::*;

use super::EntryPages;
use crate::pages::portal::{
    home::Home, inbox::Inbox, login::Login, mfa::MfaEnroll, password::Password,
};
use crate::pages::{about::About, module::ModulePage, not_found::NotFound};
use crate::routes::Route;

/// The portal entry.
pub const PAGES: EntryPages = EntryPages {
    entry: SpaEntry::Portal,
    page,
};

fn page(route: &Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::Login => html! { <Login /> },
        Route::Password => html! { <Password /> },
        Route::MfaEnroll => html! { <MfaEnroll page=true /> },
        Route::Inbox => html! { <Inbox /> },
        Route::Module { code } => html! { <ModulePage code={code.clone()} /> },
        Route::About => html! { <About /> },
        _ => html! { <NotFound /> },
    }
}
