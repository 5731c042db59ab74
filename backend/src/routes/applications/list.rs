use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use shared::{
    application::{ApplicationFilter, ApplicationSummary},
    workflow::Stage,
    AccountKind, ErrorCode, Page, PageQuery,
};

use crate::{
    applications::{access, rows::SummaryRow, view},
    auth::AuthUser,
    db::{
        schema::{applications, units},
        Db,
    },
    error::ApiError,
    http::pagination,
    org::{jurisdiction, units::subtree_end},
};

/// Applications the caller may see (the jurisdiction filter is part of the query), filtered by
/// stage, year, series, level, unit subtree, name prefix or whole ID number; `todo=true` keeps only what
/// the caller must act on now (its queue). Newest first unless `sort` says otherwise. ID
/// numbers are always masked in lists.
#[utoipa::path(
    tag = "applications",
    params(ApplicationFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<ApplicationSummary>),
        (status = 400, description = "`bad_request`: a filter value is malformed", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: `unit` is outside the caller's jurisdiction", body = shared::ErrorBody),
    )
)]
#[get("/v1/applications")]
pub async fn list_applications(
    user: AuthUser,
    filter: web::Query<ApplicationFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let f = filter.into_inner();
    let page = pagination::query(f.page, f.per_page)?;
    let f = Checked::new(f)?;
    let answer = db.run(move |conn| list_page(conn, &user, &f, page)).await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// The list's filter with `sort` and `q` checked.
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

/// One page of the applications the caller sees under `c` (the list's and the export's query).
pub fn list_page(
    conn: &mut crate::db::DbConnection,
    user: &AuthUser,
    c: &Checked,
    page: PageQuery,
) -> Result<Page<ApplicationSummary>, ApiError> {
    let (f, sort, q) = (&c.f, &c.sort, &c.q);
    let unit_range = match f.unit {
        Some(unit) => {
            jurisdiction::require_visible(conn, user, unit)?;
            let path: String = units::table.find(unit).select(units::path).first(conn)?;
            Some((subtree_end(&path), path))
        }
        None => None,
    };
    let todo_stages: Vec<&'static str> = if f.todo == Some(true) {
        todo_stages(user)
    } else {
        Vec::new()
    };
    let filtered = |conn: &mut crate::db::DbConnection| {
        let mut query = access::visible_query(conn, user)?;
        if let Some(stage) = f.stage {
            query = query.filter(applications::stage.eq(stage.as_str()));
        }
        if let Some(year) = f.year {
            query = query.filter(applications::year.eq(year));
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
        if let Some((end, start)) = unit_range.clone() {
            query = query
                .filter(applications::employer_path.ge(start))
                .filter(applications::employer_path.lt(end));
        }
        if let Some(q) = q.clone() {
            query = if q.len() == 18 && q.chars().take(17).all(|c| c.is_ascii_digit()) {
                query.filter(applications::id_number.eq(q.to_ascii_uppercase()))
            } else {
                // A prefix (the family name first): one range on the name index.
                query
                    .filter(applications::name.ge(q.clone()))
                    .filter(applications::name.lt(format!("{q}\u{10FFFF}")))
            };
        }
        if f.todo == Some(true) {
            query = query.filter(applications::stage.eq_any(todo_stages.clone()));
            if user.kind != AccountKind::PolicyReviewer && user.kind != AccountKind::Applicant {
                query = query.filter(applications::holder_unit_id.eq(user.unit_id));
            }
        }
        Ok::<_, ApiError>(query)
    };
    let total: i64 = filtered(conn)?.count().get_result(conn)?;
    let (limit, offset) = pagination::limit_offset(page);
    let mut query = filtered(conn)?;
    query = match sort.as_str() {
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
    Ok(pagination::page(items, total, page))
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
