//! Operations: backup, restore and the orphan-file sweeper (issue 13, "crashes and outages lose
//! nothing"). The CLI (`backend backup DIR`, `backend restore DIR [--force]`,
//! `backend files sweep [--dry-run]`) and the server's periodic sweep call into here;
//! docs/OPERATIONS.md describes them for operators.
//!
//! Everything here blocks (files, `pg_dump`, one dedicated connection): callers run it off the
//! async threads.

pub mod backup;
pub mod cli;
pub mod restore;
pub mod sweep;

use std::{
    collections::BTreeMap,
    fs,
    io::{self, Read},
    path::{Path, PathBuf},
};

use anyhow::Context;
use diesel::{prelude::*, sql_types};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shared::DatabaseKind;

use crate::db::{
    schema::{
        attachments, audit_log, blind_opinions, expert_recommendation_files, review_filing_files,
    },
    DbConnection,
};

/// The manifest's file name inside a backup folder.
pub const MANIFEST: &str = "manifest.json";
/// The SQLite copy inside a backup folder.
pub const SQLITE_FILE: &str = "database.sqlite3";
/// The `pg_dump` archive (custom format) inside a backup folder.
pub const PG_DUMP_FILE: &str = "database.pgdump";
/// The folder inside a backup that mirrors `DATA_DIR` (attachments under `files/attachments/`).
pub const FILES_DIR: &str = "files";
/// The manifest format this binary writes and reads.
pub const FORMAT: u32 = 1;

/// The newest audit row: the chain head a restore must reproduce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditHead {
    /// Its id.
    pub id: i64,
    /// Its hash.
    pub hash: String,
}

/// One file of the backup, relative to the backup folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path relative to the backup folder (`/`-separated).
    pub path: String,
    /// Bytes.
    pub size: u64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}

/// `manifest.json`: what the backup holds and what a restore must find again.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: u32,
    /// When the database snapshot was taken (RFC 3339, UTC).
    pub created_at: String,
    /// `sqlite` or `postgres`.
    pub engine: DatabaseKind,
    /// The newest migration applied in the snapshot (e.g. `20261202000150`).
    pub migration_version: String,
    /// The binary that wrote it.
    pub backend_version: String,
    /// The database file: [`SQLITE_FILE`] or [`PG_DUMP_FILE`].
    pub database: FileEntry,
    /// How the database file was made (the exact command for `pg_dump`, without the password).
    pub database_method: String,
    /// Rows per table in the snapshot.
    pub tables: BTreeMap<String, i64>,
    /// The audit chain head in the snapshot (`None`: an empty log).
    pub audit_head: Option<AuditHead>,
    /// Every attachment file referenced by the snapshot, under [`FILES_DIR`].
    pub files: Vec<FileEntry>,
}

/// What one consistent read of a database says (the snapshot of a backup, or a restored one).
#[derive(Debug, Clone)]
pub struct Facts {
    /// Rows per table.
    pub tables: BTreeMap<String, i64>,
    /// Newest applied migration.
    pub migration_version: String,
    /// Newest audit row.
    pub audit_head: Option<AuditHead>,
    /// `storage_key` of every row of a table that stores files ([`stored_files`]).
    pub attachment_keys: Vec<String>,
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = sql_types::Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = sql_types::BigInt)]
    n: i64,
}

/// The tables of the connected database (the schema in use on PostgreSQL), sorted.
pub fn table_names(conn: &mut DbConnection) -> QueryResult<Vec<String>> {
    let names: Vec<Name> = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .load(c)?,
        DbConnection::Pg(c) => diesel::sql_query(
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
        )
        .load(c)?,
    };
    Ok(names.into_iter().map(|n| n.name).collect())
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Reads rows per table, the newest migration, the audit head and the attachment keys. Call it
/// inside one snapshot (a repeatable-read transaction, or a file nobody writes) so that they
/// agree.
pub fn read_facts(conn: &mut DbConnection) -> anyhow::Result<Facts> {
    let mut tables = BTreeMap::new();
    for name in table_names(conn)? {
        let query = format!("SELECT COUNT(*) AS n FROM {}", quoted(&name));
        let count: Count = crate::on_engine!(&mut *conn, |c| diesel::sql_query(&query)
            .get_result(c))
        .with_context(|| format!("counting the rows of {name}"))?;
        tables.insert(name, count.n);
    }
    let version: Option<Name> = crate::on_engine!(&mut *conn, |c| diesel::sql_query(
        "SELECT version AS name FROM __diesel_schema_migrations ORDER BY version DESC LIMIT 1"
    )
    .get_result(c)
    .optional())
    .context("reading the applied migrations")?;
    // The newest sealed row (rows still waiting for the sealer have no place yet).
    let audit_head = audit_log::table
        .filter(audit_log::seq.is_not_null())
        .select((audit_log::id, audit_log::hash))
        .order(audit_log::seq.desc())
        .first::<(i64, String)>(conn)
        .optional()
        .context("reading the audit chain head")?
        .map(|(id, hash)| AuditHead { id, hash });
    let attachment_keys = stored_files(conn)
        .context("reading the attachment keys")?
        .into_iter()
        .map(|f| f.storage_key)
        .collect();
    Ok(Facts {
        tables,
        migration_version: version.map(|v| v.name).unwrap_or_default(),
        audit_head,
        attachment_keys,
    })
}

/// A row that references a stored file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// Its table.
    pub table: &'static str,
    /// Its id in that table.
    pub id: i64,
    /// The storage key it names.
    pub storage_key: String,
}

/// Every row that references a file in the storage backend: attachments, blind opinions,
/// review filing files and recommendation proofs. A table that stores files is listed here,
/// or the sweeper takes its files for orphans and backups leave them out.
pub fn stored_files(conn: &mut DbConnection) -> QueryResult<Vec<StoredFile>> {
    let mut out = Vec::new();
    // One query per table: `(id, storage_key)` in id order.
    macro_rules! rows_of {
        ($($table:ident),+) => {$(
            let rows: Vec<(i64, String)> = $table::table
                .select(($table::id, $table::storage_key))
                .order($table::id.asc())
                .load(conn)?;
            out.extend(rows.into_iter().map(|(id, storage_key)| StoredFile {
                table: stringify!($table),
                id,
                storage_key,
            }));
        )+};
    }
    rows_of!(
        attachments,
        blind_opinions,
        review_filing_files,
        expert_recommendation_files
    );
    Ok(out)
}

/// Where an attachment key lives, relative to `DATA_DIR` (the layout of
/// [`crate::storage::LocalStorage`]); `None` for anything that is not a key.
pub fn key_path(key: &str) -> Option<String> {
    crate::storage::check_key(key)
        .is_ok()
        .then(|| format!("attachments/{}/{key}", &key[..2]))
}

/// Size and SHA-256 of a file, streamed.
pub fn hash_file(path: &Path) -> io::Result<(u64, String)> {
    let mut file = fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0_u8; 64 * 1024];
    let mut size = 0_u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += u64::try_from(n).unwrap_or(u64::MAX);
    }
    Ok((size, hex::encode(hasher.finalize())))
}

/// Copies `from` to `to` (creating folders), flushed to disk.
pub fn copy_file(from: &Path, to: &Path) -> io::Result<()> {
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::copy(from, to)?;
    fs::File::open(to)?.sync_all()
}

/// Every regular file under `dir`, recursively (empty when `dir` does not exist).
pub fn files_under(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The PostgreSQL URL without its password, for messages and the manifest.
fn redacted(url: &str) -> String {
    crate::config::DatabaseUrl::Postgres(url.to_owned()).redacted()
}

/// Whether `program` runs (`program --version` succeeds).
pub fn tool_available(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_storage_keys_map_to_paths() {
        assert_eq!(
            key_path("ab00000000000000000000000000000f").as_deref(),
            Some("attachments/ab/ab00000000000000000000000000000f")
        );
        assert_eq!(key_path("ab00000000000000000000000000000f.part"), None);
        assert_eq!(key_path("../../../../etc/passwd/000000000"), None);
        assert_eq!(key_path(""), None);
    }

    #[test]
    fn files_are_listed_hashed_and_copied() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        assert!(files_under(&dir.path().join("missing"))?.is_empty());
        let from = dir.path().join("a/b/c");
        fs::create_dir_all(dir.path().join("a/b"))?;
        fs::write(&from, b"abc")?;
        let to = dir.path().join("x/y/c");
        copy_file(&from, &to)?;
        assert_eq!(files_under(dir.path())?, vec![from, to.clone()]);
        assert_eq!(
            hash_file(&to)?,
            (
                3,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad".to_owned()
            )
        );
        Ok(())
    }
}
