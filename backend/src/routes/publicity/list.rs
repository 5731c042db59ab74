use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::{
    application::{Level, Series},
    publicity::{PublicityBatch, PublicityKind, PublicityStatus},
    Page, PageQuery,
};

use crate::{
    auth::{AuthState, AuthUser},
    calendar,
    db::{
        schema::{applications, publicity_batches, publicity_items},
        Db, DbConnection,
    },
    error::ApiError,
    http::pagination,
    publicity::{self, BatchRow},
};

/// Filters of the batch list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct BatchFilter {
    pub kind: Option<PublicityKind>,
    pub status: Option<PublicityStatus>,
    /// The batch's year.
    pub year: Option<i32>,
    /// The batch's series.
    pub series: Option<Series>,
    /// Batches publicising at least one application of this title level.
    pub level: Option<Level>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// The batches the caller sees (filtered by kind, status, year, series, title level), newest
/// first: for units those of units in their subtree, for
/// a policy-review account the nominee and failure batches of its committee, year and series.
#[utoipa::path(
    tag = "publicity",
    params(BatchFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<PublicityBatch>),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: no publicity module", body = shared::ErrorBody),
    )
)]
#[get("/v1/publicity-batches")]
pub async fn list_publicity_batches(
    user: AuthUser,
    filter: web::Query<BatchFilter>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let f = filter.into_inner();
    let page = pagination::query(f.page, f.per_page)?;
    let today = calendar::today(auth.clock.now());
    let answer = db
        .run(move |conn| list_page(conn, &user, &f, page, today))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// One page of the list under its filter (the list's and the export's query), as on `today`.
pub fn list_page(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &BatchFilter,
    page: PageQuery,
    today: chrono::NaiveDate,
) -> Result<Page<PublicityBatch>, ApiError> {
    let caller = publicity::caller(conn, user)?;
    let filtered = || {
        let mut q = publicity::visible_query(user, &caller);
        if let Some(kind) = f.kind {
            q = q.filter(publicity_batches::kind.eq(kind.as_str()));
        }
        if let Some(status) = f.status {
            q = q.filter(publicity_batches::status.eq(status.as_str()));
        }
        if let Some(year) = f.year {
            q = q.filter(publicity_batches::year.eq(year));
        }
        if let Some(series) = f.series {
            q = q.filter(publicity_batches::series.eq(series.as_str()));
        }
        if let Some(level) = f.level {
            q = q.filter(
                publicity_batches::id.eq_any(
                    publicity_items::table
                        .inner_join(applications::table)
                        .filter(applications::level.eq(level.as_str()))
                        .select(publicity_items::batch_id),
                ),
            );
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let (limit, offset) = pagination::limit_offset(page);
    let rows: Vec<BatchRow> = filtered()
        .order(publicity_batches::id.desc())
        .limit(limit)
        .offset(offset)
        .select(BatchRow::as_select())
        .load(conn)?;
    let items = rows
        .iter()
        .map(|r| publicity::to_dto(conn, user, &caller, r, today))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(pagination::page(items, total, page))
}
