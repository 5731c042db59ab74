//! Login, refresh, logout and password change. Each runs in one write transaction together
//! with its audit row; password hashing happens before the transaction, off the async threads.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde_json::json;
use shared::{
    auth::{CurrentUser, LoginResponse, UnitRef},
    AccountKind, ErrorCode, UnitKind, UnitLevel,
};

use super::{
    mfa, modules,
    password::{self, SecurityPolicy},
    tokens::{self, TokenKeys},
};
use crate::{
    audit::{self, Actor, Event},
    db::{
        schema::{accounts, refresh_tokens, units},
        settings, DbConnection,
    },
    error::ApiError,
};

/// A refresh family may be renewed for at most this long after login.
const ABSOLUTE_SESSION_HOURS: i64 = 12;

/// The current security policy (defaults when never configured).
pub fn policy(conn: &mut DbConnection) -> Result<SecurityPolicy, ApiError> {
    Ok(settings::get(conn, SecurityPolicy::KEY)?
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default())
}

#[derive(Debug, Clone, Queryable)]
struct Account {
    id: i64,
    username: String,
    display_name: String,
    kind: AccountKind,
    unit_id: i64,
    password_hash: String,
    must_change_password: bool,
    enabled: bool,
    #[expect(
        dead_code,
        reason = "selected for completeness; the count is re-read under the write lock"
    )]
    failed_attempts: i32,
    locked_until: Option<NaiveDateTime>,
    token_version: i64,
    /// Opened from its sealed column (applicants, experts).
    id_number: Option<String>,
}

impl Account {
    /// The login name its holder types (an ID number whole: for the holder's own answers and
    /// the password rules).
    fn login_name(&self) -> String {
        crate::login_names::shown(&self.username, self.id_number.as_deref())
    }

    /// The login name as the audit log keeps it (an ID number masked).
    fn audit_name(&self) -> String {
        crate::login_names::shown_masked(&self.username, self.id_number.as_deref())
    }
}

/// The account of a login name in its stored form.
fn find_account(
    conn: &mut DbConnection,
    name: crate::login_names::StoredName,
) -> Result<Option<Account>, ApiError> {
    Ok(accounts::table
        .filter(accounts::username.eq(name))
        .select((
            accounts::id,
            accounts::username,
            accounts::display_name,
            accounts::kind,
            accounts::unit_id,
            accounts::password_hash,
            accounts::must_change_password,
            accounts::enabled,
            accounts::failed_attempts,
            accounts::locked_until,
            accounts::token_version,
            accounts::id_number,
        ))
        .first(conn)
        .optional()?)
}

fn find_account_by_id(conn: &mut DbConnection, id: i64) -> Result<Account, ApiError> {
    let username: String = accounts::table
        .find(id)
        .select(accounts::username)
        .first(conn)?;
    find_account(conn, crate::login_names::StoredName(username))?
        .ok_or_else(|| ApiError::new(ErrorCode::Unauthenticated))
}

/// The account as the login answer shows it.
pub fn current_user(conn: &mut DbConnection, account_id: i64) -> Result<CurrentUser, ApiError> {
    let a = find_account_by_id(conn, account_id)?;
    let kind = a.kind;
    let (uid, name, ukind, level): (i64, String, UnitKind, UnitLevel) = units::table
        .find(a.unit_id)
        .select((units::id, units::name, units::kind, units::level))
        .first(conn)?;
    let modules = modules::effective(conn, a.id, kind, a.unit_id)?;
    let mfa_required = mfa::required(&policy(conn)?, kind, ukind);
    let mfa_enabled = mfa::enabled(conn, a.id)?;
    Ok(CurrentUser {
        id: a.id,
        username: a.login_name(),
        display_name: a.display_name,
        kind,
        unit: UnitRef {
            id: uid,
            name,
            kind: ukind,
            level,
        },
        modules: modules.into_iter().collect(),
        mfa_enabled,
        mfa_required,
    })
}

/// Starts (family `None`) or continues a refresh family and signs an access token.
#[expect(
    clippy::too_many_arguments,
    reason = "one private constructor of the session answer"
)]
fn issue(
    conn: &mut DbConnection,
    keys: &TokenKeys,
    account_id: i64,
    token_version: i64,
    must_change_password: bool,
    family: Option<(String, NaiveDateTime)>,
    idle_minutes: i64,
    now: NaiveDateTime,
) -> Result<LoginResponse, ApiError> {
    let (family, absolute) = family.unwrap_or_else(|| {
        (
            tokens::random_hex(),
            now + Duration::hours(ABSOLUTE_SESSION_HOURS),
        )
    });
    let refresh = tokens::random_hex();
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::account_id.eq(account_id),
            refresh_tokens::family.eq(&family),
            refresh_tokens::token_hash.eq(tokens::refresh_hash(&refresh)),
            refresh_tokens::created_at.eq(now),
            refresh_tokens::expires_at.eq((now + Duration::minutes(idle_minutes)).min(absolute)),
            refresh_tokens::absolute_expires_at.eq(absolute),
        ))
        .execute(conn)?;
    let access = keys.issue(account_id, token_version, &family, now)?;
    let user = current_user(conn, account_id)?;
    Ok(LoginResponse {
        access_token: access,
        token_type: "Bearer".to_owned(),
        expires_in: u64::try_from(tokens::ACCESS_TTL_SECS).unwrap_or(900),
        refresh_token: refresh,
        must_change_password,
        user,
    })
}

fn revoke_all_sessions(
    conn: &mut DbConnection,
    account_id: i64,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::account_id.eq(account_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(now))
    .execute(conn)
}

/// Checks a username and password and opens a session. `password_ok` is computed by the
/// caller on a blocking thread against the hash read here (see `routes::auth::login`).
pub fn login(
    conn: &mut DbConnection,
    auth: &super::AuthState,
    username: &str,
    password: &str,
    otp: Option<&str>,
    ip: Option<String>,
    now: NaiveDateTime,
) -> Result<LoginResponse, ApiError> {
    let policy = policy(conn)?;
    let account = find_account(conn, crate::login_names::name(username))?;
    let mut actor = Actor {
        id: account.as_ref().map(|a| a.id),
        name: Some(crate::login_names::masked_typed(username)),
        unit_id: account.as_ref().map(|a| a.unit_id),
        ip,
    };
    let event = |success: bool, why: &str| Event {
        action: "auth.login",
        target_type: "account",
        target_id: actor_target(&account),
        success,
        before: None,
        after: Some(json!({ "result": why })),
    };
    let Some(account) = account.clone() else {
        password::dummy_verify(password);
        audit::append(conn, &actor, &event(false, "unknown_user"), now)?;
        return Err(ApiError::new(ErrorCode::InvalidCredentials));
    };
    if account.locked_until.is_some_and(|until| until > now) {
        audit::append(conn, &actor, &event(false, "locked"), now)?;
        return Err(ApiError::new(ErrorCode::AccountLocked));
    }
    if !password::verify(password, &account.password_hash) {
        let locks = count_failure(
            conn,
            &policy,
            &account,
            &actor,
            &event,
            "wrong_password",
            now,
        )?;
        return Err(ApiError::new(if locks {
            ErrorCode::AccountLocked
        } else {
            ErrorCode::InvalidCredentials
        }));
    }
    if !account.enabled {
        audit::append(conn, &actor, &event(false, "disabled"), now)?;
        return Err(ApiError::new(ErrorCode::AccountDisabled));
    }
    actor.name = Some(account.audit_name());
    // The second factor, when the account has one: spent in its own transaction, so that a
    // code that passed is used up even if the session could not be opened.
    let second = conn.write_transaction(|conn| {
        mfa::check_sign_in(conn, &auth.data_keys, account.id, otp, now)
    })?;
    match second {
        mfa::Second::Missing => {
            audit::append(conn, &actor, &event(false, "mfa_required"), now)?;
            return Err(ApiError::new(ErrorCode::MfaRequired));
        }
        mfa::Second::Wrong => {
            let locks = count_failure(conn, &policy, &account, &actor, &event, "wrong_otp", now)?;
            return Err(ApiError::new(if locks {
                ErrorCode::AccountLocked
            } else {
                ErrorCode::MfaCodeInvalid
            }));
        }
        mfa::Second::NotEnabled | mfa::Second::Totp | mfa::Second::Recovery => {}
    }
    let why = match second {
        mfa::Second::Totp => "ok_totp",
        mfa::Second::Recovery => "ok_recovery_code",
        _ => "ok",
    };
    conn.write_transaction(|conn| {
        diesel::update(accounts::table.find(account.id))
            .set((
                accounts::failed_attempts.eq(0),
                accounts::locked_until.eq(None::<NaiveDateTime>),
                accounts::last_login_at.eq(now),
            ))
            .execute(conn)?;
        audit::append(conn, &actor, &event(true, why), now)?;
        issue(
            conn,
            &auth.keys,
            account.id,
            account.token_version,
            account.must_change_password,
            None,
            policy.idle_timeout_minutes,
            now,
        )
    })
}

/// Counts a failed sign-in (a wrong password, or a wrong second factor after a right one)
/// towards the lockout; answers whether this failure locked the account.
fn count_failure<'a>(
    conn: &mut DbConnection,
    policy: &SecurityPolicy,
    account: &Account,
    actor: &Actor,
    event: &dyn Fn(bool, &str) -> Event<'a>,
    why: &str,
    now: NaiveDateTime,
) -> Result<bool, ApiError> {
    conn.write_transaction(|conn| {
        // Re-read inside the write lock so that parallel wrong attempts all count.
        let failures: i32 = accounts::table
            .find(account.id)
            .select(accounts::failed_attempts)
            .first::<i32>(conn)?
            + 1;
        let locks = failures >= policy.lockout_threshold;
        diesel::update(accounts::table.find(account.id))
            .set((
                accounts::failed_attempts.eq(if locks { 0 } else { failures }),
                accounts::locked_until
                    .eq(locks.then(|| now + Duration::minutes(policy.lockout_minutes))),
            ))
            .execute(conn)?;
        if locks {
            // The holder learns of it (in the app after the lock, and by SMS/e-mail where a
            // gateway is plugged in): a lock they did not cause is an attack on them.
            let until = now + Duration::minutes(policy.lockout_minutes);
            crate::notices::write(
                conn,
                &[crate::notices::New {
                    to: crate::notices::To::Account(account.id),
                    kind: shared::notices::NoticeKind::AccountLocked,
                    object: shared::notices::NoticeObject::Account,
                    object_id: account.id,
                    params: shared::notices::NoticeParams {
                        date: Some(crate::calendar::china_time(until)),
                        ..Default::default()
                    },
                }],
                now,
            )?;
        }
        let why = if locks {
            format!("{why}_locked")
        } else {
            why.to_owned()
        };
        audit::append(conn, actor, &event(false, &why), now)?;
        Ok::<_, ApiError>(locks)
    })
}

fn actor_target(account: &Option<Account>) -> Option<String> {
    account.as_ref().map(|a| a.id.to_string())
}

/// Rotates a refresh token. A token used twice means it was stolen or replayed: the whole
/// family (that login's session) is revoked.
pub fn refresh(
    conn: &mut DbConnection,
    keys: &TokenKeys,
    token: &str,
    ip: Option<String>,
    now: NaiveDateTime,
) -> Result<LoginResponse, ApiError> {
    let policy = policy(conn)?;
    let hash = tokens::refresh_hash(token);
    type Stored = (
        i64,
        i64,
        String,
        NaiveDateTime,
        NaiveDateTime,
        Option<NaiveDateTime>,
        Option<NaiveDateTime>,
    );
    conn.write_transaction(|conn| {
        let stored: Option<Stored> = refresh_tokens::table
            .filter(refresh_tokens::token_hash.eq(&hash))
            .select((
                refresh_tokens::id,
                refresh_tokens::account_id,
                refresh_tokens::family,
                refresh_tokens::expires_at,
                refresh_tokens::absolute_expires_at,
                refresh_tokens::used_at,
                refresh_tokens::revoked_at,
            ))
            .first(conn)
            .optional()?;
        let Some((id, account_id, family, expires, absolute, used, revoked)) = stored else {
            return Err(ApiError::new(ErrorCode::Unauthenticated));
        };
        let actor = Actor {
            id: Some(account_id),
            name: None,
            unit_id: None,
            ip: ip.clone(),
        };
        if used.is_some() && revoked.is_none() {
            diesel::update(refresh_tokens::table.filter(refresh_tokens::family.eq(&family)))
                .set(refresh_tokens::revoked_at.eq(now))
                .execute(conn)?;
            audit::append(
                conn,
                &actor,
                &Event {
                    action: "auth.refresh_reuse",
                    target_type: "account",
                    target_id: Some(account_id.to_string()),
                    success: false,
                    before: None,
                    after: Some(json!({ "revoked_family": true })),
                },
                now,
            )?;
            return Ok(Err(ApiError::new(ErrorCode::Unauthenticated)));
        }
        if revoked.is_some() || used.is_some() || expires <= now || absolute <= now {
            return Ok(Err(ApiError::new(ErrorCode::Unauthenticated)));
        }
        let account = find_account_by_id(conn, account_id)?;
        if !account.enabled || account.locked_until.is_some_and(|u| u > now) {
            revoke_all_sessions(conn, account_id, now)?;
            return Ok(Err(ApiError::new(ErrorCode::Unauthenticated)));
        }
        diesel::update(refresh_tokens::table.find(id))
            .set(refresh_tokens::used_at.eq(now))
            .execute(conn)?;
        issue(
            conn,
            keys,
            account_id,
            account.token_version,
            account.must_change_password,
            Some((family, absolute)),
            policy.idle_timeout_minutes,
            now,
        )
        .map(Ok)
    })?
}

/// Ends the session the refresh token belongs to (only the caller's own).
pub fn logout(
    conn: &mut DbConnection,
    account_id: i64,
    token: &str,
    ip: Option<String>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let hash = tokens::refresh_hash(token);
    conn.write_transaction(|conn| {
        let family: Option<String> = refresh_tokens::table
            .filter(refresh_tokens::token_hash.eq(&hash))
            .filter(refresh_tokens::account_id.eq(account_id))
            .select(refresh_tokens::family)
            .first(conn)
            .optional()?;
        if let Some(family) = &family {
            diesel::update(
                refresh_tokens::table
                    .filter(refresh_tokens::family.eq(family))
                    .filter(refresh_tokens::revoked_at.is_null()),
            )
            .set(refresh_tokens::revoked_at.eq(now))
            .execute(conn)?;
        }
        audit::append(
            conn,
            &Actor {
                id: Some(account_id),
                name: None,
                unit_id: None,
                ip,
            },
            &Event {
                action: "auth.logout",
                target_type: "account",
                target_id: Some(account_id.to_string()),
                success: family.is_some(),
                before: None,
                after: None,
            },
            now,
        )
    })
}

/// Changes the caller's password: checks the current one and the policy, revokes every older
/// token and session, and opens a fresh session.
pub fn change_password(
    conn: &mut DbConnection,
    keys: &TokenKeys,
    account_id: i64,
    current: &str,
    new: &str,
    ip: Option<String>,
    now: NaiveDateTime,
) -> Result<LoginResponse, ApiError> {
    let policy = policy(conn)?;
    let account = find_account_by_id(conn, account_id)?;
    let actor = Actor {
        id: Some(account.id),
        name: Some(account.audit_name()),
        unit_id: Some(account.unit_id),
        ip,
    };
    let event = |success: bool, why: &str| Event {
        action: "auth.password_change",
        target_type: "account",
        target_id: Some(account.id.to_string()),
        success,
        before: None,
        after: Some(json!({ "result": why })),
    };
    if !password::verify(current, &account.password_hash) {
        audit::append(conn, &actor, &event(false, "wrong_current_password"), now)?;
        return Err(ApiError::new(ErrorCode::InvalidCredentials));
    }
    if let Err(weak) = policy.check(&account.login_name(), new) {
        audit::append(conn, &actor, &event(false, "weak_password"), now)?;
        return Err(weak);
    }
    if password::verify(new, &account.password_hash) {
        return Err(ApiError::with_text(
            ErrorCode::WeakPassword,
            "新密码不能与当前密码相同",
            "The new password must differ from the current one",
        ));
    }
    let hash = password::hash(new)?;
    conn.write_transaction(|conn| {
        let version = account.token_version + 1;
        diesel::update(accounts::table.find(account.id))
            .set((
                accounts::password_hash.eq(&hash),
                accounts::must_change_password.eq(false),
                accounts::token_version.eq(version),
                accounts::password_changed_at.eq(now),
                accounts::updated_at.eq(now),
            ))
            .execute(conn)?;
        revoke_all_sessions(conn, account.id, now)?;
        audit::append(conn, &actor, &event(true, "ok"), now)?;
        issue(
            conn,
            keys,
            account.id,
            version,
            false,
            None,
            policy.idle_timeout_minutes,
            now,
        )
    })
}
