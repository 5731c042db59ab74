//! `/api/v1/publicity-batches`, `/api/v1/publicity-reports` and the public site's
//! `/api/v1/public/publicity` (no login).

pub mod complete;
pub mod create;
pub mod export;
pub mod get;
pub mod list;
pub mod public_get;
pub mod public_list;
pub mod public_report;
pub mod publish;
pub mod report;
pub mod resolve;
pub mod result_sessions;
pub mod template;
pub mod update;
pub mod update_item;

use chrono::NaiveDateTime;
use shared::publicity::PublicityBatchDetail;

use crate::{
    auth::AuthUser,
    calendar,
    db::DbConnection,
    error::ApiError,
    publicity::{self, Caller},
};

/// The detail answer of a batch the caller sees, at `now`.
pub(crate) fn detail(
    conn: &mut DbConnection,
    user: &AuthUser,
    caller: &Caller,
    id: i64,
    now: NaiveDateTime,
) -> Result<PublicityBatchDetail, ApiError> {
    let row = publicity::require_visible(conn, user, caller, id)?;
    let batch = publicity::to_dto(conn, user, caller, &row, calendar::today(now))?;
    let owner = batch.can_manage;
    let mut items = publicity::items(conn, id)?;
    if publicity::item_units::may_edit(user, caller, &row) {
        let employers = publicity::item_units::employers(conn, id)?;
        for item in &mut items {
            item.can_edit_unit = employers.get(&item.application_id) == Some(&user.unit_id);
        }
    }
    Ok(PublicityBatchDetail {
        batch,
        items,
        reports: publicity::reports(conn, id, owner)?,
    })
}
