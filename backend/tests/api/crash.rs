//! Crashes lose nothing (issue 13): the built server runs as a child process on one database
//! and one `DATA_DIR`; several clients write concurrently — batch workflow actions on
//! applications, attachment uploads, bulk account imports — and the server is killed with
//! SIGKILL at a random moment, restarted on the same database and files, and checked:
//!
//! - every application's stage and holder agree with its last timeline event;
//! - every attachment row has its file (`backend files sweep --dry-run` reports none missing;
//!   orphan files are allowed and then swept);
//! - the audit chain verifies (`backend audit verify`);
//! - no batch is half-applied: each batch moves one group of applications, and a group's
//!   applications all stand where the others stand;
//! - no bulk import is half-applied: an import's accounts are all there or none is.
//!
//! The moments come from a seeded generator: `CRASH_SEED` replays a run (the seed is printed),
//! `CRASH_KILLS` sets how many kills (default [`DEFAULT_KILLS`]).

use std::{
    io::{BufRead, BufReader},
    path::Path,
    process::{Child, Command, Stdio},
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use backend::db::{
    build_pool,
    schema::{accounts, application_events, applications, units},
    Pool,
};
use chrono::NaiveDate;
use diesel::prelude::*;
use serde_json::{json, Value};

use crate::{
    db_tests,
    helpers::{Backend, TestDatabase},
    workflow::{draft_body, APPLICANT},
};

/// Kills per engine in the default run (`CRASH_KILLS` overrides).
const DEFAULT_KILLS: u64 = 20;
/// The seed of the default run (`CRASH_SEED` overrides).
const DEFAULT_SEED: u64 = 0x13C0_FFEE;
/// Applications per batch (a group), and groups added before each run.
const GROUP: usize = 8;
const GROUPS_PER_RUN: usize = 12;
/// Rows per bulk import.
const IMPORT_ROWS: usize = 3;

const COUNTY_EMP: &str = "示范县第一中学";
const COUNTY_HRSS: &str = "示范县人力资源和社会保障局";

/// splitmix64: small, seeded, replayable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The server as a child process; killed (SIGKILL) when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn command(database_url: &str, data_dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_backend"));
    cmd.env("DATABASE_URL", database_url)
        .env("DATA_DIR", data_dir)
        .env("DATA_ENCRYPTION_KEY_FILE", crate::helpers::data_key_file())
        .env("STATIC_DIR", "/nonexistent-spa")
        .env("RUST_LOG", "warn")
        .env_remove("JWT_SECRET")
        .env_remove("AUDIT_SIGNING_KEY_FILE");
    cmd
}

fn start(database_url: &str, data_dir: &Path) -> Server {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data_dir.join("server.log"))
        .expect("log file");
    let mut child = command(database_url, data_dir)
        .arg("serve")
        .env("PORT", "0")
        .env("HTTP_WORKERS", "2")
        .env("DB_POOL_SIZE", "6")
        .stdout(Stdio::piped())
        .stderr(Stdio::from(log))
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
    Server { child, address }
}

/// Runs a CLI subcommand on the same database and files: `(exit ok, stdout)`.
fn cli(database_url: &str, data_dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = command(database_url, data_dir)
        .args(args)
        .output()
        .expect("run the CLI");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

async fn login(client: &reqwest::Client, address: &str, username: &str) -> String {
    let res = client
        .post(format!("{address}/api/v1/auth/login"))
        .json(&json!({"username": username, "password": backend::demo::DEMO_PASSWORD}))
        .send()
        .await
        .expect("login");
    assert_eq!(res.status(), 200, "login as {username}");
    let body: Value = res.json().await.expect("session");
    body["access_token"].as_str().expect("token").to_owned()
}

fn unit_id(pool: &Pool, name: &'static str) -> i64 {
    let mut conn = pool.get().expect("connection");
    units::table
        .filter(units::name.eq(name))
        .select(units::id)
        .first(&mut *conn)
        .expect("demo unit")
}

/// Adds `GROUPS_PER_RUN` groups of `GROUP` applications in 上级审核 held by the county HRSS
/// (inserted directly, each with its timeline event: this test tests the batch, not the path
/// there), tagged by their qualification `崩溃组N-k`.
fn add_groups(pool: &Pool, first_group: usize) -> Vec<usize> {
    let employer = unit_id(pool, COUNTY_EMP);
    let holder = unit_id(pool, COUNTY_HRSS);
    let mut conn = pool.get().expect("connection");
    let now = chrono::Utc::now().naive_utc();
    let (applicant, id_number, name, path): (i64, Option<String>, String, String) = accounts::table
        .inner_join(units::table.on(units::id.eq(accounts::unit_id)))
        .filter(accounts::unit_id.eq(employer))
        .filter(accounts::kind.eq("applicant"))
        .order(accounts::id)
        .select((
            accounts::id,
            accounts::id_number,
            accounts::display_name,
            units::path,
        ))
        .first(&mut *conn)
        .expect("an applicant of the school");
    let groups: Vec<usize> = (first_group..first_group + GROUPS_PER_RUN).collect();
    for &g in &groups {
        for k in 0..GROUP {
            let id: i64 = diesel::insert_into(applications::table)
                .values((
                    applications::applicant_id.eq(applicant),
                    applications::employer_id.eq(employer),
                    applications::employer_path.eq(&path),
                    applications::year.eq(2026),
                    applications::series.eq("engineering"),
                    applications::specialty.eq("电气工程"),
                    applications::level.eq("intermediate"),
                    applications::qualification.eq(format!("崩溃组{g}-{k}")),
                    applications::declaration_type.eq("normal"),
                    applications::name.eq(&name),
                    applications::id_number.eq(backend::pii::Pii::new(
                        id_number.clone().unwrap_or_default(),
                    )),
                    applications::gender.eq("male"),
                    applications::birth_date.eq(NaiveDate::from_ymd_opt(1990, 1, 1).expect("day")),
                    applications::education.eq("bachelor"),
                    applications::current_title.eq("助理工程师"),
                    applications::years_of_service.eq(10),
                    applications::achievements.eq("成果"),
                    applications::phone.eq("13800000000"),
                    applications::stage.eq("superior_review"),
                    applications::holder_unit_id.eq(holder),
                    applications::created_at.eq(now),
                    applications::updated_at.eq(now),
                    applications::submitted_at.eq(Some(now)),
                ))
                .returning(applications::id)
                .get_result(&mut *conn)
                .expect("application");
            diesel::insert_into(application_events::table)
                .values((
                    application_events::application_id.eq(id),
                    application_events::action.eq("recommend"),
                    application_events::from_stage.eq("unit_recommendation"),
                    application_events::to_stage.eq("superior_review"),
                    application_events::from_holder_id.eq(employer),
                    application_events::to_holder_id.eq(holder),
                    application_events::actor_name.eq("崩溃测试"),
                    application_events::withdrawn.eq(false),
                    application_events::created_at.eq(now),
                ))
                .execute(&mut *conn)
                .expect("event");
        }
    }
    groups
}

/// `(id, version)` of the applications of group `g`.
fn group_items(pool: &Pool, g: usize) -> Vec<(i64, i64)> {
    let mut conn = pool.get().expect("connection");
    applications::table
        .filter(applications::qualification.like(format!("崩溃组{g}-%")))
        .order(applications::id)
        .select((applications::id, applications::version))
        .load(&mut *conn)
        .expect("group")
}

/// Everything that must hold after a crash; `what` names the restart in failures.
fn check(database_url: &str, data_dir: &Path, pool: &Pool, what: &str) -> usize {
    let mut conn = pool.get().expect("connection");
    // Stage and holder agree with the last timeline event.
    let apps: Vec<(i64, String, i64, String)> = applications::table
        .select((
            applications::id,
            applications::stage,
            applications::holder_unit_id,
            applications::qualification,
        ))
        .load(&mut *conn)
        .expect("applications");
    let events: Vec<(i64, i64, String, i64)> = application_events::table
        .order(application_events::id)
        .select((
            application_events::id,
            application_events::application_id,
            application_events::to_stage,
            application_events::to_holder_id,
        ))
        .load(&mut *conn)
        .expect("events");
    let mut last = std::collections::HashMap::new();
    for (_, app, stage, holder) in events {
        last.insert(app, (stage, holder));
    }
    for (id, stage, holder, _) in &apps {
        if let Some((to_stage, to_holder)) = last.get(id) {
            assert_eq!(
                (stage, holder),
                (to_stage, to_holder),
                "{what}: application {id} disagrees with its last timeline event"
            );
        }
    }
    // No half-applied batch: a group stands in one place.
    let mut groups: std::collections::HashMap<&str, Vec<(&str, i64)>> =
        std::collections::HashMap::new();
    for (_, stage, holder, q) in &apps {
        if q.starts_with("崩溃组") {
            groups
                .entry(q.split_once('-').map_or(q.as_str(), |(g, _)| g))
                .or_default()
                .push((stage.as_str(), *holder));
        }
    }
    let mut moved = 0;
    for (g, places) in &groups {
        assert_eq!(places.len(), GROUP, "{what}: group {g}");
        assert!(
            places.iter().all(|p| *p == places[0]),
            "{what}: the batch of {g} is half-applied: {places:?}"
        );
        if places[0].0 != "superior_review" || places[0].1 != unit_id(pool, COUNTY_HRSS) {
            moved += 1;
        }
    }
    // No half-applied import: an import's accounts are all there or none is.
    let names: Vec<String> = accounts::table
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("accounts.username LIKE ")
                .bind::<diesel::sql_types::Text, _>("crash_%"),
        )
        .select(accounts::username)
        .load(&mut *conn)
        .expect("accounts");
    let mut imports: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for n in &names {
        let import = n.rsplit_once('_').map_or(n.as_str(), |(p, _)| p);
        *imports.entry(import).or_default() += 1;
    }
    for (import, n) in &imports {
        assert_eq!(*n, IMPORT_ROWS, "{what}: import {import} is half-applied");
    }
    drop(conn);
    // Every attachment row has its file; orphans are allowed, then swept.
    let (ok, out, err) = cli(database_url, data_dir, &["files", "sweep", "--dry-run"]);
    assert!(ok, "{what}: sweep --dry-run failed: {out}\n{err}");
    let report: Value = serde_json::from_str(&out).expect("sweep report");
    assert_eq!(
        report["missing"],
        json!([]),
        "{what}: attachment rows without their file: {report}"
    );
    let (ok, out, err) = cli(
        database_url,
        data_dir,
        &["files", "sweep", "--min-age-secs", "0"],
    );
    assert!(ok, "{what}: sweep failed: {out}\n{err}");
    // The audit chain verifies.
    let (ok, out, err) = cli(database_url, data_dir, &["audit", "verify"]);
    assert!(ok, "{what}: the audit chain is broken: {out}\n{err}");
    moved
}

/// One client's write loop; runs until aborted (the server's death only makes requests fail).
async fn batches(
    address: String,
    token: String,
    pool: Pool,
    groups: Vec<usize>,
    ok: Arc<AtomicU64>,
    acked: Acked,
) {
    let client = reqwest::Client::new();
    for g in groups {
        let items: Vec<Value> = group_items(&pool, g)
            .into_iter()
            .map(|(id, version)| json!({"id": id, "version": version}))
            .collect();
        let res = client
            .post(format!("{address}/api/v1/applications/actions"))
            .bearer_auth(&token)
            .json(&json!({"action": "superior_approve", "items": items, "opinion": "同意"}))
            .send()
            .await;
        if matches!(res, Ok(ref r) if r.status() == 200) {
            ok.fetch_add(1, Ordering::Relaxed);
            acked.lock().expect("lock").push(format!("崩溃组{g}-%"));
        }
    }
}

/// Uploads a file and deletes it again (an application holds at most 50).
async fn uploads(address: String, token: String, application: i64, ok: Arc<AtomicU64>) {
    let client = reqwest::Client::new();
    for i in 0u64.. {
        let body = crate::attachments::pdf(200_000 + usize::try_from(i % 7).unwrap_or(0) * 10_000);
        let res = client
            .post(format!(
                "{address}/api/v1/applications/{application}/attachments?section=materials&category_id=1&file_name=crash{i}.pdf&description=x"
            ))
            .bearer_auth(&token)
            .header("Content-Type", "application/octet-stream")
            .body(body)
            .send()
            .await;
        let id = match res {
            Ok(r) if r.status() == 201 => {
                ok.fetch_add(1, Ordering::Relaxed);
                match r.json::<Value>().await {
                    Ok(v) => v["id"].as_i64().expect("the attachment's id"),
                    Err(_) => continue,
                }
            }
            Ok(r) => panic!("an upload failed: {} {:?}", r.status(), r.text().await),
            Err(_) => continue,
        };
        let res = client
            .delete(format!("{address}/api/v1/attachments/{id}"))
            .bearer_auth(&token)
            .send()
            .await;
        if let Ok(r) = res {
            assert!(r.status().is_success(), "a delete failed: {}", r.status());
        }
    }
}

async fn imports(
    address: String,
    token: String,
    code: String,
    run: u64,
    ok: Arc<AtomicU64>,
    acked: Acked,
) {
    let client = reqwest::Client::new();
    for i in 0u64.. {
        let rows: Vec<Value> = (0..IMPORT_ROWS)
            .map(|k| {
                json!({"username": format!("crash_{run}x{i}_{k}"), "display_name": "崩溃经办",
                       "kind": "handler", "unit_credit_code": code, "phone": "13812345678"})
            })
            .collect();
        let res = client
            .post(format!("{address}/api/v1/accounts/bulk"))
            .bearer_auth(&token)
            .json(&json!({"rows": rows}))
            .send()
            .await;
        if matches!(res, Ok(ref r) if r.status() == 200) {
            ok.fetch_add(1, Ordering::Relaxed);
            acked
                .lock()
                .expect("lock")
                .push(format!("crash\\_{run}x{i}\\_%"));
        }
    }
}

/// What the server acknowledged (a `LIKE` pattern each): batches (their groups) and imports.
type Acked = Arc<std::sync::Mutex<Vec<String>>>;

/// Nothing acknowledged is lost: every acknowledged batch's applications left the county HRSS,
/// every acknowledged import's accounts are there.
fn acknowledged_kept(pool: &Pool, groups: &Acked, imports: &Acked, what: &str) {
    let hrss = unit_id(pool, COUNTY_HRSS);
    let mut conn = pool.get().expect("connection");
    for g in groups.lock().expect("lock").iter() {
        let left: i64 = applications::table
            .filter(applications::qualification.like(g))
            .filter(applications::holder_unit_id.ne(hrss))
            .count()
            .get_result(&mut *conn)
            .expect("count");
        assert_eq!(
            left,
            i64::try_from(GROUP).unwrap_or(0),
            "{what}: the acknowledged batch {g} is lost"
        );
    }
    for i in imports.lock().expect("lock").iter() {
        let n: i64 = accounts::table
            .filter(
                diesel::dsl::sql::<diesel::sql_types::Bool>("accounts.username LIKE ")
                    .bind::<diesel::sql_types::Text, _>(i.clone())
                    .sql(" ESCAPE '\\'"),
            )
            .count()
            .get_result(&mut *conn)
            .expect("count");
        assert_eq!(
            n,
            i64::try_from(IMPORT_ROWS).unwrap_or(0),
            "{what}: the acknowledged import {i} is lost"
        );
    }
}

async fn killed_at_random_moments_the_server_loses_nothing(backend: Backend) {
    let seed = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_SEED);
    let kills = std::env::var("CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_KILLS);
    println!("crash test on {backend:?}: CRASH_SEED={seed} CRASH_KILLS={kills}");
    let started = Instant::now();
    let mut rng = Rng(seed);
    let database = TestDatabase::new(backend);
    let data = tempfile::tempdir().expect("data dir");
    let data_dir = data.path();

    // The first start seeds the demo province; the applicant's draft takes the uploads.
    let server = start(&database.url, data_dir);
    let client = reqwest::Client::new();
    let me = login(&client, &server.address, APPLICANT).await;
    let res = client
        .post(format!("{}/api/v1/applications", server.address))
        .bearer_auth(&me)
        .json(&draft_body(APPLICANT))
        .send()
        .await
        .expect("draft");
    assert_eq!(res.status(), 201, "the draft");
    let draft: Value = res.json().await.expect("draft");
    let draft = draft["id"].as_i64().expect("id");
    // Sessions outlive restarts (the signing secret is kept in the database): one sign-in
    // each, as sign-ins are rate limited.
    let hrss = login(&client, &server.address, "county_hrss_unit").await;
    let admin = login(&client, &server.address, "county_emp_admin").await;
    drop(server);

    let config = backend::config::DatabaseUrl::parse(&database.url).expect("url");
    let pool = build_pool(&config, 2, Duration::from_secs(10)).expect("pool");
    let code: String = {
        let mut conn = pool.get().expect("connection");
        units::table
            .filter(units::name.eq(COUNTY_EMP))
            .select(units::credit_code)
            .first(&mut *conn)
            .expect("credit code")
    };
    let (batched, uploaded, imported) = (
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
    );
    let (acked_groups, acked_imports): (Acked, Acked) = Default::default();
    let mut moved = 0;
    for run in 0..kills {
        let groups = add_groups(&pool, usize::try_from(run).unwrap_or(0) * GROUPS_PER_RUN);
        let server = start(&database.url, data_dir);
        let address = server.address.clone();
        let tasks = [
            tokio::spawn(batches(
                address.clone(),
                hrss.clone(),
                pool.clone(),
                groups,
                batched.clone(),
                acked_groups.clone(),
            )),
            tokio::spawn(uploads(
                address.clone(),
                me.clone(),
                draft,
                uploaded.clone(),
            )),
            tokio::spawn(uploads(
                address.clone(),
                me.clone(),
                draft,
                uploaded.clone(),
            )),
            tokio::spawn(imports(
                address,
                admin.clone(),
                code.clone(),
                run,
                imported.clone(),
                acked_imports.clone(),
            )),
        ];
        // Up to 1.55 s: on a loaded CI machine a 3-row import (three password hashes) can take
        // longer than 0.75 s, and a window that never outlasts one would test no acknowledged
        // import at all (seen once: 0 of 20 on PostgreSQL beside the SPA and fuzz builds).
        tokio::time::sleep(Duration::from_millis(50 + rng.below(1500))).await;
        drop(server); // SIGKILL
        for t in &tasks {
            t.abort();
        }
        for t in tasks {
            if let Err(e) = t.await {
                assert!(!e.is_panic(), "a client failed: {e}");
            }
        }
        let what = format!("after kill {} of {kills} (CRASH_SEED={seed})", run + 1);
        moved = check(&database.url, data_dir, &pool, &what);
        acknowledged_kept(&pool, &acked_groups, &acked_imports, &what);
    }
    // A last clean start answers, and the load really wrote.
    let server = start(&database.url, data_dir);
    assert_eq!(
        client
            .get(format!("{}/api/health", server.address))
            .send()
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(0),
        200,
        "the server starts after the last kill"
    );
    drop(server);
    let (b, u, i) = (
        batched.load(Ordering::Relaxed),
        uploaded.load(Ordering::Relaxed),
        imported.load(Ordering::Relaxed),
    );
    println!(
        "crash test on {backend:?}: {kills} kills in {:.1?}; {b} batches, {u} uploads, {i} imports acknowledged; {moved} groups moved",
        started.elapsed()
    );
    assert!(kills == 0 || (u > 0 && i > 0), "the load wrote nothing");
}

db_tests!(killed_at_random_moments_the_server_loses_nothing);
