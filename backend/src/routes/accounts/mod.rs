//! `/api/v1/accounts`: user management (用户管理), extended user query (扩展用户管理) and
//! personal accounts (个人账号管理).

pub mod bulk;
pub mod create;
pub mod export;
pub mod list;
pub mod reset_mfa;
pub mod reset_password;
pub mod update;
