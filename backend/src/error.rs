//! The one error type of the API. Every failure becomes `{"code", "message"}` with a stable
//! [`ErrorCode`]; internal causes are logged with the request's span and never sent.

use std::fmt;

use actix_web::{http::StatusCode, HttpResponse, ResponseError};
use shared::{ErrorBody, ErrorCode, Locale};

/// A message in both languages; the response picks one by `Accept-Language`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Text {
    /// The text in `locale`.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::ZhCn => &self.zh,
            Locale::En => &self.en,
        }
    }
}

/// An error answered to the client.
#[derive(Debug)]
pub struct ApiError {
    code: ErrorCode,
    /// A specific message; `None` uses the code's generic one.
    text: Option<Text>,
    /// The request field at fault, sent as `field` (validation errors only).
    field: Option<String>,
    /// The internal cause, for the log only.
    cause: Option<anyhow::Error>,
    /// Seconds for a `Retry-After` header (429 only).
    retry_after: Option<u64>,
}

impl ApiError {
    /// 429 `rate_limited`, telling the client when to try again.
    pub fn rate_limited(retry_after_secs: u64) -> Self {
        ApiError {
            retry_after: Some(retry_after_secs.max(1)),
            ..ApiError::new(ErrorCode::RateLimited)
        }
    }

    /// An error with the code's generic message.
    pub fn new(code: ErrorCode) -> Self {
        ApiError {
            code,
            text: None,
            field: None,
            cause: None,
            retry_after: None,
        }
    }

    /// An error with a specific message in both languages.
    pub fn with_text(code: ErrorCode, zh: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError {
            code,
            text: Some(Text {
                zh: zh.into(),
                en: en.into(),
            }),
            field: None,
            cause: None,
            retry_after: None,
        }
    }

    /// A 422 naming the field that breaks a rule, in the message and as `field`.
    pub fn validation(field: &str, zh: &str, en: &str) -> Self {
        Self::with_text(
            ErrorCode::ValidationFailed,
            format!("字段 {field}：{zh}"),
            format!("Field {field}: {en}"),
        )
        .at_field(field)
    }

    /// A 422 from a `shared` check whose message is `中文 / English` (the ID number and credit
    /// code checks): each language gets its half.
    pub fn validation_pair(field: &str, both: &str) -> Self {
        let (zh, en) = both.split_once(" / ").unwrap_or((both, both));
        Self::validation(field, zh, en)
    }

    /// The same error, naming the request field at fault (sent as `field`).
    pub fn at_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The request field at fault, if the error is about one.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// A 500 whose cause is logged, not sent.
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        ApiError {
            code: ErrorCode::Internal,
            text: None,
            field: None,
            cause: Some(cause.into()),
            retry_after: None,
        }
    }

    /// A 503 for a database that cannot be reached.
    pub fn database_unavailable(cause: impl Into<anyhow::Error>) -> Self {
        ApiError {
            code: ErrorCode::DatabaseUnavailable,
            text: None,
            field: None,
            cause: Some(cause.into()),
            retry_after: None,
        }
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The message in `locale`.
    pub fn message(&self, locale: Locale) -> &str {
        match &self.text {
            Some(text) => text.get(locale),
            None => self.code.message(locale),
        }
    }

    /// The envelope in `locale`.
    pub fn body(&self, locale: Locale) -> ErrorBody {
        ErrorBody {
            code: self.code,
            message: self.message(locale).to_owned(),
            field: self.field.clone(),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message(Locale::En))?;
        if let Some(cause) = &self.cause {
            write!(f, " (cause: {cause:#})")?;
        }
        Ok(())
    }
}

impl From<diesel::result::Error> for ApiError {
    /// A connection lost mid-request (the database went away) is 503 `database_unavailable`,
    /// like a connection that cannot be had; every other database error is internal.
    fn from(err: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match err {
            Error::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                _,
            )
            | Error::BrokenTransactionManager => ApiError::database_unavailable(err),
            other => ApiError::internal(other),
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(err: anyhow::Error) -> Self {
        ApiError::internal(err)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// Renders in Chinese; `http::errors::localize` re-renders it in the request's language,
    /// which this method cannot see.
    fn error_response(&self) -> HttpResponse {
        if let Some(cause) = &self.cause {
            tracing::error!(error.code = %self.code, error.cause = %format!("{cause:#}"), "request failed");
        }
        let mut res = HttpResponse::build(self.status_code());
        if let Some(secs) = self.retry_after {
            res.insert_header((actix_web::http::header::RETRY_AFTER, secs.to_string()));
        }
        res.json(self.body(Locale::default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_causes_stay_out_of_the_body() {
        let err = ApiError::internal(anyhow::anyhow!("password=hunter2 at db.example"));
        let body = err.body(Locale::En);
        assert_eq!(body.code, ErrorCode::Internal);
        assert!(!body.message.contains("hunter2"));
        assert_eq!(err.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn validation_names_the_field_in_both_languages() {
        let err = ApiError::validation("message", "不能为空", "must not be empty");
        assert_eq!(err.message(Locale::ZhCn), "字段 message：不能为空");
        assert_eq!(err.message(Locale::En), "Field message: must not be empty");
        assert_eq!(err.status_code(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(err.body(Locale::En).field.as_deref(), Some("message"));
    }

    #[test]
    fn other_errors_carry_no_field() {
        assert_eq!(
            ApiError::new(ErrorCode::Conflict).body(Locale::ZhCn).field,
            None
        );
    }
}
