//! The organisation: units (a tree with materialised paths), unit roles and accounts.

pub mod account_admin;
pub mod accounts;
pub mod affiliation;
pub mod bulk;
pub mod generate;
pub mod jurisdiction;
pub mod queries;
pub mod unit_roles;
pub mod units;
