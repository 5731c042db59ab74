use actix_web::{post, web, HttpRequest, HttpResponse};
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

/// Creates a unit role: the modules a unit may use (可用) and, among them, those it may hand
/// out to its handlers (可分配). Modules of administrators, applicants, experts and policy
/// reviewers are never offered to a unit.
#[utoipa::path(
    tag = "roles",
    request_body = UnitRoleRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = UnitRole),
        (status = 400, description = "`malformed_json`", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `portal.system.unit_roles`; `password_change_required`", body = shared::ErrorBody),
        (status = 409, description = "`already_exists`: a unit role of that name exists", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: `name`, `description`, `available` or `assignable` (lists the offending modules) / `invalid_body`", body = shared::ErrorBody),
    )
)]
#[post("/v1/unit-roles")]
pub async fn create_unit_role(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<UnitRoleRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::UnitRoles)?;
    let body = body.into_inner();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let role = unit::check(conn, &body, None)?;
                let id: i64 = diesel::insert_into(unit_roles::table)
                    .values((
                        unit_roles::name.eq(&role.name),
                        unit_roles::description.eq(&role.description),
                        unit_roles::created_at.eq(now),
                        unit_roles::updated_at.eq(now),
                    ))
                    .returning(unit_roles::id)
                    .get_result(conn)
                    .map_err(name_taken)?;
                unit::write_modules(conn, id, &role)?;
                let after = unit::one(conn, id)?;
                audit::append(
                    conn,
                    &actor(&user, ip),
                    &Event {
                        action: "unit_role.create",
                        target_type: "unit_role",
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
