//! ID numbers at rest: sealed with the data keys (AES-256-GCM, [`crate::crypto::DataKeys`]) and
//! found through a keyed hash (HMAC-SHA-256 with the key file's `index:` key).
//!
//! A column that holds an ID number (or an expert entry that carries one) has the SQL type
//! [`sql_types::Sealed`] in `db::schema`: what is written to it must be a [`Pii`] (sealed on the
//! way in) and what is read from it is the plain `String` (opened on the way out), so no code
//! path can store the plain number or forget to open it — the compiler refuses both. Such a
//! column cannot be compared in SQL (the nonce is fresh each time); a search compares its
//! `*_hash` column with [`hash`] instead.
//!
//! The keys are the server's, installed once at start ([`install`]); a row that was written
//! before this module existed is sealed at start by [`seal_plain_rows`].

use std::sync::RwLock;

use anyhow::{anyhow, bail};
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{HasSqlType, Text};
use diesel::sqlite::Sqlite;
use diesel::AsExpression;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::crypto::DataKeys;
use crate::db::{DbConnection, MultiBackend};

/// The associated data of every sealed personal value: it keeps these values apart from the
/// TOTP secrets (which name their row) sealed with the same keys.
pub const CONTEXT: &str = "pii";

pub mod sql_types {
    /// A text column whose value is sealed ([`super::Pii`] in, `String` out).
    #[derive(
        Debug, Clone, Copy, Default, diesel::sql_types::SqlType, diesel::query_builder::QueryId,
    )]
    #[diesel(postgres_type(oid = 25, array_oid = 1009))]
    #[diesel(sqlite_type(name = "Text"))]
    pub struct Sealed;

    /// `accounts.username`: a login name that is an ID number is bound as its keyed hash
    /// ([`crate::login_names`]); every other name as it is.
    #[derive(
        Debug, Clone, Copy, Default, diesel::sql_types::SqlType, diesel::query_builder::QueryId,
    )]
    #[diesel(postgres_type(oid = 25, array_oid = 1009))]
    #[diesel(sqlite_type(name = "Text"))]
    pub struct LoginName;
}
use sql_types::Sealed;

struct Installed {
    /// Every key set installed in this process; the last one seals. A server installs one; a
    /// test process may add a rotated set of the same file.
    sets: Vec<DataKeys>,
    index: [u8; 32],
}

static KEYS: RwLock<Option<Installed>> = RwLock::new(None);

/// Makes `keys` the keys of every sealed column in this process. A second call with the same
/// keys changes nothing; one with more versions (a rotation) adds them; one with another index
/// key is refused, since every stored hash depends on it.
pub fn install(keys: &DataKeys) -> anyhow::Result<()> {
    let index = *keys.index_key().ok_or_else(|| {
        anyhow!(
            "the data key file has no `index:` line (the key of the ID numbers' search hash); add one: index:<64 hex digits>"
        )
    })?;
    let mut slot = KEYS
        .write()
        .map_err(|_| anyhow!("the key store is poisoned"))?;
    match slot.as_mut() {
        None => {
            *slot = Some(Installed {
                sets: vec![keys.clone()],
                index,
            });
        }
        Some(installed) => {
            if installed.index != index {
                bail!("another index key is installed in this process");
            }
            if !installed.sets.iter().any(|s| s.same_as(keys)) {
                installed.sets.push(keys.clone());
            }
        }
    }
    Ok(())
}

fn with_keys<T>(f: impl FnOnce(&Installed) -> anyhow::Result<T>) -> anyhow::Result<T> {
    let slot = KEYS
        .read()
        .map_err(|_| anyhow!("the key store is poisoned"))?;
    let installed = slot
        .as_ref()
        .ok_or_else(|| anyhow!("no data keys are installed (pii::install)"))?;
    f(installed)
}

/// `plain` sealed with the current key.
pub fn seal(plain: &str) -> anyhow::Result<String> {
    with_keys(|k| {
        k.sets
            .last()
            .ok_or_else(|| anyhow!("no data keys"))?
            .seal(plain.as_bytes(), CONTEXT)
    })
}

/// The plain text of a sealed value.
pub fn open(sealed: &str) -> anyhow::Result<String> {
    with_keys(|k| {
        let mut last = anyhow!("no data keys");
        for set in k.sets.iter().rev() {
            match set.open(sealed, CONTEXT) {
                Ok(bytes) => {
                    return String::from_utf8(bytes)
                        .map_err(|_| anyhow!("a sealed value is not UTF-8"))
                }
                Err(e) => last = e,
            }
        }
        Err(last)
    })
}

/// The search hash of an ID number: HMAC-SHA-256 under the index key of its canonical form
/// (trimmed, `x` as `X`), in hex.
pub fn hash(id_number: &str) -> String {
    with_keys(|k| Ok(keyed_hash(&k.index, id_number)))
        .unwrap_or_else(|e| panic!("pii::hash before pii::install: {e}"))
}

/// [`hash`] under a given index key.
pub fn keyed_hash(index: &[u8; 32], id_number: &str) -> String {
    // HMAC accepts a key of any length: `new_from_slice` cannot fail for it.
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(index) else {
        unreachable!("HMAC refused a 32-byte key")
    };
    mac.update(id_number.trim().to_ascii_uppercase().as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Whether a stored value is sealed (`k{version}.{hex}`); an ID number never is.
pub fn is_sealed(value: &str) -> bool {
    value
        .strip_prefix('k')
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(v, body)| {
            !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) && !body.is_empty()
        })
}

/// A personal value on its way into a sealed column.
#[derive(Debug, Clone, PartialEq, Eq, AsExpression)]
#[diesel(sql_type = Sealed)]
pub struct Pii(pub String);

impl Pii {
    /// The value of `plain`.
    pub fn new(plain: impl Into<String>) -> Pii {
        Pii(plain.into())
    }

    /// `Some(Pii)` of an optional value.
    pub fn opt(plain: Option<impl Into<String>>) -> Option<Pii> {
        plain.map(Pii::new)
    }
}

impl ToSql<Sealed, Pg> for Pii {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        use std::io::Write;
        match seal(&self.0) {
            Ok(sealed) => {
                out.write_all(sealed.as_bytes())?;
                Ok(IsNull::No)
            }
            Err(e) => Err(format!("sealing a personal value: {e}").into()),
        }
    }
}

impl ToSql<Sealed, Sqlite> for Pii {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        match seal(&self.0) {
            Ok(sealed) => {
                out.set_value(sealed);
                Ok(IsNull::No)
            }
            Err(e) => Err(format!("sealing a personal value: {e}").into()),
        }
    }
}

impl ToSql<Sealed, MultiBackend> for Pii {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
        out.set_value((Sealed, self));
        Ok(IsNull::No)
    }
}

fn opened(sealed: String) -> deserialize::Result<String> {
    open(&sealed).map_err(|e| format!("opening a sealed value: {e}").into())
}

impl FromSql<Sealed, Pg> for String {
    fn from_sql(bytes: <Pg as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        opened(<String as FromSql<Text, Pg>>::from_sql(bytes)?)
    }
}

impl FromSql<Sealed, Sqlite> for String {
    fn from_sql(bytes: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        opened(<String as FromSql<Text, Sqlite>>::from_sql(bytes)?)
    }
}

impl FromSql<Sealed, MultiBackend> for String {
    fn from_sql(bytes: <MultiBackend as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        bytes.from_sql::<String, Sealed>()
    }
}

impl HasSqlType<Sealed> for MultiBackend {
    fn metadata(lookup: &mut Self::MetadataLookup) -> Self::TypeMetadata {
        MultiBackend::lookup_sql_type::<Sealed>(lookup)
    }
}

/// One sealed column and its hash column, by table. Without a hash: the expert entries (not
/// searched) and the applications, whose ID number is their applicant's and is found through
/// `accounts.id_number_hash`.
struct Column {
    table: &'static str,
    column: &'static str,
    hash: Option<&'static str>,
}

/// Every sealed column. A unit test below checks that these are exactly the columns of
/// `db/schema.rs` with the sealed type; `tests/api/pii.rs` that each holds no plain ID number.
const COLUMNS: &[Column] = &[
    Column {
        table: "accounts",
        column: "id_number",
        hash: Some("id_number_hash"),
    },
    Column {
        table: "applications",
        column: "id_number",
        hash: None,
    },
    Column {
        table: "certificates",
        column: "id_number",
        hash: Some("id_number_hash"),
    },
    Column {
        table: "experts",
        column: "id_number",
        hash: Some("id_number_hash"),
    },
    Column {
        table: "expert_conflicts",
        column: "person_id_number",
        hash: Some("person_id_number_hash"),
    },
    Column {
        table: "expert_recommendations",
        column: "entry",
        hash: None,
    },
    Column {
        table: "pool_update_items",
        column: "entry",
        hash: None,
    },
];

/// The names of the sealed columns, `table.column`.
pub fn sealed_columns() -> Vec<String> {
    COLUMNS
        .iter()
        .map(|c| format!("{}.{}", c.table, c.column))
        .collect()
}

#[derive(QueryableByName)]
struct Stored {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    value: String,
}

/// What [`seal_plain_rows`] or [`reseal`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Sealing {
    /// Values read.
    pub read: usize,
    /// Values written again.
    pub written: usize,
}

const BATCH: i64 = 1000;

/// What [`rewrite`] does to one stored value: `None` leaves it, `Some((stored, plain))` writes
/// `stored` (and the hash of `plain`).
type Change<'a> = dyn Fn(&str) -> anyhow::Result<Option<(String, String)>> + 'a;

/// Rewrites, in batches of 1,000 rows a transaction, every value of a sealed column that
/// `pick` selects (an SQL condition) and for which `change` gives a new stored value and the
/// plain one; a hashed column gets its hash in the same statement. Each row is conditional on
/// the value read.
fn rewrite(
    conn: &mut DbConnection,
    pick: impl Fn(&Column) -> String,
    change: &Change<'_>,
) -> anyhow::Result<Sealing> {
    let pg = matches!(conn, DbConnection::Pg(_));
    let bind = |n: usize| if pg { format!("${n}") } else { "?".to_owned() };
    let mut done = Sealing::default();
    for c in COLUMNS {
        let mut after = 0_i64;
        loop {
            let sql = format!(
                "SELECT id, {col} AS value FROM {table} WHERE id > {after} AND {col} IS NOT NULL AND {cond} ORDER BY id LIMIT {BATCH}",
                col = c.column,
                table = c.table,
                cond = pick(c),
            );
            let rows: Vec<Stored> = diesel::sql_query(sql).load(conn)?;
            let Some(last) = rows.last().map(|r| r.id) else {
                break;
            };
            after = last;
            conn.write_transaction(|conn| {
                for r in &rows {
                    done.read += 1;
                    let Some((stored, plain)) = change(&r.value)? else {
                        continue;
                    };
                    // Placeholders in the order they appear (SQLite's `?` are positional).
                    let mut placeholders = (1..).map(bind);
                    let mut next = || placeholders.next().unwrap_or_default();
                    let set_value = next();
                    let set_hash = c
                        .hash
                        .map(|h| format!(", {h} = {}", next()))
                        .unwrap_or_default();
                    let sql = format!(
                        "UPDATE {table} SET {col} = {set_value}{set_hash} WHERE id = {id} AND {col} = {old}",
                        table = c.table,
                        col = c.column,
                        id = next(),
                        old = next(),
                    );
                    let mut update = diesel::sql_query(sql)
                        .into_boxed::<MultiBackend>()
                        .bind::<Text, _>(stored);
                    if c.hash.is_some() {
                        update = update.bind::<Text, _>(hash(&plain));
                    }
                    let n = update
                        .bind::<diesel::sql_types::BigInt, _>(r.id)
                        .bind::<Text, _>(r.value.clone())
                        .execute(conn)?;
                    done.written += n;
                }
                Ok::<_, anyhow::Error>(())
            })?;
        }
    }
    Ok(done)
}

/// Seals every value still stored plain (written before the ID numbers were sealed) and sets
/// its hash. Run at every start; on a sealed database it reads nothing.
pub fn seal_plain_rows(conn: &mut DbConnection) -> anyhow::Result<Sealing> {
    rewrite(
        conn,
        |c| match c.hash {
            Some(h) => format!("{h} IS NULL"),
            None => format!("{} NOT LIKE 'k%'", c.column),
        },
        &|value| {
            if is_sealed(value) {
                // Sealed but without its hash (the database refuses that; kept for safety).
                Ok(Some((value.to_owned(), open(value)?)))
            } else {
                Ok(Some((seal(value)?, value.to_owned())))
            }
        },
    )
}

/// Refuses keys that do not fit this database: a sealed value of each column must open, and an
/// account's stored hash must be the hash of its opened number. Run by every process that opens
/// the database (server and CLI) before it writes anything: a process given another key file
/// (or none, so that one was generated) would otherwise write values the others cannot open.
pub fn check_fits(conn: &mut DbConnection) -> anyhow::Result<()> {
    #[derive(QueryableByName)]
    struct Pair {
        #[diesel(sql_type = Text)]
        value: String,
        #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
        hash: Option<String>,
    }
    let advice =
        "the data key file (DATA_ENCRYPTION_KEY_FILE, else DATA_DIR/data-encryption.keys) \
        is not the one this database was written with: give this process the key file the server \
        uses (docs/OPERATIONS.md)";
    for c in COLUMNS {
        let sql = format!(
            "SELECT {col} AS value, {hash} AS hash FROM {table} WHERE {col} LIKE 'k%' LIMIT 1",
            col = c.column,
            table = c.table,
            hash = c.hash.unwrap_or("NULL"),
        );
        let rows: Vec<Pair> = diesel::sql_query(sql).load(conn)?;
        let Some(row) = rows.into_iter().next() else {
            continue;
        };
        let plain = open(&row.value)
            .map_err(|e| anyhow!("{}.{} does not open ({e}): {advice}", c.table, c.column))?;
        if let Some(stored) = row.hash {
            if stored != hash(&plain) {
                bail!(
                    "the index key does not make the stored hashes of {}.{}: {advice}",
                    c.table,
                    c.column
                );
            }
        }
    }
    Ok(())
}

/// Seals again with the current key of `keys` every value sealed with an older one (`keys
/// reencrypt`). `keys` holds every version in use; the index key does not change.
pub fn reseal(conn: &mut DbConnection, keys: &DataKeys) -> anyhow::Result<Sealing> {
    let prefix = format!("k{}.", keys.current());
    rewrite(
        conn,
        |c| format!("{} NOT LIKE '{prefix}%'", c.column),
        &|value| {
            let plain = if is_sealed(value) {
                String::from_utf8(keys.open(value, CONTEXT)?)
                    .map_err(|_| anyhow!("a sealed value is not UTF-8"))?
            } else {
                value.to_owned()
            };
            Ok(Some((keys.seal(plain.as_bytes(), CONTEXT)?, plain)))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_keyed_and_canonical() {
        let a = [1_u8; 32];
        let b = [2_u8; 32];
        let id = "52010219900101123x";
        assert_eq!(keyed_hash(&a, id), keyed_hash(&a, " 52010219900101123X "));
        assert_ne!(keyed_hash(&a, id), keyed_hash(&b, id));
        assert_eq!(keyed_hash(&a, id).len(), 64);
        assert!(!keyed_hash(&a, id).contains("52010219900101123"));
    }

    #[test]
    fn only_sealed_values_look_sealed() {
        for yes in ["k1.00ab", "k12.ff"] {
            assert!(is_sealed(yes), "{yes}");
        }
        for no in [
            "",
            "k",
            "k1",
            "k.00",
            "kx.00",
            "k1.",
            "52010219900101123X",
            "{\"name\":1}",
        ] {
            assert!(!is_sealed(no), "{no}");
        }
    }

    /// `COLUMNS` and the schema's `Sealed` columns are the same set, so `seal_plain_rows` and
    /// `reseal` cannot miss a column a later change seals.
    #[test]
    fn the_column_list_is_the_schema_sealed_columns() {
        let schema = include_str!("db/schema.rs");
        let mut table = "";
        let mut in_schema = Vec::new();
        for line in schema.lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_suffix(" {") {
                if let Some(name) = rest.split(" (").next().filter(|n| !n.contains(' ')) {
                    table = name;
                }
            }
            if let Some((column, ty)) = line.split_once(" -> ") {
                if ty.trim_end_matches(',') == "Sealed"
                    || ty.trim_end_matches(',') == "Nullable<Sealed>"
                {
                    in_schema.push(format!("{table}.{column}"));
                }
            }
        }
        let mut listed = sealed_columns();
        in_schema.sort();
        listed.sort();
        assert_eq!(in_schema, listed);
        for c in COLUMNS {
            if let Some(hash) = c.hash {
                assert!(
                    schema.contains(&format!("{hash} -> Nullable<Text>")),
                    "{}.{hash}",
                    c.table
                );
            }
        }
    }
}
