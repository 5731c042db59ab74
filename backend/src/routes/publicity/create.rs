use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::publicity::{CreatePublicityBatch, PublicityBatchDetail};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    publicity::{self, lifecycle},
    routes::auth::client_ip,
};

/// Creates a draft batch. `application`: the employer (`title.review.application_publicity`);
/// `nominee` / `failure`: a policy-review account (its scope); `result`: the committee's
/// organising unit (`title.online.result_publicity`). A `failure` batch without title or
/// content gets the standard template (manual §6.2.8).
#[utoipa::path(
    tag = "publicity",
    request_body = CreatePublicityBatch,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Draft created", body = PublicityBatchDetail),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: the caller may not publicise this kind", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: dates, fewer than 5 working days, title/content, applications not eligible or already in another batch (ids named)", body = shared::ErrorBody),
    )
)]
#[post("/v1/publicity-batches")]
pub async fn create_publicity_batch(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<CreatePublicityBatch>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let caller = publicity::caller(conn, &user)?;
                let id = lifecycle::create(conn, &user, &caller, &body, &actor, now)?;
                super::detail(conn, &user, &caller, id, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}
