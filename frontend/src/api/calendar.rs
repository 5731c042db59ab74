//! `/api/v1/calendar`: the working-day calendar (exceptions to Monday–Friday).

use shared::calendar::{CalendarDay, CalendarYear, PutCalendarDay, WorkingDays};
use shared::Locale;

use super::query::Query;
use super::{delete_authed, get_authed, put_authed, ApiError};
use crate::state::session::SessionStore;

/// `GET /api/v1/calendar?year=`.
pub async fn year(
    session: &SessionStore,
    year: i32,
    locale: Locale,
) -> Result<CalendarYear, ApiError> {
    let path = Query::new("/api/v1/calendar").with("year", year).build();
    get_authed(session, &path, locale).await
}

/// `PUT /api/v1/calendar/{day}`.
pub async fn put(
    session: &SessionStore,
    day: &str,
    request: &PutCalendarDay,
    locale: Locale,
) -> Result<CalendarDay, ApiError> {
    let path = format!("/api/v1/calendar/{}", super::query::encode(day));
    put_authed(session, &path, request, locale).await
}

/// `DELETE /api/v1/calendar/{day}`.
pub async fn delete(session: &SessionStore, day: &str, locale: Locale) -> Result<(), ApiError> {
    let path = format!("/api/v1/calendar/{}", super::query::encode(day));
    delete_authed(session, &path, locale).await
}

/// The path of the working-day count of a period.
pub fn working_days_path(start: &str, end: &str) -> String {
    Query::new("/api/v1/calendar/working-days")
        .text("start", start)
        .text("end", end)
        .build()
}

/// `GET /api/v1/calendar/working-days?start=&end=`.
pub async fn working_days(
    session: &SessionStore,
    start: &str,
    end: &str,
    locale: Locale,
) -> Result<WorkingDays, ApiError> {
    get_authed(session, &working_days_path(start, end), locale).await
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
