//! Attachments: the rules of who may add, read and remove which file when, the records in the
//! `attachments` table, and the upload pipeline (sniff the first bytes, stream the rest into
//! the [`Storage`](crate::storage::Storage), hash and count on the way).
//!
//! - Application files (`materials`, `supplementary`) are added and removed only by the
//!   application's applicant, `materials` while it is a draft or returned, `supplementary`
//!   only in `supplement`; everyone who may see the application may read them.
//! - A unit's recommendation proofs (`recommendation_proof`) are added by unit-side accounts
//!   holding `title.review.unit_recommendation`, and read by that unit and the units above it.
//!   They are evidence once uploaded and are never deleted.
//! - An HRSS's revocation proofs (`revocation_proof`, 职称撤销) likewise: added by HRSS unit-side
//!   accounts holding `title.review.superior_review`, read by that HRSS and the units above.

pub mod categories;
pub mod sniff;

use std::io;

use actix_web::{
    body::SizedStream,
    http::header::{self, HeaderValue},
    web::{self, Bytes},
    HttpRequest, HttpResponse,
};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use futures_util::{stream, StreamExt};
use serde_json::json;
use shared::{
    attachments::{
        Attachment, AttachmentSection, MAX_DESCRIPTION_CHARS, MAX_FILE_NAME_CHARS,
        MAX_PER_APPLICATION,
    },
    workflow::Stage,
    AccountKind, ErrorCode,
};

use crate::{
    applications::access::{self, AppAccess},
    auth::AuthUser,
    db::{
        schema::{accounts, attachments},
        Db, DbConnection,
    },
    error::ApiError,
    org::jurisdiction::{self, Relation},
    storage::{ByteStream, FileStore, PutError, Stored},
};

/// A stored attachment record.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = attachments)]
pub struct Row {
    pub id: i64,
    pub application_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub section: AttachmentSection,
    pub description: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_by: i64,
    pub uploaded_at: NaiveDateTime,
    pub category_id: Option<i64>,
}

impl Row {
    /// The facts recorded in the audit log.
    pub fn audit_json(&self) -> serde_json::Value {
        json!({
            "id": self.id,
            "application_id": self.application_id,
            "unit_id": self.unit_id,
            "section": self.section,
            "category_id": self.category_id,
            "description": self.description,
            "file_name": self.file_name,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
        })
    }
}

/// The wire shape of `row`, uploaded by `uploader_name`.
pub fn to_dto(row: Row, uploader_name: String, can_delete: bool) -> Result<Attachment, ApiError> {
    Ok(Attachment {
        section: row.section,
        category_id: row.category_id,
        id: row.id,
        application_id: row.application_id,
        unit_id: row.unit_id,
        description: row.description,
        file_name: row.file_name,
        content_type: row.content_type,
        size: row.size,
        sha256: row.sha256,
        uploaded_at: crate::clock::rfc3339(row.uploaded_at),
        uploaded_by: row.uploaded_by,
        uploaded_by_name: uploader_name,
        can_delete,
    })
}

/// Rows matching `filter` with their uploaders' names, in upload order.
pub fn load_with_names(
    conn: &mut DbConnection,
    query: attachments::BoxedQuery<'static, crate::db::DbBackend>,
) -> Result<Vec<(Row, String)>, ApiError> {
    let rows: Vec<Row> = query
        .order(attachments::id.asc())
        .select(Row::as_select())
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.uploaded_by).collect();
    let names: std::collections::HashMap<i64, String> = accounts::table
        .filter(accounts::id.eq_any(ids))
        .select((accounts::id, accounts::display_name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let name = names.get(&r.uploaded_by).cloned().unwrap_or_default();
            (r, name)
        })
        .collect())
}

/// Whether files of `section` may be added or removed while the application is at `stage`.
pub fn editable(stage: Stage, section: AttachmentSection) -> bool {
    match section {
        AttachmentSection::Materials => matches!(stage, Stage::Draft | Stage::Returned),
        AttachmentSection::Supplementary => stage == Stage::Supplement,
        AttachmentSection::RecommendationProof | AttachmentSection::RevocationProof => false,
    }
}

/// 409 `invalid_transition` unless `section` is editable at the application's stage.
pub fn require_editable(app: &AppAccess, section: AttachmentSection) -> Result<(), ApiError> {
    let stage = app.stage;
    if editable(stage, section) {
        return Ok(());
    }
    Err(match section {
        AttachmentSection::Supplementary => ApiError::with_text(
            ErrorCode::InvalidTransition,
            format!(
                "补充材料只能在“补充材料”阶段添加或删除（当前：{}）",
                stage.label(shared::Locale::ZhCn)
            ),
            format!(
                "Supplementary files can be added or removed only in the supplement stage (now: {})",
                stage.label(shared::Locale::En)
            ),
        ),
        _ => ApiError::with_text(
            ErrorCode::InvalidTransition,
            format!(
                "申报材料只能在草稿或退回状态下添加或删除（当前：{}）",
                stage.label(shared::Locale::ZhCn)
            ),
            format!(
                "Application files can be added or removed only while the application is a draft or returned (now: {})",
                stage.label(shared::Locale::En)
            ),
        ),
    })
}

/// Whether the caller is the application's applicant.
pub fn is_owner(user: &AuthUser, app: &AppAccess) -> bool {
    user.kind == AccountKind::Applicant && app.applicant_id == user.id
}

/// The application, if the caller may change its files now: 404 when the caller does not see
/// it, 403 when the caller is not its applicant, 409 when the stage does not allow it.
pub fn require_changeable(
    conn: &mut DbConnection,
    user: &AuthUser,
    application_id: i64,
    section: AttachmentSection,
) -> Result<AppAccess, ApiError> {
    let app = access::require_visible(conn, user, application_id)?;
    if !is_owner(user, &app) {
        return Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "只有申报人本人可以添加或删除申报附件",
            "Only the applicant may add or remove application files",
        ));
    }
    require_editable(&app, section)?;
    Ok(app)
}

/// 422 when the application already carries the most attachments allowed.
pub fn require_room(conn: &mut DbConnection, application_id: i64) -> Result<(), ApiError> {
    let count: i64 = attachments::table
        .filter(attachments::application_id.eq(application_id))
        .count()
        .get_result(conn)?;
    if count >= MAX_PER_APPLICATION {
        return Err(ApiError::with_text(
            ErrorCode::ValidationFailed,
            format!("每份申报最多 {MAX_PER_APPLICATION} 个附件"),
            format!("An application carries at most {MAX_PER_APPLICATION} files"),
        ));
    }
    Ok(())
}

/// Whether the caller may read `row`: the application's readers, or for a unit's proof the
/// unit-side readers of that unit and the units above it.
pub fn may_read(conn: &mut DbConnection, user: &AuthUser, row: &Row) -> Result<bool, ApiError> {
    match (row.application_id, row.unit_id) {
        (Some(app), _) => match access::require_visible(conn, user, app) {
            Ok(_) => Ok(true),
            Err(e) if e.code() == ErrorCode::NotFound => Ok(false),
            Err(e) => Err(e),
        },
        (None, Some(unit)) => {
            if access::is_unit_reader(user)
                && jurisdiction::relation(conn, user, unit)? != Relation::Outside
            {
                return Ok(true);
            }
            // Whoever reads an application recommended with this proof reads the proof too
            // (the committee's unit, the policy reviewers in scope).
            for app in recommended_with(conn, unit, row.id)? {
                match access::require_visible(conn, user, app) {
                    Ok(_) => return Ok(true),
                    Err(e) if e.code() == ErrorCode::NotFound => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(false)
        }
        (None, None) => Ok(false),
    }
}

/// The applications whose recommendation by `unit` cited proof `proof_id`.
fn recommended_with(
    conn: &mut DbConnection,
    unit: i64,
    proof_id: i64,
) -> Result<Vec<i64>, ApiError> {
    use crate::db::schema::application_events as ev;
    let events: Vec<(i64, Option<String>)> = ev::table
        .filter(ev::action.eq(shared::workflow::Action::Recommend))
        .filter(ev::actor_unit_id.eq(unit))
        .filter(ev::withdrawn.eq(false))
        .filter(ev::detail.like(format!("%{proof_id}%")))
        .select((ev::application_id, ev::detail))
        .load(conn)?;
    Ok(events
        .into_iter()
        .filter(|(_, detail)| {
            detail
                .as_deref()
                .and_then(|d| serde_json::from_str::<crate::applications::events::Detail>(d).ok())
                .is_some_and(|d| d.proof_attachment_ids.contains(&proof_id))
        })
        .map(|(app, _)| app)
        .collect())
}

/// Loads an attachment the caller may read; 404 otherwise.
pub fn require_readable(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<Row, ApiError> {
    let row = attachments::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    if may_read(conn, user, &row)? {
        Ok(row)
    } else {
        Err(ApiError::new(ErrorCode::NotFound))
    }
}

/// The checked name and description of an upload.
#[derive(Debug, Clone)]
pub struct UploadMeta {
    pub file_name: String,
    pub description: String,
    /// The kind of material (application files; checked by
    /// [`categories::require_uploadable`]).
    pub category_id: Option<i64>,
}

/// Checks the file name (1–200 characters, no path separators or control characters) and the
/// description (at most 200 characters).
pub fn check_meta(file_name: &str, description: Option<&str>) -> Result<UploadMeta, ApiError> {
    let file_name = file_name.trim();
    let count = file_name.chars().count();
    if count == 0 || count > MAX_FILE_NAME_CHARS {
        return Err(ApiError::validation(
            "file_name",
            "不能为空且不超过 200 个字符",
            "must have 1-200 characters",
        ));
    }
    if file_name
        .chars()
        .any(|c| c == '/' || c == '\\' || c.is_control())
        || file_name == "."
        || file_name == ".."
    {
        return Err(ApiError::validation(
            "file_name",
            "不能包含路径分隔符或控制字符",
            "must not contain path separators or control characters",
        ));
    }
    let description = description.unwrap_or_default().trim();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(ApiError::validation(
            "description",
            "不能超过 200 个字符",
            "must have at most 200 characters",
        ));
    }
    if description.chars().any(char::is_control) {
        return Err(ApiError::validation(
            "description",
            "不能包含控制字符",
            "must not contain control characters",
        ));
    }
    Ok(UploadMeta {
        file_name: file_name.to_owned(),
        description: description.to_owned(),
        category_id: None,
    })
}

/// A limit in words: "20 MB", "512 KB" or "1000 字节".
fn limit_text(limit: u64) -> (String, String) {
    const MIB: u64 = 1024 * 1024;
    const KIB: u64 = 1024;
    if limit >= MIB && limit.is_multiple_of(MIB) {
        (format!("{} MB", limit / MIB), format!("{} MB", limit / MIB))
    } else if limit >= KIB && limit.is_multiple_of(KIB) {
        (format!("{} KB", limit / KIB), format!("{} KB", limit / KIB))
    } else {
        (format!("{limit} 字节"), format!("{limit} bytes"))
    }
}

/// 413 `payload_too_large` naming the limit.
pub fn too_large(limit: u64) -> ApiError {
    let (zh, en) = limit_text(limit);
    ApiError::with_text(
        ErrorCode::PayloadTooLarge,
        format!("文件超过大小限制（最大 {zh}）"),
        format!("The file exceeds the size limit ({en} at most)"),
    )
}

/// 413 before reading anything when the declared `Content-Length` is already too large.
pub fn check_declared_length(req: &HttpRequest, limit: u64) -> Result<(), ApiError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    match declared {
        Some(n) if n > limit => Err(too_large(limit)),
        _ => Ok(()),
    }
}

/// A received file: where it is stored and what it is.
#[derive(Debug, Clone)]
pub struct Received {
    pub stored: Stored,
    pub content_type: &'static str,
}

/// Records a stored file (its row and its audit entry, in the caller's transaction) for an
/// application or, with `unit_id`, as a unit's proof. Returns the stored row.
pub fn record(
    conn: &mut DbConnection,
    actor: &crate::audit::Actor,
    owner: (Option<i64>, Option<i64>, AttachmentSection),
    meta: &UploadMeta,
    received: Received,
    uploaded_by: i64,
    now: NaiveDateTime,
) -> Result<Row, ApiError> {
    let (application_id, unit_id, section) = owner;
    let Received {
        stored,
        content_type,
    } = received;
    let id: i64 = diesel::insert_into(attachments::table)
        .values((
            attachments::application_id.eq(application_id),
            attachments::unit_id.eq(unit_id),
            attachments::section.eq(section),
            attachments::description.eq(&meta.description),
            attachments::file_name.eq(&meta.file_name),
            attachments::content_type.eq(content_type),
            attachments::size.eq(i64::try_from(stored.size).unwrap_or(i64::MAX)),
            attachments::sha256.eq(&stored.sha256),
            attachments::storage_key.eq(&stored.key),
            attachments::uploaded_by.eq(uploaded_by),
            attachments::uploaded_at.eq(now),
            attachments::category_id.eq(meta.category_id),
        ))
        .returning(attachments::id)
        .get_result(conn)?;
    let row = attachments::table
        .find(id)
        .select(Row::as_select())
        .first(conn)?;
    crate::audit::append(
        conn,
        actor,
        &crate::audit::Event {
            action: "attachment.upload",
            target_type: "attachment",
            target_id: Some(id.to_string()),
            success: true,
            before: None,
            after: Some(row.audit_json()),
        },
        now,
    )?;
    Ok(row)
}

/// Streams the request body into the store: the first bytes decide the type (415 and nothing
/// stored when it is not accepted), the rest streams through with the size limit (413 and
/// nothing kept) and the SHA-256 computed on the way.
pub async fn receive(
    mut payload: web::Payload,
    file_name: &str,
    files: &FileStore,
) -> Result<Received, ApiError> {
    let mut head: Vec<Bytes> = Vec::new();
    let mut head_len = 0;
    while head_len < sniff::SNIFF_LEN {
        match payload.next().await {
            Some(Ok(chunk)) => {
                head_len += chunk.len();
                head.push(chunk);
            }
            Some(Err(e)) => return Err(interrupted(io::Error::other(e.to_string()))),
            None => break,
        }
    }
    if head_len == 0 {
        return Err(ApiError::validation("file", "文件为空", "is empty"));
    }
    let mut prefix = Vec::with_capacity(sniff::SNIFF_LEN);
    for chunk in &head {
        let take = (sniff::SNIFF_LEN - prefix.len()).min(chunk.len());
        prefix.extend_from_slice(&chunk[..take]);
        if prefix.len() == sniff::SNIFF_LEN {
            break;
        }
    }
    let Some(content_type) = sniff::content_type(&prefix, file_name) else {
        return Err(ApiError::with_text(
            ErrorCode::UnsupportedFileType,
            "只能上传 PDF、JPEG、PNG 或 Office（doc/docx/xls/xlsx/ppt/pptx）文件；类型按文件内容判断，扩展名须与内容一致",
            "Only PDF, JPEG, PNG or Office (doc/docx/xls/xlsx/ppt/pptx) files are accepted; the type is read from the content and the extension must match it",
        ));
    };
    let rest = payload.map(|chunk| chunk.map_err(|e| io::Error::other(e.to_string())));
    let body: ByteStream<'static> = Box::pin(stream::iter(head.into_iter().map(Ok)).chain(rest));
    match files.backend.put(body, files.max_bytes).await {
        Ok(stored) => Ok(Received {
            stored,
            content_type,
        }),
        Err(PutError::TooLarge { limit }) => Err(too_large(limit)),
        Err(PutError::Source(e)) => Err(interrupted(e)),
        Err(e @ PutError::Storage(_)) => Err(ApiError::internal(e)),
    }
}

fn interrupted(e: io::Error) -> ApiError {
    tracing::info!(error = %e, "an upload was interrupted");
    ApiError::with_text(
        ErrorCode::BadRequest,
        "文件上传中断，请重新上传",
        "The upload was interrupted; upload the file again",
    )
}

/// The tail of every upload: the body streams into the store ([`receive`]: typed, limited,
/// hashed), then `write` records it in one write transaction — where the caller checks again
/// what it checked before reading the body, since the state may have moved while the file
/// streamed in. A refusal there removes the stored bytes again. Answers 201 with what `write`
/// answered.
pub async fn store<T, W>(
    db: &Db,
    files: &FileStore,
    payload: web::Payload,
    file_name: &str,
    write: W,
) -> Result<HttpResponse, ApiError>
where
    W: FnOnce(&mut DbConnection, Received) -> Result<T, ApiError> + Send + 'static,
    T: serde::Serialize + Send + 'static,
{
    let received = receive(payload, file_name, files).await?;
    let key = received.stored.key.clone();
    let written = db
        .run(move |conn| conn.write_transaction(|conn| write(conn, received)))
        .await;
    match written {
        Ok(dto) => Ok(HttpResponse::Created().json(dto)),
        Err(e) => {
            discard(files, &key).await;
            Err(e)
        }
    }
}

/// Removes a stored file whose record was not (or is no longer) written; a failure only leaves
/// an unreferenced file, which is logged.
pub async fn discard(files: &FileStore, key: &str) {
    if let Err(e) = files.backend.delete(key).await {
        tracing::warn!(storage.key = key, error = %e, "could not remove an unreferenced attachment file");
    }
}

/// A stored file to send as a download.
#[derive(Debug, Clone, Copy)]
pub struct Download<'a> {
    /// What it is, for the log when its bytes cannot be read ("attachment 7").
    pub what: &'a str,
    /// Its storage key.
    pub key: &'a str,
    /// Its size in bytes.
    pub size: i64,
    /// Its stored type.
    pub content_type: &'a str,
    /// The name it was uploaded under.
    pub file_name: &'a str,
}

/// The file's bytes streamed as a download: its stored `Content-Type`,
/// `Content-Disposition: attachment` with the original name, never sniffed, never cached,
/// sent as stored (`Content-Encoding: identity` keeps `Content-Length`: the compression
/// middleware leaves it alone).
pub async fn download(files: &FileStore, d: Download<'_>) -> Result<HttpResponse, ApiError> {
    let size = u64::try_from(d.size).map_err(ApiError::internal)?;
    let body = files.backend.open(d.key).await.map_err(|e| {
        ApiError::internal(anyhow::anyhow!(
            "{} (key {}) cannot be read: {e}",
            d.what,
            d.key
        ))
    })?;
    let content_type = HeaderValue::from_str(d.content_type).map_err(ApiError::internal)?;
    let disposition =
        HeaderValue::from_str(&content_disposition(d.file_name)).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::CONTENT_DISPOSITION, disposition))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header((header::CONTENT_ENCODING, "identity"))
        .body(SizedStream::new(size, body)))
}

/// `Content-Disposition: attachment` with an ASCII fallback name and the exact name in
/// RFC 5987 form.
pub fn content_disposition(file_name: &str) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in file_name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_disposition_carries_both_names() {
        assert_eq!(
            content_disposition("申报表 v2.pdf"),
            "attachment; filename=\"___ v2.pdf\"; filename*=UTF-8''%E7%94%B3%E6%8A%A5%E8%A1%A8%20v2.pdf"
        );
        assert_eq!(
            content_disposition("a\"b\\c.pdf"),
            "attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%5Cc.pdf"
        );
    }

    #[test]
    fn names_are_checked() {
        assert!(check_meta("论文.pdf", Some("代表作")).is_ok());
        for bad in ["", "  ", "../x.pdf", "a\\b.pdf", "a\nb.pdf", ".."] {
            assert!(check_meta(bad, None).is_err(), "{bad:?}");
        }
        assert!(check_meta(&"长".repeat(201), None).is_err());
        assert!(check_meta("a.pdf", Some(&"长".repeat(201))).is_err());
    }

    #[test]
    fn limits_are_named_readably() {
        assert_eq!(limit_text(20 * 1024 * 1024).0, "20 MB");
        assert_eq!(limit_text(512 * 1024).1, "512 KB");
        assert_eq!(limit_text(1000).1, "1000 bytes");
    }

    #[test]
    fn sections_are_editable_in_their_stages_only() {
        use AttachmentSection::*;
        assert!(editable(Stage::Draft, Materials));
        assert!(editable(Stage::Returned, Materials));
        assert!(!editable(Stage::UnitVerification, Materials));
        assert!(!editable(Stage::Supplement, Materials));
        assert!(editable(Stage::Supplement, Supplementary));
        assert!(!editable(Stage::Draft, Supplementary));
        assert!(Stage::ALL
            .iter()
            .all(|s| !editable(*s, RecommendationProof) && !editable(*s, RevocationProof)));
    }
}
