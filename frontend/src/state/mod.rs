//! Application state shared through Yew contexts.

pub mod session;
