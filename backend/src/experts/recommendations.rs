//! Recommendations (专家推荐, manual §6.5.4): any unit recommends a person to a committee with
//! its reason; the committee's organising unit or an HRSS above it accepts (the person is
//! pre-entered into the pool, in the same transaction) or declines with an opinion.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::{json, Map};
use shared::{
    expert_pool::{CreateRecommendation, ExpertEntry, Recommendation, RecommendationStatus},
    ids::mask_id_number,
    ErrorCode, Module, Page, PageQuery,
};

use super::{entry, recommendation_files};
use crate::{
    auth::AuthUser,
    committees::{self, instant, unit_ref},
    db::{
        schema::{committees as committees_t, expert_recommendations as r, units},
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    http::pagination,
    org::jurisdiction,
    versioned::Change,
};

/// A stored recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct RecommendationRow {
    pub id: i64,
    pub committee_id: i64,
    pub unit_id: i64,
    pub entry: String,
    pub reason: String,
    pub status: RecommendationStatus,
    pub applied_by: i64,
    pub applied_at: NaiveDateTime,
    pub decided_by: Option<i64>,
    pub decided_at: Option<NaiveDateTime>,
    pub opinion: Option<String>,
    pub pool_member_id: Option<i64>,
    pub version: i64,
}

/// Files a recommendation for the caller's unit (`recommend_apply`).
pub fn create(
    conn: &mut DbConnection,
    user: &AuthUser,
    req: &CreateRecommendation,
    now: NaiveDateTime,
) -> Result<i64, ApiError> {
    if !committees::is_unit_side(user) {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    user.require(Module::RecommendApply)?;
    let c = super::committee(conn, req.committee_id)?;
    let v = entry::validate(&req.entry).map_err(|e| {
        let f = e.field().unwrap_or("entry").to_owned();
        e.at_field(format!("entry.{f}"))
    })?;
    entry::require_unit(conn, "entry.employer_id", v.employer_id)?;
    let reason = req.reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(ApiError::validation(
            "reason",
            "须填写推荐理由（不超过 1000 个字符）",
            "is required (at most 1000 characters)",
        ));
    }
    let mut stored = req.entry.clone();
    stored.id_number = v.id_number.as_str().to_owned();
    Ok(diesel::insert_into(r::table)
        .values((
            r::committee_id.eq(c.id),
            r::unit_id.eq(user.unit_id),
            r::entry.eq(crate::pii::Pii::new(
                serde_json::to_string(&stored).map_err(ApiError::internal)?,
            )),
            r::reason.eq(reason),
            r::status.eq(RecommendationStatus::Pending),
            r::applied_by.eq(user.id),
            r::applied_at.eq(now),
        ))
        .returning(r::id)
        .get_result(conn)?)
}

/// Whether the caller may accept or decline recommendations to a committee organised by
/// `committee_unit`.
fn acceptor(
    conn: &mut DbConnection,
    user: &AuthUser,
    committee_unit: i64,
) -> Result<bool, ApiError> {
    super::may_act(conn, user, Module::RecommendAccept, committee_unit)
}

/// Whether the caller is the recommending unit (unit-side, holding `recommend_apply`).
pub fn is_recommender(user: &AuthUser, row: &RecommendationRow) -> bool {
    committees::is_unit_side(user)
        && row.unit_id == user.unit_id
        && user.modules.contains(&Module::RecommendApply)
}

/// Whether the caller sees it: its own unit's recommendations, and those to committees it may
/// accept for.
pub fn sees(
    conn: &mut DbConnection,
    user: &AuthUser,
    row: &RecommendationRow,
) -> Result<bool, ApiError> {
    if !committees::is_unit_side(user) {
        return Ok(false);
    }
    if is_recommender(user, row) {
        return Ok(true);
    }
    let c = super::committee(conn, row.committee_id)?;
    acceptor(conn, user, c.unit_id)
}

/// A recommendation the caller sees; 404 otherwise.
pub fn require_visible(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<RecommendationRow, ApiError> {
    let row = r::table
        .find(id)
        .select(RecommendationRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    if sees(conn, user, &row)? {
        Ok(row)
    } else {
        Err(ApiError::new(ErrorCode::NotFound))
    }
}

fn entry_of(json: &str) -> Result<ExpertEntry, ApiError> {
    serde_json::from_str(json).map_err(ApiError::internal)
}

/// The API form (ID number masked).
pub fn to_dto(
    conn: &mut DbConnection,
    user: &AuthUser,
    row: RecommendationRow,
) -> Result<Recommendation, ApiError> {
    let mut e = entry_of(&row.entry)?;
    e.id_number = mask_id_number(&e.id_number);
    let employer = unit_ref(conn, e.employer_id)?.name;
    let c = super::committee(conn, row.committee_id)?;
    let can_decide =
        row.status == RecommendationStatus::Pending && acceptor(conn, user, c.unit_id)?;
    let files = recommendation_files::list(conn, row.id)?;
    let can_attach = recommendation_files::may_change(user, &row);
    Ok(Recommendation {
        id: row.id,
        committee: committees::committee_ref(conn, &c)?,
        unit: unit_ref(conn, row.unit_id)?,
        entry: e,
        employer,
        reason: row.reason,
        status: row.status,
        applied_by: committees::username(conn, Some(row.applied_by))?.unwrap_or_default(),
        applied_at: instant(row.applied_at),
        decided_by: committees::username(conn, row.decided_by)?,
        decided_at: row.decided_at.map(instant),
        opinion: row.opinion,
        pool_member_id: row.pool_member_id,
        version: row.version,
        can_decide,
        files,
        can_attach,
    })
}

/// Filters of the recommendation list.
#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
pub struct RecommendationFilter {
    /// State.
    pub status: Option<RecommendationStatus>,
    /// One committee.
    pub committee_id: Option<i64>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// 403 unless unit-side with `recommend_apply` or `recommend_accept`.
pub fn require_reader(user: &AuthUser) -> Result<(), ApiError> {
    if committees::is_unit_side(user)
        && (user.modules.contains(&Module::RecommendApply)
            || user.modules.contains(&Module::RecommendAccept))
    {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Forbidden))
    }
}

/// One page of what the caller sees, newest first.
pub fn list_page(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &RecommendationFilter,
    page: PageQuery,
) -> Result<Page<Recommendation>, ApiError> {
    let own = user.modules.contains(&Module::RecommendApply);
    // Committees the caller accepts for: its own unit's; an HRSS's also those below it.
    let accepts: Vec<i64> = if user.modules.contains(&Module::RecommendAccept) {
        if committees::caller_is_hrss(conn, user)? {
            let (lo, hi) = jurisdiction::range(user);
            committees_t::table
                .inner_join(units::table)
                .filter(units::path.ge(lo))
                .filter(units::path.lt(hi))
                .select(committees_t::id)
                .load(conn)?
        } else {
            committees_t::table
                .filter(committees_t::unit_id.eq(user.unit_id))
                .select(committees_t::id)
                .load(conn)?
        }
    } else {
        Vec::new()
    };
    let unit = if own { user.unit_id } else { -1 };
    let filtered = || {
        let mut q = r::table
            .filter(
                r::unit_id
                    .eq(unit)
                    .or(r::committee_id.eq_any(accepts.clone())),
            )
            .into_boxed();
        if let Some(s) = f.status {
            q = q.filter(r::status.eq(s.as_str()));
        }
        if let Some(c) = f.committee_id {
            q = q.filter(r::committee_id.eq(c));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let (limit, offset) = pagination::limit_offset(page);
    let rows: Vec<RecommendationRow> = filtered()
        .order(r::id.desc())
        .limit(limit)
        .offset(offset)
        .select(RecommendationRow::as_select())
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(|row| to_dto(conn, user, row))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(pagination::page(items, total, page))
}

/// Accepts (pre-entering the person) or declines a pending recommendation.
pub fn decide(
    conn: &mut DbConnection,
    user: &AuthUser,
    row: &RecommendationRow,
    accept: bool,
    opinion: Option<&str>,
    change: &Change<'_>,
) -> Result<Recommendation, ApiError> {
    let c = super::committee(conn, row.committee_id)?;
    if !acceptor(conn, user, c.unit_id)? {
        return Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "专家推荐由评委会组建单位或其上级人社部门受理",
            "Recommendations are decided by the committee's organising unit or an HRSS above it",
        ));
    }
    change.expect(row.version)?;
    if row.status != RecommendationStatus::Pending {
        return Err(ApiError::with_text(
            ErrorCode::Conflict,
            "该推荐已受理或不予受理",
            "This recommendation has already been decided",
        ));
    }
    let member = if accept {
        let v = entry::validate(&entry_of(&row.entry)?)?;
        let expert_id = entry::find_or_create_person(conn, &v, user.id, change.now)?;
        Some(entry::join_pool(
            conn, c.id, expert_id, v.term, user.id, change.now,
        )?)
    } else {
        None
    };
    let status = if accept {
        RecommendationStatus::Accepted
    } else {
        RecommendationStatus::Declined
    };
    let id = row.id;
    change.apply(
        conn,
        |conn| {
            let row = r::table
                .find(id)
                .select(RecommendationRow::as_select())
                .first(conn)?;
            to_dto(conn, user, row)
        },
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                r,
                guard,
                (
                    r::status.eq(status),
                    r::decided_by.eq(user.id),
                    r::decided_at.eq(change.now),
                    r::opinion.eq(opinion),
                    r::pool_member_id.eq(member),
                )
            )?)
        },
        |_| {
            let mut out = Map::new();
            out.insert("pool_member_id".into(), json!(member));
            Ok(out)
        },
    )
}
