use actix_web::{post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared::{
    attachments::{Attachment, AttachmentSection},
    Module,
};

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
pub struct UnitUploadQuery {
    /// The file's name, 1–200 characters, no path separators; its extension must match the
    /// content.
    pub file_name: String,
    /// What the file proves (at most 200 characters).
    pub description: Option<String>,
    /// `recommendation_proof` (default) or `revocation_proof` (an HRSS's proof for revoking a
    /// title; needs `title.review.superior_review` at an HRSS).
    #[param(value_type = Option<String>, pattern = "^(recommendation_proof|revocation_proof)$")]
    pub section: Option<AttachmentSection>,
}

/// The section of a unit upload, and the caller's right to add to it.
pub(super) fn unit_section(
    conn: &mut crate::db::DbConnection,
    user: &AuthUser,
    section: Option<AttachmentSection>,
) -> Result<AttachmentSection, ApiError> {
    match section.unwrap_or(AttachmentSection::RecommendationProof) {
        AttachmentSection::RecommendationProof => {
            user.require(Module::UnitRecommendation)?;
            Ok(AttachmentSection::RecommendationProof)
        }
        AttachmentSection::RevocationProof => {
            user.require(Module::SuperiorReview)?;
            if crate::applications::permission::unit_kind(conn, user.unit_id)?
                != shared::UnitKind::Hrss
            {
                return Err(ApiError::new(shared::ErrorCode::Forbidden));
            }
            Ok(AttachmentSection::RevocationProof)
        }
        AttachmentSection::Materials | AttachmentSection::Supplementary => {
            Err(ApiError::validation(
                "section",
                "只能是 recommendation_proof 或 revocation_proof",
                "must be recommendation_proof or revocation_proof",
            ))
        }
    }
}

/// Adds a recommendation proof (单位证明材料) of the caller's unit, for the unit's
/// recommendations to refer to, or (`section=revocation_proof`) an HRSS's proof for revoking a
/// title. Same body, types and size limit as application files.
#[utoipa::path(
    tag = "attachments",
    params(UnitUploadQuery),
    request_body(content = inline(super::FileBytes), content_type = "application/octet-stream", description = "The file's bytes"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Stored", body = Attachment),
        (status = 400, description = "`bad_request`: the upload was interrupted or a parameter is malformed", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.review.unit_recommendation` (revocation proofs: `title.review.superior_review` at an HRSS)", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`: over the size limit (named in the message)", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_file_type`: not PDF/JPEG/PNG/Office by content, or the extension contradicts it", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: bad file name or description, empty file", body = shared::ErrorBody),
    )
)]
#[post("/v1/unit-attachments")]
pub async fn upload_unit_attachment(
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<UnitUploadQuery>,
    payload: web::Payload,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
    files: web::Data<FileStore>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let section = {
        let user = user.clone();
        db.run(move |conn| unit_section(conn, &user, query.section))
            .await?
    };
    let meta = attachments::check_meta(&query.file_name, query.description.as_deref())?;
    attachments::check_declared_length(&req, files.max_bytes)?;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    attachments::store(
        &db,
        &files,
        payload,
        &meta.file_name.clone(),
        move |conn, received| {
            let row = attachments::record(
                conn,
                &Actor::of(&user, ip),
                (None, Some(user.unit_id), section),
                &meta,
                received,
                user.id,
                now,
            )?;
            attachments::to_dto(row, user.display_name.clone(), false)
        },
    )
    .await
}
