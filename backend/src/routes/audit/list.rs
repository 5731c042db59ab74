use actix_web::{get, web, HttpResponse};
use shared::{org::AuditEntry, Module, Page};

use super::AuditFilter;
use crate::{auth::AuthUser, db::Db, error::ApiError};

/// The audit log, newest first, filtered and paginated (auditor only).
#[utoipa::path(
    tag = "audit",
    params(AuditFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<AuditEntry>),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `system.audit_log`", body = shared::ErrorBody),
    )
)]
#[get("/v1/audit")]
pub async fn list_audit(
    user: AuthUser,
    filter: web::Query<AuditFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::AuditLog)?;
    let filter = filter.into_inner();
    let page = crate::http::pagination::query(filter.page, filter.per_page)?;
    let answer = db
        .run(move |conn| {
            let offset = i64::try_from(page.offset()).unwrap_or(i64::MAX);
            let (items, total) = super::load(conn, &filter, i64::from(page.per_page), offset)?;
            Ok(crate::http::pagination::page(items, total, page))
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
