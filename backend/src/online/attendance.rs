//! Attendance (签到/签退, manual §6.2.10.3): the organising unit signs the session's experts
//! in and out. Only a signed-in expert acts (distribution, review forms, blind opinions). A
//! signed-out expert may be signed in again (a review of two days: 答辩 on the second); the
//! audit log keeps every sign-in and sign-out.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{
    experts::{SessionExpertStatus, SessionStatus},
    online_review::{Attendance, AttendanceChange, AttendanceRow, GroupProgress, ReviewStatus},
    ErrorCode,
};

use super::{count, time, SessionExpertRow, SessionRow};
use crate::{
    audit::Actor,
    db::{
        schema::{
            distributions, expert_reviews, experts, group_applications, review_groups,
            session_experts, units,
        },
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    versioned::{no_effects, Change, Kind},
};

/// Attendance changes while the experts work: reviewing and the two votes.
pub fn open(status: SessionStatus) -> bool {
    matches!(
        status,
        SessionStatus::Reviewing | SessionStatus::GroupVoting | SessionStatus::CommitteeVoting
    )
}

/// The attendance sheet and the groups' progress.
pub fn sheet(
    conn: &mut DbConnection,
    session: &SessionRow,
    may_edit: bool,
) -> Result<Attendance, ApiError> {
    let rows: Vec<(SessionExpertRow, String, String)> = session_experts::table
        .inner_join(experts::table.inner_join(units::table))
        .filter(session_experts::session_id.eq(session.id))
        .filter(session_experts::status.eq(SessionExpertStatus::Active))
        .order((session_experts::group_id.asc(), experts::name.asc()))
        .select((SessionExpertRow::as_select(), experts::name, units::name))
        .load(conn)?;
    let groups = progress(conn, session.id)?;
    let names: HashMap<i64, String> = groups
        .iter()
        .map(|g| (g.group_id, g.name.clone()))
        .collect();
    Ok(Attendance {
        session_id: session.id,
        session_name: session.name.clone(),
        status: session.status,
        may_edit: may_edit && open(session.status),
        experts: rows
            .into_iter()
            .map(|(se, name, employer)| AttendanceRow {
                session_expert_id: se.id,
                name,
                employer,
                group_id: se.group_id,
                group_name: se.group_id.and_then(|g| names.get(&g).cloned()),
                group_leader: se.group_leader,
                committee_position: se.committee_position,
                signed_in: se.signed_in(),
                signed_in_at: time(se.signed_in_at),
                signed_out_at: time(se.signed_out_at),
                version: se.version,
            })
            .collect(),
        groups,
    })
}

/// Per group of the session: dossiers, distributed dossiers and review forms (five grouped
/// queries, whatever the size).
pub fn progress(conn: &mut DbConnection, session_id: i64) -> Result<Vec<GroupProgress>, ApiError> {
    let groups: Vec<super::GroupRow> = review_groups::table
        .filter(review_groups::session_id.eq(session_id))
        .order((review_groups::sort.asc(), review_groups::id.asc()))
        .select(super::GroupRow::as_select())
        .load(conn)?;
    let dossiers: HashMap<i64, i64> = group_applications::table
        .filter(group_applications::session_id.eq(session_id))
        .group_by(group_applications::group_id)
        .select((group_applications::group_id, diesel::dsl::count_star()))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    let mut distributed: HashMap<i64, u32> = HashMap::new();
    let pairs: Vec<(i64, i64)> = distributions::table
        .filter(distributions::session_id.eq(session_id))
        .select((distributions::group_id, distributions::application_id))
        .distinct()
        .load(conn)?;
    for (group, _) in pairs {
        *distributed.entry(group).or_default() += 1;
    }
    let mut reviews: HashMap<i64, (u32, u32)> = HashMap::new();
    let forms: Vec<(i64, ReviewStatus)> = expert_reviews::table
        .inner_join(distributions::table)
        .filter(distributions::session_id.eq(session_id))
        .select((distributions::group_id, expert_reviews::status))
        .load(conn)?;
    for (group, status) in forms {
        let entry = reviews.entry(group).or_default();
        entry.0 += 1;
        if status == ReviewStatus::Completed {
            entry.1 += 1;
        }
    }
    Ok(groups
        .into_iter()
        .map(|g| {
            let (total, done) = reviews.get(&g.id).copied().unwrap_or_default();
            GroupProgress {
                group_id: g.id,
                dossiers: count(
                    usize::try_from(dossiers.get(&g.id).copied().unwrap_or(0)).unwrap_or(0),
                ),
                distributed: distributed.get(&g.id).copied().unwrap_or(0),
                review_started_at: time(g.review_started_at),
                defense_held_at: time(g.defense_held_at),
                reviews: total,
                reviews_completed: done,
                version: g.version,
                name: g.name,
            }
        })
        .collect())
}

/// Signs an expert of `session` in (`sign_in`) or out, as its organising unit.
pub fn change(
    conn: &mut DbConnection,
    actor: &Actor,
    session: &SessionRow,
    body: &AttendanceChange,
    sign_in: bool,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let row: SessionExpertRow = session_experts::table
        .find(body.session_expert_id)
        .filter(session_experts::session_id.eq(session.id))
        .filter(session_experts::status.eq(SessionExpertStatus::Active))
        .select(SessionExpertRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let change = Change {
        kind: Kind::SessionExpert,
        id: row.id,
        read_version: body.version,
        action: if sign_in {
            "online.sign_in"
        } else {
            "online.sign_out"
        },
        actor,
        now,
    };
    change.expect(row.version)?;
    if !open(session.status) {
        return Err(ApiError::with_text(
            ErrorCode::InvalidTransition,
            "评审会不在评审或投票阶段，不能签到签退",
            "Experts sign in and out only while the session reviews or votes",
        ));
    }
    if sign_in == row.signed_in() {
        return Err(if sign_in {
            ApiError::with_text(
                ErrorCode::InvalidTransition,
                "该专家已签到",
                "The expert is signed in already",
            )
        } else {
            ApiError::with_text(
                ErrorCode::InvalidTransition,
                "该专家尚未签到",
                "The expert is not signed in",
            )
        });
    }
    let id = row.id;
    change.apply(
        conn,
        |conn| {
            Ok(session_experts::table
                .find(id)
                .select(SessionExpertRow::as_select())
                .first(conn)?)
        },
        |conn, guard| {
            Ok(if sign_in {
                guarded_update!(
                    conn,
                    session_experts,
                    guard,
                    (
                        session_experts::signed_in_at.eq(Some(now)),
                        session_experts::signed_out_at.eq(None::<NaiveDateTime>),
                    )
                )?
            } else {
                guarded_update!(
                    conn,
                    session_experts,
                    guard,
                    session_experts::signed_out_at.eq(Some(now))
                )?
            })
        },
        no_effects,
    )?;
    Ok(())
}
