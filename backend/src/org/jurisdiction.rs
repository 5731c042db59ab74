//! Jurisdiction: a unit sees its own items and those of the units below it — never a
//! sibling's or a parent's. Every query filters by the caller's subtree range in SQL (see
//! `units::subtree_end`); nothing is filtered after loading.

use diesel::prelude::*;
use shared::{AccountKind, ErrorCode, Module};

use super::units::subtree_end;
use crate::{
    auth::AuthUser,
    db::{schema::units, DbConnection},
    error::ApiError,
};

/// The `[start, end)` path range of the caller's subtree.
pub fn range(user: &AuthUser) -> (String, String) {
    (user.unit_path.clone(), subtree_end(&user.unit_path))
}

/// Where a unit stands relative to the caller (the rule in `shared::rules` takes it too).
pub use shared::rules::UnitRelation as Relation;

/// How `unit_id` relates to the caller's unit: its path read by one indexed lookup, then
/// [`relation_by_path`] (a unit that does not exist is `Outside`).
pub fn relation(
    conn: &mut DbConnection,
    user: &AuthUser,
    unit_id: i64,
) -> Result<Relation, ApiError> {
    if unit_id == user.unit_id {
        return Ok(Relation::Own);
    }
    let path: Option<String> = units::table
        .filter(units::id.eq(unit_id))
        .select(units::path)
        .first(conn)
        .optional()?;
    Ok(path.map_or(Relation::Outside, |path| {
        relation_by_path(user, unit_id, &path)
    }))
}

/// How the unit `unit_id` at `path` relates to the caller's unit — the one place of the rule:
/// [`relation`] reads the path for it, the imports pass the paths they read by the hundred.
/// Paths compare as bytes, as the `path` column does (C collation on PostgreSQL, SQLite's
/// default binary).
pub fn relation_by_path(user: &AuthUser, unit_id: i64, path: &str) -> Relation {
    if unit_id == user.unit_id {
        return Relation::Own;
    }
    let (start, end) = range(user);
    if path >= start.as_str() && path < end.as_str() {
        Relation::Below
    } else {
        Relation::Outside
    }
}

/// Refuses with 404 `not_found` (not 403: the unit's existence is not the caller's business)
/// unless `unit_id` is the caller's own unit or below it.
pub fn require_visible(
    conn: &mut DbConnection,
    user: &AuthUser,
    unit_id: i64,
) -> Result<Relation, ApiError> {
    match relation(conn, user, unit_id)? {
        Relation::Outside => Err(ApiError::new(ErrorCode::NotFound)),
        r => Ok(r),
    }
}

/// Which kinds of account the caller may create in a unit standing in `relation` to it: the
/// rule is `shared::rules::creatable_kinds`, which the SPA calls too.
pub fn creatable_kinds(user: &AuthUser, relation: Relation) -> Vec<AccountKind> {
    let modules: Vec<Module> = user.modules.iter().copied().collect();
    shared::rules::creatable_kinds(user.kind, &modules, relation)
}

/// The unit of each of `names` (exact names, looked up by `IN` lists of 500) — within the
/// caller's subtree when `within` is given, else in the whole tree. Several units may share a
/// name across the province; of those, the first created. For the imports that name units.
pub fn units_named(
    conn: &mut DbConnection,
    names: &std::collections::BTreeSet<&str>,
    within: Option<&AuthUser>,
) -> Result<std::collections::HashMap<String, i64>, ApiError> {
    let mut out = std::collections::HashMap::new();
    for chunk in names.iter().copied().collect::<Vec<_>>().chunks(500) {
        let mut query = units::table
            .filter(units::name.eq_any(chunk))
            .select((units::id, units::name))
            .order(units::id)
            .into_boxed();
        if let Some(user) = within {
            let (lo, hi) = range(user);
            query = query.filter(units::path.ge(lo)).filter(units::path.lt(hi));
        }
        let found: Vec<(i64, String)> = query.load(conn)?;
        for (id, name) in found {
            out.entry(name).or_insert(id);
        }
    }
    Ok(out)
}
