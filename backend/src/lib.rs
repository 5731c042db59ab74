//! The 职称评审子系统 server: JSON API under `/api`, the SPA for everything else, and the
//! administration CLI (see `main.rs`).

pub mod applications;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod http;
pub mod openapi;
pub mod org;
pub mod routes;
pub mod spa;
pub mod startup;
pub mod storage;
pub mod telemetry;
