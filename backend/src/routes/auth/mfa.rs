//! `/api/v1/auth/mfa/*`: the caller's own two-factor enrollment.

use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::auth::MfaConfirmRequest;

use crate::{
    audit::Actor,
    auth::{mfa, AuthState, PendingUser},
    db::Db,
    error::ApiError,
};

/// Starts enrolling an authenticator app: a new secret, its `otpauth://` URI and QR code.
/// Not in force until confirmed with a first code; calling again replaces the pending secret.
/// Allowed while the policy's enrollment or a password change is pending.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The pending secret, shown this once", body = shared::auth::MfaEnrollment),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 409, description = "`mfa_already_enabled`", body = shared::ErrorBody),
    )
)]
#[post("/v1/auth/mfa/enroll")]
pub async fn enroll_mfa(
    req: HttpRequest,
    user: PendingUser,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let ip = super::client_ip(&req);
    let now = auth.clock.now();
    let user = user.0;
    let keys = auth.data_keys.clone();
    let answer = db
        .run(move |conn| {
            let actor = Actor::of(&user, ip);
            mfa::enroll(conn, &keys, &actor, user.id, &user.username, now)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(answer))
}

/// Turns two-factor authentication on with the first code of the pending secret. Answers ten
/// recovery codes, shown this once (each signs in once in place of a code).
#[utoipa::path(
    tag = "auth",
    request_body = MfaConfirmRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "On; the recovery codes", body = shared::auth::MfaRecoveryCodes),
        (status = 401, description = "`unauthenticated`; `mfa_code_invalid`: wrong or expired code, or no enrollment started", body = shared::ErrorBody),
        (status = 409, description = "`mfa_already_enabled`", body = shared::ErrorBody),
        (status = 422, description = "`invalid_body`", body = shared::ErrorBody),
    )
)]
#[post("/v1/auth/mfa/confirm")]
pub async fn confirm_mfa(
    req: HttpRequest,
    user: PendingUser,
    body: crate::http::Json<MfaConfirmRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let code = body.into_inner().code;
    let ip = super::client_ip(&req);
    let now = auth.clock.now();
    let user = user.0;
    let keys = auth.data_keys.clone();
    let answer = db
        .run(move |conn| {
            let actor = Actor::of(&user, ip);
            mfa::confirm(conn, &keys, &actor, user.id, &code, now)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(answer))
}
