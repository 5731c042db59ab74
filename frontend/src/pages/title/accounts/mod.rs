//! `title.accounts` 账号管理: the policy-review accounts tab (the applicant accounts use the
//! shared account screen, `portal::system::accounts`).

pub mod policy_reviewers;
