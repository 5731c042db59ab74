//! 职称证书导入: historic certificates from CSV or XLSX, all or nothing, with the same per-row
//! report as the other imports. Every row passes the backfill form's checks (the shared rules,
//! the employer in the caller's sight, a number not yet held, none repeated in the file); a dry
//! run checks without writing; one failing row writes nothing.

use std::collections::{BTreeSet, HashMap, HashSet};

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
    db::{
        schema::{certificates, units},
        DbConnection,
    },
    error::ApiError,
    http::{
        export::xlsx_error,
        sheet::{enum_of, Spec, Upload},
    },
    org::jurisdiction,
};

/// At most this many rows per file.
pub const MAX_ROWS: usize = 100_000;

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

/// Values per `IN (…)` list and rows per multi-row `INSERT` (23 bound values a certificate:
/// 11,500 a statement, under SQLite's 32,766 and PostgreSQL's 65,535).
const CHUNK: usize = 500;

/// Where a row names its employer: by id, else by exact unit name.
enum Employer {
    Id(i64),
    Name(String),
}

fn employer_of(cells: &HashMap<&'static str, String>) -> Employer {
    let get = |k: &str| cells.get(k).cloned().unwrap_or_default();
    match get("employer_id").parse::<i64>() {
        Ok(id) => Employer::Id(id),
        Err(_) => Employer::Name(get("employer")),
    }
}

fn row_error(row: u32, e: &ApiError, locale: Locale) -> ImportRowError {
    ImportRowError {
        row,
        field: e.field().map(str::to_owned),
        code: e.code(),
        message: e.message(locale).to_owned(),
    }
}

/// The path and name of each unit the rows name by id, when it is the caller's unit or below it.
fn employers(
    conn: &mut DbConnection,
    user: &AuthUser,
    ids: &BTreeSet<i64>,
) -> Result<HashMap<i64, (String, String)>, ApiError> {
    let mut out = HashMap::new();
    for chunk in ids.iter().copied().collect::<Vec<_>>().chunks(CHUNK) {
        let found: Vec<(i64, String, String)> = units::table
            .filter(units::id.eq_any(chunk))
            .select((units::id, units::path, units::name))
            .load(conn)?;
        out.extend(
            found
                .into_iter()
                .filter(|(id, path, _)| {
                    jurisdiction::relation_by_path(user, *id, path)
                        != jurisdiction::Relation::Outside
                })
                .map(|(id, path, name)| (id, (path, name))),
        );
    }
    Ok(out)
}

/// The numbers among `numbers` that certificates hold already.
fn numbers_held(
    conn: &mut DbConnection,
    numbers: &BTreeSet<&str>,
) -> Result<HashSet<String>, ApiError> {
    let mut out = HashSet::new();
    for chunk in numbers.iter().copied().collect::<Vec<_>>().chunks(CHUNK) {
        let held: Vec<String> = certificates::table
            .filter(certificates::number.eq_any(chunk))
            .select(certificates::number)
            .load(conn)?;
        out.extend(held);
    }
    Ok(out)
}

/// A number taken by another writer between the check and the insert (PostgreSQL; SQLite's
/// write lock is held from the check on) refuses the batch as a conflict to submit again.
fn raced(err: diesel::result::Error) -> ApiError {
    use diesel::result::{DatabaseErrorKind, Error};
    match err {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => ApiError::with_text(
            ErrorCode::Conflict,
            "其他操作同时登记了其中的证书编号，请重新提交",
            "Another change entered one of these certificate numbers at the same time; submit again",
        ),
        other => ApiError::from(other),
    }
}

/// One row as read: where it names its employer, and the backfill form's checks without the
/// database (run with the employer left at 0 when it is named by name: no check reads it).
struct Read {
    row: u32,
    employer: Employer,
    prepared: Result<entry::Prepared, ApiError>,
}

fn row_count() -> ApiError {
    ApiError::validation("rows", "须有 1-100000 行", "must have 1-100000 rows")
}

/// Checks every row and, unless `dry_run` or a row failed, imports them all in one
/// transaction with one audit row per certificate.
///
/// In three stages: each row on its own as it is read from the upload, by the backfill form's
/// rules ([`entry::prepare`], which the single entry runs too), keeping only the checked form;
/// then, inside one write transaction (so that nothing slips in between the checks and the
/// writes), the database's rules as set queries of `CHUNK` values (employers by name within
/// the caller's sight, employers by id, the numbers held) and the numbers repeated in the file;
/// then, only when every row passed and it is not a dry run, multi-row `INSERT`s of `CHUNK`
/// certificates in the same transaction, each chunk's audit rows appended with it. Each row
/// reports its first broken rule, in the order the single entry checks them (an employer named
/// by an unknown name first).
pub fn import(
    conn: &mut DbConnection,
    user: &AuthUser,
    upload: &Upload,
    dry_run: bool,
    locale: Locale,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<ImportReport, ApiError> {
    entry::require_module(user, Module::CertificateImport)?;
    let mut read: Vec<Read> = Vec::new();
    upload.for_each_row(&SPEC, |row, cells| {
        if read.len() == MAX_ROWS {
            return Err(row_count());
        }
        let employer = employer_of(&cells);
        let id = match employer {
            Employer::Id(id) => id,
            Employer::Name(_) => 0,
        };
        let prepared = form_from_cells(&cells, id).and_then(|form| entry::prepare(&form, now));
        read.push(Read {
            row,
            employer,
            prepared,
        });
        Ok(())
    })?;
    if read.is_empty() {
        return Err(row_count());
    }
    let rows = read.len();
    let mut errors: Vec<ImportRowError> = Vec::new();
    let created = conn.bulk_write_transaction(|conn| -> Result<usize, ApiError> {
        // The employers named by name, in sets; the rows' first broken rules in order.
        let names: BTreeSet<&str> = read
            .iter()
            .filter_map(|r| match &r.employer {
                Employer::Name(name) if !name.is_empty() => Some(name.as_str()),
                _ => None,
            })
            .collect();
        let by_name = jurisdiction::units_named(conn, &names, Some(user))?;
        let mut prepared: Vec<(u32, entry::Prepared)> = Vec::with_capacity(read.len());
        for r in std::mem::take(&mut read) {
            let employer_id = match &r.employer {
                Employer::Id(id) => Some(*id),
                Employer::Name(name) => by_name.get(name).copied(),
            };
            match (employer_id, r.prepared) {
                (None, _) => errors.push(row_error(r.row, &missing("employer"), locale)),
                (Some(_), Err(e)) => errors.push(row_error(r.row, &e, locale)),
                (Some(id), Ok(mut p)) => {
                    p.input.employer_id = id;
                    prepared.push((r.row, p));
                }
            }
        }

        // The database's rules, in sets; then the file's repeats, in sheet order.
        let ids: BTreeSet<i64> = prepared.iter().map(|(_, p)| p.input.employer_id).collect();
        let units = employers(conn, user, &ids)?;
        let numbers: BTreeSet<&str> = prepared
            .iter()
            .map(|(_, p)| p.input.number.as_str())
            .collect();
        let held = numbers_held(conn, &numbers)?;
        let mut seen: HashSet<&str> = HashSet::with_capacity(prepared.len());
        for (row, p) in &prepared {
            let number = p.input.number.as_str();
            let failure = if !units.contains_key(&p.input.employer_id) {
                Some(entry::not_ours())
            } else if held.contains(number) {
                Some(entry::number_taken(number))
            } else if !seen.insert(number) {
                Some(repeated())
            } else {
                None
            };
            if let Some(e) = &failure {
                errors.push(row_error(*row, e, locale));
            }
        }
        drop(seen);
        drop(held);
        errors.sort_by_key(|e| e.row);
        if !errors.is_empty() || dry_run {
            return Ok(0);
        }
        let checked: Vec<entry::Checked> = prepared
            .into_iter()
            .map(|(_, p)| {
                let (path, name) = units.get(&p.input.employer_id).cloned().unwrap_or_default();
                p.with_employer(path, name)
            })
            .collect();

        let started = std::time::Instant::now();
        let mut audit_time = std::time::Duration::ZERO;
        for chunk in checked.chunks(CHUNK) {
            let rows: Vec<entry::NewCertificate<'_>> = chunk
                .iter()
                .map(|c| entry::NewCertificate::of(user, c, CertificateSource::Import, now))
                .collect();
            let ids: HashMap<String, i64> = insert_chunk(conn, &rows)
                .map_err(raced)?
                .into_iter()
                .map(|(id, number)| (number, id))
                .collect();
            let mut events: Vec<Event<'_>> = Vec::with_capacity(rows.len());
            for new in &rows {
                let id = ids.get(new.number).copied().ok_or_else(|| {
                    ApiError::internal(anyhow::anyhow!("no id returned for {}", new.number))
                })?;
                events.push(Event {
                    action: "certificate.import",
                    target_type: "certificate",
                    target_id: Some(id.to_string()),
                    success: true,
                    before: None,
                    after: Some(entry::image(&new.stored(id))),
                });
            }
            let audited = std::time::Instant::now();
            audit::append_many(conn, actor, &events, now)?;
            audit_time += audited.elapsed();
        }
        tracing::info!(
            import.created = checked.len(),
            import.insert_ms = (started.elapsed() - audit_time).as_millis(),
            import.audit_ms = audit_time.as_millis(),
            "certificates imported"
        );
        Ok(checked.len())
    })?;
    Ok(ImportReport {
        ok: errors.is_empty(),
        rows,
        created,
        errors,
    })
}

/// Inserts one chunk of certificates; each new row's id and number. SQLite: one multi-row
/// `INSERT … VALUES`. PostgreSQL: one `INSERT … SELECT … FROM UNNEST`, each varying column bound
/// as one array (a multi-row `VALUES` binds 23 values a row, and binding costs more than
/// inserting, as for the account import and `audit::append_many`).
fn insert_chunk(
    conn: &mut DbConnection,
    rows: &[entry::NewCertificate<'_>],
) -> QueryResult<Vec<(i64, String)>> {
    match conn {
        DbConnection::Pg(pg) => insert_unnested(pg, rows),
        DbConnection::Sqlite(sqlite) => diesel::insert_into(certificates::table)
            .values(rows)
            .returning((certificates::id, certificates::number))
            .get_results(sqlite),
    }
}

/// PostgreSQL's form of [`insert_chunk`]: the columns of [`entry::NewCertificate`], the ones
/// every row of an import shares (source, status, author, time, version) bound once. The ID
/// number goes through its column type (`Sealed`), so that it is sealed exactly as by `VALUES`.
fn insert_unnested<'a>(
    conn: &mut diesel::PgConnection,
    rows: &[entry::NewCertificate<'a>],
) -> QueryResult<Vec<(i64, String)>> {
    use crate::pii::sql_types::Sealed;
    use diesel::sql_types::{Array, BigInt, Date, Integer, Nullable, Text, Timestamp};

    #[derive(QueryableByName)]
    struct Created {
        #[diesel(sql_type = BigInt)]
        id: i64,
        #[diesel(sql_type = Text)]
        number: String,
    }
    let Some(first) = rows.first() else {
        return Ok(Vec::new());
    };
    debug_assert!(rows.iter().all(
        |r| (r.source, r.status, r.created_by, r.created_at, r.version)
            == (
                first.source,
                first.status,
                first.created_by,
                first.created_at,
                first.version
            )
    ));
    let text = |f: for<'r> fn(&'r entry::NewCertificate<'a>) -> &'r str| {
        rows.iter().map(f).collect::<Vec<_>>()
    };
    let created: Vec<Created> = diesel::sql_query(
        "INSERT INTO certificates (number, holder_name, id_number, id_number_hash, gender, \
         employer_id, employer_path, employer_name, series, specialty, level, qualification, \
         committee_name, approval_date, approval_document, issuing_body, year, token, source, \
         status, created_by, created_at, version) \
         SELECT u.number, u.holder_name, u.id_number, u.id_number_hash, u.gender, \
         u.employer_id, u.employer_path, u.employer_name, u.series, u.specialty, u.level, \
         u.qualification, u.committee_name, u.approval_date, u.approval_document, \
         u.issuing_body, u.year, u.token, $1, $2, $3, $4, $5 \
         FROM UNNEST($6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int8[], \
         $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], \
         $18::text[], $19::date[], $20::text[], $21::text[], $22::int4[], $23::text[]) \
         WITH ORDINALITY AS u(number, holder_name, id_number, id_number_hash, gender, \
         employer_id, employer_path, employer_name, series, specialty, level, qualification, \
         committee_name, approval_date, approval_document, issuing_body, year, token, n) \
         ORDER BY u.n \
         RETURNING id, number",
    )
    .bind::<Text, _>(first.source.as_str())
    .bind::<Text, _>(first.status.as_str())
    .bind::<Nullable<BigInt>, _>(first.created_by)
    .bind::<Timestamp, _>(first.created_at)
    .bind::<BigInt, _>(first.version)
    .bind::<Array<Text>, _>(text(|r| r.number))
    .bind::<Array<Text>, _>(text(|r| r.holder_name))
    .bind::<Array<Sealed>, _>(rows.iter().map(|r| &r.id_number).collect::<Vec<_>>())
    .bind::<Array<Text>, _>(text(|r| r.id_number_hash.as_str()))
    .bind::<Array<Text>, _>(text(|r| r.gender.as_str()))
    .bind::<Array<Nullable<BigInt>>, _>(rows.iter().map(|r| r.employer_id).collect::<Vec<_>>())
    .bind::<Array<Text>, _>(text(|r| r.employer_path))
    .bind::<Array<Text>, _>(text(|r| r.employer_name))
    .bind::<Array<Text>, _>(text(|r| r.series.as_str()))
    .bind::<Array<Text>, _>(text(|r| r.specialty))
    .bind::<Array<Text>, _>(text(|r| r.level.as_str()))
    .bind::<Array<Text>, _>(text(|r| r.qualification))
    .bind::<Array<Text>, _>(text(|r| r.committee_name))
    .bind::<Array<Date>, _>(rows.iter().map(|r| r.approval_date).collect::<Vec<_>>())
    .bind::<Array<Text>, _>(text(|r| r.approval_document))
    .bind::<Array<Text>, _>(text(|r| r.issuing_body))
    .bind::<Array<Integer>, _>(rows.iter().map(|r| r.year).collect::<Vec<_>>())
    .bind::<Array<Text>, _>(text(|r| r.token.as_str()))
    .load(conn)?;
    Ok(created.into_iter().map(|c| (c.id, c.number)).collect())
}

fn repeated() -> ApiError {
    ApiError::validation(
        "number",
        "文件中重复的证书编号",
        "repeats a certificate number of the file",
    )
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
