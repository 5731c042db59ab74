//! `GET /api/health`.

use serde::{Deserialize, Serialize};

/// Which database engine serves this instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DatabaseKind {
    /// Embedded SQLite (the default for one-command runs).
    Sqlite,
    /// PostgreSQL (production).
    Postgres,
}

/// Overall liveness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    /// The server answers and its database answered a query.
    Ok,
}

/// Answer of `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthResponse {
    /// Always `ok` in a 200 answer; an unreachable database answers 503 `database_unavailable`.
    pub status: HealthStatus,
    /// The database engine in use.
    pub database: DatabaseKind,
    /// The server's version (the backend crate version).
    pub version: String,
    /// How many schema migrations have been applied.
    pub migrations: u32,
}
