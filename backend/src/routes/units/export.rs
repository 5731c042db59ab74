use actix_web::{get, web, HttpRequest, HttpResponse};
use shared::org::Unit;

use super::list::{list_page, UnitFilter};
use crate::{
    auth::AuthUser,
    db::Db,
    error::ApiError,
    http::export::{self, yes_no, Cell, Column, Sheet},
};

const COLUMNS: &[Column<Unit>] = &[
    Column {
        zh: "编号",
        en: "ID",
        width: 8.0,
        cell: |u, _| Cell::from(u.id),
    },
    Column {
        zh: "单位名称",
        en: "Name",
        width: 32.0,
        cell: |u, _| Cell::from(u.name.as_str()),
    },
    Column {
        zh: "单位类型",
        en: "Kind",
        width: 14.0,
        cell: |u, l| Cell::from(u.kind.label(l)),
    },
    Column {
        zh: "级别",
        en: "Level",
        width: 8.0,
        cell: |u, l| Cell::from(u.level.label(l)),
    },
    Column {
        zh: "统一社会信用代码",
        en: "Credit code",
        width: 22.0,
        cell: |u, _| Cell::from(u.credit_code.as_str()),
    },
    Column {
        zh: "所在地区",
        en: "Region",
        width: 16.0,
        cell: |u, _| Cell::from(u.region.as_str()),
    },
    Column {
        zh: "联系人",
        en: "Contact",
        width: 10.0,
        cell: |u, _| Cell::from(u.contact_name.as_str()),
    },
    Column {
        zh: "联系电话",
        en: "Phone",
        width: 16.0,
        cell: |u, _| Cell::from(u.contact_phone.as_str()),
    },
    Column {
        zh: "启用",
        en: "Enabled",
        width: 6.0,
        cell: |u, l| yes_no(u.enabled, l),
    },
];

/// The unit list under the same filters as `GET /api/v1/units`, as an XLSX workbook (at most
/// 50,000 rows; `page`/`per_page` are ignored).
#[utoipa::path(
    tag = "units",
    params(UnitFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: no organisation module", body = shared::ErrorBody),
        (status = 422, description = "`export_too_large`: more than 50,000 rows match", body = shared::ErrorBody),
    )
)]
#[get("/v1/units/export")]
pub async fn export_units(
    req: HttpRequest,
    user: AuthUser,
    filter: web::Query<UnitFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    super::require_read(&user)?;
    let f = filter.into_inner();
    let sheet = Sheet {
        zh: "单位",
        en: "units",
        columns: COLUMNS,
    };
    export::xlsx(&req, &db, sheet, move |conn, page| {
        list_page(conn, &user, &f, page)
    })
    .await
}
