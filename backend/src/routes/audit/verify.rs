use actix_web::{post, web, HttpResponse};
use shared::{org::AuditVerification, Module};

use crate::{audit, auth::AuthUser, db::Db, error::ApiError};

/// Checks the whole hash chain and names the first broken row (auditor only). The same check
/// runs from the command line: `backend audit verify`.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The result", body = AuditVerification),
        (status = 403, description = "`forbidden`: needs `system.audit_log`", body = shared::ErrorBody),
    )
)]
#[post("/v1/audit/verify")]
pub async fn verify_audit(user: AuthUser, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    user.require(Module::AuditLog)?;
    let report = db.run(audit::verify).await?;
    Ok(HttpResponse::Ok().json(report))
}
