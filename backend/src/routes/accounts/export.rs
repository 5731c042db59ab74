use actix_web::{get, web, HttpRequest, HttpResponse};
use shared::org::Account;

use super::list::{list_page, AccountFilter, Scope};
use crate::{
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    http::export::{self, china_time_opt, yes_no, Cell, Column, Sheet},
};

const COLUMNS: &[Column<Account>] = &[
    Column {
        zh: "编号",
        en: "ID",
        width: 8.0,
        cell: |a, _| Cell::from(a.id),
    },
    Column {
        zh: "用户名",
        en: "Username",
        width: 20.0,
        cell: |a, _| Cell::from(a.username.as_str()),
    },
    Column {
        zh: "姓名",
        en: "Name",
        width: 12.0,
        cell: |a, _| Cell::from(a.display_name.as_str()),
    },
    Column {
        zh: "账号类型",
        en: "Kind",
        width: 14.0,
        cell: |a, l| Cell::from(a.kind.label(l)),
    },
    Column {
        zh: "所属单位",
        en: "Unit",
        width: 28.0,
        cell: |a, _| Cell::from(a.unit_name.as_str()),
    },
    Column {
        zh: "手机号",
        en: "Phone",
        width: 14.0,
        cell: |a, _| Cell::from(a.phone.clone()),
    },
    Column {
        zh: "身份证号",
        en: "ID number",
        width: 20.0,
        cell: |a, _| Cell::from(a.id_number_masked.clone()),
    },
    Column {
        zh: "启用",
        en: "Enabled",
        width: 6.0,
        cell: |a, l| yes_no(a.enabled, l),
    },
    Column {
        zh: "锁定",
        en: "Locked",
        width: 6.0,
        cell: |a, l| yes_no(a.locked, l),
    },
    Column {
        zh: "最近登录",
        en: "Last sign-in",
        width: 20.0,
        cell: |a, _| china_time_opt(a.last_login_at.as_ref()),
    },
];

/// The account list under the same filters, modules and jurisdiction as `GET
/// /api/v1/accounts`, as an XLSX workbook (at most 50,000 rows; `page`/`per_page` are ignored).
#[utoipa::path(
    tag = "accounts",
    params(AccountFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "`bad_request`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: `unit_id` outside the jurisdiction", body = shared::ErrorBody),
        (status = 422, description = "`export_too_large`: more than 50,000 rows match", body = shared::ErrorBody),
    )
)]
#[get("/v1/accounts/export")]
pub async fn export_accounts(
    req: HttpRequest,
    user: AuthUser,
    filter: web::Query<AccountFilter>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let f = filter.into_inner();
    let scope = Scope::of(&user)?;
    let now = auth.clock.now();
    let sheet = Sheet {
        zh: "用户",
        en: "accounts",
        columns: COLUMNS,
    };
    export::xlsx(&req, &db, sheet, move |conn, page| {
        list_page(conn, &user, scope, &f, page, now)
    })
    .await
}
