use actix_web::{get, web, HttpRequest, HttpResponse};
use shared::committees::PolicyReviewer;

use super::list_reviewers::{list_page, ReviewerFilter};
use crate::committees::reviewers;
use crate::{
    auth::AuthUser,
    db::Db,
    error::ApiError,
    http::export::{self, china_time, china_time_opt, yes_no, Cell, Column, Sheet},
};

const COLUMNS: &[Column<PolicyReviewer>] = &[
    Column {
        zh: "账号",
        en: "Username",
        width: 20.0,
        cell: |r, _| Cell::from(r.username.as_str()),
    },
    Column {
        zh: "名称",
        en: "Name",
        width: 16.0,
        cell: |r, _| Cell::from(r.display_name.as_str()),
    },
    Column {
        zh: "评委会",
        en: "Committee",
        width: 30.0,
        cell: |r, _| Cell::from(r.committee.name.as_str()),
    },
    Column {
        zh: "年度",
        en: "Year",
        width: 8.0,
        cell: |r, _| Cell::from(r.year),
    },
    Column {
        zh: "系列",
        en: "Series",
        width: 16.0,
        cell: |r, l| Cell::from(r.series.label(l)),
    },
    Column {
        zh: "专业",
        en: "Specialties",
        width: 24.0,
        cell: |r, _| Cell::from(r.specialties.join("、")),
    },
    Column {
        zh: "启用",
        en: "Enabled",
        width: 6.0,
        cell: |r, l| yes_no(r.enabled, l),
    },
    Column {
        zh: "首次使用",
        en: "First used",
        width: 20.0,
        cell: |r, _| china_time_opt(r.first_used_at.as_ref()),
    },
    Column {
        zh: "创建时间",
        en: "Created",
        width: 20.0,
        cell: |r, _| Cell::from(china_time(&r.created_at)),
    },
];

/// The policy-review accounts under the same filters as `GET /api/v1/policy-reviewers`, as an
/// XLSX workbook (at most 50,000 rows).
#[utoipa::path(
    tag = "committees",
    params(ReviewerFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.accounts.personal_accounts`", body = shared::ErrorBody),
        (status = 422, description = "`export_too_large`: more than 50,000 rows match", body = shared::ErrorBody),
    )
)]
#[get("/v1/policy-reviewers/export")]
pub async fn export_policy_reviewers(
    req: HttpRequest,
    user: AuthUser,
    filter: web::Query<ReviewerFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    reviewers::require_module(&user)?;
    let f = filter.into_inner();
    let sheet = Sheet {
        zh: "政策性审查账号",
        en: "policy-reviewers",
        columns: COLUMNS,
    };
    export::xlsx(&req, &db, sheet, move |conn, page| {
        list_page(conn, &user, &f, page)
    })
    .await
}
