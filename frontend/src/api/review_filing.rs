//! `/api/v1/review-filings`: 评审工作备案 (issue 11, manual §6.2.11).

use shared::review_filing::{
    CreateReviewFiling, FilableSession, FilingFileKind, ReviewFiling, ReviewFilingDecision,
    ReviewFilingFile, SubmitReviewFiling, UpdateReviewFiling,
};

use super::applications::content_type;
use super::query::Query;
use super::{Api, ApiError};

/// `GET /api/v1/review-filings/{id}`.
pub async fn get(api: &Api, id: i64) -> Result<ReviewFiling, ApiError> {
    api.get(&format!("/api/v1/review-filings/{id}")).await
}

/// `GET /api/v1/review-filings/filable-sessions`.
pub async fn filable_sessions(api: &Api) -> Result<Vec<FilableSession>, ApiError> {
    api.get("/api/v1/review-filings/filable-sessions").await
}

/// `POST /api/v1/review-filings`: a draft.
pub async fn create(api: &Api, request: &CreateReviewFiling) -> Result<ReviewFiling, ApiError> {
    api.post("/api/v1/review-filings", request).await
}

/// `PATCH /api/v1/review-filings/{id}`: the note.
pub async fn update(
    api: &Api,
    id: i64,
    request: &UpdateReviewFiling,
) -> Result<ReviewFiling, ApiError> {
    api.patch(&format!("/api/v1/review-filings/{id}"), request)
        .await
}

/// `POST /api/v1/review-filings/{id}/submit` (申报).
pub async fn submit(api: &Api, id: i64, version: i64) -> Result<ReviewFiling, ApiError> {
    api.post(
        &format!("/api/v1/review-filings/{id}/submit"),
        &SubmitReviewFiling { version },
    )
    .await
}

/// `POST /api/v1/review-filings/{id}/decision`.
pub async fn decide(
    api: &Api,
    id: i64,
    request: &ReviewFilingDecision,
) -> Result<ReviewFiling, ApiError> {
    api.post(&format!("/api/v1/review-filings/{id}/decision"), request)
        .await
}

/// `POST /api/v1/review-filings/{id}/files?kind=&file_name=`.
pub async fn upload(
    api: &Api,
    id: i64,
    kind: FilingFileKind,
    file: &web_sys::File,
) -> Result<ReviewFilingFile, ApiError> {
    let path = Query::new(&format!("/api/v1/review-filings/{id}/files"))
        .with("kind", kind.as_str())
        .with("file_name", file.name())
        .build();
    api.upload(&path, file, content_type(&file.name())).await
}

/// `DELETE /api/v1/review-filings/{id}/files/{file}`.
pub async fn delete_file(api: &Api, id: i64, file: i64) -> Result<(), ApiError> {
    api.delete(&format!("/api/v1/review-filings/{id}/files/{file}"))
        .await
}

/// `GET /api/v1/review-filings/{id}/files/{file}/content`.
pub async fn content(api: &Api, id: i64, file: i64) -> Result<Vec<u8>, ApiError> {
    api.download(&format!("/api/v1/review-filings/{id}/files/{file}/content"))
        .await
}
