//! The database layer: one connection type over SQLite and PostgreSQL, a pool, migrations.
//!
//! Queries are written once against [`DbConnection`]; the engine is chosen by `DATABASE_URL`.
//! Everything here blocks, so request handlers reach it through [`Db::run`], which moves the work
//! to actix's blocking thread pool.

pub mod migrations;
mod pool;
pub mod recent;
pub mod schema;
pub mod settings;
pub mod totals;

use diesel::{
    connection::{AnsiTransactionManager, TransactionManager},
    prelude::*,
    result::Error as DieselError,
};
use shared::DatabaseKind;

pub use pool::{build_pool, startup_lock, Pool, PooledConnection, StartupLock};

use crate::error::ApiError;

/// Runs the same diesel query on whichever engine `conn` is, for the few statements
/// (multi-row inserts) that diesel's `MultiConnection` cannot express itself.
#[macro_export]
macro_rules! on_engine {
    ($conn:expr, |$c:ident| $query:expr) => {
        match $conn {
            $crate::db::DbConnection::Pg($c) => $query,
            $crate::db::DbConnection::Sqlite($c) => $query,
        }
    };
}

/// SQLite's page cache during [`DbConnection::bulk_write_transaction`] (KiB): room for the
/// tables and indexes a 100,000-row import touches.
pub const SQLITE_BULK_CACHE_KIB: i64 = 262_144;

/// SQLite's own default page cache (KiB), which every other transaction keeps.
const SQLITE_DEFAULT_CACHE_KIB: i64 = 2_000;

/// A connection to either engine. Variant order matters to diesel's derive only for
/// `establish`, which this code never calls on the enum (see `pool::Manager`), so a PostgreSQL
/// URL can never fall through to creating an SQLite file of that name.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    /// PostgreSQL, the production engine.
    Pg(PgConnection),
    /// SQLite, the embedded default.
    Sqlite(SqliteConnection),
}

/// The backend type of [`DbConnection`], for boxed queries.
pub type DbBackend = <DbConnection as diesel::Connection>::Backend;

impl DbConnection {
    /// Which engine this connection talks to.
    pub fn kind(&self) -> DatabaseKind {
        match self {
            DbConnection::Pg(_) => DatabaseKind::Postgres,
            DbConnection::Sqlite(_) => DatabaseKind::Sqlite,
        }
    }

    /// Runs `f` in a write transaction. On SQLite it is `BEGIN IMMEDIATE`, so the write lock is
    /// taken up front and two writers queue on `busy_timeout` instead of one failing with
    /// `SQLITE_BUSY` at its first write; on PostgreSQL it is a plain `BEGIN`. Inside an open
    /// transaction it nests as a savepoint.
    pub fn write_transaction<T, E, F>(&mut self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E>,
        E: From<DieselError>,
    {
        type Manager = <DbConnection as Connection>::TransactionManager;
        let depth = Manager::transaction_manager_status_mut(self).transaction_depth()?;
        if depth.is_some() {
            return self.transaction(f);
        }
        match self {
            DbConnection::Sqlite(inner) => {
                AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?;
            }
            DbConnection::Pg(inner) => AnsiTransactionManager::begin_transaction(inner)?,
        }
        match f(self) {
            Ok(value) => {
                Manager::commit_transaction(self)?;
                Ok(value)
            }
            Err(err) => {
                // The rollback's own failure is secondary; the caller needs the first cause.
                if let Err(rollback) = Manager::rollback_transaction(self) {
                    tracing::error!(error = %rollback, "rollback after a failed transaction failed");
                }
                Err(err)
            }
        }
    }

    /// [`write_transaction`](Self::write_transaction) for an import that writes hundreds of
    /// thousands of rows at once. On SQLite, for the transaction only, the statement journal
    /// is kept in memory and the connection's page cache grows to [`SQLITE_BULK_CACHE_KIB`];
    /// both return to SQLite's defaults after it. Each multi-row `INSERT` of a long
    /// transaction copies every page it touches again into its statement journal (so that a
    /// constraint failure can undo that statement alone), a temporary *file* by default:
    /// profiled, 42 % of a 100,000-expert import was those writes (`docs/PERFORMANCE.md`).
    /// The B-trees of a random key (an ID number's hash, a verification token) outgrow the
    /// default 2 MiB cache within a few thousand rows. PostgreSQL's buffers and journal are
    /// the server's: nothing changes there.
    pub fn bulk_write_transaction<T, E, F>(&mut self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E>,
        E: From<DieselError>,
    {
        use diesel::connection::SimpleConnection;
        type Manager = <DbConnection as Connection>::TransactionManager;
        let nested = Manager::transaction_manager_status_mut(self)
            .transaction_depth()?
            .is_some();
        // Inside the caller's transaction it is a savepoint there, with that transaction's
        // settings; PostgreSQL keeps its own.
        let DbConnection::Sqlite(sqlite) = self else {
            return self.write_transaction(f);
        };
        if nested {
            return self.write_transaction(f);
        }
        // Outside the transaction: SQLite decides where the statement journal lives when the
        // transaction begins, and refuses to change `temp_store` inside one.
        sqlite.batch_execute(&format!(
            "PRAGMA cache_size = -{SQLITE_BULK_CACHE_KIB}; PRAGMA temp_store = MEMORY;"
        ))?;
        let result = self.write_transaction(f);
        if let DbConnection::Sqlite(sqlite) = self {
            // The pages go back to the allocator; a failure leaves a larger cache and an
            // in-memory temp store, not a fault.
            if let Err(e) = sqlite.batch_execute(&format!(
                "PRAGMA cache_size = -{SQLITE_DEFAULT_CACHE_KIB}; PRAGMA temp_store = DEFAULT;"
            )) {
                tracing::warn!(error = %e, "could not restore SQLite's cache and temp store");
            }
        }
        result
    }

    /// Runs `f` in the caller's transaction when there is one (no savepoint: two statements
    /// saved, and an error fails the whole transaction as it would anyway), else in a write
    /// transaction of its own.
    pub fn write_transaction_joined<T, E, F>(&mut self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E>,
        E: From<DieselError>,
    {
        type Manager = <DbConnection as Connection>::TransactionManager;
        if Manager::transaction_manager_status_mut(self)
            .transaction_depth()?
            .is_some()
        {
            return f(self);
        }
        self.write_transaction(f)
    }
}

/// The application's handle on the database: a pool plus the engine it serves.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    kind: DatabaseKind,
    totals: totals::Totals,
}

impl Db {
    /// Wraps a pool.
    pub fn new(pool: Pool, kind: DatabaseKind) -> Self {
        Db {
            totals: totals::Totals::new(pool.clone()),
            pool,
            kind,
        }
    }

    /// How the lists of this server count long totals: exactly up to the bound, beyond it
    /// from the recent counts of [`totals::Totals`].
    pub fn bounded_count(&self) -> totals::Count {
        totals::Count::Bounded(self.totals.clone())
    }

    /// The engine in use.
    pub fn kind(&self) -> DatabaseKind {
        self.kind
    }

    /// Waits until no background count of a long list's total runs (tests: the next page
    /// answers the count).
    pub fn settle_counts(&self) {
        self.totals.settle();
    }

    /// An empty cache of recent answers computed on this database (`recent::Recent`).
    pub fn recent<V: Clone + Send + 'static>(
        &self,
        fresh: std::time::Duration,
    ) -> recent::Recent<V> {
        recent::Recent::new(self.pool.clone(), fresh)
    }

    /// A connection for blocking work (CLI, tests, startup).
    pub fn get(&self) -> Result<PooledConnection, ApiError> {
        self.pool.get().map_err(ApiError::database_unavailable)
    }

    /// Runs blocking database work off the async threads.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get().map_err(ApiError::database_unavailable)?;
            f(&mut conn)
        })
        .await
        .map_err(ApiError::internal)?
    }
}

/// A `LIKE … ESCAPE '\\'` pattern matching text that contains `q` literally (`%`, `_` and
/// the escape character in `q` match themselves).
pub fn like_contains(q: &str) -> String {
    let escaped = q
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}
