use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::auth::RefreshRequest;

use crate::{
    auth::{flows, AuthState, PendingUser},
    db::Db,
    error::ApiError,
};

/// Ends the session of the given refresh token (works during a pending password change).
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
    )
)]
#[post("/v1/auth/logout")]
pub async fn logout(
    req: HttpRequest,
    user: PendingUser,
    body: crate::http::Json<RefreshRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let token = body.into_inner().refresh_token;
    let ip = super::client_ip(&req);
    let now = auth.clock.now();
    let id = user.0.id;
    db.run(move |conn| flows::logout(conn, id, &token, ip, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
