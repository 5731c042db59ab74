//! The forced password change: while `must_change_password` is true it replaces every route
//! (SPEC §2: every initial or reset password is changed before anything else works).

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::password_form::PasswordForm;
use crate::i18n::{use_i18n, Key};
use crate::routes::Route;

/// History state of the home page right after the forced change: it says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordChanged;

/// Explanation and the password form, nothing else.
#[component]
pub fn ForcedPassword() -> Html {
    let i18n = use_i18n();
    let navigator = use_navigator();
    let on_success = Callback::from(move |()| {
        if let Some(navigator) = &navigator {
            navigator.push_with_state(&Route::Home, PasswordChanged);
        }
    });
    html! {
        <section class="page" data-testid="page-forced-password">
            <h1 class="page-title">{ i18n.t(Key::ForcedPasswordHeading) }</h1>
            <div class="panel">
                <p class="alert alert-warning" data-testid="forced-password-reason">
                    { i18n.t(Key::ForcedPasswordText) }
                </p>
                <PasswordForm {on_success} />
            </div>
        </section>
    }
}
