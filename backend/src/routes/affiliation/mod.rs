//! `/api/v1/affiliation-requests`: 主管部门更改 (request and audit).

pub mod candidates;
pub mod create;
pub mod decide;
pub mod export;
pub mod list;
