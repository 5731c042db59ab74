//! One module per screen; each page's root element carries `data-testid="page-…"`.

pub mod about;
pub mod home;
pub mod not_found;
