//! `/login`: the login form, with the reason when a session has just ended.

use yew::prelude::*;

use crate::components::login_form::LoginForm;
use crate::i18n::{use_i18n, Key};
use crate::state::session::{use_session, Notice, Status};

/// The login page.
#[component]
pub fn Login() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let notice = match session.status {
        Status::SignedOut(Some(notice)) => Some(notice),
        Status::SignedOut(None) | Status::Restoring | Status::SignedIn(_) => None,
    };
    let notice = notice.map(|notice| {
        let (class, key) = match notice {
            Notice::Expired => ("alert alert-warning", Key::NoticeExpired),
            Notice::LoggedOut => ("alert alert-info", Key::NoticeLoggedOut),
            Notice::Unreachable => ("alert alert-warning", Key::NoticeUnreachable),
        };
        html! { <p class={class} role="status" data-testid="login-notice">{ i18n.t(key) }</p> }
    });
    html! {
        <section class="page page-login" data-testid="page-login">
            <div class="login-card panel">
                <h1 class="page-title">{ i18n.t(Key::LoginHeading) }</h1>
                { for notice }
                <LoginForm />
                <p class="form-note">
                    <crate::components::nav_link::NavLink to={crate::routes::Route::PublicPublicity} testid="link-public-publicity">
                        { i18n.t(Key::NavPublicSite) }
                    </crate::components::nav_link::NavLink>
                </p>
            </div>
        </section>
    }
}
