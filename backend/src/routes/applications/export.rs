use actix_web::{get, web, HttpRequest, HttpResponse};
use shared::application::{ApplicationFilter, ApplicationSummary};

use crate::applications::query::{list_page, Checked};
use crate::db::totals::Count;
use crate::{
    auth::AuthUser,
    db::Db,
    error::ApiError,
    http::export::{self, china_time, Cell, Column, Sheet},
};

const COLUMNS: &[Column<ApplicationSummary>] = &[
    Column {
        zh: "编号",
        en: "ID",
        width: 8.0,
        cell: |a, _| Cell::from(a.id),
    },
    Column {
        zh: "姓名",
        en: "Name",
        width: 10.0,
        cell: |a, _| Cell::from(a.name.as_str()),
    },
    Column {
        zh: "身份证号",
        en: "ID number",
        width: 20.0,
        cell: |a, _| Cell::from(a.id_number.as_str()),
    },
    Column {
        zh: "工作单位",
        en: "Employer",
        width: 28.0,
        cell: |a, _| Cell::from(a.employer.as_str()),
    },
    Column {
        zh: "申报年度",
        en: "Year",
        width: 8.0,
        cell: |a, _| Cell::from(a.year),
    },
    Column {
        zh: "系列",
        en: "Series",
        width: 16.0,
        cell: |a, l| Cell::from(a.series.label(l)),
    },
    Column {
        zh: "专业",
        en: "Specialty",
        width: 14.0,
        cell: |a, _| Cell::from(a.specialty.as_str()),
    },
    Column {
        zh: "级别",
        en: "Level",
        width: 8.0,
        cell: |a, l| Cell::from(a.level.label(l)),
    },
    Column {
        zh: "申报资格",
        en: "Qualification",
        width: 14.0,
        cell: |a, _| Cell::from(a.qualification.as_str()),
    },
    Column {
        zh: "当前环节",
        en: "Stage",
        width: 16.0,
        cell: |a, l| Cell::from(a.stage.label(l)),
    },
    Column {
        zh: "当前办理单位",
        en: "Held by",
        width: 28.0,
        cell: |a, _| Cell::from(a.holder_unit.as_str()),
    },
    Column {
        zh: "更新时间",
        en: "Updated",
        width: 20.0,
        cell: |a, _| Cell::from(china_time(&a.updated_at)),
    },
];

/// The applications the caller sees under the same filters as `GET /api/v1/applications`
/// (`todo=true`: the caller's queue), as an XLSX workbook; ID numbers masked as in the list.
/// At most 50,000 rows; `page`/`per_page` are ignored.
#[utoipa::path(
    tag = "applications",
    params(ApplicationFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "`bad_request`: a filter value is malformed", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: `unit` is outside the caller's jurisdiction", body = shared::ErrorBody),
        (status = 422, description = "`export_too_large`: more than 50,000 rows match", body = shared::ErrorBody),
    )
)]
#[get("/v1/applications/export")]
pub async fn export_applications(
    req: HttpRequest,
    user: AuthUser,
    filter: web::Query<ApplicationFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let checked = Checked::new(filter.into_inner())?;
    let sheet = Sheet {
        zh: "职称申报",
        en: "applications",
        columns: COLUMNS,
    };
    export::xlsx(&req, &db, sheet, move |conn, page| {
        list_page(conn, &user, &checked, page, &Count::Exact)
    })
    .await
}
