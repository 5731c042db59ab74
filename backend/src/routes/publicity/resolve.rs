use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::publicity::{PublicityBatchDetail, ResolveReportRequest};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    publicity::{self, reports},
    routes::auth::client_ip,
};

/// Resolves an open report of a batch the caller owns: `dismissed`; `returned` (the
/// application goes back to the applicant with the resolution as its opinion and leaves the
/// batch); `terminated` (the application ends and leaves the batch).
#[utoipa::path(
    tag = "publicity",
    params(("id" = i64, Path, description = "Report id")),
    request_body = ResolveReportRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Resolved; the batch as it now stands", body = PublicityBatchDetail),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: not the batch owner", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: already resolved; `invalid_transition`: the batch is not published or the application's stage does not allow the outcome", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: resolution missing or too long", body = shared::ErrorBody),
    )
)]
#[post("/v1/publicity-reports/{id:[0-9]+}/resolve")]
pub async fn resolve_report(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<ResolveReportRequest>,
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
                let batch = reports::resolve(conn, &user, &caller, id, &body, &actor, now)?;
                super::detail(conn, &user, &caller, batch, now)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
