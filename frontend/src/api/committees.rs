//! `/api/v1/committees`, `/api/v1/review-authority-filings` (评审权备案) and
//! `/api/v1/policy-reviewers` (政策性审查账号).

use shared::committees::{
    Committee, CreateFilingRequest, CreatePolicyReviewersRequest, CreatedPolicyReviewers,
    FilingDecision, PolicyReviewer, ReviewAuthorityFiling, SetEnabledRequest,
    UpdatePolicyReviewerRequest,
};
use shared::{Locale, Page};

use super::{get_authed, patch_authed, post_authed, ApiError};
use crate::state::session::SessionStore;

/// `GET /api/v1/committees` (the caller's unit and below; first 100).
pub async fn committees(
    session: &SessionStore,
    locale: Locale,
) -> Result<Page<Committee>, ApiError> {
    get_authed(session, "/api/v1/committees?per_page=100", locale).await
}

/// `GET /api/v1/committees?recommend=true`: the committees the caller's unit may recommend
/// experts to.
pub async fn recommendable(
    session: &SessionStore,
    locale: Locale,
) -> Result<Page<Committee>, ApiError> {
    get_authed(
        session,
        "/api/v1/committees?recommend=true&per_page=100",
        locale,
    )
    .await
}

/// `POST /api/v1/review-authority-filings`.
pub async fn apply(
    session: &SessionStore,
    request: &CreateFilingRequest,
    locale: Locale,
) -> Result<ReviewAuthorityFiling, ApiError> {
    post_authed(session, "/api/v1/review-authority-filings", request, locale).await
}

/// `POST /api/v1/review-authority-filings/{id}/decision`.
pub async fn decide(
    session: &SessionStore,
    id: i64,
    decision: &FilingDecision,
    locale: Locale,
) -> Result<ReviewAuthorityFiling, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/review-authority-filings/{id}/decision"),
        decision,
        locale,
    )
    .await
}

/// `POST /api/v1/policy-reviewers`: the answer holds the one-time passwords.
pub async fn create_reviewers(
    session: &SessionStore,
    request: &CreatePolicyReviewersRequest,
    locale: Locale,
) -> Result<CreatedPolicyReviewers, ApiError> {
    post_authed(session, "/api/v1/policy-reviewers", request, locale).await
}

/// `PATCH /api/v1/policy-reviewers/{account_id}`.
pub async fn update_reviewer(
    session: &SessionStore,
    id: i64,
    request: &UpdatePolicyReviewerRequest,
    locale: Locale,
) -> Result<PolicyReviewer, ApiError> {
    patch_authed(
        session,
        &format!("/api/v1/policy-reviewers/{id}"),
        request,
        locale,
    )
    .await
}

/// `POST /api/v1/policy-reviewers/{account_id}/enabled`.
pub async fn set_enabled(
    session: &SessionStore,
    id: i64,
    enabled: bool,
    locale: Locale,
) -> Result<PolicyReviewer, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/policy-reviewers/{id}/enabled"),
        &SetEnabledRequest { enabled },
        locale,
    )
    .await
}
