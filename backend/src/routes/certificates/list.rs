use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use shared::{
    application::{Level, Series},
    certificates::{Certificate, CertificateFilter, CertificateSource, CertificateStatus},
    AccountKind, Page,
};

use crate::{
    auth::AuthUser,
    certificates::{self, Signer},
    db::Db,
    error::ApiError,
    http::pagination,
};

/// The filters of the certificate list and its export.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CertificateQuery {
    /// Year of approval (1900–2100).
    #[param(minimum = 1900, maximum = 2100)]
    pub year: Option<i32>,
    pub series: Option<Series>,
    pub level: Option<Level>,
    /// Certificates of employers at or below this unit.
    pub unit_id: Option<i64>,
    pub status: Option<CertificateStatus>,
    pub source: Option<CertificateSource>,
    /// A holder name prefix or an exact certificate number (at most 100 characters).
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

impl CertificateQuery {
    /// The filter part.
    pub fn filter(&self) -> CertificateFilter {
        CertificateFilter {
            year: self.year,
            series: self.series,
            level: self.level,
            unit_id: self.unit_id,
            status: self.status,
            source: self.source,
            q: self.q.clone(),
        }
    }
}

/// The certificates of employers at or below the caller's unit (证书查询), newest first. For
/// unit-side accounts holding `title.certificates.verify`, `…backfill` or `…import`. The ID
/// numbers are masked.
#[utoipa::path(
    tag = "certificates",
    params(CertificateQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<Certificate>),
        (status = 400, description = "`bad_request`: a filter is malformed or out of range", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs a `title.certificates.*` module", body = shared::ErrorBody),
    )
)]
#[get("/v1/certificates")]
pub async fn list_certificates(
    user: AuthUser,
    query: web::Query<CertificateQuery>,
    db: web::Data<Db>,
    signer: web::Data<Signer>,
) -> Result<HttpResponse, ApiError> {
    certificates::require_reader(&user)?;
    let q = query.into_inner();
    let page = pagination::query(q.page, q.per_page)?;
    let answer = db
        .run(move |conn| certificates::list_page(conn, &user, &signer, &q.filter(), page))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// The signed-in applicant's own certificates (issued to the account or carrying its ID
/// number), newest first.
#[utoipa::path(
    tag = "certificates",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's certificates", body = Vec<Certificate>),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: not an applicant account", body = shared::ErrorBody),
    )
)]
#[get("/v1/my/certificates")]
pub async fn my_certificates(
    user: AuthUser,
    db: web::Data<Db>,
    signer: web::Data<Signer>,
) -> Result<HttpResponse, ApiError> {
    if user.kind != AccountKind::Applicant {
        return Err(ApiError::new(shared::ErrorCode::Forbidden));
    }
    let answer = db
        .run(move |conn| certificates::mine(conn, &user, &signer))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
