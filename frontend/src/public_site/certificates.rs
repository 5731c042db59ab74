//! 证书核验 (`public.certificates`): the check by number and holder name at
//! `/public/certificates`, and the page the QR code printed on a certificate opens,
//! `/public/certificates/v/{token}#CT1.{payload}.{signature}`: the check by its token and, from
//! the fragment, the platform's signature over the fields the QR code carries.
//!
//! Only the number goes into the address (`?number=`, a link one can keep or send); the holder's
//! name never does, where it would land in server logs and the browser's history.

use std::rc::Rc;

use shared::certificates::{
    number_ok, CheckSignedPayload, PublicCertificate, SignatureCheck, VerifyAnswer, VerifyByNumber,
    VerifyOutcome, MAX_NAME_CHARS, MAX_NUMBER_CHARS,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{js_sys, spawn_local};

use super::dom::{by_id, el, form_text, E};
use super::pages::{clear_errors, field, field_error, load_error, set_busy, show_error};
use super::{current, locale, net, read, tr, STATE};
use crate::i18n::{fill, Key};

/// The form's path.
const FORM_PATH: &str = "/public/certificates";

/// The last check by number shown, so that the page built again (a language switch) shows it
/// without asking again: every ask counts as a verification of the certificate, and the name
/// typed is kept nowhere else.
pub struct Shown {
    request: VerifyByNumber,
    answer: VerifyAnswer,
}

/// A QR code's token as it may appear in a path: url-safe base64, nothing to escape.
pub fn token_ok(token: &str) -> bool {
    (1..=64).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// The number in the address (`?number=…`), decoded; empty when none.
fn query_number() -> String {
    let search = location().and_then(|l| l.search().ok()).unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("number="))
        .and_then(|value| js_sys::decode_uri_component(value).ok())
        .map(String::from)
        .unwrap_or_default()
}

fn heading(key: Key, action: Option<E>) -> E {
    el("div")
        .c("page-heading")
        .k(el("h1").c("page-title").t(tr(key)))
        .k_opt(action.map(|a| el("div").c("page-actions").k(a)))
}

/// `/public/certificates`: the form, and the card of the last check when it was for the number
/// in the address.
pub fn by_number() -> E {
    let number = query_number();
    let shown = STATE
        .with(|s| s.borrow().shown.clone())
        .filter(|s| s.request.number == number);
    let input = |max: usize, value: &str| {
        el("input")
            .a("type", "text")
            .a("maxlength", &max.to_string())
            .a("autocomplete", "off")
            .a("value", value)
    };
    let name = shown.as_ref().map_or("", |s| s.request.name.as_str());
    let form = el("form")
        .a("id", "cert-form")
        .c("form cert-form")
        .a("novalidate", "")
        .a("aria-busy", "false")
        .k(field(
            "number",
            "input-number",
            tr(Key::CertNumber),
            true,
            input(MAX_NUMBER_CHARS, &number),
        ))
        .k(field(
            "name",
            "input-name",
            tr(Key::CertHolderName),
            true,
            input(MAX_NAME_CHARS, name),
        ))
        .k(el("button")
            .a("type", "submit")
            .c("button button-primary")
            .id("btn-verify")
            .a("aria-busy", "false")
            .t(tr(Key::CertVerify)));
    el("section")
        .c("page")
        .id("page-public-certificates")
        .k(heading(Key::NavCertificates, None))
        .k(el("p").c("muted page-intro").t(tr(Key::CertIntro)))
        .k(el("div").c("panel").k(form))
        .k(el("div")
            .a("id", "cert-result")
            .c("cert-result")
            .a("aria-live", "polite")
            .k_opt(shown.map(|s| card(&s.answer))))
}

/// Sends the form: the fields checked first (each problem at its field), the number put into
/// the address, then the request; the answer's card below the form, a refusal at its field or
/// under the form (a 429 with how long to wait).
pub fn submit() {
    let Some(form) = by_id("cert-form") else {
        return;
    };
    let Some(text) = form_text(&form) else {
        return;
    };
    let (generation, busy) = STATE.with(|s| {
        let s = s.borrow();
        (s.generation, s.busy)
    });
    if busy {
        return;
    }
    let request = VerifyByNumber {
        number: text("number"),
        name: text("name"),
    };
    clear_errors(&form);
    let result = by_id("cert-result");
    if let Some(result) = &result {
        result.set_text_content(None);
    }
    let number_problem = if request.number.is_empty() {
        Some(Key::WfRequired)
    } else {
        (!number_ok(&request.number)).then_some(Key::CertNumberInvalid)
    };
    let name_problem = request.name.is_empty().then_some(Key::WfRequired);
    let mut first = None;
    for (name, problem) in [("number", number_problem), ("name", name_problem)] {
        if let Some(key) = problem {
            field_error(&form, name, tr(key));
            first = first.or(Some(name));
        }
    }
    if let Some(name) = first {
        if let Some(control) = by_id(&("input-".to_owned() + name))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = control.focus();
        }
        return;
    }
    let url = FORM_PATH.to_owned()
        + "?number="
        + &String::from(js_sys::encode_uri_component(&request.number));
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
    set_busy(&form, true, Key::CertVerifying, Key::CertVerify);
    let locale = locale();
    spawn_local(async move {
        let answer = net::post(
            "/api/v1/public/certificates/verify",
            &request,
            locale,
            read::answer,
        )
        .await;
        if !current(generation) {
            return;
        }
        set_busy(&form, false, Key::CertVerifying, Key::CertVerify);
        match answer {
            Ok(answer) => {
                if let Some(result) = result {
                    let _ = result.append_with_node_1(&card(&answer).0);
                }
                STATE.with(|s| s.borrow_mut().shown = Some(Rc::new(Shown { request, answer })));
            }
            Err(refused) => match wait(&refused) {
                Some(wait) => {
                    let alert = el("div")
                        .c("alert alert-error page-alert")
                        .a("role", "alert")
                        .id("alert-error")
                        .k(el("p").t(&refused.error.message(locale)))
                        .k(wait);
                    let _ = form.append_with_node_1(&alert.0);
                }
                None => show_error(&form, &refused.error),
            },
        }
    });
}

/// How long a 429 asks to wait (its `Retry-After`), in seconds or, beyond a minute and a half,
/// in minutes.
fn wait(refused: &net::Refusal) -> Option<E> {
    let secs = refused.wait?;
    let (key, n) = if secs > 90 {
        (Key::CertWaitMinutes, secs.div_ceil(60))
    } else {
        (Key::CertWaitSeconds, secs)
    };
    Some(el("p").id("cert-wait").t(&fill(tr(key), &n.to_string())))
}

/// `/public/certificates/v/{token}`: the check by the token, then (when the address has a
/// `#CT1.` fragment) the signature box.
pub fn by_token(token: &str, generation: u32) -> E {
    let locale = locale();
    let loading = || {
        el("p")
            .c("state-loading")
            .a("role", "status")
            .t(tr(Key::Loading))
    };
    let online = loading();
    let slot = online.0.clone();
    let path = "/api/v1/public/certificates/by-token/".to_owned() + token;
    spawn_local(async move {
        let answer = net::get(&path, locale, read::answer).await;
        if current(generation) {
            let view = match answer {
                Ok(answer) => card(&answer),
                Err(refused) => load_error(&refused.error).k_opt(wait(&refused)),
            };
            let _ = slot.replace_with_with_node_1(&view.0);
        }
    });
    let fragment = location().and_then(|l| l.hash().ok()).unwrap_or_default();
    let signature = fragment
        .strip_prefix('#')
        .filter(|f| f.starts_with("CT1."))
        .map(|payload| {
            let request = CheckSignedPayload {
                payload: payload.to_owned(),
            };
            let pending = loading();
            let slot = pending.0.clone();
            spawn_local(async move {
                let answer = net::post(
                    "/api/v1/public/certificates/signature",
                    &request,
                    locale,
                    read::signature,
                )
                .await;
                if current(generation) {
                    let view = match answer {
                        Ok(check) => signature(&check),
                        Err(refused) => load_error(&refused.error).k_opt(wait(&refused)),
                    };
                    let _ = slot.replace_with_with_node_1(&view.0);
                }
            });
            el("section")
                .c("panel")
                .id("cert-signature")
                .a("aria-labelledby", "cert-signature-title")
                .k(el("h2")
                    .c("panel-title")
                    .a("id", "cert-signature-title")
                    .t(tr(Key::CertSignatureHeading)))
                .k(pending)
        });
    let by_number = el("a")
        .a("href", FORM_PATH)
        .c("button")
        .id("cert-by-number")
        .t(tr(Key::CertByNumber));
    el("section")
        .c("page")
        .id("page-public-certificate")
        .k(heading(Key::NavCertificates, Some(by_number)))
        .k(el("div").c("cert-result").k(online))
        .k_opt(signature)
}

/// A verification's answer: the outcome in its colour (green valid, red revoked with the date,
/// neutral not found), then what the certificate says.
fn card(answer: &VerifyAnswer) -> E {
    let locale = locale();
    let class = match answer.outcome {
        VerifyOutcome::Valid => "alert alert-success cert-outcome",
        VerifyOutcome::Revoked => "alert alert-error cert-outcome",
        VerifyOutcome::NotFound => "alert alert-info cert-outcome",
    };
    let detail = match (answer.outcome, &answer.certificate) {
        (VerifyOutcome::NotFound, _) => Some(el("p").t(tr(Key::CertNotFoundHint))),
        (_, Some(c)) => c.revoked_on.as_deref().map(|day| {
            el("p")
                .id("cert-revoked-on")
                .t(&fill(tr(Key::CertRevokedOn), day))
        }),
        (_, None) => None,
    };
    el("div")
        .c("panel cert-card")
        .id("cert-card")
        .a("data-outcome", answer.outcome.as_str())
        .k(el("div")
            .c(class)
            .k(el("p")
                .c("cert-outcome-title")
                .id("cert-outcome")
                .t(answer.outcome.label(locale)))
            .k_opt(detail))
        .k_opt(answer.certificate.as_ref().map(certificate))
}

fn certificate(c: &PublicCertificate) -> E {
    let locale = locale();
    facts(
        "cert-",
        &[
            (Key::CertNumber, "number", &c.number),
            (Key::CertHolder, "holder", &c.holder_name),
            (Key::AccountIdNumber, "id-number", &c.id_number),
            (Key::WfQualification, "qualification", &c.qualification),
            (Key::WfSeries, "series", c.series.label(locale)),
            (Key::WfLevel, "level", c.level.label(locale)),
            (Key::WfSpecialty, "specialty", &c.specialty),
            (Key::WfCommittee, "committee", &c.committee),
            (Key::CertApprovalDate, "approval-date", &c.approval_date),
            (Key::CertIssuingBody, "issuing-body", &c.issuing_body),
        ],
    )
}

/// Label / value pairs; each value's test id is `prefix` + its name.
fn facts(prefix: &str, rows: &[(Key, &str, &str)]) -> E {
    el("dl").c("facts").ks(rows
        .iter()
        .flat_map(|&(key, name, value)| {
            [
                el("dt").t(tr(key)),
                el("dd").id(&(prefix.to_owned() + name)).t(value),
            ]
        })
        .collect())
}

/// The signature box's verdict: valid with the fields signed and what that means for the
/// printed certificate, or invalid.
fn signature(check: &SignatureCheck) -> E {
    let verdict = |valid: bool, key: Key, text: Key| {
        el("div")
            .k(el("p")
                .c(if valid {
                    "alert alert-success cert-outcome-title"
                } else {
                    "alert alert-error cert-outcome-title"
                })
                .id("signature-outcome")
                .a("data-valid", if valid { "true" } else { "false" })
                .t(tr(key)))
            .k(el("p").c("muted").t(tr(text)))
    };
    match (check.valid, &check.fields) {
        (true, Some(f)) => {
            let locale = locale();
            verdict(true, Key::CertSignatureValid, Key::CertSignatureMeaning).k(facts(
                "sig-",
                &[
                    (Key::CertNumber, "number", &f.number),
                    (Key::CertHolder, "holder", &f.holder_name),
                    (Key::AccountIdNumber, "id-number", &f.id_number),
                    (Key::WfQualification, "qualification", &f.qualification),
                    (Key::WfLevel, "level", f.level.label(locale)),
                    (Key::WfCommittee, "committee", &f.committee),
                    (Key::CertApprovalDate, "approval-date", &f.approval_date),
                    (Key::CertKeyId, "key-id", &f.key_id),
                ],
            ))
        }
        _ => verdict(false, Key::CertSignatureInvalid, Key::CertSignatureBad),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_goes_into_the_api_path_only_when_it_needs_no_escaping() {
        assert!(token_ok("AbCdEfGhIjKlMnOpQrSt-_"));
        for bad in [
            "",
            "../by-token",
            "a/b",
            "a%2Fb",
            "a b",
            "令牌",
            &"a".repeat(65),
        ] {
            assert!(!token_ok(bad), "{bad}");
        }
    }
}
