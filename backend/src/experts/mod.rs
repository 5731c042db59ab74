//! The expert pool (专家库, manual §6.5, SPEC §5): one `experts` row per person, one
//! `pool_members` row per committee pool the person is in, the expert's own profile, pool
//! update filings (§6.5.3) and recommendations (§6.5.4).
//!
//! Who acts on a committee's pool: a unit-side account holding the module in the committee's
//! organising unit, or in an HRSS above it (the rule of review authority filings). The draw of
//! the review session reads only the foundation tables this module writes: status in
//! `pool_members`, specialties in `expert_specialties`, conflicts in `expert_conflicts`, the
//! employer in `experts.employer_id`.

pub mod bulk;
pub mod entry;
pub mod pool;
pub mod profile;
pub mod recommendation_files;
pub mod recommendations;
pub mod updates;
pub mod views;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::{
    application::{Gender, Level, Series},
    experts::{ConflictKind, PoolStatus},
    ErrorCode, Module,
};

use crate::{
    auth::AuthUser,
    committees::{self, CommitteeRow},
    db::{
        schema::{experts, pool_members},
        DbConnection,
    },
    error::ApiError,
    org::jurisdiction::{self, Relation},
};

/// A stored person.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = experts)]
pub struct ExpertRow {
    pub id: i64,
    pub id_number: String,
    pub name: String,
    pub gender: Gender,
    pub employer_id: i64,
    pub title: String,
    pub title_level: Level,
    pub series: Series,
    pub phone: String,
    pub email: String,
    pub account_id: Option<i64>,
    pub education: String,
    pub field_of_work: String,
    pub availability: String,
    pub profile_completed_at: Option<NaiveDateTime>,
    pub integrity_record: Option<String>,
    pub integrity_recorded_by: Option<i64>,
    pub integrity_recorded_at: Option<NaiveDateTime>,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

/// A stored membership of a pool.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = pool_members)]
pub struct MemberRow {
    pub id: i64,
    pub committee_id: i64,
    pub expert_id: i64,
    pub status: PoolStatus,
    pub term_start: NaiveDate,
    pub term_end: NaiveDate,
    pub status_reason: Option<String>,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

/// A stored declared conflict.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = crate::db::schema::expert_conflicts)]
pub struct ConflictRow {
    pub id: i64,
    pub expert_id: i64,
    pub kind: ConflictKind,
    pub unit_id: Option<i64>,
    pub person_id_number: Option<String>,
    pub person_name: String,
    pub reason: String,
}

/// Whether `user` may act on the pool of a committee organised by `committee_unit` with
/// `module`: a unit-side account holding it, in the organising unit or in an HRSS above it.
pub fn may_act(
    conn: &mut DbConnection,
    user: &AuthUser,
    module: Module,
    committee_unit: i64,
) -> Result<bool, ApiError> {
    if !committees::is_unit_side(user) || !user.modules.contains(&module) {
        return Ok(false);
    }
    Ok(match jurisdiction::relation(conn, user, committee_unit)? {
        Relation::Own => true,
        Relation::Below => committees::caller_is_hrss(conn, user)?,
        Relation::Outside => false,
    })
}

/// A committee by id: 404 `not_found` when there is none.
pub fn committee(conn: &mut DbConnection, id: i64) -> Result<CommitteeRow, ApiError> {
    committees::find(conn, id)?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// The committee when the caller may act on its pool with `module`; 404 when it is outside the
/// caller's sight, 403 when the caller sees it but may not act.
pub fn require_committee(
    conn: &mut DbConnection,
    user: &AuthUser,
    module: Module,
    id: i64,
) -> Result<CommitteeRow, ApiError> {
    let c = committee(conn, id)?;
    if may_act(conn, user, module, c.unit_id)? {
        return Ok(c);
    }
    match jurisdiction::relation(conn, user, c.unit_id)? {
        Relation::Outside => Err(ApiError::new(ErrorCode::NotFound)),
        _ => Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "只有评委会组建单位或其上级人社部门可以管理该评委会的专家库",
            "Only the committee's organising unit or an HRSS above it manages its pool",
        )),
    }
}

/// A person by id.
pub fn expert(conn: &mut DbConnection, id: i64) -> Result<Option<ExpertRow>, ApiError> {
    Ok(experts::table
        .find(id)
        .select(ExpertRow::as_select())
        .first(conn)
        .optional()?)
}

/// A membership by id.
pub fn member(conn: &mut DbConnection, id: i64) -> Result<Option<MemberRow>, ApiError> {
    Ok(pool_members::table
        .find(id)
        .select(MemberRow::as_select())
        .first(conn)
        .optional()?)
}

/// A person's specialties, sorted.
pub fn specialties(conn: &mut DbConnection, expert_id: i64) -> Result<Vec<String>, ApiError> {
    use crate::db::schema::expert_specialties as s;
    Ok(s::table
        .filter(s::expert_id.eq(expert_id))
        .order(s::specialty.asc())
        .select(s::specialty)
        .load(conn)?)
}

/// 409 `conflict` for a person with an integrity record: they may join no pool.
pub fn barred() -> ApiError {
    ApiError::with_text(
        ErrorCode::Conflict,
        "该专家有违规记录，不能进入专家库",
        "This expert has an integrity record and may join no pool",
    )
}
