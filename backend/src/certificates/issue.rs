//! Issuing (发证): when a session's review filing is approved, every passed application of the
//! session gets its certificate in the approval's own transaction. `application_id` is unique,
//! and the applications that already hold one are skipped, so a retried or concurrent approval
//! never issues twice (the filing's guarded update lets one approval win anyway).
//!
//! Numbers follow the administrator's template ([`shared::certificates::format_number`]) with a
//! sequence per year and series kept in `certificate_sequences`, which only goes up: a number is
//! never reused. A generated number that a backfilled or imported certificate already holds is
//! skipped.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;
use shared::{
    application::{Gender, Level, Series},
    certificates::{format_number, CertificateNumbering, CertificateSource, CertificateStatus},
    ids::mask_id_number,
    workflow::Stage,
    ErrorCode,
};

use crate::{
    audit::{self, Actor, Event},
    db::{
        schema::{
            applications, certificate_sequences, certificates, committees, group_applications,
            units,
        },
        settings, DbConnection,
    },
    error::ApiError,
};

/// The `app_settings` key of the numbering.
pub const NUMBERING_KEY: &str = "certificate_numbering";

/// A fresh opaque token: 16 random bytes, url-safe base64 (22 characters).
pub fn new_token() -> String {
    use rand_core::RngCore;
    let mut bytes = [0_u8; 16];
    rand_core::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The next sequence number of `year` and `series` (the row is created at 1).
fn next_seq(conn: &mut DbConnection, year: i32, series: Series) -> Result<i64, ApiError> {
    let bumped = diesel::update(
        certificate_sequences::table
            .filter(certificate_sequences::year.eq(year))
            .filter(certificate_sequences::series.eq(series)),
    )
    .set(certificate_sequences::last.eq(certificate_sequences::last + 1_i64))
    .returning(certificate_sequences::last)
    .get_result::<i64>(conn)
    .optional()?;
    if let Some(n) = bumped {
        return Ok(n);
    }
    diesel::insert_into(certificate_sequences::table)
        .values((
            certificate_sequences::year.eq(year),
            certificate_sequences::series.eq(series),
            certificate_sequences::last.eq(1_i64),
        ))
        .execute(conn)?;
    Ok(1)
}

/// A fresh number for `year`, `series`, `level` under the numbering in force.
pub fn next_number(
    conn: &mut DbConnection,
    numbering: &CertificateNumbering,
    year: i32,
    series: Series,
    level: Level,
) -> Result<String, ApiError> {
    loop {
        let seq = next_seq(conn, year, series)?;
        let number = format_number(
            numbering,
            year,
            series,
            level,
            u64::try_from(seq).unwrap_or(0),
        )
        .map_err(|e| {
            ApiError::internal(anyhow::anyhow!(
                "the certificate numbering setting is malformed: {e:?}"
            ))
        })?;
        let taken: i64 = certificates::table
            .filter(certificates::number.eq(&number))
            .count()
            .get_result(conn)?;
        if taken == 0 {
            return Ok(number);
        }
    }
}

/// What an approval issues from.
#[derive(Debug, Clone)]
pub struct Approval<'a> {
    pub filing_id: i64,
    pub session_id: i64,
    pub committee_id: i64,
    /// The approving HRSS's unit (发证机关).
    pub issuing_unit_id: i64,
    /// 批准文号, possibly empty.
    pub document: &'a str,
}

type Passed = (
    i64,
    i64,
    i64,
    String,
    i32,
    Series,
    String,
    Level,
    String,
    String,
    String,
    Gender,
);

/// Issues the certificates of every passed application of the approved session that has none
/// yet; returns their numbers. Runs inside the approval's transaction.
pub fn for_approval(
    conn: &mut DbConnection,
    approval: &Approval<'_>,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<Vec<String>, ApiError> {
    let numbering: CertificateNumbering = settings::current(conn, NUMBERING_KEY)?;
    let passed: Vec<Passed> = group_applications::table
        .inner_join(applications::table)
        .filter(group_applications::session_id.eq(approval.session_id))
        .filter(applications::stage.eq(Stage::Passed))
        .filter(diesel::dsl::not(
            applications::id.eq_any(
                certificates::table
                    .filter(certificates::application_id.is_not_null())
                    .filter(certificates::filing_id.eq(approval.filing_id))
                    .select(certificates::application_id.assume_not_null()),
            ),
        ))
        .order(applications::id)
        .select((
            applications::id,
            applications::applicant_id,
            applications::employer_id,
            applications::employer_path,
            applications::year,
            applications::series,
            applications::specialty,
            applications::level,
            applications::qualification,
            applications::name,
            applications::id_number,
            applications::gender,
        ))
        .load(conn)?;
    if passed.is_empty() {
        return Ok(Vec::new());
    }
    let committee: String = committees::table
        .find(approval.committee_id)
        .select(committees::name)
        .first(conn)?;
    let issuer: String = units::table
        .find(approval.issuing_unit_id)
        .select(units::name)
        .first(conn)?;
    let day = crate::calendar::today(now);
    let mut numbers = Vec::with_capacity(passed.len());
    let mut events = Vec::with_capacity(passed.len());
    let mut notices = Vec::with_capacity(passed.len());
    for (
        app,
        applicant,
        employer,
        path,
        year,
        series,
        specialty,
        level,
        qualification,
        name,
        id_number,
        gender,
    ) in passed
    {
        let employer_name: String = units::table
            .find(employer)
            .select(units::name)
            .first(conn)?;
        let number = next_number(conn, &numbering, year, series, level)?;
        let inserted = diesel::insert_into(certificates::table)
            .values((
                certificates::number.eq(&number),
                certificates::holder_name.eq(&name),
                certificates::id_number.eq(crate::pii::Pii::new(&id_number)),
                certificates::id_number_hash.eq(crate::pii::hash(&id_number)),
                certificates::gender.eq(gender),
                certificates::employer_id.eq(Some(employer)),
                certificates::employer_path.eq(&path),
                certificates::employer_name.eq(&employer_name),
                certificates::series.eq(series),
                certificates::specialty.eq(&specialty),
                certificates::level.eq(level),
                certificates::qualification.eq(&qualification),
                certificates::committee_id.eq(Some(approval.committee_id)),
                certificates::committee_name.eq(&committee),
                certificates::approval_date.eq(day),
                certificates::approval_document.eq(approval.document),
                certificates::issuing_body.eq(&issuer),
                certificates::year.eq(year),
                certificates::source.eq(CertificateSource::Review),
                certificates::status.eq(CertificateStatus::Valid),
                certificates::token.eq(new_token()),
                certificates::application_id.eq(Some(app)),
                certificates::filing_id.eq(Some(approval.filing_id)),
                certificates::applicant_id.eq(Some(applicant)),
                certificates::created_at.eq(now),
                certificates::version.eq(1_i64),
            ))
            .returning(certificates::id)
            .get_result::<i64>(conn);
        let id = match inserted {
            Ok(id) => id,
            // Another approval issued this application's certificate first.
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => return Err(ApiError::new(ErrorCode::VersionConflict)),
            Err(e) => return Err(e.into()),
        };
        notices.push(crate::notices::New {
            to: crate::notices::To::Account(applicant),
            kind: shared::notices::NoticeKind::CertificateIssued,
            object: shared::notices::NoticeObject::Certificate,
            object_id: id,
            params: shared::notices::NoticeParams {
                qualification: Some(qualification.clone()),
                label: Some(number.clone()),
                ..shared::notices::NoticeParams::default()
            },
        });
        events.push((
            id,
            json!({
                "number": number,
                "application_id": app,
                "holder_name": name,
                "id_number": mask_id_number(&id_number),
                "qualification": qualification,
                "level": level,
                "filing_id": approval.filing_id,
                "source": CertificateSource::Review,
            }),
        ));
        numbers.push(number);
    }
    let events: Vec<Event<'_>> = events
        .into_iter()
        .map(|(id, after)| Event {
            action: "certificate.issue",
            target_type: "certificate",
            target_id: Some(id.to_string()),
            success: true,
            before: None,
            after: Some(after),
        })
        .collect();
    audit::append_many(conn, actor, &events, now)?;
    crate::notices::write(conn, &notices, now)?;
    Ok(numbers)
}
