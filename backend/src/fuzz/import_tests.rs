//! The importers' generators: any bytes; well-formed CSV (UTF-8, UTF-8 with a BOM, GBK) and
//! XLSX sheets of random cells that must read back cell for cell, on the row numbers a
//! spreadsheet shows; valid workbooks truncated and corrupted.

use proptest::prelude::*;

use super::*;
use crate::{
    fuzz::corpus,
    org::bulk::{Field, RawRow},
};

/// Generated rows: each row's cells and the blank lines written before it.
type Rows = Vec<(Vec<String>, u8)>;
/// An accounts header: each column's field (none: an ignored column) and its name.
type AccountColumns = Vec<(Option<Field>, String)>;
/// A sheet header: each column's wire name and its name in the file.
type SheetColumns = Vec<(&'static str, String)>;

/// How a generated CSV file is saved.
#[derive(Debug, Clone, Copy)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Gbk,
}

fn encoding() -> impl Strategy<Value = Encoding> {
    prop_oneof![
        Just(Encoding::Utf8),
        Just(Encoding::Utf8Bom),
        Just(Encoding::Gbk)
    ]
}

/// A cell: ASCII, Chinese, separators, quotes, line breaks and padding.
fn cell() -> impl Strategy<Value = String> + Clone {
    "[a-z0-9 ,\"\r\n;；张王经办人申报单位<&]{0,6}"
}

/// A cell an XLSX file keeps as typed (no carriage return: XML folds it).
fn xlsx_cell() -> impl Strategy<Value = String> + Clone {
    "[a-z0-9 ,\"\n;；张王经办人申报单位<&]{0,6}"
}

/// The accounts header: the required columns, some optional ones and an ignored one, in any
/// order, each by wire name or Chinese header.
fn account_columns() -> impl Strategy<Value = Vec<(Option<Field>, String)>> {
    let optional = vec![
        Some(Field::UnitId),
        Some(Field::Phone),
        Some(Field::IdNumber),
        Some(Field::Roles),
        None,
    ];
    prop::sample::subsequence(optional, 0..=5)
        .prop_flat_map(|extra| {
            let mut cols = vec![
                Some(Field::Username),
                Some(Field::DisplayName),
                Some(Field::Kind),
                Some(Field::UnitCreditCode),
            ];
            cols.extend(extra);
            let n = cols.len();
            (
                Just(cols).prop_shuffle(),
                prop::collection::vec(any::<bool>(), n),
            )
        })
        .prop_map(|(cols, zh)| {
            cols.into_iter()
                .zip(zh)
                .map(|(c, zh)| {
                    let name = match c {
                        Some(f) if zh => f.label_zh().to_owned(),
                        Some(f) => f.name().to_owned(),
                        None => "备注".to_owned(),
                    };
                    (c, name)
                })
                .collect()
        })
}

/// A sheet header of an import: its required columns and some optional ones, in any order.
fn sheet_columns(spec: &'static Spec) -> impl Strategy<Value = Vec<(&'static str, String)>> {
    let optional: Vec<(&'static str, &'static str)> = spec
        .columns
        .iter()
        .copied()
        .filter(|(wire, _)| !spec.required.contains(wire))
        .collect();
    let required: Vec<(&'static str, &'static str)> = spec
        .columns
        .iter()
        .copied()
        .filter(|(wire, _)| spec.required.contains(wire))
        .collect();
    let n = optional.len();
    prop::sample::subsequence(optional, 0..=n)
        .prop_flat_map(move |extra| {
            let mut cols = required.clone();
            cols.extend(extra);
            let n = cols.len();
            (
                Just(cols).prop_shuffle(),
                prop::collection::vec(any::<bool>(), n),
            )
        })
        .prop_map(|(cols, zh)| {
            cols.into_iter()
                .zip(zh)
                .map(|((wire, label), zh)| (wire, if zh { label } else { wire }.to_owned()))
                .collect()
        })
}

/// Rows of `width` cells, each with the blank lines written before it.
fn rows_of(
    width: usize,
    cell: impl Strategy<Value = String> + Clone,
) -> impl Strategy<Value = Vec<(Vec<String>, u8)>> {
    prop::collection::vec((prop::collection::vec(cell, width), 0_u8..3), 0..6)
}

/// The CSV text of a header and rows (with the blank lines before each), and the line each
/// row starts on.
fn csv_text(header: &[String], rows: &[(Vec<String>, u8)]) -> (String, Vec<u32>) {
    let record = |cells: &[String]| {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(cells).unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8(w.into_inner().unwrap_or_else(|e| panic!("{e}"))).unwrap_or_default()
    };
    let mut text = record(header);
    let mut lines = Vec::new();
    for (cells, blank) in rows {
        for i in 0..*blank {
            text.push_str(if i % 2 == 0 { "\n" } else { "\r\n" });
        }
        // Line breaks as an editor shows them: `\r\n`, `\n` and a lone `\r` (also inside a
        // quoted cell).
        let line = 1 + text.matches('\n').count() + text.matches('\r').count()
            - text.matches("\r\n").count();
        lines.push(u32::try_from(line).unwrap_or(u32::MAX));
        text.push_str(&record(cells));
    }
    (text, lines)
}

/// The bytes of `text` as saved in `encoding`; `None` for GBK bytes that are also UTF-8 of
/// another text (the reader takes UTF-8 first, by design).
fn encode(text: &str, encoding: Encoding) -> Option<Vec<u8>> {
    match encoding {
        Encoding::Utf8 => Some(text.as_bytes().to_vec()),
        Encoding::Utf8Bom => Some([b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()),
        Encoding::Gbk => {
            let (bytes, _, lossy) = encoding_rs::GB18030.encode(text);
            let ambiguous = std::str::from_utf8(&bytes).is_ok_and(|t| t != text);
            (!lossy && !ambiguous).then(|| bytes.into_owned())
        }
    }
}

fn workbook(header: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let all = std::iter::once(header.to_vec()).chain(rows.iter().cloned());
    for (r, cells) in all.enumerate() {
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                let (r, c) = (u32::try_from(r).unwrap_or(0), u16::try_from(c).unwrap_or(0));
                sheet
                    .write_string(r, c, v)
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
    book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"))
}

fn value(row: &RawRow, field: Field) -> Option<&str> {
    match field {
        Field::Username => row.username.as_deref(),
        Field::DisplayName => row.display_name.as_deref(),
        Field::Kind => row.kind.as_deref(),
        Field::UnitId => row.unit_id.as_deref(),
        Field::UnitCreditCode => row.unit_credit_code.as_deref(),
        Field::Phone => row.phone.as_deref(),
        Field::IdNumber => row.id_number.as_deref(),
        Field::Roles => None,
    }
}

/// The accounts read back: the non-blank rows, on their lines, cell for cell.
fn accounts_read_back(
    batch: &Batch,
    cols: &[(Option<Field>, String)],
    rows: &[Vec<String>],
    lines: &[u32],
) -> Result<(), TestCaseError> {
    let expected: Vec<(u32, &Vec<String>)> = lines
        .iter()
        .copied()
        .zip(rows)
        .filter(|(_, cells)| {
            cols.iter()
                .zip(cells.iter())
                .any(|((f, _), v)| f.is_some() && !v.trim().is_empty())
        })
        .collect();
    let got: Vec<u32> = batch.rows.iter().map(|r| r.row).collect();
    let want: Vec<u32> = expected.iter().map(|(n, _)| *n).collect();
    prop_assert_eq!(got, want);
    for (row, (_, cells)) in batch.rows.iter().zip(&expected) {
        for ((field, _), v) in cols.iter().zip(cells.iter()) {
            let v = v.trim();
            match field {
                None => {}
                Some(Field::Roles) => {
                    let want: Vec<&str> = v
                        .split([';', '；'])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .collect();
                    prop_assert_eq!(&row.roles, &want);
                }
                Some(f) => prop_assert_eq!(value(row, *f), (!v.is_empty()).then_some(v)),
            }
        }
    }
    Ok(())
}

/// A sheet read back: the non-blank rows, on their lines, cell for cell.
fn sheet_read_back(
    sheet: &Sheet,
    cols: &[(&'static str, String)],
    rows: &[Vec<String>],
    lines: &[u32],
) -> Result<(), TestCaseError> {
    let expected: Vec<(u32, &Vec<String>)> = lines
        .iter()
        .copied()
        .zip(rows)
        .filter(|(_, cells)| cells.iter().any(|v| !v.trim().is_empty()))
        .collect();
    let got: Vec<u32> = sheet.iter().map(|(n, _)| *n).collect();
    let want: Vec<u32> = expected.iter().map(|(n, _)| *n).collect();
    prop_assert_eq!(got, want);
    for ((_, read), (_, cells)) in sheet.iter().zip(&expected) {
        for ((wire, _), v) in cols.iter().zip(cells.iter()) {
            prop_assert_eq!(read.get(wire).map(String::as_str), Some(v.trim()));
        }
    }
    Ok(())
}

fn accounts_case() -> impl Strategy<Value = (AccountColumns, Rows)> {
    account_columns().prop_flat_map(|cols| {
        let n = cols.len();
        (Just(cols), rows_of(n, cell()))
    })
}

fn sheet_case(
    cell: impl Strategy<Value = String> + Clone + 'static,
) -> impl Strategy<Value = (usize, SheetColumns, Rows)> {
    (0..SPECS.len()).prop_flat_map(move |i| {
        let cell = cell.clone();
        sheet_columns(&SPECS[i]).prop_flat_map(move |cols| {
            let n = cols.len();
            (Just(i), Just(cols), rows_of(n, cell.clone()))
        })
    })
}

/// A valid workbook of each kind (accounts, certificates), to truncate and corrupt.
fn templates() -> &'static [Vec<u8>] {
    static BOOKS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    BOOKS.get_or_init(|| {
        let cert = crate::certificates::import::template().unwrap_or_else(|e| panic!("{e}"));
        let header: Vec<String> = ["用户名", "姓名", "账号类型", "统一社会信用代码", "手机号"]
            .map(str::to_owned)
            .to_vec();
        let row = [
            "wang",
            "王五",
            "经办人",
            "91350100M000100Y43",
            "13800000000",
        ]
        .map(str::to_owned)
        .to_vec();
        vec![workbook(&header, &[row.clone(), row]), cert]
    })
}

proptest! {
    #![proptest_config(corpus::config())]

    #[test]
    fn accounts_csv_on_any_bytes(data in prop::collection::vec(any::<u8>(), 0..200)) {
        accounts_csv(&data);
    }

    #[test]
    fn accounts_json_on_any_bytes(data in prop::collection::vec(any::<u8>(), 0..100)) {
        accounts_json(&data);
    }

    #[test]
    fn accounts_json_on_rows_of_any_values(
        rows in prop::collection::vec(
            prop::collection::btree_map(
                prop::sample::select(vec!["username", "display_name", "kind", "unit_id", "unit_credit_code", "phone", "id_number", "roles", "colour"]),
                prop_oneof![
                    Just(serde_json::Value::Null),
                    any::<bool>().prop_map(serde_json::Value::from),
                    any::<i64>().prop_map(serde_json::Value::from),
                    any::<f64>().prop_map(serde_json::Value::from),
                    cell().prop_map(serde_json::Value::from),
                    prop::collection::vec(cell(), 0..3).prop_map(serde_json::Value::from),
                ],
                0..8,
            ).prop_map(|m| serde_json::Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
            0..6,
        )
    ) {
        let body = serde_json::json!({ "rows": rows });
        accounts_json(body.to_string().as_bytes());
    }

    #[test]
    fn accounts_csv_reads_back_every_cell_on_its_line(
        (cols, rows) in accounts_case(),
        encoding in encoding(),
    ) {
        let header: Vec<String> = cols.iter().map(|(_, name)| name.clone()).collect();
        let (text, lines) = csv_text(&header, &rows);
        let bytes = encode(&text, encoding);
        prop_assume!(bytes.is_some());
        let bytes = bytes.unwrap_or_default();
        accounts_csv(&bytes);
        let batch = parse::csv(&bytes).map_err(|e| TestCaseError::fail(format!("{e}: {text:?}")))?;
        let cells: Vec<Vec<String>> = rows.into_iter().map(|(c, _)| c).collect();
        accounts_read_back(&batch, &cols, &cells, &lines)?;
    }

    #[test]
    fn accounts_xlsx_reads_back_every_cell_on_its_row((cols, rows) in account_columns().prop_flat_map(|cols| {
        let n = cols.len();
        (Just(cols), rows_of(n, xlsx_cell()))
    })) {
        let header: Vec<String> = cols.iter().map(|(_, name)| name.clone()).collect();
        let cells: Vec<Vec<String>> = rows.into_iter().map(|(c, _)| c).collect();
        let bytes = workbook(&header, &cells);
        accounts_xlsx(&bytes);
        let batch = parse::xlsx(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let lines: Vec<u32> = (2..).take(cells.len()).collect();
        accounts_read_back(&batch, &cols, &cells, &lines)?;
    }

    #[test]
    fn sheet_csv_on_any_bytes(data in prop::collection::vec(any::<u8>(), 0..200)) {
        sheet_csv(&data);
    }

    #[test]
    fn sheet_csv_reads_back_every_cell_on_its_line(
        (i, cols, rows) in sheet_case(cell()),
        encoding in encoding(),
    ) {
        let header: Vec<String> = cols.iter().map(|(_, name)| name.clone()).collect();
        let (text, lines) = csv_text(&header, &rows);
        let bytes = encode(&text, encoding);
        prop_assume!(bytes.is_some());
        let bytes = bytes.unwrap_or_default();
        sheet_csv(&[[u8::try_from(i).unwrap_or(0)].as_slice(), &bytes].concat());
        let sheet = sheet::csv(&SPECS[i], &bytes).map_err(|e| TestCaseError::fail(format!("{e}: {text:?}")))?;
        let cells: Vec<Vec<String>> = rows.into_iter().map(|(c, _)| c).collect();
        sheet_read_back(&sheet, &cols, &cells, &lines)?;
    }

    #[test]
    fn sheet_xlsx_reads_back_every_cell_on_its_row((i, cols, rows) in sheet_case(xlsx_cell())) {
        let header: Vec<String> = cols.iter().map(|(_, name)| name.clone()).collect();
        let cells: Vec<Vec<String>> = rows.into_iter().map(|(c, _)| c).collect();
        let bytes = workbook(&header, &cells);
        sheet_xlsx(&[[u8::try_from(i).unwrap_or(0)].as_slice(), &bytes].concat());
        let sheet = sheet::xlsx(&SPECS[i], &bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let lines: Vec<u32> = (2..).take(cells.len()).collect();
        sheet_read_back(&sheet, &cols, &cells, &lines)?;
    }

    #[test]
    fn xlsx_truncated_or_corrupted_never_panics(
        which in 0_usize..2,
        cut in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        truncate in any::<bool>(),
    ) {
        let mut bytes = templates()[which].clone();
        for (at, byte) in flips {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        accounts_xlsx(&bytes);
        sheet_xlsx(&[[u8::try_from(which).unwrap_or(0)].as_slice(), &bytes].concat());
    }
}

/// Found by `sheet_csv_reads_back_every_cell_on_its_line`: the expert and certificate imports
/// numbered CSV rows by the csv reader's own count, which skips blank lines and counts a quoted
/// cell's line breaks as nothing, so the report named the wrong row. They now share the
/// accounts import's count (`org::bulk::parse::Lines`).
#[test]
fn regression_sheet_csv_numbers_rows_as_the_spreadsheet_shows_them() {
    let text = "name,id_number,title,specialties,term_start,term_end\n\
                \n\
                a,\"1\n2\",t,s,2026-01-01,2027-01-01\n\
                \r\n\
                b,3,t,s,2026-01-01,2027-01-01\n";
    let sheet = sheet::csv(&SPECS[0], text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let numbers: Vec<u32> = sheet.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, [3, 6]);
    sheet_csv(&[b"\0".as_slice(), text.as_bytes()].concat());
}

/// Found by `cargo fuzz run accounts_csv` (corpus file `regression-lone-cr`): a lone `\r` ends
/// a record for the csv reader (and a line for Excel, as in old Mac files), but the line count
/// only counted `\n`, so two records were both numbered as one line and the report named the
/// same row twice.
#[test]
fn regression_a_lone_carriage_return_ends_a_line() {
    let text =
        "username,display_name,kind,unit_id\r\ra,b,handler,1\rc,d,handler,2\r\ne,f,handler,3\n";
    let batch = parse::csv(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let numbers: Vec<u32> = batch.rows.iter().map(|r| r.row).collect();
    assert_eq!(numbers, [3, 4, 5]);
    accounts_csv(text.as_bytes());
}

/// Found by `cargo fuzz run accounts_xlsx` (corpus file `regression-column-overflow`): calamine
/// 0.38 multiplies a cell's column letters without a bound and panics on an over-long name
/// (it wraps in a release build). The workbook is refused as unreadable.
#[test]
fn regression_an_impossible_cell_name_refuses_the_workbook() {
    let body = std::fs::read(corpus::dir("accounts_xlsx").join("regression-column-overflow"))
        .unwrap_or_else(|e| panic!("{e}"));
    // Built without overflow checks (`--release`) the name wraps to some column: then the file
    // may read, and the importer's invariants must hold for it.
    match parse::xlsx(&body) {
        Err(e) => assert_eq!(e.code(), ErrorCode::BadRequest),
        Ok(_) => assert!(
            std::hint::black_box(!cfg!(debug_assertions)),
            "read with overflow checks on"
        ),
    }
    accounts_xlsx(&body);
    match sheet::xlsx(&SPECS[0], &body) {
        Err(e) => assert_eq!(e.code(), ErrorCode::BadRequest),
        Ok(_) => assert!(
            std::hint::black_box(!cfg!(debug_assertions)),
            "read with overflow checks on"
        ),
    }
}

/// Seen while reading the crash above: the importers read a sheet as its whole rectangle, so a
/// small file with one cell at A1 and one at XFD1048576 asked for 17 billion cells and the
/// allocation failure would abort the server. They now read cell by cell.
#[test]
fn a_cell_at_the_far_corner_of_the_grid_costs_one_cell() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, head) in ["username", "display_name", "kind", "unit_id"]
        .iter()
        .enumerate()
    {
        let c = u16::try_from(c).unwrap_or(0);
        sheet
            .write_string(0, c, *head)
            .unwrap_or_else(|e| panic!("{e}"));
        sheet
            .write_string(1, c, ["li", "李", "handler", "1"][usize::from(c)])
            .unwrap_or_else(|e| panic!("{e}"));
    }
    sheet
        .write_string(1_048_575, 16_383, "x")
        .unwrap_or_else(|e| panic!("{e}"));
    let body = book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"));
    let batch = parse::xlsx(&body).unwrap_or_else(|e| panic!("{e}"));
    // The far cell's row has nothing under the four columns: blank, skipped.
    let numbers: Vec<u32> = batch.rows.iter().map(|r| r.row).collect();
    assert_eq!(numbers, [2]);
    assert_eq!(batch.rows[0].username.as_deref(), Some("li"));
    let rows = sheet::xlsx_rows(&body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [1, 2, 1_048_576]
    );
    assert_eq!(rows[2].cells().count(), 16_384);
}
