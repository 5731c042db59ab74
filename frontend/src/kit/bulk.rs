//! The pieces of a bulk upload (批量导入 of accounts, 批量预入库 of experts): the file field that
//! takes CSV or XLSX only, the template download, the outcome in one sentence and the table of
//! every broken rule by row. The API writes all rows or none, so a screen checks first (a dry
//! run) and shows the report; it never leaves half a file behind.

use shared::Locale;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::fields::FieldErrorSlot;
use super::list::{col, static_table, text_col, Column, Row};
use crate::api::bulk::{upload_type, BulkRowError};
use crate::components::alert::Flash;
use crate::i18n::{fill, t, use_i18n, I18n, Key};

/// The chosen file and the content type it is sent as.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen {
    /// The file.
    pub file: web_sys::File,
    /// `text/csv` or the XLSX type.
    pub content_type: &'static str,
}

/// Props of [`FileField`].
#[derive(Properties, PartialEq)]
pub struct FileFieldProps {
    /// What the file holds (its columns, its encoding, all or nothing).
    pub hint: Html,
    /// A file was chosen (`None`: none, or not CSV/XLSX).
    pub on_choose: Callback<Option<Chosen>>,
}

/// The file input (`input-file`, request field `file`): a file that is not `.csv` or `.xlsx`
/// is refused at the field and not chosen.
#[component]
pub fn FileField(props: &FileFieldProps) -> Html {
    let i18n = use_i18n();
    let wrong = use_state(|| false);
    let onchange = {
        let (wrong, on_choose) = (wrong.clone(), props.on_choose.clone());
        Callback::from(move |e: Event| {
            let file = e
                .target_dyn_into::<HtmlInputElement>()
                .and_then(|i| i.files())
                .and_then(|files| files.get(0));
            let chosen = file.and_then(|file| {
                let content_type = upload_type(&file.name());
                wrong.set(content_type.is_none());
                content_type.map(|content_type| Chosen { file, content_type })
            });
            on_choose.emit(chosen);
        })
    };
    let described = if *wrong {
        "input-file-hint input-file-wrong"
    } else {
        "input-file-hint"
    };
    html! {
        <div class="field import-file" data-field="file">
            <label for="input-file">{ i18n.t(Key::BulkFileLabel) }</label>
            <input id="input-file" type="file" data-testid="input-file" aria-describedby={described}
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                {onchange} />
            <p class="field-hint" id="input-file-hint">{ props.hint.clone() }</p>
            if *wrong {
                <p class="field-error" id="input-file-wrong" role="alert" data-testid="input-file-wrong">
                    { i18n.t(Key::BulkWrongType) }
                </p>
            }
            <FieldErrorSlot name="file" id="input-file-error" />
        </div>
    }
}

/// 下载模板 (`btn-template`): saves `text` (a CSV header) as `file_name`.
pub fn template_button(label: &str, text: String, file_name: &'static str) -> Html {
    let onclick = Callback::from(move |_: MouseEvent| {
        crate::download::save(text.as_bytes(), file_name, "text/csv;charset=utf-8");
    });
    html! {
        <button type="button" class="button" data-testid="btn-template" {onclick}>{ label.to_owned() }</button>
    }
}

/// The four sentences of an upload's outcome, each with `{}` for a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wording {
    /// A check passed: `{}` rows.
    pub passed: Key,
    /// Written: `{}` created.
    pub done: Key,
    /// A check failed: `{}` errors; nothing written.
    pub check_failed: Key,
    /// The upload failed: `{}` errors; nothing written.
    pub failed: Key,
}

/// What a check or an upload answered, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Every row passed.
    pub ok: bool,
    /// A check only.
    pub dry_run: bool,
    /// Data rows read.
    pub rows: usize,
    /// Rows written.
    pub created: usize,
    /// Broken rules.
    pub errors: usize,
}

/// The [`Tally`] of a bulk report: any answer with `ok`, `rows`, `created` and `errors`.
macro_rules! tally {
    ($report:expr, $dry_run:expr) => {{
        let report = $report;
        $crate::kit::bulk::Tally {
            ok: report.ok,
            dry_run: $dry_run,
            rows: report.rows,
            created: report.created,
            errors: report.errors.len(),
        }
    }};
}
pub(crate) use tally;

/// A message as a test reads it: `ok:<text>` or `err:<text>`.
#[cfg(test)]
pub fn said(flash: Flash) -> String {
    match flash {
        Flash::Success(s) => format!("ok:{s}"),
        Flash::Error(s) => format!("err:{s}"),
    }
}

/// The outcome of a check or an upload, in one sentence.
pub fn outcome(locale: Locale, wording: &Wording, tally: Tally) -> Flash {
    let count = |key: Key, n: usize| fill(t(locale, key), &n.to_string());
    match (tally.ok, tally.dry_run) {
        (true, true) => Flash::Success(count(wording.passed, tally.rows)),
        (true, false) => Flash::Success(count(wording.done, tally.created)),
        (false, true) => Flash::Error(count(wording.check_failed, tally.errors)),
        (false, false) => Flash::Error(count(wording.failed, tally.errors)),
    }
}

impl Row for BulkRowError {
    /// `row-<row>-<field>` (`row-<row>-row` for a rule about the whole row).
    fn key(&self) -> String {
        format!("{}-{}", self.row, self.field.as_deref().unwrap_or("row"))
    }
}

/// At most this many rows of a report are drawn; a longer report (an import may have 100,000
/// rows) is drawn this far and saved whole as a CSV file, so that the page stays responsive.
pub const SHOWN_ROWS: usize = 200;

/// How a report's rows are saved as CSV: the file, the header and each row's cells.
pub struct Export<T> {
    /// The file's name.
    pub file_name: &'static str,
    /// The header line's cells.
    pub headers: Vec<String>,
    /// One row's cells, in header order.
    pub cells: fn(&T) -> Vec<String>,
}

/// One CSV line (RFC 4180): a cell holding a comma, a quote or a line break is quoted.
pub fn csv_line(cells: &[String]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect();
    quoted.join(",") + "\r\n"
}

/// The whole report as CSV text (with a BOM, so that Excel reads it as UTF-8).
pub fn csv_text<T>(export: &Export<T>, rows: &[T]) -> String {
    let mut text = String::from("\u{feff}");
    text.push_str(&csv_line(&export.headers));
    for row in rows {
        text.push_str(&csv_line(&(export.cells)(row)));
    }
    text
}

/// A report's table (`name`): the first [`SHOWN_ROWS`] rows and, when there are more, above it
/// how many were left out (`report-capped`) and a button (`btn-report-csv`) that saves every row.
pub fn capped_table<T: Row + Clone + 'static>(
    i18n: &I18n,
    name: &str,
    caption: Option<&str>,
    columns: &[Column<T>],
    rows: &[T],
    export: Export<T>,
) -> Html {
    let table = static_table(
        i18n.locale,
        name,
        caption,
        columns,
        &rows[..rows.len().min(SHOWN_ROWS)],
    );
    if rows.len() <= SHOWN_ROWS {
        return table;
    }
    let all = std::rc::Rc::new(rows.to_vec());
    let onclick = Callback::from(move |_: MouseEvent| {
        let text = csv_text(&export, &all);
        crate::download::save(text.as_bytes(), export.file_name, "text/csv;charset=utf-8");
    });
    let note = crate::i18n::fill_n(
        i18n.t(Key::BulkRowsCapped),
        &[
            &crate::kit::format::thousands(rows.len() as u64),
            &SHOWN_ROWS.to_string(),
        ],
    );
    // Above the table, where the clerk reads first.
    html! {
        <>
            <p class="form-hint" data-testid="report-capped">
                { note }{ " " }
                <button type="button" class="button button-small" data-testid="btn-report-csv" {onclick}>
                    { i18n.t(Key::BulkReportCsv) }
                </button>
            </p>
            { table }
        </>
    }
}

/// Every broken rule (`bulk-errors-table`): row number, field, code and message — the first
/// [`SHOWN_ROWS`], and all of them as `import-errors.csv`.
pub fn errors_table(i18n: &I18n, errors: &[BulkRowError]) -> Html {
    let columns = vec![
        col(i18n.t(Key::BulkRow), |e: &BulkRowError| html! { { e.row } }),
        col(i18n.t(Key::BulkField), |e: &BulkRowError| {
            html! { { e.field.as_deref().unwrap_or("—") } }
        })
        .class("cell-mono"),
        col(
            i18n.t(Key::BulkCode),
            |e: &BulkRowError| html! { { e.code.as_str() } },
        )
        .class("cell-mono"),
        text_col(i18n.t(Key::BulkMessage), |e: &BulkRowError| &e.message),
    ];
    let export = Export {
        file_name: "import-errors.csv",
        headers: [
            Key::BulkRow,
            Key::BulkField,
            Key::BulkCode,
            Key::BulkMessage,
        ]
        .map(|k| i18n.t(k).to_owned())
        .to_vec(),
        cells: |e: &BulkRowError| {
            vec![
                e.row.to_string(),
                e.field.clone().unwrap_or_default(),
                e.code.as_str().to_owned(),
                e.message.clone(),
            ]
        },
    };
    capped_table(
        i18n,
        "bulk-errors-table",
        Some(i18n.t(Key::BulkErrorsCaption)),
        &columns,
        errors,
        export,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::ErrorCode;

    const WORDING: Wording = Wording {
        passed: Key::BulkAllPassed,
        done: Key::BulkImported,
        check_failed: Key::BulkCheckFailed,
        failed: Key::BulkImportFailed,
    };

    #[test]
    fn each_outcome_has_its_sentence_and_count() {
        let tally = |ok, dry_run| Tally {
            ok,
            dry_run,
            rows: 3,
            created: 2,
            errors: 4,
        };
        let said = |ok, dry_run| match outcome(Locale::ZhCn, &WORDING, tally(ok, dry_run)) {
            Flash::Success(s) => format!("ok:{s}"),
            Flash::Error(s) => format!("err:{s}"),
        };
        assert_eq!(
            said(true, true),
            format!("ok:{}", fill(t(Locale::ZhCn, Key::BulkAllPassed), "3"))
        );
        assert_eq!(
            said(true, false),
            format!("ok:{}", fill(t(Locale::ZhCn, Key::BulkImported), "2"))
        );
        assert_eq!(
            said(false, true),
            format!("err:{}", fill(t(Locale::ZhCn, Key::BulkCheckFailed), "4"))
        );
        assert_eq!(
            said(false, false),
            format!("err:{}", fill(t(Locale::ZhCn, Key::BulkImportFailed), "4"))
        );
    }

    #[test]
    fn csv_lines_quote_what_would_break_a_cell() {
        let line = csv_line(&[
            "12".to_owned(),
            "plain".to_owned(),
            "a,b".to_owned(),
            "say \"hi\"".to_owned(),
            "two\nlines".to_owned(),
        ]);
        assert_eq!(
            line,
            "12,plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
        let export = Export {
            file_name: "x.csv",
            headers: vec!["行号".to_owned(), "说明".to_owned()],
            cells: |n: &u32| vec![n.to_string(), format!("第 {n} 行")],
        };
        assert_eq!(
            csv_text(&export, &[2, 3]),
            "\u{feff}行号,说明\r\n2,第 2 行\r\n3,第 3 行\r\n"
        );
    }

    #[test]
    fn a_row_error_is_keyed_by_row_and_field() {
        let error = |field: Option<&str>| BulkRowError {
            row: 3,
            field: field.map(str::to_owned),
            code: ErrorCode::ValidationFailed,
            message: String::new(),
        };
        assert_eq!(error(Some("phone")).key(), "3-phone");
        assert_eq!(error(None).key(), "3-row");
    }
}
