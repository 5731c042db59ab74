//! The password change form (密码修改), used by `/password` and the forced change.
//!
//! The repeat is checked here; every other rule is the server's (its message names the rule
//! that failed). Success brings fresh tokens, which replace the session's.

use shared::auth::ChangePasswordRequest;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::hooks::use_api;
use crate::i18n::{t, use_i18n, Key, Locale};
use crate::state::session::use_session;

/// Props of [`PasswordForm`].
#[derive(Properties, PartialEq)]
pub struct PasswordFormProps {
    /// Called after the new tokens are in the session.
    #[prop_or_default]
    pub on_success: Callback<()>,
}

/// Where the last submission stands.
#[derive(Clone, PartialEq)]
enum Outcome {
    None,
    Failed(String),
    Changed,
}

/// Why the fields cannot be sent as they are, if they cannot.
pub fn check_fields(current: &str, new: &str, repeat: &str) -> Option<Key> {
    if current.is_empty() || new.is_empty() || repeat.is_empty() {
        Some(Key::PasswordMissingFields)
    } else if new != repeat {
        Some(Key::PasswordMismatch)
    } else {
        None
    }
}

/// Current, new and repeated password, the rules, and the outcome.
#[component]
pub fn PasswordForm(props: &PasswordFormProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let fields = [use_node_ref(), use_node_ref(), use_node_ref()];
    let outcome = use_state(|| Outcome::None);
    let busy = use_state(|| false);

    let onsubmit = {
        let fields = fields.clone();
        let (outcome, busy) = (outcome.clone(), busy.clone());
        let (api, store) = (api.clone(), session.store.clone());
        let on_success = props.on_success.clone();
        let locale = i18n.locale;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let inputs: Vec<HtmlInputElement> = fields.iter().filter_map(|f| f.cast()).collect();
            let [current, new, repeat] = inputs.as_slice() else {
                return;
            };
            let (current, new, repeat) = (current.value(), new.value(), repeat.value());
            if let Some(problem) = check_fields(&current, &new, &repeat) {
                outcome.set(Outcome::Failed(t(locale, problem).to_owned()));
                return;
            }
            busy.set(true);
            let request = ChangePasswordRequest {
                current_password: current,
                new_password: new,
            };
            let (outcome, busy) = (outcome.clone(), busy.clone());
            let (api, store) = (api.clone(), store.clone());
            let on_success = on_success.clone();
            spawn_local(async move {
                let result = api::auth::change_password(&api, &request).await;
                busy.set(false);
                match result {
                    Ok(answer) => {
                        for input in &inputs {
                            input.set_value("");
                        }
                        outcome.set(Outcome::Changed);
                        store.apply(answer);
                        on_success.emit(());
                    }
                    Err(error) => outcome.set(Outcome::Failed(error.message(locale))),
                }
            });
        })
    };

    let [current_ref, new_ref, repeat_ref] = fields;
    let submit_label = if *busy {
        Key::PasswordSubmitting
    } else {
        Key::PasswordSubmit
    };
    html! {
        <div class="password-layout">
            <form class="form password-form" novalidate=true {onsubmit} aria-busy={busy.to_string()}>
                <div class="form-alert" role="alert" data-testid="password-error">
                    if let Outcome::Failed(message) = &*outcome {
                        <p class="alert alert-error">{ message }</p>
                    }
                </div>
                <div class="form-alert" role="status" data-testid="password-success">
                    if *outcome == Outcome::Changed {
                        <p class="alert alert-success">{ i18n.t(Key::PasswordSuccess) }</p>
                    }
                </div>
                { field("password-current", Key::PasswordCurrent, "current-password", current_ref, i18n.locale) }
                { field("password-new", Key::PasswordNew, "new-password", new_ref, i18n.locale) }
                { field("password-repeat", Key::PasswordRepeat, "new-password", repeat_ref, i18n.locale) }
                <button
                    type="submit"
                    class="button button-primary"
                    data-testid="password-submit"
                    disabled={*busy}
                >
                    { i18n.t(submit_label) }
                </button>
            </form>
            <aside class="rules" aria-labelledby="password-rules-title">
                <h2 class="rules-title" id="password-rules-title">{ i18n.t(Key::PasswordRulesTitle) }</h2>
                <ul id="password-rules">
                    <li>{ i18n.t(Key::PasswordRuleLength) }</li>
                    <li>{ i18n.t(Key::PasswordRuleClasses) }</li>
                    <li>{ i18n.t(Key::PasswordRuleNotUsername) }</li>
                    <li>{ i18n.t(Key::PasswordRuleNotInitial) }</li>
                    <li>{ i18n.t(Key::PasswordRuleNotWeak) }</li>
                </ul>
            </aside>
        </div>
    }
}

/// One labelled password input; its id doubles as its test id.
fn field(
    id: &'static str,
    label: Key,
    autocomplete: &'static str,
    node: NodeRef,
    locale: Locale,
) -> Html {
    let described = (id == "password-new").then_some("password-rules");
    html! {
        <div class="field">
            <label for={id}>{ t(locale, label) }</label>
            <input
                {id}
                type="password"
                autocomplete={autocomplete}
                aria-describedby={described}
                data-testid={id}
                ref={node}
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repeat_must_match_and_nothing_may_be_empty() {
        assert_eq!(check_fields("", "a", "a"), Some(Key::PasswordMissingFields));
        assert_eq!(
            check_fields("old", "Zx9#long", "Zx9#lonG"),
            Some(Key::PasswordMismatch)
        );
        assert_eq!(check_fields("old", "Zx9#long", "Zx9#long"), None);
    }
}
