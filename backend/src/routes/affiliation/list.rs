use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::{org::AffiliationRequest, Module, Page, PageQuery};

use crate::{
    auth::AuthUser,
    db::{
        schema::{affiliation_requests, units},
        Db, DbConnection,
    },
    error::ApiError,
    org::{affiliation, jurisdiction},
};

/// Filters of the request list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct RequestFilter {
    /// Only requests in this state.
    pub status: Option<shared::org::AffiliationStatus>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// Requests the caller may see: those of units in its jurisdiction and those naming a new
/// parent in its jurisdiction (the history of every decision), newest first.
#[utoipa::path(
    tag = "units",
    params(RequestFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<AffiliationRequest>),
        (status = 400, description = "`bad_request`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `config.units.affiliation`", body = shared::ErrorBody),
    )
)]
#[get("/v1/affiliation-requests")]
pub async fn list_affiliation_requests(
    user: AuthUser,
    filter: web::Query<RequestFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::Affiliation)?;
    let f = filter.into_inner();
    let page = crate::http::pagination::query(f.page, f.per_page)?;
    let answer = db.run(move |conn| list_page(conn, &user, &f, page)).await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// One page of the requests the caller sees under `f` (the list's and the export's query).
pub fn list_page(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &RequestFilter,
    page: PageQuery,
) -> Result<Page<AffiliationRequest>, ApiError> {
    let (start, end) = jurisdiction::range(user);
    let in_scope = units::table
        .filter(units::path.ge(start))
        .filter(units::path.lt(end))
        .select(units::id);
    let filtered = || {
        let mut q = affiliation_requests::table
            .filter(
                affiliation_requests::unit_id
                    .eq_any(in_scope.clone())
                    .or(affiliation_requests::to_parent_id.eq_any(in_scope.clone())),
            )
            .into_boxed();
        if let Some(status) = f.status {
            q = q.filter(affiliation_requests::status.eq(status));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let (limit, offset) = crate::http::pagination::limit_offset(page);
    let rows: Vec<affiliation::RequestRow> = filtered()
        .order(affiliation_requests::id.desc())
        .limit(limit)
        .offset(offset)
        .select(affiliation::RequestRow::as_select())
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(|r| affiliation::to_dto(conn, user, r))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(crate::http::pagination::page(items, total, page))
}
