//! `POST /api/v1/client-errors`: tell the operators about failures only the browser sees.

use gloo_net::http::Request;
use shared::telemetry::{ClientErrorKind, ClientErrorReport};
use shared::Locale;

const PATH: &str = "/api/v1/client-errors";

/// Sends a report, fire and forget.
///
/// The fetch is started synchronously and its promise dropped: this runs inside the panic hook,
/// where the wasm instance aborts right after and no Rust future would be polled again.
pub fn report_now(kind: ClientErrorKind, message: &str, locale: Locale) {
    let report = report(kind, message);
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(request) = Request::post(PATH)
        .header("Accept-Language", locale.tag())
        .json(&report)
    else {
        return;
    };
    let _ = window.fetch_with_request(&request.into());
}

/// The report of a failure at the current address, its texts cut to what the server takes.
pub fn report(kind: ClientErrorKind, message: &str) -> ClientErrorReport {
    ClientErrorReport {
        kind,
        message: truncate(message, ClientErrorReport::MAX_MESSAGE_CHARS),
        location: truncate(&current_path(), ClientErrorReport::MAX_LOCATION_CHARS),
    }
}

fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// The server counts characters, not bytes; an empty message is refused, so never send one.
fn truncate(text: &str, max_chars: usize) -> String {
    let text: String = text.chars().take(max_chars).collect();
    if text.is_empty() {
        "-".to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_characters_and_never_leaves_an_empty_text() {
        assert_eq!(truncate("职称评审", 2), "职称");
        assert_eq!(truncate("", 10), "-");
    }
}
