use actix_web::{
    body::SizedStream,
    get,
    http::header::{self, HeaderValue},
    web, HttpResponse,
};

use crate::{attachments, auth::AuthUser, db::Db, error::ApiError, storage::FileStore};

/// The file itself, streamed, as a download (`Content-Disposition: attachment` with the
/// original name). Readable by everyone who may see its application; a unit's recommendation
/// proof by that unit and the units above it.
#[utoipa::path(
    tag = "attachments",
    params(("id" = i64, Path, description = "Attachment id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file's bytes, with its stored `Content-Type`", content_type = "application/octet-stream", body = inline(super::FileBytes)),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such file in the caller's sight", body = shared::ErrorBody),
    )
)]
#[get("/v1/attachments/{id:[0-9]+}/content")]
pub async fn download_attachment(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
    files: web::Data<FileStore>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let row = db
        .run(move |conn| attachments::require_readable(conn, &user, id))
        .await?;
    let size = u64::try_from(row.size).map_err(ApiError::internal)?;
    let body = files.backend.open(&row.storage_key).await.map_err(|e| {
        ApiError::internal(anyhow::anyhow!(
            "attachment {} (key {}) cannot be read: {e}",
            row.id,
            row.storage_key
        ))
    })?;
    let content_type = HeaderValue::from_str(&row.content_type).map_err(ApiError::internal)?;
    let disposition = HeaderValue::from_str(&attachments::content_disposition(&row.file_name))
        .map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::CONTENT_DISPOSITION, disposition))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        // Sent as stored: keeps `Content-Length` (the compression middleware leaves it alone).
        .insert_header((header::CONTENT_ENCODING, "identity"))
        .body(SizedStream::new(size, body)))
}
