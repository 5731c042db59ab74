//! `GET /api/v1/calendar/export?year=`: the year's exceptions as an XLSX workbook (the list
//! screen's 导出), read by the same query as the list.

use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::{Datelike, NaiveDate};
use shared::{calendar::CalendarDay, Locale, Page};

use super::list::{days_between, year_bounds, YearFilter};
use crate::{
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    http::export::{self, Cell, Column, Sheet},
};

/// 星期一 … 星期日 (Monday … Sunday) of a `YYYY-MM-DD` day.
fn weekday(day: &str, locale: Locale) -> Cell {
    const ZH: [&str; 7] = [
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let Ok(date) = NaiveDate::parse_from_str(day, "%Y-%m-%d") else {
        return Cell::from("");
    };
    let i = date.weekday().num_days_from_monday() as usize;
    Cell::from(match locale {
        Locale::ZhCn => ZH[i],
        Locale::En => EN[i],
    })
}

const COLUMNS: &[Column<CalendarDay>] = &[
    Column {
        zh: "日期",
        en: "Date",
        width: 12.0,
        cell: |d, _| Cell::from(d.day.clone()),
    },
    Column {
        zh: "星期",
        en: "Weekday",
        width: 10.0,
        cell: |d, locale| weekday(&d.day, locale),
    },
    Column {
        zh: "类型",
        en: "Kind",
        width: 14.0,
        cell: |d, locale| Cell::from(d.kind.label(locale)),
    },
    Column {
        zh: "名称",
        en: "Name",
        width: 24.0,
        cell: |d, _| Cell::from(d.name.clone()),
    },
];

/// The exceptions of one year, by date, as the list shows them. Any signed-in account.
#[utoipa::path(
    tag = "calendar",
    params(YearFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "`bad_request`: year out of range", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
    )
)]
#[get("/v1/calendar/export")]
pub async fn export_calendar(
    req: HttpRequest,
    _user: AuthUser,
    filter: web::Query<YearFilter>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let (_, first, last) = year_bounds(filter.year, &auth)?;
    let sheet = Sheet {
        zh: "工作日历",
        en: "work-calendar",
        columns: COLUMNS,
    };
    export::xlsx(&req, &db, sheet, move |conn, page| {
        // A year has at most 366 exceptions: one query, served page by page.
        let days = days_between(conn, first, last)?;
        let total = days.len() as u64;
        let items = days
            .into_iter()
            .skip(usize::try_from(page.offset()).unwrap_or(usize::MAX))
            .take(page.per_page as usize)
            .collect();
        Ok(Page {
            items,
            total,
            page: page.page,
            per_page: page.per_page,
            total_kind: shared::TotalKind::Exact,
        })
    })
    .await
}
