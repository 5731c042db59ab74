//! Logs never contain ID numbers, passwords, tokens or TOTP secrets (issue 13): the built
//! server runs as a child process with `LOG_FORMAT=json` (at `debug`, stricter than the `info`
//! default), the journeys' API calls go through it — a failed sign-in, sign-in, refresh, an
//! applicant creating an application with an ID number, a password change, sign-out — and its
//! whole log is searched for every secret it was given or gave out.

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
};

use serde_json::{json, Value};
use shared::auth::LoginResponse;

use crate::{
    db_tests,
    helpers::{Backend, TestDatabase},
    workflow::{draft_body, APPLICANT},
};

/// The server as a child process; killed when dropped.
struct Server {
    child: Child,
    address: String,
    log: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(database_url: &str) -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("server.log");
    let stderr = std::fs::File::create(&log).expect("log file");
    let mut child = Command::new(env!("CARGO_BIN_EXE_backend"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("PORT", "0")
        .env("HTTP_WORKERS", "1")
        .env("DB_POOL_SIZE", "4")
        .env("STATIC_DIR", "/nonexistent-spa")
        .env("DATA_DIR", dir.path())
        .env("DATA_ENCRYPTION_KEY_FILE", crate::helpers::data_key_file())
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "debug")
        .env_remove("JWT_SECRET")
        .env_remove("AUDIT_SIGNING_KEY_FILE")
        .stdout(Stdio::piped())
        .stderr(Stdio::from(stderr))
        .spawn()
        .expect("start the server");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("the server printed its address")
            .expect("a line");
        if let Some(rest) = line.split("listening on ").nth(1) {
            break rest
                .split_whitespace()
                .next()
                .expect("the address")
                .to_owned();
        }
    };
    Server {
        child,
        address,
        log,
        _dir: dir,
    }
}

async fn post(
    client: &reqwest::Client,
    server: &Server,
    token: Option<&str>,
    path: &str,
    body: &Value,
) -> reqwest::Response {
    let mut req = client.post(format!("{}{path}", server.address)).json(body);
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    req.send().await.expect("request")
}

async fn logs_hold_no_id_number_password_or_token(backend: Backend) {
    let database = TestDatabase::new(backend);
    let server = start(&database.url);
    let client = reqwest::Client::new();
    let demo_password = backend::demo::DEMO_PASSWORD;
    let wrong_password = "Wrong#Guess-2026";
    let new_password = "N3w#Redaction-Pass2026";
    let mut secrets: Vec<String> = vec![
        demo_password.to_owned(),
        wrong_password.to_owned(),
        new_password.to_owned(),
        APPLICANT.to_owned(),
    ];
    secrets.extend(
        backend::demo_workflow::applicants()
            .into_iter()
            .map(|(_, _, id)| id),
    );

    let failed = post(
        &client,
        &server,
        None,
        "/api/v1/auth/login",
        &json!({"username": APPLICANT, "password": wrong_password}),
    )
    .await;
    assert_eq!(failed.status(), 401);

    let login = |password: &'static str| {
        let client = client.clone();
        let url = format!("{}/api/v1/auth/login", server.address);
        async move {
            let res = client
                .post(url)
                .json(&json!({"username": APPLICANT, "password": password}))
                .send()
                .await
                .expect("login");
            assert_eq!(res.status(), 200);
            res.json::<LoginResponse>().await.expect("session")
        }
    };
    let first = login(backend::demo::DEMO_PASSWORD).await;
    let refreshed: LoginResponse = post(
        &client,
        &server,
        None,
        "/api/v1/auth/refresh",
        &json!({"refresh_token": first.refresh_token}),
    )
    .await
    .json()
    .await
    .expect("refreshed");

    let created = post(
        &client,
        &server,
        Some(&refreshed.access_token),
        "/api/v1/applications",
        &draft_body(APPLICANT),
    )
    .await;
    assert_eq!(created.status(), 201, "the application with its ID number");

    let changed = post(
        &client,
        &server,
        Some(&refreshed.access_token),
        "/api/v1/auth/password",
        &json!({"current_password": demo_password, "new_password": new_password}),
    )
    .await;
    assert_eq!(changed.status(), 200, "password changed");
    let changed: LoginResponse = changed.json().await.expect("session");

    let last = login("N3w#Redaction-Pass2026").await;
    let out = post(
        &client,
        &server,
        Some(&last.access_token),
        "/api/v1/auth/logout",
        &json!({"refresh_token": last.refresh_token}),
    )
    .await;
    assert_eq!(out.status(), 204);

    // A request with an ID number in its query that writes a log line (an id too long for the
    // path extractor, at `debug`): the line carries its request's span, which must not carry
    // the query string.
    let admin = login_as(&client, &server, "sysadmin").await;
    let searched = client
        .get(format!(
            "{}/api/v1/applications/99999999999999999999999?q={APPLICANT}",
            server.address
        ))
        .bearer_auth(&admin.access_token)
        .send()
        .await
        .expect("search");
    assert_eq!(searched.status(), 404);
    let searched_id = searched.headers().get("x-request-id").cloned();

    // Two-factor enrollment and a sign-in with a code and with a recovery code: neither the
    // secret nor a code nor a recovery code is logged.
    let enrolled: Value = post(
        &client,
        &server,
        Some(&admin.access_token),
        "/api/v1/auth/mfa/enroll",
        &json!({}),
    )
    .await
    .json()
    .await
    .expect("enrollment");
    let secret = enrolled["secret"].as_str().expect("secret").to_owned();
    let raw = crate::mfa::unbase32(&secret);
    let code = |ahead: i64| {
        let step = chrono::Utc::now().timestamp().div_euclid(30) + ahead;
        backend::auth::mfa::code_at(&raw, step)
    };
    let confirmed = post(
        &client,
        &server,
        Some(&admin.access_token),
        "/api/v1/auth/mfa/confirm",
        &json!({"code": code(0)}),
    )
    .await;
    assert_eq!(confirmed.status(), 200, "MFA on");
    let recovery: Vec<String> =
        serde_json::from_value(confirmed.json::<Value>().await.expect("codes")["codes"].clone())
            .expect("recovery codes");
    let with_code = |otp: String| {
        let (client, url) = (
            client.clone(),
            format!("{}/api/v1/auth/login", server.address),
        );
        async move {
            client
                .post(url)
                .json(&json!({"username": "sysadmin", "password": backend::demo::DEMO_PASSWORD, "otp": otp}))
                .send()
                .await
                .expect("login")
                .status()
        }
    };
    assert_eq!(with_code(recovery[0].clone()).await, 200, "a recovery code");
    // The code of the next step (the current one was spent by the confirmation).
    assert_eq!(with_code(code(1)).await, 200, "a code");
    secrets.push(secret.clone());
    secrets.push(hex::encode(&raw));
    secrets.extend(recovery.iter().cloned());
    secrets.push(enrolled["uri"].as_str().unwrap_or_default().to_owned());

    for session in [&first, &refreshed, &changed, &last, &admin] {
        secrets.push(session.access_token.clone());
        secrets.push(session.refresh_token.clone());
    }
    let log = server_stop(server);

    // The log is there and JSON. (Requests open spans but write no line of their own today;
    // this guards every line any future event writes, with its spans' fields.)
    let lines: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    assert!(lines.len() > 5, "a log was written: {log}");
    assert!(
        log.contains("database ready") && log.contains("starting service"),
        "the whole log was captured: {log}"
    );
    let leaked: Vec<&String> = secrets
        .iter()
        .filter(|s| !s.is_empty() && log.contains(s.as_str()))
        .collect();
    assert!(
        leaked.is_empty(),
        "the log holds secrets {leaked:?}:\n{log}"
    );
    // A token's signature part alone would be a leak too.
    let request_id = searched_id
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .unwrap_or("none")
        .to_owned();
    assert!(
        log.contains("unparseable path segment")
            && log.contains("/api/v1/applications/99999999999999999999999")
            && log.contains(&request_id),
        "the line is in the log with its request's path and id: {log}"
    );
    for session in [&first, &refreshed, &changed, &last, &admin] {
        let signature = session.access_token.rsplit('.').next().unwrap_or_default();
        assert!(
            !log.contains(signature),
            "an access token's signature is logged"
        );
    }
}

async fn login_as(client: &reqwest::Client, server: &Server, username: &str) -> LoginResponse {
    let res = post(
        client,
        server,
        None,
        "/api/v1/auth/login",
        &json!({"username": username, "password": backend::demo::DEMO_PASSWORD}),
    )
    .await;
    assert_eq!(res.status(), 200, "login as {username}");
    res.json().await.expect("session")
}

/// Stops the server and answers its log.
fn server_stop(mut server: Server) -> String {
    let _ = server.child.kill();
    let _ = server.child.wait();
    std::fs::read_to_string(&server.log).expect("the log")
}

db_tests!(logs_hold_no_id_number_password_or_token);
