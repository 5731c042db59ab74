//! Who sees a session during the review and who may act on it (SPEC §7, issue 10 "Access"):
//!
//! - the committee's organising unit (组建单位) sees and acts (attendance, blind opinions, the
//!   defense mark), through unit-side accounts holding the endpoint's module;
//! - an HRSS above the organising unit sees (read-only);
//! - an expert of the session sees only their own place, group and distributed dossiers, and
//!   acts only while signed in ([`super::SessionExpertRow::require_signed_in`]);
//! - nobody else: 403 without the module, 404 for a session outside the caller's sight.

use diesel::prelude::*;
use shared::{experts::SessionExpertStatus, AccountKind, ErrorCode, Module};

use super::{SessionExpertRow, SessionRow};
use crate::{
    auth::AuthUser,
    committees::{caller_is_hrss, is_unit_side},
    db::{
        schema::{committees, experts, session_experts},
        DbConnection,
    },
    error::ApiError,
    org::jurisdiction::{self, Relation},
};

/// How a unit-side caller stands to a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitSight {
    /// The committee's organising unit: sees and acts.
    Organiser,
    /// An HRSS above the organising unit: sees.
    Above,
}

/// How the caller's unit stands to the session's organising unit, if it sees the session.
pub fn unit_sight(
    conn: &mut DbConnection,
    user: &AuthUser,
    session: &SessionRow,
) -> Result<Option<UnitSight>, ApiError> {
    if !is_unit_side(user) {
        return Ok(None);
    }
    let organiser: i64 = committees::table
        .find(session.committee_id)
        .select(committees::unit_id)
        .first(conn)?;
    Ok(match jurisdiction::relation(conn, user, organiser)? {
        Relation::Own => Some(UnitSight::Organiser),
        Relation::Below if caller_is_hrss(conn, user)? => Some(UnitSight::Above),
        _ => None,
    })
}

/// 403 unless a unit-side caller holds one of `modules`.
pub fn require_unit_module(user: &AuthUser, modules: &[Module]) -> Result<(), ApiError> {
    if is_unit_side(user) && modules.iter().any(|m| user.modules.contains(m)) {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Forbidden))
    }
}

/// The session, for a unit-side caller holding one of `modules` who sees it: 403 without the
/// module, 404 when the session is not in sight.
pub fn require_unit_reader(
    conn: &mut DbConnection,
    user: &AuthUser,
    session_id: i64,
    modules: &[Module],
) -> Result<(SessionRow, UnitSight), ApiError> {
    require_unit_module(user, modules)?;
    let session = super::session(conn, session_id)?;
    match unit_sight(conn, user, &session)? {
        Some(sight) => Ok((session, sight)),
        None => Err(ApiError::new(ErrorCode::NotFound)),
    }
}

/// The session, for its organising unit only: an HRSS above reads but may not act (403).
pub fn require_organiser(
    conn: &mut DbConnection,
    user: &AuthUser,
    session_id: i64,
    modules: &[Module],
) -> Result<SessionRow, ApiError> {
    match require_unit_reader(conn, user, session_id, modules)? {
        (session, UnitSight::Organiser) => Ok(session),
        (_, UnitSight::Above) => Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "只有评委会组建单位可以执行此操作",
            "Only the committee's organising unit may do this",
        )),
    }
}

/// The caller's place in the session as a serving expert, if it has one.
pub fn my_place(
    conn: &mut DbConnection,
    user: &AuthUser,
    session_id: i64,
) -> Result<Option<SessionExpertRow>, ApiError> {
    if user.kind != AccountKind::Expert {
        return Ok(None);
    }
    Ok(session_experts::table
        .inner_join(experts::table)
        .filter(experts::account_id.eq(user.id))
        .filter(session_experts::session_id.eq(session_id))
        .filter(session_experts::status.eq(SessionExpertStatus::Active))
        .select(SessionExpertRow::as_select())
        .first(conn)
        .optional()?)
}

/// 403 unless the caller is an expert holding `module`.
pub fn require_expert_module(user: &AuthUser, module: Module) -> Result<(), ApiError> {
    if user.kind == AccountKind::Expert && user.modules.contains(&module) {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Forbidden))
    }
}

/// The applications an expert account sees (SPEC §7 "experts only what was distributed to
/// them"): dossiers distributed to it in a group that entered review, while it is a serving,
/// signed-in expert of the session. `applications::access` asks this for `expert` accounts.
pub fn expert_dossiers(
    conn: &mut DbConnection,
    account_id: i64,
    only: Option<i64>,
) -> Result<Vec<i64>, ApiError> {
    use crate::db::schema::{distributions, review_groups};
    let mut query = distributions::table
        .inner_join(session_experts::table.inner_join(experts::table))
        .inner_join(review_groups::table.on(review_groups::id.eq(distributions::group_id)))
        .filter(experts::account_id.eq(account_id))
        .filter(session_experts::status.eq(SessionExpertStatus::Active))
        .filter(session_experts::signed_in_at.is_not_null())
        .filter(session_experts::signed_out_at.is_null())
        .filter(review_groups::review_started_at.is_not_null())
        .select(distributions::application_id)
        .into_boxed();
    if let Some(id) = only {
        query = query.filter(distributions::application_id.eq(id));
    }
    Ok(query.load(conn)?)
}
