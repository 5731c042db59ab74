use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::review_filing::{CreateReviewFiling, ReviewFiling};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    review_filing::{self, write},
    routes::auth::client_ip,
};

/// Saves a new review filing (评审工作备案) as a draft, for a session of a committee the
/// caller's unit organises whose result publicity is complete. Files are uploaded next; then
/// the filing is submitted (申报). Audited.
#[utoipa::path(
    tag = "filing",
    request_body = CreateReviewFiling,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Draft saved", body = ReviewFiling),
        (status = 403, description = "`forbidden`: needs `title.filing.submit` (unit-side)", body = shared::ErrorBody),
        (status = 409, description = "`result_publicity_incomplete`: the session's result publicity has not completed; `conflict`: the session already has a filing", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: not a session of the caller's unit, or a bad note", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-filings")]
pub async fn create_review_filing(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<CreateReviewFiling>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let body = body.into_inner();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let row = write::create(conn, &user, &body, &actor, now)?;
                review_filing::to_dto(conn, &user, row)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}
