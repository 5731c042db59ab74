//! The OpenAPI document: 3.1, every route and schema, served and snapshotted.

use serde_json::Value;

use crate::{
    db_tests,
    helpers::{spawn_app, Backend},
};

const SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/openapi.json");

async fn the_document_is_served_and_complete(backend: Backend) {
    let app = spawn_app(backend).await;

    let res = app.get("/api/openapi.json").await;

    assert_eq!(res.status(), 200);
    let doc: Value = res.json().await.expect("JSON");
    assert!(doc["openapi"]
        .as_str()
        .is_some_and(|v| v.starts_with("3.1")));
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(doc["paths"]["/api/health"]["get"].is_object());
    assert!(doc["paths"]["/api/health"]["head"].is_object());
    assert!(doc["paths"]["/api/v1/client-errors"]["post"].is_object());
    for schema in [
        "ErrorBody",
        "ErrorCode",
        "HealthResponse",
        "ClientErrorReport",
        "DatabaseKind",
    ] {
        assert!(
            doc["components"]["schemas"][schema].is_object(),
            "schema {schema} missing"
        );
    }
    let codes = doc["components"]["schemas"]["ErrorCode"].to_string();
    let kinds = doc["components"]["schemas"]["AccountKind"]["enum"].to_string();
    assert!(
        kinds.contains("\"unit_admin\""),
        "wire names, not Rust names: {kinds}"
    );
    let modules = doc["components"]["schemas"]["Module"]["enum"].to_string();
    assert!(modules.contains("\"portal.system.users\""), "{modules}");
    for code in shared::ErrorCode::ALL {
        assert!(
            codes.contains(code.as_str()),
            "ErrorCode schema lacks {code}"
        );
    }
}

async fn swagger_ui_is_served_offline(backend: Backend) {
    let app = spawn_app(backend).await;

    let redirect = app.get("/api/docs").await;
    assert_eq!(redirect.status(), 308);
    assert_eq!(redirect.headers()["location"], "/api/docs/");

    let page = app.get("/api/docs/").await;
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(csp.contains("frame-ancestors 'none'"));
    let html = page.text().await.expect("html");
    assert!(html.contains("swagger-ui"), "{html}");
    let js = app.get("/api/docs/swagger-ui-bundle.js").await;
    assert_eq!(js.status(), 200, "the bundle is vendored into the binary");
}

/// The whole document is pinned: an API change shows up in review as a snapshot diff.
/// Regenerate with `UPDATE_SNAPSHOTS=1 cargo test -p backend --test api openapi`.
#[test]
fn the_document_matches_the_snapshot() {
    let actual = backend::openapi::document()
        .to_pretty_json()
        .expect("serialise");
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(SNAPSHOT, format!("{actual}\n")).expect("write snapshot");
        return;
    }
    let expected =
        std::fs::read_to_string(SNAPSHOT).expect("snapshot exists; run with UPDATE_SNAPSHOTS=1");
    let first_difference = actual
        .lines()
        .zip(expected.lines())
        .enumerate()
        .find(|(_, (a, e))| a != e)
        .map(|(n, (a, e))| format!("line {}: now {a:?}, snapshot {e:?}", n + 1));
    assert!(
        first_difference.is_none() && actual.lines().count() == expected.lines().count(),
        "the OpenAPI document changed ({}); review and run with UPDATE_SNAPSHOTS=1",
        first_difference.unwrap_or_else(|| "length differs".to_owned())
    );
}

/// Every operation declares what the extractors and the middleware can answer before its
/// handler, and the list parameters carry the bounds the server enforces.
#[test]
fn every_operation_declares_the_refusals_it_can_meet() {
    let doc: Value =
        serde_json::from_str(&backend::openapi::document().to_json().expect("serialise"))
            .expect("json");
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("item") {
            operations += 1;
            let declared = |status: &str| op["responses"].get(status).is_some();
            let has = |key: &str| op.get(key).is_some_and(|v| !v.is_null());
            assert!(declared("503"), "{method} {path}: 503");
            if op["requestBody"]["content"]
                .get("application/json")
                .is_some()
            {
                for status in ["400", "413", "415", "422"] {
                    assert!(declared(status), "{method} {path}: {status}");
                }
            }
            let secured = op["security"].as_array().is_some_and(|s| {
                s.iter()
                    .any(|r| r.as_object().is_some_and(|r| !r.is_empty()))
            });
            if secured {
                assert!(
                    declared("401") && declared("403"),
                    "{method} {path}: 401/403"
                );
            }
            if has("parameters") {
                assert!(declared("400"), "{method} {path}: 400");
            }
            for param in op["parameters"].as_array().into_iter().flatten() {
                let (name, schema) = (param["name"].as_str().unwrap_or_default(), &param["schema"]);
                let expected = match name {
                    "page" => Some((1, Some(u64::from(shared::pagination::PageQuery::MAX_PAGE)))),
                    "per_page" => Some((1, Some(100))),
                    _ => None,
                };
                if let Some((min, max)) = expected {
                    assert_eq!(
                        schema["minimum"].as_u64(),
                        Some(min),
                        "{method} {path} {name}"
                    );
                    assert_eq!(schema["maximum"].as_u64(), max, "{method} {path} {name}");
                }
            }
        }
    }
    assert!(operations > 100, "{operations} operations");
}

db_tests!(
    the_document_is_served_and_complete,
    swagger_ui_is_served_offline
);

/// Operation ids are unique, and every link names an existing operation whose only path
/// parameter is the `id` the link fills, from a pointer into the answer that holds an `id`.
#[test]
fn links_name_real_operations_and_fill_their_id() {
    let doc: Value =
        serde_json::from_str(&backend::openapi::document().to_json().expect("serialise"))
            .expect("json");
    let mut by_id = std::collections::HashMap::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("item") {
            let id = op["operationId"].as_str().expect("an operation id");
            let before = by_id.insert(id.to_owned(), (method.clone(), path.clone(), op.clone()));
            assert!(before.is_none(), "operation id {id} twice");
        }
    }
    let mut links = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("item") {
            for (status, response) in op["responses"].as_object().expect("responses") {
                for (name, link) in response["links"].as_object().into_iter().flatten() {
                    links += 1;
                    let at = format!("{method} {path} {status} → {name}");
                    assert!(status.starts_with('2'), "{at}: a link from a refusal");
                    let target = link["operationId"].as_str().expect("operationId");
                    let (_, target_path, target_op) = by_id.get(target).expect(&at);
                    assert!(target_path.contains("/{id}"), "{at}: {target_path}");
                    let path_params: Vec<&str> = target_op["parameters"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter(|p| p["in"] == "path")
                        .filter_map(|p| p["name"].as_str())
                        .collect();
                    assert_eq!(path_params, ["id"], "{at}");
                    let pointer = link["parameters"]["path.id"].as_str().expect(&at);
                    assert!(
                        pointer.starts_with("$response.body#/") && pointer.ends_with("/id"),
                        "{at}: {pointer}"
                    );
                }
            }
        }
    }
    assert!(links >= 300, "{links} links");
}
