use actix_web::{get, web, HttpResponse};
use shared::{org::UnitRole, Module};

use super::unit;
use crate::{auth::AuthUser, db::Db, error::ApiError};

/// Every unit role with its available (可用) and assignable (可分配) modules.
#[utoipa::path(
    tag = "roles",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The unit roles", body = Vec<UnitRole>),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `portal.system.unit_roles`; `password_change_required`", body = shared::ErrorBody),
    )
)]
#[get("/v1/unit-roles")]
pub async fn list_unit_roles(user: AuthUser, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    user.require(Module::UnitRoles)?;
    let answer = db.run(move |conn| unit::load(conn, None)).await?;
    Ok(HttpResponse::Ok().json(answer))
}
