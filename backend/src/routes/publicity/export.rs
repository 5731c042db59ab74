use actix_web::{get, web, HttpRequest, HttpResponse};
use shared::publicity::PublicityBatch;

use super::list::{list_page, BatchFilter};
use crate::{
    auth::{AuthState, AuthUser},
    calendar,
    db::Db,
    error::ApiError,
    http::export::{self, china_time_opt, Cell, Column, Sheet},
};

const COLUMNS: &[Column<PublicityBatch>] = &[
    Column {
        zh: "编号",
        en: "ID",
        width: 8.0,
        cell: |b, _| Cell::from(b.id),
    },
    Column {
        zh: "公示类型",
        en: "Kind",
        width: 18.0,
        cell: |b, l| Cell::from(b.kind.label(l)),
    },
    Column {
        zh: "标题",
        en: "Title",
        width: 36.0,
        cell: |b, _| Cell::from(b.title.as_str()),
    },
    Column {
        zh: "发布单位",
        en: "Unit",
        width: 28.0,
        cell: |b, _| Cell::from(b.unit.as_str()),
    },
    Column {
        zh: "评委会",
        en: "Committee",
        width: 28.0,
        cell: |b, _| Cell::from(b.committee.clone()),
    },
    Column {
        zh: "年度",
        en: "Year",
        width: 8.0,
        cell: |b, _| Cell::from(b.year),
    },
    Column {
        zh: "系列",
        en: "Series",
        width: 16.0,
        cell: |b, l| Cell::from(b.series.map(|s| s.label(l)).unwrap_or_default()),
    },
    Column {
        zh: "公示开始",
        en: "Period start",
        width: 12.0,
        cell: |b, _| Cell::from(b.period_start.as_str()),
    },
    Column {
        zh: "公示结束",
        en: "Period end",
        width: 12.0,
        cell: |b, _| Cell::from(b.period_end.as_str()),
    },
    Column {
        zh: "工作日",
        en: "Working days",
        width: 8.0,
        cell: |b, _| Cell::from(b.working_days),
    },
    Column {
        zh: "人数",
        en: "Items",
        width: 8.0,
        cell: |b, _| Cell::from(b.item_count),
    },
    Column {
        zh: "未处理举报",
        en: "Open reports",
        width: 10.0,
        cell: |b, _| Cell::from(b.open_reports),
    },
    Column {
        zh: "状态",
        en: "Status",
        width: 10.0,
        cell: |b, l| Cell::from(b.status.label(l)),
    },
    Column {
        zh: "发布时间",
        en: "Published",
        width: 20.0,
        cell: |b, _| china_time_opt(b.published_at.as_ref()),
    },
    Column {
        zh: "完成时间",
        en: "Completed",
        width: 20.0,
        cell: |b, _| china_time_opt(b.completed_at.as_ref()),
    },
];

/// The publicity batches under the same filters and visibility as `GET
/// /api/v1/publicity-batches`, as an XLSX workbook (at most 50,000 rows).
#[utoipa::path(
    tag = "publicity",
    params(BatchFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: no publicity module", body = shared::ErrorBody),
        (status = 422, description = "`export_too_large`: more than 50,000 rows match", body = shared::ErrorBody),
    )
)]
#[get("/v1/publicity-batches/export")]
pub async fn export_publicity_batches(
    req: HttpRequest,
    user: AuthUser,
    filter: web::Query<BatchFilter>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let f = filter.into_inner();
    let today = calendar::today(auth.clock.now());
    let sheet = Sheet {
        zh: "公示批次",
        en: "publicity-batches",
        columns: COLUMNS,
    };
    export::xlsx(&req, &db, sheet, move |conn, page| {
        list_page(conn, &user, &f, page, today)
    })
    .await
}
