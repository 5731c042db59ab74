use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::publicity::{BatchVersion, PublicityBatchDetail};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    publicity::{self, lifecycle},
    routes::auth::client_ip,
};

/// Completes a published batch once its period has fully elapsed (today after `period_end`) and no report is open; every application moves to its next stage in the same transaction.
#[utoipa::path(
    tag = "publicity",
    params(("id" = i64, Path, description = "Batch id")),
    request_body = BatchVersion,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Done", body = PublicityBatchDetail),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: not the owner", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`publicity_not_finished`: the period has not elapsed or a report is open; `invalid_transition`: not published; `version_conflict`", body = shared::ErrorBody),
        (status = 422, description = "`invalid_body`", body = shared::ErrorBody),
    )
)]
#[post("/v1/publicity-batches/{id:[0-9]+}/complete")]
pub async fn complete_publicity_batch(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<BatchVersion>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let version = body.version;
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let caller = publicity::caller(conn, &user)?;
                lifecycle::complete(conn, &user, &caller, id, version, &actor, now)?;
                super::detail(conn, &user, &caller, id, now)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
