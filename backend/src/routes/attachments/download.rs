use actix_web::{get, web, HttpResponse};

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
    attachments::download(
        &files,
        attachments::Download {
            what: &format!("attachment {}", row.id),
            key: &row.storage_key,
            size: row.size,
            content_type: &row.content_type,
            file_name: &row.file_name,
        },
    )
    .await
}
