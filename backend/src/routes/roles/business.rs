//! Business roles: who manages which unit's roles, the rules a role must satisfy, and loading
//! them as the API shows them.

use std::collections::BTreeSet;

use diesel::prelude::*;
use shared::{
    org::{BusinessRole, BusinessRoleRequest},
    AccountKind, ErrorCode, Module,
};

use super::{clean_description, clean_name, codes};
use crate::{
    auth::AuthUser,
    db::{
        schema::{business_role_modules, business_roles, unit_role_modules, units},
        DbConnection,
    },
    error::ApiError,
    org::jurisdiction::{self, Relation},
};

/// Refuses unless the caller manages the business roles of `unit_id`: 404 outside the
/// caller's subtree; 403 for a unit below the caller's own unless the caller is a security
/// administrator (unit administrators manage their own unit only).
pub fn require_manage_unit(
    conn: &mut DbConnection,
    user: &AuthUser,
    unit_id: i64,
) -> Result<(), ApiError> {
    let relation = jurisdiction::require_visible(conn, user, unit_id)?;
    if relation != Relation::Own && user.kind != AccountKind::SecurityAdmin {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    Ok(())
}

/// The unit of business role `id`, found only inside the caller's subtree (404 otherwise),
/// and only if the caller manages that unit's roles (403 otherwise).
pub fn managed_role_unit(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<i64, ApiError> {
    let (start, end) = jurisdiction::range(user);
    let unit_id: i64 = business_roles::table
        .inner_join(units::table)
        .filter(business_roles::id.eq(id))
        .filter(units::path.ge(start))
        .filter(units::path.lt(end))
        .select(business_roles::unit_id)
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    if unit_id != user.unit_id && user.kind != AccountKind::SecurityAdmin {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    Ok(unit_id)
}

/// A request that passed the field rules.
#[derive(Debug, Clone)]
pub struct CleanRole {
    /// Trimmed name.
    pub name: String,
    /// Trimmed description.
    pub description: String,
    /// The modules, without duplicates.
    pub modules: BTreeSet<Module>,
}

/// Checks a request for a role of `unit_id`: name and description, and modules only among
/// those the unit's unit role lets it hand out (可分配). `except` is the role being edited,
/// which may keep its own name. Run it inside the write transaction (the name check reads).
pub fn check(
    conn: &mut DbConnection,
    unit_id: i64,
    req: &BusinessRoleRequest,
    except: Option<i64>,
) -> Result<CleanRole, ApiError> {
    let name = clean_name(&req.name)?;
    let description = clean_description(&req.description)?;
    let modules: BTreeSet<Module> = req.modules.iter().copied().collect();
    let assignable: BTreeSet<Module> = units::table
        .inner_join(
            unit_role_modules::table.on(unit_role_modules::role_id
                .nullable()
                .eq(units::unit_role_id)),
        )
        .filter(units::id.eq(unit_id))
        .filter(unit_role_modules::assignable.eq(true))
        .select(unit_role_modules::module)
        .load::<String>(conn)?
        .iter()
        .filter_map(|c| Module::from_code(c))
        .collect();
    let refused: Vec<&Module> = modules.difference(&assignable).collect();
    if !refused.is_empty() {
        let list = codes(refused);
        return Err(ApiError::validation(
            "modules",
            &format!("以下模块不在本单位的可分配菜单内：{list}"),
            &format!("not assignable in this unit: {list}"),
        ));
    }
    let mut taken = business_roles::table
        .filter(business_roles::unit_id.eq(unit_id))
        .filter(business_roles::name.eq(&name))
        .into_boxed();
    if let Some(id) = except {
        taken = taken.filter(business_roles::id.ne(id));
    }
    let taken: i64 = taken.count().get_result(conn)?;
    if taken > 0 {
        return Err(ApiError::with_text(
            ErrorCode::AlreadyExists,
            format!("本单位已有名为“{name}”的业务角色"),
            format!("This unit already has a business role named {name}"),
        ));
    }
    Ok(CleanRole {
        name,
        description,
        modules,
    })
}

/// Replaces the modules of role `id`.
pub fn write_modules(
    conn: &mut DbConnection,
    id: i64,
    modules: &BTreeSet<Module>,
) -> Result<(), ApiError> {
    diesel::delete(business_role_modules::table.filter(business_role_modules::role_id.eq(id)))
        .execute(conn)?;
    for module in modules {
        diesel::insert_into(business_role_modules::table)
            .values((
                business_role_modules::role_id.eq(id),
                business_role_modules::module.eq(module.code()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

type RoleRow = (i64, i64, String, String);

fn columns() -> (
    business_roles::id,
    business_roles::unit_id,
    business_roles::name,
    business_roles::description,
) {
    (
        business_roles::id,
        business_roles::unit_id,
        business_roles::name,
        business_roles::description,
    )
}

/// Attaches their modules (menu order) to role rows, in one query.
fn with_modules(
    conn: &mut DbConnection,
    rows: Vec<RoleRow>,
) -> Result<Vec<BusinessRole>, ApiError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let held: Vec<(i64, String)> = business_role_modules::table
        .filter(business_role_modules::role_id.eq_any(&ids))
        .select((
            business_role_modules::role_id,
            business_role_modules::module,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, unit_id, name, description)| {
            let modules: BTreeSet<Module> = held
                .iter()
                .filter(|(role, _)| *role == id)
                .filter_map(|(_, code)| Module::from_code(code))
                .collect();
            BusinessRole {
                id,
                unit_id,
                name,
                description,
                modules: modules.into_iter().collect(),
            }
        })
        .collect())
}

/// The business roles of `unit_id` inside the caller's subtree, oldest first.
pub fn of_unit(
    conn: &mut DbConnection,
    user: &AuthUser,
    unit_id: i64,
) -> Result<Vec<BusinessRole>, ApiError> {
    let (start, end) = jurisdiction::range(user);
    let rows: Vec<RoleRow> = business_roles::table
        .inner_join(units::table)
        .filter(business_roles::unit_id.eq(unit_id))
        .filter(units::path.ge(start))
        .filter(units::path.lt(end))
        .order(business_roles::id.asc())
        .select(columns())
        .load(conn)?;
    with_modules(conn, rows)
}

/// One business role (the caller's access is checked before).
pub fn one(conn: &mut DbConnection, id: i64) -> Result<BusinessRole, ApiError> {
    let rows: Vec<RoleRow> = business_roles::table
        .filter(business_roles::id.eq(id))
        .select(columns())
        .load(conn)?;
    with_modules(conn, rows)?
        .pop()
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}
