//! Roles and the security policy: business roles (统一门户 › 业务角色管理), unit roles
//! (单位角色管理, the security administrator's) and the password and lockout rules (安全策略).

pub mod assign_unit_role;
pub mod create_business_role;
pub mod create_unit_role;
pub mod delegate_unit_role;
pub mod delete_business_role;
pub mod get_security_policy;
pub mod list_business_roles;
pub mod list_unit_roles;
pub mod put_security_policy;
pub mod update_business_role;
pub mod update_unit_role;

mod business;
mod unit;

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::Deserialize;
use shared::{ErrorCode, Module};

use crate::{audit::Actor, auth::AuthUser, error::ApiError};

/// `?unit_id=` of the business-role endpoints.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UnitQuery {
    /// The unit whose business roles are meant (default: the caller's unit). Unit
    /// administrators manage their own unit only; security administrators any unit in their
    /// jurisdiction.
    pub unit_id: Option<i64>,
}

/// The audit actor for a signed-in caller.
fn actor(user: &AuthUser, ip: Option<String>) -> Actor {
    Actor {
        id: Some(user.id),
        name: Some(user.username.clone()),
        unit_id: Some(user.unit_id),
        ip,
    }
}

/// A role's name: trimmed, 1–100 characters.
fn clean_name(name: &str) -> Result<String, ApiError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::validation(
            "name",
            "不能为空且不超过 100 个字符",
            "must have 1-100 characters",
        ));
    }
    Ok(name.to_owned())
}

/// A role's description: trimmed, at most 500 characters.
fn clean_description(description: &str) -> Result<String, ApiError> {
    let description = description.trim();
    if description.chars().count() > 500 {
        return Err(ApiError::validation(
            "description",
            "不能超过 500 个字符",
            "must have at most 500 characters",
        ));
    }
    Ok(description.to_owned())
}

/// The dotted codes of `modules`, for messages that name the offending ones.
fn codes<'a>(modules: impl IntoIterator<Item = &'a Module>) -> String {
    modules
        .into_iter()
        .map(|m| m.code())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A name taken by a concurrent writer between the name check and the write (PostgreSQL's
/// READ COMMITTED lets that happen; SQLite's write lock does not): the same answer as the check.
fn name_taken(err: DieselError) -> ApiError {
    match err {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
            ApiError::new(ErrorCode::AlreadyExists)
        }
        other => other.into(),
    }
}
