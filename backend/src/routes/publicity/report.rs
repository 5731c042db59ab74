use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::publicity::{FileReportRequest, ReportReceipt};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    publicity::{self, reports},
    routes::auth::client_ip,
};

/// Files a report (举报) on an application of a published batch during its period, by a
/// signed-in account that sees the batch.
#[utoipa::path(
    tag = "publicity",
    params(("id" = i64, Path, description = "Batch id")),
    request_body = FileReportRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = ReportReceipt),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: no publicity module", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: not in sight", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: the batch is not published or outside its period", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: fields, or the application is not in the batch", body = shared::ErrorBody),
    )
)]
#[post("/v1/publicity-batches/{id:[0-9]+}/reports")]
pub async fn file_report(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<FileReportRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let report = reports::check(&body)?;
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let caller = publicity::caller(conn, &user)?;
                let batch = publicity::require_visible(conn, &user, &caller, id)?;
                reports::file(conn, &batch, &report, Some(user.id), &actor, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}
