use actix_web::{get, web, HttpRequest, HttpResponse};
use shared::{
    org::{AffiliationRequest, AffiliationStatus},
    Locale, Module,
};

use super::list::{list_page, RequestFilter};
use crate::{
    auth::AuthUser,
    db::Db,
    error::ApiError,
    http::export::{self, china_time, china_time_opt, Cell, Column, Sheet},
};

fn status(s: AffiliationStatus, l: Locale) -> Cell {
    Cell::from(match (s, l) {
        (AffiliationStatus::Pending, Locale::ZhCn) => "待审核",
        (AffiliationStatus::Approved, Locale::ZhCn) => "已通过",
        (AffiliationStatus::Rejected, Locale::ZhCn) => "已驳回",
        (AffiliationStatus::Pending, Locale::En) => "Pending",
        (AffiliationStatus::Approved, Locale::En) => "Approved",
        (AffiliationStatus::Rejected, Locale::En) => "Rejected",
    })
}

const COLUMNS: &[Column<AffiliationRequest>] = &[
    Column {
        zh: "编号",
        en: "ID",
        width: 8.0,
        cell: |r, _| Cell::from(r.id),
    },
    Column {
        zh: "申请单位",
        en: "Unit",
        width: 28.0,
        cell: |r, _| Cell::from(r.unit.name.as_str()),
    },
    Column {
        zh: "原上级单位",
        en: "From",
        width: 28.0,
        cell: |r, _| Cell::from(r.from_parent.name.as_str()),
    },
    Column {
        zh: "新上级单位",
        en: "To",
        width: 28.0,
        cell: |r, _| Cell::from(r.to_parent.name.as_str()),
    },
    Column {
        zh: "申请理由",
        en: "Reason",
        width: 30.0,
        cell: |r, _| Cell::from(r.reason.as_str()),
    },
    Column {
        zh: "状态",
        en: "Status",
        width: 8.0,
        cell: |r, l| status(r.status, l),
    },
    Column {
        zh: "申请人",
        en: "Requested by",
        width: 12.0,
        cell: |r, _| Cell::from(r.requested_by.as_str()),
    },
    Column {
        zh: "申请时间",
        en: "Requested at",
        width: 20.0,
        cell: |r, _| Cell::from(china_time(&r.requested_at)),
    },
    Column {
        zh: "审核人",
        en: "Decided by",
        width: 12.0,
        cell: |r, _| Cell::from(r.decided_by.clone()),
    },
    Column {
        zh: "审核时间",
        en: "Decided at",
        width: 20.0,
        cell: |r, _| china_time_opt(r.decided_at.as_ref()),
    },
    Column {
        zh: "审核意见",
        en: "Opinion",
        width: 30.0,
        cell: |r, _| Cell::from(r.opinion.clone()),
    },
];

/// The affiliation change requests under the same filter and jurisdiction as `GET
/// /api/v1/affiliation-requests`, as an XLSX workbook (at most 50,000 rows).
#[utoipa::path(
    tag = "units",
    params(RequestFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "`bad_request`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `config.units.affiliation`", body = shared::ErrorBody),
        (status = 422, description = "`export_too_large`: more than 50,000 rows match", body = shared::ErrorBody),
    )
)]
#[get("/v1/affiliation-requests/export")]
pub async fn export_affiliation_requests(
    req: HttpRequest,
    user: AuthUser,
    filter: web::Query<RequestFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::Affiliation)?;
    let f = filter.into_inner();
    let sheet = Sheet {
        zh: "主管部门更改申请",
        en: "affiliation-requests",
        columns: COLUMNS,
    };
    export::xlsx(&req, &db, sheet, move |conn, page| {
        list_page(conn, &user, &f, page)
    })
    .await
}
