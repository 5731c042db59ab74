//! Carries out the route guard ([`crate::guard::decide`]) for the route being shown.

use serde::{Deserialize, Serialize};
use shared::spa::SpaEntry;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::entries::EntryPages;
use crate::guard::{decide, Decision};
use crate::i18n::{use_i18n, Key};
use crate::nav::route_module;
use crate::pages::module::NoAccess;
use crate::pages::portal::forced_password::ForcedPassword;
use crate::routes::Route;
use crate::state::session::{use_session, Notice, Status};

/// The login page's query string: where to go after signing in.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NextQuery {
    /// A path of the SPA.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// Props of [`Guarded`].
#[derive(Properties, PartialEq)]
pub struct GuardedProps {
    /// The route the router matched.
    pub route: Route,
}

/// The page of a route, or what the guard shows instead. A route of another entry (reached by
/// a link or a redirect inside this one) is a full page load into that entry: the session
/// (refresh token in `sessionStorage`) and the locale (`localStorage`) carry over.
#[component]
pub fn Guarded(props: &GuardedProps) -> Html {
    let session = use_session();
    let pages = use_context::<EntryPages>();
    let location = use_location();
    let here = location
        .as_ref()
        .map(|l| SpaEntry::for_path(l.path()))
        .unwrap_or(SpaEntry::Portal);
    let next = location
        .and_then(|l| l.query::<NextQuery>().ok())
        .and_then(|q| q.next);
    let Some(pages) = pages else {
        return html! {};
    };
    match decide(&props.route, &session.status, next.as_deref()) {
        Decision::Render if here != pages.entry => html! { <FullLoad /> },
        Decision::Render => {
            // A module's screen only for an account holding the module (the API agrees).
            match route_module(&props.route) {
                Some(module)
                    if !matches!(props.route, Route::Module { .. })
                        && !session.status.signed_in().is_some_and(|s| s.holds(module)) =>
                {
                    html! { <NoAccess {module} /> }
                }
                _ => (pages.page)(&props.route),
            }
        }
        Decision::Wait => html! { <Waiting /> },
        Decision::Login { next } => html! { <Replace to={Route::Login} next={Some(next)} /> },
        Decision::ForcedPasswordChange => html! { <ForcedPassword /> },
        Decision::Redirect(to) => html! { <Replace {to} next={None::<String>} /> },
    }
}

/// Loads the current address afresh, so that the server sends the entry it belongs to. Runs
/// again if the address changes meanwhile (a redirect right after a link), so the last one wins.
#[component]
pub fn FullLoad() -> Html {
    let here = use_location().map(|l| format!("{}{}", l.path(), l.query_str()));
    use_effect_with(here, |_| {
        if let Some(window) = web_sys::window() {
            let location = window.location();
            if let Ok(href) = location.href() {
                // replace: the history entry the router just pushed is this same address.
                let _ = location.replace(&href);
            }
        }
    });
    html! { <Waiting /> }
}

/// Shown while the stored session is restored.
#[component]
fn Waiting() -> Html {
    let i18n = use_i18n();
    html! {
        <p class="state-loading" role="status" data-testid="session-loading">
            { i18n.t(Key::Loading) }
        </p>
    }
}

/// Props of [`Replace`].
#[derive(Properties, PartialEq)]
pub struct ReplaceProps {
    /// Where to go.
    pub to: Route,
    /// `?next=` to add.
    pub next: Option<String>,
}

/// Replaces the current history entry (so Back does not bounce) once rendered.
#[component]
pub fn Replace(props: &ReplaceProps) -> Html {
    let navigator = use_navigator();
    let target = (props.to.clone(), props.next.clone());
    use_effect_with(target, move |(to, next)| {
        if let Some(navigator) = navigator {
            replace(&navigator, to, next.clone());
        }
    });
    html! { <Waiting /> }
}

/// Sends the user to the login page (and back here afterwards) when the session expires
/// while signed in, even on a page that needs no session: the user should know.
#[hook]
pub fn use_expiry_redirect() {
    let session = use_session();
    let navigator = use_navigator();
    let here = use_route::<Route>().map(|r| r.to_path());
    let was_signed_in = use_mut_ref(|| false);
    use_effect_with(session.status, move |status| {
        let expired = *status == Status::SignedOut(Some(Notice::Expired));
        if expired && *was_signed_in.borrow() {
            if let Some(navigator) = navigator {
                replace(&navigator, &Route::Login, here);
            }
        }
        *was_signed_in.borrow_mut() = status.signed_in().is_some();
    });
}

/// Replaces the current history entry with `to`, adding `?next=` when given.
fn replace(navigator: &Navigator, to: &Route, next: Option<String>) {
    match next {
        Some(next) => {
            let query = NextQuery { next: Some(next) };
            if navigator.replace_with_query(to, &query).is_err() {
                navigator.replace(to);
            }
        }
        None => navigator.replace(to),
    }
}
