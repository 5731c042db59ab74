//! Historic certificates entered by hand (证书补录) or imported, and revocations.
//!
//! A backfilled certificate's employer is a unit at or below the caller's (so that it falls in
//! the caller's sight like every other certificate); its number must not be held by another
//! certificate. Revoking a reviewed certificate happens only through its application's
//! 职称撤销 ([`revoke_for_application`]), so that the application and its certificate never
//! disagree; backfilled and imported ones are revoked here directly.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::{json, Value};
use shared::{
    certificates::{
        check_backfill, BackfillCertificate, CertificateSource, CertificateStatus, MAX_REASON_CHARS,
    },
    ids::{mask_id_number, IdNumber},
    rules::Date,
    ErrorCode, Module,
};

use super::{issue::new_token, CertRow};
use crate::{
    audit::{self, Actor, Event},
    auth::AuthUser,
    db::{
        schema::{certificates, units},
        DbConnection,
    },
    error::ApiError,
    org::jurisdiction,
    versioned::{self, Change, Kind},
};

/// A form or row that passed every check, ready to insert.
#[derive(Debug, Clone)]
pub struct Checked {
    pub input: BackfillCertificate,
    pub gender: shared::application::Gender,
    pub employer_path: String,
    pub employer_name: String,
    pub approval_date: chrono::NaiveDate,
}

fn today(now: NaiveDateTime) -> Date {
    use chrono::Datelike;
    let d = crate::calendar::today(now);
    Date {
        year: d.year(),
        month: d.month(),
        day: d.day(),
    }
}

/// 403 unless a unit-side account holds `module`.
pub fn require_module(user: &AuthUser, module: Module) -> Result<(), ApiError> {
    if crate::committees::is_unit_side(user) {
        user.require(module)
    } else {
        Err(ApiError::new(ErrorCode::Forbidden))
    }
}

/// A form that passed every check that needs no database: the shared form rules, the ID
/// number read and the gender it encodes, the approval date, every text trimmed.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub input: BackfillCertificate,
    pub gender: shared::application::Gender,
    pub approval_date: chrono::NaiveDate,
}

impl Prepared {
    /// The checked certificate once its employer is known.
    pub fn with_employer(self, employer_path: String, employer_name: String) -> Checked {
        Checked {
            input: self.input,
            gender: self.gender,
            employer_path,
            employer_name,
            approval_date: self.approval_date,
        }
    }
}

/// The checks of one certificate that need no database (the single entry and the import both
/// run them first): the shared form rules, then the ID number and the approval date read.
pub fn prepare(input: &BackfillCertificate, now: NaiveDateTime) -> Result<Prepared, ApiError> {
    check_backfill(input, today(now))
        .map_err(|p| ApiError::validation(p.field, &p.rule.zh(), &p.rule.en()))?;
    let id =
        IdNumber::parse(&input.id_number).map_err(|m| ApiError::validation_pair("id_number", m))?;
    let gender = input.gender.unwrap_or(if id.is_male() {
        shared::application::Gender::Male
    } else {
        shared::application::Gender::Female
    });
    let approval_date = chrono::NaiveDate::parse_from_str(input.approval_date.trim(), "%Y-%m-%d")
        .map_err(|_| {
        ApiError::validation(
            "approval_date",
            "日期格式应为 YYYY-MM-DD",
            "must be YYYY-MM-DD",
        )
    })?;
    let mut input = input.clone();
    input.number = input.number.trim().to_owned();
    input.id_number = id.as_str().to_owned();
    for f in [
        &mut input.holder_name,
        &mut input.specialty,
        &mut input.qualification,
        &mut input.committee,
        &mut input.approval_document,
        &mut input.issuing_body,
    ] {
        *f = f.trim().to_owned();
    }
    Ok(Prepared {
        input,
        gender,
        approval_date,
    })
}

/// The employer is not the caller's unit nor a unit below it (or no unit at all).
pub fn not_ours() -> ApiError {
    ApiError::validation(
        "employer_id",
        "须为本单位或下级单位",
        "must be the caller's unit or a unit below it",
    )
}

/// The number is held by a certificate already.
pub fn number_taken(number: &str) -> ApiError {
    ApiError::with_text(
        ErrorCode::AlreadyExists,
        format!("证书编号“{number}”已存在"),
        format!("The certificate number {number:?} already exists"),
    )
    .at_field("number")
}

/// Every check of one certificate: the checks without the database ([`prepare`]), then the
/// employer (at or below the caller's unit) and the number (not held yet).
pub fn check(
    conn: &mut DbConnection,
    user: &AuthUser,
    input: &BackfillCertificate,
    now: NaiveDateTime,
) -> Result<Checked, ApiError> {
    let prepared = prepare(input, now)?;
    let employer_id = prepared.input.employer_id;
    if jurisdiction::relation(conn, user, employer_id)? == jurisdiction::Relation::Outside {
        return Err(not_ours());
    }
    let (employer_path, employer_name): (String, String) = units::table
        .find(employer_id)
        .select((units::path, units::name))
        .first(conn)
        .optional()?
        .ok_or_else(not_ours)?;
    let number = prepared.input.number.as_str();
    let taken: i64 = certificates::table
        .filter(certificates::number.eq(number))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(number_taken(number));
    }
    Ok(prepared.with_employer(employer_path, employer_name))
}

/// The audit image of a certificate (the ID number masked).
pub fn image(row: &CertRow) -> Value {
    json!({
        "number": row.number,
        "holder_name": row.holder_name,
        "id_number": mask_id_number(&row.id_number),
        "employer_id": row.employer_id,
        "series": row.series,
        "specialty": row.specialty,
        "level": row.level,
        "qualification": row.qualification,
        "committee": row.committee_name,
        "approval_date": row.approval_date.to_string(),
        "approval_document": row.approval_document,
        "issuing_body": row.issuing_body,
        "source": row.source,
        "status": row.status,
        "revoked_reason": row.revoked_reason,
        "version": row.version,
    })
}

/// Loads a row.
pub fn load(conn: &mut DbConnection, id: i64) -> Result<CertRow, ApiError> {
    Ok(certificates::table
        .find(id)
        .select(CertRow::as_select())
        .first(conn)?)
}

/// The row a checked certificate is stored as: the one definition the single entry and the
/// import's multi-row `INSERT` both use.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = certificates, treat_none_as_default_value = false)]
pub struct NewCertificate<'a> {
    pub number: &'a str,
    pub holder_name: &'a str,
    pub id_number: crate::pii::Pii,
    pub id_number_hash: String,
    pub gender: shared::application::Gender,
    pub employer_id: Option<i64>,
    pub employer_path: &'a str,
    pub employer_name: &'a str,
    pub series: shared::application::Series,
    pub specialty: &'a str,
    pub level: shared::application::Level,
    pub qualification: &'a str,
    pub committee_name: &'a str,
    pub approval_date: chrono::NaiveDate,
    pub approval_document: &'a str,
    pub issuing_body: &'a str,
    pub year: i32,
    pub source: CertificateSource,
    pub status: CertificateStatus,
    pub token: String,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub version: i64,
}

impl<'a> NewCertificate<'a> {
    /// The row of `c`, valid, version 1, with a fresh verification token.
    pub fn of(
        user: &AuthUser,
        c: &'a Checked,
        source: CertificateSource,
        now: NaiveDateTime,
    ) -> Self {
        use chrono::Datelike;
        let i = &c.input;
        NewCertificate {
            number: &i.number,
            holder_name: &i.holder_name,
            id_number: crate::pii::Pii::new(&i.id_number),
            id_number_hash: crate::pii::hash(&i.id_number),
            gender: c.gender,
            employer_id: Some(i.employer_id),
            employer_path: &c.employer_path,
            employer_name: &c.employer_name,
            series: i.series,
            specialty: &i.specialty,
            level: i.level,
            qualification: &i.qualification,
            committee_name: &i.committee,
            approval_date: c.approval_date,
            approval_document: &i.approval_document,
            issuing_body: &i.issuing_body,
            year: c.approval_date.year(),
            source,
            status: CertificateStatus::Valid,
            token: new_token(),
            created_by: Some(user.id),
            created_at: now,
            version: 1,
        }
    }

    /// The stored row this becomes once inserted as `id`: what [`load`] would read back, so
    /// that the import audits [`image`] without reading each certificate again.
    pub fn stored(&self, id: i64) -> CertRow {
        CertRow {
            id,
            number: self.number.to_owned(),
            holder_name: self.holder_name.to_owned(),
            id_number: self.id_number.0.clone(),
            gender: self.gender,
            employer_id: self.employer_id,
            employer_path: self.employer_path.to_owned(),
            employer_name: self.employer_name.to_owned(),
            series: self.series,
            specialty: self.specialty.to_owned(),
            level: self.level,
            qualification: self.qualification.to_owned(),
            committee_id: None,
            committee_name: self.committee_name.to_owned(),
            approval_date: self.approval_date,
            approval_document: self.approval_document.to_owned(),
            issuing_body: self.issuing_body.to_owned(),
            year: self.year,
            source: self.source,
            status: self.status,
            revoked_at: None,
            revoked_reason: None,
            token: self.token.clone(),
            application_id: None,
            filing_id: None,
            applicant_id: None,
            created_by: self.created_by,
            created_at: self.created_at,
            version: self.version,
        }
    }
}

/// Inserts a checked certificate (`backfill` or `import`); returns its id. The caller audits.
pub fn insert(
    conn: &mut DbConnection,
    user: &AuthUser,
    c: &Checked,
    source: CertificateSource,
    now: NaiveDateTime,
) -> Result<i64, ApiError> {
    let inserted = diesel::insert_into(certificates::table)
        .values(NewCertificate::of(user, c, source, now))
        .returning(certificates::id)
        .get_result::<i64>(conn);
    match inserted {
        Ok(id) => Ok(id),
        // A concurrent entry took the number between the check and the insert.
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Err(number_taken(&c.input.number)),
        Err(e) => Err(e.into()),
    }
}

/// 证书补录: checks, inserts and audits one certificate.
pub fn backfill(
    conn: &mut DbConnection,
    user: &AuthUser,
    input: &BackfillCertificate,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<CertRow, ApiError> {
    require_module(user, Module::CertificateBackfill)?;
    conn.write_transaction(|conn| {
        let checked = check(conn, user, input, now)?;
        let id = insert(conn, user, &checked, CertificateSource::Backfill, now)?;
        let row = load(conn, id)?;
        audit::append(
            conn,
            actor,
            &Event {
                action: "certificate.backfill",
                target_type: "certificate",
                target_id: Some(id.to_string()),
                success: true,
                before: None,
                after: Some(image(&row)),
            },
            now,
        )?;
        Ok(row)
    })
}

fn check_reason(raw: &str) -> Result<String, ApiError> {
    shared::rules::text(raw, 1, MAX_REASON_CHARS)
        .map(str::to_owned)
        .map_err(|r| ApiError::validation("reason", &r.zh(), &r.en()))
}

/// Revokes a backfilled or imported certificate (with `title.certificates.backfill` or
/// `…import`), conditional on the version read.
pub fn revoke(
    conn: &mut DbConnection,
    user: &AuthUser,
    row: &CertRow,
    reason: &str,
    change: &Change<'_>,
) -> Result<CertRow, ApiError> {
    if require_module(user, Module::CertificateBackfill).is_err() {
        require_module(user, Module::CertificateImport)?;
    }
    let reason = check_reason(reason)?;
    change.expect(row.version)?;
    if row.source == CertificateSource::Review {
        return Err(ApiError::with_text(
            ErrorCode::InvalidTransition,
            "评审产生的证书须通过其申报的“撤销职称”撤销",
            "A certificate issued by a review is revoked through its application's revocation",
        ));
    }
    if row.status == CertificateStatus::Revoked {
        return Err(ApiError::with_text(
            ErrorCode::InvalidTransition,
            "证书已撤销",
            "The certificate is already revoked",
        ));
    }
    let now = change.now;
    change.apply(
        conn,
        |conn| Ok(image(&load(conn, row.id)?)),
        |conn, guard| {
            Ok(crate::guarded_update!(
                conn,
                certificates,
                guard,
                (
                    certificates::status.eq(CertificateStatus::Revoked),
                    certificates::revoked_at.eq(Some(now)),
                    certificates::revoked_reason.eq(Some(&reason)),
                )
            )?)
        },
        versioned::no_effects,
    )?;
    load(conn, row.id)
}

/// 职称撤销 of an application: its certificate, if issued, is revoked in the same transaction
/// (audited as `certificate.revoke` with the application's opinion as the reason).
pub fn revoke_for_application(
    conn: &mut DbConnection,
    application_id: i64,
    reason: Option<&str>,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let row: Option<CertRow> = certificates::table
        .filter(certificates::application_id.eq(application_id))
        .filter(certificates::status.eq(CertificateStatus::Valid))
        .select(CertRow::as_select())
        .first(conn)
        .optional()?;
    let Some(row) = row else {
        return Ok(());
    };
    let reason = reason.unwrap_or("职称撤销").to_owned();
    let change = Change {
        kind: Kind::Certificate,
        id: row.id,
        read_version: row.version,
        action: "certificate.revoke",
        actor,
        now,
    };
    change.apply(
        conn,
        |conn| Ok(image(&load(conn, row.id)?)),
        |conn, guard| {
            Ok(crate::guarded_update!(
                conn,
                certificates,
                guard,
                (
                    certificates::status.eq(CertificateStatus::Revoked),
                    certificates::revoked_at.eq(Some(now)),
                    certificates::revoked_reason.eq(Some(&reason)),
                )
            )?)
        },
        versioned::no_effects,
    )?;
    Ok(())
}
