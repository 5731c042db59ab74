//! The orphan-file sweeper. An upload writes its file, then commits its row; a crash between the
//! two leaves a file no row references, and a crash during the write leaves a `<key>.part`.
//! Files under `DATA_DIR/attachments/` without a row and older than the minimum age are
//! removed (the age keeps an upload in flight safe: its row commits seconds after its file).
//! The reverse — rows whose file is missing — is reported, never repaired: only a backup can.
//!
//! Runs as `backend files sweep [--dry-run] [--min-age-secs N]` and hourly inside the server
//! (`SWEEP_INTERVAL_SECS`, 0 turns it off). Removals are logged (`tracing` at `warn`, one event
//! per file and a summary), not audited: they change no business record (docs/OPERATIONS.md).

use std::{
    collections::HashSet,
    fs,
    path::Path,
    time::{Duration, SystemTime},
};

use anyhow::Context;
use serde::Serialize;

use super::{files_under, key_path, stored_files};
use crate::db::{Db, DbConnection};

/// The default minimum age of a file the sweeper may remove: one hour.
pub const DEFAULT_MIN_AGE: Duration = Duration::from_secs(3600);
/// The default interval of the server's sweep: one hour.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(3600);

/// A row whose file is gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingFile {
    /// The row's table (`attachments`, `blind_opinions`, `review_filing_files`,
    /// `expert_recommendation_files`).
    pub table: String,
    /// The row's id in it (named for the first table that stored files).
    pub attachment_id: i64,
    /// Its storage key.
    pub storage_key: String,
}

/// What a sweep found and did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Whether files were only listed.
    pub dry_run: bool,
    /// Files looked at.
    pub scanned: usize,
    /// Files without a row, older than the minimum age: removed (or, dry run, to remove);
    /// paths relative to `DATA_DIR`.
    pub orphans: Vec<String>,
    /// Files without a row still younger than the minimum age: kept.
    pub young_orphans: usize,
    /// Files whose name is not a storage key (left alone).
    pub foreign: Vec<String>,
    /// Rows whose file is missing (reported only).
    pub missing: Vec<MissingFile>,
}

/// Sweeps `data_dir`'s attachment store against the database; see the module documentation.
pub fn sweep(
    conn: &mut DbConnection,
    data_dir: &Path,
    min_age: Duration,
    now: SystemTime,
    dry_run: bool,
) -> anyhow::Result<Report> {
    // Rows first: a row read here has its file already (files are written before rows commit).
    let rows = stored_files(conn).context("reading the rows that store files")?;
    let referenced: HashSet<&str> = rows.iter().map(|r| r.storage_key.as_str()).collect();
    let root = data_dir.join("attachments");
    let mut report = Report {
        dry_run,
        ..Report::default()
    };
    let mut present = HashSet::new();
    for path in files_under(&root).context("listing the attachment store")? {
        report.scanned += 1;
        let rel = path
            .strip_prefix(data_dir)
            .unwrap_or(&path)
            .display()
            .to_string();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            report.foreign.push(rel);
            continue;
        };
        let key = name.strip_suffix(".part").unwrap_or(name);
        if key_path(key).is_none() {
            report.foreign.push(rel);
            continue;
        }
        let partial = key.len() != name.len();
        if !partial {
            present.insert(key.to_owned());
            if referenced.contains(key) {
                continue;
            }
        }
        let modified = fs::metadata(&path)
            .and_then(|m| m.modified())
            .unwrap_or(now);
        let age = now.duration_since(modified).unwrap_or_default();
        if age < min_age {
            report.young_orphans += 1;
            continue;
        }
        if !dry_run {
            match fs::remove_file(&path) {
                Ok(()) => {
                    tracing::warn!(file = %rel, age_secs = age.as_secs(), "removed an attachment file without a row");
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).with_context(|| format!("removing {rel}")),
            }
        }
        report.orphans.push(rel);
    }
    let mut suspects: Vec<_> = rows
        .into_iter()
        .filter(|r| !present.contains(&r.storage_key))
        .collect();
    if !suspects.is_empty() {
        // A row deleted meanwhile (its file goes after the commit) is no loss: ask again.
        let still: HashSet<(&str, i64)> = stored_files(conn)?
            .into_iter()
            .map(|r| (r.table, r.id))
            .collect();
        suspects.retain(|r| {
            still.contains(&(r.table, r.id))
                && key_path(&r.storage_key).is_none_or(|rel| !data_dir.join(rel).is_file())
        });
        for r in &suspects {
            tracing::error!(file.table = r.table, file.id = r.id, storage.key = %r.storage_key, "a row has no file");
        }
        report.missing = suspects
            .into_iter()
            .map(|r| MissingFile {
                table: r.table.to_owned(),
                attachment_id: r.id,
                storage_key: r.storage_key,
            })
            .collect();
    }
    if !report.orphans.is_empty() || !report.missing.is_empty() {
        tracing::warn!(
            dry_run,
            orphans = report.orphans.len(),
            young_orphans = report.young_orphans,
            missing = report.missing.len(),
            "attachment sweep"
        );
    }
    Ok(report)
}

/// The server's sweep interval: `SWEEP_INTERVAL_SECS` (default 3600; 0 turns it off).
pub fn interval_from_env() -> Option<Duration> {
    let secs = std::env::var("SWEEP_INTERVAL_SECS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(DEFAULT_INTERVAL.as_secs());
    (secs > 0).then(|| Duration::from_secs(secs))
}

/// Starts the periodic sweep on the current runtime: every `interval`, files older than
/// [`DEFAULT_MIN_AGE`]. A failed run is logged and retried at the next tick.
pub fn spawn_periodic(db: Db, data_dir: std::path::PathBuf, interval: Duration) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + interval, interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let dir = data_dir.clone();
            let run = db
                .run(move |conn| {
                    sweep(conn, &dir, DEFAULT_MIN_AGE, SystemTime::now(), false)
                        .map_err(crate::error::ApiError::internal)
                })
                .await;
            if let Err(e) = run {
                tracing::error!(error = %e, "the periodic attachment sweep failed");
            }
        }
    });
}
