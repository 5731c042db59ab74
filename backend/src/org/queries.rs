//! Row types and DTO conversion for units and accounts, shared by the routes.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{ids::IdNumber, org, AccountKind, UnitKind, UnitLevel};

use crate::{
    db::{
        schema::{account_roles, accounts, units},
        DbConnection,
    },
    error::ApiError,
};

/// A `units` row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = units)]
pub struct UnitRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: UnitKind,
    pub level: UnitLevel,
    pub name: String,
    pub credit_code: String,
    pub region: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub enabled: bool,
    pub path: String,
    pub depth: i32,
    pub unit_role_id: Option<i64>,
    pub version: i64,
}

impl UnitRow {
    /// The API form.
    pub fn into_dto(self) -> Result<org::Unit, ApiError> {
        Ok(org::Unit {
            id: self.id,
            parent_id: self.parent_id,
            kind: self.kind,
            level: self.level,
            name: self.name,
            credit_code: self.credit_code,
            region: self.region,
            contact_name: self.contact_name,
            contact_phone: self.contact_phone,
            enabled: self.enabled,
            depth: self.depth,
            unit_role_id: self.unit_role_id,
            version: self.version,
        })
    }
}

/// An `accounts` row (without the hash) with its unit's name.
#[derive(Debug, Clone, Queryable)]
pub struct AccountRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub kind: AccountKind,
    pub unit_id: i64,
    pub unit_name: String,
    pub phone: Option<String>,
    pub id_number: Option<String>,
    pub enabled: bool,
    pub locked_until: Option<NaiveDateTime>,
    pub must_change_password: bool,
    pub last_login_at: Option<NaiveDateTime>,
    pub version: i64,
}

/// The selection matching [`AccountRow`]; use with `accounts::table.inner_join(units::table)`.
#[expect(clippy::type_complexity, reason = "a diesel selection tuple")]
pub fn account_columns() -> (
    accounts::id,
    accounts::username,
    accounts::display_name,
    accounts::kind,
    accounts::unit_id,
    units::name,
    accounts::phone,
    accounts::id_number,
    accounts::enabled,
    accounts::locked_until,
    accounts::must_change_password,
    accounts::last_login_at,
    accounts::version,
) {
    (
        accounts::id,
        accounts::username,
        accounts::display_name,
        accounts::kind,
        accounts::unit_id,
        units::name,
        accounts::phone,
        accounts::id_number,
        accounts::enabled,
        accounts::locked_until,
        accounts::must_change_password,
        accounts::last_login_at,
        accounts::version,
    )
}

/// Converts rows, loading their business roles in one query.
///
/// An applicant's username is its ID number: it is answered whole only to the account's own
/// unit (`viewer_unit`, the employer that opened the account and tells the applicant the login
/// name); the units above, which also manage the account, read it masked like the ID number.
pub fn accounts_to_dto(
    conn: &mut DbConnection,
    rows: Vec<AccountRow>,
    viewer_unit: i64,
    now: NaiveDateTime,
) -> Result<Vec<org::Account>, ApiError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let roles: Vec<(i64, i64)> = account_roles::table
        .filter(account_roles::account_id.eq_any(&ids))
        .select((account_roles::account_id, account_roles::role_id))
        .load(conn)?;
    let with_mfa: Vec<i64> = crate::db::schema::account_mfa::table
        .filter(crate::db::schema::account_mfa::account_id.eq_any(&ids))
        .filter(crate::db::schema::account_mfa::confirmed_at.is_not_null())
        .select(crate::db::schema::account_mfa::account_id)
        .load(conn)?;
    rows.into_iter()
        .map(|r| {
            let kind = r.kind;
            Ok(org::Account {
                id: r.id,
                // In full to the account's own unit, an applicant's too (its ID number: the
                // employer must be able to tell its applicant the login name); masked above it
                // (issue 9 point 12), an expert's `zj…` too. `id_number_masked` stays masked
                // for everybody. Stored as a key, the name is rebuilt from the ID number.
                username: if r.unit_id == viewer_unit {
                    crate::login_names::shown(&r.username, r.id_number.as_deref())
                } else {
                    crate::login_names::shown_masked(&r.username, r.id_number.as_deref())
                },
                display_name: r.display_name,
                kind,
                unit_id: r.unit_id,
                unit_name: r.unit_name,
                phone: r.phone,
                id_number_masked: r
                    .id_number
                    .as_deref()
                    .and_then(|i| IdNumber::parse(i).ok())
                    .map(|i| i.masked()),
                enabled: r.enabled,
                locked: r.locked_until.is_some_and(|u| u > now),
                must_change_password: r.must_change_password,
                role_ids: roles
                    .iter()
                    .filter(|(a, _)| *a == r.id)
                    .map(|(_, role)| *role)
                    .collect(),
                mfa_enabled: with_mfa.contains(&r.id),
                last_login_at: r.last_login_at.map(crate::clock::rfc3339),
                version: r.version,
            })
        })
        .collect()
}
