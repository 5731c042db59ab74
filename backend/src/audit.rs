//! The audit log: every write and every login attempt appends one row. Rows are append-only
//! and hash-chained — each row's hash covers the previous row's hash and the row's own content —
//! so that deleting or editing a row breaks the chain at that row, which `verify` names.
//!
//! The chain is sealed after commit (issue 14, goal 2). [`append`] writes the row in the
//! change's own transaction with no place in the chain yet (`seq` NULL, a unique placeholder
//! hash), so a change never waits for another transaction's audit row. One sealer at a time
//! ([`seal`]: PostgreSQL's advisory lock, SQLite's single writer) then gives the committed rows,
//! in the order it finds them, the next places of the chain (`seq`), their `prev_hash` and
//! `hash`. Each server runs [`spawn_sealer`], woken by every append, so a row is sealed
//! milliseconds after its commit; `verify` and the checkpoints seal first.

pub mod checkpoint;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::{schema::audit_log, DbConnection};
use crate::error::ApiError;

/// The hash the first row chains to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who did it, from where.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    /// The account, when known (a failed login of an unknown user has none).
    pub id: Option<i64>,
    /// Username as typed or as stored.
    pub name: Option<String>,
    /// The account's unit.
    pub unit_id: Option<i64>,
    /// The client address.
    pub ip: Option<String>,
}

impl Actor {
    /// The signed-in caller, from `ip`.
    pub fn of(user: &crate::auth::AuthUser, ip: Option<String>) -> Self {
        Actor {
            id: Some(user.id),
            name: Some(user.username.clone()),
            unit_id: Some(user.unit_id),
            ip,
        }
    }
}

/// One event to record.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    /// Dotted action name, e.g. `auth.login`, `unit.create`.
    pub action: &'a str,
    /// What kind of thing it touched, e.g. `account`.
    pub target_type: &'a str,
    /// Its id.
    pub target_id: Option<String>,
    /// Whether it succeeded.
    pub success: bool,
    /// State before (JSON), for changes.
    pub before: Option<serde_json::Value>,
    /// State after (JSON), for changes.
    pub after: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct Canonical<'a> {
    prev_hash: &'a str,
    created_at: String,
    actor_id: Option<i64>,
    actor_name: Option<&'a str>,
    actor_unit_id: Option<i64>,
    action: &'a str,
    target_type: &'a str,
    target_id: Option<&'a str>,
    outcome: &'a str,
    before_data: Option<&'a str>,
    after_data: Option<&'a str>,
    ip: Option<&'a str>,
}

/// A stored row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct Row {
    /// Row id (ascending = chain order).
    pub id: i64,
    /// Hash of the row before.
    pub prev_hash: String,
    /// This row's hash.
    pub hash: String,
    /// When (UTC).
    pub created_at: NaiveDateTime,
    /// Actor account id.
    pub actor_id: Option<i64>,
    /// Actor username.
    pub actor_name: Option<String>,
    /// Actor unit id.
    pub actor_unit_id: Option<i64>,
    /// Action name.
    pub action: String,
    /// Target kind.
    pub target_type: String,
    /// Target id.
    pub target_id: Option<String>,
    /// `success` or `failure`.
    pub outcome: String,
    /// JSON before.
    pub before_data: Option<String>,
    /// JSON after.
    pub after_data: Option<String>,
    /// Client address.
    pub ip: Option<String>,
    /// Its place in the chain; `None` until sealed.
    pub seq: Option<i64>,
}

impl Row {
    fn computed_hash(&self) -> String {
        hash_of(&Canonical {
            prev_hash: &self.prev_hash,
            created_at: stamp(self.created_at),
            actor_id: self.actor_id,
            actor_name: self.actor_name.as_deref(),
            actor_unit_id: self.actor_unit_id,
            action: &self.action,
            target_type: &self.target_type,
            target_id: self.target_id.as_deref(),
            outcome: &self.outcome,
            before_data: self.before_data.as_deref(),
            after_data: self.after_data.as_deref(),
            ip: self.ip.as_deref(),
        })
    }
}

fn hash_of(c: &Canonical<'_>) -> String {
    // serde_json writes struct fields in declaration order: the encoding is canonical.
    let bytes = serde_json::to_vec(c).unwrap_or_default();
    hex::encode(Sha256::digest(&bytes))
}

/// Serialises sealers (and the checkpoints, which read the sealed head) so that two never chain
/// to the same previous row. SQLite's write transactions are already exclusive; PostgreSQL
/// takes an advisory lock that lasts until the transaction ends.
pub(crate) fn lock_chain(conn: &mut DbConnection) -> QueryResult<()> {
    if let DbConnection::Pg(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(7215001)").execute(pg)?;
    }
    Ok(())
}

/// Appends one event. Call it inside the transaction of the change it records, so that the
/// change and its audit row commit together or not at all. The row is sealed into the chain
/// after commit ([`seal`]).
pub fn append(
    conn: &mut DbConnection,
    actor: &Actor,
    event: &Event<'_>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    append_many(conn, actor, std::slice::from_ref(event), now)
}

/// Rows per multi-row `INSERT` on SQLite (13 values each; SQLite allows 32,766 per statement).
const ROWS_PER_INSERT: usize = 500;

/// Rows per `INSERT … SELECT … FROM UNNEST` on PostgreSQL (13 bound values per statement, one
/// array per varying column, whatever the rows).
const PG_ROWS_PER_INSERT: usize = 5_000;

/// The varying part of one row to insert (the actor and the time are the batch's).
struct Line<'a> {
    /// Its place in the chain when inserted sealed (SQLite), else `None`.
    seq: Option<i64>,
    prev_hash: String,
    hash: String,
    action: &'a str,
    target_type: &'a str,
    target_id: Option<String>,
    outcome: &'static str,
    before_data: Option<String>,
    after_data: Option<String>,
}

/// The hash of a row not sealed yet: unique (the column is), and never a SHA-256 in hex, so
/// nothing can take it for a sealed row's.
fn pending_hash() -> String {
    use rand_core::RngCore;
    let mut bytes = [0_u8; 16];
    rand_core::OsRng.fill_bytes(&mut bytes);
    format!("pending:{}", hex::encode(bytes))
}

/// Appends several events of one actor at one time, in multi-row inserts, unsealed. A batch of
/// 10,000 takes under a second. Inside a transaction it joins it (no savepoint: an error
/// fails the caller's whole transaction anyway).
pub fn append_many(
    conn: &mut DbConnection,
    actor: &Actor,
    events: &[Event<'_>],
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    if events.is_empty() {
        return Ok(());
    }
    // Microsecond precision is what both engines store; hash what will be read back.
    let created_at = chrono::DateTime::from_timestamp_micros(now.and_utc().timestamp_micros())
        .map_or(now, |t| t.naive_utc());
    let lines: Vec<Line<'_>> = events
        .iter()
        .map(|event| Line {
            seq: None,
            prev_hash: String::new(),
            hash: pending_hash(),
            action: event.action,
            target_type: event.target_type,
            target_id: event.target_id.clone(),
            outcome: if event.success { "success" } else { "failure" },
            before_data: event.before.as_ref().map(serde_json::Value::to_string),
            after_data: event.after.as_ref().map(serde_json::Value::to_string),
        })
        .collect();
    match conn {
        // PostgreSQL: unsealed, so concurrent changes never wait on each other's audit rows.
        DbConnection::Pg(_) => {
            conn.write_transaction_joined(|conn| insert_lines(conn, actor, created_at, &lines))?;
            wake_sealer();
        }
        // SQLite: the write transaction already excludes every other writer, so sealing in it
        // costs no wait — and a sealer's own transactions would queue with the changes. The
        // rows are chained in memory and inserted sealed (anything still pending first).
        DbConnection::Sqlite(_) => {
            conn.write_transaction_joined(|conn| {
                let (_, mut seq, mut prev_hash) = seal_locked(conn)?;
                // The batch's one time, as the hash covers it.
                let stamped = stamp(created_at);
                let mut lines = lines;
                for line in &mut lines {
                    seq += 1;
                    line.seq = Some(seq);
                    line.prev_hash = std::mem::take(&mut prev_hash);
                    line.hash = hash_of(&Canonical {
                        prev_hash: &line.prev_hash,
                        created_at: stamped.clone(),
                        actor_id: actor.id,
                        actor_name: actor.name.as_deref(),
                        actor_unit_id: actor.unit_id,
                        action: line.action,
                        target_type: line.target_type,
                        target_id: line.target_id.as_deref(),
                        outcome: line.outcome,
                        before_data: line.before_data.as_deref(),
                        after_data: line.after_data.as_deref(),
                        ip: actor.ip.as_deref(),
                    });
                    prev_hash.clone_from(&line.hash);
                }
                insert_lines(conn, actor, created_at, &lines)
            })?;
        }
    }
    Ok(())
}

fn insert_lines(
    conn: &mut DbConnection,
    actor: &Actor,
    created_at: NaiveDateTime,
    lines: &[Line<'_>],
) -> Result<(), ApiError> {
    match conn {
        DbConnection::Pg(pg) => {
            for chunk in lines.chunks(PG_ROWS_PER_INSERT) {
                insert_unnested(pg, actor, created_at, chunk)?;
            }
        }
        DbConnection::Sqlite(sqlite) => {
            for chunk in lines.chunks(ROWS_PER_INSERT) {
                let rows: Vec<_> = chunk
                    .iter()
                    .map(|line| {
                        (
                            audit_log::prev_hash.eq(&line.prev_hash),
                            audit_log::hash.eq(&line.hash),
                            audit_log::created_at.eq(created_at),
                            audit_log::actor_id.eq(actor.id),
                            audit_log::actor_name.eq(actor.name.as_deref()),
                            audit_log::actor_unit_id.eq(actor.unit_id),
                            audit_log::action.eq(line.action),
                            audit_log::target_type.eq(line.target_type),
                            audit_log::target_id.eq(line.target_id.as_deref()),
                            audit_log::outcome.eq(line.outcome),
                            audit_log::before_data.eq(line.before_data.as_deref()),
                            audit_log::after_data.eq(line.after_data.as_deref()),
                            audit_log::ip.eq(actor.ip.as_deref()),
                            audit_log::seq.eq(line.seq),
                        )
                    })
                    .collect();
                diesel::insert_into(audit_log::table)
                    .values(rows)
                    .execute(sqlite)?;
            }
        }
    }
    Ok(())
}

/// Rows sealed per read of the pending rows.
const SEAL_BATCH: i64 = 5_000;

/// Seals every committed row not yet in the chain, in id order as this transaction sees them:
/// each gets the next `seq`, the previous sealed row's hash as `prev_hash`, and its own hash.
/// One sealer at a time ([`lock_chain`]); returns how many rows it sealed. When nothing is
/// pending it only reads (no write transaction, no lock).
pub fn seal(conn: &mut DbConnection) -> Result<u64, ApiError> {
    let pending: bool = diesel::select(diesel::dsl::exists(
        audit_log::table.filter(audit_log::seq.is_null()),
    ))
    .get_result(conn)?;
    if !pending {
        return Ok(0);
    }
    conn.write_transaction(|conn| {
        lock_chain(conn)?;
        seal_locked(conn).map(|(sealed, _, _)| sealed)
    })
}

/// The newest sealed row's place and hash (0 and [`GENESIS`] on an empty chain).
fn sealed_head(conn: &mut DbConnection) -> Result<(i64, String), ApiError> {
    let head: Option<(Option<i64>, String)> = audit_log::table
        .filter(audit_log::seq.is_not_null())
        .select((audit_log::seq, audit_log::hash))
        .order(audit_log::seq.desc())
        .first(conn)
        .optional()?;
    Ok(match head {
        Some((Some(seq), hash)) => (seq, hash),
        _ => (0, GENESIS.to_owned()),
    })
}

/// The stored time as the hash covers it (microseconds, as both engines keep it).
fn stamp(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string()
}

/// [`seal`]'s work, in the caller's write transaction, which holds the chain lock: how many
/// rows it sealed, and the head's place and hash after it.
fn seal_locked(conn: &mut DbConnection) -> Result<(u64, i64, String), ApiError> {
    let (mut seq, mut prev_hash) = sealed_head(conn)?;
    let mut sealed = 0_u64;
    loop {
        let mut rows: Vec<Row> = audit_log::table
            .filter(audit_log::seq.is_null())
            .order(audit_log::id.asc())
            .limit(SEAL_BATCH)
            .select(Row::as_select())
            .load(conn)?;
        if rows.is_empty() {
            break;
        }
        for row in &mut rows {
            seq += 1;
            row.seq = Some(seq);
            row.prev_hash = std::mem::take(&mut prev_hash);
            row.hash = row.computed_hash();
            prev_hash.clone_from(&row.hash);
        }
        write_seals(conn, &rows)?;
        sealed += rows.len() as u64;
    }
    Ok((sealed, seq, prev_hash))
}

/// Writes the places and hashes of freshly sealed rows.
fn write_seals(conn: &mut DbConnection, rows: &[Row]) -> Result<(), ApiError> {
    match conn {
        DbConnection::Pg(pg) => {
            use diesel::sql_types::{Array, BigInt, Text};
            diesel::sql_query(
                "UPDATE audit_log AS a SET seq = u.seq, prev_hash = u.prev_hash, hash = u.hash \
                 FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::text[]) \
                 AS u(id, seq, prev_hash, hash) WHERE a.id = u.id AND a.seq IS NULL",
            )
            .bind::<Array<BigInt>, _>(rows.iter().map(|r| r.id).collect::<Vec<_>>())
            .bind::<Array<BigInt>, _>(rows.iter().map(|r| r.seq.unwrap_or(0)).collect::<Vec<_>>())
            .bind::<Array<Text>, _>(
                rows.iter()
                    .map(|r| r.prev_hash.as_str())
                    .collect::<Vec<_>>(),
            )
            .bind::<Array<Text>, _>(rows.iter().map(|r| r.hash.as_str()).collect::<Vec<_>>())
            .execute(pg)?;
        }
        DbConnection::Sqlite(sqlite) => {
            for row in rows {
                diesel::update(
                    audit_log::table
                        .find(row.id)
                        .filter(audit_log::seq.is_null()),
                )
                .set((
                    audit_log::seq.eq(row.seq),
                    audit_log::prev_hash.eq(&row.prev_hash),
                    audit_log::hash.eq(&row.hash),
                ))
                .execute(sqlite)?;
            }
        }
    }
    Ok(())
}

/// Wakes this process's sealer (appends call it; a no-op where none runs, as in the CLI).
fn wake_sealer() {
    if let Some(notify) = SEALER.get() {
        notify.notify_one();
    }
}

static SEALER: std::sync::OnceLock<std::sync::Arc<tokio::sync::Notify>> =
    std::sync::OnceLock::new();

/// The server's sealer (PostgreSQL's appends; SQLite's seal themselves): seals shortly after an
/// append (20 ms, so the appending transaction has committed and the appends of a busy moment
/// share one seal), and every second in any case (rows of other processes, or of a transaction
/// that committed after the sealer looked).
pub fn spawn_sealer(db: crate::db::Db) {
    let notify = SEALER
        .get_or_init(|| std::sync::Arc::new(tokio::sync::Notify::new()))
        .clone();
    tokio::spawn(async move {
        loop {
            let _ =
                tokio::time::timeout(std::time::Duration::from_secs(1), notify.notified()).await;
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            if let Err(e) = db.run(seal).await {
                tracing::warn!(error = %e, "sealing the audit chain failed");
            }
        }
    });
}

/// PostgreSQL: the rows of `lines` in one statement, each varying column bound as one array and
/// unnested in order (`WITH ORDINALITY … ORDER BY`, so that ids follow the chain). A multi-row
/// `VALUES` binds 13 values a row, and parsing them cost more than the inserts themselves
/// (docs/PERFORMANCE.md, issue 14 goal 5).
fn insert_unnested<'a>(
    pg: &mut diesel::PgConnection,
    actor: &Actor,
    created_at: NaiveDateTime,
    lines: &'a [Line<'a>],
) -> QueryResult<usize> {
    use diesel::sql_types::{Array, BigInt, Nullable, Text, Timestamp};
    let texts = |f: fn(&'a Line<'a>) -> &'a str| lines.iter().map(f).collect::<Vec<_>>();
    let maybe = |f: fn(&'a Line<'a>) -> Option<&'a str>| lines.iter().map(f).collect::<Vec<_>>();
    diesel::sql_query(
        "INSERT INTO audit_log (prev_hash, hash, created_at, actor_id, actor_name, actor_unit_id, \
         action, target_type, target_id, outcome, before_data, after_data, ip) \
         SELECT u.prev_hash, u.hash, $1, $2, $3, $4, u.action, u.target_type, u.target_id, \
         u.outcome, u.before_data, u.after_data, $5 \
         FROM UNNEST($6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], \
         $12::text[], $13::text[]) WITH ORDINALITY \
         AS u(prev_hash, hash, action, target_type, target_id, outcome, before_data, after_data, n) \
         ORDER BY u.n",
    )
    .bind::<Timestamp, _>(created_at)
    .bind::<Nullable<BigInt>, _>(actor.id)
    .bind::<Nullable<Text>, _>(actor.name.as_deref())
    .bind::<Nullable<BigInt>, _>(actor.unit_id)
    .bind::<Nullable<Text>, _>(actor.ip.as_deref())
    .bind::<Array<Text>, _>(texts(|l| &l.prev_hash))
    .bind::<Array<Text>, _>(texts(|l| &l.hash))
    .bind::<Array<Text>, _>(texts(|l| l.action))
    .bind::<Array<Text>, _>(texts(|l| l.target_type))
    .bind::<Array<Nullable<Text>>, _>(maybe(|l| l.target_id.as_deref()))
    .bind::<Array<Text>, _>(texts(|l| l.outcome))
    .bind::<Array<Nullable<Text>>, _>(maybe(|l| l.before_data.as_deref()))
    .bind::<Array<Nullable<Text>>, _>(maybe(|l| l.after_data.as_deref()))
    .execute(pg)
}

/// The result of a chain check (the API's type).
pub use shared::org::AuditVerification as Verification;

/// Seals what is pending, then walks the chain in its order, in pages, and names the first
/// broken row.
pub fn verify(conn: &mut DbConnection) -> Result<Verification, ApiError> {
    const PAGE: i64 = 5_000;
    seal(conn)?;
    let mut expected_prev = GENESIS.to_owned();
    let mut after_seq = 0_i64;
    let mut checked = 0_u64;
    loop {
        let rows: Vec<Row> = audit_log::table
            .filter(audit_log::seq.gt(after_seq))
            .order(audit_log::seq.asc())
            .limit(PAGE)
            .select(Row::as_select())
            .load(conn)?;
        let Some(last) = rows.last() else { break };
        after_seq = last.seq.unwrap_or(i64::MAX);
        for row in &rows {
            if row.prev_hash != expected_prev || row.computed_hash() != row.hash {
                return Ok(Verification {
                    ok: false,
                    checked,
                    first_broken_id: Some(row.id),
                    checkpoint: None,
                });
            }
            expected_prev.clone_from(&row.hash);
            checked += 1;
        }
    }
    Ok(Verification {
        ok: true,
        checked,
        first_broken_id: None,
        checkpoint: None,
    })
}
