use actix_web::{post, web, HttpResponse};
use shared::{org::AuditVerification, Module};

use crate::{audit, audit::checkpoint::AuditKey, auth::AuthUser, db::Db, error::ApiError};

/// Checks the whole hash chain and names the first broken row, then the latest signed
/// checkpoint (its signature, its head row, the rows up to it), so that deleting the newest rows
/// is detected once a checkpoint covered them (auditor only). The same check runs from the
/// command line: `backend audit verify`.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The result", body = AuditVerification),
        (status = 403, description = "`forbidden`: needs `system.audit_log`", body = shared::ErrorBody),
    )
)]
#[post("/v1/audit/verify")]
pub async fn verify_audit(
    user: AuthUser,
    db: web::Data<Db>,
    key: web::Data<AuditKey>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::AuditLog)?;
    let key = key.get_ref().clone();
    let report = db
        .run(move |conn| audit::checkpoint::verify(conn, &key))
        .await?;
    Ok(HttpResponse::Ok().json(report))
}
