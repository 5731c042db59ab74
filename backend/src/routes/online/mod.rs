//! During the review (manual §6.2.10.2–§6.2.10.5): `/api/v1/review-sessions/{id}/attendance…`,
//! `/api/v1/review-sessions/{id}/blind-opinions…`, `/api/v1/review-groups/{id}/distribution`,
//! `…/enter-review`, `…/defense-held`, `/api/v1/expert-reviews/{id}…`,
//! `/api/v1/me/expert-tasks` and `/api/v1/applications/{id}/review-progress`. The rules live in
//! `crate::online`.

pub mod attendance;
pub mod blind_opinions;
pub mod distribution;
pub mod reviews;
pub mod tasks;

use shared::{ErrorCode, Module};

use crate::{
    auth::AuthUser,
    db::DbConnection,
    error::ApiError,
    online::{self, access, GroupRow, SessionExpertRow, SessionRow},
};

/// The modules that let the organising unit follow and run the review.
pub const UNIT_REVIEW: &[Module] = &[Module::Sessions, Module::Distribution];

/// The signed-in leader of group `id`: 403 without `group_management` or when not the leader,
/// 404 outside the caller's sessions, 409 `expert_not_signed_in`.
pub fn require_leader(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<(SessionRow, GroupRow, SessionExpertRow), ApiError> {
    access::require_expert_module(user, Module::GroupManagement)?;
    let group = online::group(conn, id)?;
    let place = access::my_place(conn, user, group.session_id)?
        .filter(|p| p.group_id == Some(group.id))
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    if !place.group_leader {
        return Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "只有本组组长可以分发材料",
            "Only the group leader distributes its dossiers",
        ));
    }
    place.require_signed_in()?;
    let session = online::session(conn, group.session_id)?;
    Ok((session, group, place))
}
