//! 由单位发起 (manual §6.2, issue 9 point 4): the applicant accounts a unit may start an
//! application for, and the start itself.

use shared::application::{
    ApplicantCandidate, Application, ApplicationInput, CreateForApplicantRequest,
};
use shared::Locale;

use super::query::Query;
use super::{get_authed, post_authed, ApiError};
use crate::state::session::SessionStore;

/// `GET /api/v1/applications/for-applicant/candidates?q=`.
pub async fn candidates(
    session: &SessionStore,
    q: &str,
    locale: Locale,
) -> Result<Vec<ApplicantCandidate>, ApiError> {
    let path = Query::new("/api/v1/applications/for-applicant/candidates")
        .text("q", q)
        .build();
    get_authed(session, &path, locale).await
}

/// `POST /api/v1/applications/for-applicant`.
pub async fn create_for(
    session: &SessionStore,
    applicant_id: i64,
    input: &ApplicationInput,
    locale: Locale,
) -> Result<Application, ApiError> {
    let request = CreateForApplicantRequest {
        applicant_id,
        application: input.clone(),
    };
    post_authed(
        session,
        "/api/v1/applications/for-applicant",
        &request,
        locale,
    )
    .await
}
