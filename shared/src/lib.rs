//! Types shared by the backend and the SPA.
//!
//! This crate compiles for `wasm32-unknown-unknown` and must never depend on actix; schema
//! derives for the OpenAPI document sit behind the `openapi` feature and the diesel `Text`
//! conversion of every stored enum (`db_text!` in `macros.rs`) behind the `db` feature, both of
//! which only the backend enables.

#[macro_use]
mod macros;

pub mod application;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod certificates;
pub mod committees;
pub mod dashboards;
pub mod error;
pub mod expert_pool;
pub mod experts;
pub mod health;
pub mod identity;
pub mod ids;
pub mod locale;
pub mod modules;
pub mod notices;
pub mod online_review;
#[cfg(feature = "openapi")]
#[doc(hidden)]
pub mod openapi_support;
pub mod org;
pub mod pagination;
pub mod publicity;
pub mod review;
pub mod review_filing;
pub mod rules;
pub mod sessions;
pub mod spa;
pub mod telemetry;
pub mod votes;
pub mod workflow;

pub use error::{ErrorBody, ErrorCode};
pub use health::{DatabaseKind, HealthResponse, HealthStatus};
pub use identity::{AccountKind, UnitKind, UnitLevel};
pub use locale::Locale;
pub use modules::{MenuGroup, Module, Subsystem};
pub use pagination::{Page, PageQuery, TotalKind, EXACT_TOTAL_BOUND};
pub use workflow::{Action, Stage};
