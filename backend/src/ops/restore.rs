//! `backend restore DIR [--force]`: loads a backup into an empty database and `DATA_DIR`, then
//! proves it: the audit chain verifies and ends at the manifest's head, every table has the
//! manifest's row count, every file has the manifest's SHA-256. Any difference is an error.
//!
//! Refused before anything changes: a manifest of another engine or of a newer schema than this
//! binary knows, a damaged backup (its own hashes), a database or attachment store that is not
//! empty (unless `--force`, which empties them first).

use std::{fs, path::Path, process::Command};

use anyhow::{anyhow, bail, Context};
use diesel::{connection::SimpleConnection, prelude::*, PgConnection, SqliteConnection};
use serde::Serialize;

use super::{
    copy_file, files_under, hash_file, read_facts, redacted, table_names, tool_available, Manifest,
    FILES_DIR, FORMAT, MANIFEST,
};
use crate::{
    config::DatabaseUrl,
    db::{migrations, DbConnection},
};

/// What a successful restore checked.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Tables whose row counts matched.
    pub tables: usize,
    /// Rows in all of them.
    pub rows: i64,
    /// Files whose hashes matched.
    pub files: usize,
    /// Audit rows whose chain verified.
    pub audit_rows: u64,
    /// Migrations applied after the check (the backup's schema was older than this binary's).
    pub migrations_applied: usize,
}

/// Reads and checks `DIR/manifest.json` against this binary and `database`'s engine.
pub fn read_manifest(dir: &Path, database: &DatabaseUrl) -> anyhow::Result<Manifest> {
    let path = dir.join(MANIFEST);
    let bytes = fs::read(&path).with_context(|| {
        format!(
            "reading {} (a backup folder without a manifest is unfinished)",
            path.display()
        )
    })?;
    let manifest: Manifest =
        serde_json::from_slice(&bytes).with_context(|| format!("parsing {}", path.display()))?;
    if manifest.format != FORMAT {
        bail!(
            "the manifest has format {}; this binary reads format {FORMAT}",
            manifest.format
        );
    }
    if manifest.engine != database.kind() {
        bail!(
            "the backup is of a {:?} database but DATABASE_URL names a {:?} one",
            manifest.engine,
            database.kind()
        );
    }
    let known = migrations::latest_version(database.kind()).unwrap_or_default();
    if manifest.migration_version > known {
        bail!(
            "the backup's schema (migration {}) is newer than this binary's (migration {known}); restore it with the binary that wrote it (version {})",
            manifest.migration_version,
            manifest.backend_version
        );
    }
    Ok(manifest)
}

/// Restores `dir` into `database` and `data_dir`; see the module documentation.
pub fn run(
    database: &DatabaseUrl,
    data_dir: &Path,
    dir: &Path,
    force: bool,
) -> anyhow::Result<Report> {
    let manifest = read_manifest(dir, database)?;
    // The backup's own integrity, before anything changes.
    let mut damaged = Vec::new();
    for entry in std::iter::once(&manifest.database).chain(&manifest.files) {
        match hash_file(&dir.join(&entry.path)) {
            Ok((size, sha)) if size == entry.size && sha == entry.sha256 => {}
            Ok(_) => damaged.push(format!("{} (content differs)", entry.path)),
            Err(e) => damaged.push(format!("{} ({e})", entry.path)),
        }
    }
    if !damaged.is_empty() {
        bail!(
            "the backup in {} is damaged, nothing was restored: {}",
            dir.display(),
            damaged.join(", ")
        );
    }
    // The targets must be empty.
    let store = data_dir.join("attachments");
    let present = files_under(&store).context("listing the attachment store")?;
    let db_empty = database_is_empty(database)?;
    if !force {
        if !db_empty {
            bail!(
                "the database {} is not empty; restore into an empty database, or pass --force to replace its contents",
                database.redacted()
            );
        }
        if !present.is_empty() {
            bail!(
                "the attachment store {} holds {} file(s); restore into an empty DATA_DIR, or pass --force to replace them",
                store.display(),
                present.len()
            );
        }
    }
    if !present.is_empty() {
        fs::remove_dir_all(&store).with_context(|| format!("emptying {}", store.display()))?;
    }
    load_database(database, &dir.join(&manifest.database.path), db_empty)?;
    let prefix = format!("{FILES_DIR}/");
    for entry in &manifest.files {
        let rel = entry.path.strip_prefix(&prefix).unwrap_or(&entry.path);
        copy_file(&dir.join(&entry.path), &data_dir.join(rel))
            .with_context(|| format!("copying {rel} into {}", data_dir.display()))?;
    }
    let report = verify(database, data_dir, &manifest)?;
    tracing::info!(backup.dir = %dir.display(), ?report, "backup restored and verified");
    Ok(report)
}

fn connect(database: &DatabaseUrl) -> anyhow::Result<DbConnection> {
    Ok(match database {
        DatabaseUrl::Sqlite(path) => {
            let mut c = SqliteConnection::establish(
                path.to_str()
                    .context("the database path is not valid UTF-8")?,
            )
            .with_context(|| format!("opening {}", path.display()))?;
            c.batch_execute("PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;")?;
            DbConnection::Sqlite(c)
        }
        DatabaseUrl::Postgres(url) => DbConnection::Pg(
            PgConnection::establish(url)
                .with_context(|| format!("connecting to {}", redacted(url)))?,
        ),
    })
}

fn database_is_empty(database: &DatabaseUrl) -> anyhow::Result<bool> {
    if let DatabaseUrl::Sqlite(path) = database {
        match fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
            Ok(m) if m.len() == 0 => return Ok(true),
            Ok(_) => {}
        }
    }
    let mut conn = connect(database)?;
    Ok(table_names(&mut conn)?.is_empty())
}

fn load_database(database: &DatabaseUrl, file: &Path, empty: bool) -> anyhow::Result<()> {
    match database {
        DatabaseUrl::Sqlite(path) => {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut p = path.clone().into_os_string();
                p.push(suffix);
                match fs::remove_file(&p) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => {
                        return Err(e).with_context(|| format!("removing {}", path.display()))
                    }
                }
            }
            copy_file(file, path).with_context(|| format!("writing {}", path.display()))
        }
        DatabaseUrl::Postgres(url) => {
            if !tool_available("pg_restore") {
                bail!("pg_restore is not on PATH: install the PostgreSQL client tools to restore a PostgreSQL backup");
            }
            if !empty {
                let mut conn = PgConnection::establish(url)
                    .with_context(|| format!("connecting to {}", redacted(url)))?;
                conn.batch_execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
                    .context("emptying the database (--force)")?;
            }
            let output = Command::new("pg_restore")
                .args([
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                ])
                .arg(format!("--dbname={url}"))
                .arg(file)
                .output()
                .context("running pg_restore")?;
            if !output.status.success() {
                bail!(
                    "pg_restore failed ({}), the database is unchanged: {}",
                    output.status,
                    String::from_utf8_lossy(&output.stderr).trim()
                );
            }
            Ok(())
        }
    }
}

/// Compares the restored database and files with the manifest; every difference is listed.
pub fn verify(
    database: &DatabaseUrl,
    data_dir: &Path,
    manifest: &Manifest,
) -> anyhow::Result<Report> {
    let mut conn = connect(database)?;
    let facts = read_facts(&mut conn)?;
    let mut problems = Vec::new();
    for (table, expected) in &manifest.tables {
        match facts.tables.get(table) {
            Some(n) if n == expected => {}
            Some(n) => problems.push(format!(
                "table {table}: {n} rows, the manifest says {expected}"
            )),
            None => problems.push(format!("table {table} is missing")),
        }
    }
    for table in facts.tables.keys() {
        if !manifest.tables.contains_key(table) {
            problems.push(format!("table {table} is not in the manifest"));
        }
    }
    if facts.migration_version != manifest.migration_version {
        problems.push(format!(
            "migration {}, the manifest says {}",
            facts.migration_version, manifest.migration_version
        ));
    }
    let chain = crate::audit::verify(&mut conn).map_err(|e| anyhow!("{e}"))?;
    if !chain.ok {
        problems.push(format!(
            "the audit chain is broken at row {:?}",
            chain.first_broken_id
        ));
    }
    // The manifest's head must be in the chain with its hash. It need not be the newest sealed
    // row any more: rows that were committed but not yet sealed when the backup was taken are
    // sealed after it (by the verify above, or by the restore), and follow it in the chain.
    if let Some(head) = &manifest.audit_head {
        let hash: Option<String> = crate::db::schema::audit_log::table
            .find(head.id)
            .filter(crate::db::schema::audit_log::seq.is_not_null())
            .select(crate::db::schema::audit_log::hash)
            .first(&mut conn)
            .optional()
            .context("reading the manifest's audit head")?;
        if hash.as_deref() != Some(head.hash.as_str()) {
            problems.push(format!(
                "the audit chain does not hold the manifest's head {head:?} (its newest sealed \
                 row is {:?})",
                facts.audit_head
            ));
        }
    }
    let prefix = format!("{FILES_DIR}/");
    for entry in &manifest.files {
        let rel = entry.path.strip_prefix(&prefix).unwrap_or(&entry.path);
        match hash_file(&data_dir.join(rel)) {
            Ok((size, sha)) if size == entry.size && sha == entry.sha256 => {}
            Ok(_) => problems.push(format!("file {rel}: content differs from the manifest")),
            Err(e) => problems.push(format!("file {rel}: {e}")),
        }
    }
    if !problems.is_empty() {
        bail!(
            "the restored data does not match the manifest ({} problem(s)): {}",
            problems.len(),
            problems.join("; ")
        );
    }
    let migrations_applied = migrations::run_pending(&mut conn)?;
    Ok(Report {
        tables: manifest.tables.len(),
        rows: manifest.tables.values().sum(),
        files: manifest.files.len(),
        audit_rows: chain.checked,
        migrations_applied,
    })
}
