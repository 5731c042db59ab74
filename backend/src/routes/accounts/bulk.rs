use actix_web::{http::header, post, web, HttpMessage, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use serde::Deserialize;
use shared::{ErrorCode, Module};

use crate::{
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    http::errors::request_locale,
    org::bulk::{self, parse, Batch, Options},
    routes::auth::client_ip,
};

/// `?dry_run=true` checks every row and creates nothing.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct BulkQuery {
    /// Check only; create nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// An XLSX workbook, as the OpenAPI document describes the upload.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[expect(
    dead_code,
    reason = "documents the upload's schema; the handler reads raw bytes"
)]
struct XlsxWorkbook(Vec<u8>);

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Creates many accounts at once (批量创建账号), all or none.
///
/// The body is JSON `{"rows": [...]}`, a CSV file (`text/csv`, UTF-8, comma-separated, header
/// row) or an XLSX workbook (first sheet, header row); at most 32 MiB and 100,000 rows.
/// Columns / keys: 用户名 `username`, 姓名 `display_name`, 账号类型 `kind` (wire name or
/// Chinese label), 单位统一社会信用代码 `unit_credit_code` or 单位ID `unit_id`, 手机号 `phone`,
/// 身份证号 `id_number`, 业务角色 `roles` (names separated by `;` or `；`, handlers only).
/// Applicants need a valid ID number as their username. Requires `portal.system.users` or
/// `title.accounts.personal_accounts`; which kinds may be created in which unit follows the
/// caller's jurisdiction, and a unit outside it is reported as `not_found`.
///
/// A batch that could be read is always answered 200: when `ok` is true every account was
/// created (or, on a dry run, would be); when `ok` is false **nothing was written** and
/// `errors` lists every broken rule as `{row, field, code, message}`. Rows count from 1 for
/// JSON; for CSV/XLSX `row` is the sheet's row number (the header is row 1, so the first data
/// row is 2). Every account gets the initial password 123@abc and must change it at first
/// login.
#[utoipa::path(
    tag = "accounts",
    params(BulkQuery),
    request_body(
        description = "JSON rows, a CSV file or an XLSX workbook",
        content(
            (parse::JsonBody = "application/json"),
            (String = "text/csv"),
            (inline(XlsxWorkbook) = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The batch was checked: `ok` says whether it was created (or would be); when false nothing was written", body = bulk::ReportBody),
        (status = 400, description = "`malformed_json` / `bad_request`: the file cannot be read (not UTF-8, not a workbook, a required column missing or unknown)", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: neither `portal.system.users` nor `title.accounts.personal_accounts`", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: another change created one of the usernames at the same moment; nothing was written, submit again", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`: over 32 MiB", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = shared::ErrorBody),
        (status = 422, description = "`invalid_body`: JSON that is not `{\"rows\": [...]}`; `validation_failed`: no rows, or more than 100,000", body = shared::ErrorBody),
    )
)]
#[post("/v1/accounts/bulk")]
pub async fn bulk_create(
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<BulkQuery>,
    payload: web::Payload,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::Users)
        .or_else(|_| user.require(Module::PersonalAccounts))?;
    let reader = reader_for(&req)?;
    let body = read_limited(&req, payload, bulk::MAX_UPLOAD_BYTES).await?;
    let batch = reader(&body)?;
    check_size(&batch)?;
    let options = Options {
        dry_run: query.dry_run,
        ip: client_ip(&req),
    };
    let now = auth.clock.now();
    let report = db
        .run(move |conn| bulk::import(conn, &user, batch, &options, now))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(report.body(request_locale(&req))))
}

type ReadFn = fn(&[u8]) -> Result<Batch, ApiError>;

/// The content type decides the reader.
fn reader_for(req: &HttpRequest) -> Result<ReadFn, ApiError> {
    let mime = req.mime_type().ok().flatten();
    match mime.as_ref().map(|m| m.essence_str()) {
        Some("application/json") => Ok(parse::json),
        Some("text/csv") => Ok(parse::csv),
        Some(XLSX) => Ok(parse::xlsx),
        _ => Err(ApiError::with_text(
            ErrorCode::UnsupportedMediaType,
            "请以 application/json、text/csv 或 XLSX 格式提交",
            "Send application/json, text/csv or an XLSX workbook",
        )),
    }
}

/// Reads the body up to `limit` bytes (this route's own limit, larger than the JSON default).
pub(crate) async fn read_limited(
    req: &HttpRequest,
    mut payload: web::Payload,
    limit: usize,
) -> Result<web::Bytes, ApiError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > limit) {
        return Err(ApiError::new(ErrorCode::PayloadTooLarge));
    }
    let mut body = web::BytesMut::with_capacity(declared.unwrap_or(0));
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| {
            tracing::debug!(error = %e, "unreadable upload");
            ApiError::new(ErrorCode::BadRequest)
        })?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::new(ErrorCode::PayloadTooLarge));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn check_size(batch: &Batch) -> Result<(), ApiError> {
    if batch.rows.is_empty() {
        return Err(ApiError::validation(
            "rows",
            "没有可导入的数据行",
            "there are no rows to import",
        ));
    }
    if batch.rows.len() > bulk::MAX_ROWS {
        return Err(ApiError::validation(
            "rows",
            &format!("每批最多 {} 行，请拆分文件", bulk::MAX_ROWS),
            &format!("at most {} rows per batch; split the file", bulk::MAX_ROWS),
        ));
    }
    Ok(())
}
