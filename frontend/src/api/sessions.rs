//! `/api/v1/review-sessions`, `/api/v1/review-groups`, `/api/v1/draws`,
//! `/api/v1/session-experts` (评委会管理, manual §6.2.10.1) and `/api/v1/session-rules`.

use shared::sessions::{
    AlternateRequest, Decline, Draw, DrawRequest, DrawSummary, DrawVerification, GroupApplication,
    GroupApplications, NewGroup, NewSession, PutNeeds, PutPosition, ReviewGroup, ReviewSession,
    SessionDetail, SessionExpert, SessionPatch, SessionRules, VersionOnly,
};

use super::{Api, ApiError};

/// `POST /api/v1/review-sessions`.
pub async fn create(api: &Api, body: &NewSession) -> Result<ReviewSession, ApiError> {
    api.post("/api/v1/review-sessions", body).await
}

/// `GET /api/v1/review-sessions/{id}`.
pub async fn get(api: &Api, id: i64) -> Result<SessionDetail, ApiError> {
    api.get(&format!("/api/v1/review-sessions/{id}")).await
}

/// `PATCH /api/v1/review-sessions/{id}`.
pub async fn patch(api: &Api, id: i64, body: &SessionPatch) -> Result<ReviewSession, ApiError> {
    api.patch(&format!("/api/v1/review-sessions/{id}"), body)
        .await
}

/// `POST /api/v1/review-sessions/{id}/start`.
pub async fn start(api: &Api, id: i64, version: i64) -> Result<ReviewSession, ApiError> {
    api.post(
        &format!("/api/v1/review-sessions/{id}/start"),
        &VersionOnly { version },
    )
    .await
}

/// `GET /api/v1/review-sessions/{id}/unassigned-applications`.
pub async fn unassigned(api: &Api, id: i64) -> Result<Vec<GroupApplication>, ApiError> {
    api.get(&format!(
        "/api/v1/review-sessions/{id}/unassigned-applications"
    ))
    .await
}

/// `POST /api/v1/review-sessions/{id}/groups`.
pub async fn create_group(api: &Api, id: i64, name: String) -> Result<ReviewGroup, ApiError> {
    api.post(
        &format!("/api/v1/review-sessions/{id}/groups"),
        &NewGroup { name },
    )
    .await
}

/// `POST /api/v1/review-groups/{id}/applications`.
pub async fn assign(
    api: &Api,
    group: i64,
    body: &GroupApplications,
) -> Result<ReviewGroup, ApiError> {
    api.post(&format!("/api/v1/review-groups/{group}/applications"), body)
        .await
}

/// `PUT /api/v1/review-groups/{id}/needs`.
pub async fn put_needs(api: &Api, group: i64, body: &PutNeeds) -> Result<ReviewGroup, ApiError> {
    api.put(&format!("/api/v1/review-groups/{group}/needs"), body)
        .await
}

/// `POST /api/v1/review-sessions/{id}/draws`.
pub async fn draw(api: &Api, id: i64, body: &DrawRequest) -> Result<Vec<DrawSummary>, ApiError> {
    api.post(&format!("/api/v1/review-sessions/{id}/draws"), body)
        .await
}

/// `POST /api/v1/review-groups/{id}/alternates`.
pub async fn alternates(
    api: &Api,
    group: i64,
    body: &AlternateRequest,
) -> Result<DrawSummary, ApiError> {
    api.post(&format!("/api/v1/review-groups/{group}/alternates"), body)
        .await
}

/// `GET /api/v1/review-sessions/{id}/draws`: every draw in full (the record).
pub async fn draws(api: &Api, id: i64) -> Result<Vec<Draw>, ApiError> {
    api.get(&format!("/api/v1/review-sessions/{id}/draws"))
        .await
}

/// `GET /api/v1/draws/{id}/verify`.
pub async fn verify(api: &Api, id: i64) -> Result<DrawVerification, ApiError> {
    api.get(&format!("/api/v1/draws/{id}/verify")).await
}

/// `PUT /api/v1/session-experts/{id}/position`.
pub async fn put_position(
    api: &Api,
    id: i64,
    body: &PutPosition,
) -> Result<SessionExpert, ApiError> {
    api.put(&format!("/api/v1/session-experts/{id}/position"), body)
        .await
}

/// `POST /api/v1/session-experts/{id}/decline`.
pub async fn decline(api: &Api, id: i64, body: &Decline) -> Result<SessionExpert, ApiError> {
    api.post(&format!("/api/v1/session-experts/{id}/decline"), body)
        .await
}

/// `GET /api/v1/session-rules` (the system administrator).
pub async fn rules(api: &Api) -> Result<SessionRules, ApiError> {
    api.get("/api/v1/session-rules").await
}

/// `PUT /api/v1/session-rules`.
pub async fn save_rules(api: &Api, body: &SessionRules) -> Result<SessionRules, ApiError> {
    api.put("/api/v1/session-rules", body).await
}
