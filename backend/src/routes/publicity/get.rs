use actix_web::{get, web, HttpResponse};
use shared::publicity::PublicityBatchDetail;

use crate::{
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    publicity,
};

/// One batch with its applications (ID numbers masked) and reports (the reporter's contact
/// only for the owner).
#[utoipa::path(
    tag = "publicity",
    params(("id" = i64, Path, description = "Batch id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The batch", body = PublicityBatchDetail),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: no publicity module", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: not in sight", body = shared::ErrorBody),
    )
)]
#[get("/v1/publicity-batches/{id:[0-9]+}")]
pub async fn get_publicity_batch(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            let caller = publicity::caller(conn, &user)?;
            super::detail(conn, &user, &caller, id, now)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
