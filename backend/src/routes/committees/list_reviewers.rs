use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::{committees::PolicyReviewer, Page, PageQuery};

use crate::{
    auth::AuthUser,
    committees::reviewers,
    db::{schema::policy_review_scopes, Db, DbConnection},
    error::ApiError,
    http::pagination,
};

/// Filters of the policy-reviewer list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ReviewerFilter {
    /// Committee.
    pub committee_id: Option<i64>,
    /// Review year.
    pub year: Option<i32>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// Policy-review accounts of committees organised by the caller's unit or units below it, by
/// account id, with scope, `enabled`, `first_used_at` and `editable`.
#[utoipa::path(
    tag = "committees",
    params(ReviewerFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<PolicyReviewer>),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.accounts.personal_accounts`", body = shared::ErrorBody),
    )
)]
#[get("/v1/policy-reviewers")]
pub async fn list_policy_reviewers(
    user: AuthUser,
    filter: web::Query<ReviewerFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    reviewers::require_module(&user)?;
    let f = filter.into_inner();
    let page = pagination::query(f.page, f.per_page)?;
    let answer = db.run(move |conn| list_page(conn, &user, &f, page)).await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// One page of the list under its filter (the list's and the export's query).
pub fn list_page(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &ReviewerFilter,
    page: PageQuery,
) -> Result<Page<PolicyReviewer>, ApiError> {
    let total: i64 = reviewers::visible_query(user, f.committee_id, f.year)
        .count()
        .get_result(conn)?;
    let (limit, offset) = pagination::limit_offset(page);
    let ids: Vec<i64> = reviewers::visible_query(user, f.committee_id, f.year)
        .order(policy_review_scopes::account_id.asc())
        .limit(limit)
        .offset(offset)
        .select(policy_review_scopes::account_id)
        .load(conn)?;
    let items = ids
        .into_iter()
        .map(|id| reviewers::load_dto(conn, id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(pagination::page(items, total, page))
}
