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

/// Every check of one certificate: the shared form rules, then the employer (at or below the
/// caller's unit) and the number (not held yet).
pub fn check(
    conn: &mut DbConnection,
    user: &AuthUser,
    input: &BackfillCertificate,
    now: NaiveDateTime,
) -> Result<Checked, ApiError> {
    check_backfill(input, today(now))
        .map_err(|p| ApiError::validation(p.field, &p.rule.zh(), &p.rule.en()))?;
    let not_ours = || {
        ApiError::validation(
            "employer_id",
            "须为本单位或下级单位",
            "must be the caller's unit or a unit below it",
        )
    };
    if jurisdiction::relation(conn, user, input.employer_id)? == jurisdiction::Relation::Outside {
        return Err(not_ours());
    }
    let (employer_path, employer_name): (String, String) = units::table
        .find(input.employer_id)
        .select((units::path, units::name))
        .first(conn)
        .optional()?
        .ok_or_else(not_ours)?;
    let number = input.number.trim();
    let taken: i64 = certificates::table
        .filter(certificates::number.eq(number))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(ApiError::with_text(
            ErrorCode::AlreadyExists,
            format!("证书编号“{number}”已存在"),
            format!("The certificate number {number:?} already exists"),
        )
        .at_field("number"));
    }
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
    input.number = number.to_owned();
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
    Ok(Checked {
        input,
        gender,
        employer_path,
        employer_name,
        approval_date,
    })
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

/// Inserts a checked certificate (`backfill` or `import`); returns its id. The caller audits.
pub fn insert(
    conn: &mut DbConnection,
    user: &AuthUser,
    c: &Checked,
    source: CertificateSource,
    now: NaiveDateTime,
) -> Result<i64, ApiError> {
    use chrono::Datelike;
    let i = &c.input;
    let inserted = diesel::insert_into(certificates::table)
        .values((
            certificates::number.eq(&i.number),
            certificates::holder_name.eq(&i.holder_name),
            certificates::id_number.eq(crate::pii::Pii::new(&i.id_number)),
            certificates::id_number_hash.eq(crate::pii::hash(&i.id_number)),
            certificates::gender.eq(c.gender),
            certificates::employer_id.eq(Some(i.employer_id)),
            certificates::employer_path.eq(&c.employer_path),
            certificates::employer_name.eq(&c.employer_name),
            certificates::series.eq(i.series),
            certificates::specialty.eq(&i.specialty),
            certificates::level.eq(i.level),
            certificates::qualification.eq(&i.qualification),
            certificates::committee_name.eq(&i.committee),
            certificates::approval_date.eq(c.approval_date),
            certificates::approval_document.eq(&i.approval_document),
            certificates::issuing_body.eq(&i.issuing_body),
            certificates::year.eq(c.approval_date.year()),
            certificates::source.eq(source),
            certificates::status.eq(CertificateStatus::Valid),
            certificates::token.eq(new_token()),
            certificates::created_by.eq(Some(user.id)),
            certificates::created_at.eq(now),
            certificates::version.eq(1_i64),
        ))
        .returning(certificates::id)
        .get_result::<i64>(conn);
    match inserted {
        Ok(id) => Ok(id),
        // A concurrent entry took the number between the check and the insert.
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Err(ApiError::with_text(
            ErrorCode::AlreadyExists,
            format!("证书编号“{}”已存在", i.number),
            format!("The certificate number {:?} already exists", i.number),
        )
        .at_field("number")),
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
