use actix_web::{put, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde_json::json;
use shared::{
    org::{UnitRole, UnitRoleRequest},
    Module,
};

use super::{actor, name_taken, unit};
use crate::{
    audit::{self, Event},
    auth::{AuthState, AuthUser},
    db::{schema::unit_roles, Db},
    error::ApiError,
    routes::auth::client_ip,
};

/// Replaces a unit role's name, description and modules (same rules as creating one). Every
/// account of every unit with this role has the new set at its next request; a built-in
/// default role keeps its name.
#[utoipa::path(
    tag = "roles",
    params(("id" = i64, Path, description = "Unit role id")),
    request_body = UnitRoleRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated", body = UnitRole),
        (status = 400, description = "`malformed_json`", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `portal.system.unit_roles`; `password_change_required`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such unit role", body = shared::ErrorBody),
        (status = 409, description = "`already_exists`: another unit role has that name", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: `name`, `description`, `available` or `assignable` (lists the offending modules) / `invalid_body`", body = shared::ErrorBody),
    )
)]
#[put("/v1/unit-roles/{id:[0-9]+}")]
pub async fn update_unit_role(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<UnitRoleRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::UnitRoles)?;
    let id = path.into_inner();
    let body = body.into_inner();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let before = unit::one(conn, id)?;
                let role = unit::check(conn, &body, Some((id, &before.name)))?;
                diesel::update(unit_roles::table.find(id))
                    .set((
                        unit_roles::name.eq(&role.name),
                        unit_roles::description.eq(&role.description),
                        unit_roles::updated_at.eq(now),
                    ))
                    .execute(conn)
                    .map_err(name_taken)?;
                unit::write_modules(conn, id, &role)?;
                let after = unit::one(conn, id)?;
                audit::append(
                    conn,
                    &actor(&user, ip),
                    &Event {
                        action: "unit_role.update",
                        target_type: "unit_role",
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
