//! `/api/v1/certificate-numbering`: the template of issued certificates' numbers, read and
//! changed by the system administrator.

use actix_web::{get, put, web, HttpRequest, HttpResponse};
use shared::certificates::{format_number, CertificateNumbering, TemplateError};

use crate::{
    auth::{AuthState, AuthUser},
    certificates::issue::NUMBERING_KEY,
    db::Db,
    error::ApiError,
    routes::admin_setting::{self, AdminSetting},
};

impl AdminSetting for CertificateNumbering {
    const KEY: &'static str = NUMBERING_KEY;
    const ACTION: &'static str = "certificate.numbering";
    const NAME: (&'static str, &'static str) = ("证书编号规则", "the certificate numbering");

    fn validate(&self) -> Result<(), ApiError> {
        let sample = format_number(
            self,
            2026,
            shared::application::Series::Engineering,
            shared::application::Level::Senior,
            1,
        );
        match sample {
            Ok(n) if n.chars().count() <= shared::certificates::MAX_NUMBER_CHARS => Ok(()),
            Ok(_) => Err(ApiError::validation(
                "template",
                "生成的编号超过 64 个字符",
                "makes numbers longer than 64 characters",
            )),
            Err(TemplateError::Province) => Err(ApiError::validation(
                "province_code",
                "须为两位数字",
                "must be two digits",
            )),
            Err(TemplateError::Missing) => Err(ApiError::validation(
                "template",
                "须包含 {year}、{series} 和 {seq} 或 {seq:N}",
                "must contain {year}, {series} and {seq} or {seq:N}",
            )),
            Err(TemplateError::Unknown) => Err(ApiError::validation(
                "template",
                "含有未知的占位符（可用：{province} {year} {series} {level} {seq} {seq:N}，N 为 1-9）",
                "has an unknown placeholder (known: {province} {year} {series} {level} {seq} {seq:N}, N 1-9)",
            )),
            Err(TemplateError::Characters) => Err(ApiError::validation(
                "template",
                "占位符以外只能是字母、数字、- 和 _",
                "may hold only letters, digits, - and _ outside placeholders",
            )),
        }
    }
}

/// The numbering in force (`{province}{year}{series}{seq:06}` with province 52 until changed).
#[utoipa::path(
    tag = "certificates",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The numbering in force", body = CertificateNumbering),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: only the system administrator; `password_change_required`", body = shared::ErrorBody),
    )
)]
#[get("/v1/certificate-numbering")]
pub async fn get_certificate_numbering(
    user: AuthUser,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    admin_setting::read::<CertificateNumbering>(&user, &db).await
}

/// Replaces the numbering (the whole object), audited `certificate.numbering`. Numbers already
/// issued keep their form; the sequences per year and series go on from where they are, so a
/// number is never reused.
#[utoipa::path(
    tag = "certificates",
    request_body = CertificateNumbering,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The numbering now in force", body = CertificateNumbering),
        (status = 400, description = "`malformed_json`", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: only the system administrator; `password_change_required`", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = shared::ErrorBody),
        (status = 422, description = "`invalid_body`; `validation_failed`: the template or province code", body = shared::ErrorBody),
    )
)]
#[put("/v1/certificate-numbering")]
pub async fn put_certificate_numbering(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<CertificateNumbering>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    admin_setting::replace(&req, user, body.into_inner(), &db, &auth).await
}
