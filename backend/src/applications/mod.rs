//! Title applications (SPEC §3–§4): access rules, the workflow engine and the queries behind
//! `/api/v1/applications`.

pub mod access;
pub mod engine;
