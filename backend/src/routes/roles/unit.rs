//! Unit roles: the rules a role must satisfy and loading them as the API shows them.

use std::collections::BTreeSet;

use diesel::prelude::*;
use shared::{
    org::{UnitRole, UnitRoleRequest},
    ErrorCode, Module, UnitKind,
};

use super::{clean_description, clean_name, codes};
use crate::{
    auth::modules::NOT_FOR_UNITS,
    db::{
        schema::{unit_role_modules, unit_roles},
        DbConnection,
    },
    error::ApiError,
    org::unit_roles::default_name,
};

/// A request that passed the rules.
#[derive(Debug, Clone)]
pub struct CleanUnitRole {
    /// Trimmed name.
    pub name: String,
    /// Trimmed description.
    pub description: String,
    /// Modules the unit may use.
    pub available: BTreeSet<Module>,
    /// Of those, the ones it may hand out.
    pub assignable: BTreeSet<Module>,
}

/// Checks a unit role request: name and description; no module that no unit-side account
/// may hold (`auth::modules::NOT_FOR_UNITS`); `assignable` within `available`. `except` is
/// the role being edited, which may keep its name; a built-in default role keeps its name
/// always, because new units find their default role by it. Run it inside the write
/// transaction (the name check reads).
pub fn check(
    conn: &mut DbConnection,
    req: &UnitRoleRequest,
    except: Option<(i64, &str)>,
) -> Result<CleanUnitRole, ApiError> {
    let name = clean_name(&req.name)?;
    let description = clean_description(&req.description)?;
    if let Some((_, current)) = except {
        let built_in = UnitKind::ALL.iter().any(|&k| default_name(k) == current);
        if built_in && name != current {
            return Err(ApiError::validation(
                "name",
                "系统预置的单位角色不能改名（新建单位按名称找到它）",
                "a built-in unit role keeps its name (new units find it by name)",
            ));
        }
    }
    let available: BTreeSet<Module> = req.available.iter().copied().collect();
    let assignable: BTreeSet<Module> = req.assignable.iter().copied().collect();
    for (field, set) in [("available", &available), ("assignable", &assignable)] {
        let refused: Vec<&Module> = set.iter().filter(|m| NOT_FOR_UNITS.contains(m)).collect();
        if !refused.is_empty() {
            let list = codes(refused);
            return Err(ApiError::validation(
                field,
                &format!("以下模块只属于管理员、申报人、专家或政策性审查账号，不能授予单位：{list}"),
                &format!(
                    "these belong to administrators, applicants, experts or policy reviewers, never to a unit: {list}"
                ),
            ));
        }
    }
    let outside: Vec<&Module> = assignable.difference(&available).collect();
    if !outside.is_empty() {
        let list = codes(outside);
        return Err(ApiError::validation(
            "assignable",
            &format!("可分配菜单须在可用菜单之内，以下模块不在其中：{list}"),
            &format!("must be among `available`; these are not: {list}"),
        ));
    }
    let mut taken = unit_roles::table
        .filter(unit_roles::name.eq(&name))
        .into_boxed();
    if let Some((id, _)) = except {
        taken = taken.filter(unit_roles::id.ne(id));
    }
    let taken: i64 = taken.count().get_result(conn)?;
    if taken > 0 {
        return Err(ApiError::with_text(
            ErrorCode::AlreadyExists,
            format!("已有名为“{name}”的单位角色"),
            format!("A unit role named {name} exists"),
        ));
    }
    Ok(CleanUnitRole {
        name,
        description,
        available,
        assignable,
    })
}

/// Replaces the modules of unit role `id`.
pub fn write_modules(
    conn: &mut DbConnection,
    id: i64,
    role: &CleanUnitRole,
) -> Result<(), ApiError> {
    diesel::delete(unit_role_modules::table.filter(unit_role_modules::role_id.eq(id)))
        .execute(conn)?;
    for module in &role.available {
        diesel::insert_into(unit_role_modules::table)
            .values((
                unit_role_modules::role_id.eq(id),
                unit_role_modules::module.eq(module.code()),
                unit_role_modules::assignable.eq(role.assignable.contains(module)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Unit roles with their modules (menu order), oldest first; all of them, or only `id`.
pub fn load(conn: &mut DbConnection, id: Option<i64>) -> Result<Vec<UnitRole>, ApiError> {
    let mut rows = unit_roles::table
        .select((unit_roles::id, unit_roles::name, unit_roles::description))
        .order(unit_roles::id.asc())
        .into_boxed();
    if let Some(id) = id {
        rows = rows.filter(unit_roles::id.eq(id));
    }
    let rows: Vec<(i64, String, String)> = rows.load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let held: Vec<(i64, String, bool)> = unit_role_modules::table
        .filter(unit_role_modules::role_id.eq_any(&ids))
        .select((
            unit_role_modules::role_id,
            unit_role_modules::module,
            unit_role_modules::assignable,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, description)| {
            let mine = || held.iter().filter(move |(role, _, _)| *role == id);
            let available: BTreeSet<Module> = mine()
                .filter_map(|(_, code, _)| Module::from_code(code))
                .collect();
            let assignable: BTreeSet<Module> = mine()
                .filter(|(_, _, a)| *a)
                .filter_map(|(_, code, _)| Module::from_code(code))
                .collect();
            UnitRole {
                id,
                name,
                description,
                available: available.into_iter().collect(),
                assignable: assignable.into_iter().collect(),
            }
        })
        .collect())
}

/// One unit role, or 404.
pub fn one(conn: &mut DbConnection, id: i64) -> Result<UnitRole, ApiError> {
    load(conn, Some(id))?
        .pop()
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}
