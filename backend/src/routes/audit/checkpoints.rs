//! `/api/v1/audit/checkpoints`: signed checkpoints of the audit chain head (审计检查点), taken
//! on demand here and periodically by the server's job; the auditor's only.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared::{org::AuditCheckpoint, Module, Page};

use crate::{
    audit::{self, checkpoint::AuditKey, Actor, Event},
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    http::export::{self, china_time, Cell, Column, Sheet},
    routes::auth::client_ip,
};

/// Paging of the checkpoint list.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
pub struct CheckpointPage {
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// Signs a checkpoint of the audit chain head now (auditor only); the signing is audited.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new checkpoint", body = AuditCheckpoint),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `system.audit_log`", body = shared::ErrorBody),
    )
)]
#[post("/v1/audit/checkpoints")]
pub async fn create_checkpoint(
    req: HttpRequest,
    user: AuthUser,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
    key: web::Data<AuditKey>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::AuditLog)?;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let key = key.get_ref().clone();
    let cp = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                // The audit row first, so the checkpoint covers its own signing.
                audit::append(
                    conn,
                    &Actor::of(&user, ip),
                    &Event {
                        action: "audit.checkpoint",
                        target_type: "audit_checkpoint",
                        target_id: None,
                        success: true,
                        before: None,
                        after: None,
                    },
                    now,
                )?;
                audit::checkpoint::take(conn, &key, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(cp))
}

/// The checkpoints, newest first, paginated (auditor only).
#[utoipa::path(
    tag = "audit",
    params(CheckpointPage),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<AuditCheckpoint>),
        (status = 400, description = "`bad_request`: page or per_page out of range", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `system.audit_log`", body = shared::ErrorBody),
    )
)]
#[get("/v1/audit/checkpoints")]
pub async fn list_checkpoints(
    user: AuthUser,
    query: web::Query<CheckpointPage>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::AuditLog)?;
    let page = crate::http::pagination::query(query.page, query.per_page)?;
    let answer = db
        .run(move |conn| {
            let offset = i64::try_from(page.offset()).unwrap_or(i64::MAX);
            let (items, total) = audit::checkpoint::list(conn, i64::from(page.per_page), offset)?;
            Ok(crate::http::pagination::page(items, total, page))
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

const COLUMNS: &[Column<AuditCheckpoint>] = &[
    Column {
        zh: "编号",
        en: "ID",
        width: 8.0,
        cell: |c, _| Cell::from(c.id),
    },
    Column {
        zh: "签名时间",
        en: "Signed at",
        width: 20.0,
        cell: |c, _| Cell::from(china_time(&c.signed_at)),
    },
    Column {
        zh: "链头日志编号",
        en: "Head row",
        width: 12.0,
        cell: |c, _| Cell::from(c.audit_row_id),
    },
    Column {
        zh: "日志条数",
        en: "Rows",
        width: 10.0,
        cell: |c, _| Cell::from(c.row_count),
    },
    Column {
        zh: "链头哈希",
        en: "Head hash",
        width: 66.0,
        cell: |c, _| Cell::from(c.head_hash.clone()),
    },
    Column {
        zh: "密钥指纹",
        en: "Key ID",
        width: 18.0,
        cell: |c, _| Cell::from(c.key_id.clone()),
    },
    Column {
        zh: "签名",
        en: "Signature",
        width: 60.0,
        cell: |c, _| Cell::from(c.signature.clone()),
    },
];

/// The checkpoints as an XLSX workbook, newest first (auditor only). Times are China time;
/// the signature covers `signed_at` in UTC as the JSON list shows it.
#[utoipa::path(
    tag = "audit",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `system.audit_log`", body = shared::ErrorBody),
        (status = 422, description = "`export_too_large`: more than 50,000 rows", body = shared::ErrorBody),
    )
)]
#[get("/v1/audit/checkpoints/export")]
pub async fn export_checkpoints(
    req: HttpRequest,
    user: AuthUser,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::AuditLog)?;
    let sheet = Sheet {
        zh: "审计检查点",
        en: "audit-checkpoints",
        columns: COLUMNS,
    };
    export::xlsx(&req, &db, sheet, move |conn, page| {
        let offset = i64::try_from(page.offset()).unwrap_or(i64::MAX);
        let (items, total) = audit::checkpoint::list(conn, i64::from(page.per_page), offset)?;
        Ok(crate::http::pagination::page(items, total, page))
    })
    .await
}
