//! Two-factor authentication (双因素认证): enrolling an authenticator app. `/mfa` is where the
//! guard sends an account the security policy requires it of while it is not on (every other
//! route leads there, like the forced password change); the password page offers it to all.

use shared::auth::MfaEnrollment;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::hooks::use_api;
use crate::i18n::{use_i18n, Key};
use crate::state::session::use_session;

/// Props of [`MfaEnroll`].
#[derive(Properties, PartialEq)]
pub struct MfaEnrollProps {
    /// A page of its own (`/mfa`, with the reason when forced), not a panel of another page.
    #[prop_or_default]
    pub page: bool,
}

/// Where the enrollment stands.
#[derive(Clone, PartialEq)]
enum Step {
    Intro,
    Pending(MfaEnrollment),
    Done(Vec<String>),
}

/// The SVG as a `data:` URL for an `<img>` (the page's CSP allows `data:` images).
fn svg_url(svg: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    let encoded = String::from(js_sys::encode_uri_component(svg));
    #[cfg(not(target_arch = "wasm32"))]
    let encoded = svg.to_owned();
    format!("data:image/svg+xml;charset=utf-8,{encoded}")
}

/// The secret in groups of four, as apps show it.
pub fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Start → scan and confirm with a code → the recovery codes, shown once.
#[component]
pub fn MfaEnroll(props: &MfaEnrollProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let step = use_state(|| Step::Intro);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let code = use_node_ref();
    let locale = i18n.locale;
    let navigator = yew_router::prelude::use_navigator();
    let enabled = session
        .status
        .signed_in()
        .is_some_and(|s| s.user.mfa_enabled);
    let forced = session
        .status
        .signed_in()
        .is_some_and(|s| s.mfa_enrollment_pending());

    let start = {
        let (api, step, error, busy) = (api.clone(), step.clone(), error.clone(), busy.clone());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (api, step, error, busy) = (api.clone(), step.clone(), error.clone(), busy.clone());
            spawn_local(async move {
                match api::auth::enroll_mfa(&api).await {
                    Ok(pending) => {
                        error.set(None);
                        step.set(Step::Pending(pending));
                    }
                    Err(e) => error.set(Some(e.message(locale))),
                }
                busy.set(false);
            });
        })
    };
    let confirm = {
        let (api, step, error, busy) = (api.clone(), step.clone(), error.clone(), busy.clone());
        let code = code.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = code.cast::<HtmlInputElement>() else {
                return;
            };
            let value: String = input
                .value()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            if *busy {
                return;
            }
            if value.len() != 6 || !value.bytes().all(|b| b.is_ascii_digit()) {
                error.set(Some(crate::i18n::t(locale, Key::MfaCodeFormat).to_owned()));
                let _ = input.focus();
                return;
            }
            busy.set(true);
            let (api, step, error, busy) = (api.clone(), step.clone(), error.clone(), busy.clone());
            spawn_local(async move {
                match api::auth::confirm_mfa(&api, value).await {
                    Ok(answer) => {
                        error.set(None);
                        step.set(Step::Done(answer.codes));
                    }
                    Err(e) => {
                        error.set(Some(e.message(locale)));
                        input.set_value("");
                        let _ = input.focus();
                    }
                }
                busy.set(false);
            });
        })
    };
    let finish = {
        let store = session.store.clone();
        let status = session.status.clone();
        let page = props.page;
        Callback::from(move |_: MouseEvent| {
            // Now on for this session too: the guard lets every page through again.
            if let Some(signed_in) = status.signed_in() {
                let mut user = signed_in.user.clone();
                user.mfa_enabled = true;
                store.update_user(user);
            }
            if let (true, Some(navigator)) = (page, &navigator) {
                navigator.push(&crate::routes::Route::Home);
            }
        })
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });

    let alert = html! {
        <div class="form-alert" role="alert" data-testid="mfa-error">
            if let Some(message) = &*error {
                <p class="alert alert-error">{ message }</p>
            }
        </div>
    };
    let body = match &*step {
        Step::Intro if enabled => html! {
            <p class="alert alert-success" data-testid="mfa-on">{ i18n.t(Key::MfaOn) }</p>
        },
        Step::Intro => html! {
            <>
                <p>{ i18n.t(Key::MfaIntro) }</p>
                { alert }
                <button type="button" class="button button-primary" data-testid="mfa-start"
                    disabled={*busy} onclick={start}>
                    { i18n.t(Key::MfaStart) }
                </button>
            </>
        },
        Step::Pending(pending) => html! {
            <form class="form mfa-form" novalidate=true onsubmit={confirm} aria-busy={busy.to_string()}>
                <ol class="mfa-steps">
                    <li>{ i18n.t(Key::MfaScan) }</li>
                    <li>{ i18n.t(Key::MfaEnterCode) }</li>
                </ol>
                <img class="mfa-qr" src={svg_url(&pending.qr_svg)} alt={i18n.t(Key::MfaQrAlt)}
                    width="240" height="240" data-testid="mfa-qr" />
                <p class="field-hint">
                    { i18n.t(Key::MfaSecretLabel) }
                    <code class="mfa-secret" data-testid="mfa-secret" data-secret={pending.secret.clone()}>
                        { grouped(&pending.secret) }
                    </code>
                </p>
                { alert }
                <div class="field">
                    <label for="mfa-code">{ i18n.t(Key::MfaCode) }<crate::kit::fields::RequiredMark /></label>
                    <input id="mfa-code" name="code" type="text" inputmode="numeric"
                        autocomplete="one-time-code" maxlength="7" required=true
                        data-testid="mfa-code" ref={code} />
                </div>
                <button type="submit" class="button button-primary" data-testid="mfa-confirm" disabled={*busy}>
                    { i18n.t(Key::MfaConfirm) }
                </button>
            </form>
        },
        Step::Done(codes) => html! {
            <>
                <p class="alert alert-success" role="status" data-testid="mfa-enabled">{ i18n.t(Key::MfaEnabled) }</p>
                <p>{ i18n.t(Key::MfaRecoveryText) }</p>
                <ol class="mfa-recovery" data-testid="mfa-recovery-codes">
                    { for codes.iter().map(|c| html! { <li><code data-testid="mfa-recovery-code">{ c.clone() }</code></li> }) }
                </ol>
                <div class="form-actions no-print">
                    <button type="button" class="button" data-testid="mfa-print" onclick={print}>
                        { i18n.t(Key::MfaPrint) }
                    </button>
                    <button type="button" class="button button-primary" data-testid="mfa-done" onclick={finish}>
                        { i18n.t(Key::MfaDone) }
                    </button>
                </div>
            </>
        },
    };
    if props.page {
        html! {
            <section class="page" data-testid="page-mfa-enroll">
                <h1 class="page-title">{ i18n.t(if forced { Key::MfaForcedHeading } else { Key::MfaHeading }) }</h1>
                <div class="panel">
                    if forced {
                        <p class="alert alert-warning" data-testid="mfa-reason">{ i18n.t(Key::MfaForcedText) }</p>
                    }
                    { body }
                </div>
            </section>
        }
    } else {
        html! {
            <div class="panel" data-testid="mfa-panel">
                <h2 class="panel-title">{ i18n.t(Key::MfaHeading) }</h2>
                { body }
            </div>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_shown_in_groups_of_four() {
        assert_eq!(grouped("ABCDEFGHIJ"), "ABCD EFGH IJ");
        assert_eq!(grouped(""), "");
    }
}
