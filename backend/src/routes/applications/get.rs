use actix_web::{get, web, HttpResponse};
use shared::application::Application;

use crate::{
    applications::{access, rows::AppRow},
    auth::AuthUser,
    db::Db,
    error::ApiError,
};

/// One application, if the caller may see it. The ID number is whole only for the applicant
/// and the units that must see it; `allowed_actions` are the actions the caller may post now.
#[utoipa::path(
    tag = "applications",
    params(("id" = i64, Path, description = "Application id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The application", body = Application),
        (status = 404, description = "`not_found` (or not visible)", body = shared::ErrorBody),
    )
)]
#[get("/v1/applications/{id:[0-9]+}")]
pub async fn get_application(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            access::require_visible(conn, &user, id)?;
            AppRow::load(conn, id)?.into_dto(conn, &user)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
