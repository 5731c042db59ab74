use actix_web::{get, web, HttpResponse};
use shared::{
    application::{ApplicationFilter, ApplicationSummary},
    Page,
};

use crate::{
    applications::query::{list_page, Checked},
    auth::AuthUser,
    db::Db,
    error::ApiError,
    http::pagination,
};

/// Applications the caller may see (the jurisdiction filter is part of the query), filtered by
/// stage, year, series, level, unit subtree, name prefix or whole ID number; `todo=true` keeps only what
/// the caller must act on now (its queue). Newest first unless `sort` says otherwise. ID
/// numbers are always masked in lists. `total` is exact up to 10,000 matches; beyond, `total_kind`
/// says whether it is a recent count rounded to four digits (`estimate`) or the bound (`at_least`).
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
    let count = db.bounded_count();
    let answer = db
        .run(move |conn| list_page(conn, &user, &f, page, &count))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
