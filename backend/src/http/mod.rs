//! HTTP plumbing shared by every route: error envelopes, extractor configuration, headers.

pub mod client;
pub mod errors;
pub mod export;
pub mod extractors;
pub mod headers;
pub mod json;
pub mod opinion;
pub mod pagination;
pub mod routes_table;
pub mod sheet;
pub mod text;

pub use json::Json;
