//! The typed files of a filing: stored through the attachment pipeline (content sniffed, size
//! limited, hashed), recorded here with their kind. They change only while the filing may be
//! edited (draft, or rejected and being corrected).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;
use shared::{
    review_filing::{FilingFileKind, ReviewFilingFile, MAX_FILES_PER_KIND},
    ErrorCode,
};

use super::{may_edit, FilingRow};
use crate::{
    attachments::Received,
    audit::{self, Actor, Event},
    auth::AuthUser,
    db::{
        schema::{accounts, review_filing_files, review_filings},
        DbConnection,
    },
    error::ApiError,
};

/// One stored file.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = review_filing_files)]
pub struct FileRow {
    pub id: i64,
    pub filing_id: i64,
    pub kind: FilingFileKind,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_by: i64,
    pub uploaded_at: NaiveDateTime,
}

impl FileRow {
    fn audit_json(&self) -> serde_json::Value {
        json!({
            "filing_id": self.filing_id,
            "kind": self.kind,
            "file_name": self.file_name,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
        })
    }
}

/// The files of a filing, by kind then upload.
pub fn list(conn: &mut DbConnection, filing_id: i64) -> Result<Vec<ReviewFilingFile>, ApiError> {
    let rows: Vec<(FileRow, String, Option<String>)> = review_filing_files::table
        .inner_join(accounts::table.on(accounts::id.eq(review_filing_files::uploaded_by)))
        .filter(review_filing_files::filing_id.eq(filing_id))
        .order(review_filing_files::id.asc())
        .select((
            FileRow::as_select(),
            accounts::username,
            accounts::id_number,
        ))
        .load(conn)?;
    let mut out: Vec<ReviewFilingFile> = rows
        .into_iter()
        .map(|(r, by, id_number)| ReviewFilingFile {
            id: r.id,
            kind: r.kind,
            file_name: r.file_name,
            content_type: r.content_type,
            size: r.size,
            sha256: r.sha256,
            uploaded_at: crate::clock::rfc3339(r.uploaded_at),
            uploaded_by: crate::login_names::shown_masked(&by, id_number.as_deref()),
        })
        .collect();
    let order = |k: FilingFileKind| FilingFileKind::ALL.iter().position(|x| *x == k);
    out.sort_by_key(|f| (order(f.kind), f.id));
    Ok(out)
}

/// A file of the filing; 404 otherwise.
pub fn find(conn: &mut DbConnection, filing_id: i64, id: i64) -> Result<FileRow, ApiError> {
    review_filing_files::table
        .find(id)
        .filter(review_filing_files::filing_id.eq(filing_id))
        .select(FileRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// 403 unless the caller files it; 409 unless it may change now. Locks the filing's row
/// (a no-op update) so that a concurrent submit sees the file or refuses it.
pub fn require_changeable(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &FilingRow,
) -> Result<(), ApiError> {
    if !super::is_filer(user, f) {
        return Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "评审工作备案由评委会组建单位提交",
            "Review filings are made by the committee's organising unit",
        ));
    }
    diesel::update(review_filings::table.find(f.id))
        .set(review_filings::version.eq(review_filings::version))
        .execute(conn)?;
    let now = super::find(conn, f.id)?;
    if !may_edit(user, &now) {
        return Err(ApiError::with_text(
            ErrorCode::InvalidTransition,
            "备案已申报或已审核通过，材料不能再更改",
            "The filing is submitted or approved: its files no longer change",
        ));
    }
    Ok(())
}

/// Records a stored file of `kind` (at most [`MAX_FILES_PER_KIND`] per kind). Audited.
pub fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    f: &FilingRow,
    kind: FilingFileKind,
    file_name: &str,
    received: Received,
    now: NaiveDateTime,
) -> Result<ReviewFilingFile, ApiError> {
    let uploaded_by = actor
        .id
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("a filing upload without an account")))?;
    let count: i64 = review_filing_files::table
        .filter(review_filing_files::filing_id.eq(f.id))
        .filter(review_filing_files::kind.eq(kind))
        .count()
        .get_result(conn)?;
    if usize::try_from(count).unwrap_or(usize::MAX) >= MAX_FILES_PER_KIND {
        return Err(ApiError::validation(
            "kind",
            &format!("每类材料最多 {MAX_FILES_PER_KIND} 个文件"),
            &format!("at most {MAX_FILES_PER_KIND} files of one kind"),
        ));
    }
    let id: i64 = diesel::insert_into(review_filing_files::table)
        .values((
            review_filing_files::filing_id.eq(f.id),
            review_filing_files::kind.eq(kind),
            review_filing_files::file_name.eq(file_name),
            review_filing_files::content_type.eq(received.content_type),
            review_filing_files::size.eq(i64::try_from(received.stored.size).unwrap_or(i64::MAX)),
            review_filing_files::sha256.eq(&received.stored.sha256),
            review_filing_files::storage_key.eq(&received.stored.key),
            review_filing_files::uploaded_by.eq(uploaded_by),
            review_filing_files::uploaded_at.eq(now),
        ))
        .returning(review_filing_files::id)
        .get_result(conn)?;
    let row = find(conn, f.id, id)?;
    audit::append(
        conn,
        actor,
        &Event {
            action: "filing.file_upload",
            target_type: "review_filing_file",
            target_id: Some(id.to_string()),
            success: true,
            before: None,
            after: Some(row.audit_json()),
        },
        now,
    )?;
    list(conn, f.id)?
        .into_iter()
        .find(|x| x.id == id)
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// Removes a file; answers its storage key (the caller deletes the bytes after the commit).
pub fn remove(
    conn: &mut DbConnection,
    actor: &Actor,
    f: &FilingRow,
    id: i64,
    now: NaiveDateTime,
) -> Result<String, ApiError> {
    let row = find(conn, f.id, id)?;
    diesel::delete(review_filing_files::table.find(id)).execute(conn)?;
    audit::append(
        conn,
        actor,
        &Event {
            action: "filing.file_delete",
            target_type: "review_filing_file",
            target_id: Some(id.to_string()),
            success: true,
            before: Some(row.audit_json()),
            after: None,
        },
        now,
    )?;
    Ok(row.storage_key)
}
