//! Unit roles: the modules a unit may use (可用) and may hand out (可分配). One default role
//! per unit kind exists from the first start; administrators add more.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::UnitKind;

use crate::{
    auth::modules::default_unit_role_modules,
    db::{
        schema::{unit_role_modules, unit_roles},
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
