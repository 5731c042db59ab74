//! The changes of a filing: save (create, edit the note), submit (申报), and the HRSS's
//! decision. Each runs in the caller's write transaction; every state change goes through
//! [`Change::apply`] (conditional on the version read, audited, one winner).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;
use shared::{
    review_filing::{
        missing_kinds, transition, CreateReviewFiling, ReviewFiling, ReviewFilingAction,
        ReviewFilingStatus, MAX_NOTE_CHARS,
    },
    ErrorCode, Locale, Module,
};

use super::{find, is_auditor, is_filer, present_kinds, to_dto, FilingRow};
use crate::{
    audit::{self, Actor, Event},
    auth::AuthUser,
    committees::is_unit_side,
    db::{
        schema::{committees, review_filings, review_sessions},
        DbConnection,
    },
    error::ApiError,
    guarded_update, online,
    versioned::{self, Change, Kind},
};

/// Trims and checks a note (at most 2000 characters, no control characters but line breaks).
pub fn check_note(raw: &str) -> Result<String, ApiError> {
    let note = raw.trim();
    if note.chars().count() > MAX_NOTE_CHARS
        || note
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        return Err(ApiError::validation(
            "note",
            "不超过 2000 个字符且不含控制字符",
            "must have at most 2000 characters and no control characters",
        ));
    }
    Ok(note.to_owned())
}

fn snapshot(conn: &mut DbConnection, id: i64) -> Result<serde_json::Value, ApiError> {
    let f = find(conn, id)?;
    let kinds = present_kinds(conn, id)?;
    Ok(json!({
        "session_id": f.session_id,
        "committee_id": f.committee_id,
        "unit_id": f.unit_id,
        "year": f.year,
        "status": f.status,
        "note": f.note,
        "file_kinds": kinds,
        "opinion": f.opinion,
        "approval_document": f.approval_document,
        "version": f.version,
    }))
}

/// The approval document number (批准文号): trimmed, at most 64 characters, only with an
/// approval; empty means none.
fn check_document(approve: bool, raw: Option<&str>) -> Result<Option<String>, ApiError> {
    let text = raw.map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return Ok(None);
    }
    if !approve {
        return Err(ApiError::validation(
            "approval_document",
            "只在审核通过时填写",
            "is given only with an approval",
        ));
    }
    shared::rules::text(text, 1, shared::certificates::MAX_NUMBER_CHARS)
        .map(|t| Some(t.to_owned()))
        .map_err(|r| ApiError::validation("approval_document", &r.zh(), &r.en()))
}

/// Saves a new draft for a session of the caller's unit whose result publicity is complete.
pub fn create(
    conn: &mut DbConnection,
    user: &AuthUser,
    req: &CreateReviewFiling,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<FilingRow, ApiError> {
    user.require(Module::FilingSubmit)?;
    if !is_unit_side(user) {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    let note = check_note(&req.note)?;
    let not_ours = || {
        ApiError::validation(
            "session_id",
            "不是本单位组建的评委会的评审会",
            "is not a session of a committee the caller's unit organises",
        )
    };
    let session: online::SessionRow = review_sessions::table
        .find(req.session_id)
        .select(online::SessionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(not_ours)?;
    let (organiser, year): (i64, i32) = committees::table
        .inner_join(review_sessions::table)
        .filter(review_sessions::id.eq(session.id))
        .select((committees::unit_id, review_sessions::year))
        .first(conn)?;
    if organiser != user.unit_id {
        return Err(not_ours());
    }
    if !super::result_publicity_complete(conn, session.id, session.status)? {
        return Err(ApiError::with_text(
            ErrorCode::ResultPublicityIncomplete,
            format!(
                "该评审会的评审结果公示尚未完成（评审会状态：{}），不能提交备案",
                session.status.label(Locale::ZhCn)
            ),
            format!(
                "The session's result publicity has not completed (session status: {}); it cannot be filed yet",
                session.status.as_str()
            ),
        ));
    }
    let taken: i64 = review_filings::table
        .filter(review_filings::session_id.eq(session.id))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(ApiError::with_text(
            ErrorCode::Conflict,
            "该评审会已有评审工作备案",
            "This session already has a review filing",
        ));
    }
    let id: i64 = diesel::insert_into(review_filings::table)
        .values((
            review_filings::session_id.eq(session.id),
            review_filings::committee_id.eq(session.committee_id),
            review_filings::unit_id.eq(user.unit_id),
            review_filings::year.eq(year),
            review_filings::status.eq(ReviewFilingStatus::Draft),
            review_filings::note.eq(&note),
            review_filings::created_by.eq(user.id),
            review_filings::created_at.eq(now),
            review_filings::updated_at.eq(now),
            review_filings::version.eq(1_i64),
        ))
        .returning(review_filings::id)
        .get_result(conn)?;
    let after = snapshot(conn, id)?;
    audit::append(
        conn,
        actor,
        &Event {
            action: "filing.create",
            target_type: Kind::ReviewFiling.target_type(),
            target_id: Some(id.to_string()),
            success: true,
            before: None,
            after: Some(after),
        },
        now,
    )?;
    find(conn, id)
}

fn refused(row: &FilingRow, action: ReviewFilingAction) -> ApiError {
    ApiError::with_text(
        ErrorCode::InvalidTransition,
        format!(
            "备案当前状态为“{}”，不能{}",
            row.status.label(Locale::ZhCn),
            action.label(Locale::ZhCn)
        ),
        format!(
            "The filing is {}: it cannot be {}",
            row.status.as_str(),
            match action {
                ReviewFilingAction::Edit => "changed",
                ReviewFilingAction::Submit => "submitted",
                ReviewFilingAction::Approve => "approved",
                ReviewFilingAction::Reject => "rejected",
            }
        ),
    )
}

fn forbidden_filer() -> ApiError {
    ApiError::with_text(
        ErrorCode::Forbidden,
        "评审工作备案由评委会组建单位提交",
        "Review filings are made by the committee's organising unit",
    )
}

/// Edits the note (draft or rejected).
pub fn update(
    conn: &mut DbConnection,
    user: &AuthUser,
    row: &FilingRow,
    note: &str,
    change: &Change<'_>,
) -> Result<ReviewFiling, ApiError> {
    if !is_filer(user, row) {
        return Err(forbidden_filer());
    }
    change.expect(row.version)?;
    if transition(row.status, ReviewFilingAction::Edit).is_none() {
        return Err(refused(row, ReviewFilingAction::Edit));
    }
    let note = check_note(note)?;
    let now = change.now;
    change.apply(
        conn,
        |conn| snapshot(conn, row.id),
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                review_filings,
                guard,
                (
                    review_filings::note.eq(&note),
                    review_filings::updated_at.eq(now),
                )
            )?)
        },
        versioned::no_effects,
    )?;
    let now = find(conn, row.id)?;
    to_dto(conn, user, now)
}

/// Submits (申报) a draft or a corrected rejected filing that has every kind of file.
pub fn submit(
    conn: &mut DbConnection,
    user: &AuthUser,
    row: &FilingRow,
    change: &Change<'_>,
) -> Result<ReviewFiling, ApiError> {
    if !is_filer(user, row) {
        return Err(forbidden_filer());
    }
    change.expect(row.version)?;
    let Some(to) = transition(row.status, ReviewFilingAction::Submit) else {
        return Err(refused(row, ReviewFilingAction::Submit));
    };
    let missing = missing_kinds(&present_kinds(conn, row.id)?);
    if !missing.is_empty() {
        let zh: Vec<&str> = missing.iter().map(|k| k.label(Locale::ZhCn)).collect();
        let en: Vec<&str> = missing.iter().map(|k| k.label(Locale::En)).collect();
        return Err(ApiError::with_text(
            ErrorCode::FilingFilesMissing,
            format!("备案材料不全，尚缺：{}", zh.join("、")),
            format!("The filing lacks: {}", en.join(", ")),
        )
        .at_field("files"));
    }
    let now = change.now;
    change.apply(
        conn,
        |conn| snapshot(conn, row.id),
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                review_filings,
                guard,
                (
                    review_filings::status.eq(to),
                    review_filings::submitted_by.eq(Some(user.id)),
                    review_filings::submitted_at.eq(Some(now)),
                    review_filings::updated_at.eq(now),
                )
            )?)
        },
        versioned::no_effects,
    )?;
    let now = find(conn, row.id)?;
    to_dto(conn, user, now)
}

/// The HRSS's decision on a submitted filing; `opinion` is required to reject.
pub fn decide(
    conn: &mut DbConnection,
    user: &AuthUser,
    row: &FilingRow,
    approve: bool,
    opinion: Option<&str>,
    approval_document: Option<&str>,
    change: &Change<'_>,
) -> Result<ReviewFiling, ApiError> {
    if !is_auditor(conn, user, row)? {
        return Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "评审工作备案由组建单位的上级人社部门审核",
            "Review filings are audited by the HRSS above the organising unit",
        ));
    }
    change.expect(row.version)?;
    let action = if approve {
        ReviewFilingAction::Approve
    } else {
        ReviewFilingAction::Reject
    };
    let Some(to) = transition(row.status, action) else {
        return Err(refused(row, action));
    };
    let document = check_document(approve, approval_document)?;
    let now = change.now;
    change.apply(
        conn,
        |conn| snapshot(conn, row.id),
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                review_filings,
                guard,
                (
                    review_filings::status.eq(to),
                    review_filings::audited_by.eq(Some(user.id)),
                    review_filings::audited_at.eq(Some(now)),
                    review_filings::opinion.eq(opinion),
                    review_filings::approval_document.eq(document.as_deref()),
                    review_filings::updated_at.eq(now),
                )
            )?)
        },
        |conn| {
            let mut effects = serde_json::Map::new();
            if approve {
                // 发证: the passed applications' certificates, in this transaction.
                let numbers = crate::certificates::issue::for_approval(
                    conn,
                    &crate::certificates::issue::Approval {
                        filing_id: row.id,
                        session_id: row.session_id,
                        committee_id: row.committee_id,
                        issuing_unit_id: user.unit_id,
                        document: document.as_deref().unwrap_or_default(),
                    },
                    change.actor,
                    now,
                )?;
                effects.insert("certificates_issued".into(), json!(numbers.len()));
                effects.insert("certificate_numbers".into(), json!(numbers));
            }
            Ok(effects)
        },
    )?;
    let now = find(conn, row.id)?;
    to_dto(conn, user, now)
}
