use actix_web::{get, web, HttpResponse};
use serde::Deserialize;

use crate::{auth::AuthUser, calendar, db::Db, error::ApiError};

/// The period to count.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Period {
    /// `YYYY-MM-DD`.
    #[param(format = Date)]
    pub start: String,
    /// `YYYY-MM-DD`, at most 3 years after `start`.
    #[param(format = Date)]
    pub end: String,
}

/// Counts the working days of a period, both ends included (what a publicity period needs).
#[utoipa::path(
    tag = "calendar",
    params(Period),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The count", body = shared::calendar::WorkingDays),
        (status = 400, description = "`bad_request`: a parameter is missing", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: not a date, or the period is longer than 3 years", body = shared::ErrorBody),
    )
)]
#[get("/v1/calendar/working-days")]
pub async fn count_working_days(
    _user: AuthUser,
    period: web::Query<Period>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let start = calendar::parse_day("start", &period.start)?;
    let end = calendar::parse_day("end", &period.end)?;
    if (end - start).num_days() > 3 * 366 {
        return Err(ApiError::validation(
            "end",
            "区间不能超过 3 年",
            "the period must not exceed 3 years",
        ));
    }
    let answer = db
        .run(move |conn| {
            Ok(shared::calendar::WorkingDays {
                start: calendar::format_day(start),
                end: calendar::format_day(end),
                working_days: calendar::working_days_between(conn, start, end)?,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
