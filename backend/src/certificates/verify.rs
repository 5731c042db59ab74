//! 证书核验: by number + holder name (both exact) or by the QR code's token. Every
//! verification is logged (the certificate, the way, the outcome, and the verifying account
//! and unit when signed in; for a number that matches nothing, the number asked — never the
//! name); the holder and the units above see the log. The public routes are rate-limited per
//! client address by the caller.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{
    certificates::{
        number_ok, CertificateStatus, CertificateVerification, PublicCertificate, VerifyAnswer,
        VerifyByNumber, VerifyOutcome, VerifyWay, MAX_NAME_CHARS,
    },
    ids::mask_id_number,
    ErrorCode,
};

use super::CertRow;
use crate::{
    auth::AuthUser,
    db::{
        schema::{certificate_verifications, certificates, units},
        DbConnection,
    },
    error::ApiError,
};

/// Verifications one address may make per window on the public site.
pub const PUBLIC_PER_WINDOW: u32 = 30;
/// The public window, seconds.
pub const PUBLIC_WINDOW_SECS: u64 = 60;

/// Who asks.
#[derive(Debug, Clone, Default)]
pub struct Verifier {
    pub account_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub ip: Option<String>,
}

impl Verifier {
    /// A signed-in caller.
    pub fn of(user: &AuthUser, ip: Option<String>) -> Self {
        Verifier {
            account_id: Some(user.id),
            unit_id: Some(user.unit_id),
            ip,
        }
    }
}

/// Checks the form (422 naming the field).
pub fn check_form(req: &VerifyByNumber) -> Result<(String, String), ApiError> {
    if !number_ok(&req.number) {
        return Err(ApiError::validation(
            "number",
            "请输入证书上的编号",
            "enter the number printed on the certificate",
        ));
    }
    let name = shared::rules::text(&req.name, 1, MAX_NAME_CHARS)
        .map_err(|r| ApiError::validation("name", &r.zh(), &r.en()))?;
    Ok((req.number.trim().to_owned(), name.to_owned()))
}

fn public_view(r: &CertRow) -> PublicCertificate {
    PublicCertificate {
        number: r.number.clone(),
        holder_name: r.holder_name.clone(),
        id_number: mask_id_number(&r.id_number),
        qualification: r.qualification.clone(),
        series: r.series,
        level: r.level,
        specialty: r.specialty.clone(),
        committee: r.committee_name.clone(),
        approval_date: r.approval_date.format("%Y-%m-%d").to_string(),
        issuing_body: r.issuing_body.clone(),
        status: r.status,
        revoked_on: r.revoked_on(),
    }
}

fn answer_and_log(
    conn: &mut DbConnection,
    found: Option<CertRow>,
    asked: &str,
    way: VerifyWay,
    who: &Verifier,
    now: NaiveDateTime,
) -> Result<VerifyAnswer, ApiError> {
    let outcome = match &found {
        None => VerifyOutcome::NotFound,
        Some(r) if r.status == CertificateStatus::Revoked => VerifyOutcome::Revoked,
        Some(_) => VerifyOutcome::Valid,
    };
    diesel::insert_into(certificate_verifications::table)
        .values((
            certificate_verifications::certificate_id.eq(found.as_ref().map(|r| r.id)),
            certificate_verifications::asked_number.eq(asked),
            certificate_verifications::way.eq(way),
            certificate_verifications::outcome.eq(outcome),
            certificate_verifications::account_id.eq(who.account_id),
            certificate_verifications::unit_id.eq(who.unit_id),
            certificate_verifications::ip.eq(&who.ip),
            certificate_verifications::at.eq(now),
        ))
        .execute(conn)?;
    Ok(VerifyAnswer {
        outcome,
        certificate: found.as_ref().map(public_view),
    })
}

/// By number + holder name (both exact); a wrong name is `not_found`, like an unknown number,
/// so that the answer never confirms a number to someone who does not know its holder.
pub fn by_number(
    conn: &mut DbConnection,
    req: &VerifyByNumber,
    who: &Verifier,
    now: NaiveDateTime,
) -> Result<VerifyAnswer, ApiError> {
    let (number, name) = check_form(req)?;
    let found: Option<CertRow> = certificates::table
        .filter(certificates::number.eq(&number))
        .filter(certificates::holder_name.eq(&name))
        .select(CertRow::as_select())
        .first(conn)
        .optional()?;
    answer_and_log(conn, found, &number, VerifyWay::Number, who, now)
}

/// 404 unless `token` has a token's shape (22 url-safe base64 characters).
pub fn check_token(token: &str) -> Result<(), ApiError> {
    let well_formed = token.len() == 22
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !well_formed {
        return Err(ApiError::with_text(
            ErrorCode::NotFound,
            "二维码链接无效",
            "The QR link is not valid",
        ));
    }
    Ok(())
}

/// By the QR code's token.
pub fn by_token(
    conn: &mut DbConnection,
    token: &str,
    who: &Verifier,
    now: NaiveDateTime,
) -> Result<VerifyAnswer, ApiError> {
    check_token(token)?;
    let found: Option<CertRow> = certificates::table
        .filter(certificates::token.eq(token))
        .select(CertRow::as_select())
        .first(conn)
        .optional()?;
    let asked = found.as_ref().map(|r| r.number.clone()).unwrap_or_default();
    answer_and_log(conn, found, &asked, VerifyWay::Token, who, now)
}

/// The verifications of a certificate, newest first (at most 200).
pub fn history(
    conn: &mut DbConnection,
    certificate_id: i64,
) -> Result<Vec<CertificateVerification>, ApiError> {
    let rows: Vec<(NaiveDateTime, VerifyWay, Option<String>)> = certificate_verifications::table
        .left_join(units::table)
        .filter(certificate_verifications::certificate_id.eq(certificate_id))
        .order(certificate_verifications::id.desc())
        .limit(200)
        .select((
            certificate_verifications::at,
            certificate_verifications::way,
            units::name.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(at, way, unit)| CertificateVerification {
            at: crate::clock::rfc3339(at),
            way,
            unit,
        })
        .collect())
}
