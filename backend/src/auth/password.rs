//! Password hashing (argon2id) and the password policy (等保 defaults, configurable).

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};
use serde::{Deserialize, Serialize};
use shared::ErrorCode;

use crate::error::ApiError;

/// The initial password of new and reset accounts (manual §2.2); always with a forced change.
pub const INITIAL_PASSWORD: &str = "123@abc";

/// argon2id, m = 19 MiB, t = 2, p = 1 (OWASP's minimum for argon2id).
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password (PHC string). CPU-heavy: call from a blocking thread.
pub fn hash(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::internal(anyhow::anyhow!("hashing a password: {e}")))
}

/// Checks a password against a stored hash. CPU-heavy: call from a blocking thread.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash of a password nobody has, so that an unknown username costs the same time as a
/// known one (no user enumeration by timing).
pub fn dummy_verify(password: &str) {
    let _ = verify(password, dummy_hash());
}

/// The hash `dummy_verify` checks against: made once, with the same parameters as every
/// stored one.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("never-a-real-password-§").unwrap_or_default())
}

/// The rules a new password must satisfy, stored as the `security_policy` setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SecurityPolicy {
    /// Minimum length in characters.
    pub min_length: usize,
    /// How many of the four classes (lower, upper, digit, symbol) are required.
    pub min_classes: usize,
    /// Minimum zxcvbn score (0–4) — below it the password is "weak".
    pub min_strength: u8,
    /// Consecutive failures that lock an account.
    pub lockout_threshold: i32,
    /// How long a lock lasts, in minutes.
    pub lockout_minutes: i64,
    /// Sessions without activity end after this many minutes.
    pub idle_timeout_minutes: i64,
    /// Login attempts per client address per window.
    pub ip_login_limit: u32,
    /// The window of `ip_login_limit`, in seconds.
    pub ip_login_window_secs: u64,
    /// Who must use two-factor authentication (TOTP): until they enroll, every endpoint but
    /// enrollment, password change and logout answers 403 `mfa_enrollment_required`.
    pub mfa_groups: Vec<shared::auth::MfaGroup>,
}

impl Default for SecurityPolicy {
    fn default() -> Self {
        SecurityPolicy {
            min_length: 8,
            min_classes: 3,
            min_strength: 2,
            lockout_threshold: 5,
            lockout_minutes: 30,
            idle_timeout_minutes: 30,
            ip_login_limit: 50,
            ip_login_window_secs: 300,
            mfa_groups: shared::auth::MfaGroup::DEFAULT.to_vec(),
        }
    }
}

impl SecurityPolicy {
    /// Settings key.
    pub const KEY: &'static str = "security_policy";

    /// Checks `password` for `username`; the error says which rule failed, in both languages.
    pub fn check(&self, username: &str, password: &str) -> Result<(), ApiError> {
        let weak = |zh: String, en: String| ApiError::with_text(ErrorCode::WeakPassword, zh, en);
        if password.chars().count() < self.min_length {
            return Err(weak(
                format!("密码长度不能少于 {} 位", self.min_length),
                format!(
                    "The password must have at least {} characters",
                    self.min_length
                ),
            ));
        }
        let classes = [
            password.chars().any(|c| c.is_ascii_lowercase()),
            password.chars().any(|c| c.is_ascii_uppercase()),
            password.chars().any(|c| c.is_ascii_digit()),
            password.chars().any(|c| !c.is_ascii_alphanumeric()),
        ]
        .iter()
        .filter(|&&present| present)
        .count();
        if classes < self.min_classes {
            return Err(weak(
                format!(
                    "密码须包含小写字母、大写字母、数字、符号中的至少 {} 类",
                    self.min_classes
                ),
                format!(
                    "The password needs at least {} of: lower-case, upper-case, digits, symbols",
                    self.min_classes
                ),
            ));
        }
        let lower = password.to_lowercase();
        let user = username.to_lowercase();
        if lower == user || (user.chars().count() >= 4 && lower.contains(&user)) {
            return Err(weak(
                "密码不能与用户名相同或包含用户名".to_owned(),
                "The password must not be or contain the username".to_owned(),
            ));
        }
        if password == INITIAL_PASSWORD {
            return Err(weak(
                "新密码不能是初始密码".to_owned(),
                "The new password must not be the initial password".to_owned(),
            ));
        }
        let score = zxcvbn::zxcvbn(password, &[username]).score() as u8;
        if score < self.min_strength {
            return Err(weak(
                "密码过于简单（如常见单词、键盘序列、日期），请换一个更难猜的密码".to_owned(),
                "The password is too easy to guess (common words, keyboard runs, dates)".to_owned(),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_does() {
        let real = hash("Correct#Horse9").unwrap_or_default();
        let real = PasswordHash::new(&real).expect("a PHC string");
        let dummy = PasswordHash::new(dummy_hash()).expect("a PHC string");
        assert_eq!(dummy.algorithm, real.algorithm);
        assert_eq!(dummy.version, real.version);
        assert_eq!(dummy.params, real.params);
        assert!(!verify("Correct#Horse9", dummy_hash()));
    }

    #[test]
    fn hashes_verify_and_differ_by_salt() {
        let a = hash("Correct#Horse9").unwrap_or_default();
        let b = hash("Correct#Horse9").unwrap_or_default();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b);
        assert!(verify("Correct#Horse9", &a));
        assert!(!verify("correct#horse9", &a));
        assert!(!verify("x", "not a hash"));
    }

    #[test]
    fn the_policy_names_the_failed_rule() {
        let p = SecurityPolicy::default();
        let cases = [
            ("Ab1!", "长度"),
            ("abcdefgh12", "至少 3 类"),
            ("zhangsan#A1", "用户名"),
            ("Password1!", "过于简单"),
            ("Qwerty123!", "过于简单"),
        ];
        for (pw, fragment) in cases {
            let err = p.check("zhangsan", pw).err();
            let msg = err
                .as_ref()
                .map(|e| e.message(shared::Locale::ZhCn).to_owned())
                .unwrap_or_default();
            assert!(msg.contains(fragment), "{pw}: {msg}");
            assert_eq!(err.map(|e| e.code()), Some(ErrorCode::WeakPassword));
        }
        assert!(p.check("zhangsan", "Lu7#quiet-Harbor").is_ok());
    }

    #[test]
    fn the_initial_password_is_never_accepted_as_new() {
        let lax = SecurityPolicy {
            min_length: 1,
            min_classes: 1,
            min_strength: 0,
            ..SecurityPolicy::default()
        };
        assert!(lax.check("someone", INITIAL_PASSWORD).is_err());
    }
}
