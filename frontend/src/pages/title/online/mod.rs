//! 线上评审 (issue 10, manual §6.2.10): the review sessions (评委会管理).

pub mod session;
pub mod sessions;
