//! `GET /api/health`: liveness plus a real database round trip.

use actix_web::{route, web, HttpResponse};
use shared::{HealthResponse, HealthStatus};

use crate::{
    db::{migrations, Db},
    error::ApiError,
};

/// Reports that the server runs, which database it uses and how many migrations it applied.
#[utoipa::path(
    method(get, head),
    tag = "system",
    responses(
        (status = 200, description = "The server and its database answer", body = HealthResponse),
        (status = 503, description = "The database does not answer (`database_unavailable`)", body = shared::ErrorBody),
    )
)]
#[route("/health", method = "GET", method = "HEAD")]
pub async fn health(db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    let kind = db.kind();
    let applied = db
        .run(|conn| migrations::applied_count(conn).map_err(ApiError::database_unavailable))
        .await?;
    let body = HealthResponse {
        status: HealthStatus::Ok,
        database: kind,
        version: env!("CARGO_PKG_VERSION").to_owned(),
        migrations: u32::try_from(applied).unwrap_or(u32::MAX),
    };
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(body))
}
