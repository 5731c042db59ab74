use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::certificates::{VerifyAnswer, VerifyByNumber};

use crate::{
    auth::{AuthState, AuthUser},
    certificates::{entry, verify},
    db::Db,
    error::ApiError,
    routes::auth::client_ip,
};

/// 证书核验 by a signed-in unit (`title.certificates.verify`): by number + holder name, both
/// exact; any certificate of the platform, not only the caller's jurisdiction. Logged with the
/// caller's unit, which the holder sees.
#[utoipa::path(
    tag = "certificates",
    request_body = VerifyByNumber,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "valid, revoked (with the date) or not_found", body = VerifyAnswer),
        (status = 400, description = "`malformed_json`", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.certificates.verify`", body = shared::ErrorBody),
        (status = 422, description = "`invalid_body`; `validation_failed`: number or name", body = shared::ErrorBody),
    )
)]
#[post("/v1/certificates/verify")]
pub async fn verify_certificate(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<VerifyByNumber>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    entry::require_module(&user, shared::Module::CertificateVerify)?;
    let body = body.into_inner();
    let who = verify::Verifier::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| verify::by_number(conn, &body, &who, now))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
