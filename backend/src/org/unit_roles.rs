//! Unit roles: the modules a unit may use (可用) and may hand out (可分配). One default role
//! per unit kind exists from the first start; administrators add more.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{AccountKind, ErrorCode, Module, UnitKind};

use super::jurisdiction::{self, Relation};
use crate::{
    auth::{modules::default_unit_role_modules, AuthUser},
    db::{
        schema::{unit_role_delegation, unit_role_modules, unit_roles, units},
        DbConnection,
    },
    error::ApiError,
};

/// The default role's name for a unit kind.
pub fn default_name(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Hrss => "人社机构（默认）",
        UnitKind::CompetentDepartment => "主管部门（默认）",
        UnitKind::Employer => "用人单位（默认）",
    }
}

/// Creates the default roles that are missing; returns each kind's default role id.
pub fn ensure_defaults(
    conn: &mut DbConnection,
    now: NaiveDateTime,
) -> Result<Vec<(UnitKind, i64)>, ApiError> {
    conn.write_transaction(|conn| {
        let mut ids = Vec::new();
        for &kind in UnitKind::ALL {
            let name = default_name(kind);
            let existing: Option<i64> = unit_roles::table
                .filter(unit_roles::name.eq(name))
                .select(unit_roles::id)
                .first(conn)
                .optional()?;
            let id = match existing {
                Some(id) => id,
                None => {
                    let id: i64 = diesel::insert_into(unit_roles::table)
                        .values((
                            unit_roles::name.eq(name),
                            unit_roles::description.eq("系统预置 / built in"),
                            unit_roles::created_at.eq(now),
                            unit_roles::updated_at.eq(now),
                        ))
                        .returning(unit_roles::id)
                        .get_result(conn)?;
                    for (module, assignable) in default_unit_role_modules(kind) {
                        diesel::insert_into(unit_role_modules::table)
                            .values((
                                unit_role_modules::role_id.eq(id),
                                unit_role_modules::module.eq(module.code()),
                                unit_role_modules::assignable.eq(assignable),
                            ))
                            .execute(conn)?;
                    }
                    id
                }
            };
            ids.push((kind, id));
        }
        Ok(ids)
    })
}

/// Whether the caller is an HRSS unit administrator (`portal.system.users` at a unit of kind
/// `hrss`): the manual's 单位角色管理 “通过单位来新增单位管理员” lets it give the units below
/// its own a unit role and a unit administrator (§5.5).
pub fn is_hrss_unit_admin(conn: &mut DbConnection, user: &AuthUser) -> Result<bool, ApiError> {
    if user.kind != AccountKind::UnitAdmin || !user.modules.contains(&Module::Users) {
        return Ok(false);
    }
    let kind: String = units::table
        .find(user.unit_id)
        .select(units::kind)
        .first(conn)?;
    Ok(kind == UnitKind::Hrss.as_str())
}

/// An HRSS unit administrator gives unit `target` the unit role `role_id`: the unit must be
/// strictly below the caller's (its own unit's role is the security administrator's; 404 outside
/// its subtree), and the role must be one the security administrator delegated
/// (`unit_role_delegation`), else 422.
pub fn require_delegated_assignment(
    conn: &mut DbConnection,
    user: &AuthUser,
    target: i64,
    role_id: i64,
) -> Result<(), ApiError> {
    if !is_hrss_unit_admin(conn, user)? {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    match jurisdiction::require_visible(conn, user, target)? {
        Relation::Below => {}
        Relation::Own | Relation::Outside => {
            return Err(ApiError::with_text(
                ErrorCode::Forbidden,
                "本单位的单位角色由安全管理员设置，只能为下级单位设置",
                "Your own unit's role is set by the security administrator; set those of the units below",
            ))
        }
    }
    if !delegated_ids(conn)?.contains(&role_id) {
        return Err(ApiError::validation(
            "unit_role_id",
            "该单位角色未经安全管理员授权由人社机构分配",
            "the security administrator has not delegated this unit role",
        ));
    }
    Ok(())
}

/// The ids of the unit roles the security administrator delegated.
pub fn delegated_ids(conn: &mut DbConnection) -> Result<BTreeSet<i64>, ApiError> {
    Ok(unit_role_delegation::table
        .select(unit_role_delegation::role_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect())
}

/// Marks or unmarks a unit role as delegated; answers whether anything changed.
pub fn set_delegated(conn: &mut DbConnection, role_id: i64, on: bool) -> Result<bool, ApiError> {
    let was = delegated_ids(conn)?.contains(&role_id);
    if was == on {
        return Ok(false);
    }
    if on {
        diesel::insert_into(unit_role_delegation::table)
            .values(unit_role_delegation::role_id.eq(role_id))
            .execute(conn)?;
    } else {
        diesel::delete(unit_role_delegation::table.find(role_id)).execute(conn)?;
    }
    Ok(true)
}
