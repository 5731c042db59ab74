//! Result publicity from a tallied session (§6.2.10.9): the committee's organising unit chooses
//! a session in `tallied`; the batch holds every application of it still in
//! `result_publicity` — the ones the tally passed (the failed ones went to `failed` and are
//! never published).

use diesel::prelude::*;
use shared::{
    experts::SessionStatus, publicity::ResultSession, workflow::Stage, ErrorCode, Locale,
};

use crate::{
    auth::AuthUser,
    db::{
        schema::{
            applications, committees, group_applications, publicity_batches, publicity_items,
            review_sessions,
        },
        DbConnection,
    },
    error::ApiError,
    online,
};

/// The applications of `session_id` in `result_publicity`, ascending.
pub fn passed_applications(conn: &mut DbConnection, session_id: i64) -> Result<Vec<i64>, ApiError> {
    Ok(group_applications::table
        .inner_join(applications::table)
        .filter(group_applications::session_id.eq(session_id))
        .filter(applications::stage.eq(Stage::ResultPublicity))
        .order(applications::id.asc())
        .select(applications::id)
        .load(conn)?)
}

/// The session's applications for a new batch: 422 when the session is not one of the
/// caller's unit's committees or has nobody to publicise, 409 when it is not tallied.
pub fn plan(
    conn: &mut DbConnection,
    user: &AuthUser,
    session_id: i64,
) -> Result<Vec<i64>, ApiError> {
    let not_ours = || {
        ApiError::validation(
            "session_id",
            "不是本单位组建的评委会的评审会",
            "is not a session of a committee the caller's unit organises",
        )
    };
    let session: online::SessionRow = review_sessions::table
        .find(session_id)
        .select(online::SessionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(not_ours)?;
    let organiser: i64 = committees::table
        .find(session.committee_id)
        .select(committees::unit_id)
        .first(conn)?;
    if organiser != user.unit_id {
        return Err(not_ours());
    }
    if session.status != SessionStatus::Tallied {
        return Err(ApiError::with_text(
            ErrorCode::InvalidTransition,
            format!(
                "评审会统票后方可公示评审结果（当前状态：{}）",
                session.status.label(Locale::ZhCn)
            ),
            format!(
                "The results are publicised once the session is tallied (status: {})",
                session.status.as_str()
            ),
        ));
    }
    let ids = passed_applications(conn, session_id)?;
    if ids.is_empty() {
        return Err(ApiError::validation(
            "session_id",
            "该评审会没有待公示的评审通过人员",
            "the session has no passed application awaiting publicity",
        ));
    }
    Ok(ids)
}

/// The tallied sessions of the caller's unit's committees with passed applications that are in
/// no batch yet, newest first.
pub fn choosable(conn: &mut DbConnection, user: &AuthUser) -> Result<Vec<ResultSession>, ApiError> {
    let rows: Vec<(i64, String, String, i32)> = review_sessions::table
        .inner_join(committees::table)
        .filter(committees::unit_id.eq(user.unit_id))
        .filter(review_sessions::status.eq(SessionStatus::Tallied))
        .order(review_sessions::id.desc())
        .select((
            review_sessions::id,
            review_sessions::name,
            committees::name,
            review_sessions::year,
        ))
        .load(conn)?;
    let mut out = Vec::new();
    for (id, name, committee, year) in rows {
        let ids = passed_applications(conn, id)?;
        let busy: i64 = publicity_items::table
            .inner_join(publicity_batches::table)
            .filter(publicity_items::application_id.eq_any(&ids))
            .count()
            .get_result(conn)?;
        let passed = i64::try_from(ids.len()).unwrap_or(i64::MAX) - busy;
        if passed > 0 {
            out.push(ResultSession {
                id,
                name,
                committee,
                year,
                passed,
            });
        }
    }
    Ok(out)
}
