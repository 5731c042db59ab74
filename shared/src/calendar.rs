//! The working-day calendar (SPEC §4.3): Monday–Friday are working days except `holiday`
//! rows; weekend days with a `workday` row (调休) are working days.

use serde::{Deserialize, Serialize};

text_enum! {
    /// An exception to the Monday–Friday rule.
    CalendarDayKind {
        Holiday = "holiday", "法定节假日", "Holiday";
        Workday = "workday", "调休上班日", "Make-up workday";
    }
}

/// One exception day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarDay {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub kind: CalendarDayKind,
    /// E.g. 国庆节, 春节调休上班.
    pub name: String,
}

/// `GET /api/v1/calendar?year=`: the exceptions of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarYear {
    pub year: i32,
    /// Working days in the whole year under this calendar.
    pub working_days: i64,
    /// The exceptions, by date.
    pub days: Vec<CalendarDay>,
}

/// `PUT /api/v1/calendar/{day}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PutCalendarDay {
    /// `workday` only on a Saturday or Sunday.
    pub kind: CalendarDayKind,
    /// 1–50 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 50, format = "text"))]
    pub name: String,
}

/// `GET /api/v1/calendar/working-days?start=&end=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkingDays {
    pub start: String,
    pub end: String,
    /// Working days from `start` to `end`, both included.
    pub working_days: i64,
}
