//! `/api/v1/experts`, `/api/v1/pool-members` (专家库), `/api/v1/me/expert-profile` (专家个人信息),
//! `/api/v1/pool-updates` (专家库更新备案) and `/api/v1/expert-recommendations` (专家推荐).

use shared::expert_pool::{
    CreatePoolUpdate, CreateRecommendation, ExpertDetail, InviteAnswer, InviteRequest,
    PoolDecision, PoolMember, PoolStatusChange, PoolUpdate, PreEntryRequest, ProfileInput,
    Recommendation,
};
use shared::Locale;

use super::{get_authed, post_authed, put_authed, ApiError};
use crate::state::session::SessionStore;

/// `POST /api/v1/experts`.
pub async fn pre_enter(
    session: &SessionStore,
    request: &PreEntryRequest,
    locale: Locale,
) -> Result<PoolMember, ApiError> {
    post_authed(session, "/api/v1/experts", request, locale).await
}

/// `POST /api/v1/pool-members/{id}/invite`.
pub async fn invite(
    session: &SessionStore,
    id: i64,
    version: i64,
    locale: Locale,
) -> Result<InviteAnswer, ApiError> {
    let body = InviteRequest { version };
    post_authed(
        session,
        &format!("/api/v1/pool-members/{id}/invite"),
        &body,
        locale,
    )
    .await
}

/// `POST /api/v1/pool-members/{id}/status`.
pub async fn set_status(
    session: &SessionStore,
    id: i64,
    request: &PoolStatusChange,
    locale: Locale,
) -> Result<PoolMember, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/pool-members/{id}/status"),
        request,
        locale,
    )
    .await
}

/// `GET /api/v1/me/expert-profile`.
pub async fn my_profile(session: &SessionStore, locale: Locale) -> Result<ExpertDetail, ApiError> {
    get_authed(session, "/api/v1/me/expert-profile", locale).await
}

/// `PUT /api/v1/me/expert-profile`.
pub async fn save_profile(
    session: &SessionStore,
    request: &ProfileInput,
    locale: Locale,
) -> Result<ExpertDetail, ApiError> {
    put_authed(session, "/api/v1/me/expert-profile", request, locale).await
}

/// `POST /api/v1/pool-updates`.
pub async fn file_update(
    session: &SessionStore,
    request: &CreatePoolUpdate,
    locale: Locale,
) -> Result<PoolUpdate, ApiError> {
    post_authed(session, "/api/v1/pool-updates", request, locale).await
}

/// `POST /api/v1/pool-updates/{id}/decision`.
pub async fn decide_update(
    session: &SessionStore,
    id: i64,
    decision: &PoolDecision,
    locale: Locale,
) -> Result<PoolUpdate, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/pool-updates/{id}/decision"),
        decision,
        locale,
    )
    .await
}

/// `POST /api/v1/expert-recommendations`.
pub async fn recommend(
    session: &SessionStore,
    request: &CreateRecommendation,
    locale: Locale,
) -> Result<Recommendation, ApiError> {
    post_authed(session, "/api/v1/expert-recommendations", request, locale).await
}

/// `POST /api/v1/expert-recommendations/{id}/decision`.
pub async fn decide_recommendation(
    session: &SessionStore,
    id: i64,
    decision: &PoolDecision,
    locale: Locale,
) -> Result<Recommendation, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/expert-recommendations/{id}/decision"),
        decision,
        locale,
    )
    .await
}
