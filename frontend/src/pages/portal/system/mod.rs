//! `portal.system` 系统管理 (organisation tree, users, business and unit roles, extended users)
//! and the system administrators' and auditors' screens outside SPEC §8's tree: 审计日志,
//! 安全策略, 工作日历, 评审会规则 and 证书编号规则. 个人账号管理 shares the account screen of [`accounts`].

pub mod account_dialogs;
pub mod account_rules;
pub mod accounts;
pub mod audit;
pub mod audit_checkpoints;
pub mod bulk_import;
pub mod business_roles;
pub mod calendar;
pub mod certificate_numbering;
pub mod org_tree;
pub mod review_rules;
pub mod security_policy;
pub mod unit_role_units;
pub mod unit_roles;
// h/review
pub mod workflow_policy;
