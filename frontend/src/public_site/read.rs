//! The public site's answers, taken apart field by field from the browser's `JSON.parse`.
//!
//! Not serde's derived readers: with serde-wasm-bindgen's deserializer and the float printing
//! that serde's error messages keep, they were a sixth of the site's gzipped wasm
//! (docs/PERFORMANCE.md, "The public entry reads its answers without serde"). Each reader builds
//! its `shared` type, so a field added there does not compile until it is read here; a reader
//! answers `None` when the answer is not what the contract says (a required field missing or of
//! another type, an unknown enum text), which the caller shows as
//! [`crate::api::ApiError::Decode`].

use shared::application::{Level, Series};
use shared::certificates::{
    CertificateStatus, PublicCertificate, SignatureCheck, SignedFields, VerifyAnswer, VerifyOutcome,
};
use shared::publicity::{
    PublicBatch, PublicBatchDetail, PublicItem, PublicOutcome, PublicityKind, PublicityStatus,
    ReportReceipt,
};
use shared::{ErrorBody, ErrorCode, Page};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::js_sys::{Array, Reflect};

/// Takes an answer apart.
pub type Reader<T> = fn(&JsValue) -> Option<T>;

fn get(o: &JsValue, name: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// A required text.
fn text(o: &JsValue, name: &str) -> Option<String> {
    get(o, name).as_string()
}

/// A text that may be null or absent.
fn opt_text(o: &JsValue, name: &str) -> Option<Option<String>> {
    nullable(get(o, name), |v| v.as_string())
}

/// A whole number (JSON numbers are doubles; ids and counts stay far below 2^53).
fn int(o: &JsValue, name: &str) -> Option<i64> {
    let n = get(o, name).as_f64()?;
    (n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0).then_some(n as i64)
}

fn flag(o: &JsValue, name: &str) -> Option<bool> {
    get(o, name).as_bool()
}

/// A text enum by its `parse`.
fn choice<T>(o: &JsValue, name: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
    parse(&text(o, name)?)
}

/// `Some(None)` for null or absent, `Some(Some(..))` when `read` takes the value.
fn nullable<T>(value: JsValue, read: impl Fn(&JsValue) -> Option<T>) -> Option<Option<T>> {
    match value.is_null() || value.is_undefined() {
        true => Some(None),
        false => read(&value).map(Some),
    }
}

fn list<T>(o: &JsValue, name: &str, read: Reader<T>) -> Option<Vec<T>> {
    let value = get(o, name);
    if !Array::is_array(&value) {
        return None;
    }
    Array::from(&value).iter().map(|v| read(&v)).collect()
}

/// The error envelope.
pub fn error(o: &JsValue) -> Option<ErrorBody> {
    Some(ErrorBody {
        code: choice(o, "code", |t| {
            ErrorCode::ALL.iter().copied().find(|c| c.as_str() == t)
        })?,
        message: text(o, "message")?,
        field: opt_text(o, "field")?,
    })
}

/// `GET /api/v1/public/publicity`.
pub fn batches(o: &JsValue) -> Option<Page<PublicBatch>> {
    Some(Page {
        items: list(o, "items", batch)?,
        total: u64::try_from(int(o, "total")?).ok()?,
        page: u32::try_from(int(o, "page")?).ok()?,
        per_page: u32::try_from(int(o, "per_page")?).ok()?,
        total_kind: shared::TotalKind::Exact,
    })
}

fn batch(o: &JsValue) -> Option<PublicBatch> {
    Some(PublicBatch {
        id: int(o, "id")?,
        kind: choice(o, "kind", PublicityKind::parse)?,
        status: choice(o, "status", PublicityStatus::parse)?,
        unit: text(o, "unit")?,
        year: i32::try_from(int(o, "year")?).ok()?,
        series: nullable(get(o, "series"), |v| Series::parse(&v.as_string()?))?,
        title: text(o, "title")?,
        content: text(o, "content")?,
        period_start: text(o, "period_start")?,
        period_end: text(o, "period_end")?,
        published_at: opt_text(o, "published_at")?,
        accepting_reports: flag(o, "accepting_reports")?,
        committee: opt_text(o, "committee")?,
    })
}

/// `GET /api/v1/public/publicity/{id}`.
pub fn detail(o: &JsValue) -> Option<PublicBatchDetail> {
    Some(PublicBatchDetail {
        batch: batch(&get(o, "batch"))?,
        items: list(o, "items", item)?,
    })
}

fn item(o: &JsValue) -> Option<PublicItem> {
    Some(PublicItem {
        application_id: int(o, "application_id")?,
        name: text(o, "name")?,
        id_number: text(o, "id_number")?,
        employer: text(o, "employer")?,
        series: choice(o, "series", Series::parse)?,
        specialty: text(o, "specialty")?,
        level: choice(o, "level", Level::parse)?,
        qualification: text(o, "qualification")?,
        outcome: nullable(get(o, "outcome"), |v| PublicOutcome::parse(&v.as_string()?))?,
    })
}

/// A report filed.
pub fn receipt(o: &JsValue) -> Option<ReportReceipt> {
    Some(ReportReceipt {
        id: int(o, "id")?,
        filed_at: text(o, "filed_at")?,
    })
}

/// A certificate check (by number or by the QR code's token).
pub fn answer(o: &JsValue) -> Option<VerifyAnswer> {
    Some(VerifyAnswer {
        outcome: choice(o, "outcome", VerifyOutcome::parse)?,
        certificate: nullable(get(o, "certificate"), certificate)?,
    })
}

fn certificate(o: &JsValue) -> Option<PublicCertificate> {
    Some(PublicCertificate {
        number: text(o, "number")?,
        holder_name: text(o, "holder_name")?,
        id_number: text(o, "id_number")?,
        qualification: text(o, "qualification")?,
        series: choice(o, "series", Series::parse)?,
        level: choice(o, "level", Level::parse)?,
        specialty: text(o, "specialty")?,
        committee: text(o, "committee")?,
        approval_date: text(o, "approval_date")?,
        issuing_body: text(o, "issuing_body")?,
        status: choice(o, "status", CertificateStatus::parse)?,
        revoked_on: opt_text(o, "revoked_on")?,
    })
}

/// A QR code's signature checked.
pub fn signature(o: &JsValue) -> Option<SignatureCheck> {
    Some(SignatureCheck {
        valid: flag(o, "valid")?,
        fields: nullable(get(o, "fields"), signed_fields)?,
    })
}

fn signed_fields(o: &JsValue) -> Option<SignedFields> {
    Some(SignedFields {
        number: text(o, "number")?,
        holder_name: text(o, "holder_name")?,
        id_number: text(o, "id_number")?,
        qualification: text(o, "qualification")?,
        level: choice(o, "level", Level::parse)?,
        committee: text(o, "committee")?,
        approval_date: text(o, "approval_date")?,
        key_id: text(o, "key_id")?,
    })
}
