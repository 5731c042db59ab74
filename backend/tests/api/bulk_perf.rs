//! 100,000 accounts in one import, end to end over HTTP (docs/PERFORMANCE.md, issue 14 goal 5):
//! the upload as CSV and as JSON on each engine, each into a fresh demo database, then the
//! audit chain checked. Ignored by default; run with
//! `cargo test --release -p backend --test api bulk_perf -- --ignored --nocapture`.
//! `PERF_BULK_ROWS` scales it.

use std::time::Instant;

use backend::audit;

use crate::{
    bulk::{account_count, many_json, many_rows, unit, upload, OWN_UNIT},
    helpers::{spawn_app, Backend},
};

async fn import(backend: Backend, json: bool, rows: usize) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("county_emp_admin").await.access_token;
    let (_, code) = unit(&app, OWN_UNIT).await;
    let (content_type, body) = if json {
        let body = serde_json::to_vec(&many_json(&code, rows)).expect("JSON");
        ("application/json", body)
    } else {
        ("text/csv", many_rows(&code, rows, &[]).into_bytes())
    };
    let bytes = body.len();
    let before = account_count(&app).await;

    let checked = Instant::now();
    let res = upload(&app, &admin, "?dry_run=true", content_type, body.clone()).await;
    assert_eq!(res.status(), 200);
    let dry: serde_json::Value = res.json().await.expect("JSON");
    let check_took = checked.elapsed();
    assert_eq!(dry["ok"], true, "{}", dry["errors"]);
    assert_eq!(
        account_count(&app).await,
        before,
        "a dry run writes nothing"
    );

    let started = Instant::now();
    let res = upload(&app, &admin, "", content_type, body).await;
    let status = res.status();
    let report: serde_json::Value = res.json().await.expect("JSON");
    let took = started.elapsed();

    assert_eq!(status, 200);
    assert_eq!(report["ok"], true, "{}", report["errors"]);
    assert_eq!(report["created"], rows);
    assert_eq!(
        account_count(&app).await,
        before + i64::try_from(rows).unwrap_or(0)
    );
    let chain = app.db.run(audit::verify).await.expect("verify");
    assert!(chain.ok, "{chain:?}");
    println!(
        "bulk_perf {backend:?} {}: {rows} rows, {:.1} MB, dry run {:.2} s, import upload to answer {:.2} s; audit chain of {} rows verified",
        if json { "JSON" } else { "CSV" },
        bytes as f64 / 1e6,
        check_took.as_secs_f64(),
        took.as_secs_f64(),
        chain.checked,
    );
}

#[tokio::test]
#[ignore = "minutes of work: run with --release --ignored"]
async fn a_hundred_thousand_accounts_in_one_import() {
    let rows = std::env::var("PERF_BULK_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(backend::org::bulk::MAX_ROWS);
    for backend in [Backend::Sqlite, Backend::Postgres] {
        for json in [false, true] {
            import(backend, json, rows).await;
        }
    }
}
