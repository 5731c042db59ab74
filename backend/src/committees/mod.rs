//! Committees and review authority filings (placeholder until the committees branch lands).

pub mod authority;
