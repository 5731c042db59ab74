use actix_web::{get, http::header, web, HttpResponse};
use shared::Module;

use super::AuditFilter;
use crate::{auth::AuthUser, db::Db, error::ApiError};

/// Most rows one export returns; narrow the filter for more.
const MAX_ROWS: i64 = 100_000;

fn csv_field(value: &str) -> String {
    // Quote every field; neutralise spreadsheet formulas (CSV injection).
    let v = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", v.replace('"', "\"\""))
}

/// The filtered audit log as CSV (UTF-8 with BOM, so that Excel shows Chinese), newest first,
/// at most 100,000 rows.
#[utoipa::path(
    tag = "audit",
    params(AuditFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "CSV file", content_type = "text/csv"),
        (status = 403, description = "`forbidden`: needs `system.audit_log`", body = shared::ErrorBody),
    )
)]
#[get("/v1/audit/export")]
pub async fn export_audit(
    user: AuthUser,
    filter: web::Query<AuditFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::AuditLog)?;
    let filter = filter.into_inner();
    let (rows, _) = db
        .run(move |conn| super::load(conn, &filter, MAX_ROWS, 0))
        .await?;
    let mut out = String::from("\u{feff}id,time,actor_id,actor,actor_unit_id,action,target_type,target_id,outcome,before,after,ip,hash\n");
    for r in rows {
        let fields = [
            r.id.to_string(),
            r.created_at,
            r.actor_id.map(|v| v.to_string()).unwrap_or_default(),
            r.actor_name.unwrap_or_default(),
            r.actor_unit_id.map(|v| v.to_string()).unwrap_or_default(),
            r.action,
            r.target_type,
            r.target_id.unwrap_or_default(),
            r.outcome,
            r.before.unwrap_or_default(),
            r.after.unwrap_or_default(),
            r.ip.unwrap_or_default(),
            r.hash,
        ];
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"audit-log.csv\"",
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(out))
}
