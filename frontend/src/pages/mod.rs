//! The screens, in feature folders that mirror the menu tree of SPEC §8 (`portal`, `title/…`,
//! `config`; the public site is `crate::public_site`, without Yew); each page's root element carries `data-testid="page-…"`. Pages every
//! entry may show (not found, no access, server status) stay here.

pub mod about;
pub mod config;
pub mod dashboards;
pub mod module;
pub mod not_found;
pub mod portal;
pub mod title;
