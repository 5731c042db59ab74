//! Units, accounts and roles as the API shows them (`/api/v1/units`, `/api/v1/accounts`, …).

use serde::{Deserialize, Serialize};

use crate::{AccountKind, Module, UnitKind, UnitLevel};

/// A unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Unit {
    /// Id.
    pub id: i64,
    /// Parent unit (none for the provincial HRSS).
    pub parent_id: Option<i64>,
    /// Kind.
    pub kind: UnitKind,
    /// Level.
    pub level: UnitLevel,
    /// Name.
    pub name: String,
    /// Unified social credit code.
    pub credit_code: String,
    /// Region.
    pub region: String,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Whether the unit is enabled.
    pub enabled: bool,
    /// Depth in the tree (0 = province).
    pub depth: i32,
    /// The unit role (可用 / 可分配 modules).
    pub unit_role_id: Option<i64>,
    /// Optimistic-lock version.
    pub version: i64,
}

/// `POST /api/v1/units`: create a unit below one of the caller's units, optionally with its
/// administrator account (initial password, forced change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateUnitRequest {
    /// Parent: the caller's unit or one below it.
    pub parent_id: i64,
    /// Kind.
    pub kind: UnitKind,
    /// Level.
    pub level: UnitLevel,
    /// Name (1–100 characters).
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub name: String,
    /// Unified social credit code (checked).
    #[cfg_attr(feature = "openapi", schema(format = "credit-code"))]
    pub credit_code: String,
    /// Region.
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub region: String,
    /// Contact person.
    #[cfg_attr(feature = "openapi", schema(max_length = 50, format = "text"))]
    pub contact_name: String,
    /// Contact phone.
    #[cfg_attr(feature = "openapi", schema(max_length = 30, format = "phone"))]
    pub contact_phone: String,
    /// Username of the unit administrator to create with the unit (optional).
    #[serde(default)]
    pub admin_username: Option<String>,
    /// Display name of that administrator.
    #[serde(default)]
    pub admin_display_name: Option<String>,
}

/// `PATCH /api/v1/units/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateUnitRequest {
    /// The version read; a stale one is 409 `version_conflict`.
    pub version: i64,
    /// New name.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub name: Option<String>,
    /// New region.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub region: Option<String>,
    /// New contact person.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 50, format = "text"))]
    pub contact_name: Option<String>,
    /// New contact phone.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 30, format = "phone"))]
    pub contact_phone: Option<String>,
    /// Enable / disable.
    #[serde(default)]
    pub enabled: Option<bool>,
}

/// Answer of `POST /api/v1/units`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedUnit {
    /// The unit.
    pub unit: Unit,
    /// The administrator created with it.
    pub admin: Option<Account>,
}

/// A node of the organisation tree: a unit, its accounts and the units below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgNode {
    /// The unit.
    pub unit: Unit,
    /// Its accounts.
    pub accounts: Vec<Account>,
    /// The units below it.
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub children: Vec<OrgNode>,
}

/// An account. The password hash never leaves the server; ID numbers are masked unless the
/// caller must see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    /// Id.
    pub id: i64,
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Kind.
    pub kind: AccountKind,
    /// Unit id.
    pub unit_id: i64,
    /// Unit name.
    pub unit_name: String,
    /// Phone.
    pub phone: Option<String>,
    /// ID number, masked (`5201**********1234`).
    pub id_number_masked: Option<String>,
    /// Enabled.
    pub enabled: bool,
    /// Locked by failed logins right now.
    pub locked: bool,
    /// Must change the password at next login.
    pub must_change_password: bool,
    /// Business role ids (handlers).
    pub role_ids: Vec<i64>,
    /// Two-factor authentication is on (an administrator may reset it: `…/reset-mfa`).
    #[serde(default)]
    pub mfa_enabled: bool,
    /// Last successful login (UTC, RFC 3339).
    pub last_login_at: Option<String>,
    /// Optimistic-lock version.
    pub version: i64,
}

/// `POST /api/v1/accounts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateAccountRequest {
    /// Username: 2–64 characters, no whitespace, control character or `#` (applicants: the ID
    /// number).
    #[cfg_attr(feature = "openapi", schema(format = "username"))]
    pub username: String,
    /// Display name.
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub display_name: String,
    /// Kind.
    pub kind: AccountKind,
    /// Unit.
    pub unit_id: i64,
    /// Phone.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = "phone"))]
    pub phone: Option<String>,
    /// ID number (required for applicants).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = "id-number"))]
    pub id_number: Option<String>,
    /// Business roles (handlers), of the same unit.
    #[serde(default)]
    pub role_ids: Vec<i64>,
}

/// `PATCH /api/v1/accounts/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateAccountRequest {
    /// The version read; a stale one is 409 `version_conflict`.
    pub version: i64,
    /// New display name.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub display_name: Option<String>,
    /// New phone.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = "phone"))]
    pub phone: Option<String>,
    /// Enable / disable (disabling ends every session).
    #[serde(default)]
    pub enabled: Option<bool>,
    /// New business roles (handlers).
    #[serde(default)]
    pub role_ids: Option<Vec<i64>>,
}

/// A business role: a named set of modules defined by a unit for its handlers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusinessRole {
    /// Id.
    pub id: i64,
    /// Owning unit.
    pub unit_id: i64,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Modules.
    pub modules: Vec<Module>,
}

/// `POST /api/v1/business-roles` and `PUT /api/v1/business-roles/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BusinessRoleRequest {
    /// Name (unique in the unit).
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Modules: only those the unit may hand out (可分配).
    pub modules: Vec<Module>,
}

/// A unit role: what a unit may use and hand out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitRole {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Modules the unit may use (可用菜单).
    pub available: Vec<Module>,
    /// Of those, the ones it may hand out to its handlers (可分配菜单).
    pub assignable: Vec<Module>,
}

/// `PUT /api/v1/unit-roles/{id}/delegation`: whether HRSS unit administrators may give this
/// unit role to the units below them (manual §5.5); the security administrator decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitRoleDelegation {
    pub delegated: bool,
}

/// `POST /api/v1/unit-roles` and `PUT /api/v1/unit-roles/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitRoleRequest {
    /// Name (unique).
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// Modules the unit may use.
    pub available: Vec<Module>,
    /// Modules it may hand out (must be among `available`).
    pub assignable: Vec<Module>,
}

/// One audit-log row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// Id (chain order).
    pub id: i64,
    /// When (UTC, RFC 3339).
    pub created_at: String,
    /// Actor account id.
    pub actor_id: Option<i64>,
    /// Actor username (as typed, for failed logins).
    pub actor_name: Option<String>,
    /// Actor unit id.
    pub actor_unit_id: Option<i64>,
    /// Action, e.g. `auth.login`.
    pub action: String,
    /// Target kind.
    pub target_type: String,
    /// Target id.
    pub target_id: Option<String>,
    /// The target's name, resolved when the row is read: a unit's name, an account's display
    /// name, an application's applicant and qualification, a role's, batch's or committee's
    /// name; `None` when the target has no name or no longer exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_name: Option<String>,
    /// `success` or `failure`.
    pub outcome: String,
    /// State before (JSON text).
    pub before: Option<String>,
    /// State after (JSON text).
    pub after: Option<String>,
    /// Client address.
    pub ip: Option<String>,
    /// This row's chain hash.
    pub hash: String,
}

/// Answer of `POST /api/v1/audit/verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditVerification {
    /// True when every row is intact and chained.
    pub ok: bool,
    /// Rows checked before the first break (all rows when ok).
    pub checked: u64,
    /// The first broken row.
    pub first_broken_id: Option<i64>,
    /// The check of the latest signed checkpoint (none when no checkpoint exists yet).
    #[serde(default)]
    pub checkpoint: Option<CheckpointCheck>,
}

/// The check of one signed checkpoint of the audit chain head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckpointCheck {
    /// The checkpoint checked (the latest).
    pub checkpoint_id: i64,
    /// True when its signature, its head row and the chain up to it all hold.
    pub ok: bool,
    /// What failed: `signature` (not made by this key), `head_missing` (the row it names is
    /// gone: newest rows deleted), `head_changed` (that row's hash differs), `row_count`
    /// (rows up to it were deleted), `chain_broken` (the chain up to it is broken).
    pub failure: Option<String>,
}

/// A signed checkpoint of the audit chain head (审计检查点).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditCheckpoint {
    /// Checkpoint id.
    pub id: i64,
    /// The audit row that was the chain head (0 for an empty chain).
    pub audit_row_id: i64,
    /// That row's hash.
    pub head_hash: String,
    /// Audit rows up to and including the head.
    pub row_count: i64,
    /// When it was signed (RFC 3339).
    pub signed_at: String,
    /// Fingerprint of the public key (first 16 hex digits of SHA-256 of the key).
    pub key_id: String,
    /// ed25519 signature (hex) over `audit-checkpoint|{audit_row_id}|{head_hash}|{row_count}|{signed_at}|{key_id}`.
    pub signature: String,
}

/// The state of an affiliation change request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "db", derive(diesel::AsExpression, diesel::FromSqlRow))]
#[cfg_attr(feature = "db", diesel(sql_type = diesel::sql_types::Text))]
#[serde(rename_all = "snake_case")]
pub enum AffiliationStatus {
    /// Waiting for the new superior (or an HRSS above it).
    Pending,
    /// Approved: the unit now hangs under the new parent.
    Approved,
    /// Rejected with an opinion.
    Rejected,
}

impl AffiliationStatus {
    /// The stored / wire text.
    pub fn as_str(self) -> &'static str {
        match self {
            AffiliationStatus::Pending => "pending",
            AffiliationStatus::Approved => "approved",
            AffiliationStatus::Rejected => "rejected",
        }
    }

    /// Parses the stored / wire text.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "pending" => Some(AffiliationStatus::Pending),
            "approved" => Some(AffiliationStatus::Approved),
            "rejected" => Some(AffiliationStatus::Rejected),
            _ => None,
        }
    }
}

db_text!(AffiliationStatus, as_str, parse);

/// A request to change a unit's competent department / superior (主管部门更改).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AffiliationRequest {
    /// Id.
    pub id: i64,
    /// The unit that moves.
    pub unit: crate::auth::UnitRef,
    /// Its parent when the request was made.
    pub from_parent: crate::auth::UnitRef,
    /// The requested new parent.
    pub to_parent: crate::auth::UnitRef,
    /// Why.
    pub reason: String,
    /// State.
    pub status: AffiliationStatus,
    /// Who asked (username).
    pub requested_by: String,
    /// When (UTC, RFC 3339).
    pub requested_at: String,
    /// Who decided (username).
    pub decided_by: Option<String>,
    /// When (UTC, RFC 3339).
    pub decided_at: Option<String>,
    /// The decision's opinion.
    pub opinion: Option<String>,
    /// Whether the caller may decide it now.
    pub can_decide: bool,
}

/// `POST /api/v1/affiliation-requests`: the caller's unit asks to move under another parent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateAffiliationRequest {
    /// The new parent.
    pub to_parent_id: i64,
    /// Why (1–500 characters).
    #[cfg_attr(feature = "openapi", schema(max_length = 500, format = "text"))]
    pub reason: String,
}

/// `POST /api/v1/affiliation-requests/{id}/decision`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AffiliationDecision {
    /// Approve (true) or reject (false).
    pub approve: bool,
    /// Opinion; required when rejecting.
    #[serde(default)]
    pub opinion: Option<String>,
}

/// `PUT /api/v1/units/{id}/unit-role`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignUnitRoleRequest {
    /// The unit role the unit takes.
    pub unit_role_id: i64,
}
