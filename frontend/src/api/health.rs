//! `GET /api/health`.

use shared::{HealthResponse, Locale};

use super::{get_json, ApiError};

/// Liveness, database engine, version and migration count of the server.
pub async fn get(locale: Locale) -> Result<HealthResponse, ApiError> {
    get_json("/api/health", locale).await
}
