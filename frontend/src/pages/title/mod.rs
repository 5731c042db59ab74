//! `title` 职称评审子系统.

pub mod accounts;
pub mod certificates;
pub mod committees;
pub mod experts;
pub mod online;
pub mod review;
