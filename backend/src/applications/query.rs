//! The applications list's query: the caller's jurisdiction, the filters, the to-do queue.
//! One query serves the list, its export and the home page's queue counts, so they agree.

use diesel::prelude::*;
use shared::{
    application::{ApplicationFilter, ApplicationSummary},
    workflow::Stage,
    AccountKind, DatabaseKind, ErrorCode, Page, PageQuery, TotalKind, EXACT_TOTAL_BOUND,
};

use crate::{
    applications::{access, rows::SummaryRow, view},
    auth::AuthUser,
    db::{
        schema::{accounts, applications, units},
        totals::Count,
    },
    error::ApiError,
    http::pagination,
    org::{jurisdiction, units::subtree_end},
};

/// The list's filter with `sort` and `q` checked.
#[derive(Clone)]
pub struct Checked {
    f: ApplicationFilter,
    sort: String,
    q: Option<String>,
}

impl Checked {
    /// Checks `sort` (`-id`, `id`, `name`, `-updated`) and the length of `q`.
    pub fn new(f: ApplicationFilter) -> Result<Checked, ApiError> {
        let sort = f.sort.clone().unwrap_or_else(|| "-id".to_owned());
        if !["-id", "id", "name", "-updated"].contains(&sort.as_str()) {
            return Err(ApiError::with_text(
                ErrorCode::BadRequest,
                "sort 须为 -id、id、name 或 -updated",
                "sort must be -id, id, name or -updated",
            )
            .at_field("sort"));
        }
        let q =
            f.q.as_deref()
                .map(str::trim)
                .filter(|q| !q.is_empty())
                .map(str::to_owned);
        if q.as_ref().is_some_and(|q| q.chars().count() > 50) {
            return Err(ApiError::with_text(
                ErrorCode::BadRequest,
                "查询内容过长",
                "q is too long",
            )
            .at_field("q"));
        }
        Ok(Checked { f, sort, q })
    }
}

/// One page of the applications the caller sees under `c` (the list's and the export's query),
/// its total counted as `count` says.
pub fn list_page(
    conn: &mut crate::db::DbConnection,
    user: &AuthUser,
    c: &Checked,
    page: PageQuery,
    count: &Count,
) -> Result<Page<ApplicationSummary>, ApiError> {
    let units = unit_range(conn, user, c.f.unit)?;
    let (total, total_kind) = match count {
        Count::Exact => {
            let n: i64 = filtered(conn, user, c, units.clone())?
                .count()
                .get_result(conn)?;
            (u64::try_from(n).unwrap_or_default(), TotalKind::Exact)
        }
        Count::Bounded(totals) => {
            // One bounded read of the matches' ids: exact up to the bound.
            let seen = filtered(conn, user, c, units.clone())?
                .select(applications::id)
                .limit(i64::try_from(EXACT_TOTAL_BOUND).unwrap_or(i64::MAX) + 1)
                .load::<i64>(conn)?
                .len();
            let (user, c, units) = (user.clone(), c.clone(), units.clone());
            totals.total(&total_key(&user, &c, &units), seen as u64, move || {
                Box::new(move |conn| {
                    Ok(filtered(conn, &user, &c, units)?.count().get_result(conn)?)
                })
            })
        }
    };
    let (limit, offset) = pagination::limit_offset(page);
    let mut query = filtered(conn, user, c, units)?;
    query = match c.sort.as_str() {
        "id" => query.order(applications::id.asc()),
        "name" => query.order((applications::name.asc(), applications::id.asc())),
        "-updated" => query.order((applications::updated_at.desc(), applications::id.desc())),
        _ => query.order(applications::id.desc()),
    };
    let rows: Vec<SummaryRow> = query
        .limit(limit)
        .offset(offset)
        .select(SummaryRow::as_select())
        .load(conn)?;
    let items = view::summaries(conn, user, rows)?;
    Ok(Page {
        total_kind,
        ..pagination::page(items, i64::try_from(total).unwrap_or(i64::MAX), page)
    })
}

/// What decides the matches of a list: the caller's jurisdiction (its kind, unit, modules for
/// the queue; its own id where the list is personal) and the filter, not the order or page.
fn total_key(user: &AuthUser, c: &Checked, units: &Option<(String, String)>) -> String {
    let personal = matches!(
        user.kind,
        AccountKind::Applicant | AccountKind::Expert | AccountKind::PolicyReviewer
    )
    .then_some(user.id);
    let f = &c.f;
    format!(
        "applications|{:?}|{}|{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        user.kind,
        user.unit_id,
        user.unit_path,
        personal,
        f.todo.filter(|t| *t).map(|_| &user.modules),
        f.stage,
        f.year,
        f.series,
        f.level,
        f.started_by_unit,
        f.todo,
        c.q,
        units,
    )
}

/// How many applications wait for the caller in its queue of `stage` (all its queues for
/// `None`; the applicant's own to-dos for an applicant): the total the list answers for
/// `todo=true&stage=…`, counted by the same query (the home page's queue cards).
pub fn todo_count(
    conn: &mut crate::db::DbConnection,
    user: &AuthUser,
    stage: Option<Stage>,
) -> Result<i64, ApiError> {
    let c = Checked::new(ApplicationFilter {
        stage,
        todo: Some(true),
        ..ApplicationFilter::default()
    })?;
    Ok(filtered(conn, user, &c, None)?.count().get_result(conn)?)
}

/// The `[start, end)` range of employer paths of `unit`'s subtree, once the caller may see it.
fn unit_range(
    conn: &mut crate::db::DbConnection,
    user: &AuthUser,
    unit: Option<i64>,
) -> Result<Option<(String, String)>, ApiError> {
    let Some(unit) = unit else {
        return Ok(None);
    };
    jurisdiction::require_visible(conn, user, unit)?;
    let path: String = units::table.find(unit).select(units::path).first(conn)?;
    Ok(Some((subtree_end(&path), path)))
}

/// The applications the caller sees under `c` (`units`: from [`unit_range`]), unordered.
fn filtered<'a>(
    conn: &mut crate::db::DbConnection,
    user: &AuthUser,
    c: &Checked,
    units: Option<(String, String)>,
) -> Result<applications::BoxedQuery<'a, crate::db::DbBackend>, ApiError> {
    let (f, q) = (&c.f, &c.q);
    let mut query = access::visible_query(conn, user)?;
    if let Some((end, start)) = units {
        query = query
            .filter(applications::employer_path.ge(start))
            .filter(applications::employer_path.lt(end));
    }
    if let Some(stage) = f.stage {
        query = query.filter(applications::stage.eq(stage.as_str()));
    }
    if let Some(year) = f.year {
        query = query.filter(applications::year.eq(year));
    }
    if let (Some(year), DatabaseKind::Postgres) = (f.year, conn.kind()) {
        // On PostgreSQL the year's id range too (two probes of `applications_year_list`): its
        // planner cannot know that a year's ids are contiguous and walks every newer year's rows
        // by the primary key to reach an older year's (207 ms p99 for five years back, issue 14).
        // SQLite reads the year list's index by itself, and a range would mislead its bounded
        // count into walking the primary key upwards from the oldest row (263 ms p50).
        let of_year = || {
            applications::table
                .filter(applications::year.eq(year))
                .select(applications::id)
        };
        let first: Option<i64> = of_year()
            .order(applications::id.asc())
            .first(conn)
            .optional()?;
        let last: Option<i64> = of_year()
            .order(applications::id.desc())
            .first(conn)
            .optional()?;
        if let (Some(first), Some(last)) = (first, last) {
            query = query.filter(applications::id.between(first, last));
        }
    }
    if let Some(series) = f.series {
        query = query.filter(applications::series.eq(series.as_str()));
    }
    if let Some(level) = f.level {
        query = query.filter(applications::level.eq(level.as_str()));
    }
    if let Some(started) = f.started_by_unit {
        query = query.filter(applications::started_by_unit.eq(started));
    }
    if let Some(q) = q.clone() {
        query = if q.len() == 18 && q.chars().take(17).all(|c| c.is_ascii_digit()) {
            // An application's ID number is its applicant's (a rule of `validate::check`):
            // found through the account's keyed hash, never by the sealed column.
            query.filter(
                applications::applicant_id.eq_any(
                    accounts::table
                        .filter(accounts::id_number_hash.eq(crate::pii::hash(&q)))
                        .select(accounts::id),
                ),
            )
        } else {
            // A prefix (the family name first): one range on the name index.
            query
                .filter(applications::name.ge(q.clone()))
                .filter(applications::name.lt(format!("{q}\u{10FFFF}")))
        };
    }
    if f.todo == Some(true) {
        query = query.filter(applications::stage.eq_any(todo_stages(user)));
        if user.kind != AccountKind::PolicyReviewer && user.kind != AccountKind::Applicant {
            query = query.filter(applications::holder_unit_id.eq(user.unit_id));
        }
    }
    Ok(query)
}

/// The stages of the caller's to-do queue: those whose queue module the caller holds (and the
/// applicant's own stages for applicants).
fn todo_stages(user: &AuthUser) -> Vec<&'static str> {
    if user.kind == AccountKind::Applicant {
        return [
            Stage::Draft,
            Stage::Returned,
            Stage::Supplement,
            Stage::Terminated,
        ]
        .iter()
        .map(|s| s.as_str())
        .collect();
    }
    Stage::ALL
        .iter()
        .filter(|s| s.queue_module().is_some_and(|m| user.modules.contains(&m)))
        .map(|s| s.as_str())
        .collect()
}
