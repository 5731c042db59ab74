use actix_web::{get, web, HttpRequest, HttpResponse};
use shared::expert_pool::PoolMember;

use crate::{
    auth::AuthUser,
    db::Db,
    error::ApiError,
    experts::pool::{self, PoolFilter},
    http::export::{self, Cell, Column, Sheet},
};

const COLUMNS: &[Column<PoolMember>] = &[
    Column {
        zh: "姓名",
        en: "Name",
        width: 12.0,
        cell: |m, _| Cell::from(m.expert.name.as_str()),
    },
    Column {
        zh: "身份证号",
        en: "ID number",
        width: 22.0,
        cell: |m, _| Cell::from(m.expert.id_number.as_str()),
    },
    Column {
        zh: "性别",
        en: "Gender",
        width: 6.0,
        cell: |m, l| Cell::from(m.expert.gender.label(l)),
    },
    Column {
        zh: "工作单位",
        en: "Employer",
        width: 28.0,
        cell: |m, _| Cell::from(m.expert.employer.name.as_str()),
    },
    Column {
        zh: "职称",
        en: "Title",
        width: 14.0,
        cell: |m, _| Cell::from(m.expert.title.as_str()),
    },
    Column {
        zh: "职称级别",
        en: "Title level",
        width: 10.0,
        cell: |m, l| Cell::from(m.expert.title_level.label(l)),
    },
    Column {
        zh: "系列",
        en: "Series",
        width: 16.0,
        cell: |m, l| Cell::from(m.expert.series.label(l)),
    },
    Column {
        zh: "评审专业",
        en: "Specialties",
        width: 24.0,
        cell: |m, _| Cell::from(m.expert.specialties.join("、")),
    },
    Column {
        zh: "联系电话",
        en: "Phone",
        width: 14.0,
        cell: |m, _| Cell::from(m.expert.phone.as_str()),
    },
    Column {
        zh: "评委会",
        en: "Committee",
        width: 30.0,
        cell: |m, _| Cell::from(m.committee.name.as_str()),
    },
    Column {
        zh: "状态",
        en: "Status",
        width: 8.0,
        cell: |m, l| Cell::from(m.status.label(l)),
    },
    Column {
        zh: "任期起",
        en: "Term start",
        width: 12.0,
        cell: |m, _| Cell::from(m.term_start.as_str()),
    },
    Column {
        zh: "任期止",
        en: "Term end",
        width: 12.0,
        cell: |m, _| Cell::from(m.term_end.as_str()),
    },
    Column {
        zh: "账号",
        en: "Username",
        width: 22.0,
        cell: |m, _| Cell::from(m.expert.username.clone()),
    },
    Column {
        zh: "状态原因",
        en: "Reason",
        width: 24.0,
        cell: |m, _| Cell::from(m.status_reason.clone()),
    },
];

/// The pool list under the same filters as `GET /api/v1/experts`, as an XLSX workbook (at
/// most 50,000 rows).
#[utoipa::path(
    tag = "experts",
    params(PoolFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.experts.pool`", body = shared::ErrorBody),
        (status = 422, description = "`export_too_large`: more than 50,000 rows match", body = shared::ErrorBody),
    )
)]
#[get("/v1/experts/export")]
pub async fn export_pool(
    req: HttpRequest,
    user: AuthUser,
    filter: web::Query<PoolFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    pool::require_reader(&user)?;
    let f = filter.into_inner();
    let sheet = Sheet {
        zh: "专家库",
        en: "expert-pool",
        columns: COLUMNS,
    };
    export::xlsx(&req, &db, sheet, move |conn, page| {
        pool::list_page(conn, &user, &f, page)
    })
    .await
}
