//! `/api/v1/review-authority-filings` (评审权备案 application and audit), `/api/v1/committees`
//! (committees and the ones an HRSS may assign) and `/api/v1/policy-reviewers` (政策性审查账号).

pub mod apply;
pub mod assignable;
pub mod create_reviewers;
pub mod decide;
pub mod export;
pub mod export_filings;
pub mod export_reviewers;
pub mod list;
pub mod list_filings;
pub mod list_reviewers;
pub mod set_reviewer_enabled;
pub mod update_reviewer;
