//! Inserting a checked batch, 500 accounts at a time: the accounts (SQLite: one multi-row
//! `INSERT … VALUES`; PostgreSQL: one `INSERT … SELECT … FROM UNNEST`), their business roles
//! and their audit rows, then the batch's own audit row — all inside the caller's write
//! transaction.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;
use shared::ErrorCode;

use super::{check::Planned, ImportedAccount, Options, Source};
use crate::{
    audit::{self, Actor, Event},
    auth::AuthUser,
    db::{
        schema::{account_roles, accounts},
        DbConnection,
    },
    error::ApiError,
    on_engine,
};

/// Accounts per chunk, each chunk one statement on the engine's own connection (diesel's
/// `MultiConnection` has no batch insert: its backend cannot say whether `DEFAULT` may appear
/// in `VALUES`). On SQLite 12 bound values an account, well under its limit of 32,766.
const ACCOUNTS_PER_INSERT: usize = 500;

/// Role grants per `INSERT` (2 values each).
const GRANTS_PER_INSERT: usize = 1_000;

/// Inserts every planned account with `password_hash` and a forced password change, grants
/// the roles, and appends one `account.create` audit row per account and one
/// `account.bulk_import` row that lists the new accounts' ids. Call inside a write transaction.
///
/// Written chunk by chunk ([`ACCOUNTS_PER_INSERT`] accounts, then their grants, then their
/// audit rows), so that the audit events and rows of a 100,000-row batch are never all in
/// memory at once; the transaction makes the chunks one change.
pub fn create_all(
    conn: &mut DbConnection,
    user: &AuthUser,
    planned: &[Planned],
    password_hash: &str,
    source: Source,
    options: &Options,
    now: NaiveDateTime,
) -> Result<Vec<ImportedAccount>, ApiError> {
    let started = std::time::Instant::now();
    let actor = Actor::of(user, options.ip.clone());
    let mut audit_time = std::time::Duration::ZERO;
    let mut report = Vec::with_capacity(planned.len());
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for chunk in planned.chunks(ACCOUNTS_PER_INSERT) {
        let created = insert_accounts(conn, user, chunk, password_hash, now)?;
        grant_roles(conn, chunk, &created)?;
        let audited = std::time::Instant::now();
        // One `account.create` row per account, as for single creation.
        let events: Vec<Event<'_>> = chunk
            .iter()
            .zip(&created)
            .map(|(p, a)| Event {
                action: "account.create",
                target_type: "account",
                target_id: a.id.map(|id| id.to_string()),
                success: true,
                before: None,
                after: Some(json!({
                    "username": masked_username(p),
                    "display_name": p.display_name,
                    "kind": p.kind,
                    "unit_id": p.unit_id,
                    "role_ids": p.roles,
                    "must_change_password": true,
                    "via": "bulk_import",
                })),
            })
            .collect();
        audit::append_many(conn, &actor, &events, now)?;
        audit_time += audited.elapsed();
        for p in chunk {
            *by_kind.entry(p.kind.as_str()).or_default() += 1;
        }
        report.extend(created);
    }
    // The batch itself, after its accounts.
    let audited = std::time::Instant::now();
    audit::append(
        conn,
        &actor,
        &Event {
            action: "account.bulk_import",
            target_type: "account",
            target_id: None,
            success: true,
            before: None,
            after: Some(json!({
                "source": source.as_str(),
                "created": report.len(),
                "by_kind": by_kind,
                "account_ids": report.iter().filter_map(|a| a.id).collect::<Vec<_>>(),
                "must_change_password": true,
            })),
        },
        now,
    )?;
    audit_time += audited.elapsed();
    tracing::info!(
        bulk.created = report.len(),
        bulk.insert_ms = (started.elapsed() - audit_time).as_millis(),
        bulk.audit_ms = audit_time.as_millis(),
        "bulk accounts written"
    );
    Ok(report)
}

/// One multi-row `INSERT` of up to [`ACCOUNTS_PER_INSERT`] accounts; each row's account with
/// its new id, in the order of `chunk`.
fn insert_accounts(
    conn: &mut DbConnection,
    user: &AuthUser,
    chunk: &[Planned],
    password_hash: &str,
    now: NaiveDateTime,
) -> Result<Vec<ImportedAccount>, ApiError> {
    let created: Vec<(i64, String)> = match conn {
        DbConnection::Pg(pg) => insert_unnested(pg, user, chunk, password_hash, now),
        DbConnection::Sqlite(sqlite) => insert_values(sqlite, user, chunk, password_hash, now),
    }
    .map_err(raced)?;
    // Keyed by the stored form (an ID number's key, `login_names`).
    let ids: HashMap<String, i64> = created.into_iter().map(|(id, name)| (name, id)).collect();
    chunk
        .iter()
        .map(|p| {
            let id = ids
                .get(&crate::login_names::key(&p.username))
                .copied()
                .ok_or_else(|| {
                    ApiError::internal(anyhow::anyhow!("no id returned for {}", p.username))
                })?;
            Ok(ImportedAccount {
                row: p.row,
                id: Some(id),
                username: p.username.clone(),
            })
        })
        .collect()
}

/// SQLite: one multi-row `INSERT … VALUES`; each new account's id and stored username.
fn insert_values(
    conn: &mut diesel::SqliteConnection,
    user: &AuthUser,
    chunk: &[Planned],
    password_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Vec<(i64, String)>> {
    let values: Vec<_> = chunk
        .iter()
        .map(|p| {
            (
                accounts::username.eq(crate::login_names::name(&p.username)),
                accounts::display_name.eq(&p.display_name),
                accounts::kind.eq(p.kind),
                accounts::unit_id.eq(p.unit_id),
                accounts::id_number.eq(crate::pii::Pii::opt(p.id_number.as_deref())),
                accounts::id_number_hash.eq(p.id_number.as_deref().map(crate::pii::hash)),
                accounts::phone.eq(p.phone.as_deref()),
                accounts::password_hash.eq(password_hash),
                accounts::must_change_password.eq(true),
                accounts::created_by.eq(Some(user.id)),
                accounts::created_at.eq(now),
                accounts::updated_at.eq(now),
            )
        })
        .collect();
    diesel::insert_into(accounts::table)
        .values(values)
        .returning((accounts::id, accounts::username))
        .get_results(conn)
}

/// PostgreSQL: one `INSERT … SELECT … FROM UNNEST`, each varying column bound as one array
/// (a multi-row `VALUES` binds 12 values a row, and binding cost more than inserting; as in
/// `audit::append_many`). The username and ID number go through their column types
/// (`LoginName`, `Sealed`), so that they are keyed and sealed exactly as by `VALUES`.
fn insert_unnested(
    conn: &mut diesel::PgConnection,
    user: &AuthUser,
    chunk: &[Planned],
    password_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Vec<(i64, String)>> {
    use crate::pii::sql_types::{LoginName, Sealed};
    use diesel::sql_types::{Array, BigInt, Nullable, Text, Timestamp};

    #[derive(QueryableByName)]
    struct Created {
        #[diesel(sql_type = BigInt)]
        id: i64,
        #[diesel(sql_type = Text)]
        username: String,
    }
    let column = |f: fn(&Planned) -> Option<String>| chunk.iter().map(f).collect::<Vec<_>>();
    let created: Vec<Created> = diesel::sql_query(
        "INSERT INTO accounts (username, display_name, kind, unit_id, id_number, id_number_hash, \
         phone, password_hash, must_change_password, created_by, created_at, updated_at) \
         SELECT u.username, u.display_name, u.kind, u.unit_id, u.id_number, u.id_number_hash, \
         u.phone, $1, TRUE, $2, $3, $3 \
         FROM UNNEST($4::text[], $5::text[], $6::text[], $7::int8[], $8::text[], $9::text[], \
         $10::text[]) WITH ORDINALITY \
         AS u(username, display_name, kind, unit_id, id_number, id_number_hash, phone, n) \
         ORDER BY u.n \
         RETURNING id, username",
    )
    .bind::<Text, _>(password_hash)
    .bind::<Nullable<BigInt>, _>(Some(user.id))
    .bind::<Timestamp, _>(now)
    .bind::<Array<LoginName>, _>(
        chunk
            .iter()
            .map(|p| crate::login_names::name(&p.username))
            .collect::<Vec<_>>(),
    )
    .bind::<Array<Text>, _>(
        chunk
            .iter()
            .map(|p| p.display_name.as_str())
            .collect::<Vec<_>>(),
    )
    .bind::<Array<Text>, _>(chunk.iter().map(|p| p.kind.as_str()).collect::<Vec<_>>())
    .bind::<Array<BigInt>, _>(chunk.iter().map(|p| p.unit_id).collect::<Vec<_>>())
    .bind::<Array<Nullable<Sealed>>, _>(
        chunk
            .iter()
            .map(|p| crate::pii::Pii::opt(p.id_number.as_deref()))
            .collect::<Vec<_>>(),
    )
    .bind::<Array<Nullable<Text>>, _>(column(|p| p.id_number.as_deref().map(crate::pii::hash)))
    .bind::<Array<Nullable<Text>>, _>(column(|p| p.phone.clone()))
    .load(conn)?;
    Ok(created.into_iter().map(|c| (c.id, c.username)).collect())
}

/// The business roles of a chunk's accounts (`created` in the order of `chunk`).
fn grant_roles(
    conn: &mut DbConnection,
    chunk: &[Planned],
    created: &[ImportedAccount],
) -> Result<(), ApiError> {
    let grants: Vec<(i64, i64)> = chunk
        .iter()
        .zip(created)
        .filter_map(|(p, a)| a.id.map(|id| (id, &p.roles)))
        .flat_map(|(id, roles)| roles.iter().map(move |role| (id, *role)))
        .collect();
    for part in grants.chunks(GRANTS_PER_INSERT) {
        let values: Vec<_> = part
            .iter()
            .map(|(account, role)| {
                (
                    account_roles::account_id.eq(*account),
                    account_roles::role_id.eq(*role),
                )
            })
            .collect();
        let insert = diesel::insert_into(account_roles::table).values(values);
        on_engine!(conn, |c| insert.execute(c))?;
    }
    Ok(())
}

/// Applicants' usernames are ID numbers: the audit row keeps them masked like every answer.
fn masked_username(p: &Planned) -> String {
    crate::login_names::masked_typed(&p.username)
}

/// A username taken by another writer between the check and the insert (PostgreSQL; SQLite's
/// write lock is held from the check on) is a conflict to retry, not a server error.
fn raced(err: diesel::result::Error) -> ApiError {
    use diesel::result::{DatabaseErrorKind, Error};
    match err {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => ApiError::with_text(
            ErrorCode::Conflict,
            "其他操作同时创建了其中的用户名，请重新提交",
            "Another change created one of these usernames at the same time; submit again",
        ),
        other => ApiError::from(other),
    }
}
