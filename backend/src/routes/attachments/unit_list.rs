use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::{attachments::Attachment, Page};

use crate::{
    attachments,
    auth::AuthUser,
    db::{schema::attachments as table, Db},
    error::ApiError,
    http::pagination,
};

/// Paging of the unit's proofs.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UnitAttachmentQuery {
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
    /// `recommendation_proof` (default) or `revocation_proof`.
    #[param(value_type = Option<String>, pattern = "^(recommendation_proof|revocation_proof)$")]
    pub section: Option<shared::attachments::AttachmentSection>,
}

/// The recommendation proofs (or, with `section=revocation_proof`, the revocation proofs) of
/// the caller's unit, newest first.
#[utoipa::path(
    tag = "attachments",
    params(UnitAttachmentQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of proofs", body = Page<Attachment>),
        (status = 400, description = "`bad_request`: paging out of range", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.review.unit_recommendation` (revocation proofs: `title.review.superior_review` at an HRSS)", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: a section other than the unit's proofs", body = shared::ErrorBody),
    )
)]
#[get("/v1/unit-attachments")]
pub async fn list_unit_attachments(
    user: AuthUser,
    query: web::Query<UnitAttachmentQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = pagination::query(q.page, q.per_page)?;
    let answer = db
        .run(move |conn| {
            let section = super::unit_upload::unit_section(conn, &user, q.section)?;
            let own = || {
                table::table
                    .filter(table::unit_id.eq(user.unit_id))
                    .filter(table::application_id.is_null())
                    .filter(table::section.eq(section.as_str()))
                    .into_boxed()
            };
            let total: i64 = own().count().get_result(conn)?;
            let (limit, offset) = pagination::limit_offset(page);
            let ids: Vec<i64> = own()
                .order(table::id.desc())
                .limit(limit)
                .offset(offset)
                .select(table::id)
                .load(conn)?;
            let mut rows = attachments::load_with_names(
                conn,
                table::table.filter(table::id.eq_any(ids)).into_boxed(),
            )?;
            rows.reverse();
            let items = rows
                .into_iter()
                .map(|(row, name)| attachments::to_dto(row, name, false))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(pagination::page(items, total, page))
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
