//! Review authority filings (评审权备案, manual §6.4): the organising unit applies for a
//! committee (created with its first filing), the nearest HRSS strictly above the unit audits.
//! The provincial HRSS has no HRSS above it: its own filings are audited inside it, by an
//! account other than the applicant. Filings are never deleted: they are the history.

use chrono::{Months, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::{
    application::{Level, Series},
    committees::{CreateFilingRequest, FilingStatus, ReviewAuthorityFiling},
    ErrorCode, Module, UnitKind,
};

use super::CommitteeRow;
use crate::{
    auth::AuthUser,
    db::{
        schema::{committees, review_authority_filings, units},
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    org::jurisdiction::{self, Relation},
    versioned::{self, Change},
};

/// A stored filing.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = review_authority_filings)]
pub struct FilingRow {
    pub id: i64,
    pub committee_id: i64,
    pub unit_id: i64,
    pub series: Series,
    pub levels: String,
    pub specialties: String,
    pub region_scope: String,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub description: String,
    pub status: FilingStatus,
    pub applied_by: i64,
    pub applied_at: NaiveDateTime,
    pub audited_by: Option<i64>,
    pub audited_at: Option<NaiveDateTime>,
    pub opinion: Option<String>,
    pub version: i64,
}

/// A create request that passed every check that needs no database.
#[derive(Debug, Clone)]
pub struct ValidFiling {
    pub committee_name: String,
    pub series: Series,
    pub levels: Vec<Level>,
    pub specialties: Vec<String>,
    pub region_scope: String,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub description: String,
}

fn parse_day(field: &str, raw: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| ApiError::validation(field, "日期格式须为 YYYY-MM-DD", "must be YYYY-MM-DD"))
}

/// The last day a filing starting on `from` may run to: three years less one day.
pub fn latest_end(from: NaiveDate) -> Option<NaiveDate> {
    from.checked_add_months(Months::new(36))?.pred_opt()
}

/// Trims, drops repeats and checks a list of specialties ([`shared::rules::specialties`]: each
/// 1–50 characters, at most 100 given).
pub fn clean_specialties(list: &[String]) -> Result<Vec<String>, ApiError> {
    use shared::rules::Rule;
    shared::rules::specialties(list).map_err(|(item, rule)| match (item, rule) {
        (None, _) => ApiError::validation(
            "specialties",
            &format!("最多 {} 个专业", shared::rules::MAX_SPECIALTIES),
            &format!("at most {} specialties", shared::rules::MAX_SPECIALTIES),
        ),
        (Some(_), rule @ Rule::ControlChars) => {
            ApiError::validation("specialties", &rule.zh(), &rule.en())
        }
        (Some(_), _) => ApiError::validation(
            "specialties",
            "每个专业须为 1-50 个字符",
            "each must have 1-50 characters",
        ),
    })
}

/// Checks a create request: name, levels, specialties, region, dates (at most three years).
pub fn validate(req: CreateFilingRequest) -> Result<ValidFiling, ApiError> {
    let name = crate::http::text::required("committee_name", &req.committee_name, 100)?;
    if req.levels.is_empty() {
        return Err(ApiError::validation(
            "levels",
            "至少选择一个级别",
            "must name at least one level",
        ));
    }
    let mut levels = req.levels.clone();
    levels.sort();
    levels.dedup();
    if levels.len() != req.levels.len() {
        return Err(ApiError::validation(
            "levels",
            "级别不能重复",
            "must not repeat a level",
        ));
    }
    let specialties = clean_specialties(&req.specialties)?;
    let region_scope = crate::http::text::required("region_scope", &req.region_scope, 200)?;
    let description = req.description.trim().to_owned();
    if description.chars().count() > 2000 {
        return Err(ApiError::validation(
            "description",
            "不能超过 2000 个字符",
            "must have at most 2000 characters",
        ));
    }
    let valid_from = parse_day("valid_from", &req.valid_from)?;
    let valid_until = parse_day("valid_until", &req.valid_until)?;
    if valid_until < valid_from {
        return Err(ApiError::validation(
            "valid_until",
            "不能早于有效期开始日期 valid_from",
            "must not be before valid_from",
        ));
    }
    if latest_end(valid_from).is_none_or(|last| valid_until > last) {
        return Err(ApiError::validation(
            "valid_until",
            "评审权有效期最长 3 年",
            "the validity is at most 3 years after valid_from",
        ));
    }
    Ok(ValidFiling {
        committee_name: name,
        series: req.series,
        levels,
        specialties,
        region_scope,
        valid_from,
        valid_until,
        description,
    })
}

/// The unit that audits filings of `unit_id`: the nearest HRSS strictly above it, or the unit
/// itself when none is (the provincial HRSS).
pub fn auditor_unit(conn: &mut DbConnection, unit_id: i64) -> Result<i64, ApiError> {
    let path: String = units::table.find(unit_id).select(units::path).first(conn)?;
    let above = super::authority::ancestor_paths(&path);
    let nearest: Option<i64> = units::table
        .filter(units::path.eq_any(above))
        .filter(units::kind.eq(UnitKind::Hrss))
        .order(units::depth.desc())
        .select(units::id)
        .first(conn)
        .optional()?;
    Ok(nearest.unwrap_or(unit_id))
}

/// Whether the caller sees the filing: its own unit's, or (an HRSS holding the audit module)
/// those of units in its subtree.
pub fn sees(conn: &mut DbConnection, user: &AuthUser, f: &FilingRow) -> Result<bool, ApiError> {
    if !super::is_unit_side(user) {
        return Ok(false);
    }
    if f.unit_id == user.unit_id {
        return Ok(true);
    }
    Ok(user.modules.contains(&Module::AuthorityAudit)
        && super::caller_is_hrss(conn, user)?
        && jurisdiction::relation(conn, user, f.unit_id)? == Relation::Below)
}

/// Whether the caller may decide the filing now: it is pending, the caller holds the audit
/// module in the auditing unit, and did not apply for it.
pub fn may_decide(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &FilingRow,
) -> Result<bool, ApiError> {
    Ok(f.status == FilingStatus::Pending
        && super::is_unit_side(user)
        && user.modules.contains(&Module::AuthorityAudit)
        && f.applied_by != user.id
        && auditor_unit(conn, f.unit_id)? == user.unit_id)
}

/// A filing by id, if the caller sees it; 404 otherwise.
pub fn require_visible(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<FilingRow, ApiError> {
    let row = review_authority_filings::table
        .find(id)
        .select(FilingRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    if sees(conn, user, &row)? {
        Ok(row)
    } else {
        Err(ApiError::new(ErrorCode::NotFound))
    }
}

/// The API form of a filing.
pub fn to_dto(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: FilingRow,
) -> Result<ReviewAuthorityFiling, ApiError> {
    let committee: CommitteeRow = committees::table
        .find(f.committee_id)
        .select(CommitteeRow::as_select())
        .first(conn)?;
    let can_decide = may_decide(conn, user, &f)?;
    Ok(ReviewAuthorityFiling {
        id: f.id,
        committee: super::committee_ref(conn, &committee)?,
        unit: super::unit_ref(conn, f.unit_id)?,
        series: f.series,
        levels: super::parse_levels(&f.levels)?,
        specialties: super::parse_specialties(&f.specialties)?,
        region_scope: f.region_scope,
        valid_from: super::day(f.valid_from),
        valid_until: super::day(f.valid_until),
        description: f.description,
        status: f.status,
        applied_by: super::username(conn, Some(f.applied_by))?.unwrap_or_default(),
        applied_at: super::instant(f.applied_at),
        audited_by: super::username(conn, f.audited_by)?,
        audited_at: f.audited_at.map(super::instant),
        opinion: f.opinion,
        version: f.version,
        can_decide,
    })
}

/// Files for the caller's unit: finds or creates the committee (same series only) and inserts
/// a pending filing. One pending filing per committee.
pub fn apply(
    conn: &mut DbConnection,
    user: &AuthUser,
    v: &ValidFiling,
    now: NaiveDateTime,
) -> Result<FilingRow, ApiError> {
    let existing: Option<CommitteeRow> = committees::table
        .filter(committees::unit_id.eq(user.unit_id))
        .filter(committees::name.eq(&v.committee_name))
        .select(CommitteeRow::as_select())
        .first(conn)
        .optional()?;
    let committee_id = match existing {
        Some(c) if c.series != v.series => {
            return Err(ApiError::validation(
                "series",
                "评委会按系列组建，不能跨系列；本单位同名评委会属于其他系列",
                "committees are per series: the unit's committee of this name has another series",
            ));
        }
        Some(c) => {
            let pending: i64 = review_authority_filings::table
                .filter(review_authority_filings::committee_id.eq(c.id))
                .filter(review_authority_filings::status.eq(FilingStatus::Pending))
                .count()
                .get_result(conn)?;
            if pending > 0 {
                return Err(ApiError::with_text(
                    ErrorCode::Conflict,
                    "该评委会已有待审核的评审权备案",
                    "This committee already has a pending filing",
                ));
            }
            c.id
        }
        None => diesel::insert_into(committees::table)
            .values((
                committees::unit_id.eq(user.unit_id),
                committees::name.eq(&v.committee_name),
                committees::series.eq(v.series),
                committees::created_by.eq(user.id),
                committees::created_at.eq(now),
            ))
            .returning(committees::id)
            .get_result(conn)?,
    };
    let levels: Vec<&str> = v.levels.iter().map(|l| l.as_str()).collect();
    let id: i64 = diesel::insert_into(review_authority_filings::table)
        .values((
            review_authority_filings::committee_id.eq(committee_id),
            review_authority_filings::unit_id.eq(user.unit_id),
            review_authority_filings::series.eq(v.series),
            review_authority_filings::levels.eq(super::to_json(&levels)?),
            review_authority_filings::specialties.eq(super::to_json(&v.specialties)?),
            review_authority_filings::region_scope.eq(&v.region_scope),
            review_authority_filings::valid_from.eq(v.valid_from),
            review_authority_filings::valid_until.eq(v.valid_until),
            review_authority_filings::description.eq(&v.description),
            review_authority_filings::status.eq(FilingStatus::Pending),
            review_authority_filings::applied_by.eq(user.id),
            review_authority_filings::applied_at.eq(now),
        ))
        .returning(review_authority_filings::id)
        .get_result(conn)?;
    Ok(review_authority_filings::table
        .find(id)
        .select(FilingRow::as_select())
        .first(conn)?)
}

/// Decides a filing the caller sees, as one versioned state change (`change.action` is the
/// audit action): 403 unless it is the caller's to decide, 409 `version_conflict` for a stale
/// `version`, 409 `conflict` when no longer pending.
pub fn decide(
    conn: &mut DbConnection,
    user: &AuthUser,
    row: &FilingRow,
    approve: bool,
    opinion: Option<&str>,
    change: &Change<'_>,
) -> Result<ReviewAuthorityFiling, ApiError> {
    if !may_decide(conn, user, row)? && row.status == FilingStatus::Pending {
        return Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "评审权备案由申请单位的上级人社部门审核",
            "Filings are audited by the HRSS above the applying unit",
        ));
    }
    change.expect(row.version)?;
    if row.status != FilingStatus::Pending {
        return Err(ApiError::with_text(
            ErrorCode::Conflict,
            "该备案已审核",
            "This filing has already been decided",
        ));
    }
    let status = if approve {
        FilingStatus::Approved
    } else {
        FilingStatus::Rejected
    };
    let id = row.id;
    change.apply(
        conn,
        |conn| {
            let row = review_authority_filings::table
                .find(id)
                .select(FilingRow::as_select())
                .first(conn)?;
            to_dto(conn, user, row)
        },
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                review_authority_filings,
                guard,
                (
                    review_authority_filings::status.eq(status),
                    review_authority_filings::audited_by.eq(user.id),
                    review_authority_filings::audited_at.eq(change.now),
                    review_authority_filings::opinion.eq(opinion),
                )
            )?)
        },
        versioned::no_effects,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn three_years_less_a_day() {
        assert_eq!(latest_end(day("2026-01-01")), Some(day("2028-12-31")));
        assert_eq!(latest_end(day("2026-07-15")), Some(day("2029-07-14")));
    }
}
