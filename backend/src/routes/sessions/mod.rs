//! `/api/v1/review-sessions…`, `/api/v1/review-groups/{id}…`, `/api/v1/draws/{id}…`,
//! `/api/v1/session-experts/{id}…` and `/api/v1/session-rules`: the review session of manual
//! §6.2.10.1 (module `title.online.sessions`). The rules are in `crate::sessions`.

pub mod draws;
pub mod experts;
pub mod export;
pub mod groups;
pub mod rules;
pub mod session;

use crate::{
    audit::Actor,
    auth::AuthUser,
    sessions::SessionRow,
    versioned::{Change, Kind},
};

/// The change of a session row by `actor`.
pub fn session_change<'a>(
    row: &SessionRow,
    version: i64,
    action: &'a str,
    actor: &'a Actor,
    now: chrono::NaiveDateTime,
) -> Change<'a> {
    Change {
        kind: Kind::Session,
        id: row.id,
        read_version: version,
        action,
        actor,
        now,
    }
}

/// The session's answer as a snapshot function for [`Change::apply`].
pub fn snapshot(
    user: &AuthUser,
    id: i64,
) -> impl Fn(
    &mut crate::db::DbConnection,
) -> Result<shared::sessions::ReviewSession, crate::error::ApiError>
       + '_ {
    move |c| crate::sessions::write::answer(c, user, id)
}
