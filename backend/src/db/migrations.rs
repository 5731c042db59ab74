//! Embedded migrations, one set per engine (`migrations/sqlite`, `migrations/postgres`).
//! Both sets must describe the same tables and columns; a test compares them.

use anyhow::anyhow;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::DbConnection;

const SQLITE: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// Applies every pending migration; returns how many were applied now.
pub fn run_pending(conn: &mut DbConnection) -> anyhow::Result<usize> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE).map(|v| v.len()),
        DbConnection::Pg(c) => c.run_pending_migrations(POSTGRES).map(|v| v.len()),
    };
    applied.map_err(|e| anyhow!("running migrations: {e}"))
}

/// How many migrations the database has applied.
pub fn applied_count(conn: &mut DbConnection) -> anyhow::Result<usize> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.applied_migrations().map(|v| v.len()),
        DbConnection::Pg(c) => c.applied_migrations().map(|v| v.len()),
    };
    applied.map_err(|e| anyhow!("reading applied migrations: {e}"))
}

/// The version of the newest migration this binary carries for `kind` (e.g. `20261202000150`).
pub fn latest_version(kind: shared::DatabaseKind) -> Option<String> {
    use diesel::migration::MigrationSource;
    let versions = match kind {
        shared::DatabaseKind::Sqlite => {
            MigrationSource::<diesel::sqlite::Sqlite>::migrations(&SQLITE)
                .map(|m| m.iter().map(|m| m.name().version().to_string()).collect())
        }
        shared::DatabaseKind::Postgres => MigrationSource::<diesel::pg::Pg>::migrations(&POSTGRES)
            .map(|m| m.iter().map(|m| m.name().version().to_string()).collect()),
    };
    versions
        .unwrap_or_else(|_| Vec::<String>::new())
        .into_iter()
        .max()
}
