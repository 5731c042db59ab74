//! `POST /api/v1/client-errors`: the SPA reports a failure it saw; it goes to the server log.

use actix_web::{post, HttpResponse};
use shared::telemetry::ClientErrorReport;

use crate::error::ApiError;

/// Records a failure seen by the SPA (a panic, an answer it could not read).
///
/// Open without login, since failures happen before it too; the body is size-limited like
/// every JSON body, and the text is logged escaped so it cannot forge log lines.
#[utoipa::path(
    tag = "system",
    request_body = ClientErrorReport,
    responses(
        (status = 202, description = "Recorded in the server log"),
        (status = 400, description = "The body is not JSON (`malformed_json`)", body = shared::ErrorBody),
        (status = 413, description = "The body exceeds the limit (`payload_too_large`)", body = shared::ErrorBody),
        (status = 415, description = "Not `application/json` (`unsupported_media_type`)", body = shared::ErrorBody),
        (status = 422, description = "Wrong shape (`invalid_body`) or a rule broken (`validation_failed`)", body = shared::ErrorBody),
    )
)]
#[post("/v1/client-errors")]
pub async fn report_client_error(
    body: crate::http::Json<ClientErrorReport>,
) -> Result<HttpResponse, ApiError> {
    let report = validate(body.into_inner())?;
    tracing::warn!(
        client_error.kind = ?report.kind,
        client_error.location = ?report.location,
        client_error.message = ?report.message,
        "the SPA reported a failure"
    );
    Ok(HttpResponse::Accepted().finish())
}

fn validate(report: ClientErrorReport) -> Result<ClientErrorReport, ApiError> {
    crate::http::text::required(
        "message",
        &report.message,
        ClientErrorReport::MAX_MESSAGE_CHARS,
    )?;
    if report.location.chars().count() > ClientErrorReport::MAX_LOCATION_CHARS {
        return Err(ApiError::validation(
            "location",
            &format!("不能超过 {} 个字符", ClientErrorReport::MAX_LOCATION_CHARS),
            &format!(
                "must be at most {} characters",
                ClientErrorReport::MAX_LOCATION_CHARS
            ),
        ));
    }
    Ok(report)
}
