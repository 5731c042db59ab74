//! Application state shared through Yew contexts.

pub mod inbox;
pub mod session;
