//! 职称证书导入: historic certificates from CSV or XLSX, all or nothing, with the same per-row
//! report as the other imports. Every row passes the backfill form's checks (the shared rules,
//! the employer in the caller's sight, a number not yet held, none repeated in the file); a dry
//! run checks without writing; one failing row writes nothing.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rust_xlsxwriter::{Format, Note, Workbook};
use shared::{
    application::{Gender, Level, Series},
    certificates::{BackfillCertificate, CertificateSource, ImportReport, ImportRowError},
    ErrorCode, Locale, Module,
};

use super::entry;
use crate::{
    audit::{self, Actor, Event},
    auth::AuthUser,
    db::{schema::units, DbConnection},
    error::ApiError,
    http::{
        export::xlsx_error,
        sheet::{enum_of, Sheet, Spec},
    },
};

/// At most this many rows per file.
pub const MAX_ROWS: usize = 5000;

const COLUMNS: &[(&str, &str)] = &[
    ("number", "证书编号"),
    ("holder_name", "姓名"),
    ("id_number", "身份证号"),
    ("gender", "性别"),
    ("employer", "工作单位"),
    ("employer_id", "工作单位ID"),
    ("series", "系列"),
    ("specialty", "专业"),
    ("level", "级别"),
    ("qualification", "任职资格名称"),
    ("committee", "评委会"),
    ("approval_date", "批准日期"),
    ("approval_document", "批准文号"),
    ("issuing_body", "发证机关"),
];

/// The certificate sheet's columns.
pub const SPEC: Spec = Spec {
    columns: COLUMNS,
    required: &[
        "number",
        "holder_name",
        "id_number",
        "series",
        "specialty",
        "level",
        "qualification",
        "committee",
        "approval_date",
        "issuing_body",
    ],
};

/// The form of one row: the employer by id or by exact unit name (within the caller's sight:
/// several units may share a name across the province).
fn form_of(
    conn: &mut DbConnection,
    user: &AuthUser,
    cells: &HashMap<&'static str, String>,
) -> Result<BackfillCertificate, ApiError> {
    let get = |k: &str| cells.get(k).cloned().unwrap_or_default();
    let employer_id = match get("employer_id").parse::<i64>() {
        Ok(id) => id,
        Err(_) => {
            let (lo, hi) = crate::org::jurisdiction::range(user);
            units::table
                .filter(units::name.eq(get("employer")))
                .filter(units::path.ge(lo))
                .filter(units::path.lt(hi))
                .select(units::id)
                .first::<i64>(conn)
                .optional()?
                .ok_or_else(|| missing("employer"))?
        }
    };
    form_from_cells(cells, employer_id)
}

fn missing(field: &str) -> ApiError {
    ApiError::validation(field, "不能为空或无法识别", "is missing or not recognised")
}

/// The form of one row once its employer is known: the cells read as the backfill form (enums
/// by wire name or Chinese label).
pub fn form_from_cells(
    cells: &HashMap<&'static str, String>,
    employer_id: i64,
) -> Result<BackfillCertificate, ApiError> {
    let get = |k: &str| cells.get(k).cloned().unwrap_or_default();
    let gender = match get("gender").as_str() {
        "" => None,
        g => Some(
            enum_of(Gender::ALL, g, Gender::as_str, |v| v.label(Locale::ZhCn))
                .ok_or_else(|| missing("gender"))?,
        ),
    };
    Ok(BackfillCertificate {
        number: get("number"),
        holder_name: get("holder_name"),
        id_number: get("id_number"),
        gender,
        employer_id,
        series: enum_of(Series::ALL, &get("series"), Series::as_str, |v| {
            v.label(Locale::ZhCn)
        })
        .ok_or_else(|| missing("series"))?,
        specialty: get("specialty"),
        level: enum_of(Level::ALL, &get("level"), Level::as_str, |v| {
            v.label(Locale::ZhCn)
        })
        .ok_or_else(|| missing("level"))?,
        qualification: get("qualification"),
        committee: get("committee"),
        approval_date: get("approval_date"),
        approval_document: get("approval_document"),
        issuing_body: get("issuing_body"),
    })
}

/// Checks every row and, unless `dry_run` or a row failed, imports them all in one
/// transaction with one audit row per certificate.
pub fn import(
    conn: &mut DbConnection,
    user: &AuthUser,
    sheet: &Sheet,
    dry_run: bool,
    locale: Locale,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<ImportReport, ApiError> {
    entry::require_module(user, Module::CertificateImport)?;
    if sheet.is_empty() || sheet.len() > MAX_ROWS {
        return Err(ApiError::validation(
            "rows",
            "须有 1-5000 行",
            "must have 1-5000 rows",
        ));
    }
    let mut errors: Vec<ImportRowError> = Vec::new();
    let mut created = 0;
    let outcome: Result<(), ApiError> = conn.write_transaction(|conn| {
        let mut seen: HashSet<String> = HashSet::new();
        let mut events = Vec::new();
        for (number, cells) in sheet {
            let result = conn.write_transaction(|conn| {
                let form = form_of(conn, user, cells)?;
                let checked = entry::check(conn, user, &form, now)?;
                if !seen.insert(checked.input.number.clone()) {
                    return Err(ApiError::validation(
                        "number",
                        "文件中重复的证书编号",
                        "repeats a certificate number of the file",
                    ));
                }
                let id = entry::insert(conn, user, &checked, CertificateSource::Import, now)?;
                Ok(entry::image(&entry::load(conn, id)?)).map(|image| (id, image))
            });
            match result {
                Ok((id, image)) => {
                    created += 1;
                    events.push((id, image));
                }
                Err(e) => errors.push(ImportRowError {
                    row: *number,
                    field: e.field().map(str::to_owned),
                    code: e.code(),
                    message: e.message(locale).to_owned(),
                }),
            }
        }
        if errors.is_empty() && !dry_run {
            let events: Vec<Event<'_>> = events
                .into_iter()
                .map(|(id, after)| Event {
                    action: "certificate.import",
                    target_type: "certificate",
                    target_id: Some(id.to_string()),
                    success: true,
                    before: None,
                    after: Some(after),
                })
                .collect();
            audit::append_many(conn, actor, &events, now)?;
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
    Ok(ImportReport {
        ok,
        rows: sheet.len(),
        created: if dry_run { 0 } else { created },
        errors,
    })
}

/// The template workbook: the Chinese headers (each with a note: required or optional, and its
/// wire name) and one example row to replace.
pub fn template() -> Result<Vec<u8>, ApiError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("职称证书导入").map_err(xlsx_error)?;
    let example = [
        "黔职证〔2019〕0123",
        "张三",
        "11010519491231002X",
        "女",
        "",
        "",
        "工程系列",
        "电气工程",
        "副高级",
        "高级工程师",
        "贵州省工程系列高级职称评审委员会",
        "2019-12-20",
        "黔人社职〔2019〕12号",
        "贵州省人力资源和社会保障厅",
    ];
    for (c, ((wire, zh), ex)) in (0_u16..).zip(COLUMNS.iter().zip(example)) {
        sheet
            .write_string_with_format(0, c, *zh, &bold)
            .map_err(xlsx_error)?;
        sheet.set_column_width(c, 18.0).map_err(xlsx_error)?;
        let note = if SPEC.required.contains(wire) {
            format!("必填（{wire}）")
        } else {
            format!("选填（{wire}）")
        };
        sheet
            .insert_note(0, c, &Note::new(note).set_author("职称评审子系统"))
            .map_err(xlsx_error)?;
        sheet.write_string(1, c, ex).map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    book.save_to_buffer().map_err(xlsx_error)
}
