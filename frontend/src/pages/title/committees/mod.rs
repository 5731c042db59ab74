//! `title.committees` 评委会管理: 评审权备案申请 and 评审权备案审核.

pub mod filings;
