use actix_web::{put, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde_json::json;
use shared::{
    org::{BusinessRole, BusinessRoleRequest},
    Module,
};

use super::{actor, business, name_taken};
use crate::{
    audit::{self, Event},
    auth::{AuthState, AuthUser},
    db::{schema::business_roles, Db},
    error::ApiError,
    routes::auth::client_ip,
};

/// Replaces a business role's name, description and modules (same rules as creating one).
/// Handlers holding the role get the new modules at their next request.
#[utoipa::path(
    tag = "roles",
    params(("id" = i64, Path, description = "Business role id")),
    request_body = BusinessRoleRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated", body = BusinessRole),
        (status = 400, description = "`malformed_json`", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `portal.system.business_roles`; unit administrators manage their own unit only; `password_change_required`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such role in the caller's jurisdiction", body = shared::ErrorBody),
        (status = 409, description = "`already_exists`: the unit has another role of that name", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: `name`, `description`, or `modules` (lists those not assignable) / `invalid_body`", body = shared::ErrorBody),
    )
)]
#[put("/v1/business-roles/{id:[0-9]+}")]
pub async fn update_business_role(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<BusinessRoleRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::BusinessRoles)?;
    let id = path.into_inner();
    let body = body.into_inner();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            let unit_id = business::managed_role_unit(conn, &user, id)?;
            conn.write_transaction(|conn| {
                let role = business::check(conn, unit_id, &body, Some(id))?;
                let before = business::one(conn, id)?;
                diesel::update(business_roles::table.find(id))
                    .set((
                        business_roles::name.eq(&role.name),
                        business_roles::description.eq(&role.description),
                        business_roles::updated_at.eq(now),
                    ))
                    .execute(conn)
                    .map_err(name_taken)?;
                business::write_modules(conn, id, &role.modules)?;
                let after = business::one(conn, id)?;
                audit::append(
                    conn,
                    &actor(&user, ip),
                    &Event {
                        action: "business_role.update",
                        target_type: "business_role",
                        target_id: Some(id.to_string()),
                        success: true,
                        before: Some(json!(before)),
                        after: Some(json!(after)),
                    },
                    now,
                )?;
                Ok(after)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
