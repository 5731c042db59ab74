use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::auth::ChangePasswordRequest;

use crate::{
    auth::{flows, AuthState, PendingUser},
    db::Db,
    error::ApiError,
};

/// Changes the caller's password (also the forced change after an initial or reset
/// password). Every older token and session is revoked; the answer is a fresh session.
#[utoipa::path(
    tag = "auth",
    request_body = ChangePasswordRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Changed; a fresh session", body = shared::auth::LoginResponse),
        (status = 401, description = "`invalid_credentials` (wrong current password) or `unauthenticated`", body = shared::ErrorBody),
        (status = 422, description = "`weak_password`: the message names the rule", body = shared::ErrorBody),
    )
)]
#[post("/v1/auth/password")]
pub async fn change_password(
    req: HttpRequest,
    user: PendingUser,
    body: crate::http::Json<ChangePasswordRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let ChangePasswordRequest {
        current_password,
        new_password,
    } = body.into_inner();
    if new_password.len() > 256 {
        return Err(ApiError::validation(
            "new_password",
            "不能超过 256 个字符",
            "must have at most 256 characters",
        ));
    }
    let ip = super::client_ip(&req);
    let auth = auth.into_inner();
    let id = user.0.id;
    let answer = db
        .run(move |conn| {
            flows::change_password(
                conn,
                &auth.keys,
                id,
                &current_password,
                &new_password,
                ip,
                auth.clock.now(),
            )
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(answer))
}
