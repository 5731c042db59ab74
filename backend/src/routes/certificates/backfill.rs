use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::certificates::{BackfillCertificate, Certificate};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    certificates::{self, entry, Signer},
    db::Db,
    error::ApiError,
    routes::auth::client_ip,
};

/// 证书补录: records one historic certificate (`title.certificates.backfill`). The employer is
/// a unit at or below the caller's; the number must not exist yet; the ID number is checked
/// (and the gender, when given, must match it); the approval date is a real day, not in the
/// future. Audited `certificate.backfill`.
#[utoipa::path(
    tag = "certificates",
    request_body = BackfillCertificate,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = Certificate),
        (status = 400, description = "`malformed_json`", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.certificates.backfill`", body = shared::ErrorBody),
        (status = 409, description = "`already_exists`: the number is taken (`field`: number)", body = shared::ErrorBody),
        (status = 422, description = "`invalid_body`; `validation_failed` naming the field", body = shared::ErrorBody),
    )
)]
#[post("/v1/certificates")]
pub async fn backfill_certificate(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<BackfillCertificate>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
    signer: web::Data<Signer>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            let row = entry::backfill(conn, &user, &body, &actor, now)?;
            Ok(certificates::to_dto(&signer, row, 0))
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}
