//! Policy-review accounts (政策性审查账号, SPEC §2 and §4.5, manual §6.1.1 and §6.2.6): one-off
//! accounts of kind `policy_reviewer`, created by a committee's organising unit while the
//! committee holds an approved filing in force, scoped to the committee, a year, the
//! committee's series and optionally some specialties. Usernames are generated
//! (`pr<committee>_<year>_<seq>`, never an ID number), each with its own random initial
//! password shown once. Name and specialties are editable until the account first acts in a
//! policy review ([`mark_used`]); accounts are enabled and disabled, never deleted.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::{
    application::Series,
    committees::{CreatePolicyReviewersRequest, PolicyReviewer},
    AccountKind, ErrorCode, Module,
};

use super::{filings::FilingRow, CommitteeRow};
use crate::{
    auth::AuthUser,
    db::{
        schema::{accounts, committees, policy_review_scopes, units},
        DbConnection,
    },
    error::ApiError,
    org::{
        accounts::{self as org_accounts, NewAccount},
        jurisdiction::{self, Relation},
    },
};

/// Marks the account as used (its first policy-review action) if it is not yet; returns whether
/// it did. From then on name and specialties are frozen. Call inside the action's transaction.
pub fn mark_used(
    conn: &mut DbConnection,
    account_id: i64,
    now: NaiveDateTime,
) -> Result<bool, ApiError> {
    let changed = diesel::update(
        policy_review_scopes::table
            .find(account_id)
            .filter(policy_review_scopes::first_used_at.is_null()),
    )
    .set(policy_review_scopes::first_used_at.eq(now))
    .execute(conn)?;
    Ok(changed > 0)
}

/// One account with its scope, as listed.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = accounts)]
struct AccountPart {
    id: i64,
    username: String,
    display_name: String,
    enabled: bool,
    version: i64,
    created_at: NaiveDateTime,
}

/// A stored scope.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = policy_review_scopes)]
pub struct ScopeRow {
    pub account_id: i64,
    pub committee_id: i64,
    pub year: i32,
    pub series: Series,
    pub specialties: String,
    pub first_used_at: Option<NaiveDateTime>,
}

/// The API form of the reviewer `account_id`.
pub fn load_dto(conn: &mut DbConnection, account_id: i64) -> Result<PolicyReviewer, ApiError> {
    let (a, s, c): (AccountPart, ScopeRow, CommitteeRow) = accounts::table
        .inner_join(policy_review_scopes::table.inner_join(committees::table))
        .filter(accounts::id.eq(account_id))
        .select((
            AccountPart::as_select(),
            ScopeRow::as_select(),
            CommitteeRow::as_select(),
        ))
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    Ok(PolicyReviewer {
        account_id: a.id,
        username: a.username,
        display_name: a.display_name,
        committee: super::committee_ref(conn, &c)?,
        year: s.year,
        series: s.series,
        specialties: super::parse_specialties(&s.specialties)?,
        enabled: a.enabled,
        first_used_at: s.first_used_at.map(super::instant),
        editable: s.first_used_at.is_none(),
        version: a.version,
        created_at: super::instant(a.created_at),
    })
}

/// Managing policy-review accounts needs `title.accounts.personal_accounts` on a unit-side account.
pub fn require_module(user: &AuthUser) -> Result<(), ApiError> {
    if super::is_unit_side(user) {
        user.require(Module::PersonalAccounts)
    } else {
        Err(ApiError::new(ErrorCode::Forbidden))
    }
}

/// The reviewer's scope if its committee's organising unit is in the caller's jurisdiction
/// (404 otherwise), and whether that unit is the caller's own (only it changes the account).
pub fn visible_scope(
    conn: &mut DbConnection,
    user: &AuthUser,
    account_id: i64,
) -> Result<(ScopeRow, Relation), ApiError> {
    let found: Option<(ScopeRow, i64)> = policy_review_scopes::table
        .inner_join(committees::table)
        .filter(policy_review_scopes::account_id.eq(account_id))
        .select((ScopeRow::as_select(), committees::unit_id))
        .first(conn)
        .optional()?;
    let (scope, unit_id) = found.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let relation = jurisdiction::require_visible(conn, user, unit_id)?;
    Ok((scope, relation))
}

/// Refuses unless the caller's unit organises the reviewer's committee.
pub fn require_own(relation: Relation) -> Result<(), ApiError> {
    if relation == Relation::Own {
        Ok(())
    } else {
        Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "政策性审查账号由评委会组建单位管理",
            "Policy-review accounts are managed by the committee's organising unit",
        ))
    }
}

/// Checks a create request against the committee: the caller's unit organises it (404 when not
/// in sight, 403 when a unit below organises it), the series matches, and an approved filing is
/// in force on `today` (else 422 `no_review_authority`); specialties lie within the filing's.
/// Returns the committee and the cleaned specialties.
pub fn check_create(
    conn: &mut DbConnection,
    user: &AuthUser,
    req: &CreatePolicyReviewersRequest,
    today: NaiveDate,
) -> Result<(CommitteeRow, Vec<String>), ApiError> {
    let committee =
        super::find(conn, req.committee_id)?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    require_own(jurisdiction::require_visible(
        conn,
        user,
        committee.unit_id,
    )?)?;
    if committee.series != req.series {
        return Err(ApiError::validation(
            "series",
            "须与评委会的系列一致",
            "must be the committee's series",
        ));
    }
    let in_force = super::authority::filings_in_force(conn, committee.id, today)?;
    let Some(filing) = in_force.first() else {
        return Err(ApiError::with_text(
            ErrorCode::NoReviewAuthority,
            "该评委会没有审核通过且在有效期内的评审权备案，不能创建政策性审查账号",
            "The committee has no approved, unexpired review authority filing: no policy-review accounts",
        ));
    };
    let specialties = check_specialties(filing, &req.specialties)?;
    Ok((committee, specialties))
}

/// Cleans `list` and checks it lies within the filing's specialties (when it names some).
pub fn check_specialties(filing: &FilingRow, list: &[String]) -> Result<Vec<String>, ApiError> {
    let specialties = super::filings::clean_specialties(list)?;
    let allowed = super::parse_specialties(&filing.specialties)?;
    if !allowed.is_empty() && specialties.iter().any(|s| !allowed.contains(s)) {
        return Err(ApiError::validation(
            "specialties",
            "须在评审权备案的专业范围内",
            "must lie within the specialties of the review authority filing",
        ));
    }
    Ok(specialties)
}

/// Checks a display name (1–90 characters, leaving room for a sequence suffix).
pub fn check_display_name(name: &str) -> Result<String, ApiError> {
    crate::http::text::required("display_name", name, 90)
}

/// The next free sequence number of `pr<committee>_<year>_`.
fn next_seq(conn: &mut DbConnection, committee_id: i64, year: i32) -> Result<u32, ApiError> {
    let prefix = format!("pr{committee_id}_{year}_");
    // `_` is a LIKE wildcard: the pattern over-matches, the exact prefix is checked below.
    // (LIKE in SQL text: the column's type, `LoginName`, has no `like`; these names are not
    // ID numbers.)
    let taken: Vec<String> = accounts::table
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("accounts.username LIKE ")
                .bind::<diesel::sql_types::Text, _>(format!("{prefix}%")),
        )
        .select(accounts::username)
        .load(conn)?;
    let max = taken
        .iter()
        .filter_map(|u| u.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    Ok(max + 1)
}

/// Creates the accounts (one per hash) and their scopes; returns their ids in order.
pub fn create(
    conn: &mut DbConnection,
    user: &AuthUser,
    req: &CreatePolicyReviewersRequest,
    display_name: &str,
    specialties: &[String],
    hashes: &[String],
    now: NaiveDateTime,
) -> Result<Vec<i64>, ApiError> {
    let first = next_seq(conn, req.committee_id, req.year)?;
    let mut ids = Vec::with_capacity(hashes.len());
    for (seq, hash) in (first..).zip(hashes) {
        let name = if hashes.len() > 1 {
            format!("{display_name} {seq:03}")
        } else {
            display_name.to_owned()
        };
        let id = org_accounts::create(
            conn,
            &NewAccount {
                username: format!("pr{}_{}_{seq:03}", req.committee_id, req.year),
                display_name: name,
                kind: AccountKind::PolicyReviewer,
                unit_id: user.unit_id,
                id_number: None,
                phone: None,
                password_hash: hash.clone(),
                must_change_password: true,
                role_ids: Vec::new(),
                created_by: Some(user.id),
            },
            now,
        )?;
        diesel::insert_into(policy_review_scopes::table)
            .values((
                policy_review_scopes::account_id.eq(id),
                policy_review_scopes::committee_id.eq(req.committee_id),
                policy_review_scopes::year.eq(req.year),
                policy_review_scopes::series.eq(req.series),
                policy_review_scopes::specialties.eq(super::to_json(specialties)?),
            ))
            .execute(conn)?;
        ids.push(id);
    }
    Ok(ids)
}

/// The scopes of reviewers whose committee is organised in the caller's jurisdiction (the
/// filter is in SQL), optionally of one committee and year.
pub fn visible_query(
    user: &AuthUser,
    committee_id: Option<i64>,
    year: Option<i32>,
) -> policy_review_scopes::BoxedQuery<'static, crate::db::DbBackend> {
    let (lo, hi) = jurisdiction::range(user);
    let in_scope = committees::table
        .inner_join(units::table)
        .filter(units::path.ge(lo))
        .filter(units::path.lt(hi))
        .select(committees::id);
    let mut q = policy_review_scopes::table
        .filter(policy_review_scopes::committee_id.eq_any(in_scope))
        .into_boxed();
    if let Some(c) = committee_id {
        q = q.filter(policy_review_scopes::committee_id.eq(c));
    }
    if let Some(y) = year {
        q = q.filter(policy_review_scopes::year.eq(y));
    }
    q
}

/// A random initial password of 14 characters with lower- and upper-case letters, digits and
/// symbols (no look-alike characters), drawn from the operating system's generator.
pub fn generate_password() -> String {
    const LOWER: &[u8] = b"abcdefghijkmnpqrstuvwxyz";
    const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    const DIGITS: &[u8] = b"23456789";
    const SYMBOLS: &[u8] = b"#$%&*+-=?@";
    fn pick(set: &[u8]) -> u8 {
        // Rejection sampling keeps every character equally likely.
        let len = u32::try_from(set.len()).unwrap_or(1);
        let zone = u32::MAX - u32::MAX % len;
        loop {
            let r = OsRng.next_u32();
            if r < zone {
                return set
                    .get(usize::try_from(r % len).unwrap_or_default())
                    .copied()
                    .unwrap_or(b'x');
            }
        }
    }
    let all: Vec<u8> = [LOWER, UPPER, DIGITS, SYMBOLS].concat();
    let mut chars: Vec<u8> = vec![pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
    while chars.len() < 14 {
        chars.push(pick(&all));
    }
    // Fisher–Yates, so the guaranteed classes are not always in front.
    for i in (1..chars.len()).rev() {
        let j = usize::try_from(OsRng.next_u32()).unwrap_or_default() % (i + 1);
        chars.swap(i, j);
    }
    String::from_utf8(chars).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::password::SecurityPolicy;

    #[test]
    fn generated_passwords_satisfy_the_policy_and_differ() {
        let policy = SecurityPolicy::default();
        let a = generate_password();
        let b = generate_password();
        assert_ne!(a, b);
        for _ in 0..50 {
            let p = generate_password();
            assert_eq!(p.chars().count(), 14);
            assert!(policy.check("pr1_2026_001", &p).is_ok(), "{p}");
        }
    }
}
