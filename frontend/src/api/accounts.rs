//! `/api/v1/accounts`: 用户管理, 扩展用户管理, 个人账号管理 and bulk creation.

use serde::Deserialize;
use shared::org::{Account, CreateAccountRequest, UpdateAccountRequest};
use shared::{ErrorCode, Locale};

use super::query::Query;
use super::{patch_authed, post_action, post_authed, upload_authed, ApiError};
use crate::state::session::SessionStore;

/// `POST /api/v1/accounts`: initial password 123@abc, forced change at first login.
pub async fn create(
    session: &SessionStore,
    request: &CreateAccountRequest,
    locale: Locale,
) -> Result<Account, ApiError> {
    post_authed(session, "/api/v1/accounts", request, locale).await
}

/// `PATCH /api/v1/accounts/{id}`.
pub async fn update(
    session: &SessionStore,
    id: i64,
    request: &UpdateAccountRequest,
    locale: Locale,
) -> Result<Account, ApiError> {
    patch_authed(session, &format!("/api/v1/accounts/{id}"), request, locale).await
}

/// `POST /api/v1/accounts/{id}/reset-password`: back to 123@abc with a forced change; unlocks.
pub async fn reset_password(
    session: &SessionStore,
    id: i64,
    locale: Locale,
) -> Result<Account, ApiError> {
    post_action(
        session,
        &format!("/api/v1/accounts/{id}/reset-password"),
        locale,
    )
    .await
}

/// One broken rule of one row of a bulk import.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BulkRowError {
    /// The sheet's row number (header = 1).
    pub row: u32,
    /// The field's wire name.
    pub field: String,
    /// Stable code.
    pub code: ErrorCode,
    /// What is wrong, in the request's language.
    pub message: String,
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

/// The content type the API expects for a file, by its name; `None` for anything but CSV and
/// XLSX.
pub fn upload_type(file_name: &str) -> Option<&'static str> {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        Some("text/csv")
    } else if lower.ends_with(".xlsx") {
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    } else {
        None
    }
}

/// `POST /api/v1/accounts/bulk?dry_run=…` with the file as the body.
pub async fn bulk(
    session: &SessionStore,
    file: &web_sys::Blob,
    content_type: &'static str,
    dry_run: bool,
    locale: Locale,
) -> Result<BulkReport, ApiError> {
    let path = Query::new("/api/v1/accounts/bulk")
        .with("dry_run", dry_run)
        .build();
    upload_authed(session, &path, file, content_type, locale).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_sent_by_their_extension() {
        assert_eq!(upload_type("人员.CSV"), Some("text/csv"));
        assert_eq!(
            upload_type("a.b.xlsx"),
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        );
        assert_eq!(upload_type("old.xls"), None);
        assert_eq!(upload_type("csv"), None);
    }

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
