//! `/api/v1/applications/{id}/attachments`, `/api/v1/attachments/{id}` and
//! `/api/v1/unit-attachments`: files of applications and units' recommendation proofs. The
//! rules live in `crate::attachments`.

pub mod categories;
pub mod delete;
pub mod download;
pub mod list;
pub mod unit_list;
pub mod unit_upload;
pub mod upload;

/// A file's raw bytes.
#[derive(utoipa::ToSchema)]
#[schema(format = Binary)]
#[expect(dead_code, reason = "documents the body; never built")]
pub struct FileBytes(String);
