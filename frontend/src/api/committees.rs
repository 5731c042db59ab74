//! `/api/v1/committees`, `/api/v1/review-authority-filings` (评审权备案) and
//! `/api/v1/policy-reviewers` (政策性审查账号).

use shared::committees::{
    Committee, CreateFilingRequest, CreatePolicyReviewersRequest, CreatedPolicyReviewers,
    FilingDecision, FilingStatus, PolicyReviewer, ReviewAuthorityFiling, SetEnabledRequest,
    UpdatePolicyReviewerRequest,
};
use shared::{Locale, Page};

use super::query::Query;
use super::{get_authed, patch_authed, post_authed, ApiError};
use crate::state::session::SessionStore;

/// `GET /api/v1/committees` (the caller's unit and below; first 100).
pub async fn committees(
    session: &SessionStore,
    locale: Locale,
) -> Result<Page<Committee>, ApiError> {
    get_authed(session, "/api/v1/committees?per_page=100", locale).await
}

/// The filing list's path.
pub fn filings_path(status: Option<FilingStatus>, page: u32) -> String {
    Query::new("/api/v1/review-authority-filings")
        .opt("status", status)
        .with("page", page)
        .with("per_page", 20)
        .build()
}

/// `GET /api/v1/review-authority-filings`.
pub async fn filings(
    session: &SessionStore,
    status: Option<FilingStatus>,
    page: u32,
    locale: Locale,
) -> Result<Page<ReviewAuthorityFiling>, ApiError> {
    get_authed(session, &filings_path(status, page), locale).await
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

/// `GET /api/v1/policy-reviewers`.
pub async fn reviewers(
    session: &SessionStore,
    page: u32,
    locale: Locale,
) -> Result<Page<PolicyReviewer>, ApiError> {
    let path = Query::new("/api/v1/policy-reviewers")
        .with("page", page)
        .with("per_page", 20)
        .build();
    get_authed(session, &path, locale).await
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filing_filter_uses_wire_names() {
        assert_eq!(
            filings_path(Some(FilingStatus::Pending), 1),
            "/api/v1/review-authority-filings?status=pending&page=1&per_page=20"
        );
    }
}
