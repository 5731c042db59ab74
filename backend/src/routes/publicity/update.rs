use actix_web::{patch, web, HttpRequest, HttpResponse};
use shared::publicity::{PublicityBatchDetail, UpdatePublicityBatch};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    publicity::{self, lifecycle},
    routes::auth::client_ip,
};

/// Edits a draft batch the caller owns (title, content, period, applications).
#[utoipa::path(
    tag = "publicity",
    params(("id" = i64, Path, description = "Batch id")),
    request_body = UpdatePublicityBatch,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated", body = PublicityBatchDetail),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: not the owner", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: not a draft; `version_conflict`: stale version", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`", body = shared::ErrorBody),
    )
)]
#[patch("/v1/publicity-batches/{id:[0-9]+}")]
pub async fn update_publicity_batch(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<UpdatePublicityBatch>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let caller = publicity::caller(conn, &user)?;
                lifecycle::update(conn, &user, &caller, id, &body, &actor, now)?;
                super::detail(conn, &user, &caller, id, now)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
