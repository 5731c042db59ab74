//! The working-day calendar (SPEC §4.3). A day is a working day when it is Monday–Friday and
//! not a `holiday` row, or a Saturday/Sunday with a `workday` row (调休). The rows are the
//! exceptions the system administrator maintains; the State Council's 2026 arrangement is
//! seeded once at startup.
//!
//! Dates are China dates: "today" is the clock's UTC time plus eight hours ([`today`]).

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use diesel::prelude::*;
use serde_json::Value;
use shared::calendar::CalendarDayKind;

use crate::{
    db::{schema::calendar_days, settings, DbConnection},
    error::ApiError,
};

/// The date in China (UTC+8, no daylight saving) at `now` (UTC).
pub fn today(now: NaiveDateTime) -> NaiveDate {
    (now + Duration::hours(8)).date()
}

/// The time in China at `at` (UTC), `YYYY-MM-DD HH:MM`, for sentences people read.
pub fn china_time(at: NaiveDateTime) -> String {
    (at + Duration::hours(8))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Parses `YYYY-MM-DD`.
pub fn parse_day(field: &str, raw: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        ApiError::validation(
            field,
            "须为 YYYY-MM-DD 格式的日期",
            "must be a date as YYYY-MM-DD",
        )
    })
}

/// `YYYY-MM-DD`.
pub fn format_day(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The exceptions between `start` and `end`, both included.
fn exceptions(
    conn: &mut DbConnection,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<HashMap<NaiveDate, CalendarDayKind>, ApiError> {
    let rows: Vec<(NaiveDate, CalendarDayKind)> = calendar_days::table
        .filter(calendar_days::day.ge(start))
        .filter(calendar_days::day.le(end))
        .select((calendar_days::day, calendar_days::kind))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

fn working(day: NaiveDate, exceptions: &HashMap<NaiveDate, CalendarDayKind>) -> bool {
    match exceptions.get(&day) {
        Some(CalendarDayKind::Holiday) => false,
        Some(CalendarDayKind::Workday) => true,
        None => !is_weekend(day),
    }
}

/// Whether `day` is a working day.
pub fn is_working_day(conn: &mut DbConnection, day: NaiveDate) -> Result<bool, ApiError> {
    Ok(working(day, &exceptions(conn, day, day)?))
}

/// The working days from `start` to `end`, both included (0 when `end` is before `start`).
pub fn working_days_between(
    conn: &mut DbConnection,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<i64, ApiError> {
    if end < start {
        return Ok(0);
    }
    let ex = exceptions(conn, start, end)?;
    Ok(start
        .iter_days()
        .take_while(|d| *d <= end)
        .filter(|d| working(*d, &ex))
        .count() as i64)
}

/// The day `n` working days after `start` (`start` itself not counted; `n = 0` gives `start`).
pub fn add_working_days(
    conn: &mut DbConnection,
    start: NaiveDate,
    n: u32,
) -> Result<NaiveDate, ApiError> {
    let mut left = n;
    let mut day = start;
    // Load the exceptions a window at a time: a window of 2n + 60 days holds n working days
    // under any real calendar, and the loop simply loads the next one if not.
    while left > 0 {
        let window_end = day + Duration::days(i64::from(left) * 2 + 60);
        let ex = exceptions(conn, day, window_end)?;
        while left > 0 && day < window_end {
            day += Duration::days(1);
            if working(day, &ex) {
                left -= 1;
            }
        }
    }
    Ok(day)
}

/// The settings key listing the years whose official arrangement has been seeded, so that an
/// administrator's later deletions are not undone at the next start.
const SEEDED_KEY: &str = "calendar.seeded_years";

/// 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04): holiday spans and make-up
/// workdays, as published by Xinhua.
const OFFICIAL_2026: &[(&str, &str, CalendarDayKind, &str)] = &[
    ("2026-01-01", "2026-01-03", CalendarDayKind::Holiday, "元旦"),
    (
        "2026-01-04",
        "2026-01-04",
        CalendarDayKind::Workday,
        "元旦调休上班",
    ),
    (
        "2026-02-14",
        "2026-02-14",
        CalendarDayKind::Workday,
        "春节调休上班",
    ),
    ("2026-02-15", "2026-02-23", CalendarDayKind::Holiday, "春节"),
    (
        "2026-02-28",
        "2026-02-28",
        CalendarDayKind::Workday,
        "春节调休上班",
    ),
    (
        "2026-04-04",
        "2026-04-06",
        CalendarDayKind::Holiday,
        "清明节",
    ),
    (
        "2026-05-01",
        "2026-05-05",
        CalendarDayKind::Holiday,
        "劳动节",
    ),
    (
        "2026-05-09",
        "2026-05-09",
        CalendarDayKind::Workday,
        "劳动节调休上班",
    ),
    (
        "2026-06-19",
        "2026-06-21",
        CalendarDayKind::Holiday,
        "端午节",
    ),
    (
        "2026-09-20",
        "2026-09-20",
        CalendarDayKind::Workday,
        "国庆节调休上班",
    ),
    (
        "2026-09-25",
        "2026-09-27",
        CalendarDayKind::Holiday,
        "中秋节",
    ),
    (
        "2026-10-01",
        "2026-10-07",
        CalendarDayKind::Holiday,
        "国庆节",
    ),
    (
        "2026-10-10",
        "2026-10-10",
        CalendarDayKind::Workday,
        "国庆节调休上班",
    ),
];

/// Seeds the official 2026 arrangement once (idempotent; days already present are kept).
pub fn seed_official(conn: &mut DbConnection, now: NaiveDateTime) -> Result<(), ApiError> {
    conn.write_transaction(|conn| {
        let mut years: Vec<i64> = settings::get(conn, SEEDED_KEY)?
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default();
        if years.contains(&2026) {
            return Ok(());
        }
        for (from, to, kind, name) in OFFICIAL_2026 {
            let (from, to) = (parse_day("day", from)?, parse_day("day", to)?);
            for day in from.iter_days().take_while(|d| *d <= to) {
                let present: i64 = calendar_days::table
                    .filter(calendar_days::day.eq(day))
                    .count()
                    .get_result(conn)?;
                if present == 0 {
                    diesel::insert_into(calendar_days::table)
                        .values((
                            calendar_days::day.eq(day),
                            calendar_days::kind.eq(kind),
                            calendar_days::name.eq(*name),
                            calendar_days::updated_at.eq(now),
                        ))
                        .execute(conn)?;
                }
            }
        }
        years.push(2026);
        settings::put(conn, SEEDED_KEY, &Value::from(years), None, now)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_official_days_fall_on_the_right_weekdays() {
        for (from, to, kind, name) in OFFICIAL_2026 {
            let from = NaiveDate::parse_from_str(from, "%Y-%m-%d").unwrap();
            let to = NaiveDate::parse_from_str(to, "%Y-%m-%d").unwrap();
            assert!(from <= to, "{name}");
            if *kind == CalendarDayKind::Workday {
                assert!(is_weekend(from), "{name} {from} is a weekend day");
            }
        }
    }

    #[test]
    fn china_date_is_utc_plus_eight() {
        let at = NaiveDate::from_ymd_opt(2026, 9, 30)
            .unwrap()
            .and_hms_opt(16, 0, 0)
            .unwrap();
        assert_eq!(today(at), NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
    }
}
