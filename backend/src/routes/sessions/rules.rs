//! `/api/v1/session-rules`: the committee-size rules of 人社部令第40号 that starting a session
//! checks, read and changed by the system administrator (like the workflow rules).

use actix_web::{get, put, web, HttpRequest, HttpResponse};
use shared::sessions::SessionRules;

use crate::{
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    routes::admin_setting::{self, AdminSetting},
    sessions::rules,
};

impl AdminSetting for SessionRules {
    const KEY: &'static str = SessionRules::KEY;
    /// The audit action of a change.
    const ACTION: &'static str = "session_rules.update";
    const NAME: (&'static str, &'static str) = ("评委会组建规则", "the session rules");

    fn validate(&self) -> Result<(), ApiError> {
        rules::validate(self)
    }
}

/// The session rules in force (on, 25 by series, 11 by specialty until changed).
#[utoipa::path(
    tag = "sessions",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The rules in force", body = SessionRules),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: only the system administrator; `password_change_required`", body = shared::ErrorBody),
    )
)]
#[get("/v1/session-rules")]
pub async fn get_session_rules(
    user: AuthUser,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    admin_setting::read::<SessionRules>(&user, &db).await
}

/// Replaces the session rules (the whole object; an unknown field is refused), audited
/// `session_rules.update` with before and after. They are checked at the next start of a
/// session; a session already started is not checked again.
#[utoipa::path(
    tag = "sessions",
    request_body = SessionRules,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The rules now in force", body = SessionRules),
        (status = 400, description = "`malformed_json`", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: only the system administrator; `password_change_required`", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = shared::ErrorBody),
        (status = 422, description = "`invalid_body`: a field missing, unknown or mistyped; `validation_failed`: a minimum outside 1–999", body = shared::ErrorBody),
    )
)]
#[put("/v1/session-rules")]
pub async fn put_session_rules(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<SessionRules>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    admin_setting::replace(&req, user, body.into_inner(), &db, &auth).await
}
