use actix_web::{get, web, HttpResponse};
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use serde::Deserialize;
use shared::{
    calendar::{CalendarDay, CalendarDayKind, CalendarYear},
    ErrorCode,
};

use crate::{
    auth::{AuthState, AuthUser},
    calendar,
    db::{schema::calendar_days, Db, DbConnection},
    error::ApiError,
};

/// Filter of the calendar.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct YearFilter {
    /// 2000–2100; the current year (China time) when omitted.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
}

/// The exceptions of one year and its working-day count. Any signed-in account.
#[utoipa::path(
    tag = "calendar",
    params(YearFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The year's exceptions", body = CalendarYear),
        (status = 400, description = "`bad_request`: year out of range", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
    )
)]
#[get("/v1/calendar")]
pub async fn list_calendar(
    _user: AuthUser,
    filter: web::Query<YearFilter>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let (year, first, last) = year_bounds(filter.year, &auth)?;
    let answer = db
        .run(move |conn| {
            Ok(CalendarYear {
                year,
                working_days: calendar::working_days_between(conn, first, last)?,
                days: days_between(conn, first, last)?,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// The year asked for (the current one, China time, when none) and its first and last day.
pub(super) fn year_bounds(
    year: Option<i32>,
    auth: &AuthState,
) -> Result<(i32, NaiveDate, NaiveDate), ApiError> {
    let year = year.unwrap_or_else(|| calendar::today(auth.clock.now()).year());
    let bounds = (2000..=2100)
        .contains(&year)
        .then(|| NaiveDate::from_ymd_opt(year, 1, 1).zip(NaiveDate::from_ymd_opt(year, 12, 31)))
        .flatten();
    bounds
        .map(|(first, last)| (year, first, last))
        .ok_or_else(|| {
            ApiError::with_text(
                ErrorCode::BadRequest,
                "year 须在 2000-2100 之间",
                "year must be between 2000 and 2100",
            )
        })
}

/// The exceptions from `first` to `last`, by date.
pub(super) fn days_between(
    conn: &mut DbConnection,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<CalendarDay>, ApiError> {
    let rows: Vec<(NaiveDate, String, String)> = calendar_days::table
        .filter(calendar_days::day.ge(first))
        .filter(calendar_days::day.le(last))
        .order(calendar_days::day.asc())
        .select((calendar_days::day, calendar_days::kind, calendar_days::name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(day, kind, name)| {
            CalendarDayKind::parse(&kind).map(|kind| CalendarDay {
                day: calendar::format_day(day),
                kind,
                name,
            })
        })
        .collect())
}
