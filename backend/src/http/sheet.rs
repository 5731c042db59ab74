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

/// An uploaded sheet, received whole (at most the bulk upload limit) and read row by row
/// ([`Upload::for_each_row`]), so that an import keeps only what it makes of each row.
#[derive(Debug, Clone)]
pub enum Upload {
    /// `text/csv`, UTF-8 or GBK.
    Csv(actix_web::web::Bytes),
    /// An XLSX workbook.
    Xlsx(actix_web::web::Bytes),
}

/// Receives an uploaded sheet: `text/csv` or XLSX by the request's content type (415
/// otherwise), at most the bulk upload limit (413).
pub async fn receive(
    req: &actix_web::HttpRequest,
    payload: actix_web::web::Payload,
) -> Result<Upload, ApiError> {
    use actix_web::HttpMessage;
    let mime = req.mime_type().ok().flatten();
    let kind: fn(actix_web::web::Bytes) -> Upload = match mime.as_ref().map(|m| m.essence_str()) {
        Some("text/csv") => Upload::Csv,
        Some(XLSX) => Upload::Xlsx,
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
    Ok(kind(body))
}

impl Upload {
    /// Reads the header by `spec`'s columns (400 for an unknown or missing one), then hands
    /// each non-blank data row, in order, to `visit` with its number; stops at the first error
    /// (of the file, or one `visit` returns).
    pub fn for_each_row(
        &self,
        spec: &Spec,
        visit: impl FnMut(u32, Cells) -> Result<(), ApiError>,
    ) -> Result<(), ApiError> {
        match self {
            Upload::Csv(body) => csv_rows(spec, body, visit),
            Upload::Xlsx(body) => xlsx_rows_of(spec, body, visit),
        }
    }
}

/// The columns of one kind of import.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// `(wire name, Chinese header)` of every column.
    pub columns: &'static [(&'static str, &'static str)],
    /// The wire names that must be present.
    pub required: &'static [&'static str],
}

/// The cells of one row by column wire name.
pub type Cells = HashMap<&'static str, String>;

/// A sheet: (row number, cells by column wire name).
pub type Sheet = Vec<(u32, Cells)>;

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
    let mut out = Vec::new();
    csv_rows(spec, body, |number, cells| {
        out.push((number, cells));
        Ok(())
    })?;
    Ok(out)
}

/// [`csv`], each row handed to `visit` as it is read.
pub fn csv_rows(
    spec: &Spec,
    body: &[u8],
    mut visit: impl FnMut(u32, Cells) -> Result<(), ApiError>,
) -> Result<(), ApiError> {
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
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(unreadable)? {
        let line = lines.of(text.as_bytes(), &record);
        if let Some((number, cells)) = row(line, &cols, record.iter()) {
            visit(number, cells)?;
        }
    }
    Ok(())
}

/// A cell's text as a person reads it: whole numbers without `.0` (a phone or an ID number
/// typed as a number), an Excel date as `YYYY-MM-DD`.
pub fn cell_text(cell: &Data) -> String {
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
    let mut out = Vec::new();
    xlsx_rows_of(spec, body, |number, cells| {
        out.push((number, cells));
        Ok(())
    })?;
    Ok(out)
}

/// [`xlsx`], each row handed to `visit` in order.
fn xlsx_rows_of(
    spec: &Spec,
    body: &[u8],
    mut visit: impl FnMut(u32, Cells) -> Result<(), ApiError>,
) -> Result<(), ApiError> {
    let rows = xlsx_rows(body)?;
    let mut lines = rows.iter();
    let Some(head) = lines.find(|r| !r.is_blank()) else {
        return Err(bad("工作表是空的".into(), "The sheet is empty".into()));
    };
    let cols = columns(spec, head.cells())?;
    for (number, cells) in lines.filter_map(|r| row(r.number, &cols, r.cells())) {
        visit(number, cells)?;
    }
    Ok(())
}

/// The most cells with content one uploaded workbook may hold: the largest import's rows
/// (100,000) at its widest (14 columns, the certificates) with room to spare, and below what
/// would strain the server's memory (about 50 bytes a short cell while the sheet is read).
pub const MAX_XLSX_CELLS: usize = 2_000_000;

/// The most bytes the parts of one uploaded workbook may declare, unpacked. A workbook of
/// [`MAX_XLSX_CELLS`] short cells unpacks to about 100 MB; a few hundred kilobytes of
/// deflated zeros can declare gigabytes (a decompression bomb), which the reader would otherwise
/// inflate (calamine reads the shared strings whole) before any cell limit applies. The zip
/// reader stops an entry at its declared size, so the declared sizes bound what is inflated.
pub const MAX_XLSX_UNPACKED: u64 = 256 * 1024 * 1024;

/// Excel's grid: 1,048,576 rows of 16,384 columns (A to XFD).
const EXCEL_ROWS: u32 = 1_048_576;
const EXCEL_COLUMNS: u32 = 16_384;

/// A row of an XLSX sheet: its number as the sheet shows it and its cells with content, by
/// column counted from the sheet's first used column.
#[derive(Debug)]
pub struct XlsxRow {
    pub number: u32,
    cells: Vec<(u32, String)>,
    /// The sheet's width: its first used column to its last.
    width: u32,
}

impl XlsxRow {
    /// The row's cells across the sheet's used columns, blank where a cell has no content.
    pub fn cells(&self) -> impl Iterator<Item = &str> {
        let mut next = self.cells.iter().peekable();
        (0..self.width).map(move |col| match next.next_if(|(c, _)| *c == col) {
            Some((_, text)) => text.as_str(),
            None => "",
        })
    }

    /// Whether every cell is blank or spaces.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|(_, text)| text.trim().is_empty())
    }
}

/// The rows with content of the first sheet of an XLSX workbook, in row order, every cell as
/// [`cell_text`]. Read cell by cell, never as the sheet's whole rectangle: a file naming one
/// cell at A1 and another at XFD1048576 would otherwise ask for 17 billion cells and bring the
/// server down. A cell outside Excel's grid, more than [`MAX_XLSX_CELLS`] cells, or a file that
/// makes the reader panic (calamine 0.38 overflows on an over-long column name, found by
/// `cargo fuzz`) is refused as unreadable, like any damaged file; so is a workbook whose parts
/// declare more than [`MAX_XLSX_UNPACKED`] bytes unpacked, before anything is inflated.
pub fn xlsx_rows(body: &[u8]) -> Result<Vec<XlsxRow>, ApiError> {
    check_unpacked_size(body, MAX_XLSX_UNPACKED)?;
    std::panic::catch_unwind(|| read_xlsx_rows(body))
        .unwrap_or_else(|_| Err(unreadable(&"the workbook's XML names an impossible cell")))
}

/// Refuses a workbook whose zip parts declare more than `limit` bytes unpacked, in total; reads
/// only the zip's central directory.
fn check_unpacked_size(body: &[u8], limit: u64) -> Result<(), ApiError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(body)).map_err(|e| unreadable(&e))?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let part = archive.by_index_raw(index).map_err(|e| unreadable(&e))?;
        total = total.saturating_add(part.size());
        if total > limit {
            let mib = limit / (1024 * 1024);
            return Err(bad(
                format!("XLSX 文件解压后超过 {mib} MB，无法读取；请删去多余的工作表、图片或格式后重新上传"),
                format!(
                    "The XLSX file unpacks to more than {mib} MB and cannot be read; remove extra sheets, pictures or formatting and upload it again"
                ),
            ));
        }
    }
    Ok(())
}

fn unreadable(e: &dyn std::fmt::Display) -> ApiError {
    bad(
        format!("XLSX 文件无法读取（{e}）"),
        format!("The XLSX file cannot be read ({e})"),
    )
}

fn read_xlsx_rows(body: &[u8]) -> Result<Vec<XlsxRow>, ApiError> {
    use calamine::{DataRef, XlsxError};
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(body)).map_err(|e| unreadable(&e))?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(bad(
            "XLSX 文件中没有工作表".into(),
            "The workbook has no sheet".into(),
        ));
    };
    let mut reader = match book.worksheet_cells_reader(&name) {
        Ok(reader) => reader,
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(e) => return Err(unreadable(&e)),
    };
    let mut cells: Vec<((u32, u32), String)> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, col) = cell.get_position();
        if row >= EXCEL_ROWS || col >= EXCEL_COLUMNS {
            return Err(bad(
                format!(
                    "工作表中的单元格超出了 Excel 的范围（第 {} 行第 {} 列）",
                    u64::from(row) + 1,
                    u64::from(col) + 1
                ),
                format!(
                    "A cell lies outside Excel's grid (row {}, column {})",
                    u64::from(row) + 1,
                    u64::from(col) + 1
                ),
            ));
        }
        if cells.len() == MAX_XLSX_CELLS {
            return Err(bad(
                format!("工作表中有内容的单元格过多（最多 {MAX_XLSX_CELLS} 个）"),
                format!("The sheet has too many cells with content (at most {MAX_XLSX_CELLS})"),
            ));
        }
        cells.push(((row, col), cell_text(&Data::from(cell.get_value().clone()))));
    }
    // In row order; a cell written twice keeps its last value, as the sheet's reader does.
    cells.reverse();
    cells.sort_by_key(|(pos, _)| *pos);
    cells.dedup_by_key(|(pos, _)| *pos);
    let first_col = cells.iter().map(|((_, col), _)| *col).min().unwrap_or(0);
    let width = cells
        .iter()
        .map(|((_, col), _)| col - first_col + 1)
        .max()
        .unwrap_or(0);
    let mut rows: Vec<XlsxRow> = Vec::new();
    for ((row, col), text) in cells {
        let number = row + 1;
        if rows.last().is_none_or(|r| r.number != number) {
            rows.push(XlsxRow {
                number,
                cells: Vec::new(),
                width,
            });
        }
        if let Some(last) = rows.last_mut() {
            last.cells.push((col - first_col, text));
        }
    }
    Ok(rows)
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

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A zip of one part holding `bytes` zeros, deflated (a few kilobytes per megabyte).
    fn zeros(bytes: usize) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/sharedStrings.xml", options)
            .expect("a part");
        zip.write_all(&vec![0_u8; bytes]).expect("zeros");
        zip.finish().expect("a zip").into_inner()
    }

    #[test]
    fn a_workbook_declaring_more_than_the_limit_unpacked_is_refused_unread() {
        let bomb = zeros(4 * 1024 * 1024);
        assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
        let refused = check_unpacked_size(&bomb, 2 * 1024 * 1024).expect_err("over the limit");
        assert_eq!(refused.code(), ErrorCode::BadRequest);
        assert!(refused.to_string().contains("2 MB"), "{refused}");
        assert!(check_unpacked_size(&bomb, 4 * 1024 * 1024).is_ok());
        // Not a zip at all: unreadable, as before.
        assert!(check_unpacked_size(b"name,id\n", MAX_XLSX_UNPACKED).is_err());
    }

    #[test]
    fn an_ordinary_workbook_is_well_under_the_limit() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for row in 0..2_000_u32 {
            sheet
                .write_string(row, 0, format!("专家{row}"))
                .expect("a cell");
            sheet
                .write_string(row, 1, "示范县第一中学")
                .expect("a cell");
        }
        let body = book.save_to_buffer().expect("a workbook");
        assert!(check_unpacked_size(&body, MAX_XLSX_UNPACKED).is_ok());
        let rows = xlsx_rows(&body).expect("read");
        assert_eq!(rows.len(), 2_000);
    }
}
