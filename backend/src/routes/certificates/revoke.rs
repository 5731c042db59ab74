use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::certificates::{Certificate, RevokeCertificate};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    certificates::{self, entry, Signer},
    db::Db,
    error::ApiError,
    routes::auth::client_ip,
    versioned::{Change, Kind},
};

/// Revokes a backfilled or imported certificate with a reason (`title.certificates.backfill`
/// or `…import`), conditional on the version read. A certificate issued by a review is revoked
/// only through its application's 职称撤销, which revokes it in the same transaction. Audited
/// `certificate.revoke`; public verification then answers `revoked` with the date.
#[utoipa::path(
    tag = "certificates",
    params(("id" = i64, Path, description = "Certificate id", minimum = 1)),
    request_body = RevokeCertificate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Revoked", body = Certificate),
        (status = 400, description = "`malformed_json`", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.certificates.backfill` or `…import`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such certificate in the caller's sight", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: already revoked, or issued by a review; `version_conflict`: stale `version`", body = shared::ErrorBody),
        (status = 422, description = "`invalid_body`; `validation_failed`: the reason is required (at most 500 characters)", body = shared::ErrorBody),
    )
)]
#[post("/v1/certificates/{id:[0-9]+}/revocation")]
pub async fn revoke_certificate(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<RevokeCertificate>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
    signer: web::Data<Signer>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let body = body.into_inner();
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let row = certificates::require_visible(conn, &user, id)?;
                let change = Change {
                    kind: Kind::Certificate,
                    id,
                    read_version: body.version,
                    action: "certificate.revoke",
                    actor: &actor,
                    now,
                };
                let row = entry::revoke(conn, &user, &row, &body.reason, &change)?;
                let mut all = certificates::to_dtos(conn, &signer, vec![row])?;
                all.pop()
                    .ok_or_else(|| ApiError::new(shared::ErrorCode::NotFound))
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
