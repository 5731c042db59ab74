//! 安全策略 (`system.security_policy`): the password, lockout, session and login-rate rules,
//! and who must use two-factor authentication.

use shared::auth::MfaGroup;
use shared::Module;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, roles::SecurityPolicy};
use crate::components::alert::{flash_view, Flash};
use crate::components::form::{FormValues, TextField};
use crate::components::table::load_error;
use crate::hooks::{use_api, use_api_load, Load};
use crate::i18n::{fill_n, t, use_i18n, Key};

/// Each setting: its field name, its label and the range the API accepts.
pub const FIELDS: [(&str, Key, i64, i64); 8] = [
    ("min_length", Key::PolicyMinLength, 8, 64),
    ("min_classes", Key::PolicyMinClasses, 3, 4),
    ("min_strength", Key::PolicyMinStrength, 0, 4),
    ("lockout_threshold", Key::PolicyLockoutThreshold, 3, 20),
    ("lockout_minutes", Key::PolicyLockoutMinutes, 1, 1440),
    ("idle_timeout_minutes", Key::PolicyIdleTimeout, 5, 480),
    ("ip_login_limit", Key::PolicyIpLimit, 5, 10_000),
    ("ip_login_window_secs", Key::PolicyIpWindow, 10, 86_400),
];

/// The value of the setting `name`.
pub fn value_of(policy: &SecurityPolicy, name: &str) -> Option<i64> {
    Some(match name {
        "min_length" => policy.min_length,
        "min_classes" => policy.min_classes,
        "min_strength" => policy.min_strength,
        "lockout_threshold" => policy.lockout_threshold,
        "lockout_minutes" => policy.lockout_minutes,
        "idle_timeout_minutes" => policy.idle_timeout_minutes,
        "ip_login_limit" => policy.ip_login_limit,
        "ip_login_window_secs" => policy.ip_login_window_secs,
        _ => return None,
    })
}

/// The whole policy from the form's texts and the ticked MFA groups; `None` when a setting is
/// not a whole number. Ranges are left to the API, whose message names the setting and the rule.
pub fn policy_from(text: impl Fn(&str) -> String, groups: &[String]) -> Option<SecurityPolicy> {
    let n = |name: &str| text(name).trim().parse::<i64>().ok();
    Some(SecurityPolicy {
        min_length: n("min_length")?,
        min_classes: n("min_classes")?,
        min_strength: n("min_strength")?,
        lockout_threshold: n("lockout_threshold")?,
        lockout_minutes: n("lockout_minutes")?,
        idle_timeout_minutes: n("idle_timeout_minutes")?,
        ip_login_limit: n("ip_login_limit")?,
        ip_login_window_secs: n("ip_login_window_secs")?,
        mfa_groups: groups.iter().filter_map(|g| MfaGroup::parse(g)).collect(),
    })
}

/// The page.
#[component]
pub fn SecurityPolicyPage() -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let loaded = use_api_load((), move |api, ()| async move {
        api::roles::security_policy(&api).await
    });
    let flash = use_state(|| None::<Flash>);
    let busy = use_state(|| false);
    // The policy as last saved, once saved here (the loaded one until then).
    let saved = use_state(|| None::<SecurityPolicy>);
    let onsubmit = {
        let (flash, busy, saved, api) = (flash.clone(), busy.clone(), saved.clone(), api.clone());
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = FormValues::from_submit(&e) else {
                return;
            };
            let Some(policy) = policy_from(|name| form.text(name), &form.all("mfa_groups")) else {
                flash.set(Some(Flash::Error(
                    t(locale, Key::PolicyNotNumber).to_owned(),
                )));
                return;
            };
            busy.set(true);
            flash.set(None);
            let (flash, busy, saved, api) =
                (flash.clone(), busy.clone(), saved.clone(), api.clone());
            spawn_local(async move {
                match api::roles::save_security_policy(&api, &policy).await {
                    Ok(answer) => {
                        saved.set(Some(answer));
                        flash.set(Some(Flash::Success(t(locale, Key::PolicySaved).to_owned())));
                    }
                    Err(e) => flash.set(Some(Flash::Error(e.message(locale)))),
                }
                busy.set(false);
            });
        })
    };
    let body = match (&loaded.state, saved.as_ref()) {
        (Load::Loading, _) => html! {
            <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p>
        },
        (Load::Failed(error), _) => load_error(&i18n, error, &loaded.reload),
        (Load::Ready(loaded_policy), saved_policy) => {
            let policy = saved_policy.unwrap_or(loaded_policy);
            let fields = FIELDS
                .iter()
                .map(|(name, label, min, max)| {
                    let value = value_of(policy, name).map(|v| v.to_string()).unwrap_or_default();
                    let hint = fill_n(i18n.t(Key::PolicyRange), &[&min.to_string(), &max.to_string()]);
                    html! {
                        <TextField name={*name} label={i18n.t(*label)} input_type="number" required=true {value} {hint} />
                    }
                })
                .collect::<Html>();
            let groups = MfaGroup::ALL.iter().map(|group| {
                let id = format!("policy-mfa-{}", group.as_str());
                html! {
                    <label class="check" for={id.clone()}>
                        <input type="checkbox" id={id.clone()} name="mfa_groups" value={group.as_str()}
                            checked={policy.mfa_groups.contains(group)} data-testid={id} />
                        { group.label(locale) }
                    </label>
                }
            });
            html! {
                <form class="form panel policy-form" novalidate=true {onsubmit} aria-busy={busy.to_string()}>
                    <div class="form-grid">{ fields }</div>
                    <fieldset class="field check-group" data-testid="policy-mfa-groups">
                        <legend>{ i18n.t(Key::PolicyMfaGroups) }</legend>
                        { for groups }
                        <p class="field-hint">{ i18n.t(Key::PolicyMfaHint) }</p>
                    </fieldset>
                    <div class="form-actions">
                        <button type="submit" class="button button-primary" data-testid="btn-save-policy" disabled={*busy}>
                            { i18n.t(if *busy { Key::Saving } else { Key::Save }) }
                        </button>
                    </div>
                </form>
            }
        }
    };
    html! {
        <section class="page" data-testid="page-security-policy">
            <div class="page-heading">
                <h1 class="page-title">{ Module::SecurityPolicy.name(locale) }</h1>
            </div>
            <p class="muted page-intro">{ i18n.t(Key::PolicyIntro) }</p>
            { flash_view(flash.as_ref()) }
            { body }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_reads_back_into_the_whole_policy() {
        let policy = SecurityPolicy {
            min_length: 8,
            min_classes: 3,
            min_strength: 2,
            lockout_threshold: 6,
            lockout_minutes: 30,
            idle_timeout_minutes: 30,
            ip_login_limit: 20,
            ip_login_window_secs: 60,
            mfa_groups: vec![MfaGroup::SystemAdmin, MfaGroup::Expert],
        };
        let ticked = [
            "system_admin".to_owned(),
            "expert".to_owned(),
            "nonsense".to_owned(),
        ];
        let text = |name: &str| {
            value_of(&policy, name)
                .map(|v| format!(" {v} "))
                .unwrap_or_default()
        };
        assert_eq!(policy_from(text, &ticked), Some(policy.clone()));
        assert_eq!(value_of(&policy, "nonsense"), None);
        assert!(FIELDS.iter().all(|(n, ..)| value_of(&policy, n).is_some()));
        let broken = |name: &str| {
            if name == "lockout_minutes" {
                "abc".into()
            } else {
                text(name)
            }
        };
        assert_eq!(policy_from(broken, &ticked), None);
    }
}
