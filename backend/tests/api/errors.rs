//! Every bad request to `/api/*` gets the JSON envelope with the right status, in the
//! caller's language, and changes nothing.

use reqwest::{header, Response};
use serde_json::{json, Value};

use crate::{
    db_tests,
    helpers::{spawn_app, Backend, TestApp},
};

const REPORT: &str = "/api/v1/client-errors";

/// Asserts the envelope `{code, message}` (no `field`) and returns its message.
async fn assert_envelope(res: Response, status: u16, code: &str) -> String {
    assert_envelope_at(res, status, code, None).await
}

/// Asserts the envelope; `field` is the request field it must name (`None`: no `field` key).
async fn assert_envelope_at(res: Response, status: u16, code: &str, field: Option<&str>) -> String {
    assert_eq!(res.status(), status, "status for {code}");
    let ctype = res.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        ctype.starts_with("application/json"),
        "{code}: content-type {ctype}"
    );
    let text = res.text().await.expect("body");
    let body: Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"));
    let obj = body.as_object().expect("object");
    match field {
        None => assert_eq!(obj.len(), 2, "exactly code and message: {text}"),
        Some(field) => {
            assert_eq!(obj.len(), 3, "code, message and field: {text}");
            assert_eq!(body["field"], field, "{text}");
        }
    }
    assert_eq!(body["code"], code, "{text}");
    let message = body["message"].as_str().expect("message").to_owned();
    assert!(!message.is_empty());
    for leak in ["panicked", "backtrace", "src/", "actix", "diesel"] {
        assert!(!text.contains(leak), "{code} leaks {leak}: {text}");
    }
    message
}

async fn post_raw(app: &TestApp, ctype: Option<&str>, body: Vec<u8>) -> Response {
    let mut req = app.client.post(app.url(REPORT)).body(body);
    if let Some(ctype) = ctype {
        req = req.header(header::CONTENT_TYPE, ctype);
    }
    req.send().await.expect("request")
}

async fn unknown_api_routes_are_404_json_not_the_spa(backend: Backend) {
    let app = spawn_app(backend).await;

    for path in [
        "/api/nope",
        "/api/v1/nope/123",
        "/api/",
        "/api/health/extra",
    ] {
        let msg = assert_envelope(app.get(path).await, 404, "not_found").await;
        assert_eq!(msg, "请求的资源不存在", "{path}");
    }
}

async fn messages_follow_accept_language(backend: Backend) {
    let app = spawn_app(backend).await;
    let get = |lang: &'static str| {
        app.client
            .get(app.url("/api/nope"))
            .header(header::ACCEPT_LANGUAGE, lang)
            .send()
    };

    let en = assert_envelope(get("en-US,en;q=0.9").await.expect("req"), 404, "not_found").await;
    let zh = assert_envelope(get("zh-CN").await.expect("req"), 404, "not_found").await;
    let other = assert_envelope(get("fr").await.expect("req"), 404, "not_found").await;

    assert_eq!(en, "The requested resource does not exist");
    assert_eq!(zh, "请求的资源不存在");
    assert_eq!(other, zh, "unsupported languages fall back to Chinese");
}

async fn wrong_method_is_405_with_allow(backend: Backend) {
    let app = spawn_app(backend).await;

    let res = app
        .client
        .delete(app.url("/api/health"))
        .send()
        .await
        .expect("req");
    assert_eq!(res.headers()[header::ALLOW], "GET, HEAD");
    assert_envelope(res, 405, "method_not_allowed").await;

    let res = app.get(REPORT).await;
    assert_eq!(res.headers()[header::ALLOW], "POST");
    assert_envelope(res, 405, "method_not_allowed").await;
}

/// Every documented path, with an undocumented method, answers 405 and an `Allow` listing
/// exactly the methods its document declares (the most specific template's, as routed).
async fn every_documented_path_answers_405_with_its_own_methods(backend: Backend) {
    let app = spawn_app(backend).await;
    let doc: Value = app
        .get("/api/openapi.json")
        .await
        .json()
        .await
        .expect("document");
    let paths = doc["paths"].as_object().expect("paths");
    let mut checked = 0;
    for (template, item) in paths {
        let documented: Vec<String> = ["get", "post", "put", "patch", "delete"]
            .into_iter()
            .filter(|m| item.get(*m).is_some())
            .map(str::to_uppercase)
            .collect();
        let path: String = template
            .split('/')
            .map(|seg| if seg.starts_with('{') { "1" } else { seg })
            .collect::<Vec<_>>()
            .join("/");
        for method in ["PATCH", "DELETE", "PUT", "POST"] {
            if documented.iter().any(|m| m == method) {
                continue;
            }
            let res = app
                .client
                .request(method.parse().expect("method"), app.url(&path))
                .send()
                .await
                .expect("req");
            assert_eq!(res.status(), 405, "{method} {path}");
            let allow: Vec<String> = res.headers()[header::ALLOW]
                .to_str()
                .expect("ascii")
                .split(", ")
                .filter(|m| *m != "HEAD")
                .map(str::to_owned)
                .collect();
            let mut expected = documented.clone();
            expected.sort();
            assert_eq!(allow, expected, "Allow of {method} {path}");
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} requests checked");

    // A documented method on a parameter that is not an id names nothing: 404, not 405.
    for (method, path) in [
        ("GET", "/api/v1/applications/abc"),
        ("PATCH", "/api/v1/units/1x"),
        ("DELETE", "/api/v1/calendar/x"),
    ] {
        let res = app
            .client
            .request(method.parse().expect("method"), app.url(path))
            .send()
            .await
            .expect("req");
        assert_envelope(res, 404, "not_found").await;
    }
}

async fn malformed_json_is_400(backend: Backend) {
    let app = spawn_app(backend).await;

    for body in [&b"{bad"[..], b"", b"{\"kind\": \"panic\",", b"\xff\xfe"] {
        let res = post_raw(&app, Some("application/json"), body.to_vec()).await;
        assert_envelope(res, 400, "malformed_json").await;
    }
}

async fn json_of_the_wrong_shape_is_422(backend: Backend) {
    let app = spawn_app(backend).await;
    let bodies = [
        json!({}),
        json!([]),
        json!({"kind": "panic", "message": "x"}),
        json!({"kind": "nonsense", "message": "x", "location": "/"}),
        json!({"kind": "panic", "message": 42, "location": "/"}),
        json!({"kind": "panic", "message": "x", "location": "/", "extra": true}),
    ];

    for body in bodies {
        let res = app.post_json(REPORT, &body).await;
        assert_envelope(res, 422, "invalid_body").await;
    }
}

async fn rule_violations_are_422_naming_the_field(backend: Backend) {
    let app = spawn_app(backend).await;
    let long = "长".repeat(2001);
    let cases = [
        (
            json!({"kind": "panic", "message": "  ", "location": "/"}),
            "message",
        ),
        (
            json!({"kind": "panic", "message": long, "location": "/"}),
            "message",
        ),
        (
            json!({"kind": "api", "message": "x", "location": "/".repeat(501)}),
            "location",
        ),
    ];

    for (body, field) in cases {
        let res = app.post_json(REPORT, &body).await;
        let msg = assert_envelope_at(res, 422, "validation_failed", Some(field)).await;
        assert!(msg.contains(field), "{msg}");
    }
}

async fn field_errors_name_the_field_structurally(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.login_as("county_emp_admin").await.access_token;
    // A query parameter out of range names the parameter.
    let res = app
        .client
        .get(app.url("/api/v1/units?per_page=500"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("request");
    assert_envelope_at(res, 400, "bad_request", Some("per_page")).await;
    // Errors about no field keep exactly {code, message}.
    let res = app
        .client
        .get(app.url("/api/v1/applications/999999"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("request");
    assert_envelope(res, 404, "not_found").await;
}

async fn oversized_bodies_are_413(backend: Backend) {
    let app = spawn_app(backend).await;
    let huge = format!(
        "{{\"kind\":\"other\",\"message\":\"{}\",\"location\":\"/\"}}",
        "a".repeat(300 * 1024)
    );

    let res = post_raw(&app, Some("application/json"), huge.into_bytes()).await;

    assert_envelope(res, 413, "payload_too_large").await;
}

async fn the_body_limit_is_configurable(backend: Backend) {
    let app = crate::helpers::spawn_app_with(backend, None, &[("MAX_JSON_BYTES", "100")]).await;
    let body = json!({"kind": "other", "message": "x".repeat(200), "location": "/"});

    assert_envelope(app.post_json(REPORT, &body).await, 413, "payload_too_large").await;
}

async fn wrong_content_type_is_415(backend: Backend) {
    let app = spawn_app(backend).await;
    let body = br#"{"kind":"panic","message":"x","location":"/"}"#.to_vec();

    for ctype in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let res = post_raw(&app, ctype, body.clone()).await;
        assert_envelope(res, 415, "unsupported_media_type").await;
    }
}

async fn a_valid_report_is_accepted(backend: Backend) {
    let app = spawn_app(backend).await;
    let body = json!({"kind": "panic", "message": "界面崩溃\nline two", "location": "/about"});

    let res = app.post_json(REPORT, &body).await;

    assert_eq!(res.status(), 202);
}

db_tests!(
    unknown_api_routes_are_404_json_not_the_spa,
    messages_follow_accept_language,
    wrong_method_is_405_with_allow,
    every_documented_path_answers_405_with_its_own_methods,
    malformed_json_is_400,
    json_of_the_wrong_shape_is_422,
    rule_violations_are_422_naming_the_field,
    field_errors_name_the_field_structurally,
    oversized_bodies_are_413,
    the_body_limit_is_configurable,
    wrong_content_type_is_415,
    a_valid_report_is_accepted,
);
