//! Review authority in force: the check the workflow engine makes before a committee receives
//! an application ([`require_authority`]), the committees an HRSS may assign to
//! ([`assignable_committees`]) and the committee list's answer.

use chrono::NaiveDate;
use diesel::prelude::*;
use shared::{
    application::{Level, Series},
    committees::{Committee, CurrentAuthority},
    ErrorCode,
};

use super::{filings::FilingRow, CommitteeRow};
use crate::{
    db::{
        schema::{committees, review_authority_filings, units},
        DbConnection,
    },
    error::ApiError,
    org::units::subtree_end,
};

/// The approved filings of `committee_id` in force on `today`, newest first.
pub fn filings_in_force(
    conn: &mut DbConnection,
    committee_id: i64,
    today: NaiveDate,
) -> Result<Vec<FilingRow>, ApiError> {
    Ok(review_authority_filings::table
        .filter(review_authority_filings::committee_id.eq(committee_id))
        .filter(review_authority_filings::status.eq(shared::committees::FilingStatus::Approved))
        .filter(review_authority_filings::valid_from.le(today))
        .filter(review_authority_filings::valid_until.ge(today))
        .order(review_authority_filings::id.desc())
        .select(FilingRow::as_select())
        .load(conn)?)
}

/// Whether an approved filing in force covers the series, level and specialty.
fn covers(f: &FilingRow, series: Series, level: Level, specialty: &str) -> Result<bool, ApiError> {
    let specialties = super::parse_specialties(&f.specialties)?;
    Ok(f.series == series
        && super::parse_levels(&f.levels)?.contains(&level)
        && (specialties.is_empty() || specialties.iter().any(|s| s == specialty)))
}

fn no_authority(series: Series, level: Level) -> ApiError {
    ApiError::with_text(
        ErrorCode::NoReviewAuthority,
        format!(
            "该评委会没有有效的{}{}评审权备案",
            series.label(shared::Locale::ZhCn),
            level.label(shared::Locale::ZhCn)
        ),
        format!(
            "The committee has no approved, unexpired review authority for {} at level {}",
            series.label(shared::Locale::En),
            level.label(shared::Locale::En)
        ),
    )
}

/// The committee, when an approved filing of it in force on `today` covers `series`, `level`
/// and `specialty`; otherwise 422 `no_review_authority` (404 `not_found` for no such committee).
pub fn require_authority(
    conn: &mut DbConnection,
    committee_id: i64,
    series: Series,
    level: Level,
    specialty: &str,
    today: NaiveDate,
) -> Result<CommitteeRow, ApiError> {
    let committee =
        super::find(conn, committee_id)?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    for filing in filings_in_force(conn, committee_id, today)? {
        if covers(&filing, series, level, specialty)? {
            return Ok(committee);
        }
    }
    Err(no_authority(series, level))
}

/// The materialised paths of the units above the unit at `path` (`/1/4/7/` → `/1/`, `/1/4/`).
pub fn ancestor_paths(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut acc = String::from("/");
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for segment in segments.iter().take(segments.len().saturating_sub(1)) {
        acc.push_str(segment);
        acc.push('/');
        out.push(acc.clone());
    }
    out
}

/// Committees an HRSS at `assigning_unit_path` may assign an application of `series`, `level`
/// and `specialty` to on `today`: those organised inside its subtree or by a unit above it
/// (higher-level committees serve lower regions), with a covering filing in force. Committees of
/// sibling regions are never offered. Ordered by id.
pub fn assignable_committees(
    conn: &mut DbConnection,
    assigning_unit_path: &str,
    series: Series,
    level: Level,
    specialty: &str,
    today: NaiveDate,
) -> Result<Vec<CommitteeRow>, ApiError> {
    let lo = assigning_unit_path.to_owned();
    let hi = subtree_end(assigning_unit_path);
    let above = ancestor_paths(assigning_unit_path);
    let rows: Vec<(CommitteeRow, FilingRow)> = review_authority_filings::table
        .inner_join(committees::table.inner_join(units::table))
        .filter(
            units::path
                .ge(lo)
                .and(units::path.lt(hi))
                .or(units::path.eq_any(above)),
        )
        .filter(committees::series.eq(series))
        .filter(review_authority_filings::status.eq(shared::committees::FilingStatus::Approved))
        .filter(review_authority_filings::valid_from.le(today))
        .filter(review_authority_filings::valid_until.ge(today))
        .order((committees::id.asc(), review_authority_filings::id.desc()))
        .select((CommitteeRow::as_select(), FilingRow::as_select()))
        .load(conn)?;
    let mut out: Vec<CommitteeRow> = Vec::new();
    for (committee, filing) in rows {
        if out.last().is_some_and(|c| c.id == committee.id) {
            continue;
        }
        if covers(&filing, series, level, specialty)? {
            out.push(committee);
        }
    }
    Ok(out)
}

/// The API form of a committee with the authority it holds on `today`.
pub fn to_dto(
    conn: &mut DbConnection,
    c: &CommitteeRow,
    today: NaiveDate,
) -> Result<Committee, ApiError> {
    let authority = match filings_in_force(conn, c.id, today)?.into_iter().next() {
        Some(f) => Some(CurrentAuthority {
            filing_id: f.id,
            levels: super::parse_levels(&f.levels)?,
            specialties: super::parse_specialties(&f.specialties)?,
            region_scope: f.region_scope,
            valid_from: super::day(f.valid_from),
            valid_until: super::day(f.valid_until),
        }),
        None => None,
    };
    Ok(Committee {
        id: c.id,
        name: c.name.clone(),
        series: c.series,
        unit: super::unit_ref(conn, c.unit_id)?,
        active: authority.is_some(),
        authority,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ancestors_are_the_proper_prefixes() {
        assert_eq!(ancestor_paths("/1/4/7/"), vec!["/1/", "/1/4/"]);
        assert!(ancestor_paths("/1/").is_empty());
    }
}
