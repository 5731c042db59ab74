//! `/api/v1/affiliation-requests` (主管部门更改): a unit asks to move under another superior;
//! the new superior (or an HRSS above it) approves or rejects.

use shared::auth::UnitRef;
use shared::org::{
    AffiliationDecision, AffiliationRequest, AffiliationStatus, CreateAffiliationRequest,
};

use super::query::Query;
use super::{Api, ApiError};

/// The wire name of a status (the list filter).
pub fn status_name(status: AffiliationStatus) -> &'static str {
    match status {
        AffiliationStatus::Pending => "pending",
        AffiliationStatus::Approved => "approved",
        AffiliationStatus::Rejected => "rejected",
    }
}

/// `GET /api/v1/affiliation-candidates?q=`: the units the caller's unit may move under.
pub async fn candidates(api: &Api, q: &str) -> Result<Vec<UnitRef>, ApiError> {
    let path = Query::new("/api/v1/affiliation-candidates")
        .text("q", q)
        .build();
    api.get(&path).await
}

/// `POST /api/v1/affiliation-requests`.
pub async fn create(
    api: &Api,
    request: &CreateAffiliationRequest,
) -> Result<AffiliationRequest, ApiError> {
    api.post("/api/v1/affiliation-requests", request).await
}

/// `POST /api/v1/affiliation-requests/{id}/decision`.
pub async fn decide(
    api: &Api,
    id: i64,
    decision: &AffiliationDecision,
) -> Result<AffiliationRequest, ApiError> {
    api.post(
        &format!("/api/v1/affiliation-requests/{id}/decision"),
        decision,
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
