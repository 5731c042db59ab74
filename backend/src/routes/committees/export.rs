use actix_web::{get, web, HttpRequest, HttpResponse};
use shared::committees::Committee;

use super::list::{list_page, require_lister, CommitteeFilter};
use crate::{
    auth::AuthUser,
    db::Db,
    error::ApiError,
    http::export::{self, yes_no, Cell, Column, Sheet},
};

const COLUMNS: &[Column<Committee>] = &[
    Column {
        zh: "编号",
        en: "ID",
        width: 8.0,
        cell: |c, _| Cell::from(c.id),
    },
    Column {
        zh: "评委会名称",
        en: "Committee",
        width: 30.0,
        cell: |c, _| Cell::from(c.name.as_str()),
    },
    Column {
        zh: "系列",
        en: "Series",
        width: 16.0,
        cell: |c, l| Cell::from(c.series.label(l)),
    },
    Column {
        zh: "组建单位",
        en: "Organising unit",
        width: 28.0,
        cell: |c, _| Cell::from(c.unit.name.as_str()),
    },
    Column {
        zh: "评审级别",
        en: "Levels",
        width: 20.0,
        cell: |c, l| {
            Cell::from(c.authority.as_ref().map(|a| {
                a.levels
                    .iter()
                    .map(|v| v.label(l))
                    .collect::<Vec<_>>()
                    .join("、")
            }))
        },
    },
    Column {
        zh: "评审专业",
        en: "Specialties",
        width: 24.0,
        cell: |c, _| Cell::from(c.authority.as_ref().map(|a| a.specialties.join("、"))),
    },
    Column {
        zh: "有效期至",
        en: "Valid until",
        width: 12.0,
        cell: |c, _| Cell::from(c.authority.as_ref().map(|a| a.valid_until.clone())),
    },
    Column {
        zh: "有效",
        en: "Active",
        width: 6.0,
        cell: |c, l| yes_no(c.active, l),
    },
];

/// The committees under the same filters and jurisdiction as `GET /api/v1/committees`, as an
/// XLSX workbook (at most 50,000 rows).
#[utoipa::path(
    tag = "committees",
    params(CommitteeFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: `assignable_for` names no application in sight", body = shared::ErrorBody),
        (status = 422, description = "`export_too_large`: more than 50,000 rows match", body = shared::ErrorBody),
    )
)]
#[get("/v1/committees/export")]
pub async fn export_committees(
    req: HttpRequest,
    user: AuthUser,
    filter: web::Query<CommitteeFilter>,
    db: web::Data<Db>,
    auth: web::Data<crate::auth::AuthState>,
) -> Result<HttpResponse, ApiError> {
    require_lister(&user)?;
    let f = filter.into_inner();
    let today = crate::calendar::today(auth.clock.now());
    let sheet = Sheet {
        zh: "评委会",
        en: "committees",
        columns: COLUMNS,
    };
    export::xlsx(&req, &db, sheet, move |conn, page| {
        list_page(conn, &user, &f, today, page)
    })
    .await
}
