//! Units and their tree. `path` is `/<root id>/…/<own id>/`, so a unit's subtree is the index
//! range `path >= P AND path < P'` where P' is P with its final `/` replaced by `0` (the next
//! byte). That one range scan is how every list enforces jurisdiction.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{ids::CreditCode, ErrorCode, UnitKind, UnitLevel};

use crate::{
    db::{schema::units, DbConnection},
    error::ApiError,
};

/// What a new unit needs.
#[derive(Debug, Clone)]
pub struct NewUnit {
    /// The parent (`None` only for the provincial HRSS root).
    pub parent_id: Option<i64>,
    /// Kind.
    pub kind: UnitKind,
    /// Level.
    pub level: UnitLevel,
    /// Name.
    pub name: String,
    /// Unified social credit code (checked).
    pub credit_code: CreditCode,
    /// Administrative region code or name.
    pub region: String,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Unit role (可用 / 可分配 modules).
    pub unit_role_id: Option<i64>,
}

/// The exclusive upper bound of the subtree range of `path`.
pub fn subtree_end(path: &str) -> String {
    let mut end = path.trim_end_matches('/').to_owned();
    end.push('0');
    end
}

/// The kind and level a unit may have under a parent (SPEC §2 tree rules): an HRSS holds the
/// next-level HRSS and same-level competent departments and employers; a competent department
/// holds same-level employers; an employer holds nothing.
pub fn check_placement(
    parent_kind: UnitKind,
    parent_level: UnitLevel,
    kind: UnitKind,
    level: UnitLevel,
) -> Result<(), ApiError> {
    let ok = match (parent_kind, kind) {
        (UnitKind::Hrss, UnitKind::Hrss) => parent_level.below() == Some(level),
        (UnitKind::Hrss, _) => level == parent_level,
        (UnitKind::CompetentDepartment, UnitKind::Employer) => level == parent_level,
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(ApiError::with_text(
            ErrorCode::ValidationFailed,
            "该上级单位下不能有此类型或级别的单位（人社机构下为下一级人社机构或同级主管部门、用人单位；主管部门下为同级用人单位）",
            "This kind or level of unit cannot sit under that parent (an HRSS holds the next-level HRSS and same-level departments and employers; a department holds same-level employers)",
        ))
    }
}

/// Inserts a unit under its parent and computes its path and depth.
pub fn create(
    conn: &mut DbConnection,
    unit: &NewUnit,
    now: NaiveDateTime,
) -> Result<i64, ApiError> {
    conn.write_transaction(|conn| {
        let (parent_path, depth) = match unit.parent_id {
            Some(pid) => {
                let (path, depth): (String, i32) = units::table
                    .find(pid)
                    .select((units::path, units::depth))
                    .first(conn)
                    .optional()?
                    .ok_or_else(|| {
                        ApiError::validation("parent_id", "上级单位不存在", "no such parent unit")
                    })?;
                (path, depth + 1)
            }
            None => ("/".to_owned(), 0),
        };
        let taken: i64 = units::table
            .filter(units::credit_code.eq(unit.credit_code.as_str()))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            return Err(ApiError::with_text(
                ErrorCode::AlreadyExists,
                "该统一社会信用代码已被其他单位使用",
                "Another unit has this unified social credit code",
            ));
        }
        let placeholder = format!("pending:{}", unit.credit_code.as_str());
        let id: i64 = diesel::insert_into(units::table)
            .values((
                units::parent_id.eq(unit.parent_id),
                units::kind.eq(unit.kind),
                units::level.eq(unit.level),
                units::name.eq(&unit.name),
                units::credit_code.eq(unit.credit_code.as_str()),
                units::region.eq(&unit.region),
                units::contact_name.eq(&unit.contact_name),
                units::contact_phone.eq(&unit.contact_phone),
                units::enabled.eq(true),
                units::path.eq(&placeholder),
                units::depth.eq(depth),
                units::unit_role_id.eq(unit.unit_role_id),
                units::created_at.eq(now),
                units::updated_at.eq(now),
            ))
            .returning(units::id)
            .get_result(conn)?;
        diesel::update(units::table.find(id))
            .set(units::path.eq(format!("{parent_path}{id}/")))
            .execute(conn)?;
        Ok(id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subtree_range_holds_exactly_the_descendants() {
        let p = "/1/5/";
        let end = subtree_end(p);
        assert_eq!(end, "/1/50");
        let inside = |s: &str| s >= p && s < end.as_str();
        assert!(inside("/1/5/"));
        assert!(inside("/1/5/23/"));
        assert!(inside("/1/5/23/99/"));
        assert!(!inside("/1/50/"));
        assert!(!inside("/1/55/"));
        assert!(!inside("/1/"));
        assert!(!inside("/1/4/"));
    }
}
