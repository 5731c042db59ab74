//! `/api/v1/dashboards/…`: the applications dashboard of HRSS and organising units, the
//! accounts dashboard of the system administrator, each also as an XLSX workbook.

use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared::{
    application::{Level, Series},
    dashboards::{AccountsDashboard, ApplicationsDashboard},
    Locale,
};

use crate::{
    auth::{AuthState, AuthUser},
    dashboards::{self, Filter, Recents},
    db::Db,
    error::ApiError,
    http::{
        errors::request_locale,
        export::{tables, Cell},
    },
};

/// The filters of the applications dashboard.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DashboardQuery {
    /// The application year (default: this year, China time; 2000–2100).
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    pub series: Option<Series>,
    pub level: Option<Level>,
    /// A unit in the caller's subtree to narrow to (404 outside it).
    pub unit_id: Option<i64>,
}

impl From<DashboardQuery> for Filter {
    fn from(q: DashboardQuery) -> Self {
        Filter {
            year: q.year,
            series: q.series,
            level: q.level,
            unit_id: q.unit_id,
        }
    }
}

/// The year's applications in the caller's jurisdiction: the stage funnel with the median
/// wait of each stage, pass rates by series, level and employer (top 20), first submissions per
/// month, and the publicity reports per state. For unit-side accounts of HRSS units (their
/// employers' subtree) and of committee organising units (their committees' applications).
#[utoipa::path(
    tag = "dashboards",
    params(DashboardQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The figures", body = ApplicationsDashboard),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: not an HRSS or organising unit's account", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: `unit_id` is outside the caller's subtree", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: the year is out of range", body = shared::ErrorBody),
    )
)]
#[get("/v1/dashboards/applications")]
pub async fn applications_dashboard(
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<DashboardQuery>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
    recents: web::Data<Recents>,
) -> Result<HttpResponse, ApiError> {
    let recents = Some(recents.get_ref().clone());
    let answer = load_applications(&req, user, query.into_inner(), &db, &auth, recents).await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// The figures, recent (`recents`) or counted now (the export's).
async fn load_applications(
    req: &HttpRequest,
    user: AuthUser,
    query: DashboardQuery,
    db: &web::Data<Db>,
    auth: &web::Data<AuthState>,
    recents: Option<Recents>,
) -> Result<ApplicationsDashboard, ApiError> {
    let locale = request_locale(req);
    let now = auth.clock.now();
    let filter = Filter::from(query);
    db.run(move |conn| {
        dashboards::applications_dashboard(conn, &user, &filter, now, locale, recents.as_ref())
    })
    .await
}

/// The applications dashboard as an XLSX workbook, one sheet per figure.
#[utoipa::path(
    tag = "dashboards",
    params(DashboardQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: the year is out of range", body = shared::ErrorBody),
    )
)]
#[get("/v1/dashboards/applications/export")]
pub async fn export_applications_dashboard(
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<DashboardQuery>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let d = load_applications(&req, user, query.into_inner(), &db, &auth, None).await?;
    let l = request_locale(&req);
    let t = |zh: &str, en: &str| pick(l, zh, en);
    let rate = |f: &shared::dashboards::PassFigure| -> Vec<Cell> {
        let pct = if f.decided > 0 {
            format!("{:.1}%", percent(f.passed, f.decided))
        } else {
            String::new()
        };
        vec![
            Cell::from(f.label.clone()),
            Cell::from(f.decided),
            Cell::from(f.passed),
            Cell::from(pct),
        ]
    };
    let rate_headers = |first: (&str, &str)| {
        vec![
            t(first.0, first.1),
            t("有结果", "Decided"),
            t("通过", "Passed"),
            t("通过率", "Pass rate"),
        ]
    };
    let sheets = vec![
        (
            t("阶段漏斗", "Funnel"),
            vec![
                t("阶段", "Stage"),
                t("件数", "Applications"),
                t("已等待天数（中位数）", "Median days waited"),
            ],
            d.funnel
                .iter()
                .map(|s| {
                    vec![
                        Cell::from(s.stage.label(l)),
                        Cell::from(s.count),
                        s.median_wait_days.map_or(Cell::from(""), Cell::from),
                    ]
                })
                .collect(),
        ),
        (
            t("按系列通过率", "By series"),
            rate_headers(("系列", "Series")),
            d.pass_by_series.iter().map(rate).collect(),
        ),
        (
            t("按级别通过率", "By level"),
            rate_headers(("级别", "Level")),
            d.pass_by_level.iter().map(rate).collect(),
        ),
        (
            t("按单位通过率", "By employer"),
            rate_headers(("单位", "Employer")),
            d.pass_by_employer.iter().map(rate).collect(),
        ),
        (
            t("月度申报", "Per month"),
            vec![t("月份", "Month"), t("首次提交件数", "First submissions")],
            d.per_month
                .iter()
                .map(|m| {
                    let month = match l {
                        Locale::ZhCn => format!("{}月", m.month),
                        Locale::En => m.month.to_string(),
                    };
                    vec![Cell::from(month), Cell::from(m.count)]
                })
                .collect(),
        ),
        (
            t("公示举报", "Reports"),
            vec![t("状态", "Status"), t("件数", "Reports")],
            d.reports
                .iter()
                .map(|r| vec![Cell::from(r.status.label(l)), Cell::from(r.count)])
                .collect(),
        ),
    ];
    tables(("职称申报统计", "applications-dashboard"), &sheets)
}

#[expect(clippy::cast_precision_loss, reason = "counts stay far below 2^53")]
fn percent(part: i64, whole: i64) -> f64 {
    part as f64 * 100.0 / whole as f64
}

/// Accounts by kind and the sign-ins, failed sign-ins and lockouts of the last 30 days (China
/// days). The system administrator's only.
#[utoipa::path(
    tag = "dashboards",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The figures", body = AccountsDashboard),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: not the system administrator", body = shared::ErrorBody),
    )
)]
#[get("/v1/dashboards/accounts")]
pub async fn accounts_dashboard(
    user: AuthUser,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
    recents: web::Data<Recents>,
) -> Result<HttpResponse, ApiError> {
    let now = auth.clock.now();
    let recents = recents.get_ref().clone();
    let answer = db
        .run(move |conn| dashboards::accounts_dashboard(conn, &user, now, Some(&recents)))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// The accounts dashboard as an XLSX workbook.
#[utoipa::path(
    tag = "dashboards",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
    )
)]
#[get("/v1/dashboards/accounts/export")]
pub async fn export_accounts_dashboard(
    req: HttpRequest,
    user: AuthUser,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let now = auth.clock.now();
    let d = db
        .run(move |conn| dashboards::accounts_dashboard(conn, &user, now, None))
        .await?;
    let l = request_locale(&req);
    let t = |zh: &str, en: &str| pick(l, zh, en);
    let sheets = vec![
        (
            t("账号类型", "Accounts"),
            vec![
                t("类型", "Kind"),
                t("启用", "Enabled"),
                t("停用", "Disabled"),
            ],
            d.by_kind
                .iter()
                .map(|k| {
                    vec![
                        Cell::from(k.kind.label(l)),
                        Cell::from(k.enabled),
                        Cell::from(k.disabled),
                    ]
                })
                .collect(),
        ),
        (
            t("每日登录", "Sign-ins"),
            vec![
                t("日期", "Day"),
                t("登录成功", "Sign-ins"),
                t("登录失败", "Failed"),
                t("锁定", "Lockouts"),
            ],
            d.days
                .iter()
                .map(|day| {
                    vec![
                        Cell::from(day.day.clone()),
                        Cell::from(day.sign_ins),
                        Cell::from(day.failed_sign_ins),
                        Cell::from(day.lockouts),
                    ]
                })
                .collect(),
        ),
    ];
    tables(("账号统计", "accounts-dashboard"), &sheets)
}

/// The Chinese or the English text.
fn pick(l: Locale, zh: &str, en: &str) -> String {
    match l {
        Locale::ZhCn => zh.to_owned(),
        Locale::En => en.to_owned(),
    }
}
