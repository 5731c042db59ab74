//! `/api/v1/dashboards`: the figures of 统计分析 — the applications of the caller's jurisdiction
//! (HRSS units, units that organise a committee) and the accounts (the system administrator) —
//! and the same figures as XLSX (`…/export`, fetched by the kit's 导出 button).

use shared::dashboards::{AccountsDashboard, ApplicationsDashboard};

use super::{Api, ApiError};

/// The applications dashboard; `?year=&series=&level=&unit_id=` narrow it.
pub const APPLICATIONS: &str = "/api/v1/dashboards/applications";
/// Its XLSX, with the same parameters.
pub const APPLICATIONS_EXPORT: &str = "/api/v1/dashboards/applications/export";
/// The accounts dashboard (the system administrator).
pub const ACCOUNTS: &str = "/api/v1/dashboards/accounts";
/// Its XLSX.
pub const ACCOUNTS_EXPORT: &str = "/api/v1/dashboards/accounts/export";

/// `GET /api/v1/dashboards/applications?…`: `path` is [`APPLICATIONS`] with the page's query.
pub async fn applications(api: &Api, path: &str) -> Result<ApplicationsDashboard, ApiError> {
    api.get(path).await
}

/// `GET /api/v1/dashboards/accounts`.
pub async fn accounts(api: &Api) -> Result<AccountsDashboard, ApiError> {
    api.get(ACCOUNTS).await
}
