//! One module per screen; each page's root element carries `data-testid="page-…"`.

pub mod about;
pub mod forced_password;
pub mod home;
pub mod login;
pub mod module;
pub mod not_found;
pub mod password;
