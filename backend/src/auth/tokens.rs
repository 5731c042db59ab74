//! Access tokens (JWT, HS256 pinned, short-lived) and refresh tokens (random, stored hashed).

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::NaiveDateTime;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Access tokens live 15 minutes.
pub const ACCESS_TTL_SECS: i64 = 15 * 60;
const ISSUER: &str = "title-platform";
const AUDIENCE: &str = "title-platform-api";

/// What an access token says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Account id.
    pub sub: String,
    /// The account's token version when issued; a bump revokes the token.
    pub ver: i64,
    /// The session (refresh family) the token belongs to: once the session ends (sign-out, a
    /// reused refresh token, a disable or reset), the token is refused on its next request.
    pub sid: String,
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// Issued at (Unix seconds).
    pub iat: i64,
    /// Expires at (Unix seconds).
    pub exp: i64,
}

/// The signing keys.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKeys(..)")
    }
}

impl TokenKeys {
    /// Keys from a secret of at least 32 bytes.
    pub fn new(secret: &[u8]) -> Self {
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }

    /// Signs an access token for `account_id` in session `sid`, valid from `now` for
    /// [`ACCESS_TTL_SECS`].
    pub fn issue(
        &self,
        account_id: i64,
        token_version: i64,
        sid: &str,
        now: NaiveDateTime,
    ) -> anyhow::Result<String> {
        let iat = now.and_utc().timestamp();
        let claims = Claims {
            sub: account_id.to_string(),
            ver: token_version,
            sid: sid.to_owned(),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            iat,
            exp: iat + ACCESS_TTL_SECS,
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// Verifies signature, algorithm (HS256 only), issuer and audience, and expiry against
    /// `now` from the app's clock. `None` for anything invalid.
    pub fn verify(&self, token: &str, now: NaiveDateTime) -> Option<Claims> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        // Expiry is checked below against the injectable clock.
        validation.validate_exp = false;
        // `sid` is required too: it is a non-optional field of `Claims`.
        validation.required_spec_claims = ["exp", "iss", "aud", "sub"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation).ok()?;
        (data.claims.exp > now.and_utc().timestamp()).then_some(data.claims)
    }
}

/// A new random secret (hex of 32 bytes): refresh tokens, token families, JWT secrets.
pub fn random_hex() -> String {
    let mut bytes = [0_u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What is stored for a refresh token: its SHA-256, never the token.
pub fn refresh_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn now() -> NaiveDateTime {
        chrono::Utc::now().naive_utc()
    }

    #[test]
    fn tokens_verify_until_they_expire() -> anyhow::Result<()> {
        let keys = TokenKeys::new(&[7; 32]);
        let t = keys.issue(42, 3, "s1", now())?;
        let claims = keys
            .verify(&t, now())
            .ok_or_else(|| anyhow::anyhow!("valid"))?;
        assert_eq!(
            (claims.sub.as_str(), claims.ver, claims.sid.as_str()),
            ("42", 3, "s1")
        );
        assert!(keys
            .verify(&t, now() + Duration::seconds(ACCESS_TTL_SECS + 1))
            .is_none());
        Ok(())
    }

    #[test]
    fn other_keys_and_other_algorithms_are_refused() -> anyhow::Result<()> {
        let keys = TokenKeys::new(&[7; 32]);
        let other = TokenKeys::new(&[8; 32]);
        assert!(keys
            .verify(&other.issue(1, 1, "s", now())?, now())
            .is_none());
        let claims = Claims {
            sub: "1".into(),
            ver: 1,
            sid: "s".into(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now().and_utc().timestamp(),
            exp: now().and_utc().timestamp() + 60,
        };
        let hs512 = jsonwebtoken::encode(
            &Header::new(Algorithm::HS512),
            &claims,
            &EncodingKey::from_secret(&[7; 32]),
        )?;
        assert!(
            keys.verify(&hs512, now()).is_none(),
            "the algorithm is pinned"
        );
        let wrong_aud = Claims {
            aud: "someone-else".into(),
            ..claims
        };
        let t = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &wrong_aud,
            &EncodingKey::from_secret(&[7; 32]),
        )?;
        assert!(keys.verify(&t, now()).is_none(), "the audience is checked");
        #[derive(Serialize)]
        struct NoSession<'a> {
            sub: &'a str,
            ver: i64,
            iss: &'a str,
            aud: &'a str,
            iat: i64,
            exp: i64,
        }
        let t = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &NoSession {
                sub: "1",
                ver: 1,
                iss: ISSUER,
                aud: AUDIENCE,
                iat: now().and_utc().timestamp(),
                exp: now().and_utc().timestamp() + 60,
            },
            &EncodingKey::from_secret(&[7; 32]),
        )?;
        assert!(
            keys.verify(&t, now()).is_none(),
            "a token without a session is refused"
        );
        assert!(keys.verify("garbage", now()).is_none());
        Ok(())
    }
}
