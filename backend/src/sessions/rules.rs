//! Starting the review (setup → reviewing) and the rules it checks: every group has at least
//! [`MIN_GROUP_EXPERTS`] serving experts and exactly one leader, and a current draw made from
//! its present applications and needs; the committee (serving experts with a committee
//! position) has an odd number of members and exactly one director; and, when the
//! `session_rules` setting says so, a senior committee (its review authority in force on the
//! session date covers 副高级 or 正高级) has at least the minimum of 人社部令第40号 for the
//! way it is formed (the session's `formed_by`).

use diesel::prelude::*;
use serde_json::json;
use shared::{
    application::Level,
    experts::{CommitteePosition, SessionExpertStatus, SessionStatus, MIN_GROUP_EXPERTS},
    sessions::{Formation, SessionRules},
    ErrorCode,
};

use super::{view::GroupRow, SessionRow};
use crate::{
    committees::authority,
    db::{
        schema::{review_groups, review_sessions, session_experts},
        settings, DbConnection,
    },
    error::ApiError,
};

/// The rules in force (the defaults until an administrator changes them).
pub fn current(conn: &mut DbConnection) -> Result<SessionRules, ApiError> {
    settings::current(conn, SessionRules::KEY)
}

/// 422 unless both minimums are 1–999.
pub fn validate(r: &SessionRules) -> Result<(), ApiError> {
    for (field, v) in [
        ("senior_by_series_min", r.senior_by_series_min),
        ("senior_by_specialty_min", r.senior_by_specialty_min),
    ] {
        if !(1..=999).contains(&v) {
            return Err(ApiError::validation(
                field,
                "人数须在 1 至 999 之间",
                "The number must be between 1 and 999",
            ));
        }
    }
    Ok(())
}

/// Whether the committee's authority in force on the session date covers a senior level.
fn senior(conn: &mut DbConnection, s: &SessionRow) -> Result<bool, ApiError> {
    for f in authority::filings_in_force(conn, s.committee_id, s.session_date)? {
        let levels = crate::committees::parse_levels(&f.levels)?;
        if levels
            .iter()
            .any(|l| matches!(l, Level::AssociateSenior | Level::Senior))
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Every check of [`start`], the first failure as its error.
pub fn check(conn: &mut DbConnection, s: &SessionRow) -> Result<(), ApiError> {
    let groups: Vec<GroupRow> = review_groups::table
        .filter(review_groups::session_id.eq(s.id))
        .order((review_groups::sort.asc(), review_groups::id.asc()))
        .select(GroupRow::as_select())
        .load(conn)?;
    if groups.is_empty() {
        return Err(ApiError::with_text(
            ErrorCode::GroupTooSmall,
            "本次评审还没有评审小组",
            "The session has no review group yet",
        ));
    }
    let serving: Vec<(Option<i64>, bool, Option<CommitteePosition>)> = session_experts::table
        .filter(session_experts::session_id.eq(s.id))
        .filter(session_experts::status.eq(SessionExpertStatus::Active.as_str()))
        .select((
            session_experts::group_id,
            session_experts::group_leader,
            session_experts::committee_position,
        ))
        .load(conn)?;
    for g in &groups {
        let members = serving.iter().filter(|e| e.0 == Some(g.id)).count();
        if members < MIN_GROUP_EXPERTS {
            return Err(ApiError::with_text(
                ErrorCode::GroupTooSmall,
                format!(
                    "小组“{}”只有 {members} 名在组专家，至少需要 {MIN_GROUP_EXPERTS} 名",
                    g.name
                ),
                format!(
                    "Group “{}” has {members} serving experts; at least {MIN_GROUP_EXPERTS} are needed",
                    g.name
                ),
            ));
        }
        let leaders = serving.iter().filter(|e| e.0 == Some(g.id) && e.1).count();
        if leaders != 1 {
            return Err(ApiError::with_text(
                ErrorCode::GroupLeaderMissing,
                format!("小组“{}”须设且只设一名组长", g.name),
                format!("Group “{}” needs exactly one leader", g.name),
            ));
        }
    }
    if let Some(name) = super::draws::outdated_group(conn, s)? {
        return Err(ApiError::with_text(
            ErrorCode::DrawOutdated,
            format!("小组“{name}”的申报材料或专家人数在抽取后已变更，请重新抽取"),
            format!("Group “{name}” changed after its draw; re-draw it first"),
        ));
    }
    let committee: Vec<CommitteePosition> = serving.iter().filter_map(|e| e.2).collect();
    let size = committee.len();
    if size.is_multiple_of(2) {
        return Err(ApiError::with_text(
            ErrorCode::CommitteeSizeEven,
            format!("评委会现有 {size} 名委员，人数须为单数"),
            format!("The committee has {size} members; the number must be odd"),
        ));
    }
    let directors = committee
        .iter()
        .filter(|p| **p == CommitteePosition::Director)
        .count();
    if directors != 1 {
        return Err(ApiError::with_text(
            ErrorCode::DirectorRequired,
            format!("评委会须设且只设一名主任委员（现有 {directors} 名）"),
            format!("The committee needs exactly one director (it has {directors})"),
        ));
    }
    let rules = current(conn)?;
    if rules.senior_size_rules && senior(conn, s)? {
        let (min, zh, en) = match s.formed_by {
            Formation::Series => (rules.senior_by_series_min, "按系列组建", "formed by series"),
            Formation::Specialty => (
                rules.senior_by_specialty_min,
                "按专业组建",
                "formed by specialty",
            ),
        };
        if i32::try_from(size).unwrap_or(i32::MAX) < min {
            return Err(ApiError::with_text(
                ErrorCode::CommitteeTooSmall,
                format!("{zh}的高级评委会委员不得少于 {min} 名，现有 {size} 名"),
                format!("A senior committee {en} has at least {min} members; it has {size}"),
            ));
        }
    }
    Ok(())
}

/// The guarded update of a start: status → reviewing.
pub fn start_update(
    conn: &mut DbConnection,
    guard: crate::versioned::Guard,
    now: chrono::NaiveDateTime,
) -> Result<usize, ApiError> {
    Ok(crate::guarded_update!(
        conn,
        review_sessions,
        guard,
        (
            review_sessions::status.eq(SessionStatus::Reviewing),
            review_sessions::updated_at.eq(now),
        )
    )?)
}

/// The audit's extra field of a start.
pub fn started(
    _: &mut DbConnection,
) -> Result<serde_json::Map<String, serde_json::Value>, ApiError> {
    let mut m = serde_json::Map::new();
    m.insert("checks".to_owned(), json!("passed"));
    Ok(m)
}
