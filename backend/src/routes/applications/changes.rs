use actix_web::{get, web, HttpResponse};
use shared::review::ApplicationChanges;

use crate::{
    applications::{access, review},
    auth::AuthUser,
    db::Db,
    error::ApiError,
};

/// What changed since the previous submission (manual §6.2.1, issue 9 point 6): the fields
/// that differ between the last two submissions (wire values, before → after) and the files
/// added and removed. Authorised like reading the application. With fewer than two
/// submissions `previous_submitted_at` is absent and the lists are empty. The ID number and
/// phone are masked for callers that see them masked in the application.
#[utoipa::path(
    tag = "applications",
    params(("id" = i64, Path, description = "Application id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The changes", body = ApplicationChanges),
        (status = 404, description = "`not_found` (or not visible)", body = shared::ErrorBody),
    )
)]
#[get("/v1/applications/{id}/changes")]
pub async fn application_changes(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            let app = access::require_visible(conn, &user, id)?;
            let whole = access::sees_whole_id(conn, &user, &app)?;
            review::changes(conn, id, whole)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
