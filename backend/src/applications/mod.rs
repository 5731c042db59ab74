//! Title applications (SPEC §3–§4): access rules, the workflow engine (permission → write → view) and the queries behind
//! `/api/v1/applications`.

pub mod access;
pub mod events;
pub mod generate;
pub mod permission;
pub mod query;
pub mod review;
pub mod route;
pub mod rows;
pub mod validate;
pub mod view;
pub mod write;
