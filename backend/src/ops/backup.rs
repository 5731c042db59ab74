//! `backend backup DIR`: a consistent copy of a serving system.
//!
//! 1. Every attachment file present now is copied to `DIR/files/` (so that a file deleted right
//!    after the snapshot is still in the backup).
//! 2. The database snapshot: SQLite `VACUUM INTO 'DIR/database.sqlite3'` (one read transaction:
//!    consistent while writers go on, which WAL mode lets proceed); PostgreSQL
//!    `pg_dump --format=custom --snapshot=…` on a snapshot this command exports and holds, so
//!    the manifest's counts are read from exactly what the dump holds.
//! 3. Files referenced by the snapshot but not yet copied (uploaded meanwhile) are copied; the
//!    copies nothing references are dropped.
//! 4. `manifest.json` — written last, so a folder without one is an unfinished backup.

use std::{collections::BTreeSet, fs, path::Path, process::Command};

use anyhow::{bail, Context};
use chrono::NaiveDateTime;
use diesel::{connection::SimpleConnection, prelude::*, PgConnection, SqliteConnection};

use super::{
    copy_file, files_under, hash_file, key_path, read_facts, redacted, tool_available, FileEntry,
    Manifest, FILES_DIR, FORMAT, MANIFEST, PG_DUMP_FILE, SQLITE_FILE,
};
use crate::{config::DatabaseUrl, db::DbConnection};

/// Takes a backup of `database` and the attachment files under `data_dir` into `dir` (which
/// must be missing or empty). Answers the manifest written.
pub fn run(
    database: &DatabaseUrl,
    data_dir: &Path,
    dir: &Path,
    now: NaiveDateTime,
) -> anyhow::Result<Manifest> {
    prepare_dir(dir)?;
    let files_root = dir.join(FILES_DIR);
    // Pass 1: everything present now.
    let mut copied = BTreeSet::new();
    for path in
        files_under(&data_dir.join("attachments")).context("listing the attachment files")?
    {
        let Some(rel) = key_of(&path).and_then(|k| key_path(&k)) else {
            continue;
        };
        match copy_file(&path, &files_root.join(&rel)) {
            Ok(()) => {
                copied.insert(rel);
            }
            // Deleted while we listed: the snapshot decides whether it is needed.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("copying {}", path.display())),
        }
    }
    // The database snapshot and what it holds.
    let (database_file, method, facts) = match database {
        DatabaseUrl::Sqlite(path) => {
            let target = dir.join(SQLITE_FILE);
            let facts = sqlite_snapshot(path, &target)?;
            (target, "VACUUM INTO".to_owned(), facts)
        }
        DatabaseUrl::Postgres(url) => {
            let target = dir.join(PG_DUMP_FILE);
            let (method, facts) = pg_snapshot(url, &target)?;
            (target, method, facts)
        }
    };
    // Pass 2: what the snapshot references.
    let mut missing = Vec::new();
    let mut wanted = BTreeSet::new();
    for key in &facts.attachment_keys {
        let Some(rel) = key_path(key) else {
            missing.push(format!("{key} (not a storage key)"));
            continue;
        };
        if !copied.contains(&rel) {
            match copy_file(&data_dir.join(&rel), &files_root.join(&rel)) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    missing.push(rel.clone());
                }
                Err(e) => return Err(e).with_context(|| format!("copying {rel}")),
            }
        }
        wanted.insert(rel);
    }
    for rel in copied.difference(&wanted) {
        let path = files_root.join(rel);
        fs::remove_file(&path).with_context(|| format!("dropping {rel}"))?;
        // Its folder too, when nothing else is in it (removing a non-empty folder fails).
        if let Some(parent) = path.parent() {
            let _ = fs::remove_dir(parent);
        }
    }
    if !missing.is_empty() {
        bail!(
            "{} attachment file(s) referenced by the database are missing from {} (run `backend files sweep --dry-run` for the list); the backup in {} is incomplete and has no manifest: {}",
            missing.len(),
            data_dir.display(),
            dir.display(),
            missing.join(", ")
        );
    }
    let mut files = Vec::with_capacity(wanted.len());
    for rel in &wanted {
        let path = format!("{FILES_DIR}/{rel}");
        files.push(entry(dir, &path)?);
    }
    let database_name = database_file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(SQLITE_FILE)
        .to_owned();
    let manifest = Manifest {
        format: FORMAT,
        created_at: crate::clock::rfc3339(now),
        engine: database.kind(),
        migration_version: facts.migration_version,
        backend_version: env!("CARGO_PKG_VERSION").to_owned(),
        database: entry(dir, &database_name)?,
        database_method: method,
        tables: facts.tables,
        audit_head: facts.audit_head,
        files,
    };
    let tmp = dir.join(format!("{MANIFEST}.part"));
    fs::write(&tmp, serde_json::to_vec_pretty(&manifest)?)
        .with_context(|| format!("writing {}", tmp.display()))?;
    fs::File::open(&tmp)?.sync_all()?;
    fs::rename(&tmp, dir.join(MANIFEST)).context("finishing the manifest")?;
    tracing::info!(
        backup.dir = %dir.display(),
        backup.files = manifest.files.len(),
        backup.engine = ?manifest.engine,
        "backup written"
    );
    Ok(manifest)
}

fn entry(dir: &Path, rel: &str) -> anyhow::Result<FileEntry> {
    let (size, sha256) =
        hash_file(&dir.join(rel)).with_context(|| format!("hashing {rel} in the backup"))?;
    Ok(FileEntry {
        path: rel.to_owned(),
        size,
        sha256,
    })
}

/// The key a stored file is named by (`None` for partial uploads and foreign files).
fn key_of(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    key_path(name).map(|_| name.to_owned())
}

fn prepare_dir(dir: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut entries = fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    if entries.next().is_some() {
        bail!(
            "the backup folder {} is not empty; name a new folder",
            dir.display()
        );
    }
    Ok(())
}

fn sqlite_literal(path: &Path) -> anyhow::Result<String> {
    let s = path
        .to_str()
        .context("the backup path is not valid UTF-8")?;
    Ok(format!("'{}'", s.replace('\'', "''")))
}

/// `VACUUM INTO` the backup file, then read the facts from the copy itself.
fn sqlite_snapshot(live: &Path, target: &Path) -> anyhow::Result<super::Facts> {
    let live_str = live
        .to_str()
        .context("the database path is not valid UTF-8")?;
    if !live.is_file() {
        bail!("no SQLite database at {}", live.display());
    }
    let mut conn = SqliteConnection::establish(live_str)
        .with_context(|| format!("opening {}", live.display()))?;
    conn.batch_execute("PRAGMA busy_timeout = 10000;")?;
    conn.batch_execute(&format!("VACUUM INTO {}", sqlite_literal(target)?))
        .context("copying the database (VACUUM INTO)")?;
    drop(conn);
    let copy = SqliteConnection::establish(
        target
            .to_str()
            .context("the backup path is not valid UTF-8")?,
    )
    .context("opening the copy")?;
    let mut copy = DbConnection::Sqlite(copy);
    read_facts(&mut copy)
}

/// Exports a snapshot, dumps it with `pg_dump`, reads the facts in the same snapshot.
fn pg_snapshot(url: &str, target: &Path) -> anyhow::Result<(String, super::Facts)> {
    if !tool_available("pg_dump") {
        bail!("pg_dump is not on PATH: install the PostgreSQL client tools (the server's major version or newer) to back up a PostgreSQL database");
    }
    let mut conn =
        PgConnection::establish(url).with_context(|| format!("connecting to {}", redacted(url)))?;
    conn.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")?;
    #[derive(QueryableByName)]
    struct Snapshot {
        #[diesel(sql_type = diesel::sql_types::Text)]
        id: String,
    }
    let snapshot: Snapshot =
        diesel::sql_query("SELECT pg_export_snapshot() AS id").get_result(&mut conn)?;
    let target_str = target
        .to_str()
        .context("the backup path is not valid UTF-8")?;
    let args = [
        "--format=custom".to_owned(),
        "--no-owner".to_owned(),
        "--no-privileges".to_owned(),
        format!("--snapshot={}", snapshot.id),
        format!("--file={target_str}"),
    ];
    let output = Command::new("pg_dump")
        .args(&args)
        .arg(format!("--dbname={url}"))
        .output()
        .context("running pg_dump")?;
    if !output.status.success() {
        bail!(
            "pg_dump failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let method = format!("pg_dump {} --dbname={}", args.join(" "), redacted(url));
    let mut conn = DbConnection::Pg(conn);
    let facts = read_facts(&mut conn)?;
    if let DbConnection::Pg(c) = &mut conn {
        c.batch_execute("COMMIT")?;
    }
    Ok((method, facts))
}
