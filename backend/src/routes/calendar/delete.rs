use actix_web::{delete, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde_json::json;
use shared::ErrorCode;

use crate::{
    audit::{self, Actor, Event},
    auth::{AuthState, AuthUser},
    calendar,
    db::{schema::calendar_days, Db},
    error::ApiError,
    routes::auth::client_ip,
};

/// Removes an exception: the day follows the Monday–Friday rule again. System administrator.
#[utoipa::path(
    tag = "calendar",
    params(("day" = String, Path, description = "`YYYY-MM-DD`", format = Date)),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: not the system administrator", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: the day is no exception", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: not a date", body = shared::ErrorBody),
    )
)]
#[delete("/v1/calendar/{day:[0-9-]+}")]
pub async fn delete_calendar_day(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<String>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    super::require_admin(&user)?;
    let day = super::day_of(path)?;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    db.run(move |conn| {
        conn.write_transaction(|conn| {
            let before: (String, String) = calendar_days::table
                .find(day)
                .select((calendar_days::kind, calendar_days::name))
                .first(conn)
                .optional()?
                .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
            diesel::delete(calendar_days::table.find(day)).execute(conn)?;
            audit::append(
                conn,
                &Actor::of(&user, ip),
                &Event {
                    action: "calendar.delete",
                    target_type: "calendar_day",
                    target_id: Some(calendar::format_day(day)),
                    success: true,
                    before: Some(json!({"kind": before.0, "name": before.1})),
                    after: None,
                },
                now,
            )
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
