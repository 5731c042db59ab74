//! `/api/v1/auth/*`: login, token refresh, logout, the current user, password change.

use serde::{Deserialize, Serialize};

use crate::{
    identity::{AccountKind, UnitKind, UnitLevel},
    modules::Module,
};

text_enum! {
    /// Who the security policy may require two-factor authentication (TOTP) of: the three
    /// administrators (on by default), HRSS handlers and experts (issue 13; ASVS 6.3.3).
    MfaGroup {
        /// 系统管理员
        SystemAdmin = "system_admin", "系统管理员", "System administrators";
        /// 安全管理员
        SecurityAdmin = "security_admin", "安全管理员", "Security administrators";
        /// 安全审计员
        Auditor = "auditor", "安全审计员", "Auditors";
        /// 人社机构的经办人
        HrssHandler = "hrss_handler", "人社机构经办人", "HRSS handlers";
        /// 专家
        Expert = "expert", "评审专家", "Experts";
    }
}

impl MfaGroup {
    /// The groups the policy requires when never configured: the three administrators.
    pub const DEFAULT: [MfaGroup; 3] = [
        MfaGroup::SystemAdmin,
        MfaGroup::SecurityAdmin,
        MfaGroup::Auditor,
    ];

    /// The group an account of `kind` at a unit of `unit` belongs to, if any: the one rule
    /// the server enforces and the SPA explains.
    pub fn of(kind: AccountKind, unit: UnitKind) -> Option<MfaGroup> {
        match (kind, unit) {
            (AccountKind::SystemAdmin, _) => Some(MfaGroup::SystemAdmin),
            (AccountKind::SecurityAdmin, _) => Some(MfaGroup::SecurityAdmin),
            (AccountKind::Auditor, _) => Some(MfaGroup::Auditor),
            (AccountKind::Handler, UnitKind::Hrss) => Some(MfaGroup::HrssHandler),
            (AccountKind::Expert, _) => Some(MfaGroup::Expert),
            _ => None,
        }
    }
}

/// `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The account's username (for applicants: the ID number).
    #[cfg_attr(feature = "openapi", schema(max_length = 64, format = "text"))]
    pub username: String,
    /// The password.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 256))]
    pub password: String,
    /// With two-factor authentication on: the 6-digit code of the authenticator app, or one
    /// unused recovery code (`xxxx-xxxx`). Without it such an account answers 401
    /// `mfa_required` (the password was right).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otp: Option<String>,
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
    /// Two-factor authentication (TOTP) is on for this account.
    #[serde(default)]
    pub mfa_enabled: bool,
    /// The security policy requires two-factor authentication of this account; while it is
    /// not on, every endpoint but enrollment, password change and logout answers 403
    /// `mfa_enrollment_required`.
    #[serde(default)]
    pub mfa_required: bool,
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

/// `POST /api/v1/auth/mfa/enroll`: a new authenticator secret, not yet in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MfaEnrollment {
    /// The secret (RFC 4648 base32, 160 bits) for typing into an app by hand.
    pub secret: String,
    /// The `otpauth://totp/...` URI (SHA-1, 6 digits, 30 s) the QR code encodes.
    pub uri: String,
    /// The QR code of `uri` as an SVG document, made on the server.
    pub qr_svg: String,
}

/// `POST /api/v1/auth/mfa/confirm`: the first code from the app, which turns MFA on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MfaConfirmRequest {
    /// The 6-digit code the authenticator app shows now.
    pub code: String,
}

/// The recovery codes, shown once: each signs in once in place of an authenticator code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MfaRecoveryCodes {
    /// Ten codes `xxxx-xxxx`; only their hashes are kept.
    pub codes: Vec<String>,
}
