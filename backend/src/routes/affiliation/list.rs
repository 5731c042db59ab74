use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::{
    org::{AffiliationRequest, AffiliationStatus},
    ErrorCode, Module, Page,
};

use crate::{
    auth::AuthUser,
    db::{
        schema::{affiliation_requests, units},
        Db,
    },
    error::ApiError,
    org::{affiliation, jurisdiction},
};

/// Filters of the request list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct RequestFilter {
    /// `pending`, `approved` or `rejected`.
    pub status: Option<String>,
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
    let status = f.status.as_deref().map(AffiliationStatus::parse);
    if status.is_some_and(|s| s.is_none()) {
        return Err(ApiError::with_text(
            ErrorCode::BadRequest,
            "status 须为 pending、approved 或 rejected",
            "status must be pending, approved or rejected",
        ));
    }
    let page = crate::http::pagination::query(f.page, f.per_page)?;
    let answer = db
        .run(move |conn| {
            let (start, end) = jurisdiction::range(&user);
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
                if let Some(Some(status)) = status {
                    q = q.filter(affiliation_requests::status.eq(status));
                }
                q
            };
            let total: i64 = filtered().count().get_result(conn)?;
            let rows: Vec<affiliation::RequestRow> = filtered()
                .order(affiliation_requests::id.desc())
                .limit(crate::http::pagination::limit_offset(page).0)
                .offset(crate::http::pagination::limit_offset(page).1)
                .select(affiliation::RequestRow::as_select())
                .load(conn)?;
            let items = rows
                .into_iter()
                .map(|r| affiliation::to_dto(conn, &user, r))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(crate::http::pagination::page(items, total, page))
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
