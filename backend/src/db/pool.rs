//! The r2d2 pool and its connection manager.
//!
//! The manager is ours rather than diesel's `ConnectionManager<DbConnection>` because the
//! derived `establish` tries every engine in turn: a PostgreSQL URL whose server is down would
//! then be opened as an SQLite *file*. Here the engine is decided once from the configuration.

use std::time::Duration;

use anyhow::Context;
use diesel::{
    connection::SimpleConnection,
    r2d2::{self, ManageConnection, R2D2Connection},
    Connection, ConnectionError, PgConnection, RunQueryDsl, SqliteConnection,
};

use super::DbConnection;

use crate::config::DatabaseUrl;

/// How long an SQLite writer waits for the lock before giving up.
const SQLITE_BUSY_TIMEOUT_MS: u32 = 5_000;

/// The pool type.
pub type Pool = r2d2::Pool<Manager>;
/// A connection borrowed from the pool.
pub type PooledConnection = r2d2::PooledConnection<Manager>;

/// Opens connections of the configured engine and prepares each one.
#[derive(Debug)]
pub struct Manager {
    url: DatabaseUrl,
    /// libpq's `connect_timeout` (seconds), so a server that does not answer (rather than
    /// refusing) cannot hold a request past the pool's wait.
    connect_timeout_secs: u64,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match &self.url {
            DatabaseUrl::Postgres(url) => {
                let url = with_connect_timeout(url, self.connect_timeout_secs);
                let mut conn =
                    PgConnection::establish(&url).map_err(r2d2::Error::ConnectionError)?;
                // Timestamps are stored as UTC without zone; pin the session zone so that
                // nothing a DBA configures changes what `now()` means.
                conn.batch_execute("SET TIME ZONE 'UTC'; SET application_name = 'title-backend'")
                    .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Pg(conn))
            }
            DatabaseUrl::Sqlite(path) => {
                let path = path.to_str().ok_or_else(|| {
                    r2d2::Error::ConnectionError(ConnectionError::InvalidConnectionUrl(
                        "the SQLite path is not valid UTF-8".to_owned(),
                    ))
                })?;
                let mut conn =
                    SqliteConnection::establish(path).map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS};
                     PRAGMA journal_mode = WAL;
                     PRAGMA synchronous = NORMAL;
                     PRAGMA foreign_keys = ON;"
                ))
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.ping().map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}

/// `url` with libpq's `connect_timeout` unless it sets one.
fn with_connect_timeout(url: &str, secs: u64) -> String {
    if url.contains("connect_timeout=") {
        return url.to_owned();
    }
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}connect_timeout={secs}")
}

/// Builds the pool, creating the SQLite file's folder when needed, and checks that one
/// connection can be opened. A request waits at most `acquire_timeout` for a connection; while
/// the database is away every wait ends there (503), and the pool reconnects by itself when it
/// returns (broken connections are dropped, each checkout is tested).
pub fn build_pool(url: &DatabaseUrl, size: u32, acquire_timeout: Duration) -> anyhow::Result<Pool> {
    if let DatabaseUrl::Sqlite(path) = url {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating the database folder {}", dir.display()))?;
        }
    }
    r2d2::Pool::builder()
        .max_size(size)
        .connection_timeout(acquire_timeout)
        .test_on_check_out(true)
        .build(Manager {
            url: url.clone(),
            connect_timeout_secs: acquire_timeout.as_secs()
                + u64::from(acquire_timeout.subsec_nanos() > 0),
        })
        .with_context(|| format!("connecting to {}", url.redacted()))
}

/// The PostgreSQL advisory lock every instance takes while it migrates and prepares the
/// database at start (an arbitrary constant: "title" in ASCII).
const STARTUP_LOCK: i64 = 0x0074_6974_6c65;

/// Held while one instance migrates and prepares the database; released when dropped (the
/// connection closes, and PostgreSQL frees a session's advisory locks with it).
pub struct StartupLock {
    _conn: PgConnection,
}

impl std::fmt::Debug for StartupLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StartupLock")
    }
}

/// Waits for the startup lock of the PostgreSQL database `url` (`None` on SQLite: one file,
/// one host, and SQLite's own write lock serialises what two processes would do). Instances
/// that start together thus migrate once, and the first of them generates the shared token
/// secret and seeds the demo; the others find both done.
pub fn startup_lock(
    url: &DatabaseUrl,
    connect_timeout_secs: u64,
) -> anyhow::Result<Option<StartupLock>> {
    let DatabaseUrl::Postgres(url) = url else {
        return Ok(None);
    };
    let mut conn = PgConnection::establish(&with_connect_timeout(url, connect_timeout_secs))
        .map_err(|e| anyhow::anyhow!("connecting for the startup lock: {e}"))?;
    diesel::sql_query(format!("SELECT pg_advisory_lock({STARTUP_LOCK})"))
        .execute(&mut conn)
        .map_err(|e| anyhow::anyhow!("taking the startup lock: {e}"))?;
    Ok(Some(StartupLock { _conn: conn }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_connect_timeout_is_added_once() {
        assert_eq!(
            super::with_connect_timeout("postgres://u@h/db", 3),
            "postgres://u@h/db?connect_timeout=3"
        );
        assert_eq!(
            super::with_connect_timeout("postgres://u@h/db?sslmode=disable", 2),
            "postgres://u@h/db?sslmode=disable&connect_timeout=2"
        );
        assert_eq!(
            super::with_connect_timeout("postgres://u@h/db?connect_timeout=9", 2),
            "postgres://u@h/db?connect_timeout=9"
        );
    }
}
