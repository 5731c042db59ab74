//! Positions (职务) of a session's experts and declining: one group leader (评议组组长) per
//! group; committee positions (member, vice director, director) among the serving experts; a
//! serving expert who declines is replaced by the group's next alternate (候补) who covers one
//! of the specialties they covered.

use diesel::prelude::*;
use serde_json::{json, Map};
use shared::{
    experts::{CommitteePosition, SessionExpertStatus},
    sessions::SessionExpert,
    ErrorCode,
};

use super::view::{self, ExpertRow};
use crate::{
    db::{schema::session_experts, DbConnection},
    error::ApiError,
    guarded_update,
    versioned::Change,
};

/// A session expert row by id.
pub fn find(conn: &mut DbConnection, id: i64) -> Result<ExpertRow, ApiError> {
    session_experts::table
        .find(id)
        .select(ExpertRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

fn snapshot(conn: &mut DbConnection, r: &ExpertRow) -> Result<SessionExpert, ApiError> {
    view::experts_of(conn, r.session_id, Some(r.id))?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

fn not_serving() -> ApiError {
    ApiError::with_text(
        ErrorCode::Conflict,
        "只有在组的专家可以担任职务或谢绝",
        "Only a serving expert holds a position or declines",
    )
}

/// Sets the expert's group leadership and committee position (a new leader replaces the old).
pub fn put(
    conn: &mut DbConnection,
    r: &ExpertRow,
    leader: bool,
    position: Option<CommitteePosition>,
    change: &Change,
) -> Result<SessionExpert, ApiError> {
    change.expect(r.version)?;
    if r.status != SessionExpertStatus::Active {
        return Err(not_serving());
    }
    change.apply(
        conn,
        |c| snapshot(c, r),
        |c, guard| {
            Ok(guarded_update!(
                c,
                session_experts,
                guard,
                (
                    session_experts::group_leader.eq(leader),
                    session_experts::committee_position.eq(position.map(|p| p.as_str())),
                )
            )?)
        },
        |c| {
            let mut m = Map::new();
            if leader {
                let others: Vec<i64> = session_experts::table
                    .filter(session_experts::group_id.eq(r.group_id))
                    .filter(session_experts::id.ne(r.id))
                    .filter(session_experts::group_leader.eq(true))
                    .select(session_experts::id)
                    .load(c)?;
                diesel::update(session_experts::table.filter(session_experts::id.eq_any(&others)))
                    .set((
                        session_experts::group_leader.eq(false),
                        session_experts::version.eq(session_experts::version + 1),
                    ))
                    .execute(c)?;
                m.insert("previous_leaders".to_owned(), json!(others));
            }
            Ok(m)
        },
    )
}

/// The expert declines: status `declined`, positions cleared; the group's lowest-ranked unused
/// alternate covering one of the specialties they covered serves instead (409 `no_alternate`
/// when there is none; nothing changes then).
pub fn decline(
    conn: &mut DbConnection,
    r: &ExpertRow,
    reason: &str,
    change: &Change,
) -> Result<SessionExpert, ApiError> {
    change.expect(r.version)?;
    if r.status != SessionExpertStatus::Active {
        return Err(not_serving());
    }
    if shared::rules::text(reason, 1, 500).is_err() {
        return Err(ApiError::validation(
            "reason",
            "请填写谢绝原因（不超过 500 字）",
            "Give the reason (at most 500 characters)",
        ));
    }
    let reason = reason.trim();
    let covered: Vec<String> = serde_json::from_str(&r.covers).unwrap_or_default();
    let alternates: Vec<ExpertRow> = session_experts::table
        .filter(session_experts::group_id.eq(r.group_id))
        .filter(session_experts::status.eq(SessionExpertStatus::Alternate.as_str()))
        .order(session_experts::alternate_rank.asc())
        .select(ExpertRow::as_select())
        .load(conn)?;
    let next = alternates.into_iter().find(|a| {
        let theirs: Vec<String> = serde_json::from_str(&a.covers).unwrap_or_default();
        covered.is_empty() || theirs.iter().any(|s| covered.contains(s))
    });
    let Some(next) = next else {
        return Err(ApiError::new(ErrorCode::NoAlternate));
    };
    change.apply(
        conn,
        |c| snapshot(c, r),
        |c, guard| {
            Ok(guarded_update!(
                c,
                session_experts,
                guard,
                (
                    session_experts::status.eq(SessionExpertStatus::Declined.as_str()),
                    session_experts::group_leader.eq(false),
                    session_experts::committee_position.eq(None::<String>),
                )
            )?)
        },
        |c| {
            diesel::update(session_experts::table.find(next.id))
                .set((
                    session_experts::status.eq(SessionExpertStatus::Active.as_str()),
                    session_experts::version.eq(session_experts::version + 1),
                ))
                .execute(c)?;
            let mut m = Map::new();
            m.insert("reason".to_owned(), json!(reason));
            m.insert("replaced_by".to_owned(), json!(next.expert_id));
            m.insert("replaced_by_session_expert".to_owned(), json!(next.id));
            Ok(m)
        },
    )
}
