//! `/api/v1/attachment-categories`: the kinds of application material (issue 9 point 12).

use shared::attachments::{AttachmentCategory, AttachmentCategoryInput};

use super::{Api, ApiError};

/// `GET /api/v1/attachment-categories`: every kind, in display order.
pub async fn list(api: &Api) -> Result<Vec<AttachmentCategory>, ApiError> {
    api.get("/api/v1/attachment-categories").await
}

/// `POST /api/v1/attachment-categories`.
pub async fn create(
    api: &Api,
    input: &AttachmentCategoryInput,
) -> Result<AttachmentCategory, ApiError> {
    api.post("/api/v1/attachment-categories", input).await
}

/// `PUT /api/v1/attachment-categories/{id}`.
pub async fn update(
    api: &Api,
    id: i64,
    input: &AttachmentCategoryInput,
) -> Result<AttachmentCategory, ApiError> {
    api.put(&format!("/api/v1/attachment-categories/{id}"), input)
        .await
}
