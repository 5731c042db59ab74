//! Issue 9 points 6, 7 and 10: what changed since the last submission, the workflow rules
//! (流程规则) and the HRSS's revocation proofs.

use shared::attachments::Attachment;
use shared::review::{ApplicationChanges, WorkflowPolicy};
use shared::{Locale, Page};

use super::applications::content_type;
use super::query::Query;
use super::{get_authed, put_authed, upload_authed, ApiError};
use crate::state::session::SessionStore;

/// `GET /api/v1/applications/{id}/changes`.
pub async fn changes(
    session: &SessionStore,
    id: i64,
    locale: Locale,
) -> Result<ApplicationChanges, ApiError> {
    get_authed(
        session,
        &format!("/api/v1/applications/{id}/changes"),
        locale,
    )
    .await
}

/// `GET /api/v1/workflow-policy`.
pub async fn workflow_policy(
    session: &SessionStore,
    locale: Locale,
) -> Result<WorkflowPolicy, ApiError> {
    get_authed(session, "/api/v1/workflow-policy", locale).await
}

/// `PUT /api/v1/workflow-policy`.
pub async fn save_workflow_policy(
    session: &SessionStore,
    policy: &WorkflowPolicy,
    locale: Locale,
) -> Result<WorkflowPolicy, ApiError> {
    put_authed(session, "/api/v1/workflow-policy", policy, locale).await
}

/// `GET /api/v1/unit-attachments?section=revocation_proof`: the caller's HRSS's proofs.
pub async fn revocation_proofs(
    session: &SessionStore,
    locale: Locale,
) -> Result<Vec<Attachment>, ApiError> {
    let path = Query::new("/api/v1/unit-attachments")
        .with("section", "revocation_proof")
        .with("per_page", "100")
        .build();
    get_authed::<Page<Attachment>>(session, &path, locale)
        .await
        .map(|page| page.items)
}

/// `POST /api/v1/unit-attachments?section=revocation_proof&file_name=`.
pub async fn upload_revocation_proof(
    session: &SessionStore,
    file: &web_sys::File,
    locale: Locale,
) -> Result<Attachment, ApiError> {
    let path = Query::new("/api/v1/unit-attachments")
        .with("section", "revocation_proof")
        .with("file_name", file.name())
        .build();
    upload_authed(session, &path, file, content_type(&file.name()), locale).await
}
