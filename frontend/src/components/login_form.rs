//! The login form, used by the login page and the signed-out home page.
//!
//! On success the answer goes to the session store; the route guard then moves on (to `next`
//! from `/login`, or stays on the home page, now signed in).

use shared::auth::LoginRequest;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use shared::ErrorCode;

use crate::api;
use crate::i18n::{use_i18n, Key};
use crate::state::session::use_session;

/// The username / password form; for an account with two-factor authentication the server's
/// `mfa_required` adds the code field, and the next submit sends the code with the password.
#[component]
pub fn LoginForm() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let username = use_node_ref();
    let password = use_node_ref();
    let otp = use_node_ref();
    let otp_needed = use_state(|| false);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);

    let onsubmit = {
        let (username, password, otp) = (username.clone(), password.clone(), otp.clone());
        let (error, busy, otp_needed) = (error.clone(), busy.clone(), otp_needed.clone());
        let store = session.store.clone();
        let locale = i18n.locale;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let (Some(user_input), Some(password_input)) = (
                username.cast::<HtmlInputElement>(),
                password.cast::<HtmlInputElement>(),
            ) else {
                return;
            };
            let otp_input = otp.cast::<HtmlInputElement>();
            let request = LoginRequest {
                username: user_input.value().trim().to_owned(),
                password: password_input.value(),
                otp: otp_input
                    .as_ref()
                    .map(|input| input.value().trim().to_owned())
                    .filter(|code| !code.is_empty()),
            };
            if request.username.is_empty()
                || request.password.is_empty()
                || (*otp_needed && request.otp.is_none())
            {
                error.set(Some(
                    crate::i18n::t(locale, Key::LoginMissingFields).to_owned(),
                ));
                return;
            }
            busy.set(true);
            let (error, busy, store) = (error.clone(), busy.clone(), store.clone());
            let otp_needed = otp_needed.clone();
            spawn_local(async move {
                match api::auth::login(&request, locale).await {
                    Ok(answer) => store.apply(answer),
                    Err(failure) => {
                        error.set(Some(failure.message(locale)));
                        busy.set(false);
                        if failure.is(ErrorCode::MfaRequired) {
                            // The password was right: keep it, ask for the code.
                            otp_needed.set(true);
                        } else if failure.is(ErrorCode::MfaCodeInvalid) {
                            if let Some(input) = otp_input {
                                input.set_value("");
                                let _ = input.focus();
                            }
                        } else {
                            password_input.set_value("");
                            let _ = password_input.focus();
                        }
                    }
                }
            });
        })
    };

    let submit_label = if *busy {
        Key::LoginSubmitting
    } else {
        Key::LoginSubmit
    };
    html! {
        <form class="form login-form" novalidate=true {onsubmit} aria-busy={busy.to_string()}>
            <div class="form-alert" role="alert" data-testid="login-error">
                if let Some(message) = &*error {
                    <p class="alert alert-error">{ message }</p>
                }
            </div>
            <div class="field">
                <label for="login-username">{ i18n.t(Key::LoginUsername) }</label>
                <input
                    id="login-username"
                    name="username"
                    type="text"
                    autocomplete="username"
                    autocapitalize="off"
                    spellcheck="false"
                    aria-describedby="login-username-hint"
                    data-testid="login-username"
                    ref={username}
                />
                <p class="field-hint" id="login-username-hint">{ i18n.t(Key::LoginUsernameHint) }</p>
            </div>
            <div class="field">
                <label for="login-password">{ i18n.t(Key::LoginPassword) }</label>
                <input
                    id="login-password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    data-testid="login-password"
                    ref={password}
                />
            </div>
            if *otp_needed {
                <div class="field">
                    <label for="login-otp">{ i18n.t(Key::LoginOtp) }</label>
                    <input
                        id="login-otp"
                        name="otp"
                        type="text"
                        autocomplete="one-time-code"
                        autocapitalize="off"
                        spellcheck="false"
                        maxlength="16"
                        aria-describedby="login-otp-hint"
                        data-testid="login-otp"
                        ref={otp}
                        autofocus=true
                    />
                    <p class="field-hint" id="login-otp-hint">{ i18n.t(Key::LoginOtpHint) }</p>
                </div>
            }
            <button
                type="submit"
                class="button button-primary button-block"
                data-testid="login-submit"
                disabled={*busy}
            >
                { i18n.t(submit_label) }
            </button>
            <p class="form-note">{ i18n.t(Key::LoginInitialPasswordNote) }</p>
        </form>
    }
}
