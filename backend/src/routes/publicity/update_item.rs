use actix_web::{put, web, HttpRequest, HttpResponse};
use shared::publicity::{PublicityBatchDetail, UpdatePublicityItem};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    publicity::{self, item_units},
    routes::auth::client_ip,
};

/// During the publicity the applicant's unit corrects its information shown for one item
/// (单位名称 as published, contact, phone; manual §6.2.2). Only the applicant's employer,
/// only while the batch is published, with the batch's version read.
#[utoipa::path(
    tag = "publicity",
    params(
        ("id" = i64, Path, description = "Batch id"),
        ("application_id" = i64, Path, description = "An application of the batch"),
    ),
    request_body = UpdatePublicityItem,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated", body = PublicityBatchDetail),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: not the applicant's unit, or no publicity module", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: batch out of sight or application not in it", body = shared::ErrorBody),
        (status = 409, description = "`version_conflict`: stale version; `invalid_transition`: the batch is not published", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed` naming the field", body = shared::ErrorBody),
    )
)]
#[put("/v1/publicity-batches/{id:[0-9]+}/items/{application_id:[0-9]+}")]
pub async fn update_publicity_item(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<(i64, i64)>,
    body: crate::http::Json<UpdatePublicityItem>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let (id, application_id) = path.into_inner();
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let caller = publicity::caller(conn, &user)?;
                item_units::update(conn, &user, &caller, id, application_id, &body, &actor, now)?;
                super::detail(conn, &user, &caller, id, now)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
