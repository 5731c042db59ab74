//! `portal` 统一门户子系统: signing in, the home page with the to-do counts, the own password,
//! the inbox (站内通知), and (in [`system`]) the administration screens.

pub mod forced_password;
pub mod home;
pub mod inbox;
pub mod login;
pub mod mfa;
pub mod password;
pub mod system;
