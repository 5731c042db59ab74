//! `/api/v1/business-roles` (业务角色管理) and `/api/v1/unit-roles` (单位角色管理).

use shared::org::{BusinessRole, BusinessRoleRequest, UnitRole, UnitRoleRequest};
use shared::Locale;

use super::{delete_authed, get_authed, post_authed, put_authed, ApiError};
use crate::state::session::SessionStore;

/// `GET /api/v1/business-roles`: the roles of the caller's unit.
pub async fn business_roles(
    session: &SessionStore,
    locale: Locale,
) -> Result<Vec<BusinessRole>, ApiError> {
    get_authed(session, "/api/v1/business-roles", locale).await
}

/// `POST /api/v1/business-roles`.
pub async fn create_business_role(
    session: &SessionStore,
    request: &BusinessRoleRequest,
    locale: Locale,
) -> Result<BusinessRole, ApiError> {
    post_authed(session, "/api/v1/business-roles", request, locale).await
}

/// `PUT /api/v1/business-roles/{id}`.
pub async fn update_business_role(
    session: &SessionStore,
    id: i64,
    request: &BusinessRoleRequest,
    locale: Locale,
) -> Result<BusinessRole, ApiError> {
    put_authed(
        session,
        &format!("/api/v1/business-roles/{id}"),
        request,
        locale,
    )
    .await
}

/// `DELETE /api/v1/business-roles/{id}` (409 while accounts hold it).
pub async fn delete_business_role(
    session: &SessionStore,
    id: i64,
    locale: Locale,
) -> Result<(), ApiError> {
    delete_authed(session, &format!("/api/v1/business-roles/{id}"), locale).await
}

/// `GET /api/v1/unit-roles`.
pub async fn unit_roles(session: &SessionStore, locale: Locale) -> Result<Vec<UnitRole>, ApiError> {
    get_authed(session, "/api/v1/unit-roles", locale).await
}

/// `POST /api/v1/unit-roles`.
pub async fn create_unit_role(
    session: &SessionStore,
    request: &UnitRoleRequest,
    locale: Locale,
) -> Result<UnitRole, ApiError> {
    post_authed(session, "/api/v1/unit-roles", request, locale).await
}

/// `PUT /api/v1/unit-roles/{id}`.
pub async fn update_unit_role(
    session: &SessionStore,
    id: i64,
    request: &UnitRoleRequest,
    locale: Locale,
) -> Result<UnitRole, ApiError> {
    put_authed(
        session,
        &format!("/api/v1/unit-roles/{id}"),
        request,
        locale,
    )
    .await
}
