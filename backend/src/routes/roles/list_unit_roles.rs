use actix_web::{get, web, HttpResponse};
use shared::{org::UnitRole, ErrorCode, Module};

use super::unit;
use crate::{auth::AuthUser, db::Db, error::ApiError, org::unit_roles as delegation};

/// Every unit role with its available (可用) and assignable (可分配) modules. An HRSS unit
/// administrator gets the roles the security administrator delegated (those it may give to the
/// units below it, manual §5.5).
#[utoipa::path(
    tag = "roles",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The unit roles", body = Vec<UnitRole>),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `portal.system.unit_roles` (or an HRSS unit administrator); `password_change_required`", body = shared::ErrorBody),
    )
)]
#[get("/v1/unit-roles")]
pub async fn list_unit_roles(user: AuthUser, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    let answer = db
        .run(move |conn| {
            if user.modules.contains(&Module::UnitRoles) {
                return unit::load(conn, None);
            }
            if !delegation::is_hrss_unit_admin(conn, &user)? {
                return Err(ApiError::new(ErrorCode::Forbidden));
            }
            let ids = delegation::delegated_ids(conn)?;
            Ok(unit::load(conn, None)?
                .into_iter()
                .filter(|r| ids.contains(&r.id))
                .collect())
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
