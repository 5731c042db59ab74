//! Authentication and authorization: password hashing and policy, tokens, the signed-in user
//! extractor, module computation, and the login/refresh/logout/password flows.

pub mod extractor;
pub mod flows;
pub mod limiter;
pub mod mfa;
pub mod modules;
pub mod password;
pub mod tokens;

use crate::clock::SharedClock;

pub use extractor::{AuthUser, PendingUser};

/// What the auth extractors and flows need, shared by every worker.
#[derive(Debug, Clone)]
pub struct AuthState {
    /// Signing keys for access tokens.
    pub keys: tokens::TokenKeys,
    /// The app's clock.
    pub clock: SharedClock,
    /// The keys that seal personal secrets at rest (crate::crypto).
    pub data_keys: crate::crypto::DataKeys,
}
