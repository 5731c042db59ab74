//! `/api/v1/affiliation-requests` (主管部门更改): a unit asks to move under another superior;
//! the new superior (or an HRSS above it) approves or rejects.

use shared::auth::UnitRef;
use shared::org::{
    AffiliationDecision, AffiliationRequest, AffiliationStatus, CreateAffiliationRequest,
};
use shared::Locale;

use super::query::Query;
use super::{get_authed, post_authed, ApiError};
use crate::state::session::SessionStore;

/// The wire name of a status (the list filter).
pub fn status_name(status: AffiliationStatus) -> &'static str {
    match status {
        AffiliationStatus::Pending => "pending",
        AffiliationStatus::Approved => "approved",
        AffiliationStatus::Rejected => "rejected",
    }
}

/// `GET /api/v1/affiliation-candidates?q=`: the units the caller's unit may move under.
pub async fn candidates(
    session: &SessionStore,
    q: &str,
    locale: Locale,
) -> Result<Vec<UnitRef>, ApiError> {
    let path = Query::new("/api/v1/affiliation-candidates")
        .text("q", q)
        .build();
    get_authed(session, &path, locale).await
}

/// `POST /api/v1/affiliation-requests`.
pub async fn create(
    session: &SessionStore,
    request: &CreateAffiliationRequest,
    locale: Locale,
) -> Result<AffiliationRequest, ApiError> {
    post_authed(session, "/api/v1/affiliation-requests", request, locale).await
}

/// `POST /api/v1/affiliation-requests/{id}/decision`.
pub async fn decide(
    session: &SessionStore,
    id: i64,
    decision: &AffiliationDecision,
    locale: Locale,
) -> Result<AffiliationRequest, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/affiliation-requests/{id}/decision"),
        decision,
        locale,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_filter_uses_the_wire_names() {
        assert_eq!(status_name(AffiliationStatus::Pending), "pending");
        // The names are serde's.
        assert_eq!(
            serde_json::to_string(&AffiliationStatus::Rejected).unwrap_or_default(),
            "\"rejected\""
        );
    }
}
