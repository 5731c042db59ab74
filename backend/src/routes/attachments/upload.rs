use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared::attachments::{Attachment, AttachmentSection};

use crate::{
    attachments,
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    routes::auth::client_ip,
    storage::FileStore,
};

/// What is uploaded.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UploadQuery {
    /// `materials` (draft or returned) or `supplementary` (supplement stage).
    pub section: AttachmentSection,
    /// The file's name, 1–200 characters, no path separators; its extension must match the
    /// content.
    pub file_name: String,
    /// What the file is (at most 200 characters).
    pub description: Option<String>,
    /// The kind of material: an enabled `attachment_categories` id (`GET
    /// /api/v1/attachment-categories`). Required.
    pub category_id: Option<i64>,
}

/// Adds a file to the caller's own application. The body is the raw file (any
/// `Content-Type`); its type is read from its first bytes: PDF, JPEG, PNG, or an Office
/// document (doc/docx/xls/xlsx/ppt/pptx). At most `ATTACHMENT_MAX_BYTES` (20 MiB by default)
/// and 50 files per application.
#[utoipa::path(
    tag = "attachments",
    params(("id" = i64, Path, description = "Application id"), UploadQuery),
    request_body(content = inline(super::FileBytes), content_type = "application/octet-stream", description = "The file's bytes"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Stored", body = Attachment),
        (status = 400, description = "`bad_request`: the upload was interrupted or a parameter is malformed", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: not the applicant", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such application in the caller's sight", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: the stage does not allow changing this section", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`: over the size limit (named in the message)", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_file_type`: not PDF/JPEG/PNG/Office by content, or the extension contradicts it", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: bad file name or description, no, an unknown or a disabled `category_id`, empty file, wrong section, 50 files already", body = shared::ErrorBody),
    )
)]
#[post("/v1/applications/{id:[0-9]+}/attachments")]
#[expect(
    clippy::too_many_arguments,
    reason = "one extractor per input of the handler"
)]
pub async fn upload_attachment(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    query: web::Query<UploadQuery>,
    payload: web::Payload,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
    files: web::Data<FileStore>,
) -> Result<HttpResponse, ApiError> {
    let application_id = path.into_inner();
    let query = query.into_inner();
    let section = query.section;
    if matches!(
        section,
        AttachmentSection::RecommendationProof | AttachmentSection::RevocationProof
    ) {
        return Err(ApiError::validation(
            "section",
            "只能是 materials 或 supplementary（单位证明材料请通过单位附件上传）",
            "must be materials or supplementary (unit proofs go to /api/v1/unit-attachments)",
        ));
    }
    let mut meta = attachments::check_meta(&query.file_name, query.description.as_deref())?;
    let category_id = query.category_id;
    attachments::check_declared_length(&req, files.max_bytes)?;
    // Refuse before reading a byte when the caller may not upload here at all.
    {
        let user = user.clone();
        meta.category_id = db
            .run(move |conn| {
                attachments::require_changeable(conn, &user, application_id, section)?;
                attachments::require_room(conn, application_id)?;
                attachments::categories::require_uploadable(conn, section, category_id).map(Some)
            })
            .await?;
    }
    let ip = client_ip(&req);
    let now = auth.clock.now();
    attachments::store(
        &db,
        &files,
        payload,
        &meta.file_name.clone(),
        move |conn, received| {
            // The stage may have moved while the file streamed in.
            attachments::require_changeable(conn, &user, application_id, section)?;
            attachments::require_room(conn, application_id)?;
            attachments::categories::require_uploadable(conn, section, category_id)?;
            let row = attachments::record(
                conn,
                &Actor::of(&user, ip),
                (Some(application_id), None, section),
                &meta,
                received,
                user.id,
                now,
            )?;
            attachments::to_dto(row, user.display_name.clone(), true)
        },
    )
    .await
}
