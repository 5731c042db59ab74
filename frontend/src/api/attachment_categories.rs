//! `/api/v1/attachment-categories`: the kinds of application material (issue 9 point 12).

use shared::attachments::{AttachmentCategory, AttachmentCategoryInput};
use shared::Locale;

use super::{get_authed, post_authed, put_authed, ApiError};
use crate::state::session::SessionStore;

/// `GET /api/v1/attachment-categories`: every kind, in display order.
pub async fn list(
    session: &SessionStore,
    locale: Locale,
) -> Result<Vec<AttachmentCategory>, ApiError> {
    get_authed(session, "/api/v1/attachment-categories", locale).await
}

/// `POST /api/v1/attachment-categories`.
pub async fn create(
    session: &SessionStore,
    input: &AttachmentCategoryInput,
    locale: Locale,
) -> Result<AttachmentCategory, ApiError> {
    post_authed(session, "/api/v1/attachment-categories", input, locale).await
}

/// `PUT /api/v1/attachment-categories/{id}`.
pub async fn update(
    session: &SessionStore,
    id: i64,
    input: &AttachmentCategoryInput,
    locale: Locale,
) -> Result<AttachmentCategory, ApiError> {
    put_authed(
        session,
        &format!("/api/v1/attachment-categories/{id}"),
        input,
        locale,
    )
    .await
}
