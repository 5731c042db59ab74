//! 由单位发起 (manual §6.2, issue 9 point 4): the applicant accounts a unit may start an
//! application for, and the start itself.

use shared::application::{
    ApplicantCandidate, Application, ApplicationInput, CreateForApplicantRequest,
};

use super::query::Query;
use super::{Api, ApiError};

/// `GET /api/v1/applications/for-applicant/candidates?q=`.
pub async fn candidates(api: &Api, q: &str) -> Result<Vec<ApplicantCandidate>, ApiError> {
    let path = Query::new("/api/v1/applications/for-applicant/candidates")
        .text("q", q)
        .build();
    api.get(&path).await
}

/// `POST /api/v1/applications/for-applicant`.
pub async fn create_for(
    api: &Api,
    applicant_id: i64,
    input: &ApplicationInput,
) -> Result<Application, ApiError> {
    let request = CreateForApplicantRequest {
        applicant_id,
        application: input.clone(),
    };
    api.post("/api/v1/applications/for-applicant", &request)
        .await
}
