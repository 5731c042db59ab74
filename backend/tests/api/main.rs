//! The API integration tests: one binary, every test against a real server with its own fresh
//! database — each test runs twice, once on SQLite (`…::sqlite::…`) and once on PostgreSQL
//! (`…::postgres::…`, a database created and dropped for the test).

#![expect(
    clippy::expect_used,
    reason = "a test helper that cannot set up must fail the test loudly"
)]

mod helpers;

mod affiliation;
mod attachments;
mod audit;
mod audit_checkpoint;
mod auth;
mod backup;
mod batch;
mod bulk;
mod bulk_perf;
mod calendar_export;
mod categories;
mod certificates;
mod committees;
mod crash;
mod dashboards;
mod database;
mod deadlines;
mod delegation;
mod demo_session;
mod drafts;
mod engine;
mod errors;
mod experts;
mod exports;
mod filing;
mod generated_matrix;
mod generator;
mod health;
mod import_perf;
mod log_redaction;
mod matrix;
mod mfa;
mod notices;
mod online_review;
mod openapi;
mod org;
mod perf;
mod pii;
mod publicity;
mod recommendation_files;
mod review_rules;
mod roles;
mod scale;
mod session_perf;
mod sessions;
mod spa;
mod totals;
mod unit_forms;
mod vote_perf;
mod votes;
mod workflow;
