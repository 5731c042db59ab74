//! The CLI side of backup, restore and sweep: configuration from the environment, JSON on
//! standard output, an error (exit code 1) on any problem.

use std::{
    path::Path,
    time::{Duration, SystemTime},
};

use anyhow::{anyhow, bail};
use clap::Subcommand;

use crate::config::{Config, StorageConfig};

/// These commands copy, restore and sweep the files under `DATA_DIR`. With `STORAGE=s3` the
/// files are in the object store, whose own versioning and replication keep them; running the
/// commands there would report every file missing or copy none, so they refuse instead.
fn local_storage(config: &Config, command: &str) -> anyhow::Result<()> {
    match config.storage {
        StorageConfig::Local => Ok(()),
        StorageConfig::S3(_) => bail!(
            "`backend {command}` works on files under DATA_DIR; with STORAGE=s3 the attachment files are in the object store. Back up the database with pg_dump and keep the bucket with its versioning and replication (docs/DEPLOYMENT.md)"
        ),
    }
}

/// `backend files …`.
#[derive(Debug, Subcommand)]
pub enum FilesCommand {
    /// Remove attachment files that no row references (older than --min-age-secs) and report
    /// rows whose file is missing. Exit code 1 when a row's file is missing.
    Sweep {
        /// Only list what would be removed.
        #[arg(long)]
        dry_run: bool,
        /// Leave files younger than this alone (an upload in flight).
        #[arg(long, default_value_t = super::sweep::DEFAULT_MIN_AGE.as_secs())]
        min_age_secs: u64,
    },
}

/// `backend backup DIR`.
pub fn backup(dir: &Path) -> anyhow::Result<()> {
    let config = Config::from_env()?;
    local_storage(&config, "backup")?;
    let now = chrono::Utc::now().naive_utc();
    let manifest = super::backup::run(&config.database, &config.data_dir, dir, now)?;
    println!("{}", serde_json::to_string_pretty(&manifest)?);
    Ok(())
}

/// `backend restore DIR [--force]`.
pub fn restore(dir: &Path, force: bool) -> anyhow::Result<()> {
    let config = Config::from_env()?;
    local_storage(&config, "restore")?;
    let report = super::restore::run(&config.database, &config.data_dir, dir, force)?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}

/// `backend files …`.
pub fn files(command: FilesCommand) -> anyhow::Result<()> {
    let FilesCommand::Sweep {
        dry_run,
        min_age_secs,
    } = command;
    let config = Config::from_env()?;
    local_storage(&config, "files sweep")?;
    let pool = crate::db::build_pool(&config.database, 1, config.db_acquire_timeout)?;
    let mut conn = pool
        .get()
        .map_err(|e| anyhow!("opening the database: {e}"))?;
    let report = super::sweep::sweep(
        &mut conn,
        &config.data_dir,
        Duration::from_secs(min_age_secs),
        SystemTime::now(),
        dry_run,
    )?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    if !report.missing.is_empty() {
        bail!(
            "{} attachment row(s) have no file (listed above under \"missing\"); restore them from a backup",
            report.missing.len()
        );
    }
    Ok(())
}
