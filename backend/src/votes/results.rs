//! Tally results (统票结果, manual §6.2.10.8): the outcomes of tallied sessions by session,
//! committee, year, result and specialty, for the organising unit (its committees) and the
//! HRSS above it (committees organised in its subtree) holding `title.online.tally_results`.
//! Jurisdiction is in the SQL.

use diesel::prelude::*;
use shared::{
    votes::{Counts, TallyResult},
    Module, Page, PageQuery,
};

use super::count;
use crate::{
    auth::AuthUser,
    committees::caller_is_hrss,
    db::{
        schema::{applications, committees, review_sessions, tally_results, units},
        DbConnection,
    },
    error::ApiError,
    http::pagination,
    online::access::require_unit_module,
    org::units::subtree_end,
};

/// `passed` or `failed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResultFilter {
    Passed,
    Failed,
}

/// Filters of the tally results.
#[derive(Debug, Clone, serde::Deserialize, utoipa::IntoParams)]
pub struct TallyResultFilter {
    pub session_id: Option<i64>,
    pub committee_id: Option<i64>,
    pub year: Option<i32>,
    /// `passed` or `failed`.
    #[param(inline)]
    pub result: Option<ResultFilter>,
    /// The application's specialty (exact).
    pub specialty: Option<String>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// One page of the tally results the caller sees, newest session first.
pub fn list_page(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &TallyResultFilter,
    page: PageQuery,
) -> Result<Page<TallyResult>, ApiError> {
    require_unit_module(user, &[Module::TallyResults])?;
    let hrss = caller_is_hrss(conn, user)?;
    let lo = user.unit_path.clone();
    let hi = subtree_end(&user.unit_path);
    let unit = user.unit_id;
    let specialty = f
        .specialty
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let organising: Vec<i64> = if hrss {
        committees::table
            .inner_join(units::table)
            .filter(units::path.ge(lo))
            .filter(units::path.lt(hi))
            .select(committees::id)
            .load(conn)?
    } else {
        committees::table
            .filter(committees::unit_id.eq(unit))
            .select(committees::id)
            .load(conn)?
    };
    let filtered = || {
        let mut q = tally_results::table
            .inner_join(
                review_sessions::table.on(review_sessions::id.eq(tally_results::session_id)),
            )
            .inner_join(applications::table.on(applications::id.eq(tally_results::application_id)))
            .filter(review_sessions::committee_id.eq_any(organising.clone()))
            .into_boxed();
        if let Some(s) = f.session_id {
            q = q.filter(tally_results::session_id.eq(s));
        }
        if let Some(c) = f.committee_id {
            q = q.filter(review_sessions::committee_id.eq(c));
        }
        if let Some(y) = f.year {
            q = q.filter(review_sessions::year.eq(y));
        }
        if let Some(r) = f.result {
            q = q.filter(tally_results::passed.eq(r == ResultFilter::Passed));
        }
        if let Some(s) = specialty {
            q = q.filter(applications::specialty.eq(s.to_owned()));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let (limit, offset) = pagination::limit_offset(page);
    #[expect(clippy::type_complexity, reason = "one joined row")]
    let rows: Vec<(
        (i64, i64, i32, i32, i32, i32, bool),
        (String, i64, i32, Option<chrono::NaiveDateTime>),
        (String, i64, String, String),
    )> = filtered()
        .order((
            tally_results::session_id.desc(),
            tally_results::application_id.asc(),
        ))
        .limit(limit)
        .offset(offset)
        .select((
            (
                tally_results::session_id,
                tally_results::application_id,
                tally_results::agree,
                tally_results::disagree,
                tally_results::abstain,
                tally_results::attending,
                tally_results::passed,
            ),
            (
                review_sessions::name,
                review_sessions::committee_id,
                review_sessions::year,
                review_sessions::tallied_at,
            ),
            (
                applications::name,
                applications::employer_id,
                applications::specialty,
                applications::qualification,
            ),
        ))
        .load(conn)?;
    let mut names = std::collections::HashMap::<(bool, i64), String>::new();
    let mut name_of =
        |conn: &mut DbConnection, committee: bool, id: i64| -> Result<String, ApiError> {
            if let Some(n) = names.get(&(committee, id)) {
                return Ok(n.clone());
            }
            let n: String = if committee {
                committees::table
                    .find(id)
                    .select(committees::name)
                    .first(conn)?
            } else {
                units::table.find(id).select(units::name).first(conn)?
            };
            names.insert((committee, id), n.clone());
            Ok(n)
        };
    let mut items = Vec::with_capacity(rows.len());
    for (
        (sid, aid, agree, disagree, abstain, attending, passed),
        (sname, cid, year, at),
        (name, employer, specialty, qualification),
    ) in rows
    {
        items.push(TallyResult {
            session_id: sid,
            session_name: sname,
            committee_id: cid,
            committee_name: name_of(conn, true, cid)?,
            year,
            application_id: aid,
            name,
            employer: name_of(conn, false, employer)?,
            specialty,
            qualification,
            counts: Counts {
                agree: count(agree),
                disagree: count(disagree),
                abstain: count(abstain),
            },
            attending: count(attending),
            passed,
            tallied_at: at.map(crate::clock::rfc3339).unwrap_or_default(),
        });
    }
    Ok(pagination::page(items, total, page))
}
