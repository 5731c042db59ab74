use actix_web::{get, http::header, web, HttpResponse};
use shared::certificates::{Certificate, CertificateVerification};

use crate::{
    auth::AuthUser,
    certificates::{self, signing, verify, Signer},
    db::Db,
    error::ApiError,
};

/// One certificate, for a unit reader in whose jurisdiction it lies or for its holder (an
/// applicant). The ID number is masked; `qr_text` is what the printed QR code carries.
#[utoipa::path(
    tag = "certificates",
    params(("id" = i64, Path, description = "Certificate id", minimum = 1)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The certificate", body = Certificate),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such certificate in the caller's sight", body = shared::ErrorBody),
    )
)]
#[get("/v1/certificates/{id:[0-9]+}")]
pub async fn get_certificate(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
    signer: web::Data<Signer>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            let row = certificates::require_visible(conn, &user, id)?;
            let mut all = certificates::to_dtos(conn, &signer, vec![row])?;
            all.pop()
                .ok_or_else(|| ApiError::new(shared::ErrorCode::NotFound))
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// The certificate's QR code as SVG: its public verification link with the opaque token, and
/// the platform-signed payload after `#` (never the ID number).
#[utoipa::path(
    tag = "certificates",
    params(("id" = i64, Path, description = "Certificate id", minimum = 1)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "SVG image", content_type = "image/svg+xml"),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such certificate in the caller's sight", body = shared::ErrorBody),
    )
)]
#[get("/v1/certificates/{id:[0-9]+}/qr.svg")]
pub async fn certificate_qr(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
    signer: web::Data<Signer>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let text = db
        .run(move |conn| {
            let row = certificates::require_visible(conn, &user, id)?;
            Ok(signer.qr_text(&row))
        })
        .await?;
    let svg = signing::qr_svg(&text)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "image/svg+xml"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(svg))
}

/// When and how the certificate was verified (newest first, at most 200), and by which unit
/// when the verifier was signed in; for its holder and the units that see it.
#[utoipa::path(
    tag = "certificates",
    params(("id" = i64, Path, description = "Certificate id", minimum = 1)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The verifications", body = Vec<CertificateVerification>),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such certificate in the caller's sight", body = shared::ErrorBody),
    )
)]
#[get("/v1/certificates/{id:[0-9]+}/verifications")]
pub async fn certificate_verifications(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            let row = certificates::require_visible(conn, &user, id)?;
            verify::history(conn, row.id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
