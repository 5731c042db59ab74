//! Dashboards (统计分析, issue 12): figures counted where the data is, each one `GROUP BY` over
//! the year's applications of a subtree, read from one covering index
//! (`applications_dashboard`, migration 000390) so that the engine never visits the table.
//!
//! Who sees what:
//! - an HRSS unit's unit-side accounts that read applications: the applications whose
//!   employer is in the unit's subtree (optionally narrowed to a unit inside it);
//! - a unit that organises a committee (not HRSS): its committees' applications;
//! - the system administrator: the accounts dashboard;
//! - nobody else (403).
//!
//! The wait of a stage is counted from `applications.stage_entered_at`, which every stage change
//! sets in its own statement: the figure is "how long the applications now here have waited",
//! the place where work waits. Days and months are China days.

use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::{
    dsl::{count_star, sql},
    prelude::*,
    sql_types::{BigInt, Bool, Integer, Nullable, Text},
};
use shared::{
    application::{Level, Series},
    dashboards::{
        median_days, AccountKindFigure, AccountsDashboard, ApplicationsDashboard, DayFigure,
        MonthFigure, PassFigure, ReportFigure, StageFigure,
    },
    publicity::ReportStatus,
    workflow::Stage,
    AccountKind, DatabaseKind, ErrorCode, Locale, UnitKind,
};

use crate::{
    auth::AuthUser,
    calendar,
    clock::rfc3339,
    db::{
        recent::Recent,
        schema::{
            accounts, applications, audit_log, committees, publicity_batches, publicity_reports,
            units,
        },
        Db, DbBackend, DbConnection,
    },
    error::ApiError,
    org::units::subtree_end,
};

/// What the applications dashboard is asked for.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub year: Option<i32>,
    pub series: Option<Series>,
    pub level: Option<Level>,
    /// A unit of the caller's subtree to narrow to.
    pub unit_id: Option<i64>,
}

/// Employers listed in the pass rates.
const TOP_EMPLOYERS: usize = 20;

/// Whose applications are counted.
#[derive(Debug, Clone)]
enum Scope {
    /// Employers in `[lo, hi)` (a subtree's paths).
    Subtree { lo: String, hi: String },
    /// The committees a unit organises, employers optionally within a subtree.
    Committees {
        ids: Vec<i64>,
        within: Option<(String, String)>,
    },
}

/// The scope of the caller, and the name of the unit counted; 403 for those without one.
fn scope(
    conn: &mut DbConnection,
    user: &AuthUser,
    unit_id: Option<i64>,
) -> Result<(Scope, String), ApiError> {
    // The figures are the applications' own: only a unit-side account that may read the
    // applications (`access::is_unit_reader`, the list's rule) sees them; a unit administrator,
    // which manages accounts only, does not (found by the generated matrix, issue 13).
    if !crate::applications::access::is_unit_reader(user) {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    let (kind, own_name): (UnitKind, String) = units::table
        .find(user.unit_id)
        .select((units::kind, units::name))
        .first(conn)?;
    // A unit to narrow to: in the caller's subtree, else 404 (its existence is not told).
    let narrow = match unit_id {
        None => None,
        Some(id) => {
            let (path, name): (String, String) = units::table
                .find(id)
                .filter(units::path.ge(&user.unit_path))
                .filter(units::path.lt(subtree_end(&user.unit_path)))
                .select((units::path, units::name))
                .first(conn)
                .optional()?
                .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
            Some((path, name))
        }
    };
    if kind == UnitKind::Hrss {
        let (path, name) = narrow.unwrap_or_else(|| (user.unit_path.clone(), own_name));
        let hi = subtree_end(&path);
        return Ok((Scope::Subtree { lo: path, hi }, name));
    }
    let ids: Vec<i64> = committees::table
        .filter(committees::unit_id.eq(user.unit_id))
        .select(committees::id)
        .load(conn)?;
    if ids.is_empty() {
        return Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "统计分析供人社部门和评委会组建单位使用",
            "Dashboards are for HRSS units and committee organising units",
        ));
    }
    let name = narrow.as_ref().map_or(own_name, |n| n.1.clone());
    let within = narrow.map(|(path, _)| {
        let hi = subtree_end(&path);
        (path, hi)
    });
    Ok((Scope::Committees { ids, within }, name))
}

/// A condition on applications, built from the filters.
type Cond<'a> = Box<dyn BoxableExpression<applications::table, DbBackend, SqlType = Bool> + 'a>;

/// The year's submitted applications of the scope, with the filters.
fn condition<'a>(scope: &Scope, year: i32, f: &Filter) -> Cond<'a> {
    let mut c: Cond<'a> = Box::new(
        applications::year
            .eq(year)
            .and(applications::submitted_at.is_not_null()),
    );
    let within = |c: Cond<'a>, lo: &str, hi: &str| -> Cond<'a> {
        Box::new(
            c.and(applications::employer_path.ge(lo.to_owned()))
                .and(applications::employer_path.lt(hi.to_owned())),
        )
    };
    match scope {
        Scope::Subtree { lo, hi } => c = within(c, lo, hi),
        Scope::Committees {
            ids,
            within: narrow,
        } => {
            c = Box::new(
                c.and(
                    applications::committee_id
                        .assume_not_null()
                        .eq_any(ids.clone()),
                ),
            );
            if let Some((lo, hi)) = narrow {
                c = within(c, lo, hi);
            }
        }
    }
    if let Some(s) = f.series {
        c = Box::new(c.and(applications::series.eq(s)));
    }
    if let Some(l) = f.level {
        c = Box::new(c.and(applications::level.eq(l)));
    }
    c
}

/// The grouped figures of `select` (SQL, its last column `count(*)`), grouped by `group_by`
/// (positions), over the applications of `cond`.
macro_rules! grouped {
    ($conn:expr, $cond:expr, $st:ty, $select:expr, $group_by:expr) => {
        applications::table
            .filter($cond)
            .group_by(sql::<Integer>($group_by))
            .select(sql::<$st>($select))
            .load($conn)
    };
}

/// The China day of a timestamp column, as `YYYY-MM-DD` text, on this engine.
fn china_day_sql(engine: DatabaseKind, column: &str) -> String {
    match engine {
        DatabaseKind::Sqlite => format!("date({column}, '+8 hours')"),
        DatabaseKind::Postgres => {
            format!("to_char({column} + interval '8 hours', 'YYYY-MM-DD')")
        }
    }
}

/// The China month (1–12) of a timestamp column, on this engine.
fn china_month_sql(engine: DatabaseKind, column: &str) -> String {
    match engine {
        DatabaseKind::Sqlite => {
            format!("CAST(strftime('%m', {column}, '+8 hours') AS INTEGER)")
        }
        DatabaseKind::Postgres => {
            format!("CAST(EXTRACT(MONTH FROM {column} + interval '8 hours') AS INTEGER)")
        }
    }
}

fn rate(key: String, label: String, counts: (i64, i64)) -> PassFigure {
    PassFigure {
        key,
        label,
        decided: counts.0,
        passed: counts.1,
    }
}

/// The dashboards' recent answers (`db::recent`): the figures of a scope and filter are counted
/// at most once a minute per instance, and each answer says when (`as_of`).
#[derive(Clone)]
pub struct Recents {
    applications: Recent<ApplicationsDashboard>,
    accounts: Recent<AccountsDashboard>,
}

impl Recents {
    /// How old the figures on a dashboard may be.
    pub const FRESH: std::time::Duration = std::time::Duration::from_secs(60);

    /// None counted yet.
    pub fn new(db: &Db) -> Self {
        Recents {
            applications: db.recent(Self::FRESH),
            accounts: db.recent(Self::FRESH),
        }
    }
}

/// The applications dashboard of the caller: counted now (`recent: None`, the export), or a
/// recent count of the same scope and filter. The caller's right to the scope is checked on
/// every request, before any figure is looked up.
pub fn applications_dashboard(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &Filter,
    now: NaiveDateTime,
    locale: Locale,
    recent: Option<&Recents>,
) -> Result<ApplicationsDashboard, ApiError> {
    let today = calendar::today(now);
    let year = f.year.unwrap_or_else(|| chrono::Datelike::year(&today));
    if !(2000..=2100).contains(&year) {
        return Err(ApiError::validation(
            "year",
            "年度须在 2000 至 2100 之间",
            "the year must be from 2000 to 2100",
        ));
    }
    let (scope, unit) = scope(conn, user, f.unit_id)?;
    let Some(recent) = recent else {
        return figures(conn, scope, unit, year, f, now, locale);
    };
    let key = format!(
        "{scope:?}|{unit}|{year}|{:?}|{:?}|{locale:?}|{today}",
        f.series, f.level
    );
    let f = f.clone();
    recent.applications.get_or_compute(conn, &key, move || {
        Box::new(move |conn| figures(conn, scope, unit, year, &f, now, locale))
    })
}

/// The figures of the year's applications of `scope` (named `unit`), counted at `now`.
fn figures(
    conn: &mut DbConnection,
    scope: Scope,
    unit: String,
    year: i32,
    f: &Filter,
    now: NaiveDateTime,
    locale: Locale,
) -> Result<ApplicationsDashboard, ApiError> {
    let today = calendar::today(now);
    let engine = conn.kind();

    // The funnel with the waits: (stage, the China day it was entered, how many).
    // One scan for the funnel, the waits and the months: (stage, the China day it was
    // entered, the China month of the first submission, how many).
    let entered = china_day_sql(engine, "stage_entered_at");
    let month = china_month_sql(engine, "submitted_at");
    let raw: Vec<(String, Option<String>, Option<i32>, i64)> = grouped!(
        conn,
        condition(&scope, year, f),
        (Text, Nullable<Text>, Nullable<Integer>, BigInt),
        &format!("stage, {entered}, {month}, count(*)"),
        "1, 2, 3"
    )?;
    let mut months: HashMap<i32, i64> = HashMap::new();
    let rows: Vec<(Stage, Option<String>, i64)> = raw
        .into_iter()
        .filter_map(|(stage, day, m, n)| {
            if let Some(m) = m {
                *months.entry(m).or_default() += n;
            }
            Some((Stage::parse(&stage)?, day, n))
        })
        .collect();
    let mut per_stage: BTreeMap<Stage, (i64, Vec<(i64, i64)>)> = BTreeMap::new();
    for (stage, day, n) in rows {
        let entry = per_stage.entry(stage).or_default();
        entry.0 += n;
        if let Some(day) = day.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()) {
            entry.1.push(((today - day).num_days().max(0), n));
        }
    }
    let total = per_stage.values().map(|v| v.0).sum();
    let funnel = Stage::ALL
        .iter()
        .filter(|s| **s != Stage::Draft)
        .map(|&stage| {
            let (count, waits) = per_stage.remove(&stage).unwrap_or_default();
            StageFigure {
                stage,
                count,
                median_wait_days: median_days(&waits),
            }
        })
        .collect();

    // One scan for the pass rates: (employer, series, level, passed, how many) of the
    // decided ones.
    let raw: Vec<(i64, String, String, Option<bool>, i64)> = grouped!(
        conn,
        condition(&scope, year, f).and(applications::review_passed.is_not_null()),
        (BigInt, Text, Text, Nullable<Bool>, BigInt),
        "employer_id, series, level, review_passed, count(*)",
        "1, 2, 3, 4"
    )?;
    let mut by_series: BTreeMap<Series, (i64, i64)> = BTreeMap::new();
    let mut by_level: BTreeMap<Level, (i64, i64)> = BTreeMap::new();
    let mut by_employer: HashMap<i64, (i64, i64)> = HashMap::new();
    for (employer, series, level, passed, n) in raw {
        let won = if passed == Some(true) { n } else { 0 };
        let add = |c: &mut (i64, i64)| (c.0, c.1) = (c.0 + n, c.1 + won);
        if let Some(series) = Series::parse(&series) {
            add(by_series.entry(series).or_default());
        }
        if let Some(level) = Level::parse(&level) {
            add(by_level.entry(level).or_default());
        }
        add(by_employer.entry(employer).or_default());
    }
    let pass_by_series = by_series
        .into_iter()
        .map(|(s, c)| rate(s.as_str().to_owned(), s.label(locale).to_owned(), c))
        .collect();
    let pass_by_level = by_level
        .into_iter()
        .map(|(l, c)| rate(l.as_str().to_owned(), l.label(locale).to_owned(), c))
        .collect();
    let mut top: Vec<(i64, (i64, i64))> = by_employer.into_iter().collect();
    top.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    top.truncate(TOP_EMPLOYERS);
    let ids: Vec<i64> = top.iter().map(|t| t.0).collect();
    let names: HashMap<i64, String> = units::table
        .filter(units::id.eq_any(&ids))
        .select((units::id, units::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let pass_by_employer = top
        .into_iter()
        .map(|(id, c)| {
            rate(
                id.to_string(),
                names.get(&id).cloned().unwrap_or_default(),
                c,
            )
        })
        .collect();

    let per_month = (1..=12_u32)
        .map(|m| MonthFigure {
            month: m,
            count: i32::try_from(m)
                .ok()
                .and_then(|m| months.get(&m))
                .copied()
                .unwrap_or(0),
        })
        .collect();

    let reports = report_figures(conn, &scope, year)?;
    Ok(ApplicationsDashboard {
        as_of: rfc3339(now),
        year,
        unit,
        series: f.series,
        level: f.level,
        total,
        funnel,
        pass_by_series,
        pass_by_level,
        pass_by_employer,
        per_month,
        reports,
    })
}

/// Reports on the year's batches published by the units of the scope, per state.
fn report_figures(
    conn: &mut DbConnection,
    scope: &Scope,
    year: i32,
) -> Result<Vec<ReportFigure>, ApiError> {
    let raw: Vec<(String, i64)> = match scope {
        Scope::Subtree { lo, hi } => publicity_reports::table
            .inner_join(publicity_batches::table)
            .filter(publicity_batches::year.eq(year))
            .filter(
                publicity_batches::unit_id.eq_any(
                    units::table
                        .filter(units::path.ge(lo.clone()))
                        .filter(units::path.lt(hi.clone()))
                        .select(units::id),
                ),
            )
            .group_by(sql::<Integer>("1"))
            .select(sql::<(Text, BigInt)>("publicity_reports.status, count(*)"))
            .load(conn)?,
        Scope::Committees { ids, .. } => publicity_reports::table
            .inner_join(publicity_batches::table)
            .filter(publicity_batches::year.eq(year))
            .filter(publicity_batches::committee_id.eq_any(ids.clone()))
            .group_by(sql::<Integer>("1"))
            .select(sql::<(Text, BigInt)>("publicity_reports.status, count(*)"))
            .load(conn)?,
    };
    let counts: Vec<(ReportStatus, i64)> = raw
        .into_iter()
        .filter_map(|(s, n)| Some((ReportStatus::parse(&s)?, n)))
        .collect();
    let counts: HashMap<ReportStatus, i64> = counts.into_iter().collect();
    Ok(ReportStatus::ALL
        .iter()
        .map(|&status| ReportFigure {
            status,
            count: counts.get(&status).copied().unwrap_or(0),
        })
        .collect())
}

/// Days of the accounts dashboard.
const ACTIVITY_DAYS: i64 = 30;

/// The system administrator's dashboard, counted now (`recent: None`) or recently; 403 for
/// anyone else.
pub fn accounts_dashboard(
    conn: &mut DbConnection,
    user: &AuthUser,
    now: NaiveDateTime,
    recent: Option<&Recents>,
) -> Result<AccountsDashboard, ApiError> {
    if user.kind != AccountKind::SystemAdmin {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    match recent {
        None => account_figures(conn, now),
        Some(recent) => {
            let key = calendar::format_day(calendar::today(now));
            recent.accounts.get_or_compute(conn, &key, move || {
                Box::new(move |conn| account_figures(conn, now))
            })
        }
    }
}

/// The accounts by kind and the sign-ins of the last 30 days, counted at `now`.
fn account_figures(
    conn: &mut DbConnection,
    now: NaiveDateTime,
) -> Result<AccountsDashboard, ApiError> {
    let kinds: Vec<(AccountKind, bool, i64)> = accounts::table
        .group_by((accounts::kind, accounts::enabled))
        .select((accounts::kind, accounts::enabled, count_star()))
        .load(conn)?;
    let by_kind = AccountKind::ALL
        .iter()
        .map(|&kind| {
            let of = |enabled: bool| {
                kinds
                    .iter()
                    .filter(|k| k.0 == kind && k.1 == enabled)
                    .map(|k| k.2)
                    .sum()
            };
            AccountKindFigure {
                kind,
                enabled: of(true),
                disabled: of(false),
            }
        })
        .collect();

    let today = calendar::today(now);
    let first = today - Duration::days(ACTIVITY_DAYS - 1);
    // From the start of the first China day, in UTC.
    let from = first.and_hms_opt(0, 0, 0).unwrap_or_default() - Duration::hours(8);
    let day = china_day_sql(conn.kind(), "created_at");
    let locked = "CASE WHEN after_data LIKE '%wrong_password_locked%' THEN 1 ELSE 0 END";
    let rows: Vec<(Option<String>, String, i32, i64)> = audit_log::table
        .group_by(sql::<Integer>("1, 2, 3"))
        .filter(audit_log::action.eq("auth.login"))
        .filter(audit_log::created_at.ge(from))
        .select(sql::<(Nullable<Text>, Text, Integer, BigInt)>(&format!(
            "{day}, outcome, {locked}, count(*)"
        )))
        .load(conn)?;
    let mut per_day: BTreeMap<String, DayFigure> = (0..ACTIVITY_DAYS)
        .map(|i| {
            let d = calendar::format_day(first + Duration::days(i));
            (
                d.clone(),
                DayFigure {
                    day: d,
                    sign_ins: 0,
                    failed_sign_ins: 0,
                    lockouts: 0,
                },
            )
        })
        .collect();
    for (d, outcome, locks, n) in rows {
        let Some(fig) = d.and_then(|d| per_day.get_mut(&d)) else {
            continue;
        };
        if outcome == "success" {
            fig.sign_ins += n;
        } else {
            fig.failed_sign_ins += n;
            if locks == 1 {
                fig.lockouts += n;
            }
        }
    }
    Ok(AccountsDashboard {
        as_of: rfc3339(now),
        by_kind,
        days: per_day.into_values().collect(),
    })
}
