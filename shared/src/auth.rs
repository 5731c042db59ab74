//! `/api/v1/auth/*`: login, token refresh, logout, the current user, password change.

use serde::{Deserialize, Serialize};

use crate::{
    identity::{AccountKind, UnitKind, UnitLevel},
    modules::Module,
};

/// `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The account's username (for applicants: the ID number).
    pub username: String,
    /// The password.
    pub password: String,
}

/// A unit as the current user sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitRef {
    /// Unit id.
    pub id: i64,
    /// Unit name.
    pub name: String,
    /// Kind of unit.
    pub kind: UnitKind,
    /// Level of the unit.
    pub level: UnitLevel,
}

/// The signed-in account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrentUser {
    /// Account id.
    pub id: i64,
    /// Username.
    pub username: String,
    /// Name shown in the UI.
    pub display_name: String,
    /// Account kind.
    pub kind: AccountKind,
    /// The account's unit.
    pub unit: UnitRef,
    /// Exactly the modules the API allows this account, in menu order.
    pub modules: Vec<Module>,
}

/// Answer of login and refresh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// Bearer token for `Authorization`; short-lived.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until `access_token` expires.
    pub expires_in: u64,
    /// One-time token for `POST /api/v1/auth/refresh`; rotated on every use.
    pub refresh_token: String,
    /// While true, every endpoint but password change and logout answers
    /// 403 `password_change_required`.
    pub must_change_password: bool,
    /// The account.
    pub user: CurrentUser,
}

/// `POST /api/v1/auth/refresh` and `POST /api/v1/auth/logout`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token from the last login or refresh.
    pub refresh_token: String,
}

/// `POST /api/v1/auth/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    /// The password in use now.
    pub current_password: String,
    /// The new password; must satisfy the password policy.
    pub new_password: String,
}
