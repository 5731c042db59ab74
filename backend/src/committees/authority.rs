//! Placeholder of the committees branch's authority checks (same signatures).

use chrono::NaiveDate;
use diesel::prelude::*;
use shared::{
    application::{Level, Series},
    ErrorCode,
};

use crate::{
    db::{
        schema::{committees, review_authority_filings, units},
        DbConnection,
    },
    error::ApiError,
    org::units::subtree_end,
};

/// A committee.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = committees)]
pub struct CommitteeRow {
    pub id: i64,
    pub unit_id: i64,
    pub name: String,
    pub series: String,
}

fn covered(
    conn: &mut DbConnection,
    committee_id: i64,
    series: Series,
    level: Level,
    specialty: &str,
    today: NaiveDate,
) -> Result<bool, ApiError> {
    let filings: Vec<(String, String)> = review_authority_filings::table
        .filter(review_authority_filings::committee_id.eq(committee_id))
        .filter(review_authority_filings::status.eq("approved"))
        .filter(review_authority_filings::series.eq(series.as_str()))
        .filter(review_authority_filings::valid_from.le(today))
        .filter(review_authority_filings::valid_until.ge(today))
        .select((
            review_authority_filings::levels,
            review_authority_filings::specialties,
        ))
        .load(conn)?;
    Ok(filings.iter().any(|(levels, specialties)| {
        let levels: Vec<String> = serde_json::from_str(levels).unwrap_or_default();
        let specialties: Vec<String> = serde_json::from_str(specialties).unwrap_or_default();
        levels.iter().any(|l| l == level.as_str())
            && (specialties.is_empty() || specialties.iter().any(|s| s == specialty))
    }))
}

/// The committee, when an approved, unexpired filing covers series, level and specialty.
pub fn require_authority(
    conn: &mut DbConnection,
    committee_id: i64,
    series: Series,
    level: Level,
    specialty: &str,
    today: NaiveDate,
) -> Result<CommitteeRow, ApiError> {
    let row = committees::table
        .find(committee_id)
        .select(CommitteeRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NoReviewAuthority))?;
    if covered(conn, committee_id, series, level, specialty, today)? {
        Ok(row)
    } else {
        Err(ApiError::new(ErrorCode::NoReviewAuthority))
    }
}

/// Committees an HRSS at `assigning_unit_path` may assign: covered, organised inside its
/// subtree or by one of its ancestors.
pub fn assignable_committees(
    conn: &mut DbConnection,
    assigning_unit_path: &str,
    series: Series,
    level: Level,
    specialty: &str,
    today: NaiveDate,
) -> Result<Vec<CommitteeRow>, ApiError> {
    let end = subtree_end(assigning_unit_path);
    let rows: Vec<(CommitteeRow, String)> = committees::table
        .inner_join(units::table)
        .filter(committees::series.eq(series.as_str()))
        .select((CommitteeRow::as_select(), units::path))
        .load(conn)?;
    let mut out = Vec::new();
    for (row, path) in rows {
        let inside = path.as_str() >= assigning_unit_path && path < end;
        let ancestor = assigning_unit_path.starts_with(path.as_str());
        if (inside || ancestor) && covered(conn, row.id, series, level, specialty, today)? {
            out.push(row);
        }
    }
    Ok(out)
}
