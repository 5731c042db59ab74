//! Accounts: created by administrators (and later in bulk), never deleted.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{AccountKind, ErrorCode};

use crate::{
    db::{
        schema::{account_roles, accounts},
        DbConnection,
    },
    error::ApiError,
};

/// What a new account needs. `password_hash` is computed by the caller (argon2 is slow; a
/// batch of accounts with the initial password shares one hash — see docs/DECISIONS.md).
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Login name (for applicants: the ID number).
    pub username: String,
    /// Name shown in the UI.
    pub display_name: String,
    /// Kind.
    pub kind: AccountKind,
    /// Unit.
    pub unit_id: i64,
    /// ID number (applicants, experts).
    pub id_number: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Forced change at first login (always true for initial and reset passwords).
    pub must_change_password: bool,
    /// Business roles to grant.
    pub role_ids: Vec<i64>,
    /// Who created it.
    pub created_by: Option<i64>,
}

/// Inserts an account; a taken username is 409 `already_exists`.
pub fn create(
    conn: &mut DbConnection,
    a: &NewAccount,
    now: NaiveDateTime,
) -> Result<i64, ApiError> {
    conn.write_transaction(|conn| {
        let taken: i64 = accounts::table
            .filter(accounts::username.eq(crate::login_names::name(&a.username)))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            return Err(ApiError::with_text(
                ErrorCode::AlreadyExists,
                format!("用户名 {} 已被使用", a.username),
                format!("The username {} is taken", a.username),
            ));
        }
        let id: i64 = diesel::insert_into(accounts::table)
            .values((
                accounts::username.eq(crate::login_names::name(&a.username)),
                accounts::display_name.eq(&a.display_name),
                accounts::kind.eq(a.kind),
                accounts::unit_id.eq(a.unit_id),
                accounts::id_number.eq(crate::pii::Pii::opt(a.id_number.as_deref())),
                accounts::id_number_hash.eq(a.id_number.as_deref().map(crate::pii::hash)),
                accounts::phone.eq(a.phone.as_deref()),
                accounts::password_hash.eq(&a.password_hash),
                accounts::must_change_password.eq(a.must_change_password),
                accounts::created_by.eq(a.created_by),
                accounts::created_at.eq(now),
                accounts::updated_at.eq(now),
            ))
            .returning(accounts::id)
            .get_result(conn)?;
        for role in &a.role_ids {
            diesel::insert_into(account_roles::table)
                .values((
                    account_roles::account_id.eq(id),
                    account_roles::role_id.eq(role),
                ))
                .execute(conn)?;
        }
        Ok(id)
    })
}
