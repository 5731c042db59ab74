//! Configuration from the environment. Every variable is documented in the README.

use std::{net::IpAddr, path::PathBuf, time::Duration};

use anyhow::{bail, Context};
use shared::DatabaseKind;

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An SQLite file (created with its folder when missing).
    Sqlite(PathBuf),
    /// A PostgreSQL connection string (`postgres://…` or `postgresql://…`).
    Postgres(String),
}

impl DatabaseUrl {
    /// Default: an SQLite file under `./data/`.
    pub const DEFAULT: &'static str = "sqlite://data/title.db";

    /// Parses `postgres://…`, `postgresql://…`, `sqlite://PATH`, `sqlite:PATH` or a bare path.
    pub fn parse(raw: &str) -> anyhow::Result<Self> {
        let raw = raw.trim();
        if raw.is_empty() {
            bail!("DATABASE_URL is empty");
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(raw.to_owned()));
        }
        let path = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
            .unwrap_or(raw);
        if path.contains("://") {
            bail!("DATABASE_URL must be postgres://…, postgresql://… or sqlite://PATH");
        }
        if path.is_empty() {
            bail!("DATABASE_URL names no SQLite file");
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(path)))
    }

    /// The engine behind this URL.
    pub fn kind(&self) -> DatabaseKind {
        match self {
            DatabaseUrl::Sqlite(_) => DatabaseKind::Sqlite,
            DatabaseUrl::Postgres(_) => DatabaseKind::Postgres,
        }
    }

    /// A form safe for logs: PostgreSQL passwords are hidden.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => redact_password(url),
        }
    }
}

fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

/// The server's settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`.
    pub database: DatabaseUrl,
    /// `BIND` (default 127.0.0.1).
    pub bind: IpAddr,
    /// `PORT` (default 8080; 0 picks a free port).
    pub port: u16,
    /// `STATIC_DIR`: the built SPA (default `frontend/dist`).
    pub static_dir: PathBuf,
    /// `DB_POOL_SIZE` (default 10).
    pub db_pool_size: u32,
    /// `DB_ACQUIRE_TIMEOUT_MS` (default 3000, 100–60000): how long a request waits for a
    /// database connection before it answers 503 `database_unavailable` (also the PostgreSQL
    /// connect timeout, rounded up to whole seconds).
    pub db_acquire_timeout: Duration,
    /// `HTTP_WORKERS` (default: the number of cores).
    pub workers: usize,
    /// `MAX_JSON_BYTES`: the largest accepted JSON body (default 256 KiB).
    pub max_json_bytes: usize,
    /// `SHUTDOWN_TIMEOUT_SECS`: how long in-flight requests may finish on shutdown (default 30).
    pub shutdown_timeout: Duration,
    /// `JWT_SECRET` (≥ 32 bytes). Unset: a random secret is generated once and kept in the
    /// database, so that every instance and restart shares it.
    pub jwt_secret: Option<String>,
    /// `DEMO` (default on): seed the demo province into an empty database at start.
    pub demo: bool,
    /// `DATA_DIR`: where files live (attachments under `attachments/`). Default: the SQLite
    /// file's folder (`./data` with the default `DATABASE_URL`), or `./data` on PostgreSQL.
    pub data_dir: PathBuf,
    /// `ATTACHMENT_MAX_BYTES`: the largest accepted attachment (default 20 MiB).
    pub attachment_max_bytes: u64,
    /// `STORAGE`: where attachment files live — `local` (default: `DATA_DIR/attachments`) or
    /// `s3` (an S3-compatible object store, the `S3_*` settings; what several instances need).
    pub storage: StorageConfig,
    /// `TRUSTED_PROXIES`: the addresses of the reverse proxies in front (comma-separated IP
    /// addresses, default none). A request from one of them is taken to come from the address
    /// its `X-Forwarded-For` names last that is not itself a trusted proxy; from anyone else
    /// the header is ignored. The sign-in limit per address and the audit's addresses use it.
    pub trusted_proxies: Vec<IpAddr>,
    /// `TEST_CLOCK_CONTROL` (default off; NEVER in production): the server's clock can be moved
    /// forward through `POST /api/test/clock/advance`, so that browser journeys can let a
    /// publicity period elapse. The route does not exist unless this is on.
    pub test_clock_control: bool,
    /// `AUDIT_SIGNING_KEY_FILE`: the audit checkpoint signing key (the 32-byte ed25519 seed,
    /// hex). Unset: a key generated at first start in `DATA_DIR/audit-signing.key` (0600); in
    /// production keep it outside DATA_DIR and its backups.
    pub audit_signing_key_file: Option<PathBuf>,
    /// `AUDIT_CHECKPOINT_MINUTES` (default 60; 0 turns the periodic job off): how often the
    /// server signs a checkpoint of the audit chain head.
    pub audit_checkpoint_minutes: u64,
    /// `NOTICE_JOB_SECONDS` (default 60; 0 turns it off): how often the notice job runs (the
    /// time-driven notices and the delivery beyond the app; one instance runs it each time).
    pub notice_job_seconds: u64,
    /// `CERTIFICATE_SIGNING_KEY_FILE`: the key that signs certificates' QR payloads (the
    /// 32-byte ed25519 seed, hex). Unset: generated at first start in
    /// `DATA_DIR/certificate-signing.key` (0600).
    pub certificate_signing_key_file: Option<PathBuf>,
    /// `DATA_ENCRYPTION_KEY_FILE`: the keys that seal personal secrets at rest (AES-256-GCM,
    /// `version:64 hex digits` a line; the highest version encrypts). Unset: generated at first
    /// start in `DATA_DIR/data-encryption.keys` (0600); in production keep it outside DATA_DIR
    /// and its backups. `backend keys reencrypt` moves every row to the newest version.
    pub data_encryption_key_file: Option<PathBuf>,
    /// `PUBLIC_BASE_URL`: where the public site is reached, for the links printed in QR codes.
    /// Unset: `http://localhost:{the bound port}`; production sets the real `https://…` address.
    pub public_base_url: Option<String>,
}

/// Where attachment files live (`STORAGE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageConfig {
    /// On this machine's disk, under `DATA_DIR/attachments`.
    Local,
    /// In an S3-compatible object store.
    S3(crate::storage::S3Settings),
}

/// Reads `STORAGE` and, for `s3`, the `S3_*` settings.
fn storage_config(lookup: &impl Fn(&str) -> Option<String>) -> anyhow::Result<StorageConfig> {
    let set = |name: &str| {
        lookup(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let required =
        |name: &str| set(name).with_context(|| format!("{name} must be set when STORAGE=s3"));
    match set("STORAGE").as_deref().unwrap_or("local") {
        "local" => Ok(StorageConfig::Local),
        "s3" => {
            let endpoint = required("S3_ENDPOINT")?.trim_end_matches('/').to_owned();
            if !(endpoint.starts_with("https://") || endpoint.starts_with("http://")) {
                bail!("S3_ENDPOINT must start with https:// or http://, not {endpoint:?}");
            }
            Ok(StorageConfig::S3(crate::storage::S3Settings {
                endpoint,
                bucket: required("S3_BUCKET")?,
                region: set("S3_REGION").unwrap_or_else(|| "us-east-1".to_owned()),
                access_key_id: required("S3_ACCESS_KEY_ID")?,
                secret_access_key: required("S3_SECRET_ACCESS_KEY")?,
                prefix: set("S3_PREFIX").unwrap_or_default(),
            }))
        }
        other => bail!("STORAGE must be local or s3, not {other:?}"),
    }
}

/// Reads `TRUSTED_PROXIES`: comma-separated IP addresses.
fn trusted_proxies(lookup: &impl Fn(&str) -> Option<String>) -> anyhow::Result<Vec<IpAddr>> {
    lookup("TRUSTED_PROXIES")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| {
            a.parse()
                .with_context(|| format!("TRUSTED_PROXIES: {a:?} is not an IP address"))
        })
        .collect()
}

/// The default `ATTACHMENT_MAX_BYTES`: 20 MiB.
pub const DEFAULT_ATTACHMENT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// The folder `DATA_DIR` defaults to: the SQLite file's own folder, else `./data`.
fn default_data_dir(database: &DatabaseUrl) -> PathBuf {
    match database {
        DatabaseUrl::Sqlite(file) => match file.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        },
        DatabaseUrl::Postgres(_) => PathBuf::from("data"),
    }
}

impl Config {
    /// Reads the environment.
    pub fn from_env() -> anyhow::Result<Self> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup` (the environment in production, a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let get = |name: &str, default: &str| lookup(name).unwrap_or_else(|| default.to_owned());
        let database = DatabaseUrl::parse(&get("DATABASE_URL", DatabaseUrl::DEFAULT))
            .context("reading DATABASE_URL")?;
        let bind = get("BIND", "127.0.0.1")
            .parse()
            .context("BIND must be an IP address, e.g. 127.0.0.1 or 0.0.0.0")?;
        let port = get("PORT", "8080")
            .parse()
            .context("PORT must be a number 0-65535")?;
        let static_dir = PathBuf::from(get("STATIC_DIR", "frontend/dist"));
        let db_pool_size: u32 = get("DB_POOL_SIZE", "10")
            .parse()
            .context("DB_POOL_SIZE must be a positive number")?;
        if db_pool_size == 0 {
            bail!("DB_POOL_SIZE must be at least 1");
        }
        let acquire_ms: u64 = get("DB_ACQUIRE_TIMEOUT_MS", "3000")
            .parse()
            .context("DB_ACQUIRE_TIMEOUT_MS must be a number of milliseconds")?;
        if !(100..=60_000).contains(&acquire_ms) {
            bail!("DB_ACQUIRE_TIMEOUT_MS must be 100-60000");
        }
        let default_workers = std::thread::available_parallelism().map_or(2, usize::from);
        let workers: usize = get("HTTP_WORKERS", &default_workers.to_string())
            .parse()
            .context("HTTP_WORKERS must be a positive number")?;
        if workers == 0 {
            bail!("HTTP_WORKERS must be at least 1");
        }
        let max_json_bytes = get("MAX_JSON_BYTES", "262144")
            .parse()
            .context("MAX_JSON_BYTES must be a number of bytes")?;
        let shutdown_secs: u64 = get("SHUTDOWN_TIMEOUT_SECS", "30")
            .parse()
            .context("SHUTDOWN_TIMEOUT_SECS must be a number of seconds")?;
        let jwt_secret = lookup("JWT_SECRET").filter(|s| !s.is_empty());
        if jwt_secret.as_ref().is_some_and(|s| s.len() < 32) {
            bail!("JWT_SECRET must have at least 32 bytes");
        }
        let demo = match get("DEMO", "1").trim() {
            "1" | "true" | "yes" | "on" => true,
            "0" | "false" | "no" | "off" => false,
            other => bail!("DEMO must be 1 or 0, not {other:?}"),
        };
        let data_dir = lookup("DATA_DIR")
            .filter(|d| !d.trim().is_empty())
            .map_or_else(|| default_data_dir(&database), PathBuf::from);
        let attachment_max_bytes: u64 = get(
            "ATTACHMENT_MAX_BYTES",
            &DEFAULT_ATTACHMENT_MAX_BYTES.to_string(),
        )
        .parse()
        .context("ATTACHMENT_MAX_BYTES must be a number of bytes")?;
        if attachment_max_bytes == 0 {
            bail!("ATTACHMENT_MAX_BYTES must be at least 1");
        }
        let storage = storage_config(&lookup)?;
        let trusted_proxies = trusted_proxies(&lookup)?;
        let test_clock_control = match get("TEST_CLOCK_CONTROL", "0").trim() {
            "1" | "true" | "yes" | "on" => true,
            "0" | "false" | "no" | "off" => false,
            other => bail!("TEST_CLOCK_CONTROL must be 1 or 0, not {other:?}"),
        };
        let audit_signing_key_file = lookup("AUDIT_SIGNING_KEY_FILE")
            .filter(|f| !f.trim().is_empty())
            .map(PathBuf::from);
        let audit_checkpoint_minutes: u64 = get("AUDIT_CHECKPOINT_MINUTES", "60")
            .parse()
            .context("AUDIT_CHECKPOINT_MINUTES must be a number of minutes")?;
        let notice_job_seconds: u64 = get("NOTICE_JOB_SECONDS", "60")
            .parse()
            .context("NOTICE_JOB_SECONDS must be a number of seconds")?;
        let certificate_signing_key_file = lookup("CERTIFICATE_SIGNING_KEY_FILE")
            .filter(|f| !f.trim().is_empty())
            .map(PathBuf::from);
        let data_encryption_key_file = lookup("DATA_ENCRYPTION_KEY_FILE")
            .filter(|f| !f.trim().is_empty())
            .map(PathBuf::from);
        let public_base_url = match lookup("PUBLIC_BASE_URL").filter(|u| !u.trim().is_empty()) {
            Some(url) => {
                let url = url.trim().trim_end_matches('/').to_owned();
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    bail!("PUBLIC_BASE_URL must start with https:// or http://, not {url:?}");
                }
                Some(url)
            }
            None => None,
        };
        Ok(Config {
            certificate_signing_key_file,
            data_encryption_key_file,
            public_base_url,
            audit_signing_key_file,
            audit_checkpoint_minutes,
            notice_job_seconds,
            data_dir,
            attachment_max_bytes,
            storage,
            trusted_proxies,
            test_clock_control,
            jwt_secret,
            demo,
            database,
            bind,
            port,
            static_dir,
            db_pool_size,
            db_acquire_timeout: Duration::from_millis(acquire_ms),
            workers,
            max_json_bytes,
            shutdown_timeout: Duration::from_secs(shutdown_secs),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> anyhow::Result<Config> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_give_sqlite_under_data_on_localhost_8080() -> anyhow::Result<()> {
        let c = config(&[])?;
        assert_eq!(
            c.database,
            DatabaseUrl::Sqlite(PathBuf::from("data/title.db"))
        );
        assert_eq!(c.bind.to_string(), "127.0.0.1");
        assert_eq!(c.port, 8080);
        assert_eq!(c.static_dir, PathBuf::from("frontend/dist"));
        assert_eq!(c.data_dir, PathBuf::from("data"));
        assert_eq!(c.attachment_max_bytes, 20 * 1024 * 1024);
        Ok(())
    }

    #[test]
    fn the_data_dir_follows_the_sqlite_file_unless_set() -> anyhow::Result<()> {
        let c = config(&[("DATABASE_URL", "sqlite:///var/lib/title/x.db")])?;
        assert_eq!(c.data_dir, PathBuf::from("/var/lib/title"));
        let c = config(&[("DATABASE_URL", "x.db")])?;
        assert_eq!(c.data_dir, PathBuf::from("."));
        let c = config(&[("DATABASE_URL", "postgres://u@h/db")])?;
        assert_eq!(c.data_dir, PathBuf::from("data"));
        let c = config(&[("DATA_DIR", "/srv/files"), ("ATTACHMENT_MAX_BYTES", "1024")])?;
        assert_eq!(c.data_dir, PathBuf::from("/srv/files"));
        assert_eq!(c.attachment_max_bytes, 1024);
        Ok(())
    }

    #[test]
    fn audit_checkpoints_default_to_hourly_with_a_generated_key() -> anyhow::Result<()> {
        let c = config(&[])?;
        assert_eq!(c.audit_checkpoint_minutes, 60);
        assert_eq!(c.audit_signing_key_file, None);
        let c = config(&[
            ("AUDIT_CHECKPOINT_MINUTES", "0"),
            ("AUDIT_SIGNING_KEY_FILE", "/etc/title/audit.key"),
        ])?;
        assert_eq!(c.audit_checkpoint_minutes, 0);
        assert_eq!(
            c.audit_signing_key_file,
            Some(PathBuf::from("/etc/title/audit.key"))
        );
        assert!(config(&[("AUDIT_CHECKPOINT_MINUTES", "soon")]).is_err());
        Ok(())
    }

    #[test]
    fn database_urls_are_recognised() -> anyhow::Result<()> {
        let cases = [
            ("postgres://u@h/db", DatabaseKind::Postgres),
            ("postgresql://u@h/db", DatabaseKind::Postgres),
            ("sqlite://data/x.db", DatabaseKind::Sqlite),
            ("sqlite:/tmp/x.db", DatabaseKind::Sqlite),
            ("/var/lib/title/x.db", DatabaseKind::Sqlite),
        ];
        for (raw, kind) in cases {
            assert_eq!(DatabaseUrl::parse(raw)?.kind(), kind, "{raw}");
        }
        assert!(DatabaseUrl::parse("mysql://h/db").is_err());
        assert!(DatabaseUrl::parse("").is_err());
        assert!(DatabaseUrl::parse("sqlite://").is_err());
        Ok(())
    }

    #[test]
    fn bad_values_are_refused_with_the_variable_named() {
        for (var, value) in [
            ("PORT", "80800"),
            ("BIND", "localhost"),
            ("DB_POOL_SIZE", "0"),
            ("HTTP_WORKERS", "x"),
            ("ATTACHMENT_MAX_BYTES", "0"),
            ("ATTACHMENT_MAX_BYTES", "20MB"),
            ("STORAGE", "nfs"),
            ("TRUSTED_PROXIES", "10.0.0.0/8"),
        ] {
            let err = config(&[(var, value)]).err().map(|e| format!("{e:#}"));
            assert!(err.is_some_and(|e| e.contains(var)), "{var}={value}");
        }
    }

    #[test]
    fn passwords_never_reach_logs() -> anyhow::Result<()> {
        let url = DatabaseUrl::parse("postgres://app:s3cret@db:5432/title")?;
        assert_eq!(url.redacted(), "postgres://app:***@db:5432/title");
        Ok(())
    }

    #[test]
    fn storage_is_local_unless_s3_is_set_in_full() -> anyhow::Result<()> {
        assert_eq!(config(&[])?.storage, StorageConfig::Local);
        let s3 = [
            ("STORAGE", "s3"),
            ("S3_ENDPOINT", "http://127.0.0.1:3900/"),
            ("S3_BUCKET", "title"),
            ("S3_REGION", "garage"),
            ("S3_ACCESS_KEY_ID", "GK1"),
            ("S3_SECRET_ACCESS_KEY", "secret"),
        ];
        let StorageConfig::S3(settings) = config(&s3)?.storage else {
            anyhow::bail!("STORAGE=s3 gave local storage");
        };
        assert_eq!(settings.endpoint, "http://127.0.0.1:3900");
        assert_eq!(settings.bucket, "title");
        assert_eq!(settings.region, "garage");
        assert_eq!(settings.prefix, "");
        for missing in [
            "S3_ENDPOINT",
            "S3_BUCKET",
            "S3_ACCESS_KEY_ID",
            "S3_SECRET_ACCESS_KEY",
        ] {
            let vars: Vec<_> = s3.iter().copied().filter(|(k, _)| *k != missing).collect();
            let err = config(&vars).err().map(|e| format!("{e:#}"));
            assert!(err.is_some_and(|e| e.contains(missing)), "{missing}");
        }
        let mut bad = s3.to_vec();
        bad[1] = ("S3_ENDPOINT", "127.0.0.1:3900");
        assert!(config(&bad).is_err());
        Ok(())
    }

    #[test]
    fn trusted_proxies_are_addresses() -> anyhow::Result<()> {
        assert!(config(&[])?.trusted_proxies.is_empty());
        let c = config(&[("TRUSTED_PROXIES", " 127.0.0.1, ::1 ,")])?;
        assert_eq!(
            c.trusted_proxies,
            vec!["127.0.0.1".parse::<IpAddr>()?, "::1".parse::<IpAddr>()?]
        );
        Ok(())
    }
}
