//! Bulk account creation (SPEC §2): a JSON list, a CSV or an XLSX file of accounts is checked
//! as a whole and either every row is created or none, with a per-row error report.
//!
//! The stages are separate files: [`parse`] turns each format into [`RawRow`]s, [`check`]
//! applies the row rules and then the database rules (jurisdiction, kinds, taken usernames,
//! business roles), and [`write`] inserts the accounts, their roles and the audit row in one
//! write transaction. [`cli`] is `backend accounts import`. The HTTP route and the CLI both
//! call [`import`].

pub mod check;
pub mod cli;
pub mod parse;
pub mod write;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use shared::{ErrorCode, Locale};

use crate::{
    auth::{password, AuthUser},
    db::DbConnection,
    error::{ApiError, Text},
};

/// At most this many rows in one batch over HTTP (100,000 rows take a few seconds on either
/// engine, docs/PERFORMANCE.md; larger imports are split or run with the CLI, which has no
/// limit).
pub const MAX_ROWS: usize = 100_000;

/// At most this many bytes in one upload (of any bulk import): 100,000 rows of accounts as
/// JSON are about 20 MB, 100,000 certificates as CSV about 25 MB.
pub const MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;

/// A column of the import, in report and template order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// 用户名
    Username,
    /// 姓名
    DisplayName,
    /// 账号类型
    Kind,
    /// 单位 id
    UnitId,
    /// 单位统一社会信用代码
    UnitCreditCode,
    /// 手机号
    Phone,
    /// 身份证号
    IdNumber,
    /// 业务角色
    Roles,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 8] = [
        Field::Username,
        Field::DisplayName,
        Field::Kind,
        Field::UnitId,
        Field::UnitCreditCode,
        Field::Phone,
        Field::IdNumber,
        Field::Roles,
    ];

    /// The wire name (JSON key, English header, `field` of an error).
    pub fn name(self) -> &'static str {
        match self {
            Field::Username => "username",
            Field::DisplayName => "display_name",
            Field::Kind => "kind",
            Field::UnitId => "unit_id",
            Field::UnitCreditCode => "unit_credit_code",
            Field::Phone => "phone",
            Field::IdNumber => "id_number",
            Field::Roles => "roles",
        }
    }

    /// The Chinese column header.
    pub fn label_zh(self) -> &'static str {
        match self {
            Field::Username => "用户名",
            Field::DisplayName => "姓名",
            Field::Kind => "账号类型",
            Field::UnitId => "单位ID",
            Field::UnitCreditCode => "单位统一社会信用代码",
            Field::Phone => "手机号",
            Field::IdNumber => "身份证号",
            Field::Roles => "业务角色",
        }
    }
}

/// Where the rows came from (recorded in the audit row of the batch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `application/json`
    Json,
    /// `text/csv`
    Csv,
    /// An XLSX workbook.
    Xlsx,
}

impl Source {
    /// For the audit row.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Json => "json",
            Source::Csv => "csv",
            Source::Xlsx => "xlsx",
        }
    }
}

/// One row as read from the input, every value still text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRow {
    /// The row number reported back (JSON: 1-based index; CSV/XLSX: the sheet row, header = 1).
    pub row: u32,
    /// 用户名
    pub username: Option<String>,
    /// 姓名
    pub display_name: Option<String>,
    /// 账号类型: wire name or Chinese label.
    pub kind: Option<String>,
    /// 单位 id.
    pub unit_id: Option<String>,
    /// 单位统一社会信用代码
    pub unit_credit_code: Option<String>,
    /// 手机号
    pub phone: Option<String>,
    /// 身份证号
    pub id_number: Option<String>,
    /// 业务角色 names.
    pub roles: Vec<String>,
    /// Problems found while reading (a JSON value of the wrong type, an unknown key).
    pub problems: Vec<RowError>,
}

/// One broken rule of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Row number (see [`RawRow::row`]).
    pub row: u32,
    /// The field's wire name.
    pub field: String,
    /// `validation_failed`, `already_exists`, `not_found` or `forbidden`.
    pub code: ErrorCode,
    /// What is wrong, in both languages.
    pub text: Text,
}

impl RowError {
    /// An error on `field` of `row`.
    pub fn new(row: u32, field: Field, code: ErrorCode, zh: String, en: String) -> Self {
        RowError {
            row,
            field: field.name().to_owned(),
            code,
            text: Text {
                zh: format!("{}：{zh}", field.label_zh()),
                en: format!("{}: {en}", field.name()),
            },
        }
    }
}

/// A whole batch, read and numbered.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Where it came from.
    pub source: Source,
    /// The data rows (blank spreadsheet rows are skipped).
    pub rows: Vec<RawRow>,
}

/// What to do with a batch.
#[derive(Debug, Clone)]
pub struct Options {
    /// Check only; write nothing.
    pub dry_run: bool,
    /// The client address, for the audit row.
    pub ip: Option<String>,
}

/// The report of one batch, before it is put in a language.
#[derive(Debug, Clone)]
pub struct Report {
    /// Whether every row passed (on a real run: and was created).
    pub ok: bool,
    /// Whether this was a check only.
    pub dry_run: bool,
    /// Rows read.
    pub rows: usize,
    /// Accounts created (0 on a dry run or when any row failed).
    pub created: usize,
    /// Every broken rule, by row and field.
    pub errors: Vec<RowError>,
    /// Each row's account: its id once created.
    pub accounts: Vec<ImportedAccount>,
}

/// The account of one row in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = BulkImportedAccount)]
pub struct ImportedAccount {
    /// Row number.
    pub row: u32,
    /// The new account's id (absent on a dry run or when nothing was created).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Username (as it will be stored: an applicant's ID number is upper-cased).
    pub username: String,
}

/// One row error as answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = BulkRowError)]
pub struct RowErrorBody {
    /// Row number: JSON rows count from 1; CSV/XLSX rows are the sheet's row numbers (the
    /// header is row 1, so the first data row is 2).
    pub row: u32,
    /// The field's wire name (`username`, `kind`, `unit_credit_code`, …).
    pub field: String,
    /// `validation_failed`, `already_exists`, `not_found` or `forbidden`.
    pub code: ErrorCode,
    /// What is wrong, in the request's language.
    pub message: String,
}

/// The answer to a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = BulkImportReport)]
pub struct ReportBody {
    /// True when every row passed; on a real run, every account was then created. When false,
    /// nothing was written.
    pub ok: bool,
    /// Whether this was a check only (`?dry_run=true`).
    pub dry_run: bool,
    /// Data rows read.
    pub rows: usize,
    /// Accounts created: 0 on a dry run or when `ok` is false.
    pub created: usize,
    /// Every broken rule of every row, ordered by row and field.
    pub errors: Vec<RowErrorBody>,
    /// One entry per row, with the new id once created.
    pub accounts: Vec<ImportedAccount>,
}

impl Report {
    /// The report in `locale`.
    pub fn body(&self, locale: Locale) -> ReportBody {
        ReportBody {
            ok: self.ok,
            dry_run: self.dry_run,
            rows: self.rows,
            created: self.created,
            errors: self
                .errors
                .iter()
                .map(|e| RowErrorBody {
                    row: e.row,
                    field: e.field.clone(),
                    code: e.code,
                    message: e.text.get(locale).to_owned(),
                })
                .collect(),
            accounts: self.accounts.clone(),
        }
    }
}

/// Checks a batch and — unless it is a dry run or a row fails — creates every account in one
/// write transaction, with the initial password and a forced change at first login.
///
/// The initial password is hashed once per batch (fresh salt) and every account of the batch
/// stores that hash: the password is public and must be changed at first login, and 10,000
/// argon2 hashes would take minutes (docs/DECISIONS.md, "Bulk accounts share one hash").
pub fn import(
    conn: &mut DbConnection,
    user: &AuthUser,
    batch: Batch,
    options: &Options,
    now: NaiveDateTime,
) -> Result<Report, ApiError> {
    let rows = batch.rows.len();
    let (candidates, mut errors) = check::rows(batch.rows);
    let refused = |errors: Vec<RowError>, accounts| Report {
        ok: errors.is_empty(),
        dry_run: options.dry_run,
        rows,
        created: 0,
        errors,
        accounts,
    };
    if options.dry_run {
        let plan = check::against_database(conn, user, &candidates)?;
        errors.extend(plan.errors);
        errors.sort_by(check::report_order);
        return Ok(refused(errors, check::listing(&candidates)));
    }
    // Hash outside the transaction (it is slow) and only for a batch that may pass.
    let hash = if errors.is_empty() {
        Some(password::hash(password::INITIAL_PASSWORD)?)
    } else {
        None
    };
    conn.bulk_write_transaction(|conn| {
        // Checked again under the write lock, so that no other writer slips in between.
        let plan = check::against_database(conn, user, &candidates)?;
        errors.extend(plan.errors);
        let Some(hash) = hash.as_deref().filter(|_| errors.is_empty()) else {
            errors.sort_by(check::report_order);
            return Ok(refused(errors, check::listing(&candidates)));
        };
        let accounts =
            write::create_all(conn, user, &plan.accounts, hash, batch.source, options, now)?;
        Ok(Report {
            ok: true,
            dry_run: false,
            rows,
            created: accounts.len(),
            errors: Vec::new(),
            accounts,
        })
    })
}
