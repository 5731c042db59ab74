//! The applicant's unit information in a published batch (issue 9 point 3, manual §6.2.2:
//! "公示期单位可修改单位的基本信息"): while a batch is published, the unit an applicant works
//! for may correct the name it is published under, its contact and phone for that item. The
//! change bumps the batch's version (the caller sends the version it read) and is audited on
//! the batch; a completed batch is closed.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::{json, Map};
use shared::{
    publicity::{PublicityStatus, UpdatePublicityItem},
    AccountKind, ErrorCode, Locale,
};

use super::{require_visible, BatchRow, Caller};
use crate::{
    audit::Actor,
    auth::AuthUser,
    db::{
        schema::{applications, publicity_batches, publicity_item_units, publicity_items},
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    versioned::{Change, Kind},
};

/// A unit's corrected information for one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitInfo {
    pub name: String,
    pub contact: String,
    pub phone: String,
}

/// The corrections of a batch, by application id.
pub fn load(conn: &mut DbConnection, batch_id: i64) -> Result<HashMap<i64, UnitInfo>, ApiError> {
    let rows: Vec<(i64, String, String, String)> = publicity_item_units::table
        .filter(publicity_item_units::batch_id.eq(batch_id))
        .select((
            publicity_item_units::application_id,
            publicity_item_units::unit_name,
            publicity_item_units::unit_contact,
            publicity_item_units::unit_phone,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, contact, phone)| {
            (
                id,
                UnitInfo {
                    name,
                    contact,
                    phone,
                },
            )
        })
        .collect())
}

/// Whether `user` may correct items of `row`: a unit-side account of a published batch; the
/// items it may correct are those whose employer is its unit ([`employer_of`]).
pub fn may_edit(user: &AuthUser, caller: &Caller, row: &BatchRow) -> bool {
    matches!(caller, Caller::Unit)
        && matches!(
            user.kind,
            AccountKind::Unit | AccountKind::UnitAdmin | AccountKind::Handler
        )
        && row.status == PublicityStatus::Published
}

/// The employer of each item of a batch, by application id.
pub fn employers(conn: &mut DbConnection, batch_id: i64) -> Result<HashMap<i64, i64>, ApiError> {
    let rows: Vec<(i64, i64)> = publicity_items::table
        .inner_join(applications::table)
        .filter(publicity_items::batch_id.eq(batch_id))
        .select((applications::id, applications::employer_id))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

fn snapshot(
    conn: &mut DbConnection,
    batch_id: i64,
    application_id: i64,
) -> Result<serde_json::Value, ApiError> {
    let row = BatchRow::find(conn, batch_id)?;
    let info = load(conn, batch_id)?.remove(&application_id);
    Ok(json!({
        "status": row.status,
        "version": row.version,
        "application_id": application_id,
        "unit_name": info.as_ref().map(|i| i.name.clone()),
        "unit_contact": info.as_ref().map(|i| i.contact.clone()),
        "unit_phone": info.map(|i| i.phone),
    }))
}

/// Corrects the unit information of one item. 404 when the batch is out of sight or the
/// application is not in it; 403 unless the caller's unit is the applicant's employer;
/// 409 `version_conflict` on a stale version, `invalid_transition` unless published;
/// 422 naming the field.
#[expect(
    clippy::too_many_arguments,
    reason = "the route's facts: who, which batch and item, what, when"
)]
pub fn update(
    conn: &mut DbConnection,
    user: &AuthUser,
    caller: &Caller,
    batch_id: i64,
    application_id: i64,
    req: &UpdatePublicityItem,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let row = require_visible(conn, user, caller, batch_id)?;
    let employer = employers(conn, batch_id)?
        .get(&application_id)
        .copied()
        .ok_or_else(|| {
            ApiError::with_text(
                ErrorCode::NotFound,
                "该申报不在此公示批次中",
                "This application is not in the batch",
            )
        })?;
    if !matches!(caller, Caller::Unit) || employer != user.unit_id {
        return Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "只有申报人所在单位可以修改其单位信息",
            "Only the applicant's unit may edit its information",
        ));
    }
    let change = Change {
        kind: Kind::PublicityBatch,
        id: batch_id,
        read_version: req.version,
        action: "publicity.item_unit_update",
        actor,
        now,
    };
    change.expect(row.version)?;
    if !may_edit(user, caller, &row) {
        return Err(ApiError::with_text(
            ErrorCode::InvalidTransition,
            format!(
                "只能在公示期内修改单位信息（当前状态：{}）",
                row.status.label(Locale::ZhCn)
            ),
            format!(
                "unit information can be edited only while the batch is published (status: {})",
                row.status.as_str()
            ),
        ));
    }
    if let Some(p) = req.problems().into_iter().next() {
        return Err(ApiError::validation(p.field, &p.rule.zh(), &p.rule.en()));
    }
    let info = UnitInfo {
        name: req.unit_name.trim().to_owned(),
        contact: req.unit_contact.trim().to_owned(),
        phone: req.unit_phone.trim().to_owned(),
    };
    change.apply(
        conn,
        |conn| snapshot(conn, batch_id, application_id),
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                publicity_batches,
                guard,
                publicity_batches::updated_at.eq(now)
            )?)
        },
        |conn| {
            diesel::delete(
                publicity_item_units::table
                    .filter(publicity_item_units::batch_id.eq(batch_id))
                    .filter(publicity_item_units::application_id.eq(application_id)),
            )
            .execute(conn)?;
            diesel::insert_into(publicity_item_units::table)
                .values((
                    publicity_item_units::batch_id.eq(batch_id),
                    publicity_item_units::application_id.eq(application_id),
                    publicity_item_units::unit_name.eq(&info.name),
                    publicity_item_units::unit_contact.eq(&info.contact),
                    publicity_item_units::unit_phone.eq(&info.phone),
                    publicity_item_units::updated_by.eq(user.id),
                    publicity_item_units::updated_at.eq(now),
                ))
                .execute(conn)?;
            Ok(Map::new())
        },
    )?;
    Ok(())
}
