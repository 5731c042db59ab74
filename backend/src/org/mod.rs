//! The organisation: units (a tree with materialised paths), unit roles and accounts.

pub mod accounts;
pub mod unit_roles;
pub mod units;
