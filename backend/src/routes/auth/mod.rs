//! `/api/v1/auth/*`.

pub mod login;
pub mod logout;
pub mod me;
pub mod mfa;
pub mod password;
pub mod refresh;

pub use crate::http::client::client_ip;
