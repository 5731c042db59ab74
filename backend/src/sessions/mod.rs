//! Review sessions (评委会管理, manual §6.2.10.1, SPEC §5): who sees and who manages a session,
//! its rows and its answers. A session belongs to its committee's organising unit, which builds
//! it step by step (groups, applications, needs, draw, positions, settings) while it is
//! `setup`; the HRSS above that unit reads it; an expert drawn into it reads a limited view;
//! nobody else sees it.

pub mod draw;
pub mod draws;
pub mod groups;
pub mod positions;
pub mod rules;
pub mod view;
pub mod write;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::{
    experts::SessionStatus, sessions::Formation, AccountKind, ErrorCode, Module, UnitKind,
};

use crate::{
    auth::AuthUser,
    committees::{self, CommitteeRow},
    db::{
        schema::{experts, review_sessions, session_experts, units},
        DbConnection,
    },
    error::ApiError,
    org::units::subtree_end,
};

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = review_sessions)]
pub struct SessionRow {
    pub id: i64,
    pub committee_id: i64,
    pub year: i32,
    pub name: String,
    pub session_date: NaiveDate,
    pub status: SessionStatus,
    pub blind_review: bool,
    pub defense: bool,
    pub formed_by: Formation,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i64,
}

/// How the caller stands to a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The committee's organising unit (holding `title.online.sessions`): reads and manages.
    Organiser,
    /// An HRSS above the organising unit (holding `title.online.sessions`): reads.
    Above,
    /// An expert drawn into the session (active or alternate): the limited view.
    Expert,
}

/// A session by id, whoever may see it.
pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<SessionRow>, ApiError> {
    Ok(review_sessions::table
        .find(id)
        .select(SessionRow::as_select())
        .first(conn)
        .optional()?)
}

/// The caller's access to a session of `committee`, if any.
pub fn access(
    conn: &mut DbConnection,
    user: &AuthUser,
    session_id: i64,
    committee: &CommitteeRow,
) -> Result<Option<Access>, ApiError> {
    if user.modules.contains(&Module::Sessions) && committees::is_unit_side(user) {
        if committee.unit_id == user.unit_id {
            return Ok(Some(Access::Organiser));
        }
        if committees::caller_is_hrss(conn, user)? {
            let inside: i64 = units::table
                .filter(units::id.eq(committee.unit_id))
                .filter(units::path.gt(&user.unit_path))
                .filter(units::path.lt(subtree_end(&user.unit_path)))
                .count()
                .get_result(conn)?;
            if inside > 0 {
                return Ok(Some(Access::Above));
            }
        }
        return Ok(None);
    }
    if user.kind == AccountKind::Expert {
        let drawn: i64 = session_experts::table
            .inner_join(experts::table)
            .filter(session_experts::session_id.eq(session_id))
            .filter(experts::account_id.eq(user.id))
            .filter(session_experts::status.ne(shared::experts::SessionExpertStatus::Declined))
            .count()
            .get_result(conn)?;
        return Ok((drawn > 0).then_some(Access::Expert));
    }
    Ok(None)
}

/// 403 for callers who can never see a session (neither `title.online.sessions` on the unit
/// side nor an expert).
pub fn require_reader(user: &AuthUser) -> Result<(), ApiError> {
    if (user.modules.contains(&Module::Sessions) && committees::is_unit_side(user))
        || user.kind == AccountKind::Expert
    {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Forbidden))
    }
}

/// The session and the caller's access; 404 when the caller does not see it.
pub fn require_visible(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<(SessionRow, CommitteeRow, Access), ApiError> {
    require_reader(user)?;
    let row = find(conn, id)?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let committee = committees::find(conn, row.committee_id)?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    match access(conn, user, id, &committee)? {
        Some(a) => Ok((row, committee, a)),
        None => Err(ApiError::new(ErrorCode::NotFound)),
    }
}

/// The session for a change by its organising unit: 404 unseen, 403 seen but not the
/// organiser's. The status is not checked here (see [`require_setup`]).
pub fn require_organiser(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<(SessionRow, CommitteeRow), ApiError> {
    user.require(Module::Sessions)?;
    let (row, committee, access) = require_visible(conn, user, id)?;
    if access == Access::Organiser {
        Ok((row, committee))
    } else {
        Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "只有评委会组建单位可以修改评委会",
            "Only the committee's organising unit changes the session",
        ))
    }
}

/// 409 `session_not_in_setup` unless the session is being set up.
pub fn require_setup(row: &SessionRow) -> Result<(), ApiError> {
    if row.status.setup_open() {
        Ok(())
    } else {
        Err(ApiError::with_text(
            ErrorCode::SessionNotInSetup,
            format!(
                "评委会当前状态为“{}”，组建内容已不能修改",
                row.status.label(shared::Locale::ZhCn)
            ),
            format!(
                "The session is {}; what was set up can no longer change",
                row.status.label(shared::Locale::En)
            ),
        ))
    }
}

/// Whether the unit is an HRSS (for the 40号令 rules nothing else is needed from units).
pub fn unit_kind(conn: &mut DbConnection, unit_id: i64) -> Result<UnitKind, ApiError> {
    Ok(units::table.find(unit_id).select(units::kind).first(conn)?)
}

/// `YYYY-MM-DD` → date, 422 `validation_failed` at `field` otherwise.
pub fn parse_date(text: &str, field: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        ApiError::validation(
            field,
            "日期格式应为 YYYY-MM-DD",
            "The date must be YYYY-MM-DD",
        )
    })
}

/// A trimmed name of 1–`max` characters without control characters, else 422 at `field`.
pub fn name(text: &str, field: &str, max: usize) -> Result<String, ApiError> {
    let t = text.trim();
    if shared::rules::text(text, 1, max).is_err() {
        return Err(ApiError::with_text(
            ErrorCode::ValidationFailed,
            format!("名称须为 1 至 {max} 个字"),
            format!("The name must have 1 to {max} characters"),
        )
        .at_field(field));
    }
    Ok(t.to_owned())
}
