use actix_web::{get, web, HttpRequest, HttpResponse};
use shared::{votes::TallyResult, Page};

use crate::{
    auth::AuthUser,
    db::Db,
    error::ApiError,
    http::{
        export::{self, china_time, Cell, Column, Sheet},
        pagination,
    },
    votes::results::{list_page, TallyResultFilter},
};

/// Tally results (统票结果) of the committees the caller's unit organises, or (an HRSS) that
/// are organised in its subtree, newest session first.
#[utoipa::path(
    tag = "votes",
    params(TallyResultFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<TallyResult>),
        (status = 403, description = "`forbidden`: needs `title.online.tally_results` (unit side)", body = shared::ErrorBody),
    )
)]
#[get("/v1/tally-results")]
pub async fn list_tally_results(
    user: AuthUser,
    filter: web::Query<TallyResultFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let f = filter.into_inner();
    let page = pagination::query(f.page, f.per_page)?;
    let answer = db.run(move |conn| list_page(conn, &user, &f, page)).await?;
    Ok(HttpResponse::Ok().json(answer))
}

const COLUMNS: &[Column<TallyResult>] = &[
    Column {
        zh: "评审会",
        en: "Session",
        width: 24.0,
        cell: |r, _| Cell::from(r.session_name.as_str()),
    },
    Column {
        zh: "评委会",
        en: "Committee",
        width: 28.0,
        cell: |r, _| Cell::from(r.committee_name.as_str()),
    },
    Column {
        zh: "年度",
        en: "Year",
        width: 8.0,
        cell: |r, _| Cell::from(r.year),
    },
    Column {
        zh: "姓名",
        en: "Name",
        width: 12.0,
        cell: |r, _| Cell::from(r.name.as_str()),
    },
    Column {
        zh: "工作单位",
        en: "Employer",
        width: 28.0,
        cell: |r, _| Cell::from(r.employer.as_str()),
    },
    Column {
        zh: "专业",
        en: "Specialty",
        width: 14.0,
        cell: |r, _| Cell::from(r.specialty.as_str()),
    },
    Column {
        zh: "申报资格",
        en: "Qualification",
        width: 18.0,
        cell: |r, _| Cell::from(r.qualification.as_str()),
    },
    Column {
        zh: "同意",
        en: "Agree",
        width: 8.0,
        cell: |r, _| Cell::from(i64::from(r.counts.agree)),
    },
    Column {
        zh: "不同意",
        en: "Disagree",
        width: 8.0,
        cell: |r, _| Cell::from(i64::from(r.counts.disagree)),
    },
    Column {
        zh: "弃权",
        en: "Abstain",
        width: 8.0,
        cell: |r, _| Cell::from(i64::from(r.counts.abstain)),
    },
    Column {
        zh: "出席委员",
        en: "Attending",
        width: 10.0,
        cell: |r, _| Cell::from(i64::from(r.attending)),
    },
    Column {
        zh: "结果",
        en: "Result",
        width: 10.0,
        cell: |r, l| {
            Cell::from(match (r.passed, l) {
                (true, shared::Locale::ZhCn) => "通过",
                (false, shared::Locale::ZhCn) => "未通过",
                (true, shared::Locale::En) => "Passed",
                (false, shared::Locale::En) => "Not passed",
            })
        },
    },
    Column {
        zh: "统票时间",
        en: "Tallied at",
        width: 20.0,
        cell: |r, _| Cell::from(china_time(&r.tallied_at)),
    },
];

/// The tally results under the same filters, as XLSX.
#[utoipa::path(
    tag = "votes",
    params(TallyResultFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 422, description = "`export_too_large`", body = shared::ErrorBody),
    )
)]
#[get("/v1/tally-results/export")]
pub async fn export_tally_results(
    req: HttpRequest,
    user: AuthUser,
    filter: web::Query<TallyResultFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    crate::online::access::require_unit_module(&user, &[shared::Module::TallyResults])?;
    let f = filter.into_inner();
    let sheet = Sheet {
        zh: "统票结果",
        en: "tally-results",
        columns: COLUMNS,
    };
    export::xlsx(&req, &db, sheet, move |conn, page| {
        list_page(conn, &user, &f, page)
    })
    .await
}
