//! `/api/v1/review-sessions…`, `/api/v1/review-groups/{id}…`, `/api/v1/draws/{id}…`,
//! `/api/v1/session-experts/{id}…` and `/api/v1/session-rules`: the review session of manual
//! §6.2.10.1 (module `title.online.sessions`). The rules are in `crate::sessions`.

pub mod draws;
pub mod experts;
pub mod export;
pub mod groups;
pub mod rules;
pub mod session;

use actix_web::HttpRequest;

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    routes::auth::client_ip,
    versioned::{Change, Kind},
};

/// Who writes, from where and when: what every write of these routes checks and audits.
pub struct Writer {
    pub user: AuthUser,
    pub actor: Actor,
    pub now: chrono::NaiveDateTime,
}

impl Writer {
    pub fn of(req: &HttpRequest, user: AuthUser, auth: &AuthState) -> Self {
        Writer {
            actor: Actor::of(&user, client_ip(req)),
            now: auth.clock.now(),
            user,
        }
    }

    /// The change of row `id` of `kind` that the caller read at `version`, audited as `action`.
    pub fn change<'a>(&'a self, kind: Kind, id: i64, version: i64, action: &'a str) -> Change<'a> {
        Change {
            kind,
            id,
            read_version: version,
            action,
            actor: &self.actor,
            now: self.now,
        }
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
