use actix_web::{post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde_json::json;
use shared::{
    org::{BusinessRole, BusinessRoleRequest},
    Module,
};

use super::{actor, business, name_taken, UnitQuery};
use crate::{
    audit::{self, Event},
    auth::{AuthState, AuthUser},
    db::{schema::business_roles, Db},
    error::ApiError,
    routes::auth::client_ip,
};

/// Creates a business role in the caller's unit (security administrators: `?unit_id=` names
/// any unit of their jurisdiction). Its modules must be among those the unit may hand out
/// (可分配菜单 of the unit's role).
#[utoipa::path(
    tag = "roles",
    params(UnitQuery),
    request_body = BusinessRoleRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = BusinessRole),
        (status = 400, description = "`bad_request`: `unit_id` is not a number; `malformed_json`", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `portal.system.business_roles`; unit administrators manage their own unit only; `password_change_required`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: `unit_id` outside the caller's jurisdiction", body = shared::ErrorBody),
        (status = 409, description = "`already_exists`: the unit has a role of that name", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: `name`, `description`, or `modules` (lists those not assignable) / `invalid_body`", body = shared::ErrorBody),
    )
)]
#[post("/v1/business-roles")]
pub async fn create_business_role(
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<UnitQuery>,
    body: crate::http::Json<BusinessRoleRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::BusinessRoles)?;
    let unit_id = query.unit_id.unwrap_or(user.unit_id);
    let body = body.into_inner();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            business::require_manage_unit(conn, &user, unit_id)?;
            conn.write_transaction(|conn| {
                let role = business::check(conn, unit_id, &body, None)?;
                let id: i64 = diesel::insert_into(business_roles::table)
                    .values((
                        business_roles::unit_id.eq(unit_id),
                        business_roles::name.eq(&role.name),
                        business_roles::description.eq(&role.description),
                        business_roles::created_at.eq(now),
                        business_roles::updated_at.eq(now),
                    ))
                    .returning(business_roles::id)
                    .get_result(conn)
                    .map_err(name_taken)?;
                business::write_modules(conn, id, &role.modules)?;
                let after = business::one(conn, id)?;
                audit::append(
                    conn,
                    &actor(&user, ip),
                    &Event {
                        action: "business_role.create",
                        target_type: "business_role",
                        target_id: Some(id.to_string()),
                        success: true,
                        before: None,
                        after: Some(json!(after)),
                    },
                    now,
                )?;
                Ok(after)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}
