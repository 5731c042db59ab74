//! The proof files (证明材料) of a recommendation (manual §6.5.4: "fields as pre-entry, plus
//! the unit's reason and proof files"): stored through the attachment pipeline (content
//! sniffed, size limited, hashed), recorded here. Only the recommending unit adds or removes
//! them, and only while the recommendation is pending; a decided one keeps its files as they
//! were decided on. Whoever sees the recommendation (the recommending unit, the deciding side)
//! lists and downloads them.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;
use shared::{
    expert_pool::{RecommendationFile, RecommendationStatus, MAX_RECOMMENDATION_FILES},
    ErrorCode,
};

use super::recommendations::{self, RecommendationRow};
use crate::{
    attachments::Received,
    audit::{self, Actor, Event},
    auth::AuthUser,
    db::{
        schema::{accounts, expert_recommendation_files as f, expert_recommendations as r},
        DbConnection,
    },
    error::ApiError,
};

/// One stored file.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = f)]
pub struct FileRow {
    pub id: i64,
    pub recommendation_id: i64,
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
            "recommendation_id": self.recommendation_id,
            "file_name": self.file_name,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
        })
    }
}

/// The files of a recommendation, in upload order.
pub fn list(
    conn: &mut DbConnection,
    recommendation_id: i64,
) -> Result<Vec<RecommendationFile>, ApiError> {
    let rows: Vec<(FileRow, String, Option<String>)> = f::table
        .inner_join(accounts::table.on(accounts::id.eq(f::uploaded_by)))
        .filter(f::recommendation_id.eq(recommendation_id))
        .order(f::id.asc())
        .select((
            FileRow::as_select(),
            accounts::username,
            accounts::id_number,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(row, by, id_number)| RecommendationFile {
            id: row.id,
            file_name: row.file_name,
            content_type: row.content_type,
            size: row.size,
            sha256: row.sha256,
            uploaded_at: crate::clock::rfc3339(row.uploaded_at),
            uploaded_by: crate::login_names::shown_masked(&by, id_number.as_deref()),
        })
        .collect())
}

/// A file of the recommendation; 404 otherwise.
pub fn find(conn: &mut DbConnection, recommendation_id: i64, id: i64) -> Result<FileRow, ApiError> {
    f::table
        .find(id)
        .filter(f::recommendation_id.eq(recommendation_id))
        .select(FileRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// Whether the caller may add or remove files now: the recommending unit, while pending.
pub fn may_change(user: &AuthUser, row: &RecommendationRow) -> bool {
    recommendations::is_recommender(user, row) && row.status == RecommendationStatus::Pending
}

/// 403 unless the caller is the recommending unit; 409 `invalid_transition` once decided.
/// Locks the recommendation's row (a no-op update) so that a concurrent decision sees the
/// file or refuses it, then reads its state again.
pub fn require_changeable(
    conn: &mut DbConnection,
    user: &AuthUser,
    row: &RecommendationRow,
) -> Result<(), ApiError> {
    if !recommendations::is_recommender(user, row) {
        return Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "证明材料由推荐单位上传",
            "Proof files are added by the recommending unit",
        ));
    }
    diesel::update(r::table.find(row.id))
        .set(r::version.eq(r::version))
        .execute(conn)?;
    let status: RecommendationStatus = r::table.find(row.id).select(r::status).first(conn)?;
    if status != RecommendationStatus::Pending {
        return Err(ApiError::with_text(
            ErrorCode::InvalidTransition,
            "该推荐已受理或不予受理，证明材料不能再更改",
            "This recommendation has been decided: its proof files no longer change",
        ));
    }
    Ok(())
}

/// Records a stored file (at most [`MAX_RECOMMENDATION_FILES`] per recommendation). Audited.
pub fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    row: &RecommendationRow,
    file_name: &str,
    received: Received,
    now: NaiveDateTime,
) -> Result<RecommendationFile, ApiError> {
    let uploaded_by = actor.id.ok_or_else(|| {
        ApiError::internal(anyhow::anyhow!(
            "a recommendation upload without an account"
        ))
    })?;
    let count: i64 = f::table
        .filter(f::recommendation_id.eq(row.id))
        .count()
        .get_result(conn)?;
    if usize::try_from(count).unwrap_or(usize::MAX) >= MAX_RECOMMENDATION_FILES {
        return Err(ApiError::validation(
            "file",
            &format!("每份推荐最多 {MAX_RECOMMENDATION_FILES} 个证明材料"),
            &format!("at most {MAX_RECOMMENDATION_FILES} proof files per recommendation"),
        ));
    }
    let id: i64 = diesel::insert_into(f::table)
        .values((
            f::recommendation_id.eq(row.id),
            f::file_name.eq(file_name),
            f::content_type.eq(received.content_type),
            f::size.eq(i64::try_from(received.stored.size).unwrap_or(i64::MAX)),
            f::sha256.eq(&received.stored.sha256),
            f::storage_key.eq(&received.stored.key),
            f::uploaded_by.eq(uploaded_by),
            f::uploaded_at.eq(now),
        ))
        .returning(f::id)
        .get_result(conn)?;
    let stored = find(conn, row.id, id)?;
    let action = "expert_recommendation.file_upload";
    append(conn, actor, action, &stored, true, now)?;
    list(conn, row.id)?
        .into_iter()
        .find(|x| x.id == id)
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// Removes a file; answers its storage key (the caller deletes the bytes after the commit).
/// Audited.
pub fn remove(
    conn: &mut DbConnection,
    actor: &Actor,
    row: &RecommendationRow,
    id: i64,
    now: NaiveDateTime,
) -> Result<String, ApiError> {
    let stored = find(conn, row.id, id)?;
    diesel::delete(f::table.find(id)).execute(conn)?;
    let action = "expert_recommendation.file_delete";
    append(conn, actor, action, &stored, false, now)?;
    Ok(stored.storage_key)
}

/// The audit row of an upload (the file after) or a removal (the file before).
fn append(
    conn: &mut DbConnection,
    actor: &Actor,
    action: &'static str,
    file: &FileRow,
    added: bool,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let facts = Some(file.audit_json());
    audit::append(
        conn,
        actor,
        &Event {
            action,
            target_type: "expert_recommendation_file",
            target_id: Some(file.id.to_string()),
            success: true,
            before: if added { None } else { facts.clone() },
            after: if added { facts } else { None },
        },
        now,
    )?;
    Ok(())
}
