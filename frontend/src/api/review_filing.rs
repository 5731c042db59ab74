//! `/api/v1/review-filings`: 评审工作备案 (issue 11, manual §6.2.11).

use shared::review_filing::{
    CreateReviewFiling, FilableSession, FilingFileKind, ReviewFiling, ReviewFilingDecision,
    ReviewFilingFile, SubmitReviewFiling, UpdateReviewFiling,
};
use shared::Locale;

use super::applications::content_type;
use super::query::Query;
use super::{
    delete_authed, download_authed, get_authed, patch_authed, post_authed, upload_authed, ApiError,
};
use crate::state::session::SessionStore;

/// `GET /api/v1/review-filings/{id}`.
pub async fn get(
    session: &SessionStore,
    id: i64,
    locale: Locale,
) -> Result<ReviewFiling, ApiError> {
    get_authed(session, &format!("/api/v1/review-filings/{id}"), locale).await
}

/// `GET /api/v1/review-filings/filable-sessions`.
pub async fn filable_sessions(
    session: &SessionStore,
    locale: Locale,
) -> Result<Vec<FilableSession>, ApiError> {
    get_authed(session, "/api/v1/review-filings/filable-sessions", locale).await
}

/// `POST /api/v1/review-filings`: a draft.
pub async fn create(
    session: &SessionStore,
    request: &CreateReviewFiling,
    locale: Locale,
) -> Result<ReviewFiling, ApiError> {
    post_authed(session, "/api/v1/review-filings", request, locale).await
}

/// `PATCH /api/v1/review-filings/{id}`: the note.
pub async fn update(
    session: &SessionStore,
    id: i64,
    request: &UpdateReviewFiling,
    locale: Locale,
) -> Result<ReviewFiling, ApiError> {
    patch_authed(
        session,
        &format!("/api/v1/review-filings/{id}"),
        request,
        locale,
    )
    .await
}

/// `POST /api/v1/review-filings/{id}/submit` (申报).
pub async fn submit(
    session: &SessionStore,
    id: i64,
    version: i64,
    locale: Locale,
) -> Result<ReviewFiling, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/review-filings/{id}/submit"),
        &SubmitReviewFiling { version },
        locale,
    )
    .await
}

/// `POST /api/v1/review-filings/{id}/decision`.
pub async fn decide(
    session: &SessionStore,
    id: i64,
    request: &ReviewFilingDecision,
    locale: Locale,
) -> Result<ReviewFiling, ApiError> {
    post_authed(
        session,
        &format!("/api/v1/review-filings/{id}/decision"),
        request,
        locale,
    )
    .await
}

/// `POST /api/v1/review-filings/{id}/files?kind=&file_name=`.
pub async fn upload(
    session: &SessionStore,
    id: i64,
    kind: FilingFileKind,
    file: &web_sys::File,
    locale: Locale,
) -> Result<ReviewFilingFile, ApiError> {
    let path = Query::new(&format!("/api/v1/review-filings/{id}/files"))
        .with("kind", kind.as_str())
        .with("file_name", file.name())
        .build();
    upload_authed(session, &path, file, content_type(&file.name()), locale).await
}

/// `DELETE /api/v1/review-filings/{id}/files/{file}`.
pub async fn delete_file(
    session: &SessionStore,
    id: i64,
    file: i64,
    locale: Locale,
) -> Result<(), ApiError> {
    delete_authed(
        session,
        &format!("/api/v1/review-filings/{id}/files/{file}"),
        locale,
    )
    .await
}

/// `GET /api/v1/review-filings/{id}/files/{file}/content`.
pub async fn content(
    session: &SessionStore,
    id: i64,
    file: i64,
    locale: Locale,
) -> Result<Vec<u8>, ApiError> {
    download_authed(
        session,
        &format!("/api/v1/review-filings/{id}/files/{file}/content"),
        locale,
    )
    .await
}
