//! Certificates (职称/职业资格证书管理, manual §6.3, SPEC §6): records issued when a review filing
//! is approved, backfilled (证书补录) one by one, or imported (职称证书导入); verified by anyone
//! on the public site (证书核验) by number + holder name or through the QR code printed on the
//! certificate, whose payload is signed by the platform so that it also checks offline.

use serde::{Deserialize, Serialize};

use crate::application::{Gender, Level, Series};

text_enum! {
    /// Where a certificate record came from.
    CertificateSource {
        /// Issued when the session's review filing was approved.
        Review = "review", "评审发证", "Review";
        /// 证书补录: one historic certificate entered by form.
        Backfill = "backfill", "证书补录", "Backfill";
        /// 职称证书导入: a historic certificate from a CSV/XLSX import.
        Import = "import", "证书导入", "Import";
    }
}

text_enum! {
    /// A certificate is valid until its title is revoked (职称撤销).
    CertificateStatus {
        Valid = "valid", "有效", "Valid";
        Revoked = "revoked", "已撤销", "Revoked";
    }
}

text_enum! {
    /// The answer of a public verification.
    VerifyOutcome {
        Valid = "valid", "证书有效", "Valid";
        Revoked = "revoked", "证书已撤销", "Revoked";
        NotFound = "not_found", "未查到该证书", "Not found";
    }
}

text_enum! {
    /// How a verification was asked.
    VerifyWay {
        /// Number + holder name on the public page.
        Number = "number", "证书编号与姓名", "Number and name";
        /// The QR code's link (the opaque token).
        Token = "token", "扫描二维码", "QR code";
    }
}

/// The longest holder name, qualification, committee, issuing body or employer name.
pub const MAX_NAME_CHARS: usize = 100;
/// The longest specialty (the one rule of every specialty).
pub use crate::rules::MAX_SPECIALTY_CHARS;
/// The longest approval document number (文号) and certificate number.
pub const MAX_NUMBER_CHARS: usize = 64;
/// The longest revocation reason.
pub const MAX_REASON_CHARS: usize = 500;

/// A certificate as a signed-in caller sees it (the ID number masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Certificate {
    pub id: i64,
    /// The version to send with a revocation.
    pub version: i64,
    /// 证书编号, unique, never reused.
    pub number: String,
    pub holder_name: String,
    /// Masked: first 4 and last 4 characters.
    pub id_number: String,
    pub gender: Gender,
    /// The employer at the time of issue.
    pub employer_id: Option<i64>,
    pub employer: String,
    pub series: Series,
    pub specialty: String,
    pub level: Level,
    /// 任职资格名称, e.g. 高级工程师.
    pub qualification: String,
    pub committee: String,
    /// `YYYY-MM-DD`.
    pub approval_date: String,
    /// 批准文号; empty when none was given.
    pub approval_document: String,
    /// 发证机关.
    pub issuing_body: String,
    pub year: i32,
    pub source: CertificateSource,
    pub status: CertificateStatus,
    /// `YYYY-MM-DD` of the revocation.
    pub revoked_on: Option<String>,
    pub revoked_reason: Option<String>,
    /// The application it was issued for (`review` only).
    pub application_id: Option<i64>,
    /// The link the QR code opens (the opaque token, never the ID number).
    pub verify_url: String,
    /// The QR code's whole text: the link plus the signed payload after `#`.
    pub qr_text: String,
    pub created_at: String,
    /// How many times it has been verified publicly.
    pub verifications: i64,
}

/// `GET /api/v1/certificates`: the filters of the unit list (within the caller's jurisdiction).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct CertificateFilter {
    pub year: Option<i32>,
    pub series: Option<Series>,
    pub level: Option<Level>,
    /// The employer's subtree (a unit at or below the caller's).
    pub unit_id: Option<i64>,
    pub status: Option<CertificateStatus>,
    pub source: Option<CertificateSource>,
    /// Prefix of the holder's name or exact certificate number.
    pub q: Option<String>,
}

/// `POST /api/v1/certificates`: one historic certificate (证书补录).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BackfillCertificate {
    /// The number printed on the certificate (unique in the platform).
    #[cfg_attr(feature = "openapi", schema(format = "certificate-number"))]
    pub number: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub holder_name: String,
    /// A valid resident ID number.
    #[cfg_attr(feature = "openapi", schema(format = "id-number"))]
    pub id_number: String,
    /// Optional: the ID number's when absent.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// The employer at the time: a unit at or below the caller's.
    pub employer_id: i64,
    pub series: Series,
    #[cfg_attr(feature = "openapi", schema(max_length = 50, format = "text"))]
    pub specialty: String,
    pub level: Level,
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub qualification: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub committee: String,
    /// `YYYY-MM-DD`, not in the future.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub approval_date: String,
    /// The approval document's number (批准文号), optional.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 64, format = "optional-text"))]
    pub approval_document: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub issuing_body: String,
}

/// `POST /api/v1/certificates/{id}/revocation`: revokes a backfilled or imported certificate
/// (a reviewed one is revoked through its application's 职称撤销).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RevokeCertificate {
    /// Required, at most 500 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 500, format = "text"))]
    pub reason: String,
    pub version: i64,
}

/// One failure of an import's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRowError {
    /// The sheet's row number (the header is 1).
    pub row: u32,
    /// The column's wire name.
    pub field: Option<String>,
    /// The stable error code.
    pub code: crate::ErrorCode,
    /// The message in the request's language.
    pub message: String,
}

/// The answer of an import (all or nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// Every row was (or, on a dry run, would be) written; when false nothing was written.
    pub ok: bool,
    /// Rows read.
    pub rows: usize,
    /// Records created (0 on a dry run or a failure).
    pub created: usize,
    /// Every failure.
    pub errors: Vec<ImportRowError>,
}

/// `POST /api/v1/public/certificates/verify`: the public check by number + holder name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VerifyByNumber {
    /// Exact certificate number.
    #[cfg_attr(feature = "openapi", schema(format = "certificate-number"))]
    pub number: String,
    /// Exact holder name.
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub name: String,
}

/// `POST /api/v1/public/certificates/signature`: checks a QR payload's signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CheckSignedPayload {
    /// The text after `#` in the QR code's link (`CT1.<payload>.<signature>`).
    pub payload: String,
}

/// What a public verification shows (never the whole ID number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicCertificate {
    pub number: String,
    pub holder_name: String,
    /// Masked.
    pub id_number: String,
    pub qualification: String,
    pub series: Series,
    pub level: Level,
    pub specialty: String,
    pub committee: String,
    pub approval_date: String,
    pub issuing_body: String,
    pub status: CertificateStatus,
    pub revoked_on: Option<String>,
}

/// The answer of a public verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyAnswer {
    pub outcome: VerifyOutcome,
    /// Absent when not found.
    pub certificate: Option<PublicCertificate>,
}

/// The fields a QR payload carries, as signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignedFields {
    pub number: String,
    pub holder_name: String,
    /// Masked.
    pub id_number: String,
    pub qualification: String,
    pub level: Level,
    pub committee: String,
    pub approval_date: String,
    /// The signing key's id (first 16 hex digits of its SHA-256).
    pub key_id: String,
}

/// The answer of a signature check: whether the platform signed these fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignatureCheck {
    /// The signature is the platform's over exactly these fields.
    pub valid: bool,
    /// The fields as decoded (present when the payload could be read).
    pub fields: Option<SignedFields>,
}

/// `GET /.well-known/certificate-signing-key.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateSigningKey {
    /// Always `Ed25519`.
    pub algorithm: String,
    pub key_id: String,
    /// The 32-byte public key, 64 hex digits.
    pub public_key_hex: String,
    /// How the signed message is formed.
    pub format: String,
}

/// One verification of a certificate, as its holder and the units above see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateVerification {
    pub at: String,
    pub way: VerifyWay,
    /// The verifying unit when the verifier was signed in; `None` for an anonymous visitor.
    pub unit: Option<String>,
}

/// The certificate numbering setting (`GET`/`PUT /api/v1/admin/certificate-numbering`).
/// The template's placeholders: `{province}`, `{year}`, `{series}` (the series' two-digit
/// code), `{level}` (1–4), `{seq}` or `{seq:N}` (the sequence per year and series, zero-padded
/// to N digits, 1 ≤ N ≤ 9); it must contain `{year}`, `{series}` and a `{seq…}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CertificateNumbering {
    /// Two-digit province code of the administrative division code (e.g. `52`).
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9]{2}$"))]
    pub province_code: String,
    pub template: String,
}

impl Default for CertificateNumbering {
    fn default() -> Self {
        CertificateNumbering {
            province_code: "52".into(),
            template: "{province}{year}{series}{seq:06}".into(),
        }
    }
}

/// The two-digit code of a series in certificate numbers (its position in [`Series::ALL`]).
pub fn series_code(series: Series) -> String {
    let i = Series::ALL.iter().position(|s| *s == series).unwrap_or(0);
    format!("{:02}", i + 1)
}

/// The digit of a level in certificate numbers (初级 1 … 正高级 4).
pub fn level_code(level: Level) -> u8 {
    match level {
        Level::Junior => 1,
        Level::Intermediate => 2,
        Level::AssociateSenior => 3,
        Level::Senior => 4,
    }
}

/// Why a numbering template is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateError {
    /// A `{…}` that is not a known placeholder, or an unclosed brace.
    Unknown,
    /// `{year}`, `{series}` or `{seq}` is missing.
    Missing,
    /// Characters other than letters, digits, `-` and `_` outside placeholders.
    Characters,
    /// The province code is not two digits.
    Province,
}

/// Formats a number with `template`; `Err` when the template is malformed. The one place both
/// the backend (issuing) and the SPA (the setting's preview) form a number.
pub fn format_number(
    numbering: &CertificateNumbering,
    year: i32,
    series: Series,
    level: Level,
    seq: u64,
) -> Result<String, TemplateError> {
    let p = &numbering.province_code;
    if p.len() != 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TemplateError::Province);
    }
    let mut out = String::new();
    let (mut has_year, mut has_series, mut has_seq) = (false, false, false);
    let mut rest = numbering.template.as_str();
    while let Some(open) = rest.find('{') {
        let literal = &rest[..open];
        if literal.contains('}') {
            return Err(TemplateError::Unknown);
        }
        push_literal(&mut out, literal)?;
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(TemplateError::Unknown)?;
        let name = &after[..close];
        match name {
            "province" => out.push_str(p),
            "year" => {
                has_year = true;
                out.push_str(&format!("{year:04}"));
            }
            "series" => {
                has_series = true;
                out.push_str(&series_code(series));
            }
            "level" => out.push_str(&level_code(level).to_string()),
            "seq" => {
                has_seq = true;
                out.push_str(&seq.to_string());
            }
            _ => {
                let width = name
                    .strip_prefix("seq:")
                    .and_then(|w| w.parse::<usize>().ok())
                    .filter(|w| (1..=9).contains(w))
                    .ok_or(TemplateError::Unknown)?;
                has_seq = true;
                out.push_str(&format!("{seq:0width$}"));
            }
        }
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return Err(TemplateError::Unknown);
    }
    push_literal(&mut out, rest)?;
    if !(has_year && has_series && has_seq) {
        return Err(TemplateError::Missing);
    }
    Ok(out)
}

fn push_literal(out: &mut String, literal: &str) -> Result<(), TemplateError> {
    if literal
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        out.push_str(literal);
        Ok(())
    } else {
        Err(TemplateError::Characters)
    }
}

/// [`number_ok`] as a regular expression (`format: certificate-number` in the OpenAPI document).
pub fn number_pattern() -> String {
    let space = crate::rules::TRIMMED;
    format!("^[{space}]*[A-Za-z0-9_\\-\\u4e00-\\u9fff（）〔〕]{{1,{MAX_NUMBER_CHARS}}}[{space}]*$")
}

/// A certificate number as typed (backfill, import, verification): trimmed, 1–64 letters,
/// digits, `-`, `_` or CJK characters (historic numbers such as 黔职证字第… are kept as printed).
pub fn number_ok(raw: &str) -> bool {
    let n = raw.trim();
    !n.is_empty()
        && n.chars().count() <= MAX_NUMBER_CHARS
        && n.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || c == '-'
                || c == '_'
                || ('\u{4e00}'..='\u{9fff}').contains(&c)
                || c == '（'
                || c == '）'
                || c == '〔'
                || c == '〕'
        })
}

/// The form's own rules (证书补录 and each import row), the first problem in field order;
/// `today` bounds the approval date. The server adds what needs the database (the employer's
/// jurisdiction, a number already held).
pub fn check_backfill(
    input: &BackfillCertificate,
    today: crate::rules::Date,
) -> Result<(), crate::rules::Problem> {
    use crate::rules::{text, Date, Problem, Rule};
    let problem = |field: &'static str, rule: Rule| Problem { field, rule };
    if !number_ok(&input.number) {
        let n = input.number.trim();
        return Err(problem(
            "number",
            if n.is_empty() {
                Rule::Required
            } else if n.chars().count() > MAX_NUMBER_CHARS {
                Rule::MaxChars(MAX_NUMBER_CHARS)
            } else {
                Rule::NumberChars
            },
        ));
    }
    text(&input.holder_name, 1, MAX_NAME_CHARS).map_err(|r| problem("holder_name", r))?;
    let id = crate::ids::IdNumber::parse(&input.id_number)
        .map_err(|m| problem("id_number", Rule::IdNumber(m)))?;
    let encoded = if id.is_male() {
        Gender::Male
    } else {
        Gender::Female
    };
    if input.gender.is_some_and(|g| g != encoded) {
        return Err(problem("gender", Rule::GenderMismatch));
    }
    text(&input.specialty, 1, MAX_SPECIALTY_CHARS).map_err(|r| problem("specialty", r))?;
    text(&input.qualification, 1, MAX_NAME_CHARS).map_err(|r| problem("qualification", r))?;
    text(&input.committee, 1, MAX_NAME_CHARS).map_err(|r| problem("committee", r))?;
    let day = Date::parse(&input.approval_date).map_err(|r| problem("approval_date", r))?;
    if day > today || day.year < 1950 {
        return Err(problem("approval_date", Rule::ImplausibleTitleDate));
    }
    text(&input.approval_document, 0, MAX_NUMBER_CHARS)
        .map_err(|r| problem("approval_document", r))?;
    text(&input.issuing_body, 1, MAX_NAME_CHARS).map_err(|r| problem("issuing_body", r))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_number_pattern_accepts_exactly_what_number_ok_accepts() {
        let re = regex::Regex::new(&number_pattern()).expect("the pattern compiles");
        let alphabet = ['a', '7', '-', '中', '〔', ' ', '\u{3000}', '/', '\u{1}'];
        for s in crate::rules::every_string(&alphabet, 4) {
            assert_eq!(re.is_match(&s), number_ok(&s), "{s:?}");
        }
        let long = "9".repeat(MAX_NUMBER_CHARS);
        assert!(re.is_match(&long) && number_ok(&long));
        let longer = format!("{long}9");
        assert!(!re.is_match(&longer) && !number_ok(&longer));
    }

    use super::*;

    fn backfill() -> BackfillCertificate {
        BackfillCertificate {
            number: "黔职证〔2019〕0123".into(),
            holder_name: "张三".into(),
            id_number: "11010519491231002X".into(),
            gender: None,
            employer_id: 3,
            series: Series::Engineering,
            specialty: "电气工程".into(),
            level: Level::AssociateSenior,
            qualification: "高级工程师".into(),
            committee: "贵州省工程系列高级职称评审委员会".into(),
            approval_date: "2019-12-20".into(),
            approval_document: String::new(),
            issuing_body: "贵州省人力资源和社会保障厅".into(),
        }
    }

    #[test]
    fn the_backfill_form_rules() {
        let today = crate::rules::Date {
            year: 2026,
            month: 12,
            day: 3,
        };
        assert_eq!(check_backfill(&backfill(), today), Ok(()));
        type Edit = fn(&mut BackfillCertificate);
        let cases: &[(Edit, &str)] = &[
            (|b| b.number = " ".into(), "number"),
            (|b| b.holder_name = String::new(), "holder_name"),
            (|b| b.id_number = "110105194912310021".into(), "id_number"),
            (|b| b.gender = Some(Gender::Male), "gender"),
            (|b| b.specialty = "x".repeat(51), "specialty"),
            (|b| b.qualification = String::new(), "qualification"),
            (|b| b.committee = "\u{7}".into(), "committee"),
            (|b| b.approval_date = "2019-02-30".into(), "approval_date"),
            (|b| b.approval_date = "2026-12-04".into(), "approval_date"),
            (|b| b.approval_date = "1949-12-31".into(), "approval_date"),
            (
                |b| b.approval_document = "文".repeat(65),
                "approval_document",
            ),
            (|b| b.issuing_body = " ".into(), "issuing_body"),
        ];
        for (edit, field) in cases {
            let mut b = backfill();
            edit(&mut b);
            assert_eq!(
                check_backfill(&b, today).map_err(|p| p.field),
                Err(*field),
                "{b:?}"
            );
        }
        let mut female = backfill();
        female.gender = Some(Gender::Female);
        assert_eq!(check_backfill(&female, today), Ok(()));
    }

    fn numbering(template: &str) -> CertificateNumbering {
        CertificateNumbering {
            province_code: "52".into(),
            template: template.into(),
        }
    }

    #[test]
    fn the_default_template() {
        let n = format_number(
            &CertificateNumbering::default(),
            2026,
            Series::Engineering,
            Level::Senior,
            42,
        );
        assert_eq!(n, Ok("52202601000042".into()));
    }

    #[test]
    fn placeholders_and_refusals() {
        let t = numbering("GZ-{year}-{series}{level}-{seq:4}");
        assert_eq!(
            format_number(&t, 2025, Series::Accounting, Level::Intermediate, 7),
            Ok("GZ-2025-102-0007".into())
        );
        // A sequence wider than its padding is written whole.
        let wide = format_number(
            &numbering("{year}{series}{seq:2}"),
            2025,
            Series::Arts,
            Level::Junior,
            123,
        );
        assert_eq!(wide, Ok("202518123".into()));
        for (bad, why) in [
            ("{year}{series}", TemplateError::Missing),
            ("{year}{seq}", TemplateError::Missing),
            ("{year}{series}{seq:0}", TemplateError::Unknown),
            ("{year}{series}{seq:10}", TemplateError::Unknown),
            ("{year}{series}{seq}{x}", TemplateError::Unknown),
            ("{year}{series}{seq", TemplateError::Unknown),
            ("{year}}{series}{seq}", TemplateError::Unknown),
            ("{year} {series}{seq}", TemplateError::Characters),
            ("证{year}{series}{seq}", TemplateError::Characters),
        ] {
            assert_eq!(
                format_number(&numbering(bad), 2025, Series::Arts, Level::Junior, 1),
                Err(why),
                "{bad}"
            );
        }
        let mut p = numbering("{year}{series}{seq}");
        p.province_code = "5".into();
        assert_eq!(
            format_number(&p, 2025, Series::Arts, Level::Junior, 1),
            Err(TemplateError::Province)
        );
    }

    #[test]
    fn series_codes_are_distinct_two_digits() {
        let codes: std::collections::HashSet<String> =
            Series::ALL.iter().map(|s| series_code(*s)).collect();
        assert_eq!(codes.len(), Series::ALL.len());
        assert!(codes.iter().all(|c| c.len() == 2));
    }

    #[test]
    fn numbers_as_typed() {
        assert!(number_ok("52202601000042"));
        assert!(number_ok("黔职证字〔2019〕第0123号"));
        assert!(!number_ok(""));
        assert!(!number_ok("a b"));
        assert!(!number_ok(&"1".repeat(65)));
    }
}
