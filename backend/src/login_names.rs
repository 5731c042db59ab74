//! Login names that are ID numbers. An applicant signs in with its ID number and an invited
//! expert with `zj` and its ID number; `accounts.username` keeps neither: such a name is stored
//! as its keyed hash ([`crate::pii::hash`], the first 56 hex digits), `#…` or `zj#…`, and shown
//! again from the account's sealed `id_number`.
//!
//! The column has the SQL type [`LoginName`], to which only a [`StoredName`] binds: a typed name
//! — a sign-in's, a new account's, a filter's, a bulk check's list — becomes one through
//! [`name`] (that is, [`key`]), so an ID number cannot reach the column or miss an account by
//! being compared plain; a plain `String` does not compile. A name read from the column is
//! bound again as `StoredName(stored)`. What is read from it is
//! the stored form; [`shown`] and [`shown_masked`] turn it back into the name a person types.
//! A typed name containing `#` is never a key (no account may be created with one), so a
//! stored key does not sign in.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::pg::Pg;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{HasSqlType, Text};
use diesel::sqlite::Sqlite;

use crate::db::MultiBackend;
pub use crate::pii::sql_types::LoginName;

/// The prefix of an invited expert's login name (专家).
pub const EXPERT_PREFIX: &str = "zj";

/// Hex digits of the keyed hash kept in a stored name (224 bits; `zj#` and 56 fit the
/// column's 64 characters).
const KEY_DIGITS: usize = 56;

/// Whether `s` has the shape of an ID number: 17 digits and a digit or `X` (any case). The
/// check digit is not verified: an ID-shaped name that fails it is kept out of the column too.
fn id_shaped(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 18
        && b[..17].iter().all(u8::is_ascii_digit)
        && (b[17].is_ascii_digit() || b[17] == b'X' || b[17] == b'x')
}

/// The prefix (`""` or `zj`) and the ID number of a typed name that carries one.
fn id_parts(typed: &str) -> Option<(&'static str, &str)> {
    let trimmed = typed.trim();
    if id_shaped(trimmed) {
        return Some(("", trimmed));
    }
    trimmed
        .get(..EXPERT_PREFIX.len())
        .filter(|p| p.eq_ignore_ascii_case(EXPERT_PREFIX))
        .and_then(|_| trimmed.get(EXPERT_PREFIX.len()..))
        .filter(|id| id_shaped(id))
        .map(|id| (EXPERT_PREFIX, id))
}

/// The stored form of a typed login name: an ID number → `#` and its keyed hash; `zj` and an
/// ID number → `zj#` and the hash of the number; a name containing `#` (never a valid name) →
/// a form no account has; anything else unchanged.
pub fn key(typed: &str) -> String {
    if let Some((prefix, id)) = id_parts(typed) {
        return format!("{prefix}#{}", &crate::pii::hash(id)[..KEY_DIGITS]);
    }
    if typed.contains('#') {
        // 65 characters: longer than any stored name may be, so it matches none.
        return "#".repeat(65);
    }
    typed.to_owned()
}

/// A typed name as the audit log may keep it (a failed sign-in's): the ID number in it masked.
pub fn masked_typed(typed: &str) -> String {
    match id_parts(typed) {
        Some((prefix, id)) => format!("{prefix}{}", shared::ids::mask_id_number(id)),
        None => typed.chars().take(64).collect(),
    }
}

/// Whether a stored name is the keyed form of an ID number.
pub fn is_key(stored: &str) -> bool {
    stored.starts_with('#') || stored.starts_with("zj#")
}

/// The name its holder types, from the stored form and the account's ID number: the ID number
/// (or `zj` and it) for a keyed name, the stored name otherwise.
pub fn shown(stored: &str, id_number: Option<&str>) -> String {
    match (
        stored.strip_prefix('#'),
        stored.strip_prefix("zj#"),
        id_number,
    ) {
        (Some(_), _, Some(id)) => id.to_owned(),
        (_, Some(_), Some(id)) => format!("{EXPERT_PREFIX}{id}"),
        _ => stored.to_owned(),
    }
}

/// [`shown`] with the ID number masked (`5201**********1234`), for whoever may not read it.
pub fn shown_masked(stored: &str, id_number: Option<&str>) -> String {
    let masked = id_number.map(shared::ids::mask_id_number);
    shown(stored, masked.as_deref())
}

/// The login name of an account as another person sees it ([`shown_masked`]); `None` for no
/// account or an unknown one.
pub fn of_account(
    conn: &mut crate::db::DbConnection,
    id: Option<i64>,
) -> Result<Option<String>, crate::error::ApiError> {
    use diesel::prelude::*;

    use crate::db::schema::accounts;
    let Some(id) = id else { return Ok(None) };
    let row: Option<(String, Option<String>)> = accounts::table
        .find(id)
        .select((accounts::username, accounts::id_number))
        .first(conn)
        .optional()?;
    Ok(row.map(|(stored, id_number)| shown_masked(&stored, id_number.as_deref())))
}

/// A value bound to [`LoginName`]: already in its stored form.
#[derive(Debug, Clone, PartialEq, Eq, diesel::AsExpression)]
#[diesel(sql_type = LoginName)]
pub struct StoredName(pub String);

/// A typed login name on its way to the column: its stored form ([`key`]).
pub fn name(typed: impl AsRef<str>) -> StoredName {
    StoredName(key(typed.as_ref()))
}

impl ToSql<LoginName, Pg> for StoredName {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        <str as ToSql<Text, Pg>>::to_sql(self.0.as_str(), out)
    }
}

impl ToSql<LoginName, Sqlite> for StoredName {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(self.0.as_str());
        Ok(IsNull::No)
    }
}

impl ToSql<LoginName, MultiBackend> for StoredName {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
        out.set_value((LoginName, self));
        Ok(IsNull::No)
    }
}

impl FromSql<LoginName, Pg> for String {
    fn from_sql(bytes: <Pg as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        <String as FromSql<Text, Pg>>::from_sql(bytes)
    }
}

impl FromSql<LoginName, Sqlite> for String {
    fn from_sql(bytes: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        <String as FromSql<Text, Sqlite>>::from_sql(bytes)
    }
}

impl FromSql<LoginName, MultiBackend> for String {
    fn from_sql(bytes: <MultiBackend as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        bytes.from_sql::<String, LoginName>()
    }
}

impl HasSqlType<LoginName> for MultiBackend {
    fn metadata(lookup: &mut Self::MetadataLookup) -> Self::TypeMetadata {
        MultiBackend::lookup_sql_type::<LoginName>(lookup)
    }
}

/// Replaces every login name still stored as an ID number (an older version's) by its key;
/// run at every start after [`crate::pii::install`]. Each row is conditional on the name read.
/// Returns the number of names replaced.
pub fn key_plain_names(conn: &mut crate::db::DbConnection) -> anyhow::Result<usize> {
    use diesel::prelude::*;

    use crate::db::schema::accounts;

    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
        #[diesel(sql_type = Text)]
        username: String,
    }
    // Only names of an ID number's lengths are read (the others cannot be one).
    let rows: Vec<Row> = diesel::sql_query(
        "SELECT id, username FROM accounts WHERE length(username) IN (18, 20) ORDER BY id",
    )
    .load(conn)?;
    let plain: Vec<Row> = rows
        .into_iter()
        .filter(|r| !is_key(&r.username) && key(&r.username) != r.username)
        .collect();
    let mut written = 0;
    for chunk in plain.chunks(1000) {
        written += conn.write_transaction(|conn| -> QueryResult<usize> {
            let mut n = 0;
            for r in chunk {
                // Bound as the stored form already: `username` is compared by its raw text.
                n += diesel::update(
                    accounts::table
                        .find(r.id)
                        .filter(accounts::username.eq(StoredName(r.username.clone()))),
                )
                .set(accounts::username.eq(StoredName(key(&r.username))))
                .execute(conn)?;
            }
            Ok(n)
        })?;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shape_of_an_id_number() {
        assert!(id_shaped("52010219900101123X"));
        assert!(id_shaped("52010219900101123x"));
        assert!(id_shaped("520102199001011234"));
        for no in [
            "5201021990010112",
            "52010219900101123Y",
            "zj520102199001011234",
            "sysadmin",
            "",
        ] {
            assert!(!id_shaped(no), "{no}");
        }
    }

    #[test]
    fn a_typed_id_number_is_masked_for_the_audit_log() {
        assert_eq!(masked_typed(" 52010219900101123x"), "5201**********123x");
        assert_eq!(masked_typed("zj520102199001011234"), "zj5201**********1234");
        assert_eq!(masked_typed("sysadmin"), "sysadmin");
    }

    #[test]
    fn ordinary_names_are_kept_and_a_hash_sign_matches_nothing() {
        assert_eq!(key("county_hrss_handler"), "county_hrss_handler");
        assert_eq!(key("zj_someone"), "zj_someone");
        assert!(key("#abc").len() > 64);
        assert!(!is_key("sysadmin"));
        assert_eq!(shown("sysadmin", Some("520102199001011234")), "sysadmin");
    }

    #[test]
    fn a_stored_name_is_shown_from_the_id_number() {
        let id = "520102199001011234";
        assert_eq!(shown("#00ff", Some(id)), id);
        assert_eq!(shown("zj#00ff", Some(id)), format!("zj{id}"));
        assert_eq!(shown_masked("#00ff", Some(id)), "5201**********1234");
        assert_eq!(shown_masked("zj#00ff", Some(id)), "zj5201**********1234");
        // Without the number (never for a keyed name) the stored form, not a guess.
        assert_eq!(shown("#00ff", None), "#00ff");
    }
}
