use actix_web::{get, post, web, HttpRequest, HttpResponse};
use shared::certificates::{
    CertificateSigningKey, CheckSignedPayload, SignatureCheck, VerifyAnswer, VerifyByNumber,
};

use crate::{
    auth::{
        limiter::{self, Verdict},
        AuthState,
    },
    certificates::{
        verify::{self, Verifier, PUBLIC_PER_WINDOW, PUBLIC_WINDOW_SECS},
        Signer,
    },
    db::{Db, DbConnection},
    error::ApiError,
    routes::auth::client_ip,
};

/// 429 `rate_limited` once an address has verified `PUBLIC_PER_WINDOW` times in the window.
fn limit(
    conn: &mut DbConnection,
    ip: Option<&str>,
    now: chrono::NaiveDateTime,
) -> Result<(), ApiError> {
    let key = format!("certificate-verify|{}", ip.unwrap_or_default());
    match limiter::hit(conn, &key, PUBLIC_PER_WINDOW, PUBLIC_WINDOW_SECS, now)? {
        Verdict::Allowed => Ok(()),
        Verdict::Refused { retry_after_secs } => Err(ApiError::rate_limited(retry_after_secs)),
    }
}

/// 证书核验 on the public site, without sign-in: by certificate number + holder name, both
/// exact (a wrong name answers `not_found`, like an unknown number). Shows the holder's name,
/// the masked ID number, the qualification, committee and approval date. At most 30
/// verifications a minute per address; every verification is logged.
#[utoipa::path(
    tag = "certificates",
    request_body = VerifyByNumber,
    responses(
        (status = 200, description = "valid, revoked (with the date) or not_found", body = VerifyAnswer),
        (status = 400, description = "`malformed_json`", body = shared::ErrorBody),
        (status = 422, description = "`invalid_body`; `validation_failed`: number or name", body = shared::ErrorBody),
        (status = 429, description = "`rate_limited`: too many verifications from this address", body = shared::ErrorBody, headers(("Retry-After" = u64, description = "Seconds until the address may verify again"))),
    )
)]
#[post("/v1/public/certificates/verify")]
pub async fn public_verify_certificate(
    req: HttpRequest,
    body: crate::http::Json<VerifyByNumber>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    verify::check_form(&body)?;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            limit(conn, ip.as_deref(), now)?;
            let who = Verifier {
                ip,
                ..Verifier::default()
            };
            verify::by_number(conn, &body, &who, now)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(answer))
}

/// 证书核验 from the QR code's link: by the certificate's opaque token. Same answer, limit and
/// log as by number.
#[utoipa::path(
    tag = "certificates",
    params(("token" = String, Path, description = "The QR code's token: 22 url-safe base64 characters", min_length = 22, max_length = 22, pattern = "^[A-Za-z0-9_-]{22}$")),
    responses(
        (status = 200, description = "valid, revoked (with the date) or not_found", body = VerifyAnswer),
        (status = 404, description = "`not_found`: not a token's shape", body = shared::ErrorBody),
        (status = 429, description = "`rate_limited`: too many verifications from this address", body = shared::ErrorBody, headers(("Retry-After" = u64, description = "Seconds until the address may verify again"))),
    )
)]
#[get("/v1/public/certificates/by-token/{token}")]
pub async fn public_certificate_by_token(
    req: HttpRequest,
    path: web::Path<String>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let token = path.into_inner();
    verify::check_token(&token)?;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            limit(conn, ip.as_deref(), now)?;
            let who = Verifier {
                ip,
                ..Verifier::default()
            };
            verify::by_token(conn, &token, &who, now)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(answer))
}

/// Checks a QR payload's signature (`CT1.{payload}.{signature}`, or the whole QR text) with the
/// platform's certificate key and answers the signed fields. It reads no record: the same check
/// works offline with the published key (`/.well-known/certificate-signing-key.json`).
#[utoipa::path(
    tag = "certificates",
    request_body = CheckSignedPayload,
    responses(
        (status = 200, description = "`valid` and the fields as decoded (absent when unreadable)", body = SignatureCheck),
        (status = 400, description = "`malformed_json`", body = shared::ErrorBody),
        (status = 422, description = "`invalid_body`", body = shared::ErrorBody),
    )
)]
#[post("/v1/public/certificates/signature")]
pub async fn public_check_signature(
    body: crate::http::Json<CheckSignedPayload>,
    signer: web::Data<Signer>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(signer.check(&body.payload)))
}

/// The public key that signs certificates' QR payloads, and how the signed message is formed
/// (also at `/.well-known/certificate-signing-key.json`).
#[utoipa::path(
    tag = "certificates",
    responses(
        (status = 200, description = "The key", body = CertificateSigningKey),
    )
)]
#[get("/v1/public/certificates/signing-key")]
pub async fn public_signing_key(signer: web::Data<Signer>) -> HttpResponse {
    well_known_key(signer).await
}

/// `/.well-known/certificate-signing-key.json` (outside `/api`).
pub async fn well_known_key(signer: web::Data<Signer>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((
            actix_web::http::header::CACHE_CONTROL,
            "public, max-age=3600",
        ))
        .json(signer.public_key())
}
