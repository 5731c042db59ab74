//! Certificates (issue 12, manual §6.3, SPEC §6): the records, who sees them, and their wire
//! shape. Issued on a review filing's approval ([`issue`]), entered by hand or imported
//! ([`entry`], [`import`]), verified publicly ([`verify`]); the QR code's signed payload is
//! [`signing`].
//!
//! Sight: a unit-side account holding any `title.certificates.*` module sees the certificates
//! whose employer (at the time of issue) is its unit or below it; an applicant sees their own
//! (issued to their account, or carrying their ID number). The ID number is stored whole and
//! masked in every answer.

pub mod entry;
pub mod import;
pub mod issue;
pub mod signing;
pub mod verify;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::{
    application::{Gender, Level, Series},
    certificates::{
        Certificate, CertificateFilter, CertificateSource, CertificateStatus, MAX_NAME_CHARS,
    },
    ids::mask_id_number,
    AccountKind, ErrorCode, Module, Page, PageQuery,
};

pub use signing::Signer;

use crate::{
    auth::AuthUser,
    committees::is_unit_side,
    db::{
        schema::{accounts, certificate_verifications, certificates, units},
        DbBackend, DbConnection,
    },
    error::ApiError,
    http::pagination,
    org::{jurisdiction, units::subtree_end},
};

/// The modules that open the unit list.
const READ: [Module; 3] = [
    Module::CertificateVerify,
    Module::CertificateBackfill,
    Module::CertificateImport,
];

/// A stored certificate.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = certificates)]
pub struct CertRow {
    pub id: i64,
    pub number: String,
    pub holder_name: String,
    pub id_number: String,
    pub gender: Gender,
    pub employer_id: Option<i64>,
    pub employer_path: String,
    pub employer_name: String,
    pub series: Series,
    pub specialty: String,
    pub level: Level,
    pub qualification: String,
    pub committee_id: Option<i64>,
    pub committee_name: String,
    pub approval_date: NaiveDate,
    pub approval_document: String,
    pub issuing_body: String,
    pub year: i32,
    pub source: CertificateSource,
    pub status: CertificateStatus,
    pub revoked_at: Option<NaiveDateTime>,
    pub revoked_reason: Option<String>,
    pub token: String,
    pub application_id: Option<i64>,
    pub filing_id: Option<i64>,
    pub applicant_id: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub version: i64,
}

impl CertRow {
    /// The revocation's day in China time.
    pub fn revoked_on(&self) -> Option<String> {
        self.revoked_at
            .map(|t| crate::calendar::today(t).format("%Y-%m-%d").to_string())
    }
}

/// 403 unless a unit-side account holds a certificate module.
pub fn require_reader(user: &AuthUser) -> Result<(), ApiError> {
    if is_unit_side(user) && READ.iter().any(|m| user.modules.contains(m)) {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Forbidden))
    }
}

/// Certificates of employers in the caller's subtree.
pub fn unit_query<'a>(user: &AuthUser) -> certificates::BoxedQuery<'a, DbBackend> {
    let (lo, hi) = jurisdiction::range(user);
    certificates::table
        .into_boxed()
        .filter(certificates::employer_path.ge(lo))
        .filter(certificates::employer_path.lt(hi))
}

/// The applicant's own: issued to the account, or carrying its ID number.
fn holder_query<'a>(
    conn: &mut DbConnection,
    user: &AuthUser,
) -> Result<certificates::BoxedQuery<'a, DbBackend>, ApiError> {
    let id_hash: Option<String> = accounts::table
        .find(user.id)
        .select(accounts::id_number_hash)
        .first(conn)?;
    let mut q = certificates::table.into_boxed();
    q = match id_hash {
        Some(h) => q.filter(
            certificates::applicant_id
                .eq(user.id)
                .or(certificates::id_number_hash.eq(h)),
        ),
        None => q.filter(certificates::applicant_id.eq(user.id)),
    };
    Ok(q)
}

/// The certificate `id` if the caller sees it (a unit reader in jurisdiction, or its holder);
/// 404 otherwise.
pub fn require_visible(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<CertRow, ApiError> {
    let q = if user.kind == AccountKind::Applicant {
        holder_query(conn, user)?
    } else if require_reader(user).is_ok() {
        unit_query(user)
    } else {
        return Err(ApiError::new(ErrorCode::NotFound));
    };
    q.filter(certificates::id.eq(id))
        .select(CertRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// How many times each of `ids` was verified.
fn verification_counts(
    conn: &mut DbConnection,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, i64>, ApiError> {
    let rows: Vec<(Option<i64>, i64)> = certificate_verifications::table
        .filter(certificate_verifications::certificate_id.eq_any(ids))
        .group_by(certificate_verifications::certificate_id)
        .select((
            certificate_verifications::certificate_id,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, n)| id.map(|id| (id, n)))
        .collect())
}

/// The wire shapes of `rows`, in order.
pub fn to_dtos(
    conn: &mut DbConnection,
    signer: &Signer,
    rows: Vec<CertRow>,
) -> Result<Vec<Certificate>, ApiError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let counts = verification_counts(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let n = counts.get(&r.id).copied().unwrap_or(0);
            to_dto(signer, r, n)
        })
        .collect())
}

/// The wire shape of one row.
pub fn to_dto(signer: &Signer, r: CertRow, verifications: i64) -> Certificate {
    let verify_url = signer.verify_url(&r.token);
    let qr_text = signer.qr_text(&r);
    let revoked_on = r.revoked_on();
    Certificate {
        id: r.id,
        version: r.version,
        number: r.number,
        holder_name: r.holder_name,
        id_number: mask_id_number(&r.id_number),
        gender: r.gender,
        employer_id: r.employer_id,
        employer: r.employer_name,
        series: r.series,
        specialty: r.specialty,
        level: r.level,
        qualification: r.qualification,
        committee: r.committee_name,
        approval_date: r.approval_date.format("%Y-%m-%d").to_string(),
        approval_document: r.approval_document,
        issuing_body: r.issuing_body,
        year: r.year,
        source: r.source,
        status: r.status,
        revoked_on,
        revoked_reason: r.revoked_reason,
        application_id: r.application_id,
        verify_url,
        qr_text,
        created_at: crate::clock::rfc3339(r.created_at),
        verifications,
    }
}

/// 400 naming `field` for a filter out of bounds.
fn bad_filter(field: &str, zh: &str, en: &str) -> ApiError {
    ApiError::with_text(ErrorCode::BadRequest, zh, en).at_field(field)
}

/// One page of the unit list under `f`, newest first (the list's and the export's query).
pub fn list_page(
    conn: &mut DbConnection,
    user: &AuthUser,
    signer: &Signer,
    f: &CertificateFilter,
    page: PageQuery,
) -> Result<Page<Certificate>, ApiError> {
    if f.year.is_some_and(|y| !(1900..=2100).contains(&y)) {
        return Err(bad_filter(
            "year",
            "年度须在 1900 至 2100 之间",
            "year must be between 1900 and 2100",
        ));
    }
    let q_text = f.q.as_deref().map(str::trim).unwrap_or_default().to_owned();
    if q_text.chars().count() > MAX_NAME_CHARS {
        return Err(bad_filter("q", "查询内容过长", "q is too long"));
    }
    let under: Option<(String, String)> = match f.unit_id {
        Some(u) => {
            let path: Option<String> = units::table
                .find(u)
                .select(units::path)
                .first(conn)
                .optional()?;
            // An unknown unit matches nothing.
            let path = path.unwrap_or_else(|| "\u{10FFFF}".to_owned());
            let end = subtree_end(&path);
            Some((path, end))
        }
        None => None,
    };
    let filtered = || {
        let mut q = unit_query(user);
        if let Some(year) = f.year {
            q = q.filter(certificates::year.eq(year));
        }
        if let Some(s) = f.series {
            q = q.filter(certificates::series.eq(s));
        }
        if let Some(l) = f.level {
            q = q.filter(certificates::level.eq(l));
        }
        if let Some(s) = f.status {
            q = q.filter(certificates::status.eq(s));
        }
        if let Some(s) = f.source {
            q = q.filter(certificates::source.eq(s));
        }
        if let Some((lo, hi)) = &under {
            q = q
                .filter(certificates::employer_path.ge(lo.clone()))
                .filter(certificates::employer_path.lt(hi.clone()));
        }
        if !q_text.is_empty() {
            let end = subtree_end_text(&q_text);
            q = q.filter(
                certificates::number
                    .eq(q_text.clone())
                    .or(certificates::holder_name
                        .ge(q_text.clone())
                        .and(certificates::holder_name.lt(end))),
            );
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let (limit, offset) = pagination::limit_offset(page);
    let rows: Vec<CertRow> = filtered()
        .order(certificates::id.desc())
        .limit(limit)
        .offset(offset)
        .select(CertRow::as_select())
        .load(conn)?;
    let items = to_dtos(conn, signer, rows)?;
    Ok(pagination::page(items, total, page))
}

/// The first text after every text starting with `prefix` (a prefix search as a range).
fn subtree_end_text(prefix: &str) -> String {
    let mut end = prefix.to_owned();
    end.push(char::MAX);
    end
}

/// The applicant's own certificates, newest first.
pub fn mine(
    conn: &mut DbConnection,
    user: &AuthUser,
    signer: &Signer,
) -> Result<Vec<Certificate>, ApiError> {
    if user.kind != AccountKind::Applicant {
        return Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "只有申报人账号有“我的证书”",
            "Only applicant accounts have their own certificates",
        ));
    }
    let rows: Vec<CertRow> = holder_query(conn, user)?
        .order(certificates::id.desc())
        .limit(200)
        .select(CertRow::as_select())
        .load(conn)?;
    to_dtos(conn, signer, rows)
}
