//! Signed checkpoints of the audit chain head (issue 13, audit tail). The hash chain alone
//! detects an edited or deleted row in the middle, but not the deletion of the newest rows: the
//! shortened chain is still a valid chain. A checkpoint is an ed25519 signature, by a key kept
//! outside the database, over the head row's id and hash and the row count at that moment;
//! `verify` checks the latest one, so rows deleted after a checkpoint covered them are found.
//!
//! The signed message is the UTF-8 text
//! `audit-checkpoint|{audit_row_id}|{head_hash}|{row_count}|{signed_at}|{key_id}` with
//! `signed_at` in RFC 3339 seconds (`2026-12-02T01:00:00Z`), exactly as the API lists it, so an
//! auditor can check a checkpoint outside the system with the key `backend audit public-key`
//! prints.

use std::path::Path;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier};
use sha2::{Digest, Sha256};
use shared::org::{AuditCheckpoint, CheckpointCheck};

use super::{Verification, GENESIS};
use crate::{
    db::{
        schema::{audit_checkpoints, audit_log},
        DbConnection,
    },
    error::ApiError,
};

/// The key file generated in `DATA_DIR` when `AUDIT_SIGNING_KEY_FILE` is unset.
pub const KEY_FILE_NAME: &str = "audit-signing.key";

/// The checkpoint signing key (its 32-byte seed never enters the database).
#[derive(Clone)]
pub struct AuditKey {
    signing: SigningKey,
}

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditKey")
            .field("key_id", &self.key_id())
            .finish_non_exhaustive()
    }
}

impl AuditKey {
    /// A key from its 32-byte seed.
    pub fn from_seed(seed: [u8; 32]) -> Self {
        AuditKey {
            signing: SigningKey::from_bytes(&seed),
        }
    }

    /// A key from the seed as 64 hex digits (surrounding whitespace ignored).
    pub fn from_hex(text: &str) -> anyhow::Result<Self> {
        Ok(Self::from_seed(crate::keyfile::seed_from_hex(
            text,
            "the audit signing key",
        )?))
    }

    /// A fresh random key.
    pub fn generate() -> Self {
        Self::from_seed(crate::keyfile::random_seed())
    }

    /// The key of `file` when given (`AUDIT_SIGNING_KEY_FILE`), else the one in
    /// `data_dir/audit-signing.key`, generated there (mode 0600) at first start.
    pub fn load_or_create(file: Option<&Path>, data_dir: &Path) -> anyhow::Result<Self> {
        let seed = crate::keyfile::load_or_create(
            file,
            data_dir,
            KEY_FILE_NAME,
            "AUDIT_SIGNING_KEY_FILE",
        )?;
        Ok(Self::from_seed(seed))
    }

    /// The public key, 64 hex digits.
    pub fn public_key_hex(&self) -> String {
        hex::encode(self.signing.verifying_key().to_bytes())
    }

    /// A short fingerprint of the public key: the first 16 hex digits of its SHA-256.
    pub fn key_id(&self) -> String {
        let digest = Sha256::digest(self.signing.verifying_key().to_bytes());
        hex::encode(&digest[..8])
    }

    fn sign(&self, message: &str) -> String {
        hex::encode(self.signing.sign(message.as_bytes()).to_bytes())
    }

    fn verifies(&self, message: &str, signature_hex: &str) -> bool {
        let Ok(bytes) = hex::decode(signature_hex) else {
            return false;
        };
        let Ok(signature) = Signature::from_slice(&bytes) else {
            return false;
        };
        self.signing
            .verifying_key()
            .verify(message.as_bytes(), &signature)
            .is_ok()
    }
}

/// The text a checkpoint's signature covers.
pub fn message(cp: &AuditCheckpoint) -> String {
    format!(
        "audit-checkpoint|{}|{}|{}|{}|{}",
        cp.audit_row_id, cp.head_hash, cp.row_count, cp.signed_at, cp.key_id
    )
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_checkpoints)]
struct CheckpointRow {
    id: i64,
    audit_row_id: i64,
    head_hash: String,
    row_count: i64,
    signed_at: NaiveDateTime,
    key_id: String,
    signature: String,
}

fn to_dto(r: CheckpointRow) -> AuditCheckpoint {
    AuditCheckpoint {
        id: r.id,
        audit_row_id: r.audit_row_id,
        head_hash: r.head_hash,
        row_count: r.row_count,
        signed_at: crate::clock::rfc3339(r.signed_at),
        key_id: r.key_id,
        signature: r.signature,
    }
}

/// Signs the current chain head now (the newest sealed row, after sealing what is pending).
/// Holds the chain lock, so no row is sealed between reading the head and counting.
pub fn take(
    conn: &mut DbConnection,
    key: &AuditKey,
    now: NaiveDateTime,
) -> Result<AuditCheckpoint, ApiError> {
    conn.write_transaction(|conn| {
        super::lock_chain(conn)?;
        // The head is the newest sealed row: seal what has committed first.
        super::seal(conn)?;
        let head: Option<(i64, String, Option<i64>)> = audit_log::table
            .filter(audit_log::seq.is_not_null())
            .select((audit_log::id, audit_log::hash, audit_log::seq))
            .order(audit_log::seq.desc())
            .first(conn)
            .optional()?;
        let (audit_row_id, head_hash, head_seq) =
            head.unwrap_or_else(|| (0, GENESIS.to_owned(), Some(0)));
        let row_count: i64 = audit_log::table
            .filter(audit_log::seq.le(head_seq.unwrap_or(0)))
            .count()
            .get_result(conn)?;
        // Whole seconds: the signed text uses the time as the API shows it.
        let signed_at = chrono::DateTime::from_timestamp(now.and_utc().timestamp(), 0)
            .map_or(now, |t| t.naive_utc());
        let mut cp = AuditCheckpoint {
            id: 0,
            audit_row_id,
            head_hash,
            row_count,
            signed_at: crate::clock::rfc3339(signed_at),
            key_id: key.key_id(),
            signature: String::new(),
        };
        cp.signature = key.sign(&message(&cp));
        let insert = diesel::insert_into(audit_checkpoints::table).values((
            audit_checkpoints::audit_row_id.eq(cp.audit_row_id),
            audit_checkpoints::head_hash.eq(&cp.head_hash),
            audit_checkpoints::row_count.eq(cp.row_count),
            audit_checkpoints::signed_at.eq(signed_at),
            audit_checkpoints::key_id.eq(&cp.key_id),
            audit_checkpoints::signature.eq(&cp.signature),
        ));
        cp.id = crate::on_engine!(conn, |c| insert
            .returning(audit_checkpoints::id)
            .get_result::<i64>(c))?;
        Ok(cp)
    })
}

/// The periodic job's decision: takes a checkpoint only when the newest is older than
/// `minutes` (or none exists), decided and inserted in one write transaction, so of several
/// instances running the job at once exactly one signs. `None` when it was not due.
pub fn take_if_due(
    conn: &mut DbConnection,
    key: &AuditKey,
    now: NaiveDateTime,
    minutes: u64,
) -> Result<Option<AuditCheckpoint>, ApiError> {
    conn.write_transaction(|conn| {
        // SQLite's write transaction is already exclusive; PostgreSQL serialises deciders on
        // an advisory lock held to the end of the transaction.
        if let DbConnection::Pg(pg) = conn {
            diesel::sql_query("SELECT pg_advisory_xact_lock(7215002)").execute(pg)?;
        }
        let newest: Option<NaiveDateTime> = audit_checkpoints::table
            .select(audit_checkpoints::signed_at)
            .order(audit_checkpoints::signed_at.desc())
            .first(conn)
            .optional()?;
        let period = chrono::Duration::minutes(i64::try_from(minutes).unwrap_or(i64::MAX / 120));
        if newest.is_some_and(|t| t + period > now) {
            return Ok(None);
        }
        take(conn, key, now).map(Some)
    })
}

/// One page of checkpoints, newest first, and the total.
pub fn list(
    conn: &mut DbConnection,
    limit: i64,
    offset: i64,
) -> Result<(Vec<AuditCheckpoint>, i64), ApiError> {
    let total: i64 = audit_checkpoints::table.count().get_result(conn)?;
    let rows: Vec<CheckpointRow> = audit_checkpoints::table
        .order(audit_checkpoints::id.desc())
        .limit(limit)
        .offset(offset)
        .select(CheckpointRow::as_select())
        .load(conn)?;
    Ok((rows.into_iter().map(to_dto).collect(), total))
}

/// Checks one checkpoint against the key and the rows, given the chain check's result.
fn check(
    conn: &mut DbConnection,
    key: &AuditKey,
    cp: &AuditCheckpoint,
    chain: &Verification,
) -> Result<Option<&'static str>, ApiError> {
    if cp.key_id != key.key_id() || !key.verifies(&message(cp), &cp.signature) {
        return Ok(Some("signature"));
    }
    // The head's place in the chain (rows signed before the chain was sealed after commit
    // have seq = id).
    let mut head_seq = 0_i64;
    if cp.audit_row_id > 0 {
        let head: Option<(String, Option<i64>)> = audit_log::table
            .filter(audit_log::id.eq(cp.audit_row_id))
            .select((audit_log::hash, audit_log::seq))
            .first(conn)
            .optional()?;
        match head {
            None | Some((_, None)) => return Ok(Some("head_missing")),
            Some((h, _)) if h != cp.head_hash => return Ok(Some("head_changed")),
            Some((_, Some(seq))) => head_seq = seq,
        }
    }
    let count: i64 = audit_log::table
        .filter(audit_log::seq.le(head_seq))
        .count()
        .get_result(conn)?;
    if count != cp.row_count {
        return Ok(Some("row_count"));
    }
    if let Some(broken) = chain.first_broken_id {
        let broken_seq: Option<Option<i64>> = audit_log::table
            .filter(audit_log::id.eq(broken))
            .select(audit_log::seq)
            .first(conn)
            .optional()?;
        if broken_seq.flatten().is_none_or(|seq| seq <= head_seq) {
            return Ok(Some("chain_broken"));
        }
    }
    Ok(None)
}

/// The whole check of `audit verify`: the hash chain, then the latest checkpoint (its
/// signature with `key`, its head row, the rows up to it). `ok` only when both hold.
pub fn verify(conn: &mut DbConnection, key: &AuditKey) -> Result<Verification, ApiError> {
    let mut report = super::verify(conn)?;
    let latest: Option<CheckpointRow> = audit_checkpoints::table
        .order(audit_checkpoints::id.desc())
        .select(CheckpointRow::as_select())
        .first(conn)
        .optional()?;
    if let Some(row) = latest {
        let cp = to_dto(row);
        let failure = check(conn, key, &cp, &report)?;
        report.ok = report.ok && failure.is_none();
        report.checkpoint = Some(CheckpointCheck {
            checkpoint_id: cp.id,
            ok: failure.is_none(),
            failure: failure.map(str::to_owned),
        });
    }
    Ok(report)
}

/// The periodic job: every minute (the first after one minute), [`take_if_due`] with the
/// server's clock. Several instances may run it: the decision is the database's.
pub fn spawn_job(db: crate::db::Db, key: AuditKey, clock: crate::clock::SharedClock, minutes: u64) {
    if minutes == 0 {
        tracing::info!("AUDIT_CHECKPOINT_MINUTES=0: no periodic audit checkpoints");
        return;
    }
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
        tick.tick().await;
        loop {
            tick.tick().await;
            let key = key.clone();
            let now = clock.now();
            match db
                .run(move |conn| take_if_due(conn, &key, now, minutes))
                .await
            {
                Ok(Some(cp)) => tracing::info!(
                    checkpoint = cp.id,
                    audit_row_id = cp.audit_row_id,
                    "signed an audit checkpoint"
                ),
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "the audit checkpoint job failed"),
            }
        }
    });
}
