use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::auth::LoginRequest;

use crate::{
    auth::{
        flows,
        limiter::{self, Verdict},
        AuthState,
    },
    db::Db,
    error::ApiError,
};

/// Signs in with username and password.
///
/// Wrong credentials and unknown users get the same answer in similar time. After
/// `lockout_threshold` (default 5) consecutive failures the account is locked for
/// `lockout_minutes` (default 30) or until its unit administrator resets the password.
///
/// An account with two-factor authentication answers 401 `mfa_required` to a right password
/// without `otp`; with `otp` (the authenticator's 6 digits or an unused recovery code) it
/// signs in, and a wrong `otp` counts as a failed attempt (401 `mfa_code_invalid`, then 423).
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = shared::auth::LoginResponse),
        (status = 401, description = "`invalid_credentials`; `mfa_required`: the password is right, send `otp` too; `mfa_code_invalid`", body = shared::ErrorBody),
        (status = 403, description = "`account_disabled`", body = shared::ErrorBody),
        (status = 422, description = "`invalid_body` / `validation_failed`", body = shared::ErrorBody),
        (status = 423, description = "`account_locked`", body = shared::ErrorBody),
        (status = 429, description = "`rate_limited`: too many attempts from this address (a limit shared by every server instance)", body = shared::ErrorBody, headers(("Retry-After" = u64, description = "Seconds until the address may try again"))),
    )
)]
#[post("/v1/auth/login")]
pub async fn login(
    req: HttpRequest,
    body: crate::http::Json<LoginRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let LoginRequest {
        username,
        password,
        otp,
    } = body.into_inner();
    let username = crate::http::text::required("username", &username, 64)?;
    // Characters, as the document's `maxLength` counts them.
    if password.is_empty() || password.chars().count() > 256 {
        return Err(ApiError::validation(
            "password",
            "长度须为 1-256 个字符",
            "must have 1-256 characters",
        ));
    }
    if otp.as_ref().is_some_and(|o| o.chars().count() > 32) {
        return Err(ApiError::validation(
            "otp",
            "动态验证码为 6 位数字，恢复码为 8 位字母数字",
            "must be the 6-digit code or an 8-character recovery code",
        ));
    }
    let ip = super::client_ip(&req);
    let auth = auth.into_inner();
    let answer = db
        .run(move |conn| {
            let policy = flows::policy(conn)?;
            let now = auth.clock.now();
            let key = format!("login|{}", ip.as_deref().unwrap_or_default());
            if let Verdict::Refused { retry_after_secs } = limiter::hit(
                conn,
                &key,
                policy.ip_login_limit,
                policy.ip_login_window_secs,
                now,
            )? {
                return Err(ApiError::rate_limited(retry_after_secs));
            }
            flows::login(conn, &auth, &username, &password, otp.as_deref(), ip, now)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(answer))
}
