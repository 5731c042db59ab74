//! Issue 14, goal 5: the certificate import and the bulk expert pre-entry at national scale —
//! 100,000 generated rows each, posted as CSV over HTTP to the real server, the wall time from
//! upload to answer (after a dry run of the same file, timed too: the checks without the
//! writes) and the process's peak resident memory during the request, on SQLite and
//! PostgreSQL in one run. Ignored by default; run with
//! `cargo test --release -p backend --test api import_perf -- --ignored --nocapture`.
//! `PERF_IMPORT_ROWS` scales it down for a quick look; `PERF_SKIP_POSTGRES` skips PostgreSQL.

use std::time::{Duration, Instant};

use backend::{
    clock::Clock,
    db::schema::{committees, expert_specialties, pool_members},
};
use chrono::Duration as Days;
use diesel::prelude::*;
use serde_json::Value;
use shared::ids::IdNumber;

use crate::helpers::{answer, spawn_app_with, Backend, TestApp};

fn rows() -> usize {
    std::env::var("PERF_IMPORT_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

/// A kilobyte figure of `/proc/self/status` (`VmRSS`, `VmHWM`); 0 where there is none.
fn status_kb(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Resets the peak resident set size (`VmHWM`) to the current one (Linux).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Posts `body` as CSV to `path`; returns the answer, the wall time, and the resident memory
/// before and at its peak during the request (MiB; the test process holds the server, the
/// client and the CSV).
async fn post_csv(
    app: &TestApp,
    token: &str,
    path: &str,
    body: String,
) -> (Value, Duration, u64, u64) {
    reset_peak();
    let before = status_kb("VmRSS:") / 1024;
    let started = Instant::now();
    let (status, _, report) = answer(
        app.client
            .post(app.url(path))
            .bearer_auth(token)
            .header("content-type", "text/csv")
            .body(body)
            .send()
            .await
            .expect("post"),
    )
    .await;
    let took = started.elapsed();
    let peak = status_kb("VmHWM:") / 1024;
    assert_eq!(status, 200, "{report}");
    (report, took, before, peak)
}

/// A distinct valid ID number for each `i` below 3,000,000.
fn id_number(i: usize) -> String {
    let born = chrono::NaiveDate::from_ymd_opt(1950, 1, 1).expect("day")
        + Days::days(i64::try_from(i / 300).expect("days"));
    let seq = 2 * (i % 300) + 101;
    let body = format!("520102{}{seq:03}", born.format("%Y%m%d"));
    let check = IdNumber::check_char(&body).map(char::from).unwrap_or('0');
    format!("{body}{check}")
}

async fn measure(backend: Backend) {
    if std::env::var("PERF_LOG").is_ok() {
        backend::telemetry::init();
    }
    let n = rows();
    let app = spawn_app_with(
        backend,
        None,
        &[("HTTP_WORKERS", "2"), ("DB_POOL_SIZE", "8")],
    )
    .await;
    let token = app.login_as("county_hrss_unit").await.access_token;

    let mut certificates = String::from(
        "证书编号,姓名,身份证号,工作单位,系列,专业,级别,任职资格名称,评委会,批准日期,发证机关\n",
    );
    for i in 0..n {
        certificates.push_str(&format!(
            "黔职证〔2019〕{i:06},王五{i},{},示范县第一中学,工程系列,电气工程,中级,工程师,示范省工程系列中级评委会,2018-06-30,示范省人力资源和社会保障厅\n",
            id_number(i)
        ));
    }
    let bytes = certificates.len();
    let (report, dry, _, _) = post_csv(
        &app,
        &token,
        "/api/v1/certificates/import?dry_run=true",
        certificates.clone(),
    )
    .await;
    assert_eq!(report["ok"], Value::Bool(true), "{}", report["errors"][0]);
    let (report, took, before, peak) =
        post_csv(&app, &token, "/api/v1/certificates/import", certificates).await;
    assert_eq!(report["ok"], Value::Bool(true), "{}", report["errors"][0]);
    assert_eq!(report["created"].as_u64(), u64::try_from(n).ok());
    println!(
        "{backend:?}: certificate import of {n} rows ({:.1} MiB CSV): {:.2} s (a dry run first: {:.2} s), RSS {before} MiB before, peak {peak} MiB",
        bytes as f64 / 1_048_576.0,
        took.as_secs_f64(),
        dry.as_secs_f64()
    );

    let committee: i64 = app
        .db
        .run(|conn| {
            Ok(committees::table
                .filter(committees::name.eq(backend::demo_workflow::COMMITTEE))
                .select(committees::id)
                .first::<i64>(conn)?)
        })
        .await
        .expect("committee");
    // The pool's memberships and the specialties, counted before and after: every row written.
    let counts = || {
        app.db.run(move |conn| {
            let members: i64 = pool_members::table
                .filter(pool_members::committee_id.eq(committee))
                .count()
                .get_result(conn)?;
            let specialties: i64 = expert_specialties::table.count().get_result(conn)?;
            Ok((members, specialties))
        })
    };
    let (members_before, specialties_before) = counts().await.expect("counts");
    let today = app.clock.now().date();
    let start = today.format("%Y-%m-%d");
    let end = (today + Days::days(365)).format("%Y-%m-%d");
    let mut experts = String::from(
        "姓名,身份证号,工作单位,职称,职称级别,系列,评审专业,联系电话,电子邮箱,任期开始,任期结束\n",
    );
    for i in 0..n {
        experts.push_str(&format!(
            "专家{i},{},示范县第一中学,高级教师,副高级,中小学教师系列,中学数学、中学物理,13900000000,expert{i}@example.cn,{start},{end}\n",
            id_number(i)
        ));
    }
    let bytes = experts.len();
    let (report, dry, _, _) = post_csv(
        &app,
        &token,
        &format!("/api/v1/experts/bulk?committee_id={committee}&dry_run=true"),
        experts.clone(),
    )
    .await;
    assert_eq!(report["ok"], Value::Bool(true), "{}", report["errors"][0]);
    let (report, took, before, peak) = post_csv(
        &app,
        &token,
        &format!("/api/v1/experts/bulk?committee_id={committee}"),
        experts,
    )
    .await;
    assert_eq!(report["ok"], Value::Bool(true), "{}", report["errors"][0]);
    assert_eq!(report["created"].as_u64(), u64::try_from(n).ok());
    let wrote = i64::try_from(n).expect("rows");
    assert_eq!(
        counts().await.expect("counts"),
        (members_before + wrote, specialties_before + 2 * wrote)
    );
    println!(
        "{backend:?}: expert bulk pre-entry of {n} rows ({:.1} MiB CSV): {:.2} s (a dry run first: {:.2} s), RSS {before} MiB before, peak {peak} MiB",
        bytes as f64 / 1_048_576.0,
        took.as_secs_f64(),
        dry.as_secs_f64()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "a minute of work: cargo test --release -p backend --test api import_perf -- --ignored --nocapture"]
async fn imports_of_100_000_rows() {
    measure(Backend::Sqlite).await;
    if std::env::var("PERF_SKIP_POSTGRES").is_err() {
        measure(Backend::Postgres).await;
    }
}
