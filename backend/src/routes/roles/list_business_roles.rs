use actix_web::{get, web, HttpResponse};
use shared::{org::BusinessRole, Module};

use super::{business, UnitQuery};
use crate::{auth::AuthUser, db::Db, error::ApiError};

/// The business roles of one unit (default: the caller's own), with their modules.
#[utoipa::path(
    tag = "roles",
    params(UnitQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The unit's business roles", body = Vec<BusinessRole>),
        (status = 400, description = "`bad_request`: `unit_id` is not a number", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `portal.system.business_roles`; unit administrators see their own unit only; `password_change_required`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: `unit_id` outside the caller's jurisdiction", body = shared::ErrorBody),
    )
)]
#[get("/v1/business-roles")]
pub async fn list_business_roles(
    user: AuthUser,
    query: web::Query<UnitQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::BusinessRoles)?;
    let unit_id = query.unit_id.unwrap_or(user.unit_id);
    let answer = db
        .run(move |conn| {
            business::require_manage_unit(conn, &user, unit_id)?;
            business::of_unit(conn, &user, unit_id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
