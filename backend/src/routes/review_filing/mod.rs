//! `/api/v1/review-filings`: review filing (评审工作备案, manual §6.2.11) — submit, audit, query.

pub mod create;
pub mod decide;
pub mod export;
pub mod files;
pub mod get;
pub mod list;
pub mod submit;
pub mod update;
