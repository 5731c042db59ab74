//! The demo committee: 示范县工程系列评委会 at the county HRSS (engineering, intermediate and
//! associate senior, every specialty), its filing approved by the city HRSS, and the scope of
//! the demo policy-review account. Called by `crate::demo` while seeding.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::application::{Level, Series};

use crate::{
    db::{
        schema::{committees, policy_review_scopes, review_authority_filings},
        DbConnection,
    },
    error::ApiError,
};

/// Name of the demo committee.
pub const DEMO_COMMITTEE: &str = "示范县工程系列评委会";

/// Who takes part in the demo committee.
#[derive(Debug, Clone, Copy)]
pub struct DemoIds {
    /// The organising unit (county HRSS).
    pub organiser_unit_id: i64,
    /// The account that applied (e.g. `county_hrss_unit`).
    pub applied_by: i64,
    /// The account that approved (e.g. `city_hrss_unit`).
    pub audited_by: i64,
    /// The demo policy-review account (`pr_county_2026_001`).
    pub reviewer_account_id: i64,
}

/// Inserts the committee, its approved filing (valid from 1 January of `now`'s year for three
/// years) and the reviewer's scope (year 2026, engineering, every specialty). Returns the
/// committee id.
pub fn seed_demo(
    conn: &mut DbConnection,
    ids: DemoIds,
    now: NaiveDateTime,
) -> Result<i64, ApiError> {
    let from = NaiveDate::from_ymd_opt(now.year(), 1, 1)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("no 1 January in {}", now.year())))?;
    let until = super::filings::latest_end(from)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("no end date after {from}")))?;
    let series = Series::Engineering.as_str();
    conn.write_transaction(|conn| {
        let committee_id: i64 = diesel::insert_into(committees::table)
            .values((
                committees::unit_id.eq(ids.organiser_unit_id),
                committees::name.eq(DEMO_COMMITTEE),
                committees::series.eq(series),
                committees::created_by.eq(ids.applied_by),
                committees::created_at.eq(now),
            ))
            .returning(committees::id)
            .get_result(conn)?;
        let levels = [
            Level::Intermediate.as_str(),
            Level::AssociateSenior.as_str(),
        ];
        diesel::insert_into(review_authority_filings::table)
            .values((
                review_authority_filings::committee_id.eq(committee_id),
                review_authority_filings::unit_id.eq(ids.organiser_unit_id),
                review_authority_filings::series.eq(series),
                review_authority_filings::levels.eq(super::to_json(&levels)?),
                review_authority_filings::specialties.eq("[]"),
                review_authority_filings::region_scope.eq("示范省示范市示范县"),
                review_authority_filings::valid_from.eq(from),
                review_authority_filings::valid_until.eq(until),
                review_authority_filings::description.eq("示范数据 / demo"),
                review_authority_filings::status.eq("approved"),
                review_authority_filings::applied_by.eq(ids.applied_by),
                review_authority_filings::applied_at.eq(now),
                review_authority_filings::audited_by.eq(ids.audited_by),
                review_authority_filings::audited_at.eq(now),
                review_authority_filings::opinion.eq("同意备案"),
            ))
            .execute(conn)?;
        diesel::insert_into(policy_review_scopes::table)
            .values((
                policy_review_scopes::account_id.eq(ids.reviewer_account_id),
                policy_review_scopes::committee_id.eq(committee_id),
                policy_review_scopes::year.eq(2026),
                policy_review_scopes::series.eq(series),
                policy_review_scopes::specialties.eq("[]"),
            ))
            .execute(conn)?;
        Ok(committee_id)
    })
}
