use actix_web::{get, web, HttpRequest, HttpResponse};
use shared::review_filing::ReviewFiling;

use super::list::{list_page, FilingQuery};
use crate::{
    auth::AuthUser,
    db::Db,
    error::ApiError,
    http::export::{self, china_time, china_time_opt, Cell, Column, Sheet},
    review_filing,
};

const COLUMNS: &[Column<ReviewFiling>] = &[
    Column {
        zh: "编号",
        en: "ID",
        width: 8.0,
        cell: |f, _| Cell::from(f.id),
    },
    Column {
        zh: "年度",
        en: "Year",
        width: 8.0,
        cell: |f, _| Cell::from(i64::from(f.year)),
    },
    Column {
        zh: "评委会",
        en: "Committee",
        width: 30.0,
        cell: |f, _| Cell::from(f.committee.as_str()),
    },
    Column {
        zh: "评审会",
        en: "Session",
        width: 30.0,
        cell: |f, _| Cell::from(f.session.as_str()),
    },
    Column {
        zh: "组建单位",
        en: "Organising unit",
        width: 28.0,
        cell: |f, _| Cell::from(f.unit.as_str()),
    },
    Column {
        zh: "状态",
        en: "Status",
        width: 10.0,
        cell: |f, l| Cell::from(f.status.label(l)),
    },
    Column {
        zh: "材料数",
        en: "Files",
        width: 8.0,
        cell: |f, _| Cell::from(i64::try_from(f.files.len()).unwrap_or(i64::MAX)),
    },
    Column {
        zh: "申报人",
        en: "Submitted by",
        width: 14.0,
        cell: |f, _| Cell::from(f.submitted_by.clone()),
    },
    Column {
        zh: "申报时间",
        en: "Submitted at",
        width: 20.0,
        cell: |f, _| china_time_opt(f.submitted_at.as_ref()),
    },
    Column {
        zh: "审核人",
        en: "Audited by",
        width: 14.0,
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
    Column {
        zh: "创建时间",
        en: "Created at",
        width: 20.0,
        cell: |f, _| Cell::from(china_time(&f.created_at)),
    },
];

/// The review filings under the same filters as `GET /api/v1/review-filings`, as an XLSX
/// workbook (at most 50,000 rows).
#[utoipa::path(
    tag = "filing",
    params(FilingQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.filing.submit`, `…audit` or `…query`", body = shared::ErrorBody),
        (status = 422, description = "`export_too_large`: more than 50,000 rows match", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-filings/export")]
pub async fn export_review_filings(
    req: HttpRequest,
    user: AuthUser,
    filter: web::Query<FilingQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    review_filing::require_reader(&user)?;
    let f = filter.into_inner();
    let sheet = Sheet {
        zh: "评审工作备案",
        en: "review-filings",
        columns: COLUMNS,
    };
    export::xlsx(&req, &db, sheet, move |conn, page| {
        list_page(conn, &user, &f, page)
    })
    .await
}
