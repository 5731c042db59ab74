//! Issue 9 points 6, 7 and 10: what changed since the last submission, the workflow rules
//! (流程规则) and the HRSS's revocation proofs.

use shared::attachments::Attachment;
use shared::review::{ApplicationChanges, WorkflowPolicy};
use shared::Page;

use super::applications::content_type;
use super::query::Query;
use super::{Api, ApiError};

/// `GET /api/v1/applications/{id}/changes`.
pub async fn changes(api: &Api, id: i64) -> Result<ApplicationChanges, ApiError> {
    api.get(&format!("/api/v1/applications/{id}/changes")).await
}

/// `GET /api/v1/workflow-policy`.
pub async fn workflow_policy(api: &Api) -> Result<WorkflowPolicy, ApiError> {
    api.get("/api/v1/workflow-policy").await
}

/// `PUT /api/v1/workflow-policy`.
pub async fn save_workflow_policy(
    api: &Api,
    policy: &WorkflowPolicy,
) -> Result<WorkflowPolicy, ApiError> {
    api.put("/api/v1/workflow-policy", policy).await
}

/// `GET /api/v1/unit-attachments?section=revocation_proof`: the caller's HRSS's proofs.
pub async fn revocation_proofs(api: &Api) -> Result<Vec<Attachment>, ApiError> {
    let path = Query::new("/api/v1/unit-attachments")
        .with("section", "revocation_proof")
        .with("per_page", "100")
        .build();
    api.get::<Page<Attachment>>(&path)
        .await
        .map(|page| page.items)
}

/// `POST /api/v1/unit-attachments?section=revocation_proof&file_name=`.
pub async fn upload_revocation_proof(
    api: &Api,
    file: &web_sys::File,
) -> Result<Attachment, ApiError> {
    let path = Query::new("/api/v1/unit-attachments")
        .with("section", "revocation_proof")
        .with("file_name", file.name())
        .build();
    api.upload(&path, file, content_type(&file.name())).await
}
