//! Uploaded sheets (CSV in UTF-8 or GBK, or the first sheet of an XLSX workbook) read into rows
//! of cells by column wire name, for the all-or-nothing imports (experts, certificates). The
//! header row names the columns by wire name or Chinese header; an unknown or missing required
//! column refuses the file. Rows are numbered as the sheet shows them (the header is row 1);
//! blank rows are skipped.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use shared::ErrorCode;

use crate::{
    error::ApiError,
    org::bulk::parse::{decode_text, Lines},
};

/// The XLSX media type.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Reads an uploaded sheet: `text/csv` or XLSX by the request's content type (415 otherwise),
/// at most the bulk upload limit, parsed with `spec`'s columns.
pub async fn read_upload(
    req: &actix_web::HttpRequest,
    payload: actix_web::web::Payload,
    spec: &Spec,
) -> Result<Sheet, ApiError> {
    use actix_web::HttpMessage;
    let mime = req.mime_type().ok().flatten();
    let reader: fn(&Spec, &[u8]) -> Result<Sheet, ApiError> =
        match mime.as_ref().map(|m| m.essence_str()) {
            Some("text/csv") => csv,
            Some(XLSX) => xlsx,
            _ => {
                return Err(ApiError::with_text(
                    ErrorCode::UnsupportedMediaType,
                    "请以 text/csv 或 XLSX 格式提交",
                    "Send text/csv or an XLSX workbook",
                ))
            }
        };
    let body =
        crate::routes::read_limited(req, payload, crate::org::bulk::MAX_UPLOAD_BYTES).await?;
    reader(spec, &body)
}

/// The columns of one kind of import.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// `(wire name, Chinese header)` of every column.
    pub columns: &'static [(&'static str, &'static str)],
    /// The wire names that must be present.
    pub required: &'static [&'static str],
}

/// A sheet: (row number, cells by column wire name).
pub type Sheet = Vec<(u32, HashMap<&'static str, String>)>;

fn bad(zh: String, en: String) -> ApiError {
    ApiError::with_text(ErrorCode::BadRequest, zh, en)
}

pub fn columns<'a>(
    spec: &Spec,
    head: impl Iterator<Item = &'a str>,
) -> Result<Vec<Option<&'static str>>, ApiError> {
    let mut out = Vec::new();
    for h in head {
        let h = h.trim().trim_start_matches('\u{feff}');
        if h.is_empty() {
            out.push(None);
            continue;
        }
        let found = spec
            .columns
            .iter()
            .find(|(wire, zh)| *wire == h || *zh == h)
            .map(|(wire, _)| *wire)
            .ok_or_else(|| bad(format!("未知的列“{h}”"), format!("Unknown column {h:?}")))?;
        out.push(Some(found));
    }
    for &required in spec.required {
        if !out.contains(&Some(required)) {
            return Err(bad(
                format!("缺少列“{required}”"),
                format!("The column {required:?} is missing"),
            ));
        }
    }
    Ok(out)
}

fn row<'a>(
    number: u32,
    cols: &[Option<&'static str>],
    cells: impl Iterator<Item = &'a str>,
) -> Option<(u32, HashMap<&'static str, String>)> {
    let map: HashMap<&'static str, String> = cols
        .iter()
        .zip(cells)
        .filter_map(|(c, v)| c.map(|c| (c, v.trim().to_owned())))
        .collect();
    (!map.values().all(String::is_empty)).then_some((number, map))
}

/// Reads CSV (UTF-8 or GBK) with a header line.
pub fn csv(spec: &Spec, body: &[u8]) -> Result<Sheet, ApiError> {
    let text = decode_text(body)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let unreadable = |e: csv::Error| {
        bad(
            format!("CSV 文件无法读取（{e}）"),
            format!("The CSV file cannot be read ({e})"),
        )
    };
    let cols = columns(spec, reader.headers().map_err(unreadable)?.iter())?;
    let mut lines = Lines::default();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(unreadable)?;
        let line = lines.of(text.as_bytes(), &record);
        out.extend(row(line, &cols, record.iter()));
    }
    Ok(out)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        #[expect(
            clippy::cast_possible_truncation,
            reason = "only whole numbers well inside the i64 range are printed as integers"
        )]
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => (*f as i64).to_string(),
        // An Excel date: days since 1899-12-30.
        Data::DateTime(d) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|base| {
                #[expect(clippy::cast_possible_truncation, reason = "whole days of a date cell")]
                let days = d.as_f64().floor() as i64;
                base.checked_add_signed(chrono::Duration::days(days))
            })
            .map(|day| day.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        other => other.to_string(),
    }
}

/// Reads the first sheet of an XLSX workbook; the first non-blank row is the header.
pub fn xlsx(spec: &Spec, body: &[u8]) -> Result<Sheet, ApiError> {
    let unreadable = |e: &dyn std::fmt::Display| {
        bad(
            format!("XLSX 文件无法读取（{e}）"),
            format!("The XLSX file cannot be read ({e})"),
        )
    };
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(body)).map_err(|e| unreadable(&e))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| {
            bad(
                "XLSX 文件中没有工作表".into(),
                "The workbook has no sheet".into(),
            )
        })?
        .map_err(|e| unreadable(&e))?;
    let first = range.start().map_or(0, |(r, _)| r);
    let mut lines = range.rows().enumerate().map(|(i, cells)| {
        let number = first
            .saturating_add(u32::try_from(i).unwrap_or(u32::MAX))
            .saturating_add(1);
        (number, cells.iter().map(cell_text).collect::<Vec<_>>())
    });
    let Some((_, head)) = lines.find(|(_, c)| c.iter().any(|v| !v.trim().is_empty())) else {
        return Err(bad("工作表是空的".into(), "The sheet is empty".into()));
    };
    let cols = columns(spec, head.iter().map(String::as_str))?;
    Ok(lines
        .filter_map(|(n, cells)| row(n, &cols, cells.iter().map(String::as_str)))
        .collect())
}

pub fn enum_of<T: Copy>(
    all: &[T],
    text: &str,
    wire: fn(T) -> &'static str,
    zh: fn(T) -> &'static str,
) -> Option<T> {
    all.iter()
        .copied()
        .find(|v| wire(*v) == text || zh(*v) == text)
}
