//! Affiliation change (主管部门更改, manual §7.1.2): a unit asks to move under a new parent; the
//! new parent, or an HRSS above it, approves or rejects with an opinion. Nobody changes a parent
//! directly. Approving moves the unit's whole subtree (paths and depths) in one transaction.
//! Requests are never deleted: they are the history.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{
    auth::UnitRef,
    org::{AffiliationRequest, AffiliationStatus},
    ErrorCode, UnitKind, UnitLevel,
};

use super::{
    jurisdiction::{self, Relation},
    queries::UnitRow,
    units::subtree_end,
};
use crate::{
    auth::AuthUser,
    db::{
        schema::{affiliation_requests, applications, units},
        DbConnection,
    },
    error::ApiError,
};

/// A stored request.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = affiliation_requests)]
pub struct RequestRow {
    pub id: i64,
    pub unit_id: i64,
    pub from_parent_id: i64,
    pub to_parent_id: i64,
    pub reason: String,
    pub status: AffiliationStatus,
    pub requested_by: i64,
    pub requested_at: NaiveDateTime,
    pub decided_by: Option<i64>,
    pub decided_at: Option<NaiveDateTime>,
    pub opinion: Option<String>,
}

fn unit_ref(conn: &mut DbConnection, id: i64) -> Result<UnitRef, ApiError> {
    let (name, kind, level): (String, UnitKind, UnitLevel) = units::table
        .find(id)
        .select((units::name, units::kind, units::level))
        .first(conn)?;
    Ok(UnitRef {
        id,
        name,
        kind,
        level,
    })
}

/// Whether the caller may decide requests that name `to_parent_id` as the new parent: the new
/// parent itself, or an HRSS (unit-side account of an HRSS, or an administrator at the province)
/// whose subtree holds it.
pub fn may_decide(
    conn: &mut DbConnection,
    user: &AuthUser,
    to_parent_id: i64,
) -> Result<bool, ApiError> {
    if !user.modules.contains(&shared::Module::Affiliation) {
        return Ok(false);
    }
    Ok(match jurisdiction::relation(conn, user, to_parent_id)? {
        Relation::Own => true,
        Relation::Below => {
            let own_kind: UnitKind = units::table
                .find(user.unit_id)
                .select(units::kind)
                .first(conn)?;
            own_kind == UnitKind::Hrss
        }
        Relation::Outside => false,
    })
}

/// The API form of a request.
pub fn to_dto(
    conn: &mut DbConnection,
    user: &AuthUser,
    r: RequestRow,
) -> Result<AffiliationRequest, ApiError> {
    let status = r.status;
    let can_decide =
        status == AffiliationStatus::Pending && may_decide(conn, user, r.to_parent_id)?;
    Ok(AffiliationRequest {
        id: r.id,
        unit: unit_ref(conn, r.unit_id)?,
        from_parent: unit_ref(conn, r.from_parent_id)?,
        to_parent: unit_ref(conn, r.to_parent_id)?,
        reason: r.reason,
        status,
        requested_by: crate::login_names::of_account(conn, Some(r.requested_by))?
            .unwrap_or_default(),
        requested_at: crate::clock::rfc3339(r.requested_at),
        decided_by: crate::login_names::of_account(conn, r.decided_by)?,
        decided_at: r.decided_at.map(crate::clock::rfc3339),
        opinion: r.opinion,
        can_decide,
    })
}

/// Checks that `unit` may hang under `to_parent` and returns the new parent's row.
pub fn check_target(
    conn: &mut DbConnection,
    unit: &UnitRow,
    to_parent_id: i64,
) -> Result<UnitRow, ApiError> {
    let parent: UnitRow = units::table
        .find(to_parent_id)
        .select(UnitRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| {
            ApiError::validation("to_parent_id", "目标上级单位不存在", "no such unit")
        })?;
    if Some(parent.id) == unit.parent_id {
        return Err(ApiError::validation(
            "to_parent_id",
            "已经是当前上级单位",
            "is already the parent",
        ));
    }
    if parent.path.starts_with(&unit.path) {
        return Err(ApiError::validation(
            "to_parent_id",
            "不能归口到本单位或其下级单位",
            "cannot be the unit itself or below it",
        ));
    }
    if !parent.enabled {
        return Err(ApiError::validation(
            "to_parent_id",
            "目标上级单位已停用",
            "is disabled",
        ));
    }
    super::units::check_placement(parent.kind, parent.level, unit.kind, unit.level)
        .map_err(|e| e.at_field("to_parent_id"))?;
    Ok(parent)
}

/// Moves `unit` and everything below it under `parent`.
pub fn move_subtree(
    conn: &mut DbConnection,
    unit: &UnitRow,
    parent: &UnitRow,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let new_path = format!("{}{}/", parent.path, unit.id);
    let delta = parent.depth + 1 - unit.depth;
    let end = subtree_end(&unit.path);
    let rows: Vec<(i64, String, i32)> = units::table
        .filter(units::path.ge(&unit.path))
        .filter(units::path.lt(&end))
        .select((units::id, units::path, units::depth))
        .load(conn)?;
    for (id, path, depth) in rows {
        let rest = path.strip_prefix(&unit.path).unwrap_or_default();
        let moved = format!("{new_path}{rest}");
        diesel::update(units::table.find(id))
            .set((
                units::path.eq(&moved),
                units::depth.eq(depth + delta),
                units::updated_at.eq(now),
            ))
            .execute(conn)?;
        // Applications carry their employer's path for jurisdiction: keep it in step.
        diesel::update(applications::table.filter(applications::employer_id.eq(id)))
            .set(applications::employer_path.eq(&moved))
            .execute(conn)?;
    }
    diesel::update(units::table.find(unit.id))
        .set((
            units::parent_id.eq(parent.id),
            units::version.eq(units::version + 1),
        ))
        .execute(conn)?;
    Ok(())
}

/// A pending request of the unit, if any.
pub fn pending_of(conn: &mut DbConnection, unit_id: i64) -> Result<Option<i64>, ApiError> {
    Ok(affiliation_requests::table
        .filter(affiliation_requests::unit_id.eq(unit_id))
        .filter(affiliation_requests::status.eq(AffiliationStatus::Pending))
        .select(affiliation_requests::id)
        .first(conn)
        .optional()?)
}

/// 409 `conflict`: the request is no longer pending.
pub fn already_decided() -> ApiError {
    ApiError::with_text(
        ErrorCode::Conflict,
        "该申请已处理",
        "This request has already been decided",
    )
}

/// Refuses unless the request is pending.
pub fn require_pending(r: &RequestRow) -> Result<(), ApiError> {
    if r.status == AffiliationStatus::Pending {
        Ok(())
    } else {
        Err(already_decided())
    }
}
