use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::publicity::{FileReportRequest, ReportReceipt};

use crate::{
    audit::Actor,
    auth::{
        limiter::{self, Verdict},
        AuthState,
    },
    db::Db,
    error::ApiError,
    publicity::{public, reports},
    routes::auth::client_ip,
};

/// Reports one address may file on the public site per hour.
const REPORTS_PER_HOUR: u32 = 10;

/// Files a report (举报) on the public site, without login, during the period of a published
/// public batch. Limited per client address.
#[utoipa::path(
    tag = "publicity",
    params(("id" = i64, Path, description = "Batch id")),
    request_body = FileReportRequest,
    responses(
        (status = 201, description = "Recorded", body = ReportReceipt),
        (status = 404, description = "`not_found`: no such public batch", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: the batch is not published or outside its period", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: fields, or the application is not in the batch", body = shared::ErrorBody),
        (status = 429, description = "`rate_limited`: too many reports from this address", body = shared::ErrorBody, headers(("Retry-After" = u64, description = "Seconds until the address may report again"))),
    )
)]
#[post("/v1/public/publicity/{id:[0-9]+}/reports")]
pub async fn public_file_report(
    req: HttpRequest,
    path: web::Path<i64>,
    body: crate::http::Json<FileReportRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let report = reports::check(&body)?;
    let ip = client_ip(&req);
    let key = format!("publicity-report|{}", ip.as_deref().unwrap_or_default());
    let actor = Actor {
        id: None,
        name: Some(format!("公众举报：{}", report.reporter_name)),
        unit_id: None,
        ip,
    };
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            if let Verdict::Refused { retry_after_secs } =
                limiter::hit(conn, &key, REPORTS_PER_HOUR, 3600, now)?
            {
                return Err(ApiError::rate_limited(retry_after_secs));
            }
            conn.write_transaction(|conn| {
                let batch = public::find(conn, id)?;
                reports::file(conn, &batch, &report, None, &actor, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}
