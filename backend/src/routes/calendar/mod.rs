//! `/api/v1/calendar`: the working-day calendar (exceptions to Monday–Friday).

pub mod delete;
pub mod export;
pub mod list;
pub mod put;
pub mod working_days;

use actix_web::web;
use shared::{AccountKind, ErrorCode};

use crate::{auth::AuthUser, calendar, error::ApiError};

/// Only the system administrator maintains the calendar.
fn require_admin(user: &AuthUser) -> Result<(), ApiError> {
    if user.kind == AccountKind::SystemAdmin {
        Ok(())
    } else {
        Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "只有系统管理员可以维护工作日历",
            "Only the system administrator maintains the calendar",
        ))
    }
}

/// The `{day}` path segment.
fn day_of(path: web::Path<String>) -> Result<chrono::NaiveDate, ApiError> {
    calendar::parse_day("day", &path.into_inner())
}
