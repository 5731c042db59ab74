use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared::expert_pool::RecommendationFile;

use crate::{
    attachments,
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::{Db, DbConnection},
    error::ApiError,
    experts::{
        recommendation_files as files,
        recommendations::{self, RecommendationRow},
    },
    routes::auth::client_ip,
    storage::FileStore,
};

/// What is uploaded.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UploadQuery {
    /// The file's name, 1–200 characters; its extension must match the content.
    pub file_name: String,
}

/// The recommendation when the caller sees it: 403 without a recommendation module, 404 out of
/// sight.
fn visible(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<RecommendationRow, ApiError> {
    recommendations::require_reader(user)?;
    recommendations::require_visible(conn, user, id)
}

/// The recommendation when the caller may change its files now.
fn changeable(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<RecommendationRow, ApiError> {
    let row = visible(conn, user, id)?;
    files::require_changeable(conn, user, &row)?;
    Ok(row)
}

/// Uploads a proof file (证明材料) to a pending recommendation, as the recommending unit. The
/// body is the raw file: PDF, JPEG, PNG or Office, typed by its content; at most
/// `ATTACHMENT_MAX_BYTES`, at most 10 files per recommendation. Audited.
#[utoipa::path(
    tag = "experts",
    params(("id" = i64, Path, description = "Recommendation id"), UploadQuery),
    request_body(content = inline(crate::routes::attachments::FileBytes), content_type = "application/octet-stream", description = "The file's bytes"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Stored", body = RecommendationFile),
        (status = 403, description = "`forbidden`: not the recommending unit with `title.experts.recommend_apply`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such recommendation in the caller's sight", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: the recommendation is decided", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_file_type`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: bad file name, empty file, too many files", body = shared::ErrorBody),
    )
)]
#[post("/v1/expert-recommendations/{id:[0-9]+}/files")]
#[expect(
    clippy::too_many_arguments,
    reason = "one extractor per input of the handler"
)]
pub async fn upload_recommendation_file(
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
    let meta = attachments::check_meta(&query.file_name, None)?;
    attachments::check_declared_length(&req, store.max_bytes)?;
    {
        // Refuse before reading the body: nothing is stored for a caller who may not add.
        let user = user.clone();
        db.run(move |conn| conn.write_transaction(|conn| changeable(conn, &user, id).map(drop)))
            .await?;
    }
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    attachments::store(
        &db,
        &store,
        payload,
        &meta.file_name.clone(),
        move |conn, received| {
            let row = changeable(conn, &user, id)?;
            files::record(conn, &actor, &row, &meta.file_name, received, now)
        },
    )
    .await
}

/// The proof files of a recommendation, in upload order, for the recommending unit and the
/// deciding side (the committee's organising unit, an HRSS above it).
#[utoipa::path(
    tag = "experts",
    params(("id" = i64, Path, description = "Recommendation id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The files", body = Vec<RecommendationFile>),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such recommendation in the caller's sight", body = shared::ErrorBody),
    )
)]
#[get("/v1/expert-recommendations/{id:[0-9]+}/files")]
pub async fn list_recommendation_files(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            let row = visible(conn, &user, id)?;
            files::list(conn, row.id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// A proof file, streamed as a download, for everyone who sees the recommendation.
#[utoipa::path(
    tag = "experts",
    params(("id" = i64, Path, description = "Recommendation id"), ("file_id" = i64, Path, description = "File id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file's bytes", content_type = "application/octet-stream", body = inline(crate::routes::attachments::FileBytes)),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such file in the caller's sight", body = shared::ErrorBody),
    )
)]
#[get("/v1/expert-recommendations/{id:[0-9]+}/files/{file_id:[0-9]+}/content")]
pub async fn download_recommendation_file(
    user: AuthUser,
    path: web::Path<(i64, i64)>,
    db: web::Data<Db>,
    store: web::Data<FileStore>,
) -> Result<HttpResponse, ApiError> {
    let (id, file_id) = path.into_inner();
    let row = db
        .run(move |conn| {
            let rec = visible(conn, &user, id)?;
            files::find(conn, rec.id, file_id)
        })
        .await?;
    attachments::download(
        &store,
        attachments::Download {
            what: &format!("recommendation file {}", row.id),
            key: &row.storage_key,
            size: row.size,
            content_type: &row.content_type,
            file_name: &row.file_name,
        },
    )
    .await
}

/// Removes a proof file of a pending recommendation, as the recommending unit. Audited.
#[utoipa::path(
    tag = "experts",
    params(("id" = i64, Path, description = "Recommendation id"), ("file_id" = i64, Path, description = "File id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "`forbidden`: not the recommending unit", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: the recommendation is decided", body = shared::ErrorBody),
    )
)]
#[delete("/v1/expert-recommendations/{id:[0-9]+}/files/{file_id:[0-9]+}")]
pub async fn delete_recommendation_file(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<(i64, i64)>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
    store: web::Data<FileStore>,
) -> Result<HttpResponse, ApiError> {
    let (id, file_id) = path.into_inner();
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let key = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let row = changeable(conn, &user, id)?;
                files::remove(conn, &actor, &row, file_id, now)
            })
        })
        .await?;
    attachments::discard(&store, &key).await;
    Ok(HttpResponse::NoContent().finish())
}
