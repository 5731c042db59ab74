use actix_web::{post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::{
    attachments::{Attachment, AttachmentSection},
    Module,
};

use crate::{
    attachments::{self, Received},
    audit::{self, Actor, Event},
    auth::{AuthState, AuthUser},
    db::{schema::attachments as table, Db},
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
}

/// Adds a recommendation proof (单位证明材料) of the caller's unit, for the unit's
/// recommendations to refer to. Same body, types and size limit as application files.
#[utoipa::path(
    tag = "attachments",
    params(UnitUploadQuery),
    request_body(content = inline(super::FileBytes), content_type = "application/octet-stream", description = "The file's bytes"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Stored", body = Attachment),
        (status = 400, description = "`bad_request`: the upload was interrupted or a parameter is malformed", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.review.unit_recommendation`", body = shared::ErrorBody),
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
    user.require(Module::UnitRecommendation)?;
    let query = query.into_inner();
    let meta = attachments::check_meta(&query.file_name, query.description.as_deref())?;
    attachments::check_declared_length(&req, files.max_bytes)?;
    let received = attachments::receive(payload, &meta.file_name, &files).await?;
    let key = received.stored.key.clone();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let written = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let Received {
                    stored,
                    content_type,
                } = received;
                let id: i64 = diesel::insert_into(table::table)
                    .values((
                        table::application_id.eq(None::<i64>),
                        table::unit_id.eq(Some(user.unit_id)),
                        table::section.eq(AttachmentSection::RecommendationProof.as_str()),
                        table::description.eq(&meta.description),
                        table::file_name.eq(&meta.file_name),
                        table::content_type.eq(content_type),
                        table::size.eq(i64::try_from(stored.size).unwrap_or(i64::MAX)),
                        table::sha256.eq(&stored.sha256),
                        table::storage_key.eq(&stored.key),
                        table::uploaded_by.eq(user.id),
                        table::uploaded_at.eq(now),
                    ))
                    .returning(table::id)
                    .get_result(conn)?;
                let row = table::table
                    .find(id)
                    .select(attachments::Row::as_select())
                    .first(conn)?;
                audit::append(
                    conn,
                    &Actor::of(&user, ip),
                    &Event {
                        action: "attachment.upload",
                        target_type: "attachment",
                        target_id: Some(id.to_string()),
                        success: true,
                        before: None,
                        after: Some(row.audit_json()),
                    },
                    now,
                )?;
                attachments::to_dto(row, user.display_name.clone(), false)
            })
        })
        .await;
    match written {
        Ok(dto) => Ok(HttpResponse::Created().json(dto)),
        Err(e) => {
            attachments::discard(&files, &key).await;
            Err(e)
        }
    }
}
