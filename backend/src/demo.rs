//! The demo province: seeded into an empty database at first start (unless `DEMO=0`), listed
//! by `backend demo --json`. Every account kind at every level, with one shared demo password
//! and no forced change (the demo is for looking around, not for production).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use shared::{
    ids::{CreditCode, IdNumber},
    AccountKind, UnitKind, UnitLevel,
};

use crate::{
    auth::password,
    db::{
        schema::{business_role_modules, business_roles, unit_role_modules, units},
        DbConnection,
    },
    error::ApiError,
    org::{accounts, unit_roles, units as org_units},
};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "Demo#Title2026";

struct UnitPlan {
    key: &'static str,
    parent: Option<&'static str>,
    kind: UnitKind,
    level: UnitLevel,
    name: &'static str,
    region: &'static str,
}

const UNITS: &[UnitPlan] = &[
    UnitPlan {
        key: "prov_hrss",
        parent: None,
        kind: UnitKind::Hrss,
        level: UnitLevel::Province,
        name: "示范省人力资源和社会保障厅",
        region: "示范省",
    },
    UnitPlan {
        key: "prov_dept",
        parent: Some("prov_hrss"),
        kind: UnitKind::CompetentDepartment,
        level: UnitLevel::Province,
        name: "示范省工业和信息化厅",
        region: "示范省",
    },
    UnitPlan {
        key: "prov_emp",
        parent: Some("prov_dept"),
        kind: UnitKind::Employer,
        level: UnitLevel::Province,
        name: "示范省电力设计研究院",
        region: "示范省",
    },
    UnitPlan {
        key: "city_hrss",
        parent: Some("prov_hrss"),
        kind: UnitKind::Hrss,
        level: UnitLevel::City,
        name: "示范市人力资源和社会保障局",
        region: "示范省示范市",
    },
    UnitPlan {
        key: "city_dept",
        parent: Some("city_hrss"),
        kind: UnitKind::CompetentDepartment,
        level: UnitLevel::City,
        name: "示范市卫生健康局",
        region: "示范省示范市",
    },
    UnitPlan {
        key: "city_emp",
        parent: Some("city_dept"),
        kind: UnitKind::Employer,
        level: UnitLevel::City,
        name: "示范市第一人民医院",
        region: "示范省示范市",
    },
    UnitPlan {
        key: "county_hrss",
        parent: Some("city_hrss"),
        kind: UnitKind::Hrss,
        level: UnitLevel::County,
        name: "示范县人力资源和社会保障局",
        region: "示范省示范市示范县",
    },
    UnitPlan {
        key: "county_dept",
        parent: Some("county_hrss"),
        kind: UnitKind::CompetentDepartment,
        level: UnitLevel::County,
        name: "示范县教育局",
        region: "示范省示范市示范县",
    },
    UnitPlan {
        key: "county_emp",
        parent: Some("county_dept"),
        kind: UnitKind::Employer,
        level: UnitLevel::County,
        name: "示范县第一中学",
        region: "示范省示范市示范县",
    },
];

/// One demo account, as `demo --json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DemoAccount {
    /// Login name.
    pub username: String,
    /// Password.
    pub password: String,
    /// Account kind.
    pub kind: AccountKind,
    /// Business role (handlers) or the kind's label.
    pub role: String,
    /// Unit name.
    pub unit: String,
    /// Unit kind.
    pub unit_kind: UnitKind,
    /// Unit level.
    pub unit_level: UnitLevel,
}

/// What `demo --json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct DemoListing {
    /// Every demo account.
    pub accounts: Vec<DemoAccount>,
    /// The demo applications, one standing in every stage (read from the database).
    pub applications: Vec<crate::demo_workflow::DemoApplication>,
    /// The demo committee's expert accounts (issue 10).
    pub experts: Vec<crate::demo_experts::DemoExpert>,
}

const HANDLER_ROLE: &str = "业务经办";

fn accounts_of(unit: &UnitPlan) -> Vec<(String, AccountKind, String, Option<String>)> {
    let k = unit.key;
    let mut list = vec![
        (
            format!("{k}_unit"),
            AccountKind::Unit,
            format!("{}（单位账号）", unit.name),
            None,
        ),
        (
            format!("{k}_admin"),
            AccountKind::UnitAdmin,
            format!("{}管理员", short(unit.name)),
            None,
        ),
        (
            format!("{k}_handler"),
            AccountKind::Handler,
            format!("{}经办人", short(unit.name)),
            None,
        ),
    ];
    match k {
        "prov_hrss" => {
            list.push((
                "sysadmin".into(),
                AccountKind::SystemAdmin,
                "系统管理员".into(),
                None,
            ));
            list.push((
                "secadmin".into(),
                AccountKind::SecurityAdmin,
                "安全管理员".into(),
                None,
            ));
            list.push((
                "auditor".into(),
                AccountKind::Auditor,
                "安全审计员".into(),
                None,
            ));
        }
        "county_hrss" => {
            list.push((
                "pr_county_2026_001".into(),
                AccountKind::PolicyReviewer,
                "政策性审查账号 001".into(),
                None,
            ));
            // The recheck (复核) is another account's than the initial check (four eyes).
            list.push((
                "pr_county_2026_002".into(),
                AccountKind::PolicyReviewer,
                "政策性审查账号 002".into(),
                None,
            ));
        }
        "county_emp" | "city_emp" | "prov_emp" => {
            let (body, name) = match k {
                "county_emp" => ("52012119900101123", "张晓明"),
                "city_emp" => ("52010119850615234", "李文静"),
                _ => ("52000019780322345", "王建国"),
            };
            let check = IdNumber::check_char(body).map(char::from).unwrap_or('0');
            let id = format!("{body}{check}");
            list.push((id.clone(), AccountKind::Applicant, name.into(), Some(id)));
            if k == "county_emp" {
                for (username, display_name, id_number) in crate::demo_workflow::applicants() {
                    list.push((
                        username,
                        AccountKind::Applicant,
                        display_name,
                        Some(id_number),
                    ));
                }
            }
        }
        _ => {}
    }
    // The demo expert pool (issue 10): `expert_demo` and 23 more, at their employers.
    for (username, display_name, id_number) in crate::demo_experts::accounts_at(k) {
        list.push((username, AccountKind::Expert, display_name, Some(id_number)));
    }
    list
}

fn short(name: &str) -> &str {
    name.strip_prefix("示范").unwrap_or(name)
}

fn credit_code(index: usize) -> Result<CreditCode, ApiError> {
    let body = format!("12520000MB{:07}", 100 + index);
    let check = CreditCode::check_char(&body).map(char::from).unwrap_or('0');
    CreditCode::parse(&format!("{body}{check}"))
        .map_err(|e| ApiError::internal(anyhow::anyhow!("demo credit code: {e}")))
}

/// The listing (does not touch the database).
pub fn listing() -> DemoListing {
    let accounts = UNITS
        .iter()
        .flat_map(|u| {
            accounts_of(u)
                .into_iter()
                .map(move |(username, kind, _, _)| DemoAccount {
                    username,
                    password: DEMO_PASSWORD.to_owned(),
                    kind,
                    role: if kind == AccountKind::Handler {
                        HANDLER_ROLE.to_owned()
                    } else {
                        kind.label(shared::Locale::ZhCn).to_owned()
                    },
                    unit: u.name.to_owned(),
                    unit_kind: u.kind,
                    unit_level: u.level,
                })
        })
        .collect();
    let unit_name = |key: &str| {
        UNITS
            .iter()
            .find(|u| u.key == key)
            .map(|u| u.name.to_owned())
            .unwrap_or_default()
    };
    DemoListing {
        accounts,
        applications: Vec::new(),
        experts: crate::demo_experts::listing(unit_name),
    }
}

/// Seeds the demo province if the database has no unit yet; returns whether it did.
pub fn seed_if_empty(conn: &mut DbConnection, now: NaiveDateTime) -> Result<bool, ApiError> {
    let existing: i64 = units::table.count().get_result(conn)?;
    if existing > 0 {
        return Ok(false);
    }
    let hash = password::hash(DEMO_PASSWORD)?;
    let roles = unit_roles::ensure_defaults(conn, now)?;
    conn.write_transaction(|conn| {
        let mut ids: Vec<(&str, i64)> = Vec::new();
        for (index, plan) in UNITS.iter().enumerate() {
            let parent_id = plan
                .parent
                .and_then(|p| ids.iter().find(|(k, _)| *k == p).map(|(_, id)| *id));
            let role_id = roles
                .iter()
                .find(|(k, _)| *k == plan.kind)
                .map(|(_, id)| *id);
            let unit_id = org_units::create(
                conn,
                &org_units::NewUnit {
                    parent_id,
                    kind: plan.kind,
                    level: plan.level,
                    name: plan.name.to_owned(),
                    credit_code: credit_code(index)?,
                    region: plan.region.to_owned(),
                    contact_name: "示范联系人".to_owned(),
                    contact_phone: "0851-00000000".to_owned(),
                    unit_role_id: role_id,
                },
                now,
            )?;
            ids.push((plan.key, unit_id));
            // The handlers' business role: everything the unit may hand out.
            let role: i64 = diesel::insert_into(business_roles::table)
                .values((
                    business_roles::unit_id.eq(unit_id),
                    business_roles::name.eq(HANDLER_ROLE),
                    business_roles::description.eq("示范数据 / demo"),
                    business_roles::created_at.eq(now),
                    business_roles::updated_at.eq(now),
                ))
                .returning(business_roles::id)
                .get_result(conn)?;
            let assignable: Vec<String> = unit_role_modules::table
                .filter(unit_role_modules::role_id.nullable().eq(role_id))
                .filter(unit_role_modules::assignable.eq(true))
                .select(unit_role_modules::module)
                .load(conn)?;
            for module in assignable {
                diesel::insert_into(business_role_modules::table)
                    .values((
                        business_role_modules::role_id.eq(role),
                        business_role_modules::module.eq(module),
                    ))
                    .execute(conn)?;
            }
            for (username, kind, display_name, id_number) in accounts_of(plan) {
                accounts::create(
                    conn,
                    &accounts::NewAccount {
                        username,
                        display_name,
                        kind,
                        unit_id,
                        id_number,
                        phone: None,
                        password_hash: hash.clone(),
                        must_change_password: false,
                        role_ids: if kind == AccountKind::Handler {
                            vec![role]
                        } else {
                            Vec::new()
                        },
                        created_by: None,
                    },
                    now,
                )?;
            }
        }
        Ok::<(), ApiError>(())
    })?;
    conn.write_transaction(|conn| crate::demo_workflow::seed(conn, now))?;
    conn.write_transaction(|conn| crate::demo_experts::seed(conn, now))?;
    conn.write_transaction(|conn| crate::demo_certificates::seed(conn, now))?;
    crate::demo_session::seed_session(conn, now)?;
    // Its accounts are printed with one known password for trying the product: two-factor
    // authentication is left for the security administrator to turn on (docs/DEMO.md). A first
    // start without the demo keeps the default, which requires it of the three administrators.
    let policy = password::SecurityPolicy {
        mfa_groups: Vec::new(),
        ..password::SecurityPolicy::default()
    };
    crate::db::settings::put(
        conn,
        password::SecurityPolicy::KEY,
        &serde_json::to_value(&policy).map_err(ApiError::internal)?,
        None,
        now,
    )?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listing_covers_every_kind_and_level_with_valid_identifiers() {
        let list = listing();
        for &kind in AccountKind::ALL {
            assert!(
                list.accounts.iter().any(|a| a.kind == kind),
                "no demo {kind}"
            );
        }
        for &level in UnitLevel::ALL {
            for &ukind in UnitKind::ALL {
                assert!(list
                    .accounts
                    .iter()
                    .any(|a| a.unit_level == level && a.unit_kind == ukind));
            }
        }
        for a in list
            .accounts
            .iter()
            .filter(|a| a.kind == AccountKind::Applicant)
        {
            assert!(IdNumber::parse(&a.username).is_ok(), "{}", a.username);
        }
        for i in 0..UNITS.len() {
            assert!(credit_code(i).is_ok());
        }
        let mut names: Vec<_> = list.accounts.iter().map(|a| &a.username).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), list.accounts.len(), "usernames are unique");
    }

    #[test]
    fn the_demo_password_satisfies_the_policy() {
        assert!(password::SecurityPolicy::default()
            .check("county_emp_admin", DEMO_PASSWORD)
            .is_ok());
    }
}
