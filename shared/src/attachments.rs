//! Attachments (SPEC §3): files an applicant adds to an application, and the proofs a unit
//! attaches when it recommends applicants. The file itself is streamed by
//! `GET /api/v1/attachments/{id}/content`; these are the records describing it.

use serde::{Deserialize, Serialize};

text_enum! {
    /// Where an attachment belongs.
    AttachmentSection {
        /// The application materials, editable while the application is a draft or returned.
        Materials = "materials", "申报材料", "Application materials";
        /// Materials added during 补充材料 after a failed policy review.
        Supplementary = "supplementary", "补充材料", "Supplementary materials";
        /// A unit's proof for its recommendation (单位证明材料), not tied to one application.
        RecommendationProof = "recommendation_proof", "单位证明材料", "Recommendation proof";
        /// An HRSS's proof of the violation for which it revokes a title (职称撤销).
        RevocationProof = "revocation_proof", "撤销证明材料", "Revocation proof";
    }
}

/// One stored file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub id: i64,
    /// The application it belongs to (none for a unit's recommendation proof).
    pub application_id: Option<i64>,
    /// The unit owning a recommendation proof (none for application attachments).
    pub unit_id: Option<i64>,
    pub section: AttachmentSection,
    /// What the file is (free text, at most 200 characters; may be empty).
    pub description: String,
    /// The name the file was uploaded with.
    pub file_name: String,
    /// The type detected from the file's content, e.g. `application/pdf`.
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
    /// RFC 3339.
    pub uploaded_at: String,
    pub uploaded_by: i64,
    /// The uploader's display name.
    pub uploaded_by_name: String,
    /// Whether the caller may delete it now.
    pub can_delete: bool,
}

/// The file types accepted, by content (the extension only tells Office formats apart).
pub const ACCEPTED_EXTENSIONS: &[&str] = &[
    "pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
];

/// Most attachments one application may carry.
pub const MAX_PER_APPLICATION: i64 = 50;

/// Longest file name, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 200;

/// Longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 200;
