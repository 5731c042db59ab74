//! `spawn_app()` and friends.

use std::{collections::HashMap, path::PathBuf};

use std::sync::Arc;

use backend::{clock::ManualClock, config::Config, db::Db, startup::Application};
use diesel::{connection::SimpleConnection, Connection, PgConnection};
use serde_json::json;
use shared::auth::LoginResponse;

/// The data key file of every server this test process starts (`DATA_ENCRYPTION_KEY_FILE`):
/// the template database's ID numbers are sealed with it, and each test's copy must open them.
pub fn data_key_file() -> &'static std::path::Path {
    static FILE: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    &FILE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("data-encryption.keys");
            std::fs::write(&path, backend::crypto::DataKeys::new_file_text()).expect("key file");
            (dir, path)
        })
        .1
}

/// Which engine a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Generates, for each listed `async fn name(backend: Backend)`, a test per engine:
/// `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! db_tests {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::helpers::Backend::Sqlite).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::helpers::Backend::Postgres).await;
                }
            )+
        }
    };
}

/// The PostgreSQL server tests create their databases on. Without it, PostgreSQL tests fail
/// (the Makefile skips them explicitly, and says so, when no server answers outside CI).
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A fresh, empty database for one test; dropped (or deleted) when this is dropped.
pub struct TestDatabase {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

impl TestDatabase {
    pub fn new(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                TestDatabase {
                    url,
                    _dir: Some(dir),
                    pg_name: None,
                }
            }
            Backend::Postgres => {
                let admin = postgres_admin_url();
                let name = format!("title_test_{}", uuid::Uuid::new_v4().simple());
                let mut conn = PgConnection::establish(&admin).unwrap_or_else(|e| {
                    panic!("PostgreSQL at {admin} is needed for this test: {e}")
                });
                conn.batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create test database");
                let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
                TestDatabase {
                    url: format!("{base}/{name}"),
                    _dir: None,
                    pg_name: Some(name),
                }
            }
        }
    }
}

/// The database a first start leaves (migrated, token secret, unit roles, calendar, demo
/// province), made once per test run by the server's own code and copied for each test: a
/// `VACUUM INTO` file on SQLite, a template database on PostgreSQL. Named after the test
/// process, so that a run's leftovers are dropped by the next run once the process is gone.
enum Template {
    Sqlite(PathBuf),
    Postgres(String),
}

static SQLITE_TEMPLATE: tokio::sync::OnceCell<Template> = tokio::sync::OnceCell::const_new();
static POSTGRES_TEMPLATE: tokio::sync::OnceCell<Template> = tokio::sync::OnceCell::const_new();

const TEMPLATE_PREFIX: &str = "title_tmpl_";

/// The pid a template or its file is named after, when its process is gone.
fn stale_pid(name: &str) -> bool {
    name.strip_prefix(TEMPLATE_PREFIX)
        .and_then(|rest| rest.split('_').next())
        .and_then(|pid| pid.parse::<u32>().ok())
        .is_some_and(|pid| {
            pid != std::process::id() && !PathBuf::from(format!("/proc/{pid}")).exists()
        })
}

async fn template(backend: Backend) -> &'static Template {
    let cell = match backend {
        Backend::Sqlite => &SQLITE_TEMPLATE,
        Backend::Postgres => &POSTGRES_TEMPLATE,
    };
    cell.get_or_init(|| make_template(backend)).await
}

async fn make_template(backend: Backend) -> Template {
    let name = format!(
        "{TEMPLATE_PREFIX}{}_{}",
        std::process::id(),
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    let prepare = |url: String, data: &std::path::Path| {
        let vars: HashMap<String, String> = HashMap::from([
            ("DATABASE_URL".to_owned(), url),
            ("DB_POOL_SIZE".to_owned(), "1".to_owned()),
            ("DATA_DIR".to_owned(), data.display().to_string()),
            (
                "DATA_ENCRYPTION_KEY_FILE".to_owned(),
                data_key_file().display().to_string(),
            ),
        ]);
        Config::from_lookup(|k| vars.get(k).cloned()).expect("template config")
    };
    let data = tempfile::tempdir().expect("temp data dir");
    match backend {
        Backend::Sqlite => {
            let tmp = std::env::temp_dir();
            if let Ok(entries) = std::fs::read_dir(&tmp) {
                for entry in entries.flatten() {
                    let file = entry.file_name().to_string_lossy().into_owned();
                    if stale_pid(&file) {
                        let _ = std::fs::remove_file(entry.path());
                    }
                }
            }
            let work = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", work.path().join("template.db").display());
            let db = backend::startup::prepare_database(
                &prepare(url, data.path()),
                Arc::new(ManualClock::default()),
            )
            .await
            .expect("prepare the SQLite template");
            let file = tmp.join(format!("{name}.db"));
            let target = file.display().to_string().replace('\'', "''");
            db.run(move |conn| {
                use diesel::RunQueryDsl;
                match conn {
                    backend::db::DbConnection::Sqlite(c) => {
                        diesel::sql_query(format!("VACUUM INTO '{target}'")).execute(c)?;
                    }
                    backend::db::DbConnection::Pg(_) => unreachable!("a SQLite template"),
                }
                Ok(())
            })
            .await
            .expect("VACUUM INTO the template file");
            Template::Sqlite(file)
        }
        Backend::Postgres => {
            let admin = postgres_admin_url();
            let mut conn = PgConnection::establish(&admin)
                .unwrap_or_else(|e| panic!("PostgreSQL at {admin} is needed for this test: {e}"));
            let stale: Vec<String> = diesel::RunQueryDsl::load::<TemplateName>(
                diesel::sql_query(format!(
                    "SELECT datname AS name FROM pg_database WHERE datname LIKE '{TEMPLATE_PREFIX}%'"
                )),
                &mut conn,
            )
            .expect("list templates")
            .into_iter()
            .map(|t| t.name)
            .filter(|n| stale_pid(n))
            .collect();
            for old in stale {
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {old} WITH (FORCE)"));
            }
            conn.batch_execute(&format!("CREATE DATABASE {name}"))
                .expect("create the template database");
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            let db = backend::startup::prepare_database(
                &prepare(format!("{base}/{name}"), data.path()),
                Arc::new(ManualClock::default()),
            )
            .await
            .expect("prepare the PostgreSQL template");
            drop(db);
            // No session may stay connected to a template while it is copied.
            conn.batch_execute(&format!(
                "ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false; \
                 SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
            ))
            .expect("close the template");
            Template::Postgres(name)
        }
    }
}

#[derive(diesel::QueryableByName)]
struct TemplateName {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

impl TestDatabase {
    /// A database as a first start leaves it (migrated and seeded with the demo province),
    /// copied from the run's template.
    pub async fn prepared(backend: Backend) -> Self {
        match template(backend).await {
            Template::Sqlite(file) => {
                let dir = tempfile::tempdir().expect("temp dir");
                let path = dir.path().join("test.db");
                std::fs::copy(file, &path).expect("copy the SQLite template");
                TestDatabase {
                    url: format!("sqlite://{}", path.display()),
                    _dir: Some(dir),
                    pg_name: None,
                }
            }
            Template::Postgres(template) => {
                let admin = postgres_admin_url();
                let name = format!("title_test_{}", uuid::Uuid::new_v4().simple());
                let mut conn = PgConnection::establish(&admin).unwrap_or_else(|e| {
                    panic!("PostgreSQL at {admin} is needed for this test: {e}")
                });
                conn.batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
                    .expect("create the test database from the template");
                let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
                TestDatabase {
                    url: format!("{base}/{name}"),
                    _dir: None,
                    pg_name: Some(name),
                }
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(name) = &self.pg_name {
            if let Ok(mut conn) = PgConnection::establish(&postgres_admin_url()) {
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// A running server and a client for it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Db,
    /// The server's clock: tests move it instead of sleeping.
    pub clock: ManualClock,
    /// The server's `DATA_DIR` (a temp folder unless the test set one).
    pub data_dir: PathBuf,
    _data: tempfile::TempDir,
    // Dropped last: the database outlives the server's use of it.
    _database: TestDatabase,
}

impl TestApp {
    /// The server's `DATABASE_URL` (for running the CLI against it).
    pub fn database_url(&self) -> &str {
        &self._database.url
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    /// `POST /api/v1/auth/login`.
    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        self.post_json(
            "/api/v1/auth/login",
            &json!({"username": username, "password": password}),
        )
        .await
    }

    /// Logs in with the demo password and returns the session.
    pub async fn login_as(&self, username: &str) -> LoginResponse {
        let res = self.login(username, backend::demo::DEMO_PASSWORD).await;
        assert_eq!(res.status(), 200, "login as {username}");
        res.json().await.expect("login JSON")
    }

    /// A GET with a bearer token.
    pub async fn get_as(&self, token: &str, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request")
    }

    /// A JSON POST with a bearer token.
    pub async fn post_as(
        &self,
        token: &str,
        path: &str,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    /// A JSON POST with a bearer token, taking the body by value (for closures).
    pub async fn post_owned(
        &self,
        token: &str,
        path: &str,
        body: serde_json::Value,
    ) -> reqwest::Response {
        self.post_as(token, path, &body).await
    }

    /// A JSON PUT with a bearer token.
    pub async fn put_as(
        &self,
        token: &str,
        path: &str,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        self.client
            .put(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    /// The access token of a demo account (demo password).
    pub async fn token(&self, username: &str) -> String {
        self.login_as(username).await.access_token
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request")
    }
}

/// Starts the real server on a free port with a fresh database, the SPA from `static_dir`
/// (an empty folder when `None`) and any extra environment settings.
pub async fn spawn_app_with(
    backend: Backend,
    static_dir: Option<PathBuf>,
    extra: &[(&str, &str)],
) -> TestApp {
    spawn_app_reaching(backend, static_dir, extra, &|url| url.to_owned()).await
}

/// [`spawn_app_with`], the server reaching its fresh database through `route(url)` (a proxy
/// in front of PostgreSQL, say).
pub async fn spawn_app_reaching(
    backend: Backend,
    static_dir: Option<PathBuf>,
    extra: &[(&str, &str)],
    route: &dyn Fn(&str) -> String,
) -> TestApp {
    // A first start's database, copied from the run's template, unless a setting changes what
    // the first start seeds.
    let seeds_differently = extra
        .iter()
        .any(|(k, _)| matches!(*k, "DEMO" | "JWT_SECRET"));
    let database = if seeds_differently {
        TestDatabase::new(backend)
    } else {
        TestDatabase::prepared(backend).await
    };
    let data = tempfile::tempdir().expect("temp data dir");
    let static_dir = static_dir.unwrap_or_else(|| PathBuf::from("/nonexistent-spa"));
    let mut vars: HashMap<String, String> = HashMap::from([
        ("DATABASE_URL".to_owned(), route(&database.url)),
        ("PORT".to_owned(), "0".to_owned()),
        ("HTTP_WORKERS".to_owned(), "1".to_owned()),
        ("DB_POOL_SIZE".to_owned(), "4".to_owned()),
        // The notice job runs when a test says so (`notices::job::run`), not on a timer.
        ("NOTICE_JOB_SECONDS".to_owned(), "0".to_owned()),
        ("STATIC_DIR".to_owned(), static_dir.display().to_string()),
        ("DATA_DIR".to_owned(), data.path().display().to_string()),
        (
            "DATA_ENCRYPTION_KEY_FILE".to_owned(),
            data_key_file().display().to_string(),
        ),
    ]);
    for (k, v) in extra {
        vars.insert((*k).to_owned(), (*v).to_owned());
    }
    let config = Config::from_lookup(|k| vars.get(k).cloned()).expect("test config");
    let data_dir = config.data_dir.clone();
    let clock = ManualClock::default();
    let app = Application::build_with_clock(config, Arc::new(clock.clone()))
        .await
        .expect("build the app");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.db();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        db,
        clock,
        data_dir,
        _data: data,
        _database: database,
    }
}

/// Starts a second server on `app`'s database and data folder, as a second instance behind a
/// load balancer would run; answers its address. It stops with the test.
pub async fn spawn_second_instance(app: &TestApp) -> String {
    let vars: HashMap<String, String> = HashMap::from([
        ("DATABASE_URL".to_owned(), app._database.url.clone()),
        ("PORT".to_owned(), "0".to_owned()),
        ("HTTP_WORKERS".to_owned(), "1".to_owned()),
        ("DB_POOL_SIZE".to_owned(), "4".to_owned()),
        // The notice job runs when a test says so (`notices::job::run`), not on a timer.
        ("NOTICE_JOB_SECONDS".to_owned(), "0".to_owned()),
        ("STATIC_DIR".to_owned(), "/nonexistent-spa".to_owned()),
        ("DATA_DIR".to_owned(), app.data_dir.display().to_string()),
        (
            "DATA_ENCRYPTION_KEY_FILE".to_owned(),
            data_key_file().display().to_string(),
        ),
    ]);
    let config = Config::from_lookup(|k| vars.get(k).cloned()).expect("test config");
    let second = Application::build_with_clock(config, Arc::new(app.clock.clone()))
        .await
        .expect("build the second instance");
    let address = format!("http://127.0.0.1:{}", second.port());
    tokio::spawn(second.run_until_stopped());
    address
}

/// Lifts the per-address sign-in limit (the security policy's `ip_login_limit`) to 10,000
/// for a measurement whose many logins all come from 127.0.0.1.
pub async fn lift_login_limit(app: &TestApp) {
    let sec = app.login_as("secadmin").await.access_token;
    let mut policy: serde_json::Value = app
        .get_as(&sec, "/api/v1/security-policy")
        .await
        .json()
        .await
        .expect("policy");
    policy["ip_login_limit"] = serde_json::json!(10_000);
    let put = app
        .client
        .put(app.url("/api/v1/security-policy"))
        .bearer_auth(&sec)
        .json(&policy)
        .send()
        .await
        .expect("put policy");
    assert_eq!(put.status(), 200);
}

/// Starts the real server with defaults.
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, None, &[]).await
}

/// How many migrations each engine's set holds (the folders under `migrations/<engine>`).
pub fn migration_count(backend: Backend) -> usize {
    let engine = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../migrations")
        .join(engine);
    std::fs::read_dir(dir)
        .expect("migrations folder")
        .filter(|e| e.as_ref().is_ok_and(|e| e.path().join("up.sql").is_file()))
        .count()
}

/// Sends `n` identical requests at once (`send` builds one) and returns each answer's status
/// and error `code` ("" on success), in completion order of the join.
pub async fn race<F, Fut>(n: usize, send: F) -> Vec<(u16, String)>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = reqwest::Response>,
{
    let answers = futures_util::future::join_all((0..n).map(|_| send())).await;
    let mut out = Vec::with_capacity(n);
    for res in answers {
        let status = res.status().as_u16();
        let body: serde_json::Value = res.json().await.unwrap_or(serde_json::Value::Null);
        out.push((status, body["code"].as_str().unwrap_or_default().to_owned()));
    }
    out
}

/// A race of identical versioned state changes: exactly one 200, every other answer 409
/// `version_conflict`.
pub fn assert_one_winner(answers: &[(u16, String)]) {
    let won = answers.iter().filter(|(s, _)| *s == 200).count();
    let lost = answers
        .iter()
        .filter(|(s, c)| *s == 409 && c == "version_conflict")
        .count();
    assert_eq!(
        (won, lost),
        (1, answers.len() - 1),
        "one 200, the rest 409 version_conflict: {answers:?}"
    );
}

/// Audit rows of `action` on one target.
pub async fn audit_rows(app: &TestApp, action: &'static str, target_id: i64) -> i64 {
    use backend::db::schema::audit_log;
    use diesel::prelude::*;
    app.db
        .run(move |conn| {
            Ok(audit_log::table
                .filter(audit_log::action.eq(action))
                .filter(audit_log::target_id.eq(target_id.to_string()))
                .count()
                .get_result(conn)?)
        })
        .await
        .expect("audit rows")
}

/// Status, error code ("" on success) and JSON body (`Null` when there is none).
pub async fn answer(res: reqwest::Response) -> (u16, String, serde_json::Value) {
    let status = res.status().as_u16();
    let body: serde_json::Value = res.json().await.unwrap_or(serde_json::Value::Null);
    (
        status,
        body["code"].as_str().unwrap_or_default().to_owned(),
        body,
    )
}

/// `POST path` with raw bytes as the body (an upload) and a bearer token: status, error code
/// ("" on success) and JSON body.
pub async fn post_bytes(
    app: &TestApp,
    token: &str,
    path: &str,
    bytes: Vec<u8>,
) -> (u16, String, serde_json::Value) {
    answer(
        app.client
            .post(app.url(path))
            .bearer_auth(token)
            .body(bytes)
            .send()
            .await
            .expect("upload"),
    )
    .await
}

/// A JSON request by method name with a bearer token (GET and DELETE send no body): status
/// and JSON body (`Null` when there is none).
pub async fn send(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let req = match method {
        "GET" => app.client.get(app.url(path)),
        "PATCH" => app.client.patch(app.url(path)).json(&body),
        "PUT" => app.client.put(app.url(path)).json(&body),
        "DELETE" => app.client.delete(app.url(path)),
        _ => app.client.post(app.url(path)).json(&body),
    };
    let res = req.bearer_auth(token).send().await.expect("request");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(serde_json::Value::Null))
}

/// [`send`] that must answer `status`; answers the body.
pub async fn expect(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    body: serde_json::Value,
    status: u16,
) -> serde_json::Value {
    let (got, answer) = send(app, token, method, path, body).await;
    assert_eq!(got, status, "{method} {path}: {answer}");
    answer
}

/// A GET that must answer 200; answers the body.
pub async fn get_ok(app: &TestApp, token: &str, path: &str) -> serde_json::Value {
    expect(app, token, "GET", path, serde_json::Value::Null, 200).await
}

/// A workbook cell as the screen shows it: numbers without a trailing `.0`, empty as "".
pub fn cell_text(c: &calamine::Data) -> String {
    match c {
        calamine::Data::Float(f) => format!("{f}"),
        calamine::Data::Int(i) => i.to_string(),
        calamine::Data::Empty => String::new(),
        other => other.to_string(),
    }
}
