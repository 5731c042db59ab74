//! Committees (评委会) and what hangs on them: review authority filings (评审权备案, SPEC §5,
//! manual §6.4), the authority check the workflow engine asks before a committee receives an
//! application, and policy-review accounts (政策性审查账号, SPEC §2 and §4.5).
//!
//! A committee belongs to its organising unit and reviews one series. It may review only while
//! an approved filing of it is in force: `valid_from ≤ today ≤ valid_until`, the application's
//! level among the filing's levels, and its specialty among the filing's specialties (an empty
//! list covers every specialty of the series).

pub mod authority;
pub mod filings;
pub mod reviewers;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{
    application::{Level, Series},
    auth::UnitRef,
    committees::CommitteeRef,
    AccountKind, UnitKind, UnitLevel,
};

use crate::{
    auth::AuthUser,
    db::{
        schema::{committees, units},
        DbConnection,
    },
    error::ApiError,
};

/// A stored committee.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = committees)]
pub struct CommitteeRow {
    pub id: i64,
    pub unit_id: i64,
    pub name: String,
    pub series: Series,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
}

fn corrupt(what: &str, value: &str) -> ApiError {
    ApiError::internal(anyhow::anyhow!("stored {what} {value:?} is not valid"))
}

/// A stored series.
pub fn parse_series(text: &str) -> Result<Series, ApiError> {
    Series::parse(text).ok_or_else(|| corrupt("series", text))
}

/// A stored JSON array of levels.
pub fn parse_levels(json: &str) -> Result<Vec<Level>, ApiError> {
    let texts: Vec<String> = serde_json::from_str(json).map_err(|_| corrupt("levels", json))?;
    texts
        .iter()
        .map(|t| Level::parse(t).ok_or_else(|| corrupt("level", t)))
        .collect()
}

/// A stored JSON array of specialties.
pub fn parse_specialties(json: &str) -> Result<Vec<String>, ApiError> {
    serde_json::from_str(json).map_err(|_| corrupt("specialties", json))
}

/// The JSON text of a list of strings.
pub fn to_json<T: serde::Serialize>(list: &[T]) -> Result<String, ApiError> {
    serde_json::to_string(list).map_err(ApiError::internal)
}

/// A unit as other records name it.
pub fn unit_ref(conn: &mut DbConnection, id: i64) -> Result<UnitRef, ApiError> {
    let (name, kind, level): (String, UnitKind, UnitLevel) = units::table
        .find(id)
        .select((units::name, units::kind, units::level))
        .first(conn)?;
    Ok(UnitRef {
        id,
        name,
        kind,
        level,
    })
}

/// The API form of a committee's name.
pub fn committee_ref(conn: &mut DbConnection, c: &CommitteeRow) -> Result<CommitteeRef, ApiError> {
    Ok(CommitteeRef {
        id: c.id,
        name: c.name.clone(),
        series: c.series,
        unit: unit_ref(conn, c.unit_id)?,
    })
}

/// A committee by id, whoever organises it.
pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<CommitteeRow>, ApiError> {
    Ok(committees::table
        .find(id)
        .select(CommitteeRow::as_select())
        .first(conn)
        .optional()?)
}

/// A username by account id.
pub fn username(conn: &mut DbConnection, id: Option<i64>) -> Result<Option<String>, ApiError> {
    crate::login_names::of_account(conn, id)
}

/// Whether the caller is a unit-side account (unit account, unit administrator, handler):
/// committees are the business of units, never of applicants, reviewers or administrators.
pub fn is_unit_side(user: &AuthUser) -> bool {
    matches!(
        user.kind,
        AccountKind::Unit | AccountKind::UnitAdmin | AccountKind::Handler
    )
}

/// Whether the caller's unit is an HRSS.
pub fn caller_is_hrss(conn: &mut DbConnection, user: &AuthUser) -> Result<bool, ApiError> {
    let kind: UnitKind = units::table
        .find(user.unit_id)
        .select(units::kind)
        .first(conn)?;
    Ok(kind == UnitKind::Hrss)
}

/// `YYYY-MM-DD` of a date.
pub fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// RFC 3339 of a stored UTC timestamp (the one wire format, `crate::clock::rfc3339`).
pub fn instant(t: NaiveDateTime) -> String {
    crate::clock::rfc3339(t)
}
