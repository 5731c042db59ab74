//! The importers: accounts (JSON, CSV, XLSX), experts and certificates (CSV, XLSX), read
//! without a database and put through the row rules that need none.

use std::collections::HashMap;

use shared::ErrorCode;

use crate::{
    error::ApiError,
    http::sheet::{self, Sheet, Spec},
    org::bulk::{check, parse, Batch},
};

/// An unreadable file is refused whole, with one of the codes of a malformed body.
fn refused(e: &ApiError) {
    assert!(
        matches!(
            e.code(),
            ErrorCode::BadRequest | ErrorCode::MalformedJson | ErrorCode::InvalidBody
        ),
        "refused with {:?}",
        e.code()
    );
}

/// A read batch goes through the row rules: one candidate per row, every problem on a row of
/// the batch, rows numbered in ascending order from `first`.
fn accounts(read: Result<Batch, ApiError>, first: u32) {
    let batch = match read {
        Ok(batch) => batch,
        Err(e) => return refused(&e),
    };
    let numbers: Vec<u32> = batch.rows.iter().map(|r| r.row).collect();
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
    assert!(numbers.first().is_none_or(|n| *n >= first), "{numbers:?}");
    let (candidates, errors) = check::rows(batch.rows);
    assert_eq!(candidates.len(), numbers.len());
    assert_eq!(check::listing(&candidates).len(), numbers.len());
    for e in &errors {
        assert!(
            numbers.contains(&e.row),
            "error on row {} of {numbers:?}",
            e.row
        );
        assert!(
            matches!(
                e.code,
                ErrorCode::ValidationFailed | ErrorCode::AlreadyExists
            ),
            "{:?}",
            e.code
        );
    }
}

/// `org::bulk::parse::csv` then the row rules, on any bytes.
pub fn accounts_csv(data: &[u8]) {
    accounts(parse::csv(data), 2);
}

/// `org::bulk::parse::xlsx` then the row rules, on any bytes.
pub fn accounts_xlsx(data: &[u8]) {
    accounts(parse::xlsx(data), 1);
}

/// `org::bulk::parse::json` then the row rules, on any bytes: the rows are numbered 1..=n.
pub fn accounts_json(data: &[u8]) {
    let read = parse::json(data);
    if let Ok(batch) = &read {
        let numbers: Vec<u32> = batch.rows.iter().map(|r| r.row).collect();
        let expected: Vec<u32> = (1..=u32::try_from(numbers.len()).unwrap_or(u32::MAX)).collect();
        assert_eq!(numbers, expected);
    }
    accounts(read, 1);
}

/// The two sheet imports: experts (批量专家预入库) and certificates (职称证书导入).
pub const SPECS: [Spec; 2] = [
    crate::experts::bulk::SPEC,
    crate::certificates::import::SPEC,
];

/// A read sheet: rows ascending, cells only of the spec's columns and trimmed, no blank row;
/// then every row through the form rules of its import (employer given), which answer a
/// validation error or a form, never a panic.
fn sheet_rows(spec_index: usize, read: Result<Sheet, ApiError>, first: u32) {
    let sheet = match read {
        Ok(sheet) => sheet,
        Err(e) => return refused(&e),
    };
    let spec = &SPECS[spec_index];
    let numbers: Vec<u32> = sheet.iter().map(|(n, _)| *n).collect();
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
    assert!(numbers.first().is_none_or(|n| *n >= first), "{numbers:?}");
    for (_, cells) in &sheet {
        assert!(cells.values().any(|v| !v.is_empty()), "a blank row");
        for (k, v) in cells {
            assert!(spec.columns.iter().any(|(wire, _)| wire == k));
            assert_eq!(v.trim(), v);
        }
        form(spec_index, cells);
    }
}

fn form(spec_index: usize, cells: &HashMap<&'static str, String>) {
    let outcome = if spec_index == 0 {
        crate::experts::bulk::entry_from_cells(cells, 1)
            .and_then(|e| crate::experts::entry::validate(&e).map(|_| ()))
    } else {
        let today = shared::rules::Date {
            year: 2026,
            month: 12,
            day: 5,
        };
        crate::certificates::import::form_from_cells(cells, 1).and_then(|f| {
            shared::certificates::check_backfill(&f, today)
                .map_err(|p| ApiError::validation(p.field, &p.rule.zh(), &p.rule.en()))
        })
    };
    if let Err(e) = outcome {
        assert_eq!(e.code(), ErrorCode::ValidationFailed);
        assert!(e.field().is_some(), "a row error without its field");
    }
}

/// `http::sheet::csv` for the import the first byte picks, on the rest.
pub fn sheet_csv(data: &[u8]) {
    let (i, body) = super::pick(data, SPECS.len());
    sheet_rows(i, sheet::csv(&SPECS[i], body), 2);
}

/// `http::sheet::xlsx` for the import the first byte picks, on the rest.
pub fn sheet_xlsx(data: &[u8]) {
    let (i, body) = super::pick(data, SPECS.len());
    sheet_rows(i, sheet::xlsx(&SPECS[i], body), 1);
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
