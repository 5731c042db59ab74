//! Review filing (评审工作备案, manual §6.2.11): one filing per review session, made by the
//! committee's organising unit once the session's result publicity is complete, carrying the
//! four kinds of file; audited by the nearest HRSS above the unit (the provincial HRSS audits
//! its own through another account, as review authority filings do).
//!
//! Sight: unit-side accounts holding any of `title.filing.{submit,audit,query}` see the
//! filings of their unit and of every unit below it (in SQL); outside it a filing does not
//! exist (404). Only the organising unit with `submit` changes one; only the auditing HRSS
//! with `audit` decides it.

pub mod files;
pub mod write;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{
    experts::SessionStatus,
    review_filing::{
        missing_kinds, transition, FilableSession, FilingFileKind, ReviewFiling,
        ReviewFilingAction, ReviewFilingStatus,
    },
    workflow::Stage,
    ErrorCode, Module,
};

use crate::{
    auth::AuthUser,
    committees::{self, filings::auditor_unit, is_unit_side},
    db::{
        schema::{
            applications, committees as committees_t, group_applications, review_filing_files,
            review_filings, review_sessions, units,
        },
        DbBackend, DbConnection,
    },
    error::ApiError,
    org::jurisdiction,
};

/// The modules that let a unit-side account read filings.
pub const READ: [Module; 3] = [
    Module::FilingSubmit,
    Module::FilingAudit,
    Module::FilingQuery,
];

/// One stored filing.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = review_filings)]
pub struct FilingRow {
    pub id: i64,
    pub session_id: i64,
    pub committee_id: i64,
    pub unit_id: i64,
    pub year: i32,
    pub status: ReviewFilingStatus,
    pub note: String,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub submitted_by: Option<i64>,
    pub submitted_at: Option<NaiveDateTime>,
    pub audited_by: Option<i64>,
    pub audited_at: Option<NaiveDateTime>,
    pub opinion: Option<String>,
    pub version: i64,
    pub approval_document: Option<String>,
}

/// 403 unless the caller is unit-side and holds a filing module.
pub fn require_reader(user: &AuthUser) -> Result<(), ApiError> {
    if is_unit_side(user) && READ.iter().any(|m| user.modules.contains(m)) {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Forbidden))
    }
}

/// Filings of units in the caller's subtree (its own included).
pub fn visible_query<'a>(user: &AuthUser) -> review_filings::BoxedQuery<'a, DbBackend> {
    let (lo, hi) = jurisdiction::range(user);
    review_filings::table.into_boxed().filter(
        review_filings::unit_id.eq_any(
            units::table
                .filter(units::path.ge(lo))
                .filter(units::path.lt(hi))
                .select(units::id),
        ),
    )
}

/// A filing the caller sees; 403 without a filing module, 404 out of sight.
pub fn require_visible(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<FilingRow, ApiError> {
    require_reader(user)?;
    visible_query(user)
        .filter(review_filings::id.eq(id))
        .select(FilingRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// The caller is the organising unit holding `submit`.
pub fn is_filer(user: &AuthUser, f: &FilingRow) -> bool {
    is_unit_side(user) && user.modules.contains(&Module::FilingSubmit) && f.unit_id == user.unit_id
}

/// The caller may change the filing now.
pub fn may_edit(user: &AuthUser, f: &FilingRow) -> bool {
    is_filer(user, f) && transition(f.status, ReviewFilingAction::Edit).is_some()
}

/// The caller audits the filing: the HRSS above its unit, holding `audit`, not its submitter.
pub fn is_auditor(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &FilingRow,
) -> Result<bool, ApiError> {
    Ok(is_unit_side(user)
        && user.modules.contains(&Module::FilingAudit)
        && f.submitted_by != Some(user.id)
        && auditor_unit(conn, f.unit_id)? == user.unit_id)
}

/// The API form of a filing.
pub fn to_dto(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: FilingRow,
) -> Result<ReviewFiling, ApiError> {
    let session: String = review_sessions::table
        .find(f.session_id)
        .select(review_sessions::name)
        .first(conn)?;
    let committee: String = committees_t::table
        .find(f.committee_id)
        .select(committees_t::name)
        .first(conn)?;
    let unit: String = units::table
        .find(f.unit_id)
        .select(units::name)
        .first(conn)?;
    let files = files::list(conn, f.id)?;
    let present: Vec<FilingFileKind> = files.iter().map(|x| x.kind).collect();
    let can_decide = f.status == ReviewFilingStatus::Submitted && is_auditor(conn, user, &f)?;
    let certificates_issued: i64 = crate::db::schema::certificates::table
        .filter(crate::db::schema::certificates::filing_id.eq(f.id))
        .count()
        .get_result(conn)?;
    Ok(ReviewFiling {
        id: f.id,
        version: f.version,
        session_id: f.session_id,
        session,
        committee_id: f.committee_id,
        committee,
        unit_id: f.unit_id,
        unit,
        year: f.year,
        status: f.status,
        missing: missing_kinds(&present),
        files,
        can_edit: may_edit(user, &f),
        can_decide,
        note: f.note,
        created_at: committees::instant(f.created_at),
        submitted_by: committees::username(conn, f.submitted_by)?,
        submitted_at: f.submitted_at.map(committees::instant),
        audited_by: committees::username(conn, f.audited_by)?,
        audited_at: f.audited_at.map(committees::instant),
        opinion: f.opinion,
        approval_document: f.approval_document,
        certificates_issued,
    })
}

/// A filing by id, whoever may see it.
pub fn find(conn: &mut DbConnection, id: i64) -> Result<FilingRow, ApiError> {
    review_filings::table
        .find(id)
        .select(FilingRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// Whether the session's result publicity is complete: tallied (or closed) and none of its
/// applications still in `result_publicity`.
pub fn result_publicity_complete(
    conn: &mut DbConnection,
    session_id: i64,
    status: SessionStatus,
) -> Result<bool, ApiError> {
    if !matches!(status, SessionStatus::Tallied | SessionStatus::Closed) {
        return Ok(false);
    }
    let pending: i64 = group_applications::table
        .inner_join(applications::table)
        .filter(group_applications::session_id.eq(session_id))
        .filter(applications::stage.eq(Stage::ResultPublicity))
        .count()
        .get_result(conn)?;
    Ok(pending == 0)
}

/// Sessions of the caller's unit's committees whose result publicity is complete and that
/// have no filing yet, newest first.
pub fn filable_sessions(
    conn: &mut DbConnection,
    user: &AuthUser,
) -> Result<Vec<FilableSession>, ApiError> {
    let rows: Vec<(i64, String, String, i32, SessionStatus)> = review_sessions::table
        .inner_join(committees_t::table)
        .filter(committees_t::unit_id.eq(user.unit_id))
        .filter(review_sessions::status.eq_any([SessionStatus::Tallied, SessionStatus::Closed]))
        .filter(diesel::dsl::not(review_sessions::id.eq_any(
            review_filings::table.select(review_filings::session_id),
        )))
        .order(review_sessions::id.desc())
        .select((
            review_sessions::id,
            review_sessions::name,
            committees_t::name,
            review_sessions::year,
            review_sessions::status,
        ))
        .load(conn)?;
    let mut out = Vec::new();
    for (id, name, committee, year, status) in rows {
        if result_publicity_complete(conn, id, status)? {
            out.push(FilableSession {
                id,
                name,
                committee,
                year,
            });
        }
    }
    Ok(out)
}

/// The kinds a filing's files cover.
pub fn present_kinds(conn: &mut DbConnection, id: i64) -> Result<Vec<FilingFileKind>, ApiError> {
    Ok(review_filing_files::table
        .filter(review_filing_files::filing_id.eq(id))
        .select(review_filing_files::kind)
        .distinct()
        .load(conn)?)
}
