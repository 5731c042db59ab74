//! `portal` 统一门户子系统: signing in, the home page with the to-do counts, the own password,
//! and (in [`system`]) the administration screens.

pub mod forced_password;
pub mod home;
pub mod login;
pub mod password;
pub mod system;
