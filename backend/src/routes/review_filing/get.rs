use actix_web::{get, web, HttpResponse};
use shared::{
    review_filing::{FilableSession, ReviewFiling},
    ErrorCode, Module,
};

use crate::{auth::AuthUser, committees::is_unit_side, db::Db, error::ApiError, review_filing};

/// One review filing the caller sees, with its files and what the caller may do.
#[utoipa::path(
    tag = "filing",
    params(("id" = i64, Path, description = "Filing id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The filing", body = ReviewFiling),
        (status = 403, description = "`forbidden`: needs `title.filing.submit`, `…audit` or `…query`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such filing in the caller's sight", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-filings/{id:[0-9]+}")]
pub async fn get_review_filing(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            let row = review_filing::require_visible(conn, &user, id)?;
            review_filing::to_dto(conn, &user, row)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// The sessions the caller's unit may file now: sessions of committees it organises whose
/// result publicity is complete and that have no filing yet (the filing form offers these).
#[utoipa::path(
    tag = "filing",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The sessions, newest first", body = Vec<FilableSession>),
        (status = 403, description = "`forbidden`: needs `title.filing.submit` (unit-side)", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-filings/filable-sessions")]
pub async fn filable_sessions(user: AuthUser, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    user.require(Module::FilingSubmit)?;
    if !is_unit_side(&user) {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    let answer = db
        .run(move |conn| review_filing::filable_sessions(conn, &user))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
