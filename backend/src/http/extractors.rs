//! Extractor configuration: malformed input becomes a precise [`ApiError`], never actix's text.

use actix_web::{
    error::{JsonPayloadError, PathError, PayloadError, QueryPayloadError},
    web, HttpRequest,
};
use shared::ErrorCode;

use crate::error::ApiError;

/// JSON bodies: size limit, `application/json` required, errors mapped to stable codes.
pub fn json_config(limit: usize) -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(limit)
        .error_handler(|err, _req: &HttpRequest| json_error(err).into())
}

fn json_error(err: JsonPayloadError) -> ApiError {
    match err {
        JsonPayloadError::OverflowKnownLength { .. }
        | JsonPayloadError::Overflow { .. }
        | JsonPayloadError::Payload(PayloadError::Overflow) => {
            ApiError::new(ErrorCode::PayloadTooLarge)
        }
        JsonPayloadError::ContentType => ApiError::with_text(
            ErrorCode::UnsupportedMediaType,
            "请求内容类型必须是 application/json",
            "The request body must be sent as application/json",
        ),
        JsonPayloadError::Deserialize(e) if e.is_syntax() || e.is_eof() => {
            ApiError::new(ErrorCode::MalformedJson)
        }
        JsonPayloadError::Deserialize(e) => ApiError::with_text(
            ErrorCode::InvalidBody,
            format!("请求内容缺少字段或字段类型不正确（{e}）"),
            format!("The request body does not have the expected shape ({e})"),
        ),
        other => {
            tracing::debug!(error = %other, "unreadable request body");
            ApiError::new(ErrorCode::BadRequest)
        }
    }
}

/// Query strings: a wrong parameter is a 400 that names the problem.
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, _req| {
        let QueryPayloadError::Deserialize(e) = &err else {
            return ApiError::new(ErrorCode::BadRequest).into();
        };
        ApiError::with_text(
            ErrorCode::BadRequest,
            format!("查询参数不正确（{e}）"),
            format!("Invalid query parameter ({e})"),
        )
        .into()
    })
}

/// Path segments that do not parse (e.g. a non-numeric id) name nothing that exists: 404.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err: PathError, _req| {
        tracing::debug!(error = %err, "unparseable path segment");
        ApiError::new(ErrorCode::NotFound).into()
    })
}
