use serde_json::Value;
use shared::{DatabaseKind, HealthResponse, HealthStatus};

use crate::{
    db_tests,
    helpers::{migration_count, spawn_app, Backend},
};

async fn health_reports_the_engine_and_applied_migrations(backend: Backend) {
    let app = spawn_app(backend).await;

    let res = app.get("/api/health").await;

    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let body: HealthResponse = res.json().await.expect("health JSON");
    let expected = match backend {
        Backend::Sqlite => DatabaseKind::Sqlite,
        Backend::Postgres => DatabaseKind::Postgres,
    };
    assert_eq!(body.status, HealthStatus::Ok);
    assert_eq!(body.database, expected);
    assert_eq!(body.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(body.migrations as usize, migration_count(backend));
    assert!(body.migrations >= 1);
}

async fn health_wire_format_is_the_documented_one(backend: Backend) {
    let app = spawn_app(backend).await;

    let body: Value = app.get("/api/health").await.json().await.expect("JSON");

    let db = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], db);
    assert!(body["version"].is_string());
    assert!(body["migrations"].is_u64());
    assert_eq!(body.as_object().map(|o| o.len()), Some(4));
}

async fn health_answers_head_for_load_balancers(backend: Backend) {
    let app = spawn_app(backend).await;

    let res = app
        .client
        .head(app.url("/api/health"))
        .send()
        .await
        .expect("HEAD");

    assert_eq!(res.status(), 200);
}

async fn every_answer_carries_security_headers_and_a_request_id(backend: Backend) {
    let app = spawn_app(backend).await;

    for path in ["/api/health", "/api/nope", "/"] {
        let res = app.get(path).await;
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap_or_default();
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        let id = h["x-request-id"].to_str().unwrap_or_default();
        assert_eq!(id.len(), 36, "{path}: request id {id:?}");
    }
}

db_tests!(
    health_reports_the_engine_and_applied_migrations,
    health_wire_format_is_the_documented_one,
    health_answers_head_for_load_balancers,
    every_answer_carries_security_headers_and_a_request_id,
);
