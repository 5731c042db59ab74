use actix_web::{get, web, HttpResponse};

use crate::{
    auth::{flows, AuthUser},
    db::Db,
    error::ApiError,
};

/// The signed-in account, its unit and its modules.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The account", body = shared::auth::CurrentUser),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`password_change_required`", body = shared::ErrorBody),
    )
)]
#[get("/v1/auth/me")]
pub async fn me(user: AuthUser, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    let answer = db
        .run(move |conn| flows::current_user(conn, user.id))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(answer))
}
