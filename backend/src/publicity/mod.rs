//! Publicity batches (公示, SPEC §4.3, manual §6.2.2, §6.2.7, §6.2.8): who owns which kind,
//! who sees a batch, and the rows behind `/api/v1/publicity-batches` and the public site.
//!
//! - `application`: the employer's unit-side accounts holding `application_publicity`;
//!   items are the employer's own applications in `application_publicity`.
//! - `nominee` / `failure`: a policy-review account (its own batches); items are applications
//!   of its scope in `nominee_publicity` / `failure_publicity`.
//! - `result`: unit-side accounts holding `result_publicity` at the committee's organising
//!   unit; items are that committee's applications in `result_publicity`.
//!
//! Unit-side accounts holding any publicity module see the batches of units in their subtree;
//! a policy-review account sees the nominee and failure batches of its committee, year and
//! series. Outside sight a batch does not exist (404).

pub mod deadlines;
pub mod item_units;
pub mod lifecycle;
pub mod public;
pub mod reports;
pub mod result_session;
pub mod rules;
pub mod template;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::{
    application::{Level, Series},
    publicity::{
        PublicityBatch, PublicityItem, PublicityKind, PublicityReport, PublicityStatus,
        ReportStatus,
    },
    AccountKind, ErrorCode, Module, Stage,
};

use crate::{
    applications::access::{reviewer_scope, ReviewerScope},
    auth::AuthUser,
    calendar,
    db::{
        schema::{
            applications, committees, publicity_batches, publicity_items, publicity_reports, units,
        },
        DbBackend, DbConnection,
    },
    error::ApiError,
    org::jurisdiction,
};

/// The module that owns each kind.
pub fn module_of(kind: PublicityKind) -> Module {
    match kind {
        PublicityKind::Application => Module::ApplicationPublicity,
        PublicityKind::Nominee => Module::NomineePublicity,
        PublicityKind::Failure => Module::FailurePublicity,
        PublicityKind::Result => Module::ResultPublicity,
    }
}

const PUBLICITY_MODULES: [Module; 4] = [
    Module::ApplicationPublicity,
    Module::NomineePublicity,
    Module::FailurePublicity,
    Module::ResultPublicity,
];

/// Who the caller is to publicity batches.
#[derive(Debug, Clone)]
pub enum Caller {
    /// A unit-side account holding at least one publicity module.
    Unit,
    /// A policy-review account with its scope.
    Reviewer(ReviewerScope),
}

/// The caller's standing; 403 for accounts that have nothing to do with publicity.
pub fn caller(conn: &mut DbConnection, user: &AuthUser) -> Result<Caller, ApiError> {
    let holds_any = PUBLICITY_MODULES.iter().any(|m| user.modules.contains(m));
    match user.kind {
        AccountKind::Unit | AccountKind::UnitAdmin | AccountKind::Handler if holds_any => {
            Ok(Caller::Unit)
        }
        AccountKind::PolicyReviewer if holds_any => match reviewer_scope(conn, user)? {
            Some(scope) => Ok(Caller::Reviewer(scope)),
            None => Err(ApiError::new(ErrorCode::Forbidden)),
        },
        _ => Err(ApiError::new(ErrorCode::Forbidden)),
    }
}

/// One stored batch.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = publicity_batches)]
pub struct BatchRow {
    pub id: i64,
    pub kind: PublicityKind,
    pub unit_id: i64,
    pub committee_id: Option<i64>,
    pub year: i32,
    pub series: Option<String>,
    pub title: String,
    pub content: String,
    pub period_start: chrono::NaiveDate,
    pub period_end: chrono::NaiveDate,
    pub status: PublicityStatus,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    pub completed_at: Option<NaiveDateTime>,
    pub version: i64,
    pub session_id: Option<i64>,
}

impl BatchRow {
    /// Loads a batch by id, whoever may see it (callers check sight).
    pub fn find(conn: &mut DbConnection, id: i64) -> Result<BatchRow, ApiError> {
        publicity_batches::table
            .find(id)
            .select(BatchRow::as_select())
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
    }
}

/// Whether `caller` owns the batch (edit, publish, complete, resolve reports).
pub fn can_manage(user: &AuthUser, caller: &Caller, row: &BatchRow) -> Result<bool, ApiError> {
    let kind = row.kind;
    if !user.modules.contains(&module_of(kind)) {
        return Ok(false);
    }
    Ok(match (caller, kind) {
        (Caller::Unit, PublicityKind::Application | PublicityKind::Result) => {
            row.unit_id == user.unit_id
        }
        (Caller::Reviewer(_), PublicityKind::Nominee | PublicityKind::Failure) => {
            row.created_by == user.id
        }
        _ => false,
    })
}

/// Who manages a batch (as [`can_manage`] decides), as the recipient of its notices: the
/// publishing unit's holders of the kind's module for application and result publicity, the
/// policy reviewer who created it for nominee and failure publicity.
pub fn owner(row: &BatchRow) -> crate::notices::To {
    match row.kind {
        PublicityKind::Application | PublicityKind::Result => {
            crate::notices::To::Unit(row.unit_id, Some(module_of(row.kind)))
        }
        PublicityKind::Nominee | PublicityKind::Failure => {
            crate::notices::To::Account(row.created_by)
        }
    }
}

/// The boxed batch query restricted to what the caller sees (in SQL).
pub fn visible_query<'a>(
    user: &AuthUser,
    caller: &Caller,
) -> publicity_batches::BoxedQuery<'a, DbBackend> {
    let base = publicity_batches::table.into_boxed();
    match caller {
        Caller::Unit => {
            let (lo, hi) = jurisdiction::range(user);
            base.filter(
                publicity_batches::unit_id.eq_any(
                    units::table
                        .filter(units::path.ge(lo))
                        .filter(units::path.lt(hi))
                        .select(units::id),
                ),
            )
        }
        Caller::Reviewer(scope) => base
            .filter(
                publicity_batches::kind.eq_any([PublicityKind::Nominee, PublicityKind::Failure]),
            )
            .filter(publicity_batches::committee_id.eq(scope.committee_id))
            .filter(publicity_batches::year.eq(scope.year))
            .filter(publicity_batches::series.eq(scope.series.clone())),
    }
}

/// Loads a batch the caller sees; 404 otherwise.
pub fn require_visible(
    conn: &mut DbConnection,
    user: &AuthUser,
    caller: &Caller,
    id: i64,
) -> Result<BatchRow, ApiError> {
    visible_query(user, caller)
        .filter(publicity_batches::id.eq(id))
        .select(BatchRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// Loads a batch the caller owns: 404 when out of sight, 403 when seen but not owned.
pub fn require_owned(
    conn: &mut DbConnection,
    user: &AuthUser,
    caller: &Caller,
    id: i64,
) -> Result<BatchRow, ApiError> {
    let row = require_visible(conn, user, caller, id)?;
    if can_manage(user, caller, &row)? {
        Ok(row)
    } else {
        Err(ApiError::new(ErrorCode::Forbidden))
    }
}

fn unit_name(conn: &mut DbConnection, id: i64) -> Result<String, ApiError> {
    Ok(units::table.find(id).select(units::name).first(conn)?)
}

/// The batch as the caller sees it on `today` (China date, for `complete_blocked`).
pub fn to_dto(
    conn: &mut DbConnection,
    user: &AuthUser,
    caller: &Caller,
    row: &BatchRow,
    today: NaiveDate,
) -> Result<PublicityBatch, ApiError> {
    let committee = match row.committee_id {
        Some(c) => Some(
            committees::table
                .find(c)
                .select(committees::name)
                .first(conn)?,
        ),
        None => None,
    };
    let item_count: i64 = publicity_items::table
        .filter(publicity_items::batch_id.eq(row.id))
        .count()
        .get_result(conn)?;
    let open_reports = open_reports(conn, row.id)?;
    Ok(PublicityBatch {
        id: row.id,
        version: row.version,
        kind: row.kind,
        status: row.status,
        unit: unit_name(conn, row.unit_id)?,
        committee,
        year: row.year,
        series: row.series.as_deref().and_then(Series::parse),
        title: row.title.clone(),
        content: row.content.clone(),
        period_start: calendar::format_day(row.period_start),
        period_end: calendar::format_day(row.period_end),
        working_days: calendar::working_days_between(conn, row.period_start, row.period_end)?,
        item_count,
        open_reports,
        created_at: crate::clock::rfc3339(row.created_at),
        published_at: row.published_at.map(crate::clock::rfc3339),
        completed_at: row.completed_at.map(crate::clock::rfc3339),
        can_manage: can_manage(user, caller, row)?,
        deadlines: deadlines::load(conn, row.id)?.map(|d| d.to_dto()),
        session_id: row.session_id,
        complete_blocked: (row.status == PublicityStatus::Published)
            .then(|| lifecycle::complete_blocked(row.period_end, today, open_reports))
            .flatten(),
    })
}

/// Open reports of a batch.
pub fn open_reports(conn: &mut DbConnection, batch_id: i64) -> Result<i64, ApiError> {
    Ok(publicity_reports::table
        .filter(publicity_reports::batch_id.eq(batch_id))
        .filter(publicity_reports::status.eq(ReportStatus::Open))
        .count()
        .get_result(conn)?)
}

/// The columns of a publicised application.
type ItemColumns = (
    i64,
    String,
    String,
    String,
    Series,
    String,
    Level,
    String,
    Stage,
);

/// The items of a batch, by application id; ID numbers masked.
pub fn items(conn: &mut DbConnection, batch_id: i64) -> Result<Vec<PublicityItem>, ApiError> {
    let rows: Vec<ItemColumns> = publicity_items::table
        .inner_join(applications::table)
        .inner_join(units::table.on(units::id.eq(applications::employer_id)))
        .filter(publicity_items::batch_id.eq(batch_id))
        .order(applications::id.asc())
        .select((
            applications::id,
            applications::name,
            applications::id_number,
            units::name,
            applications::series,
            applications::specialty,
            applications::level,
            applications::qualification,
            applications::stage,
        ))
        .load(conn)?;
    let mut corrected = item_units::load(conn, batch_id)?;
    rows.into_iter()
        .map(
            |(id, name, id_number, employer, series, specialty, level, qualification, stage)| {
                let info = corrected.remove(&id);
                Ok(PublicityItem {
                    application_id: id,
                    name,
                    id_number: mask_id(&id_number),
                    employer: info.as_ref().map_or(employer, |i| i.name.clone()),
                    series,
                    specialty,
                    level,
                    qualification,
                    stage,
                    unit_contact: info.as_ref().map(|i| i.contact.clone()),
                    unit_phone: info.map(|i| i.phone),
                    can_edit_unit: false,
                })
            },
        )
        .collect()
}

/// Masks an ID number as `5201**********1234`; anything unparsable is masked whole.
pub fn mask_id(raw: &str) -> String {
    shared::ids::IdNumber::parse(raw).map_or_else(|_| "*".repeat(18), |id| id.masked())
}

/// The reports of a batch, oldest first; the reporter's contact only for the owner.
pub fn reports(
    conn: &mut DbConnection,
    batch_id: i64,
    owner: bool,
) -> Result<Vec<PublicityReport>, ApiError> {
    let rows: Vec<(reports::ReportRow, String)> = publicity_reports::table
        .inner_join(applications::table.on(applications::id.eq(publicity_reports::application_id)))
        .filter(publicity_reports::batch_id.eq(batch_id))
        .order(publicity_reports::id.asc())
        .select((reports::ReportRow::as_select(), applications::name))
        .load(conn)?;
    rows.into_iter()
        .map(|(r, applicant_name)| {
            Ok(PublicityReport {
                id: r.id,
                batch_id: r.batch_id,
                application_id: r.application_id,
                applicant_name,
                reporter_name: r.reporter_name,
                reporter_contact: owner.then_some(r.reporter_contact),
                content: r.content,
                anonymous_site: r.filed_by.is_none(),
                filed_at: crate::clock::rfc3339(r.filed_at),
                status: r.status,
                resolution: r.resolution,
                resolved_at: r.resolved_at.map(crate::clock::rfc3339),
            })
        })
        .collect()
}
