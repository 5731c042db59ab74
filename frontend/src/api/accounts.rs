//! `/api/v1/accounts`: 用户管理, 扩展用户管理, 个人账号管理 and bulk creation.

use serde::Deserialize;
use shared::org::{Account, CreateAccountRequest, UpdateAccountRequest};

use super::bulk::BulkRowError;
use super::query::Query;
use super::{Api, ApiError};

/// `POST /api/v1/accounts`: initial password 123@abc, forced change at first login.
pub async fn create(api: &Api, request: &CreateAccountRequest) -> Result<Account, ApiError> {
    api.post("/api/v1/accounts", request).await
}

/// `PATCH /api/v1/accounts/{id}`.
pub async fn update(
    api: &Api,
    id: i64,
    request: &UpdateAccountRequest,
) -> Result<Account, ApiError> {
    api.patch(&format!("/api/v1/accounts/{id}"), request).await
}

/// `POST /api/v1/accounts/{id}/reset-password`: back to 123@abc with a forced change; unlocks.
pub async fn reset_password(api: &Api, id: i64) -> Result<Account, ApiError> {
    api.post_action(&format!("/api/v1/accounts/{id}/reset-password"))
        .await
}

/// `POST /api/v1/accounts/{id}/reset-mfa`: two-factor authentication off (a lost phone); the
/// account is signed out and enrolls again where the policy requires it.
pub async fn reset_mfa(api: &Api, id: i64) -> Result<Account, ApiError> {
    api.post_action(&format!("/api/v1/accounts/{id}/reset-mfa"))
        .await
}

/// The account of one row.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BulkAccount {
    /// Row number.
    pub row: u32,
    /// The new account's id, once created.
    #[serde(default)]
    pub id: Option<i64>,
    /// Username.
    pub username: String,
}

/// The answer to a bulk import (the backend's `BulkImportReport`): when `ok` is false nothing
/// was written.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BulkReport {
    /// Every row passed (and, unless a dry run, was created).
    pub ok: bool,
    /// A check only.
    pub dry_run: bool,
    /// Data rows read.
    pub rows: usize,
    /// Accounts created.
    pub created: usize,
    /// Every broken rule.
    pub errors: Vec<BulkRowError>,
    /// One entry per row.
    pub accounts: Vec<BulkAccount>,
}

/// `POST /api/v1/accounts/bulk?dry_run=…` with the file as the body.
pub async fn bulk(
    api: &Api,
    file: &web_sys::Blob,
    content_type: &'static str,
    dry_run: bool,
) -> Result<BulkReport, ApiError> {
    let path = Query::new("/api/v1/accounts/bulk")
        .with("dry_run", dry_run)
        .build();
    api.upload(&path, file, content_type).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::ErrorCode;

    #[test]
    fn the_report_reads_as_the_api_writes_it() {
        let body = r#"{"ok":false,"dry_run":true,"rows":2,"created":0,
            "errors":[{"row":3,"field":"phone","code":"validation_failed","message":"手机号：格式不正确"}],
            "accounts":[{"row":2,"username":"a1"},{"row":3,"username":"a2"}]}"#;
        let report: BulkReport = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}"));
        assert!(!report.ok);
        assert_eq!(report.errors[0].code, ErrorCode::ValidationFailed);
        assert_eq!(report.accounts[1].id, None);
    }
}
