//! Blind opinions (盲评意见上传, manual §6.2.10.2): external anonymous review opinions the
//! organising unit uploads per applicant of a session with blind review on — one file (typed
//! by its content, like attachments) and a grade each. Readers: the organising unit, an HRSS
//! above it, and the signed-in experts of the applicant's group.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;
use shared::{
    experts::SessionStatus,
    online_review::{BlindGrade, BlindOpinion},
    ErrorCode,
};

use super::SessionRow;
use crate::{
    attachments::Received,
    audit::{self, Actor, Event},
    db::{
        schema::{applications, blind_opinions, group_applications},
        DbConnection,
    },
    error::ApiError,
};

/// A stored blind opinion.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = blind_opinions)]
pub struct Row {
    pub id: i64,
    pub session_id: i64,
    pub application_id: i64,
    pub grade: BlindGrade,
    pub note: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_at: NaiveDateTime,
}

impl Row {
    fn audit_json(&self) -> serde_json::Value {
        json!({
            "session_id": self.session_id,
            "application_id": self.application_id,
            "grade": self.grade,
            "note": self.note,
            "file_name": self.file_name,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
        })
    }
}

/// At most this many characters of note.
pub const MAX_NOTE: usize = 500;

/// The blind opinions of the session, of `only` applications when given, by applicant then
/// upload.
pub fn list(
    conn: &mut DbConnection,
    session_id: i64,
    only: Option<Vec<i64>>,
) -> Result<Vec<BlindOpinion>, ApiError> {
    let mut query = blind_opinions::table
        .inner_join(applications::table)
        .filter(blind_opinions::session_id.eq(session_id))
        .into_boxed();
    if let Some(ids) = only {
        query = query.filter(blind_opinions::application_id.eq_any(ids));
    }
    let rows: Vec<(Row, String)> = query
        .order((applications::name.asc(), blind_opinions::id.asc()))
        .select((Row::as_select(), applications::name))
        .load(conn)?;
    Ok(rows.into_iter().map(|(r, name)| to_dto(r, name)).collect())
}

/// The API form.
pub fn to_dto(r: Row, applicant_name: String) -> BlindOpinion {
    BlindOpinion {
        id: r.id,
        application_id: r.application_id,
        applicant_name,
        grade: r.grade,
        note: r.note,
        file_name: r.file_name,
        size: r.size,
        uploaded_at: crate::clock::rfc3339(r.uploaded_at),
    }
}

/// One opinion of the session; 404 otherwise.
pub fn find(conn: &mut DbConnection, session_id: i64, id: i64) -> Result<Row, ApiError> {
    blind_opinions::table
        .find(id)
        .filter(blind_opinions::session_id.eq(session_id))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// Whether opinions may be uploaded or removed: blind review on, the session setting up or
/// reviewing, the application in a group of the session.
pub fn require_changeable(
    conn: &mut DbConnection,
    session: &SessionRow,
    application_id: Option<i64>,
) -> Result<(), ApiError> {
    if !session.blind_review {
        return Err(ApiError::new(ErrorCode::BlindReviewOff));
    }
    if !matches!(
        session.status,
        SessionStatus::Setup | SessionStatus::Reviewing
    ) {
        return Err(ApiError::with_text(
            ErrorCode::InvalidTransition,
            "评审会已过评审阶段，盲评意见不能再更改",
            "The session is past its review: blind opinions no longer change",
        ));
    }
    if let Some(app) = application_id {
        let in_group: i64 = group_applications::table
            .filter(group_applications::session_id.eq(session.id))
            .filter(group_applications::application_id.eq(app))
            .count()
            .get_result(conn)?;
        if in_group == 0 {
            return Err(ApiError::validation(
                "application_id",
                "不是本评审会小组中的申报",
                "is not an application of a group of this session",
            ));
        }
    }
    Ok(())
}

/// Checks the note.
pub fn check_note(note: Option<&str>) -> Result<String, ApiError> {
    let note = note.unwrap_or_default().trim();
    if note.chars().count() > MAX_NOTE || note.chars().any(char::is_control) {
        return Err(ApiError::validation(
            "note",
            "不超过 500 个字符且不含控制字符",
            "must have at most 500 characters and no control characters",
        ));
    }
    Ok(note.to_owned())
}

/// What an upload records beyond the file.
#[derive(Debug, Clone)]
pub struct NewOpinion {
    pub application_id: i64,
    pub grade: BlindGrade,
    pub note: String,
    pub file_name: String,
}

/// Records a stored file as a blind opinion, audited, in the caller's transaction.
pub fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    session: &SessionRow,
    new: &NewOpinion,
    received: Received,
    uploaded_by: i64,
    now: NaiveDateTime,
) -> Result<BlindOpinion, ApiError> {
    let id: i64 = diesel::insert_into(blind_opinions::table)
        .values((
            blind_opinions::session_id.eq(session.id),
            blind_opinions::application_id.eq(new.application_id),
            blind_opinions::grade.eq(new.grade),
            blind_opinions::note.eq(&new.note),
            blind_opinions::file_name.eq(&new.file_name),
            blind_opinions::content_type.eq(received.content_type),
            blind_opinions::size.eq(i64::try_from(received.stored.size).unwrap_or(i64::MAX)),
            blind_opinions::sha256.eq(&received.stored.sha256),
            blind_opinions::storage_key.eq(&received.stored.key),
            blind_opinions::uploaded_by.eq(uploaded_by),
            blind_opinions::uploaded_at.eq(now),
        ))
        .returning(blind_opinions::id)
        .get_result(conn)?;
    let row = find(conn, session.id, id)?;
    audit::append(
        conn,
        actor,
        &Event {
            action: "online.blind_opinion_upload",
            target_type: "blind_opinion",
            target_id: Some(id.to_string()),
            success: true,
            before: None,
            after: Some(row.audit_json()),
        },
        now,
    )?;
    let name: String = applications::table
        .find(row.application_id)
        .select(applications::name)
        .first(conn)?;
    Ok(to_dto(row, name))
}

/// Removes an opinion's record, audited; answers the storage key to delete after the commit.
pub fn remove(
    conn: &mut DbConnection,
    actor: &Actor,
    session: &SessionRow,
    id: i64,
    now: NaiveDateTime,
) -> Result<String, ApiError> {
    let row = find(conn, session.id, id)?;
    require_changeable(conn, session, None)?;
    diesel::delete(blind_opinions::table.find(id)).execute(conn)?;
    audit::append(
        conn,
        actor,
        &Event {
            action: "online.blind_opinion_delete",
            target_type: "blind_opinion",
            target_id: Some(id.to_string()),
            success: true,
            before: Some(row.audit_json()),
            after: None,
        },
        now,
    )?;
    Ok(row.storage_key)
}
