use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::auth::RefreshRequest;

use crate::{
    auth::{flows, AuthState},
    db::Db,
    error::ApiError,
};

/// Exchanges a refresh token for a new access token and a new refresh token.
///
/// Each refresh token works once. Presenting a used one again revokes the whole session (its
/// token family). A session ends after 30 idle minutes and 12 hours at most.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "Rotated", body = shared::auth::LoginResponse),
        (status = 401, description = "`unauthenticated`: unknown, used, revoked or expired", body = shared::ErrorBody),
    )
)]
#[post("/v1/auth/refresh")]
pub async fn refresh(
    req: HttpRequest,
    body: crate::http::Json<RefreshRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let token = body.into_inner().refresh_token;
    let ip = super::client_ip(&req);
    let auth = auth.into_inner();
    let answer = db
        .run(move |conn| flows::refresh(conn, &auth.keys, &token, ip, auth.clock.now()))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(answer))
}
