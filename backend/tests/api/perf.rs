//! The workflow at scale (docs/PERFORMANCE.md): 1,000,000 applications and 100,000 applicant
//! accounts over 20,000 generated units, then, over HTTP against the real server,
//! - the latency of jurisdiction-filtered list pages (p50 / p99),
//! - workflow actions per second (`submit`, each one transaction with its timeline event and
//!   audit row), next to
//! - the same database's raw single-row-update commit rate (one `UPDATE` per transaction),
//!
//! on SQLite and PostgreSQL in one run. Ignored by default (minutes of work); run with
//! `cargo test --release -p backend --test api perf -- --ignored --nocapture`.
//! `PERF_APPLICATIONS` / `PERF_ACCOUNTS` / `PERF_UNITS` scale it down for a quick look;
//! `PERF_ONLY_DASHBOARDS=1` stops after the dashboards' timings (issue 12).
//! Next to them, the same server's HTTP ceiling (a static JSON answer, no database).
//! `PERF_ACTION_ROUNDS=N` then has the same applicants withdraw and resubmit N times each, 8 at a
//! time: a sustained run of actions long enough to profile (issue 14, goal 2;
//! `scripts/profile-actions.sh`). `PERF_SKIP_SQLITE` / `PERF_SKIP_POSTGRES` measure one engine.

use std::time::{Duration, Instant};

use backend::{applications::generate, clock::Clock, db::schema::applications, org};
use diesel::prelude::*;
use serde_json::{json, Value};
use shared::{application::ApplicationSummary, Page};

use crate::helpers::{spawn_app_with, Backend, TestApp};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64) * p).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `concurrency` workers take `jobs` off a shared queue; returns the wall time.
async fn run_concurrently<F, Fut>(jobs: Vec<F>, concurrency: usize) -> Duration
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let queue = std::sync::Arc::new(tokio::sync::Mutex::new(jobs));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let queue = queue.clone();
            tokio::spawn(async move {
                loop {
                    let job = queue.lock().await.pop();
                    match job {
                        Some(job) => job().await,
                        None => break,
                    }
                }
            })
        })
        .collect();
    for w in workers {
        w.await.expect("worker");
    }
    started.elapsed()
}

/// One workflow action over HTTP as the applicant holding `token`; it must succeed.
async fn act(
    client: &reqwest::Client,
    base: &str,
    id: i64,
    token: &str,
    action: &str,
    version: i64,
) -> reqwest::Response {
    let res = client
        .post(format!("{base}/api/v1/applications/{id}/actions"))
        .bearer_auth(token)
        .json(&json!({"action": action, "version": version}))
        .send()
        .await
        .expect("action");
    assert_eq!(res.status(), 200, "{action} at version {version}");
    res
}

/// The times of `queries` (a list's query string, or a whole path starting with `/`), in
/// order, sorted.
async fn list_latencies(app: &TestApp, token: &str, queries: &[String]) -> Vec<Duration> {
    let mut times = Vec::new();
    for q in queries {
        let path = if q.starts_with('/') {
            q.clone()
        } else {
            format!("/api/v1/applications?{q}")
        };
        let started = Instant::now();
        let res = app.get_as(token, &path).await;
        assert_eq!(res.status(), 200, "{q}");
        let body: Value = res.json().await.expect("answer");
        times.push(started.elapsed());
        if let Some(items) = body["items"].as_array() {
            assert!(items.len() <= 20);
        }
    }
    times.sort();
    times
}

async fn measure(backend: Backend) {
    let units = env_usize("PERF_UNITS", 20_000);
    let count = env_usize("PERF_APPLICATIONS", 1_000_000);
    let account_count = env_usize("PERF_ACCOUNTS", 100_000);
    let app = spawn_app_with(
        backend,
        None,
        &[("HTTP_WORKERS", "2"), ("DB_POOL_SIZE", "8")],
    )
    .await;
    let now = app.clock.now();
    let started = Instant::now();
    app.db
        .run(move |conn| org::generate::units(conn, units, now))
        .await
        .expect("units");
    let generated = app
        .db
        .run(move |conn| generate::applications(conn, count, account_count, now))
        .await
        .expect("applications");
    let generate_time = started.elapsed();
    let total: i64 = app
        .db
        .run(|conn| Ok(applications::table.count().get_result(conn)?))
        .await
        .expect("count");

    // What a production database has after autovacuum: the visibility map (index-only scans)
    // and the planner's statistics.
    app.db
        .run(|conn| {
            if let backend::db::DbConnection::Pg(c) = conn {
                diesel::sql_query("VACUUM ANALYZE applications").execute(c)?;
                diesel::sql_query("VACUUM ANALYZE audit_log").execute(c)?;
            }
            Ok(())
        })
        .await
        .expect("vacuum");

    // Dashboards (issue 12): 50 answers per row, the year's figures of a county, a city and the
    // province, and the accounts dashboard.
    let dashboards: Vec<(&str, &str, &str)> = vec![
        (
            "county_hrss_unit",
            "applications, year=2026",
            "/api/v1/dashboards/applications?year=2026",
        ),
        (
            "county_hrss_unit",
            "applications, year=2026, series",
            "/api/v1/dashboards/applications?year=2026&series=engineering&level=intermediate",
        ),
        (
            "city_hrss_unit",
            "applications, year=2026",
            "/api/v1/dashboards/applications?year=2026",
        ),
        (
            "prov_hrss_unit",
            "applications, year=2026",
            "/api/v1/dashboards/applications?year=2026",
        ),
        (
            "prov_hrss_unit",
            "applications, year=2025",
            "/api/v1/dashboards/applications?year=2025",
        ),
        ("sysadmin", "accounts", "/api/v1/dashboards/accounts"),
    ];
    let mut dashboard_report = Vec::new();
    for (who, what, path) in dashboards {
        let token = app.login_as(who).await.access_token;
        let mut times = Vec::new();
        let mut counted = 0;
        for _ in 0..50 {
            let started = Instant::now();
            let res = app.get_as(&token, path).await;
            assert_eq!(res.status(), 200, "{path}");
            let body: Value = res.json().await.expect("dashboard");
            times.push(started.elapsed());
            counted = body["total"].as_i64().unwrap_or(0);
        }
        // The first answer counts (nothing recent yet); the others answer the recent count.
        let first = times.remove(0);
        times.sort();
        dashboard_report.push(format!(
            "| {backend:?} | {who} | {what} | {counted} | {} | {:.1} | {:.1} | {:.1} | {:.1} |",
            times.len(),
            ms(first),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().expect("times")),
        ));
    }
    println!("\n### {backend:?}: dashboards over {total} applications");
    println!("| engine | caller | dashboard | counted | answers after the first | first ms | p50 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for line in &dashboard_report {
        println!("{line}");
    }
    if std::env::var("PERF_ONLY_DASHBOARDS").is_ok() {
        return;
    }

    // Jurisdiction-filtered pages: a county HRSS (a third of the province), a city HRSS, and
    // an employer; plain pages, deep pages, a stage queue and a name search.
    let mut report = Vec::new();
    let name = |p: usize| {
        format!(
            "q=%E7%94%9F%E6%88%90%E7%94%B3%E6%8A%A5%E4%BA%BA00{:04}",
            p * 7
        )
    };
    let plans: Vec<(&str, &str, Vec<String>)> = vec![
        (
            "county_hrss_unit",
            "all, pages 1–50",
            (1..=50).map(|p| format!("page={p}")).collect(),
        ),
        (
            "county_hrss_unit",
            "year=2026",
            (1..=50).map(|p| format!("year=2026&page={p}")).collect(),
        ),
        (
            "county_hrss_unit",
            "year=2021 (five years back)",
            (1..=50).map(|p| format!("year=2021&page={p}")).collect(),
        ),
        (
            "county_hrss_unit",
            "stage=superior_review",
            (1..=50)
                .map(|p| format!("stage=superior_review&page={p}"))
                .collect(),
        ),
        (
            "county_hrss_unit",
            "todo=true (queue)",
            (1..=50).map(|p| format!("todo=true&page={p}")).collect(),
        ),
        (
            "county_hrss_unit",
            "name prefix",
            (1..=50).map(name).collect(),
        ),
        (
            "city_hrss_unit",
            "all, pages 1–50",
            (1..=50).map(|p| format!("page={p}")).collect(),
        ),
        (
            "city_hrss_unit",
            "year=2026",
            (1..=50).map(|p| format!("year=2026&page={p}")).collect(),
        ),
        (
            "city_hrss_unit",
            "name prefix",
            (1..=50).map(name).collect(),
        ),
        (
            "county_emp_unit",
            "all",
            (1..=50).map(|p| format!("page={}", p % 3 + 1)).collect(),
        ),
        (
            "county_hrss_unit",
            "home to-dos (/todos)",
            (1..=50).map(|_| "/api/v1/todos".to_owned()).collect(),
        ),
        (
            "city_hrss_unit",
            "home to-dos (/todos)",
            (1..=50).map(|_| "/api/v1/todos".to_owned()).collect(),
        ),
    ];
    for (who, what, queries) in plans {
        let token = app.login_as(who).await.access_token;
        let times = list_latencies(&app, &token, &queries).await;
        // The total the caller's whole list answers after the timings (an estimate once counted).
        let first: Page<ApplicationSummary> = app
            .get_as(&token, "/api/v1/applications?per_page=1")
            .await
            .json()
            .await
            .expect("page");
        report.push(format!(
            "| {backend:?} | {who} | {what} | {} {:?} | {} | {:.1} | {:.1} | {:.1} |",
            first.total,
            first.total_kind,
            times.len(),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().expect("times")),
        ));
    }

    // Actions: applicants submit their current drafts, 8 at a time.
    let actions = 400_usize;
    // The first generated drafts, named by the generator with their applicants' sign-in.
    let drafts: Vec<(i64, String)> = generated
        .drafts
        .iter()
        .take(actions)
        .map(|d| (d.application_id, d.username.clone()))
        .collect();
    assert_eq!(drafts.len(), actions, "enough generated drafts");
    crate::helpers::lift_login_limit(&app).await;
    let mut tokens = Vec::new();
    for (id, username) in &drafts {
        let res = app.login(username, generate::PASSWORD).await;
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.expect("login");
        tokens.push((
            *id,
            body["access_token"].as_str().unwrap_or_default().to_owned(),
        ));
    }
    let client = app.client.clone();
    let base = app.url("");
    let rounds = env_usize("PERF_ACTION_ROUNDS", 0);
    let sustained_tokens = tokens.clone();
    let jobs: Vec<_> = tokens
        .into_iter()
        .map(|(id, token)| {
            let client = client.clone();
            let base = base.clone();
            move || async move {
                act(&client, &base, id, &token, "submit", 1).await;
            }
        })
        .collect();
    let action_time = run_concurrently(jobs, 8).await;
    let actions_per_sec = actions as f64 / action_time.as_secs_f64();

    // Sustained actions: each applicant withdraws and resubmits `rounds` times (the version
    // each answer carries goes into the next action).
    if rounds > 0 {
        // A profiler can attach on this line (issue 14, goal 2).
        println!(
            "sustained actions ({backend:?}): starting, pid {}",
            std::process::id()
        );
        let jobs: Vec<_> = sustained_tokens
            .into_iter()
            .map(|(id, token)| {
                let client = client.clone();
                let base = base.clone();
                move || async move {
                    let mut version = 2_i64;
                    for action in ["withdraw", "submit"].repeat(rounds) {
                        let res = act(&client, &base, id, &token, action, version).await;
                        let body: Value = res.json().await.expect("application");
                        version = body["version"].as_i64().expect("version");
                    }
                }
            })
            .collect();
        let sustained = run_concurrently(jobs, 8).await;
        let count = actions * rounds * 2;
        println!(
            "sustained actions ({backend:?}): {count} withdraw/submit, 8 concurrent, {:.2} s → {:.0} actions/s",
            sustained.as_secs_f64(),
            count as f64 / sustained.as_secs_f64()
        );
    }

    // Raw commits on the same database: one single-row UPDATE per transaction, 8 at a time.
    let raw = 2_000_usize;
    let ids: Vec<i64> = (1..=raw as i64).map(|i| i * 37).collect();
    let jobs: Vec<_> = ids
        .into_iter()
        .map(|id| {
            let db = app.db.clone();
            move || async move {
                db.run(move |conn| {
                    conn.write_transaction(|conn| {
                        diesel::update(applications::table.find(id))
                            .set(applications::updated_at.eq(now))
                            .execute(conn)?;
                        Ok::<(), backend::error::ApiError>(())
                    })
                })
                .await
                .expect("raw update");
            }
        })
        .collect();
    let raw_time = run_concurrently(jobs, 8).await;
    let raw_per_sec = raw as f64 / raw_time.as_secs_f64();

    // The same server's HTTP ceiling: a static JSON answer (the certificate signing key, from
    // memory: every middleware, no database), 8 at a time from the same client.
    let ceiling = 4_000_usize;
    let jobs: Vec<_> = (0..ceiling)
        .map(|_| {
            let client = client.clone();
            let base = base.clone();
            move || async move {
                let res = client
                    .get(format!("{base}/api/v1/public/certificates/signing-key"))
                    .send()
                    .await
                    .expect("static answer");
                assert_eq!(res.status(), 200);
                res.bytes().await.expect("body");
            }
        })
        .collect();
    let ceiling_time = run_concurrently(jobs, 8).await;
    let ceiling_per_sec = ceiling as f64 / ceiling_time.as_secs_f64();

    println!(
        "\n### {backend:?}: {} applications ({} generated) and {} applicants over {} generated units in {:.1} s",
        total,
        generated.applications,
        generated.accounts,
        units,
        generate_time.as_secs_f64()
    );
    println!("| engine | caller | query | visible | pages | p50 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|---|---|---|");
    for line in report {
        println!("{line}");
    }
    println!(
        "actions: {actions} submits, 8 concurrent, {:.2} s → {:.0} actions/s; raw single-row-update commits: {raw}, 8 concurrent, {:.2} s → {:.0} commits/s; actions run at {:.0}% of the raw commit rate",
        action_time.as_secs_f64(),
        actions_per_sec,
        raw_time.as_secs_f64(),
        raw_per_sec,
        100.0 * actions_per_sec / raw_per_sec
    );
    println!(
        "HTTP ceiling: {ceiling} static JSON answers, 8 concurrent, {:.2} s → {:.0} requests/s; actions run at {:.0}% of it",
        ceiling_time.as_secs_f64(),
        ceiling_per_sec,
        100.0 * actions_per_sec / ceiling_per_sec
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "minutes of work: cargo test --release -p backend --test api perf -- --ignored --nocapture"]
async fn the_workflow_at_a_million_applications() {
    if std::env::var("PERF_SKIP_SQLITE").is_err() {
        measure(Backend::Sqlite).await;
    }
    if std::env::var("PERF_SKIP_POSTGRES").is_err() {
        measure(Backend::Postgres).await;
    }
}
