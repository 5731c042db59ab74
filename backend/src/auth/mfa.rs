//! Two-factor authentication: TOTP (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) and
//! one-time recovery codes. The security policy names the groups that must use it
//! (`SecurityPolicy::mfa_groups`, the three administrators by default); anyone may turn it on.
//!
//! A code is accepted for the step before, the step of and the step after the server's time
//! (clock drift of up to 30 s either way), and never twice: the step of the last accepted code
//! is kept and only a later one passes (RFC 6238 §5.2) — under concurrency exactly one of two
//! requests with the same code wins, by a conditional update. Wrong codes at sign-in count
//! towards the same lockout as wrong passwords (`flows::login`).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hmac::{Hmac, Mac};
use rand_core::{OsRng, RngCore};
use serde_json::json;
use sha2::{Digest, Sha256};
use shared::{
    auth::{MfaEnrollment, MfaGroup, MfaRecoveryCodes},
    AccountKind, ErrorCode, UnitKind,
};

use super::password::SecurityPolicy;
use crate::crypto::{mfa_context, DataKeys};
use crate::{
    audit::{self, Actor, Event},
    db::{
        schema::{account_mfa, mfa_recovery_codes},
        DbConnection,
    },
    error::ApiError,
};

/// Seconds per TOTP step.
pub const STEP_SECS: i64 = 30;
/// Digits per code.
const DIGITS: u32 = 6;
/// Recovery codes handed out at enrollment.
const RECOVERY_CODES: usize = 10;
/// The issuer shown in authenticator apps.
const ISSUER: &str = "职称评审";

/// The TOTP step `now` falls in.
pub fn step_of(now: NaiveDateTime) -> i64 {
    now.and_utc().timestamp().div_euclid(STEP_SECS)
}

/// The code of `secret` for `step` (RFC 4226 dynamic truncation), as a number below 10^digits.
fn hotp(secret: &[u8], step: i64, digits: u32) -> u32 {
    // HMAC accepts a key of any length; `new_from_slice` cannot fail for it.
    let Ok(mut mac) = Hmac::<sha1::Sha1>::new_from_slice(secret) else {
        return u32::MAX;
    };
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let binary = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    binary % 10u32.pow(digits)
}

/// The 6-digit code of `secret` at `step`, zero-padded.
pub fn code_at(secret: &[u8], step: i64) -> String {
    format!("{:06}", hotp(secret, step, DIGITS))
}

/// RFC 4648 base32 without padding: how authenticator apps take a secret.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// Compares without an early exit, so the time taken does not tell how much matched.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The step of the code `code` within one step of `now` and later than `after`, if any.
pub fn matching_step(secret: &[u8], code: &str, now: NaiveDateTime, after: i64) -> Option<i64> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let current = step_of(now);
    (current - 1..=current + 1)
        .filter(|&step| step > after)
        .find(|&step| same(code_at(secret, step).as_bytes(), code.as_bytes()))
}

/// A recovery code as it is compared: lower case, without the dash or spaces.
fn normalized(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn recovery_hash(code: &str) -> String {
    hex::encode(Sha256::digest(normalized(code).as_bytes()))
}

/// Ten fresh recovery codes `xxxx-xxxx` (40 bits each, no look-alike characters).
fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8; 32] = b"abcdefghjkmnpqrstuvwxyz023456789";
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 8];
            OsRng.fill_bytes(&mut bytes);
            let chars: String = bytes
                .iter()
                .map(|b| char::from(ALPHABET[usize::from(b & 31)]))
                .collect();
            format!("{}-{}", &chars[..4], &chars[4..])
        })
        .collect()
}

/// Whether the policy requires MFA of an account of `kind` at a unit of `unit`.
pub fn required(policy: &SecurityPolicy, kind: AccountKind, unit: UnitKind) -> bool {
    MfaGroup::of(kind, unit).is_some_and(|group| policy.mfa_groups.contains(&group))
}

/// The secret in force and the step of the last accepted code, when MFA is on.
fn confirmed(
    conn: &mut DbConnection,
    keys: &DataKeys,
    account_id: i64,
) -> Result<Option<(Vec<u8>, i64)>, ApiError> {
    let row: Option<(Option<String>, i64)> = account_mfa::table
        .find(account_id)
        .filter(account_mfa::confirmed_at.is_not_null())
        .select((account_mfa::secret, account_mfa::last_step))
        .first(conn)
        .optional()?;
    row.and_then(|(secret, last)| secret.map(|s| (s, last)))
        .map(|(secret, last)| {
            keys.open(&secret, &mfa_context(account_id))
                .map(|bytes| (bytes, last))
                .map_err(|e| ApiError::internal(e.context("stored MFA secret")))
        })
        .transpose()
}

/// Whether MFA is on for the account.
pub fn enabled(conn: &mut DbConnection, account_id: i64) -> Result<bool, ApiError> {
    Ok(diesel::select(diesel::dsl::exists(
        account_mfa::table
            .find(account_id)
            .filter(account_mfa::confirmed_at.is_not_null()),
    ))
    .get_result(conn)?)
}

/// What a sign-in's second factor came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Second {
    /// The account has no MFA: the password is enough.
    NotEnabled,
    /// MFA is on and no code came with the password.
    Missing,
    /// The code is wrong, outside the window, or spent.
    Wrong,
    /// An authenticator code, now spent.
    Totp,
    /// A recovery code, now spent.
    Recovery,
}

/// Checks (and spends) the second factor of a sign-in. Call inside the sign-in's write
/// transaction: the conditional updates make each code count once.
pub fn check_sign_in(
    conn: &mut DbConnection,
    keys: &DataKeys,
    account_id: i64,
    otp: Option<&str>,
    now: NaiveDateTime,
) -> Result<Second, ApiError> {
    let Some((secret, last_step)) = confirmed(conn, keys, account_id)? else {
        return Ok(Second::NotEnabled);
    };
    let Some(otp) = otp.map(str::trim).filter(|o| !o.is_empty()) else {
        return Ok(Second::Missing);
    };
    if let Some(step) = matching_step(&secret, otp, now, last_step) {
        let won = diesel::update(
            account_mfa::table
                .find(account_id)
                .filter(account_mfa::last_step.lt(step)),
        )
        .set((
            account_mfa::last_step.eq(step),
            account_mfa::updated_at.eq(now),
        ))
        .execute(conn)?;
        return Ok(if won == 1 {
            Second::Totp
        } else {
            Second::Wrong
        });
    }
    let spent = diesel::update(
        mfa_recovery_codes::table
            .filter(mfa_recovery_codes::account_id.eq(account_id))
            .filter(mfa_recovery_codes::code_hash.eq(recovery_hash(otp)))
            .filter(mfa_recovery_codes::used_at.is_null()),
    )
    .set(mfa_recovery_codes::used_at.eq(now))
    .execute(conn)?;
    Ok(if spent == 1 {
        Second::Recovery
    } else {
        Second::Wrong
    })
}

fn event(action: &'static str, account_id: i64, after: serde_json::Value) -> Event<'static> {
    Event {
        action,
        target_type: "account",
        target_id: Some(account_id.to_string()),
        success: true,
        before: None,
        after: Some(after),
    }
}

/// Starts (or restarts) enrollment: a new secret waits for its first code. Refused while MFA
/// is on (a second authenticator would need the first one's reset).
pub fn enroll(
    conn: &mut DbConnection,
    keys: &DataKeys,
    actor: &Actor,
    account_id: i64,
    username: &str,
    now: NaiveDateTime,
) -> Result<MfaEnrollment, ApiError> {
    let mut secret = [0u8; 20];
    OsRng.fill_bytes(&mut secret);
    conn.write_transaction(|conn| {
        if enabled(conn, account_id)? {
            return Err(ApiError::new(ErrorCode::MfaAlreadyEnabled));
        }
        // Sealed at rest (crate::crypto); the hex of the secret never reaches the database.
        let stored = keys
            .seal(&secret, &mfa_context(account_id))
            .map_err(ApiError::internal)?;
        let updated = diesel::update(account_mfa::table.find(account_id))
            .set((
                account_mfa::pending_secret.eq(&stored),
                account_mfa::updated_at.eq(now),
            ))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(account_mfa::table)
                .values((
                    account_mfa::account_id.eq(account_id),
                    account_mfa::pending_secret.eq(&stored),
                    account_mfa::last_step.eq(0_i64),
                    account_mfa::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
        audit::append(
            conn,
            actor,
            &event("auth.mfa_enroll", account_id, json!({ "mfa": "pending" })),
            now,
        )
    })?;
    let secret = base32(&secret);
    let label: String = url_escape(&format!("{ISSUER}:{username}"));
    let uri = format!(
        "otpauth://totp/{label}?secret={secret}&issuer={}&algorithm=SHA1&digits=6&period=30",
        url_escape(ISSUER)
    );
    let qr_svg = crate::certificates::signing::qr_svg(&uri)?;
    Ok(MfaEnrollment {
        secret,
        uri,
        qr_svg,
    })
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn url_escape(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Turns MFA on with the first code of the pending secret; answers the recovery codes, which
/// are shown this once. A wrong code changes nothing.
pub fn confirm(
    conn: &mut DbConnection,
    keys: &DataKeys,
    actor: &Actor,
    account_id: i64,
    code: &str,
    now: NaiveDateTime,
) -> Result<MfaRecoveryCodes, ApiError> {
    let codes = new_recovery_codes();
    conn.write_transaction(|conn| {
        let row: Option<(Option<String>, Option<NaiveDateTime>)> = account_mfa::table
            .find(account_id)
            .select((account_mfa::pending_secret, account_mfa::confirmed_at))
            .first(conn)
            .optional()?;
        let pending = match row {
            Some((_, Some(_))) => return Err(ApiError::new(ErrorCode::MfaAlreadyEnabled)),
            Some((Some(pending), None)) => pending,
            _ => {
                return Err(ApiError::with_text(
                    ErrorCode::MfaCodeInvalid,
                    "请先开始绑定身份验证器",
                    "Start the enrollment first",
                ))
            }
        };
        let secret = keys
            .open(&pending, &mfa_context(account_id))
            .map_err(|e| ApiError::internal(e.context("pending MFA secret")))?;
        let Some(step) = matching_step(&secret, code, now, 0) else {
            return Err(ApiError::new(ErrorCode::MfaCodeInvalid));
        };
        let updated = diesel::update(
            account_mfa::table
                .find(account_id)
                .filter(account_mfa::confirmed_at.is_null())
                .filter(account_mfa::pending_secret.eq(&pending)),
        )
        .set((
            account_mfa::secret.eq(Some(&pending)),
            account_mfa::pending_secret.eq(None::<String>),
            account_mfa::confirmed_at.eq(now),
            account_mfa::last_step.eq(step),
            account_mfa::updated_at.eq(now),
        ))
        .execute(conn)?;
        if updated != 1 {
            return Err(ApiError::new(ErrorCode::MfaAlreadyEnabled));
        }
        diesel::delete(
            mfa_recovery_codes::table.filter(mfa_recovery_codes::account_id.eq(account_id)),
        )
        .execute(conn)?;
        for code in &codes {
            diesel::insert_into(mfa_recovery_codes::table)
                .values((
                    mfa_recovery_codes::account_id.eq(account_id),
                    mfa_recovery_codes::code_hash.eq(recovery_hash(code)),
                    mfa_recovery_codes::created_at.eq(now),
                ))
                .execute(conn)?;
        }
        audit::append(
            conn,
            actor,
            &event(
                "auth.mfa_confirm",
                account_id,
                json!({ "mfa": "on", "recovery_codes": codes.len() }),
            ),
            now,
        )
    })?;
    Ok(MfaRecoveryCodes { codes })
}

/// Removes an account's MFA and recovery codes (a lost phone); the caller audits and ends the
/// account's sessions. Answers whether there was anything to remove.
pub fn remove(conn: &mut DbConnection, account_id: i64) -> Result<bool, ApiError> {
    diesel::delete(mfa_recovery_codes::table.filter(mfa_recovery_codes::account_id.eq(account_id)))
        .execute(conn)?;
    Ok(diesel::delete(account_mfa::table.find(account_id)).execute(conn)? > 0)
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;

    fn at(secs: i64) -> NaiveDateTime {
        DateTime::from_timestamp(secs, 0)
            .map(|d| d.naive_utc())
            .unwrap_or_default()
    }

    /// RFC 6238 appendix B, SHA-1 (8 digits; the key is "12345678901234567890").
    #[test]
    fn the_rfc_6238_test_vectors_hold() {
        let key = b"12345678901234567890";
        for (time, expected) in [
            (59_i64, 94_287_082_u32),
            (1_111_111_109, 7_081_804),
            (1_111_111_111, 14_050_471),
            (1_234_567_890, 89_005_924),
            (2_000_000_000, 69_279_037),
            (20_000_000_000, 65_353_130),
        ] {
            assert_eq!(hotp(key, time / STEP_SECS, 8), expected, "time {time}");
        }
        assert_eq!(code_at(key, 59 / STEP_SECS), "287082");
    }

    #[test]
    fn base32_matches_rfc_4648() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "MY");
        assert_eq!(base32(b"fo"), "MZXQ");
        assert_eq!(base32(b"foo"), "MZXW6");
        assert_eq!(base32(b"foob"), "MZXW6YQ");
        assert_eq!(base32(b"fooba"), "MZXW6YTB");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
    }

    #[test]
    fn a_code_counts_within_one_step_and_never_twice() {
        let key = b"12345678901234567890";
        let now = at(1_111_111_111);
        let step = step_of(now);
        assert_eq!(matching_step(key, &code_at(key, step), now, 0), Some(step));
        assert_eq!(
            matching_step(key, &code_at(key, step - 1), now, 0),
            Some(step - 1)
        );
        assert_eq!(
            matching_step(key, &code_at(key, step + 1), now, 0),
            Some(step + 1)
        );
        assert_eq!(matching_step(key, &code_at(key, step - 2), now, 0), None);
        assert_eq!(matching_step(key, &code_at(key, step), now, step), None);
        assert_eq!(matching_step(key, "12345", now, 0), None);
        assert_eq!(matching_step(key, "abcdef", now, 0), None);
    }

    #[test]
    fn recovery_codes_are_ten_distinct_and_compare_loosely() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        let distinct: std::collections::BTreeSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), 10);
        assert!(codes
            .iter()
            .all(|c| c.len() == 9 && c.as_bytes()[4] == b'-'));
        assert_eq!(recovery_hash("ABCD-efgh"), recovery_hash(" abcdefgh "));
    }
}
