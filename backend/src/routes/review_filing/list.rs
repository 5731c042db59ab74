use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::{
    review_filing::{ReviewFiling, ReviewFilingStatus},
    ErrorCode, Page, PageQuery,
};

use crate::{
    auth::AuthUser,
    db::{
        schema::{review_filings, units},
        Db, DbConnection,
    },
    error::ApiError,
    http::pagination,
    org::units::subtree_end,
    review_filing::{self, FilingRow},
};

/// Filters of the filing query (备案查询).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct FilingQuery {
    /// The session's year (1900–2100).
    #[param(minimum = 1900, maximum = 2100)]
    pub year: Option<i32>,
    /// The committee.
    pub committee_id: Option<i64>,
    /// State.
    pub status: Option<ReviewFilingStatus>,
    /// Filings of this unit and the units below it (within the caller's sight).
    pub unit_id: Option<i64>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// The review filings the caller sees — its unit's and those of every unit below it — under
/// the filters, newest first. For unit-side accounts holding `title.filing.submit`, `…audit`
/// or `…query`.
#[utoipa::path(
    tag = "filing",
    params(FilingQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<ReviewFiling>),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.filing.submit`, `…audit` or `…query`", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-filings")]
pub async fn list_review_filings(
    user: AuthUser,
    filter: web::Query<FilingQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    review_filing::require_reader(&user)?;
    let f = filter.into_inner();
    let page = pagination::query(f.page, f.per_page)?;
    let answer = db.run(move |conn| list_page(conn, &user, &f, page)).await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// One page under the filter (the list's and the export's query).
pub fn list_page(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &FilingQuery,
    page: PageQuery,
) -> Result<Page<ReviewFiling>, ApiError> {
    if f.year.is_some_and(|y| !(1900..=2100).contains(&y)) {
        return Err(ApiError::with_text(
            ErrorCode::BadRequest,
            "年度须在 1900 至 2100 之间",
            "year must be between 1900 and 2100",
        )
        .at_field("year"));
    }
    let under: Option<String> = match f.unit_id {
        Some(u) => Some(
            units::table
                .find(u)
                .select(units::path)
                .first(conn)
                .optional()?
                // An unknown unit matches nothing.
                .unwrap_or_else(|| "\u{10FFFF}".to_owned()),
        ),
        None => None,
    };
    let filtered = || {
        let mut q = review_filing::visible_query(user);
        if let Some(year) = f.year {
            q = q.filter(review_filings::year.eq(year));
        }
        if let Some(c) = f.committee_id {
            q = q.filter(review_filings::committee_id.eq(c));
        }
        if let Some(s) = f.status {
            q = q.filter(review_filings::status.eq(s));
        }
        if let Some(path) = &under {
            q = q.filter(
                review_filings::unit_id.eq_any(
                    units::table
                        .filter(units::path.ge(path.clone()))
                        .filter(units::path.lt(subtree_end(path)))
                        .select(units::id),
                ),
            );
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let (limit, offset) = pagination::limit_offset(page);
    let rows: Vec<FilingRow> = filtered()
        .order(review_filings::id.desc())
        .limit(limit)
        .offset(offset)
        .select(FilingRow::as_select())
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(|r| review_filing::to_dto(conn, user, r))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(pagination::page(items, total, page))
}
