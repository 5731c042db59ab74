//! `GET /api/v1/<list>/export?<the list's filters>`: the list as an XLSX workbook. One helper
//! for every list: the list's own query function is called page by page (so jurisdiction,
//! module checks and filters are the list's), each page is written out and dropped, and the
//! worksheet is in rust_xlsxwriter's constant-memory mode (rows go to a temp file as they are
//! written), so no export holds its result twice. Headers follow `Accept-Language` (Chinese by
//! default), times are China time (UTC+8), ID numbers are masked exactly as the list shows them.
//! More than [`MAX_ROWS`] matches answer 422 `export_too_large` before anything is written.

use actix_web::{http::header, web, HttpRequest, HttpResponse};
use rust_xlsxwriter::{Format, Workbook};
use shared::{ErrorCode, Locale, Page, PageQuery};

use super::errors::request_locale;
use crate::{
    db::{Db, DbConnection},
    error::ApiError,
};

/// Most rows one export may hold; above it the caller narrows the filter.
pub const MAX_ROWS: u64 = 50_000;

/// Rows read from the database per query.
const CHUNK: u32 = 500;

/// The media type of an XLSX workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text (written as text, never as a formula).
    Text(String),
    /// A number.
    Number(f64),
}

impl From<String> for Cell {
    fn from(v: String) -> Self {
        Cell::Text(v)
    }
}

impl From<&str> for Cell {
    fn from(v: &str) -> Self {
        Cell::Text(v.to_owned())
    }
}

impl From<Option<String>> for Cell {
    fn from(v: Option<String>) -> Self {
        Cell::Text(v.unwrap_or_default())
    }
}

impl From<i64> for Cell {
    #[expect(
        clippy::cast_precision_loss,
        reason = "ids and counts stay far below 2^53"
    )]
    fn from(v: i64) -> Self {
        Cell::Number(v as f64)
    }
}

impl From<i32> for Cell {
    fn from(v: i32) -> Self {
        Cell::Number(f64::from(v))
    }
}

/// A column: its header in both languages, its width in characters, and the cell of a row.
pub struct Column<T> {
    /// Chinese header.
    pub zh: &'static str,
    /// English header.
    pub en: &'static str,
    /// Width in characters.
    pub width: f64,
    /// The cell of one row in the request's language.
    pub cell: fn(&T, Locale) -> Cell,
}

/// What an export is called and what it shows.
pub struct Sheet<T: 'static> {
    /// File and sheet name in Chinese (e.g. `职称申报`).
    pub zh: &'static str,
    /// ASCII file name (the fallback for old clients, and the English name).
    pub en: &'static str,
    /// The columns.
    pub columns: &'static [Column<T>],
}

/// `2026-11-26T08:00:00+00:00` → `2026-11-26 16:00:00` (China time); other text unchanged.
pub fn china_time(utc: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(utc).map_or_else(
        |_| utc.to_owned(),
        |t| {
            (t.naive_utc() + chrono::Duration::hours(8))
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        },
    )
}

/// [`china_time`] of an optional time.
pub fn china_time_opt(utc: Option<&String>) -> Cell {
    Cell::Text(utc.map(|t| china_time(t)).unwrap_or_default())
}

/// Yes / no in the request's language.
pub fn yes_no(v: bool, locale: Locale) -> Cell {
    Cell::from(match (v, locale) {
        (true, Locale::ZhCn) => "是",
        (false, Locale::ZhCn) => "否",
        (true, Locale::En) => "yes",
        (false, Locale::En) => "no",
    })
}

/// Answers the export: `fetch` is the list's query for one page (called with pages of
/// [`CHUNK`] rows, on the blocking pool).
pub async fn xlsx<T, F>(
    req: &HttpRequest,
    db: &web::Data<Db>,
    sheet: Sheet<T>,
    fetch: F,
) -> Result<HttpResponse, ApiError>
where
    T: Send + 'static,
    F: FnMut(&mut DbConnection, PageQuery) -> Result<Page<T>, ApiError> + Send + 'static,
{
    let locale = request_locale(req);
    let name = match locale {
        Locale::ZhCn => sheet.zh,
        Locale::En => sheet.en,
    };
    let columns = sheet.columns;
    let mut fetch = fetch;
    let bytes = db
        .run(move |conn| workbook(name, columns, locale, MAX_ROWS, |page| fetch(conn, page)))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, XLSX))
        .insert_header((header::CONTENT_DISPOSITION, disposition(sheet.zh, sheet.en)))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(bytes))
}

/// `attachment; filename="units.xlsx"; filename*=UTF-8''%E5%8D%95….xlsx` (RFC 6266 / 5987).
pub fn disposition(zh: &str, ascii: &str) -> String {
    let mut encoded = String::new();
    for b in format!("{zh}.xlsx").bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}.xlsx\"; filename*=UTF-8''{encoded}")
}

/// One sheet of figures: its name, its headers and its rows.
pub type Table = (String, Vec<String>, Vec<Vec<Cell>>);

/// Answers a small workbook of several sheets (figures, not lists), each written whole.
pub fn tables(file: (&str, &str), sheets: &[Table]) -> Result<HttpResponse, ApiError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for (name, headers, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(name).map_err(xlsx_error)?;
        for (c, title) in (0_u16..).zip(headers) {
            sheet
                .write_string_with_format(0, c, title, &bold)
                .map_err(xlsx_error)?;
            sheet.set_column_width(c, 18.0).map_err(xlsx_error)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        for (r, row) in (1_u32..).zip(rows) {
            for (c, cell) in (0_u16..).zip(row) {
                match cell {
                    Cell::Text(t) if t.is_empty() => {}
                    Cell::Text(t) => {
                        sheet.write_string(r, c, t).map_err(xlsx_error)?;
                    }
                    Cell::Number(n) => {
                        sheet.write_number(r, c, *n).map_err(xlsx_error)?;
                    }
                }
            }
        }
    }
    let bytes = book.save_to_buffer().map_err(xlsx_error)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, XLSX))
        .insert_header((header::CONTENT_DISPOSITION, disposition(file.0, file.1)))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(bytes))
}

/// A workbook error as an internal error.
pub fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> ApiError {
    ApiError::internal(anyhow::anyhow!("writing the workbook: {e}"))
}

/// Writes the workbook: the header row, then the rows page by page. More than `max_rows`
/// matches (the first page's `total`) refuse with `export_too_large`.
pub fn workbook<T>(
    name: &str,
    columns: &[Column<T>],
    locale: Locale,
    max_rows: u64,
    mut fetch: impl FnMut(PageQuery) -> Result<Page<T>, ApiError>,
) -> Result<Vec<u8>, ApiError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book
        .add_worksheet_with_constant_memory()
        .map_err(xlsx_error)?;
    sheet.set_name(name).map_err(xlsx_error)?;
    for (c, col) in (0_u16..).zip(columns) {
        let title = match locale {
            Locale::ZhCn => col.zh,
            Locale::En => col.en,
        };
        sheet
            .write_string_with_format(0, c, title, &bold)
            .map_err(xlsx_error)?;
        sheet.set_column_width(c, col.width).map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    let mut row = 1_u32;
    let mut page = 1_u32;
    loop {
        let chunk = fetch(PageQuery {
            page,
            per_page: CHUNK,
        })?;
        if page == 1 && chunk.total > max_rows {
            return Err(ApiError::with_text(
                ErrorCode::ExportTooLarge,
                format!(
                    "符合条件的记录有 {} 条，一次最多导出 {max_rows} 条，请缩小筛选范围",
                    chunk.total
                ),
                format!(
                    "{} rows match; one export holds at most {max_rows}: narrow the filter",
                    chunk.total
                ),
            ));
        }
        let got = chunk.items.len();
        for item in &chunk.items {
            if u64::from(row) > max_rows {
                break;
            }
            for (c, col) in (0_u16..).zip(columns) {
                match (col.cell)(item, locale) {
                    Cell::Text(t) if t.is_empty() => {}
                    Cell::Text(t) => {
                        sheet.write_string(row, c, t).map_err(xlsx_error)?;
                    }
                    Cell::Number(n) => {
                        sheet.write_number(row, c, n).map_err(xlsx_error)?;
                    }
                }
            }
            row += 1;
        }
        if got < CHUNK as usize || u64::from(row) > max_rows {
            break;
        }
        page += 1;
    }
    book.save_to_buffer().map_err(xlsx_error)
}

#[cfg(test)]
mod tests {
    use calamine::{Data, Reader, Xlsx};

    use super::*;

    struct Person {
        id: i64,
        name: &'static str,
        at: &'static str,
    }

    const COLUMNS: &[Column<Person>] = &[
        Column {
            zh: "编号",
            en: "ID",
            width: 8.0,
            cell: |p, _| Cell::from(p.id),
        },
        Column {
            zh: "姓名",
            en: "Name",
            width: 12.0,
            cell: |p, _| Cell::from(p.name),
        },
        Column {
            zh: "时间",
            en: "Time",
            width: 20.0,
            cell: |p, _| Cell::from(china_time(p.at)),
        },
    ];

    fn people(n: i64) -> impl FnMut(PageQuery) -> Result<Page<Person>, ApiError> {
        move |q| {
            let start = i64::from(q.page - 1) * i64::from(q.per_page);
            let end = (start + i64::from(q.per_page)).min(n);
            Ok(Page {
                items: (start..end)
                    .map(|id| Person {
                        id,
                        name: "=王五",
                        at: "2026-11-30T16:30:00+00:00",
                    })
                    .collect(),
                total: u64::try_from(n).unwrap_or_default(),
                page: q.page,
                per_page: q.per_page,
                total_kind: shared::TotalKind::Exact,
            })
        }
    }

    fn read(bytes: Vec<u8>) -> Vec<Vec<Data>> {
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("workbook");
        let range = book
            .worksheet_range_at(0)
            .expect("a sheet")
            .expect("readable");
        range.rows().map(<[Data]>::to_vec).collect()
    }

    #[test]
    fn rows_come_in_pages_with_headers_and_china_time() {
        let bytes = workbook("人员", COLUMNS, Locale::ZhCn, 5000, people(1203)).expect("xlsx");
        let rows = read(bytes);
        assert_eq!(rows.len(), 1204);
        assert_eq!(
            rows[0],
            [
                Data::String("编号".into()),
                Data::String("姓名".into()),
                Data::String("时间".into())
            ]
        );
        assert_eq!(rows[1203][0], Data::Float(1202.0));
        // Text stays text: a leading `=` is not a formula.
        assert_eq!(rows[1][1], Data::String("=王五".into()));
        assert_eq!(rows[1][2], Data::String("2026-12-01 00:30:00".into()));
        let en = read(workbook("people", COLUMNS, Locale::En, 10, people(1)).expect("xlsx"));
        assert_eq!(en[0][1], Data::String("Name".into()));
    }

    #[test]
    fn above_the_cap_nothing_is_written() {
        let err = workbook("人员", COLUMNS, Locale::ZhCn, 100, people(101)).err();
        assert_eq!(err.map(|e| e.code()), Some(ErrorCode::ExportTooLarge));
        assert!(workbook("人员", COLUMNS, Locale::ZhCn, 100, people(100)).is_ok());
    }

    #[test]
    fn file_names_have_an_ascii_fallback() {
        assert_eq!(
            disposition("单位", "units"),
            "attachment; filename=\"units.xlsx\"; filename*=UTF-8''%E5%8D%95%E4%BD%8D.xlsx"
        );
    }
}
