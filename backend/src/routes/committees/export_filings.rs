use actix_web::{get, web, HttpRequest, HttpResponse};
use shared::committees::ReviewAuthorityFiling;

use super::list_filings::{list_page, require_reader, FilingFilter};
use crate::{
    auth::AuthUser,
    db::Db,
    error::ApiError,
    http::export::{self, china_time, china_time_opt, Cell, Column, Sheet},
};

const COLUMNS: &[Column<ReviewAuthorityFiling>] = &[
    Column {
        zh: "编号",
        en: "ID",
        width: 8.0,
        cell: |f, _| Cell::from(f.id),
    },
    Column {
        zh: "评委会名称",
        en: "Committee",
        width: 30.0,
        cell: |f, _| Cell::from(f.committee.name.as_str()),
    },
    Column {
        zh: "申请单位",
        en: "Unit",
        width: 28.0,
        cell: |f, _| Cell::from(f.unit.name.as_str()),
    },
    Column {
        zh: "系列",
        en: "Series",
        width: 16.0,
        cell: |f, l| Cell::from(f.series.label(l)),
    },
    Column {
        zh: "评审级别",
        en: "Levels",
        width: 20.0,
        cell: |f, l| {
            Cell::from(
                f.levels
                    .iter()
                    .map(|v| v.label(l))
                    .collect::<Vec<_>>()
                    .join("、"),
            )
        },
    },
    Column {
        zh: "评审专业",
        en: "Specialties",
        width: 24.0,
        cell: |f, _| Cell::from(f.specialties.join("、")),
    },
    Column {
        zh: "评审区域",
        en: "Region",
        width: 16.0,
        cell: |f, _| Cell::from(f.region_scope.as_str()),
    },
    Column {
        zh: "有效期起",
        en: "Valid from",
        width: 12.0,
        cell: |f, _| Cell::from(f.valid_from.as_str()),
    },
    Column {
        zh: "有效期至",
        en: "Valid until",
        width: 12.0,
        cell: |f, _| Cell::from(f.valid_until.as_str()),
    },
    Column {
        zh: "状态",
        en: "Status",
        width: 10.0,
        cell: |f, l| Cell::from(f.status.label(l)),
    },
    Column {
        zh: "申请人",
        en: "Applied by",
        width: 12.0,
        cell: |f, _| Cell::from(f.applied_by.as_str()),
    },
    Column {
        zh: "申请时间",
        en: "Applied at",
        width: 20.0,
        cell: |f, _| Cell::from(china_time(&f.applied_at)),
    },
    Column {
        zh: "审核人",
        en: "Audited by",
        width: 12.0,
        cell: |f, _| Cell::from(f.audited_by.clone()),
    },
    Column {
        zh: "审核时间",
        en: "Audited at",
        width: 20.0,
        cell: |f, _| china_time_opt(f.audited_at.as_ref()),
    },
    Column {
        zh: "审核意见",
        en: "Opinion",
        width: 30.0,
        cell: |f, _| Cell::from(f.opinion.clone()),
    },
];

/// The review authority filings under the same filters as `GET
/// /api/v1/review-authority-filings`, as an XLSX workbook (at most 50,000 rows).
#[utoipa::path(
    tag = "committees",
    params(FilingFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.committees.authority_apply` or `…authority_audit`", body = shared::ErrorBody),
        (status = 422, description = "`export_too_large`: more than 50,000 rows match", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-authority-filings/export")]
pub async fn export_filings(
    req: HttpRequest,
    user: AuthUser,
    filter: web::Query<FilingFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let auditor = require_reader(&user)?;
    let f = filter.into_inner();
    let sheet = Sheet {
        zh: "评审权备案",
        en: "review-authority-filings",
        columns: COLUMNS,
    };
    export::xlsx(&req, &db, sheet, move |conn, page| {
        list_page(conn, &user, &f, auditor, page)
    })
    .await
}
