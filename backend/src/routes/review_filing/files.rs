use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared::review_filing::{FilingFileKind, ReviewFilingFile};

use crate::{
    attachments,
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    review_filing::{self, files},
    routes::auth::client_ip,
    storage::FileStore,
};

/// What is uploaded.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UploadQuery {
    /// `committee_notice` 评委会通知, `result_list` 评审结果公示名单, `publicity_explanation`
    /// 公示情况说明 or `qualification_document` 任职资格文件.
    pub kind: FilingFileKind,
    /// The file's name, 1–200 characters; its extension must match the content.
    pub file_name: String,
}

/// Uploads one file of a kind to a draft or rejected filing, as its organising unit. The body
/// is the raw file: PDF, JPEG, PNG or Office, typed by its content; at most
/// `ATTACHMENT_MAX_BYTES`. Audited.
#[utoipa::path(
    tag = "filing",
    params(("id" = i64, Path, description = "Filing id"), UploadQuery),
    request_body(content = inline(crate::routes::attachments::FileBytes), content_type = "application/octet-stream", description = "The file's bytes"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Stored", body = ReviewFilingFile),
        (status = 403, description = "`forbidden`: not the organising unit with `title.filing.submit`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such filing in the caller's sight", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: the filing is submitted or approved", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_file_type`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: bad file name, empty file, too many files of the kind", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-filings/{id:[0-9]+}/files")]
#[expect(
    clippy::too_many_arguments,
    reason = "one extractor per input of the handler"
)]
pub async fn upload_review_filing_file(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    query: web::Query<UploadQuery>,
    payload: web::Payload,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
    store: web::Data<FileStore>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let query = query.into_inner();
    let meta = attachments::check_meta(&query.file_name, None)?;
    attachments::check_declared_length(&req, store.max_bytes)?;
    {
        let user = user.clone();
        db.run(move |conn| {
            conn.write_transaction(|conn| {
                let row = review_filing::require_visible(conn, &user, id)?;
                files::require_changeable(conn, &user, &row)
            })
        })
        .await?;
    }
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let kind = query.kind;
    attachments::store(
        &db,
        &store,
        payload,
        &meta.file_name.clone(),
        move |conn, received| {
            let row = review_filing::require_visible(conn, &user, id)?;
            files::require_changeable(conn, &user, &row)?;
            files::record(
                conn,
                &Actor::of(&user, ip),
                &row,
                kind,
                &meta.file_name,
                received,
                now,
            )
        },
    )
    .await
}

/// A file of a filing, streamed as a download, for everyone who sees the filing.
#[utoipa::path(
    tag = "filing",
    params(("id" = i64, Path, description = "Filing id"), ("file_id" = i64, Path, description = "File id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file's bytes", content_type = "application/octet-stream", body = inline(crate::routes::attachments::FileBytes)),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such file in the caller's sight", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-filings/{id:[0-9]+}/files/{file_id:[0-9]+}/content")]
pub async fn download_review_filing_file(
    user: AuthUser,
    path: web::Path<(i64, i64)>,
    db: web::Data<Db>,
    store: web::Data<FileStore>,
) -> Result<HttpResponse, ApiError> {
    let (id, file_id) = path.into_inner();
    let row = db
        .run(move |conn| {
            let filing = review_filing::require_visible(conn, &user, id)?;
            files::find(conn, filing.id, file_id)
        })
        .await?;
    attachments::download(
        &store,
        attachments::Download {
            what: &format!("review filing file {}", row.id),
            key: &row.storage_key,
            size: row.size,
            content_type: &row.content_type,
            file_name: &row.file_name,
        },
    )
    .await
}

/// Removes a file of a draft or rejected filing, as its organising unit. Audited.
#[utoipa::path(
    tag = "filing",
    params(("id" = i64, Path, description = "Filing id"), ("file_id" = i64, Path, description = "File id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "`forbidden`: not the organising unit", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: the filing is submitted or approved", body = shared::ErrorBody),
    )
)]
#[delete("/v1/review-filings/{id:[0-9]+}/files/{file_id:[0-9]+}")]
pub async fn delete_review_filing_file(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<(i64, i64)>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
    store: web::Data<FileStore>,
) -> Result<HttpResponse, ApiError> {
    let (id, file_id) = path.into_inner();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let key = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let row = review_filing::require_visible(conn, &user, id)?;
                files::require_changeable(conn, &user, &row)?;
                files::remove(conn, &Actor::of(&user, ip), &row, file_id, now)
            })
        })
        .await?;
    attachments::discard(&store, &key).await;
    Ok(HttpResponse::NoContent().finish())
}
