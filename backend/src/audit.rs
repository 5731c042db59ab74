//! The audit log: every write and every login attempt appends one row. Rows are append-only
//! and hash-chained — each row's hash covers the previous row's hash and the row's own content —
//! so that deleting or editing a row breaks the chain at that row, which `verify` names.

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
}

impl Row {
    fn computed_hash(&self) -> String {
        hash_of(&Canonical {
            prev_hash: &self.prev_hash,
            created_at: self.created_at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
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

/// Serialises appenders so that two transactions never chain to the same previous row.
/// SQLite's write transactions are already exclusive; PostgreSQL takes an advisory lock that
/// lasts until the transaction ends.
pub(crate) fn lock_chain(conn: &mut DbConnection) -> QueryResult<()> {
    if let DbConnection::Pg(pg) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(7215001)").execute(pg)?;
    }
    Ok(())
}

/// Appends one event. Call it inside the transaction of the change it records, so that the
/// change and its audit row commit together or not at all.
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
    prev_hash: String,
    hash: String,
    action: &'a str,
    target_type: &'a str,
    target_id: Option<String>,
    outcome: &'static str,
    before_data: Option<String>,
    after_data: Option<String>,
}

/// Appends several events of one actor at one time: one chain lock, one read of the chain head,
/// hashes chained in memory, multi-row inserts. A batch of 10,000 takes under a second.
pub fn append_many(
    conn: &mut DbConnection,
    actor: &Actor,
    events: &[Event<'_>],
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    if events.is_empty() {
        return Ok(());
    }
    conn.write_transaction(|conn| {
        lock_chain(conn)?;
        let mut prev_hash: String = audit_log::table
            .select(audit_log::hash)
            .order(audit_log::id.desc())
            .first(conn)
            .optional()?
            .unwrap_or_else(|| GENESIS.to_owned());
        // Microsecond precision is what both engines store; hash what will be read back.
        let created_at = chrono::DateTime::from_timestamp_micros(now.and_utc().timestamp_micros())
            .map_or(now, |t| t.naive_utc());
        let stamp = created_at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string();
        let mut lines = Vec::with_capacity(events.len());
        for event in events {
            let before = event.before.as_ref().map(serde_json::Value::to_string);
            let after = event.after.as_ref().map(serde_json::Value::to_string);
            let outcome = if event.success { "success" } else { "failure" };
            let hash = hash_of(&Canonical {
                prev_hash: &prev_hash,
                created_at: stamp.clone(),
                actor_id: actor.id,
                actor_name: actor.name.as_deref(),
                actor_unit_id: actor.unit_id,
                action: event.action,
                target_type: event.target_type,
                target_id: event.target_id.as_deref(),
                outcome,
                before_data: before.as_deref(),
                after_data: after.as_deref(),
                ip: actor.ip.as_deref(),
            });
            lines.push(Line {
                prev_hash: std::mem::replace(&mut prev_hash, hash.clone()),
                hash,
                action: event.action,
                target_type: event.target_type,
                target_id: event.target_id.clone(),
                outcome,
                before_data: before,
                after_data: after,
            });
        }
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
    })
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

/// Walks the chain in id order, in pages, and names the first broken row.
pub fn verify(conn: &mut DbConnection) -> Result<Verification, ApiError> {
    const PAGE: i64 = 5_000;
    let mut expected_prev = GENESIS.to_owned();
    let mut after_id = 0_i64;
    let mut checked = 0_u64;
    loop {
        let rows: Vec<Row> = audit_log::table
            .filter(audit_log::id.gt(after_id))
            .order(audit_log::id.asc())
            .limit(PAGE)
            .select(Row::as_select())
            .load(conn)?;
        let Some(last) = rows.last() else { break };
        after_id = last.id;
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
