//! Bulk pre-entry (批量专家预入库) from CSV or XLSX, all or nothing with a row report, like bulk
//! accounts: every row is checked (fields, employer, the person's integrity record, a duplicate
//! in the file or in the pool); when one fails nothing is written and the report lists every
//! failure as `{row, field, code, message}` (rows numbered as the sheet shows them: the header
//! is row 1).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use shared::{
    application::{Gender, Level, Series},
    expert_pool::ExpertEntry,
    ErrorCode, Locale,
};

use super::entry;
use crate::{
    auth::AuthUser,
    db::{schema::units, DbConnection},
    error::ApiError,
    http::sheet::{enum_of, Sheet, Spec},
};

/// At most this many rows per file.
pub const MAX_ROWS: usize = 2000;

/// The columns, by wire name, with the Chinese header that also names them.
const COLUMNS: &[(&str, &str)] = &[
    ("name", "姓名"),
    ("id_number", "身份证号"),
    ("gender", "性别"),
    ("employer", "工作单位"),
    ("employer_id", "工作单位ID"),
    ("title", "职称"),
    ("title_level", "职称级别"),
    ("series", "系列"),
    ("specialties", "评审专业"),
    ("phone", "联系电话"),
    ("email", "电子邮箱"),
    ("term_start", "任期开始"),
    ("term_end", "任期结束"),
];

/// The expert sheet's columns.
pub const SPEC: Spec = Spec {
    columns: COLUMNS,
    required: &[
        "name",
        "id_number",
        "title",
        "specialties",
        "term_start",
        "term_end",
    ],
};

/// One failure of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct BulkRowError {
    /// The sheet's row number (the header is 1).
    pub row: u32,
    /// The column's wire name.
    pub field: Option<String>,
    /// The stable error code.
    pub code: ErrorCode,
    /// The message in the request's language.
    pub message: String,
}

/// The answer of a bulk pre-entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct BulkReport {
    /// Every row was (or, on a dry run, would be) pre-entered; when false nothing was written.
    pub ok: bool,
    /// Rows read.
    pub rows: usize,
    /// Memberships created (0 on a dry run or a failure).
    pub created: usize,
    /// Every failure.
    pub errors: Vec<BulkRowError>,
}

fn missing(field: &str) -> ApiError {
    ApiError::validation(field, "不能为空或无法识别", "is missing or not recognised")
}

/// The entry of one row (the employer by id or by exact unit name).
fn entry_of(
    conn: &mut DbConnection,
    cells: &HashMap<&'static str, String>,
) -> Result<ExpertEntry, ApiError> {
    let get = |k: &str| cells.get(k).cloned().unwrap_or_default();
    let employer_id = match get("employer_id").parse::<i64>() {
        Ok(id) => id,
        Err(_) => units::table
            .filter(units::name.eq(get("employer")))
            .select(units::id)
            .first::<i64>(conn)
            .optional()?
            .ok_or_else(|| missing("employer"))?,
    };
    entry_from_cells(cells, employer_id)
}

/// The entry of one row once its employer is known: the cells read as the pre-entry form
/// (enums by wire name or Chinese label, the gender from the ID number when not given).
pub fn entry_from_cells(
    cells: &HashMap<&'static str, String>,
    employer_id: i64,
) -> Result<ExpertEntry, ApiError> {
    let get = |k: &str| cells.get(k).cloned().unwrap_or_default();
    let gender = match get("gender").as_str() {
        "" => None,
        g => Some(
            enum_of(Gender::ALL, g, Gender::as_str, |v| v.label(Locale::ZhCn))
                .ok_or_else(|| missing("gender"))?,
        ),
    };
    let id_number = get("id_number");
    let encoded = shared::ids::IdNumber::parse(&id_number)
        .map(|i| {
            if i.is_male() {
                Gender::Male
            } else {
                Gender::Female
            }
        })
        .unwrap_or(Gender::Male);
    Ok(ExpertEntry {
        name: get("name"),
        id_number,
        gender: gender.unwrap_or(encoded),
        employer_id,
        title: get("title"),
        title_level: enum_of(Level::ALL, &get("title_level"), Level::as_str, |v| {
            v.label(Locale::ZhCn)
        })
        .ok_or_else(|| missing("title_level"))?,
        series: enum_of(Series::ALL, &get("series"), Series::as_str, |v| {
            v.label(Locale::ZhCn)
        })
        .ok_or_else(|| missing("series"))?,
        specialties: get("specialties")
            .split([',', '，', ';', '；', '、'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        phone: get("phone"),
        email: get("email"),
        term_start: get("term_start"),
        term_end: get("term_end"),
    })
}

/// Checks every row and, unless `dry_run` or a row failed, pre-enters them all into the pool of
/// `committee_id` (the caller may act on it) in one transaction.
pub fn import(
    conn: &mut DbConnection,
    user: &AuthUser,
    committee_id: i64,
    sheet: &Sheet,
    dry_run: bool,
    locale: Locale,
    now: NaiveDateTime,
) -> Result<BulkReport, ApiError> {
    if sheet.is_empty() || sheet.len() > MAX_ROWS {
        return Err(ApiError::validation(
            "rows",
            "须有 1-2000 行",
            "must have 1-2000 rows",
        ));
    }
    super::require_committee(conn, user, shared::Module::ExpertPool, committee_id)?;
    let mut errors: Vec<BulkRowError> = Vec::new();
    let mut created = 0;
    let outcome: Result<(), ApiError> = conn.write_transaction(|conn| {
        let mut seen: HashSet<String> = HashSet::new();
        for (number, cells) in sheet {
            let result = conn.write_transaction(|conn| {
                let e = entry_of(conn, cells)?;
                let v = entry::validate(&e)?;
                if !seen.insert(v.id_number.as_str().to_owned()) {
                    return Err(ApiError::validation(
                        "id_number",
                        "文件中重复的身份证号",
                        "repeats an ID number of the file",
                    ));
                }
                let expert = entry::find_or_create_person(conn, &v, user.id, now)?;
                entry::join_pool(conn, committee_id, expert, v.term, user.id, now)
            });
            match result {
                Ok(_) => created += 1,
                Err(e) => errors.push(BulkRowError {
                    row: *number,
                    field: e.field().map(str::to_owned),
                    code: e.code(),
                    message: e.message(locale).to_owned(),
                }),
            }
        }
        if errors.is_empty() && !dry_run {
            Ok(())
        } else {
            // Roll back everything this batch wrote.
            Err(ApiError::new(ErrorCode::Conflict))
        }
    });
    let ok = errors.is_empty();
    match outcome {
        Ok(()) => {}
        Err(_) if !ok || dry_run => created = 0,
        Err(e) => return Err(e),
    }
    Ok(BulkReport {
        ok,
        rows: sheet.len(),
        created: if dry_run { 0 } else { created },
        errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_chinese_or_wire_names() {
        let cols = crate::http::sheet::columns(
            &SPEC,
            [
                "姓名",
                "id_number",
                "职称",
                "评审专业",
                "任期开始",
                "term_end",
            ]
            .into_iter(),
        );
        assert!(cols.is_ok());
        assert!(crate::http::sheet::columns(&SPEC, ["姓名"].into_iter()).is_err());
        assert!(crate::http::sheet::columns(&SPEC, ["姓名", "什么"].into_iter()).is_err());
    }
}
