use actix_web::{put, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde_json::json;
use shared::{org::Unit, Module};

use super::actor;
use crate::{
    audit::{self, Event},
    auth::{AuthState, AuthUser},
    db::{
        schema::{unit_roles, units},
        Db,
    },
    error::ApiError,
    org::{jurisdiction, queries::UnitRow, unit_roles as delegation},
    routes::auth::client_ip,
};

use shared::org::AssignUnitRoleRequest;

/// Gives a unit of the caller's jurisdiction another unit role. Modules are computed per
/// request, so the unit's accounts use the new set from their next request on. The security
/// administrator (`portal.system.unit_roles`) sets any unit's role; an HRSS unit administrator
/// (`portal.system.users`) sets those of the units strictly below its own, choosing a role whose
/// modules its own unit may hand out (manual §5.5).
#[utoipa::path(
    tag = "roles",
    params(("id" = i64, Path, description = "Unit id")),
    request_body = AssignUnitRoleRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The unit with its new role", body = Unit),
        (status = 400, description = "`malformed_json`", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `portal.system.unit_roles`, or an HRSS unit administrator acting on a unit below its own; `password_change_required`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: the unit is not in the caller's jurisdiction", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: `unit_role_id` names no unit role, or (HRSS unit administrator) a role with modules its unit may not hand out / `invalid_body`", body = shared::ErrorBody),
    )
)]
#[put("/v1/units/{id:[0-9]+}/unit-role")]
pub async fn assign_unit_role(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<AssignUnitRoleRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let role_id = body.into_inner().unit_role_id;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            if user.modules.contains(&Module::UnitRoles) {
                jurisdiction::require_visible(conn, &user, id)?;
            } else {
                // An HRSS unit administrator, for the units below it (manual §5.5).
                delegation::require_delegated_assignment(conn, &user, id, role_id)?;
            }
            conn.write_transaction(|conn| {
                let exists: i64 = unit_roles::table
                    .filter(unit_roles::id.eq(role_id))
                    .count()
                    .get_result(conn)?;
                if exists == 0 {
                    return Err(ApiError::validation(
                        "unit_role_id",
                        "单位角色不存在",
                        "names no unit role",
                    ));
                }
                let load = |conn: &mut _| -> Result<Unit, ApiError> {
                    units::table
                        .find(id)
                        .select(UnitRow::as_select())
                        .first(conn)?
                        .into_dto()
                };
                let before = load(conn)?;
                // A new version: an edit prepared against the old state must be re-read.
                diesel::update(units::table.find(id))
                    .set((
                        units::unit_role_id.eq(role_id),
                        units::updated_at.eq(now),
                        units::version.eq(units::version + 1),
                    ))
                    .execute(conn)?;
                let after = load(conn)?;
                audit::append(
                    conn,
                    &actor(&user, ip),
                    &Event {
                        action: "unit.assign_unit_role",
                        target_type: "unit",
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
