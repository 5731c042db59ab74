//! `/api/v1/calendar`: the working-day calendar (exceptions to Monday–Friday).

use shared::calendar::{CalendarDay, CalendarYear, PutCalendarDay, WorkingDays};

use super::query::Query;
use super::{Api, ApiError};

/// `GET /api/v1/calendar?year=`.
pub async fn year(api: &Api, year: i32) -> Result<CalendarYear, ApiError> {
    let path = Query::new("/api/v1/calendar").with("year", year).build();
    api.get(&path).await
}

/// `PUT /api/v1/calendar/{day}`.
pub async fn put(api: &Api, day: &str, request: &PutCalendarDay) -> Result<CalendarDay, ApiError> {
    let path = format!("/api/v1/calendar/{}", super::query::encode(day));
    api.put(&path, request).await
}

/// `DELETE /api/v1/calendar/{day}`.
pub async fn delete(api: &Api, day: &str) -> Result<(), ApiError> {
    let path = format!("/api/v1/calendar/{}", super::query::encode(day));
    api.delete(&path).await
}

/// The path of the working-day count of a period.
pub fn working_days_path(start: &str, end: &str) -> String {
    Query::new("/api/v1/calendar/working-days")
        .text("start", start)
        .text("end", end)
        .build()
}

/// `GET /api/v1/calendar/working-days?start=&end=`.
pub async fn working_days(api: &Api, start: &str, end: &str) -> Result<WorkingDays, ApiError> {
    api.get(&working_days_path(start, end)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_is_sent_as_given() {
        assert_eq!(
            working_days_path("2026-10-01", "2026-10-09"),
            "/api/v1/calendar/working-days?start=2026-10-01&end=2026-10-09"
        );
    }
}
