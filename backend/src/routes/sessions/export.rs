use actix_web::{get, web, HttpRequest, HttpResponse};
use shared::sessions::ReviewSession;

use crate::{
    auth::AuthUser,
    db::Db,
    error::ApiError,
    http::export::{self, china_time, yes_no, Cell, Column, Sheet},
    sessions::write::{list_page, SessionFilter},
};

const COLUMNS: &[Column<ReviewSession>] = &[
    Column {
        zh: "编号",
        en: "ID",
        width: 8.0,
        cell: |s, _| Cell::from(s.id),
    },
    Column {
        zh: "评委会",
        en: "Committee",
        width: 30.0,
        cell: |s, _| Cell::from(s.committee.name.as_str()),
    },
    Column {
        zh: "组建单位",
        en: "Organising unit",
        width: 28.0,
        cell: |s, _| Cell::from(s.committee.unit.name.as_str()),
    },
    Column {
        zh: "评审年度",
        en: "Year",
        width: 10.0,
        cell: |s, _| Cell::from(s.year),
    },
    Column {
        zh: "名称",
        en: "Name",
        width: 28.0,
        cell: |s, _| Cell::from(s.name.as_str()),
    },
    Column {
        zh: "评审日期",
        en: "Date",
        width: 12.0,
        cell: |s, _| Cell::from(s.session_date.as_str()),
    },
    Column {
        zh: "状态",
        en: "Status",
        width: 10.0,
        cell: |s, l| Cell::from(s.status.label(l)),
    },
    Column {
        zh: "小组数",
        en: "Groups",
        width: 8.0,
        cell: |s, _| Cell::from(s.group_count),
    },
    Column {
        zh: "在组专家",
        en: "Experts",
        width: 8.0,
        cell: |s, _| Cell::from(s.expert_count),
    },
    Column {
        zh: "盲评",
        en: "Blind review",
        width: 8.0,
        cell: |s, l| yes_no(s.blind_review, l),
    },
    Column {
        zh: "答辩",
        en: "Defense",
        width: 8.0,
        cell: |s, l| yes_no(s.defense, l),
    },
    Column {
        zh: "创建时间",
        en: "Created at",
        width: 20.0,
        cell: |s, _| Cell::from(china_time(&s.created_at)),
    },
];

/// The review sessions under the same filters as `GET /api/v1/review-sessions`, as XLSX.
#[utoipa::path(
    tag = "sessions",
    params(SessionFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 422, description = "`export_too_large`", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-sessions/export")]
pub async fn export_sessions(
    req: HttpRequest,
    user: AuthUser,
    filter: web::Query<SessionFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    crate::sessions::require_reader(&user)?;
    let f = filter.into_inner();
    let sheet = Sheet {
        zh: "评委会",
        en: "review-sessions",
        columns: COLUMNS,
    };
    export::xlsx(&req, &db, sheet, move |conn, page| {
        list_page(conn, &user, &f, page)
    })
    .await
}
