//! `/api/v1/publicity-batches`, `/api/v1/publicity-reports` and the public site's
//! `/api/v1/public/publicity` (公示, SPEC §4.3).

use shared::application::ApplicationSummary;
use shared::publicity::{
    BatchVersion, CreatePublicityBatch, FileReportRequest, PublicBatch, PublicBatchDetail,
    PublicityBatchDetail, PublicityKind, PublicityTemplate, ReportReceipt, ResolveReportRequest,
    ResultSession, UpdatePublicityBatch,
};
use shared::{Locale, Page};

use super::query::Query;
use super::{get_authed, get_json, patch_authed, post_authed, post_json, put_authed, ApiError};
use crate::state::session::SessionStore;

/// `GET /api/v1/publicity-batches/{id}`.
pub async fn get(
    session: &SessionStore,
    id: i64,
    locale: Locale,
) -> Result<PublicityBatchDetail, ApiError> {
    get_authed(session, &format!("/api/v1/publicity-batches/{id}"), locale).await
}

/// `POST /api/v1/publicity-batches`: a draft.
pub async fn create(
    session: &SessionStore,
    request: &CreatePublicityBatch,
    locale: Locale,
) -> Result<PublicityBatchDetail, ApiError> {
    post_authed(session, "/api/v1/publicity-batches", request, locale).await
}

/// `PATCH /api/v1/publicity-batches/{id}` (draft only).
pub async fn update(
    session: &SessionStore,
    id: i64,
    request: &UpdatePublicityBatch,
    locale: Locale,
) -> Result<PublicityBatchDetail, ApiError> {
    patch_authed(
        session,
        &format!("/api/v1/publicity-batches/{id}"),
        request,
        locale,
    )
    .await
}

/// `POST /api/v1/publicity-batches/{id}/publish` or `/complete` (`step`).
pub async fn step(
    session: &SessionStore,
    id: i64,
    step: &str,
    version: i64,
    locale: Locale,
) -> Result<PublicityBatchDetail, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/publicity-batches/{id}/{step}"),
        &BatchVersion { version },
        locale,
    )
    .await
}

/// `POST /api/v1/publicity-batches/{id}/reports` (signed in).
pub async fn report(
    session: &SessionStore,
    id: i64,
    request: &FileReportRequest,
    locale: Locale,
) -> Result<ReportReceipt, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/publicity-batches/{id}/reports"),
        request,
        locale,
    )
    .await
}

/// `POST /api/v1/publicity-reports/{id}/resolve`.
pub async fn resolve(
    session: &SessionStore,
    id: i64,
    request: &ResolveReportRequest,
    locale: Locale,
) -> Result<PublicityBatchDetail, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/publicity-reports/{id}/resolve"),
        request,
        locale,
    )
    .await
}

/// `GET /api/v1/publicity-batches/failure-template?period_start=&period_end=`.
pub async fn failure_template(
    session: &SessionStore,
    start: &str,
    end: &str,
    deadlines: &DeadlineInput,
    locale: Locale,
) -> Result<PublicityTemplate, ApiError> {
    let path = Query::new("/api/v1/publicity-batches/failure-template")
        .text("period_start", start)
        .text("period_end", end)
        .text("supplement_deadline", &deadlines.supplement)
        .text("paper_deadline", &deadlines.paper)
        .text("address", &deadlines.address)
        .text("phone", &deadlines.phone)
        .build();
    get_authed(session, &path, locale).await
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
    session: &SessionStore,
    kind: PublicityKind,
    locale: Locale,
) -> Result<Page<ApplicationSummary>, ApiError> {
    get_authed(session, &candidates_path(kind), locale).await
}

/// `GET /api/v1/publicity-batches/result-sessions`: the tallied sessions a result batch can
/// be made from.
pub async fn result_sessions(
    session: &SessionStore,
    locale: Locale,
) -> Result<Vec<ResultSession>, ApiError> {
    get_authed(session, "/api/v1/publicity-batches/result-sessions", locale).await
}

/// The public list's path.
pub fn public_path(kind: Option<PublicityKind>, page: u32) -> String {
    Query::new("/api/v1/public/publicity")
        .opt("kind", kind)
        .with("page", page)
        .with("per_page", 20)
        .build()
}

/// `GET /api/v1/public/publicity` (no login).
pub async fn public_list(
    kind: Option<PublicityKind>,
    page: u32,
    locale: Locale,
) -> Result<Page<PublicBatch>, ApiError> {
    get_json(&public_path(kind, page), locale).await
}

/// `GET /api/v1/public/publicity/{id}` (no login).
pub async fn public_get(id: i64, locale: Locale) -> Result<PublicBatchDetail, ApiError> {
    get_json(&format!("/api/v1/public/publicity/{id}"), locale).await
}

/// `POST /api/v1/public/publicity/{id}/reports` (no login).
pub async fn public_report(
    id: i64,
    request: &FileReportRequest,
    locale: Locale,
) -> Result<ReportReceipt, ApiError> {
    post_json(
        &format!("/api/v1/public/publicity/{id}/reports"),
        request,
        locale,
    )
    .await
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
    session: &SessionStore,
    id: i64,
    application_id: i64,
    request: &shared::publicity::UpdatePublicityItem,
    locale: Locale,
) -> Result<PublicityBatchDetail, ApiError> {
    put_authed(
        session,
        &format!("/api/v1/publicity-batches/{id}/items/{application_id}"),
        request,
        locale,
    )
    .await
}
