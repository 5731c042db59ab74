//! `/api/v1/review-sessions`, `/api/v1/review-groups`, `/api/v1/draws`,
//! `/api/v1/session-experts` (评委会管理, manual §6.2.10.1) and `/api/v1/session-rules`.

use shared::sessions::{
    AlternateRequest, Decline, Draw, DrawRequest, DrawVerification, GroupApplication,
    GroupApplications, NewGroup, NewSession, PutNeeds, PutPosition, ReviewGroup, ReviewSession,
    SessionDetail, SessionExpert, SessionPatch, SessionRules, VersionOnly,
};
use shared::Locale;

use super::{get_authed, patch_authed, post_authed, put_authed, ApiError};
use crate::state::session::SessionStore;

/// `POST /api/v1/review-sessions`.
pub async fn create(
    s: &SessionStore,
    body: &NewSession,
    locale: Locale,
) -> Result<ReviewSession, ApiError> {
    post_authed(s, "/api/v1/review-sessions", body, locale).await
}

/// `GET /api/v1/review-sessions/{id}`.
pub async fn get(s: &SessionStore, id: i64, locale: Locale) -> Result<SessionDetail, ApiError> {
    get_authed(s, &format!("/api/v1/review-sessions/{id}"), locale).await
}

/// `PATCH /api/v1/review-sessions/{id}`.
pub async fn patch(
    s: &SessionStore,
    id: i64,
    body: &SessionPatch,
    locale: Locale,
) -> Result<ReviewSession, ApiError> {
    patch_authed(s, &format!("/api/v1/review-sessions/{id}"), body, locale).await
}

/// `POST /api/v1/review-sessions/{id}/start`.
pub async fn start(
    s: &SessionStore,
    id: i64,
    version: i64,
    locale: Locale,
) -> Result<ReviewSession, ApiError> {
    post_authed(
        s,
        &format!("/api/v1/review-sessions/{id}/start"),
        &VersionOnly { version },
        locale,
    )
    .await
}

/// `GET /api/v1/review-sessions/{id}/unassigned-applications`.
pub async fn unassigned(
    s: &SessionStore,
    id: i64,
    locale: Locale,
) -> Result<Vec<GroupApplication>, ApiError> {
    get_authed(
        s,
        &format!("/api/v1/review-sessions/{id}/unassigned-applications"),
        locale,
    )
    .await
}

/// `POST /api/v1/review-sessions/{id}/groups`.
pub async fn create_group(
    s: &SessionStore,
    id: i64,
    name: String,
    locale: Locale,
) -> Result<ReviewGroup, ApiError> {
    post_authed(
        s,
        &format!("/api/v1/review-sessions/{id}/groups"),
        &NewGroup { name },
        locale,
    )
    .await
}

/// `POST /api/v1/review-groups/{id}/applications`.
pub async fn assign(
    s: &SessionStore,
    group: i64,
    body: &GroupApplications,
    locale: Locale,
) -> Result<ReviewGroup, ApiError> {
    post_authed(
        s,
        &format!("/api/v1/review-groups/{group}/applications"),
        body,
        locale,
    )
    .await
}

/// `PUT /api/v1/review-groups/{id}/needs`.
pub async fn put_needs(
    s: &SessionStore,
    group: i64,
    body: &PutNeeds,
    locale: Locale,
) -> Result<ReviewGroup, ApiError> {
    put_authed(
        s,
        &format!("/api/v1/review-groups/{group}/needs"),
        body,
        locale,
    )
    .await
}

/// `POST /api/v1/review-sessions/{id}/draws`.
pub async fn draw(
    s: &SessionStore,
    id: i64,
    body: &DrawRequest,
    locale: Locale,
) -> Result<Vec<Draw>, ApiError> {
    post_authed(
        s,
        &format!("/api/v1/review-sessions/{id}/draws"),
        body,
        locale,
    )
    .await
}

/// `POST /api/v1/review-groups/{id}/alternates`.
pub async fn alternates(
    s: &SessionStore,
    group: i64,
    body: &AlternateRequest,
    locale: Locale,
) -> Result<Draw, ApiError> {
    post_authed(
        s,
        &format!("/api/v1/review-groups/{group}/alternates"),
        body,
        locale,
    )
    .await
}

/// `GET /api/v1/review-sessions/{id}/draws`: every draw in full (the record).
pub async fn draws(s: &SessionStore, id: i64, locale: Locale) -> Result<Vec<Draw>, ApiError> {
    get_authed(s, &format!("/api/v1/review-sessions/{id}/draws"), locale).await
}

/// `GET /api/v1/draws/{id}/verify`.
pub async fn verify(
    s: &SessionStore,
    id: i64,
    locale: Locale,
) -> Result<DrawVerification, ApiError> {
    get_authed(s, &format!("/api/v1/draws/{id}/verify"), locale).await
}

/// `PUT /api/v1/session-experts/{id}/position`.
pub async fn put_position(
    s: &SessionStore,
    id: i64,
    body: &PutPosition,
    locale: Locale,
) -> Result<SessionExpert, ApiError> {
    put_authed(
        s,
        &format!("/api/v1/session-experts/{id}/position"),
        body,
        locale,
    )
    .await
}

/// `POST /api/v1/session-experts/{id}/decline`.
pub async fn decline(
    s: &SessionStore,
    id: i64,
    body: &Decline,
    locale: Locale,
) -> Result<SessionExpert, ApiError> {
    post_authed(
        s,
        &format!("/api/v1/session-experts/{id}/decline"),
        body,
        locale,
    )
    .await
}

/// `GET /api/v1/session-rules` (the system administrator).
pub async fn rules(s: &SessionStore, locale: Locale) -> Result<SessionRules, ApiError> {
    get_authed(s, "/api/v1/session-rules", locale).await
}

/// `PUT /api/v1/session-rules`.
pub async fn save_rules(
    s: &SessionStore,
    body: &SessionRules,
    locale: Locale,
) -> Result<SessionRules, ApiError> {
    put_authed(s, "/api/v1/session-rules", body, locale).await
}
