use actix_web::{get, web, HttpResponse};
use shared::Module;

use crate::{
    auth::{flows, password::SecurityPolicy, AuthUser},
    db::Db,
    error::ApiError,
};

/// The password, lockout, session and login-rate rules in force (the 等保 defaults until a
/// security administrator changes them).
#[utoipa::path(
    tag = "roles",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The policy in force", body = SecurityPolicy),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `system.security_policy`; `password_change_required`", body = shared::ErrorBody),
    )
)]
#[get("/v1/security-policy")]
pub async fn get_security_policy(
    user: AuthUser,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::SecurityPolicy)?;
    let answer = db.run(flows::policy).await?;
    Ok(HttpResponse::Ok().json(answer))
}
