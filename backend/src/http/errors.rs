//! Guarantees that every error answer under `/api` is the JSON envelope in the caller's language.
//!
//! Three sources of errors meet here: [`ApiError`]s from handlers and extractors (re-rendered in
//! the request's locale), errors from actix itself (mapped by status), and bare error statuses
//! without a body of ours (e.g. a 404 from a guard) — which get the generic envelope.

use actix_web::{
    body::{BoxBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    http::{header, StatusCode},
    middleware::Next,
    HttpRequest, HttpResponse, ResponseError,
};
use shared::{ErrorBody, ErrorCode, Locale};

use crate::error::ApiError;

/// The locale of a request, from `Accept-Language` (Chinese when absent or unsupported).
pub fn request_locale(req: &HttpRequest) -> Locale {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::negotiate)
        .unwrap_or_default()
}

/// Marks an error answer whose body is already the envelope with more fields (a refused batch's
/// `results`), rendered in the request's locale: passed as is.
pub struct Enveloped;

/// Middleware for the `/api` scope.
pub async fn envelope(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    // The request must not be cloned before it is routed (actix mutates its match info), so
    // only the locale is taken now.
    let locale = request_locale(req.request());
    match next.call(req).await {
        Ok(res) => {
            let status = res.status();
            if !(status.is_client_error() || status.is_server_error())
                || res.response().extensions().get::<Enveloped>().is_some()
            {
                return Ok(res.map_into_boxed_body());
            }
            let body = match res.response().error() {
                Some(err) => body_for_error(err, status, locale),
                None => generic_body(status, locale),
            };
            let (req, old) = res.into_parts();
            let mut fresh = render(status, &body);
            copy_allow_header(old.headers(), &mut fresh);
            Ok(ServiceResponse::new(req, fresh))
        }
        Err(err) => {
            let status = err.as_response_error().status_code();
            let body = body_for_error(&err, status, locale);
            Err(Rendered { status, body }.into())
        }
    }
}

fn body_for_error(err: &actix_web::Error, status: StatusCode, locale: Locale) -> ErrorBody {
    match err.as_error::<ApiError>() {
        Some(api) => api.body(locale),
        None => {
            // An error from actix or a library: its text may carry internals, so log it and
            // send the generic message for its status.
            if status.is_server_error() {
                tracing::error!(error = %err, "unhandled error");
            }
            generic_body(status, locale)
        }
    }
}

fn generic_body(status: StatusCode, locale: Locale) -> ErrorBody {
    let code = ErrorCode::for_status(status.as_u16());
    ErrorBody {
        code,
        message: code.message(locale).to_owned(),
        field: None,
    }
}

fn render(status: StatusCode, body: &ErrorBody) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(body)
}

/// An error already rendered in the request's locale, for the paths where no response exists
/// yet to replace.
#[derive(Debug)]
struct Rendered {
    status: StatusCode,
    body: ErrorBody,
}

impl std::fmt::Display for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.body.code, self.body.message)
    }
}

impl ResponseError for Rendered {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        render(self.status, &self.body)
    }
}

/// The headers of the original error that the re-rendered one keeps: `Allow` (405) and
/// `Retry-After` (429).
fn copy_allow_header(from: &header::HeaderMap, to: &mut HttpResponse) {
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = from.get(&name) {
            to.headers_mut().insert(name, value.clone());
        }
    }
}
