//! `/api/v1/certificates` (职称/职业资格证书管理, issue 12): the unit list (its page goes through
//! the kit's `ListPage`), one certificate, its QR code and verifications, 证书补录, 职称证书导入
//! (a dry run first), 撤销, 证书核验 by number and name, the holder's own certificates and the
//! numbering setting of the system administrator.

use shared::certificates::{
    BackfillCertificate, Certificate, CertificateNumbering, CertificateVerification, ImportReport,
    RevokeCertificate, VerifyAnswer, VerifyByNumber,
};

use super::query::Query;
use super::{Api, ApiError};

/// The list endpoint (its export is `<LIST>/export`).
pub const LIST: &str = "/api/v1/certificates";

/// `GET /api/v1/certificates/{id}`.
pub async fn get(api: &Api, id: i64) -> Result<Certificate, ApiError> {
    api.get(&format!("{LIST}/{id}")).await
}

/// `GET /api/v1/certificates/{id}/qr.svg`: the QR code's SVG text (the request needs the
/// session, so the page inlines it rather than pointing an `<img>` at the API).
pub async fn qr_svg(api: &Api, id: i64) -> Result<Vec<u8>, ApiError> {
    api.download(&format!("{LIST}/{id}/qr.svg")).await
}

/// `GET /api/v1/certificates/{id}/verifications`.
pub async fn verifications(api: &Api, id: i64) -> Result<Vec<CertificateVerification>, ApiError> {
    api.get(&format!("{LIST}/{id}/verifications")).await
}

/// `POST /api/v1/certificates` (证书补录).
pub async fn backfill(api: &Api, request: &BackfillCertificate) -> Result<Certificate, ApiError> {
    api.post(LIST, request).await
}

/// `POST /api/v1/certificates/import?dry_run=…` with the CSV or XLSX file as the body: all
/// rows or none.
pub async fn import(
    api: &Api,
    file: &web_sys::Blob,
    content_type: &'static str,
    dry_run: bool,
) -> Result<ImportReport, ApiError> {
    let path = Query::new(&format!("{LIST}/import"))
        .with("dry_run", dry_run)
        .build();
    api.upload(&path, file, content_type).await
}

/// `GET /api/v1/certificates/import-template`: the XLSX template.
pub async fn import_template(api: &Api) -> Result<Vec<u8>, ApiError> {
    api.download(&format!("{LIST}/import-template")).await
}

/// `POST /api/v1/certificates/{id}/revocation`.
pub async fn revoke(
    api: &Api,
    id: i64,
    request: &RevokeCertificate,
) -> Result<Certificate, ApiError> {
    api.post(&format!("{LIST}/{id}/revocation"), request).await
}

/// `POST /api/v1/certificates/verify` (signed in; logged with the caller's unit).
pub async fn verify(api: &Api, request: &VerifyByNumber) -> Result<VerifyAnswer, ApiError> {
    api.post(&format!("{LIST}/verify"), request).await
}

/// `GET /api/v1/my/certificates`: the applicant's own.
pub async fn mine(api: &Api) -> Result<Vec<Certificate>, ApiError> {
    api.get("/api/v1/my/certificates").await
}

/// `GET /api/v1/certificate-numbering`.
pub async fn numbering(api: &Api) -> Result<CertificateNumbering, ApiError> {
    api.get(NUMBERING).await
}

/// `PUT /api/v1/certificate-numbering`.
pub async fn save_numbering(
    api: &Api,
    numbering: &CertificateNumbering,
) -> Result<CertificateNumbering, ApiError> {
    api.put(NUMBERING, numbering).await
}

const NUMBERING: &str = "/api/v1/certificate-numbering";
