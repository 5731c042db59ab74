//! During the review (issue 10, manual §6.2.10.2–§6.2.10.5): attendance, blind opinions, the
//! group leader's distribution, the experts' review forms and the expert's home page, on the
//! session tables of migration 000200 and the tables of 000220.
//!
//! Where a rule lives:
//! - who sees a session and who may act on it: [`access`];
//! - recusal (回避) of an expert for an applicant: [`recusal::reason`], the one function;
//! - the review form's field rules: `shared::online_review::check_form` (the SPA calls it too).

pub mod access;
pub mod attendance;
pub mod blind;
pub mod distribution;
pub mod recusal;
pub mod review;
pub mod tasks;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{
    experts::{CommitteePosition, SessionExpertStatus, SessionStatus},
    ErrorCode,
};

use crate::{
    db::{
        schema::{review_groups, review_sessions, session_experts},
        DbConnection,
    },
    error::ApiError,
};

/// A stored review session, as far as this module needs it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = review_sessions)]
pub struct SessionRow {
    pub id: i64,
    pub committee_id: i64,
    pub name: String,
    pub status: SessionStatus,
    pub blind_review: bool,
    pub defense: bool,
    pub version: i64,
}

/// A stored review group.
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = review_groups)]
pub struct GroupRow {
    pub id: i64,
    pub session_id: i64,
    pub name: String,
    pub review_started_at: Option<NaiveDateTime>,
    pub defense_held_at: Option<NaiveDateTime>,
    pub version: i64,
}

/// A stored expert of a session.
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = session_experts)]
pub struct SessionExpertRow {
    pub id: i64,
    pub session_id: i64,
    pub expert_id: i64,
    pub group_id: Option<i64>,
    pub status: SessionExpertStatus,
    pub group_leader: bool,
    pub committee_position: Option<CommitteePosition>,
    pub signed_in_at: Option<NaiveDateTime>,
    pub signed_out_at: Option<NaiveDateTime>,
    pub version: i64,
}

impl SessionExpertRow {
    /// Signed in (签到) and not signed out since.
    pub fn signed_in(&self) -> bool {
        self.signed_in_at.is_some() && self.signed_out_at.is_none()
    }

    /// 409 `expert_not_signed_in` unless signed in.
    pub fn require_signed_in(&self) -> Result<(), ApiError> {
        if self.signed_in() {
            Ok(())
        } else {
            Err(ApiError::new(ErrorCode::ExpertNotSignedIn))
        }
    }
}

/// A session by id; 404 when there is none.
pub fn session(conn: &mut DbConnection, id: i64) -> Result<SessionRow, ApiError> {
    review_sessions::table
        .find(id)
        .select(SessionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// A group by id; 404 when there is none.
pub fn group(conn: &mut DbConnection, id: i64) -> Result<GroupRow, ApiError> {
    review_groups::table
        .find(id)
        .select(GroupRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// 409 `review_not_open` unless the session is reviewing (`SessionStatus::review_open`).
pub fn require_reviewing(session: &SessionRow) -> Result<(), ApiError> {
    if session.status.review_open() {
        Ok(())
    } else {
        Err(ApiError::with_text(
            ErrorCode::ReviewNotOpen,
            format!(
                "评审会当前为“{}”，不在评审中",
                session.status.label(shared::Locale::ZhCn)
            ),
            format!(
                "The session is {}, not reviewing",
                session.status.label(shared::Locale::En)
            ),
        ))
    }
}

/// RFC 3339 of an optional stored time.
pub fn time(t: Option<NaiveDateTime>) -> Option<String> {
    t.map(crate::clock::rfc3339)
}

/// A count as the wire's `u32`.
pub fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
