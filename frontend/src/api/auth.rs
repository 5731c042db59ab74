//! `/api/v1/auth/*`: login, token refresh, logout, the current user, password change.

use shared::auth::{
    ChangePasswordRequest, CurrentUser, LoginRequest, LoginResponse, RefreshRequest,
};
use shared::Locale;

use super::{post_json, Api, ApiError, Body, Method};

/// `POST /api/v1/auth/login`: a new session, or 401 `invalid_credentials`, 423
/// `account_locked`, 403 `account_disabled`, 429 `rate_limited`.
pub async fn login(request: &LoginRequest, locale: Locale) -> Result<LoginResponse, ApiError> {
    post_json("/api/v1/auth/login", request, locale).await
}

/// `POST /api/v1/auth/refresh`: exchanges a refresh token (used once) for a new session.
/// Only [`SessionStore::refresh`](crate::state::session::SessionStore::refresh) calls this, so
/// that two exchanges never race.
pub async fn refresh(refresh_token: String, locale: Locale) -> Result<LoginResponse, ApiError> {
    post_json(
        "/api/v1/auth/refresh",
        &RefreshRequest { refresh_token },
        locale,
    )
    .await
}

/// `POST /api/v1/auth/logout`: ends the session on the server (204).
pub async fn logout(api: &Api) -> Result<(), ApiError> {
    // The body is built per attempt: a retry after a refresh must send the rotated token.
    let body = || {
        let refresh_token = api.session.refresh_token().unwrap_or_default();
        super::encode(&RefreshRequest { refresh_token }).map(|json| Some(Body::Json(json)))
    };
    api.send(Method::Post, "/api/v1/auth/logout", &body)
        .await
        .map(drop)
}

/// `GET /api/v1/auth/me`: the account as the server sees it now.
pub async fn me(api: &Api) -> Result<CurrentUser, ApiError> {
    api.get("/api/v1/auth/me").await
}

/// `POST /api/v1/auth/password`: fresh tokens on success (every older token is revoked), 401
/// `invalid_credentials` for a wrong current password, 422 `weak_password` with the rule.
pub async fn change_password(
    api: &Api,
    request: &ChangePasswordRequest,
) -> Result<LoginResponse, ApiError> {
    api.post("/api/v1/auth/password", request).await
}

/// `POST /api/v1/auth/mfa/enroll`: a new authenticator secret with its QR code (409
/// `mfa_already_enabled` when MFA is on).
pub async fn enroll_mfa(api: &Api) -> Result<shared::auth::MfaEnrollment, ApiError> {
    api.post_action("/api/v1/auth/mfa/enroll").await
}

/// `POST /api/v1/auth/mfa/confirm`: turns MFA on with the app's first code; the recovery
/// codes, shown once (401 `mfa_code_invalid` for a wrong code).
pub async fn confirm_mfa(
    api: &Api,
    code: String,
) -> Result<shared::auth::MfaRecoveryCodes, ApiError> {
    api.post(
        "/api/v1/auth/mfa/confirm",
        &shared::auth::MfaConfirmRequest { code },
    )
    .await
}
