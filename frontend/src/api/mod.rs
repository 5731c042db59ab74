//! Typed client for the backend's JSON API, one module per resource.
//!
//! Every request carries `Accept-Language` with the UI locale, so that error messages come back
//! in the language the user reads. Non-2xx answers become [`ApiError::Api`] with the stable
//! [`ErrorCode`] from the `{code, message}` envelope.

pub mod client_errors;
pub mod health;

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use shared::telemetry::ClientErrorKind;
use shared::{ErrorBody, ErrorCode, Locale};

use crate::i18n::{t, Key};

/// Why an API call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer (offline, DNS, CORS, aborted).
    Network(String),
    /// The server answered with an error status.
    Api {
        /// HTTP status.
        status: u16,
        /// Stable code: branch on this, never on the message.
        code: ErrorCode,
        /// Human message in the request's language.
        message: String,
    },
    /// A 2xx answer whose body is not what the SPA expects.
    Decode(String),
}

impl ApiError {
    /// What to show the user, in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        match self {
            ApiError::Network(_) => t(locale, Key::ErrorNetwork).to_owned(),
            ApiError::Api { message, .. } => message.clone(),
            ApiError::Decode(_) => t(locale, Key::ErrorDecode).to_owned(),
        }
    }

    /// The stable code to show next to the message.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Network(_) => "network",
            ApiError::Api { code, .. } => code.as_str(),
            ApiError::Decode(_) => "decode",
        }
    }
}

/// `GET path` and decode a JSON body.
pub async fn get_json<T: DeserializeOwned>(path: &str, locale: Locale) -> Result<T, ApiError> {
    let response = Request::get(path)
        .header("Accept", "application/json")
        .header("Accept-Language", locale.tag())
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    decode(path, response, locale).await
}

async fn decode<T: DeserializeOwned>(
    path: &str,
    response: Response,
    locale: Locale,
) -> Result<T, ApiError> {
    let status = response.status();
    let body = response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !(200..300).contains(&status) {
        return Err(error_from_answer(status, &body, locale));
    }
    serde_json::from_str(&body).map_err(|e| {
        let detail = format!("GET {path} ({status}): {e}");
        client_errors::report_now(ClientErrorKind::Api, &detail, locale);
        ApiError::Decode(detail)
    })
}

/// Turns a non-2xx answer into [`ApiError::Api`]: the envelope when the body is one, otherwise
/// the generic code for the status with its localized message (e.g. a proxy's HTML 502 page).
pub fn error_from_answer(status: u16, body: &str, locale: Locale) -> ApiError {
    match serde_json::from_str::<ErrorBody>(body) {
        Ok(ErrorBody { code, message }) => ApiError::Api {
            status,
            code,
            message,
        },
        Err(_) => {
            let code = ErrorCode::for_status(status);
            ApiError::Api {
                status,
                code,
                message: code.message(locale).to_owned(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_envelope_keeps_its_code_and_message() {
        let body = r#"{"code":"database_unavailable","message":"数据库暂时不可用"}"#;
        assert_eq!(
            error_from_answer(503, body, Locale::En),
            ApiError::Api {
                status: 503,
                code: ErrorCode::DatabaseUnavailable,
                message: "数据库暂时不可用".to_owned(),
            }
        );
    }

    #[test]
    fn anything_else_falls_back_to_the_status_in_the_ui_language() {
        let error = error_from_answer(502, "<html>Bad Gateway</html>", Locale::ZhCn);
        assert_eq!(error.code(), "internal");
        assert_eq!(
            error.message(Locale::ZhCn),
            ErrorCode::Internal.message(Locale::ZhCn)
        );
        let error = error_from_answer(404, "", Locale::En);
        assert_eq!(error.code(), "not_found");
        assert_eq!(
            error.message(Locale::En),
            ErrorCode::NotFound.message(Locale::En)
        );
    }
}
