//! `/api/v1/business-roles` (业务角色管理) and `/api/v1/unit-roles` (单位角色管理).

use serde::{Deserialize, Serialize};
use shared::org::{
    AssignUnitRoleRequest, BusinessRole, BusinessRoleRequest, Unit, UnitRole, UnitRoleRequest,
};

use super::{Api, ApiError};

/// `GET /api/v1/business-roles`: the roles of the caller's unit.
pub async fn business_roles(api: &Api) -> Result<Vec<BusinessRole>, ApiError> {
    api.get("/api/v1/business-roles").await
}

/// `POST /api/v1/business-roles` (a new role) or `PUT /api/v1/business-roles/{id}`.
pub async fn save_business_role(
    api: &Api,
    id: Option<i64>,
    request: &BusinessRoleRequest,
) -> Result<BusinessRole, ApiError> {
    save(api, "/api/v1/business-roles", id, request).await
}

/// `DELETE /api/v1/business-roles/{id}` (409 while accounts hold it).
pub async fn delete_business_role(api: &Api, id: i64) -> Result<(), ApiError> {
    api.delete(&format!("/api/v1/business-roles/{id}")).await
}

/// `GET /api/v1/unit-roles`.
pub async fn unit_roles(api: &Api) -> Result<Vec<UnitRole>, ApiError> {
    api.get("/api/v1/unit-roles").await
}

/// `POST /api/v1/unit-roles` (a new role) or `PUT /api/v1/unit-roles/{id}`.
pub async fn save_unit_role(
    api: &Api,
    id: Option<i64>,
    request: &UnitRoleRequest,
) -> Result<UnitRole, ApiError> {
    save(api, "/api/v1/unit-roles", id, request).await
}

/// `POST {collection}` without an id, `PUT {collection}/{id}` with one.
async fn save<B: Serialize, T: serde::de::DeserializeOwned>(
    api: &Api,
    collection: &str,
    id: Option<i64>,
    body: &B,
) -> Result<T, ApiError> {
    match id {
        Some(id) => api.put(&format!("{collection}/{id}"), body).await,
        None => api.post(collection, body).await,
    }
}

/// `PUT /api/v1/units/{id}/unit-role`: gives the unit another unit role; answers the unit.
pub async fn assign_unit_role(
    api: &Api,
    unit_id: i64,
    unit_role_id: i64,
) -> Result<Unit, ApiError> {
    api.put(
        &format!("/api/v1/units/{unit_id}/unit-role"),
        &AssignUnitRoleRequest { unit_role_id },
    )
    .await
}

/// The password, lockout, session and login-rate rules (安全策略), as the API sends them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityPolicy {
    /// Minimum password length (8–64).
    pub min_length: i64,
    /// Character classes required (3–4).
    pub min_classes: i64,
    /// Minimum strength score (0–4).
    pub min_strength: i64,
    /// Failures that lock an account (3–20).
    pub lockout_threshold: i64,
    /// Minutes a lock lasts (1–1440).
    pub lockout_minutes: i64,
    /// Idle minutes that end a session (5–480).
    pub idle_timeout_minutes: i64,
    /// Logins per client address per window (5–10000).
    pub ip_login_limit: i64,
    /// The window, in seconds (10–86400).
    pub ip_login_window_secs: i64,
    /// Who must use two-factor authentication.
    pub mfa_groups: Vec<shared::auth::MfaGroup>,
}

/// `GET /api/v1/security-policy`.
pub async fn security_policy(api: &Api) -> Result<SecurityPolicy, ApiError> {
    api.get("/api/v1/security-policy").await
}

/// `PUT /api/v1/security-policy` with the whole policy.
pub async fn save_security_policy(
    api: &Api,
    policy: &SecurityPolicy,
) -> Result<SecurityPolicy, ApiError> {
    api.put("/api/v1/security-policy", policy).await
}
