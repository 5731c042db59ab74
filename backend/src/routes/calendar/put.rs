use actix_web::{put, web, HttpRequest, HttpResponse};
use chrono::{Datelike, Weekday};
use diesel::prelude::*;
use serde_json::json;
use shared::calendar::{CalendarDay, CalendarDayKind, PutCalendarDay};

use crate::{
    audit::{self, Actor, Event},
    auth::{AuthState, AuthUser},
    calendar,
    db::{schema::calendar_days, Db},
    error::ApiError,
    routes::auth::client_ip,
};

/// Sets one day as a holiday or a make-up workday (调休, weekends only). System administrator.
#[utoipa::path(
    tag = "calendar",
    params(("day" = String, Path, description = "`YYYY-MM-DD`", format = Date)),
    request_body = PutCalendarDay,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Stored", body = CalendarDay),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: not the system administrator", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: bad date or name; a workday on Monday–Friday", body = shared::ErrorBody),
    )
)]
#[put("/v1/calendar/{day:[0-9-]+}")]
pub async fn put_calendar_day(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<String>,
    body: crate::http::Json<PutCalendarDay>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    super::require_admin(&user)?;
    let day = super::day_of(path)?;
    let body = body.into_inner();
    let name = crate::http::text::required("name", &body.name, 50)?;
    if body.kind == CalendarDayKind::Workday
        && !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
    {
        return Err(ApiError::validation(
            "kind",
            "只有周六、周日可以设为调休上班日",
            "only a Saturday or Sunday can be a make-up workday",
        ));
    }
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let before: Option<(String, String)> = calendar_days::table
                    .find(day)
                    .select((calendar_days::kind, calendar_days::name))
                    .first(conn)
                    .optional()?;
                diesel::delete(calendar_days::table.find(day)).execute(conn)?;
                diesel::insert_into(calendar_days::table)
                    .values((
                        calendar_days::day.eq(day),
                        calendar_days::kind.eq(body.kind),
                        calendar_days::name.eq(&name),
                        calendar_days::updated_by.eq(user.id),
                        calendar_days::updated_at.eq(now),
                    ))
                    .execute(conn)?;
                let after = CalendarDay {
                    day: calendar::format_day(day),
                    kind: body.kind,
                    name: name.clone(),
                };
                audit::append(
                    conn,
                    &Actor::of(&user, ip),
                    &Event {
                        action: "calendar.put",
                        target_type: "calendar_day",
                        target_id: Some(calendar::format_day(day)),
                        success: true,
                        before: before.map(|(kind, name)| json!({"kind": kind, "name": name})),
                        after: Some(json!(after)),
                    },
                    now,
                )?;
                Ok(after)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
