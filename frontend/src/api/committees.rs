//! `/api/v1/committees`, `/api/v1/review-authority-filings` (评审权备案) and
//! `/api/v1/policy-reviewers` (政策性审查账号).

use shared::committees::{
    Committee, CreateFilingRequest, CreatePolicyReviewersRequest, CreatedPolicyReviewers,
    FilingDecision, PolicyReviewer, ReviewAuthorityFiling, SetEnabledRequest,
    UpdatePolicyReviewerRequest,
};
use shared::Page;

use super::{Api, ApiError};

/// `GET /api/v1/committees` (the caller's unit and below; first 100).
pub async fn committees(api: &Api) -> Result<Page<Committee>, ApiError> {
    api.get("/api/v1/committees?per_page=100").await
}

/// `GET /api/v1/committees?recommend=true`: the committees the caller's unit may recommend
/// experts to.
pub async fn recommendable(api: &Api) -> Result<Page<Committee>, ApiError> {
    api.get("/api/v1/committees?recommend=true&per_page=100")
        .await
}

/// `POST /api/v1/review-authority-filings`.
pub async fn apply(
    api: &Api,
    request: &CreateFilingRequest,
) -> Result<ReviewAuthorityFiling, ApiError> {
    api.post("/api/v1/review-authority-filings", request).await
}

/// `POST /api/v1/review-authority-filings/{id}/decision`.
pub async fn decide(
    api: &Api,
    id: i64,
    decision: &FilingDecision,
) -> Result<ReviewAuthorityFiling, ApiError> {
    api.post(
        &format!("/api/v1/review-authority-filings/{id}/decision"),
        decision,
    )
    .await
}

/// `POST /api/v1/policy-reviewers`: the answer holds the one-time passwords.
pub async fn create_reviewers(
    api: &Api,
    request: &CreatePolicyReviewersRequest,
) -> Result<CreatedPolicyReviewers, ApiError> {
    api.post("/api/v1/policy-reviewers", request).await
}

/// `PATCH /api/v1/policy-reviewers/{account_id}`.
pub async fn update_reviewer(
    api: &Api,
    id: i64,
    request: &UpdatePolicyReviewerRequest,
) -> Result<PolicyReviewer, ApiError> {
    api.patch(&format!("/api/v1/policy-reviewers/{id}"), request)
        .await
}

/// `POST /api/v1/policy-reviewers/{account_id}/enabled`.
pub async fn set_enabled(api: &Api, id: i64, enabled: bool) -> Result<PolicyReviewer, ApiError> {
    api.post(
        &format!("/api/v1/policy-reviewers/{id}/enabled"),
        &SetEnabledRequest { enabled },
    )
    .await
}
