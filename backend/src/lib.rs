//! The 职称评审子系统 server: JSON API under `/api`, the SPA for everything else, and the
//! administration CLI (see `main.rs`).

pub mod applications;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod certificates;
pub mod clock;
pub mod committees;
pub mod config;
pub mod crypto;
pub mod dashboards;
pub mod db;
pub mod demo;
pub mod demo_certificates;
pub mod demo_experts;
pub mod demo_session;
pub mod demo_votes;
pub mod demo_workflow;
pub mod error;
pub mod experts;
#[cfg(any(test, feature = "fuzz"))]
pub mod fuzz;
pub mod http;
pub mod jobs;
pub mod keyfile;
pub mod login_names;
pub mod notices;
pub mod online;
pub mod openapi;
pub mod ops;
pub mod org;
pub mod pii;
pub mod publicity;
pub mod review_filing;
pub mod routes;
pub mod sessions;
pub mod spa;
pub mod startup;
pub mod storage;
pub mod telemetry;
pub mod versioned;
pub mod votes;
