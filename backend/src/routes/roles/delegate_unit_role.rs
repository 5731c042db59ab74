use actix_web::{put, web, HttpRequest, HttpResponse};
use serde_json::json;
use shared::{org::UnitRoleDelegation, Module};

use super::{actor, unit};
use crate::{
    audit::{self, Event},
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    org::unit_roles as delegation,
    routes::auth::client_ip,
};

/// The security administrator lets HRSS unit administrators give this unit role to the units
/// below them (`delegated: true`), or takes that back (manual §5.5 “通过单位来新增单位管理员”,
/// within what the security administrator allows). Units that hold the role keep it.
#[utoipa::path(
    tag = "roles",
    params(("id" = i64, Path, description = "Unit role id")),
    request_body = UnitRoleDelegation,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The delegation now in force", body = UnitRoleDelegation),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `portal.system.unit_roles`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such unit role", body = shared::ErrorBody),
        (status = 422, description = "`invalid_body`", body = shared::ErrorBody),
    )
)]
#[put("/v1/unit-roles/{id:[0-9]+}/delegation")]
pub async fn delegate_unit_role(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<UnitRoleDelegation>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::UnitRoles)?;
    let id = path.into_inner();
    let on = body.into_inner().delegated;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                unit::one(conn, id)?;
                if delegation::set_delegated(conn, id, on)? {
                    audit::append(
                        conn,
                        &actor(&user, ip),
                        &Event {
                            action: "unit_role.delegation",
                            target_type: "unit_role",
                            target_id: Some(id.to_string()),
                            success: true,
                            before: Some(json!({"delegated": !on})),
                            after: Some(json!({"delegated": on})),
                        },
                        now,
                    )?;
                }
                Ok(UnitRoleDelegation { delegated: on })
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
