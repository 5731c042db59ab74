//! Bulk pre-entry (批量专家预入库) from CSV or XLSX, all or nothing with a row report, like bulk
//! accounts: every row is checked (fields, employer, the person's integrity record, a duplicate
//! in the file or in the pool); when one fails nothing is written and the report lists every
//! failure as `{row, field, code, message}` (rows numbered as the sheet shows them: the header
//! is row 1).

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use shared::{
    application::{Gender, Level, Series},
    expert_pool::ExpertEntry,
    experts::PoolStatus,
    ErrorCode, Locale,
};

use super::entry::{self, ValidEntry};
use crate::{
    audit::{self, Actor, Event},
    auth::AuthUser,
    db::{
        schema::{expert_specialties, experts, pool_members, units},
        DbConnection,
    },
    error::ApiError,
    http::sheet::{enum_of, Spec, Upload},
    on_engine,
};

/// At most this many rows per file.
pub const MAX_ROWS: usize = 100_000;

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

/// Values per `IN (…)` list and rows per multi-row `INSERT` (13 bound values a person).
const CHUNK: usize = 500;

/// Specialties per `INSERT` (2 values each).
const SPECIALTIES_PER_INSERT: usize = 1_000;

fn row_error(row: u32, e: &ApiError, locale: Locale) -> BulkRowError {
    BulkRowError {
        row,
        field: e.field().map(str::to_owned),
        code: e.code(),
        message: e.message(locale).to_owned(),
    }
}

/// Which of `ids` are units of the tree.
fn units_found(conn: &mut DbConnection, ids: &BTreeSet<i64>) -> Result<HashSet<i64>, ApiError> {
    let mut out = HashSet::new();
    for chunk in ids.iter().copied().collect::<Vec<_>>().chunks(CHUNK) {
        let found: Vec<i64> = units::table
            .filter(units::id.eq_any(chunk))
            .select(units::id)
            .load(conn)?;
        out.extend(found);
    }
    Ok(out)
}

/// The registered persons among the ID numbers' keys: key → (id, name, barred).
fn persons(
    conn: &mut DbConnection,
    hashes: &BTreeSet<String>,
) -> Result<HashMap<String, (i64, String, bool)>, ApiError> {
    let mut out = HashMap::new();
    for chunk in hashes.iter().cloned().collect::<Vec<_>>().chunks(CHUNK) {
        let found: Vec<(i64, Option<String>, String, Option<String>)> = experts::table
            .filter(experts::id_number_hash.eq_any(chunk))
            .select((
                experts::id,
                experts::id_number_hash,
                experts::name,
                experts::integrity_record,
            ))
            .load(conn)?;
        out.extend(found.into_iter().filter_map(|(id, hash, name, record)| {
            hash.map(|h| (h, (id, name, record.is_some())))
        }));
    }
    Ok(out)
}

/// The memberships of `experts` in the pool of `committee_id`: expert → (membership, status).
fn memberships(
    conn: &mut DbConnection,
    committee_id: i64,
    experts: &BTreeSet<i64>,
) -> Result<HashMap<i64, (i64, PoolStatus)>, ApiError> {
    let mut out = HashMap::new();
    for chunk in experts.iter().copied().collect::<Vec<_>>().chunks(CHUNK) {
        let found: Vec<(i64, i64, PoolStatus)> = pool_members::table
            .filter(pool_members::committee_id.eq(committee_id))
            .filter(pool_members::expert_id.eq_any(chunk))
            .select((
                pool_members::expert_id,
                pool_members::id,
                pool_members::status,
            ))
            .load(conn)?;
        out.extend(found.into_iter().map(|(e, m, s)| (e, (m, s))));
    }
    Ok(out)
}

/// The specialties `experts` have already.
fn specialties_held(
    conn: &mut DbConnection,
    experts: &BTreeSet<i64>,
) -> Result<HashSet<(i64, String)>, ApiError> {
    let mut out = HashSet::new();
    for chunk in experts.iter().copied().collect::<Vec<_>>().chunks(CHUNK) {
        let found: Vec<(i64, String)> = expert_specialties::table
            .filter(expert_specialties::expert_id.eq_any(chunk))
            .select((expert_specialties::expert_id, expert_specialties::specialty))
            .load(conn)?;
        out.extend(found);
    }
    Ok(out)
}

/// What pre-entering one row does.
enum Plan {
    /// A new person, then a new membership.
    New(ValidEntry),
    /// A registered person: new specialties, then a new membership (`None`) or a removed one
    /// back (`Some(membership)`).
    Existing(i64, ValidEntry, Option<i64>),
}

/// A person or ID number taken by another writer between the check and the insert
/// (PostgreSQL) refuses the batch as a conflict to submit again.
fn raced(err: diesel::result::Error) -> ApiError {
    use diesel::result::{DatabaseErrorKind, Error};
    match err {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => ApiError::with_text(
            ErrorCode::Conflict,
            "其他操作同时登记了其中的专家，请重新提交",
            "Another change entered one of these experts at the same time; submit again",
        ),
        other => ApiError::from(other),
    }
}

/// One row as read: its employer (by id, or by name to look up) and the pre-entry form's checks
/// without the database (run with the employer left at 0 when it is named by name: no check
/// reads it).
struct Read {
    row: u32,
    employer: Result<i64, String>,
    valid: Result<ValidEntry, ApiError>,
}

fn row_count() -> ApiError {
    ApiError::validation("rows", "须有 1-100000 行", "must have 1-100000 rows")
}

/// Checks every row and, unless `dry_run` or a row failed, pre-enters them all into the pool of
/// `committee_id` (the caller may act on it) in one transaction, audited once as
/// `expert.bulk_pre_entry`.
///
/// In three stages: each row on its own as it is read from the upload, by the pre-entry form's
/// rules ([`entry::validate`], which the single pre-entry runs too), keeping only the checked
/// entry; then, inside one write transaction, the employers named by name, the ID numbers
/// repeated in the file and the database's rules as set queries of `CHUNK` values (the
/// employers, the registered persons, their memberships of the pool); then, only when every
/// row passed and it is not a dry run, multi-row `INSERT`s of the new persons, their
/// specialties and the memberships in the same transaction. Each row reports its first broken
/// rule, in the order the single pre-entry checks them (an employer named by an unknown name
/// first).
#[expect(
    clippy::too_many_arguments,
    reason = "the route's request, spelled out: caller, pool, rows, mode, language, audit"
)]
pub fn import(
    conn: &mut DbConnection,
    user: &AuthUser,
    committee_id: i64,
    upload: &Upload,
    dry_run: bool,
    locale: Locale,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<BulkReport, ApiError> {
    let mut read: Vec<Read> = Vec::new();
    upload.for_each_row(&SPEC, |row, cells| {
        if read.len() == MAX_ROWS {
            return Err(row_count());
        }
        let employer = match cells.get("employer_id").map(|v| v.parse::<i64>()) {
            Some(Ok(id)) => Ok(id),
            _ => Err(cells.get("employer").cloned().unwrap_or_default()),
        };
        let valid = entry_from_cells(&cells, *employer.as_ref().unwrap_or(&0))
            .and_then(|e| entry::validate(&e));
        read.push(Read {
            row,
            employer,
            valid,
        });
        Ok(())
    })?;
    if read.is_empty() {
        return Err(row_count());
    }
    let rows = read.len();
    super::require_committee(conn, user, shared::Module::ExpertPool, committee_id)?;
    let mut errors: Vec<BulkRowError> = Vec::new();
    let created = conn.bulk_write_transaction(|conn| -> Result<usize, ApiError> {
        // The employers named by name, in sets; each row's first broken rule; the file's
        // repeats.
        let names: BTreeSet<&str> = read
            .iter()
            .filter_map(|r| match &r.employer {
                Err(name) if !name.is_empty() => Some(name.as_str()),
                _ => None,
            })
            .collect();
        let by_name = crate::org::jurisdiction::units_named(conn, &names, None)?;
        let mut seen: HashSet<String> = HashSet::with_capacity(read.len());
        let mut valid: Vec<(u32, ValidEntry)> = Vec::with_capacity(read.len());
        for r in std::mem::take(&mut read) {
            let employer = match &r.employer {
                Ok(id) => Some(*id),
                Err(name) => by_name.get(name).copied(),
            };
            let result = match (employer, r.valid) {
                (None, _) => Err(missing("employer")),
                (Some(_), Err(e)) => Err(e),
                (Some(id), Ok(mut v)) => {
                    v.employer_id = id;
                    if seen.insert(v.id_number.as_str().to_owned()) {
                        Ok(v)
                    } else {
                        Err(ApiError::validation(
                            "id_number",
                            "文件中重复的身份证号",
                            "repeats an ID number of the file",
                        ))
                    }
                }
            };
            match result {
                Ok(v) => valid.push((r.row, v)),
                Err(e) => errors.push(row_error(r.row, &e, locale)),
            }
        }
        drop(seen);

        // The database's rules, in sets.
        let unit_ids: BTreeSet<i64> = valid.iter().map(|(_, v)| v.employer_id).collect();
        let found = units_found(conn, &unit_ids)?;
        let hashes: Vec<String> = valid
            .iter()
            .map(|(_, v)| crate::pii::hash(v.id_number.as_str()))
            .collect();
        let registered = persons(conn, &hashes.iter().cloned().collect())?;
        let person_ids: BTreeSet<i64> = registered.values().map(|(id, _, _)| *id).collect();
        let members = memberships(conn, committee_id, &person_ids)?;
        let mut plans: Vec<Plan> = Vec::with_capacity(valid.len());
        for ((row, v), hash) in valid.into_iter().zip(&hashes) {
            let plan = if !found.contains(&v.employer_id) {
                Err(entry::not_a_unit("employer_id"))
            } else {
                match registered.get(hash) {
                    None => Ok(Plan::New(v)),
                    Some((_, name, _)) if *name != v.name => Err(entry::other_name()),
                    Some((_, _, true)) => Err(super::barred()),
                    Some((id, name, false)) => match members.get(id) {
                        None => Ok(Plan::Existing(*id, v, None)),
                        Some((m, PoolStatus::Removed)) => Ok(Plan::Existing(*id, v, Some(*m))),
                        Some(_) => Err(entry::already_in_pool(name)),
                    },
                }
            };
            match plan {
                Ok(p) => plans.push(p),
                Err(e) => errors.push(row_error(row, &e, locale)),
            }
        }
        errors.sort_by_key(|e| e.row);
        if !errors.is_empty() || dry_run {
            return Ok(0);
        }
        drop(hashes);
        write(conn, user, committee_id, &plans, now)?;
        audit::append(
            conn,
            actor,
            &Event {
                action: "expert.bulk_pre_entry",
                target_type: "committee",
                target_id: Some(committee_id.to_string()),
                success: true,
                before: None,
                after: Some(serde_json::json!({"created": plans.len()})),
            },
            now,
        )?;
        Ok(plans.len())
    })?;
    Ok(BulkReport {
        ok: errors.is_empty(),
        rows,
        created,
        errors,
    })
}

/// Writes the planned rows: new persons in multi-row `INSERT`s (their ids read back by ID
/// number), every new specialty, every new membership; a removed membership comes back.
fn write(
    conn: &mut DbConnection,
    user: &AuthUser,
    committee_id: i64,
    plans: &[Plan],
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let started = std::time::Instant::now();
    let mut specialties: Vec<(i64, String)> = Vec::new();
    let mut members: Vec<entry::NewMember> = Vec::new();
    let new: Vec<&ValidEntry> = plans
        .iter()
        .filter_map(|p| match p {
            Plan::New(v) => Some(v),
            Plan::Existing(..) => None,
        })
        .collect();
    for chunk in new.chunks(CHUNK) {
        let rows: Vec<entry::NewExpert<'_>> = chunk
            .iter()
            .map(|v| entry::NewExpert::of(v, user.id, now))
            .collect();
        let ids: HashMap<String, i64> = insert_persons(conn, &rows)
            .map_err(raced)?
            .into_iter()
            .filter_map(|(id, hash)| hash.map(|h| (h, id)))
            .collect();
        for (v, row) in chunk.iter().zip(&rows) {
            let id = ids.get(&row.id_number_hash).copied().ok_or_else(|| {
                ApiError::internal(anyhow::anyhow!("no id returned for a new expert"))
            })?;
            let mut own: HashSet<&str> = HashSet::new();
            specialties.extend(
                v.specialties
                    .iter()
                    .filter(|s| own.insert(s.as_str()))
                    .map(|s| (id, s.clone())),
            );
            members.push(entry::NewMember::of(committee_id, id, v.term, user.id, now));
        }
    }
    let known: BTreeSet<i64> = plans
        .iter()
        .filter_map(|p| match p {
            Plan::Existing(id, ..) => Some(*id),
            Plan::New(_) => None,
        })
        .collect();
    let mut held = specialties_held(conn, &known)?;
    for plan in plans {
        if let Plan::Existing(id, v, rejoined) = plan {
            for s in &v.specialties {
                if held.insert((*id, s.clone())) {
                    specialties.push((*id, s.clone()));
                }
            }
            match rejoined {
                Some(member) => entry::rejoin(conn, *member, v.term, now)?,
                None => members.push(entry::NewMember::of(
                    committee_id,
                    *id,
                    v.term,
                    user.id,
                    now,
                )),
            }
        }
    }
    let persons_done = started.elapsed();
    for chunk in specialties.chunks(SPECIALTIES_PER_INSERT) {
        insert_specialties(conn, chunk)?;
    }
    let specialties_done = started.elapsed();
    for chunk in members.chunks(CHUNK) {
        let insert = diesel::insert_into(pool_members::table).values(chunk);
        on_engine!(conn, |c| insert.execute(c)).map_err(raced)?;
    }
    tracing::info!(
        import.persons = new.len(),
        import.specialties = specialties.len(),
        import.members = members.len(),
        import.persons_ms = persons_done.as_millis(),
        import.specialties_ms = (specialties_done - persons_done).as_millis(),
        import.members_ms = (started.elapsed() - specialties_done).as_millis(),
        "experts pre-entered"
    );
    Ok(())
}

/// Inserts one chunk of new persons; each one's id and ID-number hash. SQLite: one multi-row
/// `INSERT … VALUES`. PostgreSQL: one `INSERT … SELECT … FROM UNNEST`, each varying column bound
/// as one array (binding 13 values a row cost more than inserting; as for the account import),
/// the author and the time bound once: every person of a batch shares them.
fn insert_persons<'a>(
    conn: &mut DbConnection,
    rows: &[entry::NewExpert<'a>],
) -> QueryResult<Vec<(i64, Option<String>)>> {
    use crate::pii::sql_types::Sealed;
    use diesel::sql_types::{Array, BigInt, Nullable, Text, Timestamp};

    #[derive(QueryableByName)]
    struct Created {
        #[diesel(sql_type = BigInt)]
        id: i64,
        #[diesel(sql_type = Nullable<Text>)]
        id_number_hash: Option<String>,
    }
    let pg = match conn {
        DbConnection::Pg(pg) => pg,
        DbConnection::Sqlite(sqlite) => {
            return diesel::insert_into(experts::table)
                .values(rows)
                .returning((experts::id, experts::id_number_hash))
                .get_results(sqlite)
        }
    };
    let Some(first) = rows.first() else {
        return Ok(Vec::new());
    };
    debug_assert!(rows
        .iter()
        .all(|r| (r.created_by, r.created_at, r.updated_at)
            == (first.created_by, first.created_at, first.updated_at)));
    let text =
        |f: for<'r> fn(&'r entry::NewExpert<'a>) -> &'r str| rows.iter().map(f).collect::<Vec<_>>();
    let created: Vec<Created> = diesel::sql_query(
        "INSERT INTO experts (id_number, id_number_hash, name, gender, employer_id, title, \
         title_level, series, phone, email, created_by, created_at, updated_at) \
         SELECT u.id_number, u.id_number_hash, u.name, u.gender, u.employer_id, u.title, \
         u.title_level, u.series, u.phone, u.email, $1, $2, $3 \
         FROM UNNEST($4::text[], $5::text[], $6::text[], $7::text[], $8::int8[], $9::text[], \
         $10::text[], $11::text[], $12::text[], $13::text[]) WITH ORDINALITY \
         AS u(id_number, id_number_hash, name, gender, employer_id, title, title_level, series, \
         phone, email, n) \
         ORDER BY u.n \
         RETURNING id, id_number_hash",
    )
    .bind::<BigInt, _>(first.created_by)
    .bind::<Timestamp, _>(first.created_at)
    .bind::<Timestamp, _>(first.updated_at)
    .bind::<Array<Sealed>, _>(rows.iter().map(|r| &r.id_number).collect::<Vec<_>>())
    .bind::<Array<Text>, _>(text(|r| r.id_number_hash.as_str()))
    .bind::<Array<Text>, _>(text(|r| r.name))
    .bind::<Array<Text>, _>(text(|r| r.gender.as_str()))
    .bind::<Array<BigInt>, _>(rows.iter().map(|r| r.employer_id).collect::<Vec<_>>())
    .bind::<Array<Text>, _>(text(|r| r.title))
    .bind::<Array<Text>, _>(text(|r| r.title_level.as_str()))
    .bind::<Array<Text>, _>(text(|r| r.series.as_str()))
    .bind::<Array<Text>, _>(text(|r| r.phone))
    .bind::<Array<Text>, _>(text(|r| r.email))
    .load(pg)?;
    Ok(created
        .into_iter()
        .map(|c| (c.id, c.id_number_hash))
        .collect())
}

/// Inserts one chunk of (person, specialty) pairs: SQLite one multi-row `INSERT … VALUES`,
/// PostgreSQL one `INSERT … SELECT … FROM UNNEST` of two arrays.
fn insert_specialties(conn: &mut DbConnection, pairs: &[(i64, String)]) -> QueryResult<usize> {
    match conn {
        DbConnection::Pg(pg) => {
            use diesel::sql_types::{Array, BigInt, Text};
            diesel::sql_query(
                "INSERT INTO expert_specialties (expert_id, specialty) \
                 SELECT * FROM UNNEST($1::int8[], $2::text[])",
            )
            .bind::<Array<BigInt>, _>(pairs.iter().map(|(id, _)| *id).collect::<Vec<_>>())
            .bind::<Array<Text>, _>(pairs.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>())
            .execute(pg)
        }
        DbConnection::Sqlite(sqlite) => {
            let values: Vec<_> = pairs
                .iter()
                .map(|(expert, s)| {
                    (
                        expert_specialties::expert_id.eq(*expert),
                        expert_specialties::specialty.eq(s),
                    )
                })
                .collect();
            diesel::insert_into(expert_specialties::table)
                .values(values)
                .execute(sqlite)
        }
    }
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
