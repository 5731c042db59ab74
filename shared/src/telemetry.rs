//! `POST /api/v1/client-errors`: the SPA reports its own failures (a panic, an unexpected API
//! answer) so that operators see them in the server log next to the request ids.

use serde::{Deserialize, Serialize};

/// What kind of failure the SPA saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClientErrorKind {
    /// A Rust panic inside the SPA.
    Panic,
    /// An API answer the SPA could not understand.
    Api,
    /// Anything else worth an operator's eye.
    Other,
}

/// One report. Limits are checked by the server: `message` ≤ 2,000 characters, `location` ≤ 500.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClientErrorReport {
    /// The failure's kind.
    pub kind: ClientErrorKind,
    /// What happened, as the SPA saw it. Must not be empty.
    #[cfg_attr(feature = "openapi", schema(max_length = 2000, format = "text"))]
    pub message: String,
    /// The SPA route (path) where it happened.
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub location: String,
}

impl ClientErrorReport {
    /// Longest accepted `message`, in characters.
    pub const MAX_MESSAGE_CHARS: usize = 2000;
    /// Longest accepted `location`, in characters.
    pub const MAX_LOCATION_CHARS: usize = 500;
}
