use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::{
    publicity::{PublicBatch, PublicityKind},
    ErrorCode, Page,
};

use crate::{
    auth::AuthState,
    db::{schema::publicity_batches, Db},
    error::ApiError,
    http::pagination,
    publicity::{public, BatchRow},
};

/// Filters of the public list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct PublicFilter {
    /// `nominee`, `failure` or `result`.
    #[param(value_type = Option<String>, pattern = "^(nominee|failure|result)$")]
    pub kind: Option<PublicityKind>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// The public site (no login): published and completed nominee, failure and result batches,
/// newest published first. Application publicity is internal to the employer and not listed.
#[utoipa::path(
    tag = "publicity",
    params(PublicFilter),
    responses(
        (status = 200, description = "One page", body = Page<PublicBatch>),
        (status = 400, description = "`bad_request`: kind `application` is not public; malformed filter", body = shared::ErrorBody),
    )
)]
#[get("/v1/public/publicity")]
pub async fn public_publicity_list(
    filter: web::Query<PublicFilter>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let f = filter.into_inner();
    if f.kind.is_some_and(|k| !k.is_public()) {
        return Err(ApiError::with_text(
            ErrorCode::BadRequest,
            "申报公示仅在单位内部公示，不在公开网站发布",
            "Application publicity is internal to the employer and not public",
        ));
    }
    let page = pagination::query(f.page, f.per_page)?;
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            let filtered = || {
                let q = public::query();
                match f.kind {
                    Some(kind) => q.filter(publicity_batches::kind.eq(kind)),
                    None => q,
                }
            };
            let total: i64 = filtered().count().get_result(conn)?;
            let (limit, offset) = pagination::limit_offset(page);
            let rows: Vec<BatchRow> = filtered()
                .order((
                    publicity_batches::published_at.desc(),
                    publicity_batches::id.desc(),
                ))
                .limit(limit)
                .offset(offset)
                .select(BatchRow::as_select())
                .load(conn)?;
            let items = rows
                .iter()
                .map(|r| public::to_dto(conn, r, now))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(pagination::page(items, total, page))
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
