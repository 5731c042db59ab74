//! `/api/v1/publicity-batches`, `/api/v1/publicity-reports` and the public site's
//! `/api/v1/public/publicity` (公示, SPEC §4.3).

use shared::application::ApplicationSummary;
use shared::publicity::{
    BatchVersion, CreatePublicityBatch, FileReportRequest, PublicityBatchDetail, PublicityKind,
    PublicityTemplate, ReportReceipt, ResolveReportRequest, ResultSession, UpdatePublicityBatch,
};
use shared::Page;

use super::query::Query;
use super::{Api, ApiError};

/// `GET /api/v1/publicity-batches/{id}`.
pub async fn get(api: &Api, id: i64) -> Result<PublicityBatchDetail, ApiError> {
    api.get(&format!("/api/v1/publicity-batches/{id}")).await
}

/// `POST /api/v1/publicity-batches`: a draft.
pub async fn create(
    api: &Api,
    request: &CreatePublicityBatch,
) -> Result<PublicityBatchDetail, ApiError> {
    api.post("/api/v1/publicity-batches", request).await
}

/// `PATCH /api/v1/publicity-batches/{id}` (draft only).
pub async fn update(
    api: &Api,
    id: i64,
    request: &UpdatePublicityBatch,
) -> Result<PublicityBatchDetail, ApiError> {
    api.patch(&format!("/api/v1/publicity-batches/{id}"), request)
        .await
}

/// `POST /api/v1/publicity-batches/{id}/publish` or `/complete` (`step`).
pub async fn step(
    api: &Api,
    id: i64,
    step: &str,
    version: i64,
) -> Result<PublicityBatchDetail, ApiError> {
    api.post(
        &format!("/api/v1/publicity-batches/{id}/{step}"),
        &BatchVersion { version },
    )
    .await
}

/// `POST /api/v1/publicity-batches/{id}/reports` (signed in).
pub async fn report(
    api: &Api,
    id: i64,
    request: &FileReportRequest,
) -> Result<ReportReceipt, ApiError> {
    api.post(&format!("/api/v1/publicity-batches/{id}/reports"), request)
        .await
}

/// `POST /api/v1/publicity-reports/{id}/resolve`.
pub async fn resolve(
    api: &Api,
    id: i64,
    request: &ResolveReportRequest,
) -> Result<PublicityBatchDetail, ApiError> {
    api.post(&format!("/api/v1/publicity-reports/{id}/resolve"), request)
        .await
}

/// `GET /api/v1/publicity-batches/failure-template?period_start=&period_end=`.
pub async fn failure_template(
    api: &Api,
    start: &str,
    end: &str,
    deadlines: &DeadlineInput,
) -> Result<PublicityTemplate, ApiError> {
    let path = Query::new("/api/v1/publicity-batches/failure-template")
        .text("period_start", start)
        .text("period_end", end)
        .text("supplement_deadline", &deadlines.supplement)
        .text("paper_deadline", &deadlines.paper)
        .text("address", &deadlines.address)
        .text("phone", &deadlines.phone)
        .build();
    api.get(&path).await
}

/// The applications a new batch of `kind` may hold: the caller's queue in the kind's stage.
pub fn candidates_path(kind: PublicityKind) -> String {
    Query::new("/api/v1/applications")
        .with("stage", kind.stage().as_str())
        .with("todo", true)
        .with("sort", "name")
        .with("per_page", 100)
        .build()
}

/// `GET /api/v1/applications?stage=&todo=true`.
pub async fn candidates(
    api: &Api,
    kind: PublicityKind,
) -> Result<Page<ApplicationSummary>, ApiError> {
    api.get(&candidates_path(kind)).await
}

/// `GET /api/v1/publicity-batches/result-sessions`: the tallied sessions a result batch can
/// be made from.
pub async fn result_sessions(api: &Api) -> Result<Vec<ResultSession>, ApiError> {
    api.get("/api/v1/publicity-batches/result-sessions").await
}

/// The public list's path (the public site, `crate::public_site`).
pub fn public_path(kind: Option<PublicityKind>, page: u32) -> String {
    Query::new("/api/v1/public/publicity")
        .opt("kind", kind)
        .with("page", page)
        .with("per_page", 20)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_carry_the_kind_and_its_stage() {
        assert_eq!(
            candidates_path(PublicityKind::Application),
            "/api/v1/applications?stage=application_publicity&todo=true&sort=name&per_page=100"
        );
    }
}

/// The failure deadlines as typed in the form; blank fields take the API's defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeadlineInput {
    /// Online supplement deadline `YYYY-MM-DD`.
    pub supplement: String,
    /// Paper materials deadline `YYYY-MM-DD`.
    pub paper: String,
    /// Where paper materials go.
    pub address: String,
    /// Contact phone.
    pub phone: String,
}

/// `PUT /api/v1/publicity-batches/{id}/items/{application_id}`: the applicant's unit corrects
/// its information during the publicity.
pub async fn update_item(
    api: &Api,
    id: i64,
    application_id: i64,
    request: &shared::publicity::UpdatePublicityItem,
) -> Result<PublicityBatchDetail, ApiError> {
    api.put(
        &format!("/api/v1/publicity-batches/{id}/items/{application_id}"),
        request,
    )
    .await
}
