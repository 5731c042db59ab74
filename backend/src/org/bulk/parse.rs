//! Reading a batch: JSON `{"rows": [...]}`, CSV (UTF-8 or GBK/GB18030, header row) or the first
//! sheet of an XLSX workbook. Everything becomes [`RawRow`]s of text; a file that cannot be read
//! at all (not JSON, neither UTF-8 nor GB18030, no workbook, a required column missing) is a 400 naming the problem,
//! while a wrong value inside a row is a row error, so that one report lists them all.

use serde_json::Value;
use shared::ErrorCode;

use super::{Batch, Field, RawRow, RowError, Source};
use crate::error::ApiError;

// The schema's `max_items` above is this constant (an attribute takes a literal only).
const _: () = assert!(super::MAX_ROWS == 100_000);

/// The JSON body, as documented (the reader itself goes through `serde_json::Value`, so that
/// a value of the wrong type is reported for its row instead of refusing the whole body).
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = BulkAccountsRequest)]
#[serde(deny_unknown_fields)]
pub struct JsonBody {
    /// The accounts to create, all or none (1 to `org::bulk::MAX_ROWS` = 100,000).
    #[schema(min_items = 1, max_items = 100_000)]
    pub rows: Vec<JsonRow>,
}

/// One account to create, as the document shows it: an object whose keys are the columns.
/// Its values are not typed there, because the reader types none: a row's missing, unknown or
/// wrongly typed values are reported in the answer with the row's number (all rows at once),
/// never refused with the whole body. The keys and what each must hold:
const ROW_KEYS: [(&str, &str); 8] = [
    ("username", "Login name (a string): 2–64 characters without whitespace, control characters or `#`; for an applicant, the ID number"),
    ("display_name", "Name shown in the UI (a string, 1–100 characters)"),
    ("kind", "Account kind (a string): the wire name (`handler`, `applicant`, …) or its Chinese label (经办人, 申报人, …)"),
    ("unit_id", "The unit, by id (an integer or its digits; give this or `unit_credit_code`)"),
    ("unit_credit_code", "The unit, by unified social credit code (a string)"),
    ("phone", "Mainland mobile (1[3-9] and 9 digits) or landline (`0851-12345678`), a string"),
    ("id_number", "Resident ID number (a string); required for applicants"),
    ("roles", "Business roles of the unit, by name (a list of strings, or one string separated by `;`); handlers only"),
];

/// The documented row ([`ROW_KEYS`]): any value (the reader reads each row on its own).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct JsonRow(pub serde_json::Value);

impl utoipa::PartialSchema for JsonRow {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::{
            schema::{SchemaType, Type},
            ObjectBuilder,
        };
        // Any JSON value, spelled as every type (a schema without `type` does not survive
        // the document's refinement, `openapi::refine`).
        let any = || {
            SchemaType::Array(vec![
                Type::Object,
                Type::Array,
                Type::String,
                Type::Integer,
                Type::Number,
                Type::Boolean,
                Type::Null,
            ])
        };
        ROW_KEYS
            .iter()
            .fold(
                ObjectBuilder::new().schema_type(any()).description(Some(
                    "One account to create: an object with these keys. Every problem of a row \
                     (a missing, unknown or wrongly typed value) is reported in the answer with \
                     the row's number.",
                )),
                |row, (key, description)| {
                    row.property(
                        *key,
                        ObjectBuilder::new()
                            .schema_type(any())
                            .description(Some(*description)),
                    )
                },
            )
            .into()
    }
}

impl utoipa::ToSchema for JsonRow {
    fn name() -> std::borrow::Cow<'static, str> {
        "BulkAccountRow".into()
    }
}

fn bad(zh: String, en: String) -> ApiError {
    ApiError::with_text(ErrorCode::BadRequest, zh, en)
}

/// Stores `text` (trimmed; blank = absent) in the field.
fn set(row: &mut RawRow, field: Field, text: &str) {
    let text = text.trim();
    if field == Field::Roles {
        row.roles.extend(split_roles(text));
        return;
    }
    let value = (!text.is_empty()).then(|| text.to_owned());
    let slot = match field {
        Field::Username => &mut row.username,
        Field::DisplayName => &mut row.display_name,
        Field::Kind => &mut row.kind,
        Field::UnitId => &mut row.unit_id,
        Field::UnitCreditCode => &mut row.unit_credit_code,
        Field::Phone => &mut row.phone,
        Field::IdNumber => &mut row.id_number,
        Field::Roles => return,
    };
    *slot = value;
}

/// Role names separated by `;` or the full-width `；`.
fn split_roles(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split([';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// `{"rows": [ {...}, ... ]}`; rows are numbered from 1.
///
/// Read as a stream: each row becomes a [`RawRow`] as soon as it is read, so the body is never
/// held as a whole tree of JSON values besides its rows (a 100,000-row body would be ten times
/// its own size as `serde_json::Value`s).
pub fn json(body: &[u8]) -> Result<Batch, ApiError> {
    use serde::de::DeserializeSeed;
    let mut shape = None;
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let rows = JsonBatch { shape: &mut shape }
        .deserialize(&mut deserializer)
        .and_then(|rows| deserializer.end().map(|()| rows));
    let rows = match (rows, shape) {
        (Ok(Some(rows)), _) => rows,
        (_, Some(Shape::Unknown(key))) => {
            return Err(ApiError::with_text(
                ErrorCode::InvalidBody,
                format!("请求内容含有未知字段 {key}"),
                format!("The body has an unknown field {key}"),
            ))
        }
        (Ok(None), _) | (Err(_), Some(Shape::Whole)) => {
            return Err(ApiError::with_text(
                ErrorCode::InvalidBody,
                "请求内容须为 {\"rows\": [...]}",
                "The body must be {\"rows\": [...]}",
            ))
        }
        (Err(e), None) if e.is_syntax() || e.is_eof() => {
            return Err(ApiError::new(ErrorCode::MalformedJson))
        }
        (Err(_), None) => return Err(ApiError::new(ErrorCode::BadRequest)),
    };
    Ok(Batch {
        source: Source::Json,
        rows,
    })
}

/// Why a readable JSON body is not a batch.
#[derive(Debug)]
enum Shape {
    /// Not an object, or `rows` missing or not an array.
    Whole,
    /// A key besides `rows`.
    Unknown(String),
}

/// The body's top level: an object whose only key is `rows` (`None`: no `rows`).
struct JsonBatch<'a> {
    shape: &'a mut Option<Shape>,
}

impl<'de> serde::de::DeserializeSeed<'de> for JsonBatch<'_> {
    type Value = Option<Vec<RawRow>>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for JsonBatch<'_> {
    type Value = Option<Vec<RawRow>>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("{\"rows\": [...]}")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut rows = None;
        while let Some(key) = map.next_key::<String>()? {
            if rows.is_some() && key == "rows" {
                *self.shape = Some(Shape::Whole);
                return Err(serde::de::Error::custom("rows twice"));
            }
            if key != "rows" {
                *self.shape = Some(Shape::Unknown(key.clone()));
                return Err(serde::de::Error::custom(format!("unknown field {key}")));
            }
            rows = Some(map.next_value_seed(JsonRows {
                shape: &mut *self.shape,
            })?);
        }
        Ok(rows)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        *self.shape = Some(Shape::Whole);
        Err(serde::de::Error::custom("not an object"))
    }

    // Any other value at the top: not a batch.
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
        self.not_a_batch()
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
        self.not_a_batch()
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
        self.not_a_batch()
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
        self.not_a_batch()
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
        self.not_a_batch()
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.not_a_batch()
    }
}

impl JsonBatch<'_> {
    fn not_a_batch<T, E: serde::de::Error>(self) -> Result<T, E> {
        *self.shape = Some(Shape::Whole);
        Err(E::custom("not an object"))
    }
}

/// The `rows` array, each element read on its own and turned into a [`RawRow`] at once.
struct JsonRows<'a> {
    shape: &'a mut Option<Shape>,
}

impl<'de> serde::de::DeserializeSeed<'de> for JsonRows<'_> {
    type Value = Vec<RawRow>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for JsonRows<'_> {
    type Value = Vec<RawRow>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of rows")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut rows = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(super::MAX_ROWS));
        while let Some(item) = seq.next_element::<Value>()? {
            let number = u32::try_from(rows.len() + 1).unwrap_or(u32::MAX);
            rows.push(json_row(number, item));
        }
        Ok(rows)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        self.not_rows()
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
        self.not_rows()
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
        self.not_rows()
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
        self.not_rows()
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
        self.not_rows()
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
        self.not_rows()
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.not_rows()
    }
}

impl JsonRows<'_> {
    fn not_rows<T, E: serde::de::Error>(self) -> Result<T, E> {
        *self.shape = Some(Shape::Whole);
        Err(E::custom("rows is not an array"))
    }
}

fn json_row(number: u32, item: Value) -> RawRow {
    let mut row = RawRow {
        row: number,
        ..RawRow::default()
    };
    let Value::Object(map) = item else {
        row.problems.push(RowError {
            row: number,
            field: "row".to_owned(),
            code: ErrorCode::ValidationFailed,
            text: crate::error::Text {
                zh: "每一行须为一个 JSON 对象".to_owned(),
                en: "each row must be a JSON object".to_owned(),
            },
        });
        return row;
    };
    for (key, value) in map {
        let Some(field) = Field::ALL.into_iter().find(|f| f.name() == key) else {
            row.problems.push(RowError {
                row: number,
                field: key.clone(),
                code: ErrorCode::ValidationFailed,
                text: crate::error::Text {
                    zh: format!("未知字段 {key}"),
                    en: format!("unknown field {key}"),
                },
            });
            continue;
        };
        match (field, value) {
            (_, Value::Null) => {}
            (_, Value::String(s)) => set(&mut row, field, &s),
            (Field::UnitId | Field::Phone, Value::Number(n)) => {
                set(&mut row, field, &n.to_string())
            }
            (Field::Roles, Value::Array(names)) => {
                for name in names {
                    match name {
                        Value::String(s) => row.roles.extend(split_roles(&s)),
                        _ => row.problems.push(RowError::new(
                            number,
                            field,
                            ErrorCode::ValidationFailed,
                            "须为角色名称的列表".to_owned(),
                            "must be a list of role names".to_owned(),
                        )),
                    }
                }
            }
            (_, _) => row.problems.push(RowError::new(
                number,
                field,
                ErrorCode::ValidationFailed,
                if field == Field::UnitId {
                    "须为整数".to_owned()
                } else {
                    "须为文本".to_owned()
                },
                if field == Field::UnitId {
                    "must be an integer".to_owned()
                } else {
                    "must be text".to_owned()
                },
            )),
        }
    }
    row
}

/// What a header cell names: a field, a column to ignore, or nothing we know.
enum Header {
    Field(Field),
    Ignored,
}

fn header(cell: &str) -> Option<Header> {
    let key: String = cell
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let field = match key.as_str() {
        "username" | "用户名" | "登录名" => Field::Username,
        "display_name" | "姓名" | "名称" => Field::DisplayName,
        "kind" | "账号类型" => Field::Kind,
        "unit_id" | "单位id" => Field::UnitId,
        "unit_credit_code" | "单位统一社会信用代码" | "统一社会信用代码" => {
            Field::UnitCreditCode
        }
        "phone" | "手机号" | "手机号码" | "联系电话" => Field::Phone,
        "id_number" | "身份证号" | "身份证号码" => Field::IdNumber,
        "roles" | "业务角色" => Field::Roles,
        // A numbering or remarks column and unnamed columns are common in templates.
        "" | "序号" | "备注" | "no" | "remark" | "remarks" => return Some(Header::Ignored),
        _ => return None,
    };
    Some(Header::Field(field))
}

/// Maps the header row to a field per column; refuses unknown, repeated or missing columns.
fn columns<'a>(cells: impl Iterator<Item = &'a str>) -> Result<Vec<Option<Field>>, ApiError> {
    let mut out: Vec<Option<Field>> = Vec::new();
    for cell in cells {
        match header(cell) {
            Some(Header::Ignored) => out.push(None),
            Some(Header::Field(f)) if out.contains(&Some(f)) => {
                return Err(bad(
                    format!("表头中“{}”列重复", cell.trim()),
                    format!("The header has the column \"{}\" twice", cell.trim()),
                ));
            }
            Some(Header::Field(f)) => out.push(Some(f)),
            None => {
                return Err(bad(
                    format!(
                        "表头中有无法识别的列“{}”（可用：用户名、姓名、账号类型、单位统一社会信用代码、单位ID、手机号、身份证号、业务角色）",
                        cell.trim()
                    ),
                    format!(
                        "Unknown column \"{}\" in the header (known: username, display_name, kind, unit_credit_code, unit_id, phone, id_number, roles)",
                        cell.trim()
                    ),
                ));
            }
        }
    }
    for required in [Field::Username, Field::DisplayName, Field::Kind] {
        if !out.contains(&Some(required)) {
            return Err(bad(
                format!("缺少“{}”列", required.label_zh()),
                format!("The column \"{}\" is missing", required.name()),
            ));
        }
    }
    if !out.contains(&Some(Field::UnitId)) && !out.contains(&Some(Field::UnitCreditCode)) {
        return Err(bad(
            "缺少“单位统一社会信用代码”列（或“单位ID”列）".to_owned(),
            "The column \"unit_credit_code\" (or \"unit_id\") is missing".to_owned(),
        ));
    }
    Ok(out)
}

/// A data row from its cells; `None` for a row whose cells are all blank.
fn sheet_row<'a>(
    number: u32,
    columns: &[Option<Field>],
    cells: impl Iterator<Item = &'a str>,
) -> Option<RawRow> {
    let mut row = RawRow {
        row: number,
        ..RawRow::default()
    };
    let mut blank = true;
    for (field, cell) in columns.iter().zip(cells) {
        if let Some(field) = field {
            blank &= cell.trim().is_empty();
            set(&mut row, *field, cell);
        }
    }
    (!blank).then_some(row)
}

/// The text of an uploaded CSV file, in whichever encoding Excel saved it: UTF-8 (with or
/// without a byte-order mark) or, for "CSV (逗号分隔)" on Chinese Windows, GBK — read as
/// GB18030, its superset. Decided here once for every importer. A file that is neither
/// (bytes GB18030 cannot map) is refused whole rather than guessed at.
pub fn decode_text(body: &[u8]) -> Result<std::borrow::Cow<'_, str>, ApiError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if let Ok(text) = std::str::from_utf8(body) {
        return Ok(std::borrow::Cow::Borrowed(text));
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(body);
    if had_errors {
        return Err(bad(
            "CSV 文件编码无法识别：请保存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”".to_owned(),
            "The CSV file's encoding is not recognised: save it as \"CSV UTF-8 (Comma delimited)\" or \"CSV (Comma delimited)\""
                .to_owned(),
        ));
    }
    Ok(text)
}

/// CSV in UTF-8 or GBK/GB18030 ([`decode_text`]), comma-separated, the header on the first
/// line. Rows are numbered by the line they start on, as a spreadsheet shows them.
pub fn csv(body: &[u8]) -> Result<Batch, ApiError> {
    let text = decode_text(body)?;
    let body = text.as_bytes();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body);
    let csv_error = |e: csv::Error| match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => {
            let line = pos.as_ref().map_or(0, csv::Position::line);
            bad(
                format!("第 {line} 行有 {len} 列，而表头有 {expected_len} 列"),
                format!("Line {line} has {len} cells but the header has {expected_len}"),
            )
        }
        _ => bad(
            format!("CSV 文件无法读取（{e}）"),
            format!("The CSV file cannot be read ({e})"),
        ),
    };
    let columns = columns(reader.headers().map_err(csv_error)?.iter())?;
    let mut lines = Lines::default();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        let line = lines.of(body, &record);
        rows.extend(sheet_row(line, &columns, record.iter()));
    }
    Ok(Batch {
        source: Source::Csv,
        rows,
    })
}

/// The line each record of a CSV text starts on, as a spreadsheet numbers it (the header is
/// line 1). The reader's own line count skips blank lines; this counts the line breaks before
/// each record instead. Ask for the records in order.
#[derive(Debug, Default)]
pub struct Lines {
    /// Lines passed before `counted_to` (0 before the first record).
    passed: u32,
    /// Byte offset up to which newlines were counted.
    counted_to: usize,
}

impl Lines {
    /// The line `record` of `body` (the text the reader read) starts on.
    pub fn of(&mut self, body: &[u8], record: &csv::StringRecord) -> u32 {
        let start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(self.counted_to)
            .clamp(self.counted_to, body.len());
        // The position may sit before the blank lines the reader skipped.
        let start = start
            + body[start..]
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
        // A line ends as the reader ends a record: `\r\n`, `\n`, or a lone `\r` (old Mac
        // files; Excel reads it as a line break too).
        let newlines = (self.counted_to..start)
            .filter(|&i| body[i] == b'\n' || (body[i] == b'\r' && body.get(i + 1) != Some(&b'\n')))
            .count();
        self.passed = self
            .passed
            .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        self.counted_to = start;
        self.passed.saturating_add(1)
    }
}

/// The first worksheet of an XLSX workbook (`http::sheet::xlsx_rows`, the one bounded reader
/// of uploaded workbooks); the first non-blank row is the header. Rows are numbered as the sheet
/// shows them.
pub fn xlsx(body: &[u8]) -> Result<Batch, ApiError> {
    let rows = crate::http::sheet::xlsx_rows(body)?;
    let mut lines = rows.iter();
    let Some(head) = lines.find(|r| !r.is_blank()) else {
        return Err(bad(
            "工作表是空的".to_owned(),
            "The sheet is empty".to_owned(),
        ));
    };
    let columns = columns(head.cells())?;
    let rows = lines
        .filter_map(|r| sheet_row(r.number, &columns, r.cells()))
        .collect();
    Ok(Batch {
        source: Source::Xlsx,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_rows_keep_their_numbers_and_report_bad_values_per_row() {
        let body = r#"{"rows": [
            {"username": " zhang ", "display_name": "张三", "kind": "handler", "unit_id": 5, "roles": ["a", "b；c"]},
            {"username": "li", "unit_id": true, "colour": "red"},
            7
        ]}"#;
        let batch = json(body.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(batch.rows.len(), 3);
        let first = &batch.rows[0];
        assert_eq!(first.username.as_deref(), Some("zhang"));
        assert_eq!(first.unit_id.as_deref(), Some("5"));
        assert_eq!(first.roles, ["a", "b", "c"]);
        assert!(first.problems.is_empty());
        let fields: Vec<&str> = batch.rows[1]
            .problems
            .iter()
            .map(|p| p.field.as_str())
            .collect();
        assert_eq!(fields, ["colour", "unit_id"]);
        assert_eq!(batch.rows[2].problems[0].field, "row");
        assert_eq!(batch.rows[2].row, 3);
    }

    #[test]
    fn json_that_is_not_a_batch_is_refused_whole() {
        assert_eq!(
            json(b"{").map(|_| ()).map_err(|e| e.code()),
            Err(ErrorCode::MalformedJson)
        );
        assert_eq!(
            json(b"[]").map(|_| ()).map_err(|e| e.code()),
            Err(ErrorCode::InvalidBody)
        );
        for body in [
            &br#"{"rows": [], "x": 1}"#[..],
            br#"{"x": 1, "rows": []}"#,
            br#"{"x": 1}"#,
            br#"{}"#,
            br#"{"rows": {}}"#,
            br#"{"rows": "a"}"#,
            br#"{"rows": [], "rows": []}"#,
            br#""rows""#,
            b"7",
            b"null",
        ] {
            assert_eq!(
                json(body).map(|_| ()).map_err(|e| e.code()),
                Err(ErrorCode::InvalidBody),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        for body in [&b"{\"rows\": []} x"[..], b"{\"rows\": [{}"] {
            assert_eq!(
                json(body).map(|_| ()).map_err(|e| e.code()),
                Err(ErrorCode::MalformedJson),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        let unknown = json(br#"{"rows": [], "colour": 1}"#).err();
        assert!(unknown.is_some_and(|e| e.message(shared::Locale::En).contains("colour")));
    }

    #[test]
    fn a_streamed_json_batch_numbers_every_row() {
        let rows: Vec<String> = (0..1_500)
            .map(|i| format!(r#"{{"username": "u{i}", "display_name": "名", "kind": "handler", "unit_id": 1}}"#))
            .collect();
        let body = format!(r#"{{"rows": [{}]}}"#, rows.join(","));
        let batch = json(body.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(batch.rows.len(), 1_500);
        assert_eq!(batch.rows[1_499].row, 1_500);
        assert_eq!(batch.rows[1_499].username.as_deref(), Some("u1499"));
        assert!(batch.rows.iter().all(|r| r.problems.is_empty()));
    }

    #[test]
    fn csv_reads_chinese_headers_a_bom_and_numbers_rows_like_a_sheet() {
        let text = "\u{feff}序号,用户名,姓名,账号类型,单位统一社会信用代码,业务角色\n1,wang,王五,经办人,X,甲；乙\n\n2,zhao,赵六,handler,Y,\n,,,,,\n";
        let batch = csv(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let got: Vec<(u32, Option<&str>)> = batch
            .rows
            .iter()
            .map(|r| (r.row, r.username.as_deref()))
            .collect();
        assert_eq!(got, [(2, Some("wang")), (4, Some("zhao"))]);
        assert_eq!(batch.rows[0].roles, ["甲", "乙"]);
        assert_eq!(batch.rows[0].kind.as_deref(), Some("经办人"));
        assert_eq!(batch.rows[1].unit_credit_code.as_deref(), Some("Y"));
    }

    #[test]
    fn csv_saved_by_excel_in_gbk_reads_like_utf8() {
        let text = "用户名,姓名,账号类型,单位统一社会信用代码\nwang,王五,经办人,X\nzhao,欧阳锋,handler,Y\n";
        let (gbk, _, lossy) = encoding_rs::GB18030.encode(text);
        assert!(!lossy);
        assert!(
            std::str::from_utf8(&gbk).is_err(),
            "the fixture is not UTF-8"
        );
        let batch = csv(&gbk).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<_> = batch
            .rows
            .iter()
            .map(|r| r.display_name.as_deref())
            .collect();
        assert_eq!(names, [Some("王五"), Some("欧阳锋")]);
        assert_eq!(batch.rows[0].kind.as_deref(), Some("经办人"));
    }

    #[test]
    fn bytes_of_no_known_encoding_are_refused() {
        let err = decode_text(b"a,b\n\x81\x20\xff\n").err();
        assert!(err.is_some_and(|e| e.message(shared::Locale::ZhCn).contains("编码")));
    }

    #[test]
    fn csv_without_a_required_column_names_it() {
        let err = csv("用户名,姓名,单位ID\na,b,1\n".as_bytes()).err();
        let msg = err
            .map(|e| e.message(shared::Locale::ZhCn).to_owned())
            .unwrap_or_default();
        assert!(msg.contains("账号类型"), "{msg}");
        let err = csv("username,display_name,kind,colour\n".as_bytes()).err();
        let msg = err
            .map(|e| e.message(shared::Locale::En).to_owned())
            .unwrap_or_default();
        assert!(msg.contains("colour"), "{msg}");
        let gbk = b"\xd3\xc3\xbb\xa7\xc3\xfb\n";
        assert!(csv(gbk).is_err());
    }

    #[test]
    fn the_documented_row_has_exactly_the_fields_the_reader_knows() {
        use utoipa::PartialSchema;
        let schema = serde_json::to_value(JsonRow::schema()).unwrap_or_default();
        let mut documented: Vec<String> = schema["properties"]
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        documented.sort();
        let mut known: Vec<String> = Field::ALL.iter().map(|f| f.name().to_owned()).collect();
        known.sort();
        assert_eq!(documented, known);
    }
}
