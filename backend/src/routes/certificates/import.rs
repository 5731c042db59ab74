use actix_web::{get, http::header, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared::certificates::ImportReport;

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    certificates::{entry, import},
    db::Db,
    error::ApiError,
    http::{errors::request_locale, export::disposition, sheet},
    routes::auth::client_ip,
};

/// Whether to check only.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// Check only; write nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// 职称证书导入: many historic certificates at once, all or none (`title.certificates.import`).
/// The body is a CSV file (`text/csv`, UTF-8 or GBK, header row) or an XLSX workbook (first
/// sheet, header row), at most 32 MiB and 100,000 rows. Columns (Chinese header or wire name):
/// 证书编号 `number`, 姓名 `holder_name`, 身份证号 `id_number`, 性别 `gender` (optional: the ID
/// number's), 工作单位 `employer` (exact name of a unit at or below the caller's) or 工作单位ID
/// `employer_id`, 系列 `series`, 专业 `specialty`, 级别 `level` (label or wire name), 任职资格名称
/// `qualification`, 评委会 `committee`, 批准日期 `approval_date` (`YYYY-MM-DD`), 批准文号
/// `approval_document` (optional), 发证机关 `issuing_body`. Each row passes the backfill form's
/// checks; a number already held or repeated in the file fails its row. A file that could be
/// read is answered 200: `ok` true means every row was imported (or would be, on a dry run);
/// false means nothing was written and `errors` lists every failure `{row, field, code,
/// message}`. Audited `certificate.import` per certificate.
#[utoipa::path(
    tag = "certificates",
    params(ImportQuery),
    request_body(
        description = "A CSV file or an XLSX workbook",
        content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Checked: `ok` says whether it was written (or would be)", body = ImportReport),
        (status = 400, description = "`bad_request`: the file cannot be read, a column is unknown or missing", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.certificates.import`", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: no rows or more than 100,000", body = shared::ErrorBody),
    )
)]
#[post("/v1/certificates/import")]
pub async fn import_certificates(
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<ImportQuery>,
    payload: web::Payload,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    entry::require_module(&user, shared::Module::CertificateImport)?;
    let upload = sheet::receive(&req, payload).await?;
    let dry_run = query.into_inner().dry_run;
    let locale = request_locale(&req);
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let report = db
        .run(move |conn| import::import(conn, &user, &upload, dry_run, locale, &actor, now))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(report))
}

/// The import template: an XLSX workbook with the columns' Chinese headers (each noted
/// required or optional, with its wire name) and one example row to replace.
#[utoipa::path(
    tag = "certificates",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.certificates.import`", body = shared::ErrorBody),
    )
)]
#[get("/v1/certificates/import-template")]
pub async fn certificate_import_template(user: AuthUser) -> Result<HttpResponse, ApiError> {
    entry::require_module(&user, shared::Module::CertificateImport)?;
    let bytes = import::template()?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, sheet::XLSX))
        .insert_header((
            header::CONTENT_DISPOSITION,
            disposition("职称证书导入模板", "certificate-import-template"),
        ))
        .body(bytes))
}
