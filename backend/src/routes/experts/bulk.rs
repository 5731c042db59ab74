use actix_web::{http::header, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    experts::{
        bulk::{self, BulkReport},
        pool,
    },
    http::errors::request_locale,
    routes::auth::client_ip,
};

/// The pool and whether to check only.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct BulkPreEntryQuery {
    /// The committee whose pool it is.
    pub committee_id: i64,
    /// Check only; write nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// Pre-enters many people at once (批量专家预入库), all or none. The body is a CSV file
/// (`text/csv`, UTF-8 or GBK, header row) or an XLSX workbook (first sheet, header row), at
/// most 32 MiB and 100,000 rows. Columns (Chinese header or wire name): 姓名 `name`, 身份证号
/// `id_number`, 性别 `gender` (optional: the ID number's), 工作单位 `employer` (exact unit name)
/// or 工作单位ID `employer_id`, 职称 `title`, 职称级别 `title_level`, 系列 `series` (label or
/// wire name), 评审专业 `specialties` (separated by `、` `,` `;`), 联系电话 `phone`, 电子邮箱
/// `email`, 任期开始 `term_start`, 任期结束 `term_end`. A file that could be read is answered
/// 200: `ok` true means every row was pre-entered (or would be, on a dry run); false means
/// nothing was written and `errors` lists every failure `{row, field, code, message}`.
#[utoipa::path(
    tag = "experts",
    params(BulkPreEntryQuery),
    request_body(
        description = "A CSV file or an XLSX workbook",
        content((String = "text/csv"), (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Checked: `ok` says whether it was written (or would be)", body = BulkReport),
        (status = 400, description = "`bad_request`: the file cannot be read, a column is unknown or missing", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such committee in the caller's sight", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: no rows or more than 100,000", body = shared::ErrorBody),
    )
)]
#[post("/v1/experts/bulk")]
pub async fn bulk_pre_entry(
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<BulkPreEntryQuery>,
    payload: web::Payload,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    pool::require_reader(&user)?;
    let upload = crate::http::sheet::receive(&req, payload).await?;
    let query = query.into_inner();
    let locale = request_locale(&req);
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let report = db
        .run(move |conn| {
            bulk::import(
                conn,
                &user,
                query.committee_id,
                &upload,
                query.dry_run,
                locale,
                &actor,
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(report))
}
