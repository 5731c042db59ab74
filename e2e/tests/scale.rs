//! Several instances (issue 14, goal 3): two servers on one PostgreSQL database behind nginx,
//! the attachments in Garage, an S3-compatible object store — the production topology of
//! docs/DEPLOYMENT.md, on this machine.
//!
//! It proves what running more than one instance needs: no sticky sessions (nginx spreads one
//! session's requests over both instances), the sign-in limit counted across instances and per
//! real client behind the proxy, the idle timeout and a sign-out holding on every instance, a
//! file uploaded through one instance downloading through the other (and never touching an
//! instance's disk), the periodic job run by one instance per interval, and the audit chain
//! intact after both wrote to it.
//!
//! `make test-scale` (which `.ci/run` calls after `make test`) installs nginx and Garage when
//! they are missing and runs this test. It is `#[ignore]`d so that the browser journeys'
//! `cargo test -p e2e` does not start it without them.

use std::{
    collections::BTreeSet,
    fs,
    io::Read,
    net::{IpAddr, TcpListener},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use anyhow::{anyhow, bail, ensure, Context, Result};
use chrono::NaiveDateTime;
use serde_json::{json, Value};

/// A child process stopped when the test ends, however it ends.
struct Proc {
    name: String,
    child: Child,
}

impl Drop for Proc {
    fn drop(&mut self) {
        if let Err(e) = self.child.kill() {
            eprintln!("stopping {}: {e}", self.name);
        }
        drop(self.child.wait());
    }
}

/// The test database, dropped at the end.
struct Database {
    admin_url: String,
    name: String,
}

impl Drop for Database {
    fn drop(&mut self) {
        drop(psql(
            &self.admin_url,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        ));
    }
}

fn psql(url: &str, sql: &str) -> Result<String> {
    let out = Command::new("psql")
        .args([
            "-X",
            "-q",
            "-t",
            "-A",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            url,
            "-c",
            sql,
        ])
        .output()
        .context("running psql")?;
    ensure!(
        out.status.success(),
        "psql {sql:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn random_hex(bytes: usize) -> Result<String> {
    let mut buf = vec![0_u8; bytes];
    fs::File::open("/dev/urandom")?.read_exact(&mut buf)?;
    Ok(hex_string(&buf))
}

fn log_file(path: &Path) -> Result<(Stdio, Stdio)> {
    let file = fs::File::create(path)?;
    Ok((Stdio::from(file.try_clone()?), Stdio::from(file)))
}

fn tail(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

/// Waits until `url` answers (any status), the process is still running, or `within` passes.
async fn wait_answering(url: &str, proc: &mut Proc, log: &Path, within: Duration) -> Result<()> {
    let client = reqwest::Client::new();
    let until = Instant::now() + within;
    loop {
        if client.get(url).send().await.is_ok() {
            return Ok(());
        }
        if let Some(status) = proc.child.try_wait()? {
            bail!("{} exited with {status}:\n{}", proc.name, tail(log));
        }
        ensure!(
            Instant::now() < until,
            "{} did not answer at {url} within {within:?}:\n{}",
            proc.name,
            tail(log)
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn garage_bin() -> String {
    std::env::var("SCALE_GARAGE_BIN").unwrap_or_else(|_| "garage".to_owned())
}

fn garage(config: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new(garage_bin())
        .arg("-c")
        .arg(config)
        .args(args)
        .output()
        .with_context(|| format!("running garage {args:?}"))?;
    ensure!(
        out.status.success(),
        "garage {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The S3 store: one Garage node, one bucket, one key allowed to read and write it.
struct Store {
    _server: Proc,
    endpoint: String,
    bucket: String,
    key_id: String,
    secret: String,
}

async fn start_garage(dir: &Path) -> Result<Store> {
    let (s3, rpc, admin) = (free_port()?, free_port()?, free_port()?);
    let bucket = "title-attachments".to_owned();
    let key_id = format!("GK{}", random_hex(12)?);
    let secret = random_hex(32)?;
    let config = dir.join("garage.toml");
    fs::write(
        &config,
        format!(
            r#"metadata_dir = "{dir}/garage-meta"
data_dir = "{dir}/garage-data"
db_engine = "sqlite"
replication_factor = 1
rpc_bind_addr = "127.0.0.1:{rpc}"
rpc_public_addr = "127.0.0.1:{rpc}"
rpc_secret = "{secret}"

[s3_api]
s3_region = "garage"
api_bind_addr = "127.0.0.1:{s3}"
root_domain = ".s3.garage.localhost"

[admin]
api_bind_addr = "127.0.0.1:{admin}"
admin_token = "{token}"
"#,
            dir = dir.display(),
            secret = random_hex(32)?,
            token = random_hex(16)?,
        ),
    )?;
    let log = dir.join("garage.log");
    let (out, err) = log_file(&log)?;
    let mut server = Proc {
        name: "garage".into(),
        child: Command::new(garage_bin())
            .arg("-c")
            .arg(&config)
            .args(["server", "--single-node", "--default-bucket"])
            .env("GARAGE_DEFAULT_ACCESS_KEY", &key_id)
            .env("GARAGE_DEFAULT_SECRET_KEY", &secret)
            .env("GARAGE_DEFAULT_BUCKET", &bucket)
            .env("RUST_LOG", "garage=warn")
            .stdout(out)
            .stderr(err)
            .spawn()
            .context("starting garage (make test-scale installs it)")?,
    };
    let endpoint = format!("http://127.0.0.1:{s3}");
    wait_answering(&endpoint, &mut server, &log, Duration::from_secs(60)).await?;
    // The single-node layout, the bucket and the key are made by the server at start; ready
    // when the bucket is there.
    let until = Instant::now() + Duration::from_secs(60);
    while garage(&config, &["bucket", "info", &bucket]).is_err() {
        ensure!(
            Instant::now() < until,
            "garage made no bucket within a minute:\n{}",
            tail(&log)
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Ok(Store {
        _server: server,
        endpoint,
        bucket,
        key_id,
        secret,
    })
}

/// One server instance.
struct Instance {
    proc: Proc,
    port: u16,
    data_dir: PathBuf,
    log: PathBuf,
}

impl Instance {
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

fn backend_bin() -> PathBuf {
    std::env::var_os("E2E_BACKEND_BIN").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/backend"),
        PathBuf::from,
    )
}

async fn start_instance(name: &str, dir: &Path, env: &[(String, String)]) -> Result<Instance> {
    let port = free_port()?;
    let data_dir = dir.join(name);
    fs::create_dir_all(&data_dir)?;
    let log = dir.join(format!("{name}.log"));
    let (out, err) = log_file(&log)?;
    let mut proc = Proc {
        name: name.to_owned(),
        child: Command::new(backend_bin())
            .arg("serve")
            .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env("PORT", port.to_string())
            .env("DATA_DIR", &data_dir)
            .stdout(out)
            .stderr(err)
            .spawn()
            .with_context(|| format!("starting {}", backend_bin().display()))?,
    };
    let health = format!("http://127.0.0.1:{port}/api/health");
    wait_answering(&health, &mut proc, &log, Duration::from_secs(120)).await?;
    Ok(Instance {
        proc,
        port,
        data_dir,
        log,
    })
}

fn start_nginx(dir: &Path, port: u16, backends: &[u16]) -> Result<Proc> {
    let root = dir.join("nginx");
    fs::create_dir_all(root.join("tmp"))?;
    let servers: String = backends
        .iter()
        .map(|p| format!("        server 127.0.0.1:{p};\n"))
        .collect();
    let conf = root.join("nginx.conf");
    fs::write(
        &conf,
        format!(
            r#"daemon off;
worker_processes 1;
user root;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {root}/tmp/body;
    proxy_temp_path {root}/tmp/proxy;
    fastcgi_temp_path {root}/tmp/fastcgi;
    uwsgi_temp_path {root}/tmp/uwsgi;
    scgi_temp_path {root}/tmp/scgi;
    upstream title {{
{servers}        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 40m;
        location / {{
            proxy_pass http://title;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_request_buffering off;
            proxy_buffering off;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"#,
            root = root.display(),
        ),
    )?;
    let nginx = std::env::var("SCALE_NGINX_BIN").unwrap_or_else(|_| "/usr/sbin/nginx".into());
    let (out, err) = log_file(&root.join("stderr.log"))?;
    let child = Command::new(&nginx)
        .arg("-p")
        .arg(&root)
        .arg("-c")
        .arg(&conf)
        .arg("-e")
        .arg(root.join("error.log"))
        .stdout(out)
        .stderr(err)
        .spawn()
        .with_context(|| format!("starting {nginx} (make test-scale installs it)"))?;
    Ok(Proc {
        name: "nginx".into(),
        child,
    })
}

/// A client whose requests leave from `addr` (127.0.0.2, .3, …: distinct clients to nginx and
/// to the instances, none of them the trusted proxy's 127.0.0.1).
fn client_from(addr: &str) -> Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .local_address(addr.parse::<IpAddr>()?)
        .timeout(Duration::from_secs(120))
        .build()?)
}

async fn login(client: &reqwest::Client, base: &str, user: &str, password: &str) -> Result<Value> {
    let res = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({ "username": user, "password": password }))
        .send()
        .await?;
    let status = res.status();
    let body: Value = res.json().await?;
    ensure!(status == 200, "login {user} at {base}: {status} {body}");
    Ok(body)
}

fn text<'a>(v: &'a Value, field: &str) -> Result<&'a str> {
    v[field]
        .as_str()
        .ok_or_else(|| anyhow!("no {field} in {v}"))
}

async fn me_status(client: &reqwest::Client, base: &str, token: &str) -> Result<u16> {
    Ok(client
        .get(format!("{base}/api/v1/auth/me"))
        .bearer_auth(token)
        .send()
        .await?
        .status()
        .as_u16())
}

async fn refresh(client: &reqwest::Client, base: &str, token: &str) -> Result<(u16, Value)> {
    let res = client
        .post(format!("{base}/api/v1/auth/refresh"))
        .json(&json!({ "refresh_token": token }))
        .send()
        .await?;
    let status = res.status().as_u16();
    Ok((status, res.json().await.unwrap_or(Value::Null)))
}

async fn advance(client: &reqwest::Client, instances: &[&Instance], minutes: i64) -> Result<()> {
    for i in instances {
        let res = client
            .post(i.url("/api/test/clock/advance"))
            .json(&json!({ "minutes": minutes }))
            .send()
            .await?;
        ensure!(
            res.status() == 200,
            "advancing {}: {}",
            i.proc.name,
            res.status()
        );
    }
    Ok(())
}

fn pdf(len: usize, seed: u8) -> Vec<u8> {
    let mut v = b"%PDF-1.7\n".to_vec();
    v.extend(
        (0..len.saturating_sub(v.len()))
            .map(|i| u8::try_from(i % 251).unwrap_or(0).wrapping_add(seed)),
    );
    v
}

async fn upload(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    name: &str,
    body: Vec<u8>,
) -> Result<i64> {
    let res = client
        .post(format!(
            "{base}/api/v1/unit-attachments?file_name={name}&description=scale"
        ))
        .bearer_auth(token)
        .header("Content-Type", "application/octet-stream")
        .body(body)
        .send()
        .await?;
    let status = res.status();
    let body: Value = res.json().await?;
    ensure!(
        status == 201 || status == 200,
        "upload at {base}: {status} {body}"
    );
    body["id"]
        .as_i64()
        .ok_or_else(|| anyhow!("no id in {body}"))
}

async fn download(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    id: i64,
) -> Result<(u16, Vec<u8>)> {
    let res = client
        .get(format!("{base}/api/v1/attachments/{id}/content"))
        .bearer_auth(token)
        .send()
        .await?;
    let status = res.status().as_u16();
    Ok((status, res.bytes().await?.to_vec()))
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex_string(&sha2::Sha256::digest(bytes))
}

fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Files under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The job runs each instance's log says it won: (due time, instance).
fn job_wins(instances: &[&Instance]) -> Result<Vec<(String, String)>> {
    let mut wins = Vec::new();
    for i in instances {
        for line in fs::read_to_string(&i.log)?.lines() {
            let Ok(v) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            if v["fields"]["message"] == "this instance runs the job"
                && v["fields"]["job"] == "notices"
            {
                wins.push((text(&v["fields"], "due")?.to_owned(), i.proc.name.clone()));
            }
        }
    }
    wins.sort();
    Ok(wins)
}

#[tokio::test]
#[ignore = "needs nginx, Garage and PostgreSQL: `make test-scale` installs them and runs it"]
async fn two_instances_behind_nginx_share_sessions_limits_files_and_jobs() -> Result<()> {
    let started = Instant::now();
    let dir = tempfile::tempdir()?;
    let dir = dir.path();
    let pg = std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let name = format!("title_scale_{}", std::process::id());
    psql(&pg, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
    psql(&pg, &format!("CREATE DATABASE {name}"))?;
    let db = Database {
        admin_url: pg.clone(),
        name: name.clone(),
    };
    let database_url = match pg.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{}", db.name),
        None => bail!("TEST_POSTGRES_URL without a database: {pg}"),
    };

    let store = start_garage(dir).await?;
    println!(
        "garage ready at {} after {:?}",
        store.endpoint,
        started.elapsed()
    );

    // The keys every instance must share (in production: mounted secrets).
    let secrets = dir.join("secrets");
    fs::create_dir_all(&secrets)?;
    let key = |file: &str, text: String| -> Result<String> {
        let path = secrets.join(file);
        fs::write(&path, text)?;
        Ok(path.display().to_string())
    };
    let nginx_port = free_port()?;
    let static_dir = dir.join("static");
    fs::create_dir_all(&static_dir)?;
    let env: Vec<(String, String)> = [
        ("DATABASE_URL", database_url.clone()),
        ("BIND", "127.0.0.1".into()),
        ("STATIC_DIR", static_dir.display().to_string()),
        ("DEMO", "1".into()),
        ("STORAGE", "s3".into()),
        ("S3_ENDPOINT", store.endpoint.clone()),
        ("S3_BUCKET", store.bucket.clone()),
        ("S3_REGION", "garage".into()),
        ("S3_ACCESS_KEY_ID", store.key_id.clone()),
        ("S3_SECRET_ACCESS_KEY", store.secret.clone()),
        ("S3_PREFIX", "title".into()),
        ("TRUSTED_PROXIES", "127.0.0.1".into()),
        ("TEST_CLOCK_CONTROL", "1".into()),
        ("NOTICE_JOB_SECONDS", "1".into()),
        ("AUDIT_CHECKPOINT_MINUTES", "0".into()),
        ("SWEEP_INTERVAL_SECS", "0".into()),
        ("PUBLIC_BASE_URL", format!("http://127.0.0.1:{nginx_port}")),
        ("AUDIT_SIGNING_KEY_FILE", key("audit.key", random_hex(32)?)?),
        (
            "CERTIFICATE_SIGNING_KEY_FILE",
            key("certificate.key", random_hex(32)?)?,
        ),
        (
            "DATA_ENCRYPTION_KEY_FILE",
            key(
                "data.keys",
                format!("1:{}\nindex:{}\n", random_hex(32)?, random_hex(32)?),
            )?,
        ),
        ("HTTP_WORKERS", "2".into()),
        ("DB_POOL_SIZE", "5".into()),
        ("LOG_FORMAT", "json".into()),
        ("RUST_LOG", "info,backend::jobs=debug".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    // Both start at once on the empty database: one migrates, makes the token secret and
    // seeds the demo under the startup lock; the other waits and finds all of it done.
    let (a, b) = tokio::join!(
        start_instance("instance-a", dir, &env),
        start_instance("instance-b", dir, &env)
    );
    let (a, b) = (a?, b?);
    println!("instances ready after {:?}", started.elapsed());
    let _nginx = start_nginx(dir, nginx_port, &[a.port, b.port])?;
    let lb = format!("http://127.0.0.1:{nginx_port}");
    let (a_url, b_url) = (a.url(""), b.url(""));
    let until = Instant::now() + Duration::from_secs(20);
    while reqwest::get(format!("{lb}/api/health")).await.is_err() {
        ensure!(
            Instant::now() < until,
            "nginx did not answer:\n{}",
            tail(&dir.join("nginx/error.log"))
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let accounts = e2e::demo_accounts()?;
    let uploader = accounts
        .iter()
        .find(|a| a.unit_kind == "employer" && a.kind == "unit")
        .ok_or_else(|| anyhow!("no employer's unit account in the demo"))?;
    let client = client_from("127.0.0.2")?;

    // 1. No sticky sessions: one session's requests through nginx land on both instances.
    let session = login(&client, &lb, &uploader.username, &uploader.password).await?;
    let token = text(&session, "access_token")?.to_owned();
    let mut upstreams = BTreeSet::new();
    for _ in 0..12 {
        let res = client
            .get(format!("{lb}/api/v1/auth/me"))
            .bearer_auth(&token)
            .send()
            .await?;
        ensure!(res.status() == 200, "me through nginx: {}", res.status());
        if let Some(up) = res.headers().get("x-upstream") {
            upstreams.insert(up.to_str()?.to_owned());
        }
    }
    let expected: BTreeSet<String> = [a.port, b.port]
        .iter()
        .map(|p| format!("127.0.0.1:{p}"))
        .collect();
    ensure!(
        upstreams == expected,
        "nginx used {upstreams:?}, not both of {expected:?}"
    );
    println!("1. one session served by both instances: {upstreams:?}");

    // 2. Files: uploaded through one instance, downloaded through the other and nginx; one
    // larger than a part goes up as a multipart upload. No instance's disk holds any of them.
    let small = pdf(100_000, 1);
    let large = pdf(9 * 1024 * 1024 + 17, 2);
    let small_id = upload(&client, &a_url, &token, "small.pdf", small.clone()).await?;
    let large_id = upload(&client, &b_url, &token, "large.pdf", large.clone()).await?;
    for (id, bytes, other) in [(small_id, &small, &b_url), (large_id, &large, &a_url)] {
        for base in [other.as_str(), lb.as_str()] {
            let (status, got) = download(&client, base, &token, id).await?;
            ensure!(status == 200, "download {id} at {base}: {status}");
            ensure!(
                &got == bytes,
                "download {id} at {base}: {} bytes differ",
                got.len()
            );
        }
    }
    for i in [&a, &b] {
        let attachments = i.data_dir.join("attachments");
        ensure!(
            files_under(&attachments).is_empty(),
            "{} kept files on its disk: {:?}",
            i.proc.name,
            files_under(&attachments)
        );
    }
    // Both instances list the same files with the same hashes.
    for base in [&a_url, &b_url] {
        let res = client
            .get(format!("{base}/api/v1/unit-attachments"))
            .bearer_auth(&token)
            .send()
            .await?;
        ensure!(res.status() == 200, "list at {base}: {}", res.status());
        let page: Value = res.json().await?;
        let listed: BTreeSet<(i64, String)> = page["items"]
            .as_array()
            .ok_or_else(|| anyhow!("no items in {page}"))?
            .iter()
            .map(|f| {
                Ok((
                    f["id"].as_i64().unwrap_or_default(),
                    text(f, "sha256")?.to_owned(),
                ))
            })
            .collect::<Result<_>>()?;
        let expected: BTreeSet<(i64, String)> = [(small_id, &small), (large_id, &large)]
            .iter()
            .map(|(id, bytes)| (*id, sha256_hex(bytes)))
            .collect();
        ensure!(
            listed == expected,
            "{base} lists {listed:?}, not {expected:?}"
        );
    }
    println!("2. files shared through the object store (9 MiB in parts), none on disk");

    // 3. Sign-out: a session ended through A is refused by B, access and refresh token alike.
    let other = login(&client, &a_url, &uploader.username, &uploader.password).await?;
    let (access, refresh_token) = (
        text(&other, "access_token")?,
        text(&other, "refresh_token")?,
    );
    ensure!(
        me_status(&client, &b_url, access).await? == 200,
        "B refused A's fresh token"
    );
    let res = client
        .post(format!("{a_url}/api/v1/auth/logout"))
        .bearer_auth(access)
        .json(&json!({ "refresh_token": refresh_token }))
        .send()
        .await?;
    ensure!(res.status() == 204, "logout at A: {}", res.status());
    ensure!(
        me_status(&client, &b_url, access).await? == 401,
        "B took a signed-out token"
    );
    ensure!(
        refresh(&client, &b_url, refresh_token).await?.0 == 401,
        "B refreshed a signed-out session"
    );
    ensure!(
        me_status(&client, &lb, &token).await? == 200,
        "the other session was ended too"
    );
    println!("3. a sign-out through A holds on B");

    // 4. The sign-in limit (50 per address per 5 minutes by default) counts attempts on both
    // instances together, and behind nginx per real client, not per proxy.
    let limit = 50;
    let direct = client_from("127.0.0.3")?;
    for n in 0..limit {
        let base = if n % 2 == 0 { &a_url } else { &b_url };
        let res = direct
            .post(format!("{base}/api/v1/auth/login"))
            .json(&json!({ "username": format!("nobody{n}"), "password": "wrong-password" }))
            .send()
            .await?;
        ensure!(
            res.status() == 401,
            "attempt {n} at {base}: {}",
            res.status()
        );
    }
    for base in [&a_url, &b_url] {
        let res = direct
            .post(format!("{base}/api/v1/auth/login"))
            .json(&json!({ "username": "nobody", "password": "wrong-password" }))
            .send()
            .await?;
        ensure!(
            res.status() == 429,
            "attempt {} at {base}: {}",
            limit + 1,
            res.status()
        );
    }
    let behind = client_from("127.0.0.4")?;
    for n in 0..limit {
        let res = behind
            .post(format!("{lb}/api/v1/auth/login"))
            .json(&json!({ "username": format!("nobody{n}"), "password": "wrong-password" }))
            .send()
            .await?;
        ensure!(
            res.status() == 401,
            "attempt {n} through nginx: {}",
            res.status()
        );
    }
    let res = behind
        .post(format!("{lb}/api/v1/auth/login"))
        .json(&json!({ "username": "nobody", "password": "wrong-password" }))
        .send()
        .await?;
    ensure!(
        res.status() == 429,
        "attempt {} through nginx: {}",
        limit + 1,
        res.status()
    );
    // Another client behind the same proxy still signs in, even claiming to be the blocked one.
    let res = client
        .post(format!("{lb}/api/v1/auth/login"))
        .header("X-Forwarded-For", "127.0.0.4")
        .json(&json!({ "username": uploader.username, "password": uploader.password }))
        .send()
        .await?;
    ensure!(
        res.status() == 200,
        "a different client behind nginx: {}",
        res.status()
    );
    println!("4. the sign-in limit holds across instances and per client behind nginx");

    // 5. The idle timeout (30 minutes): activity on either instance keeps the session alive on
    // the other; 31 idle minutes end it everywhere.
    let s = login(&client, &a_url, &uploader.username, &uploader.password).await?;
    let r0 = text(&s, "refresh_token")?.to_owned();
    advance(&client, &[&a, &b], 20).await?;
    let (status, r1) = refresh(&client, &b_url, &r0).await?;
    ensure!(
        status == 200,
        "refresh at B after 20 minutes: {status} {r1}"
    );
    advance(&client, &[&a, &b], 20).await?;
    let (status, r2) = refresh(&client, &a_url, text(&r1, "refresh_token")?).await?;
    ensure!(
        status == 200,
        "refresh at A 40 minutes after sign-in, 20 after B's: {status} {r2}"
    );
    advance(&client, &[&a, &b], 31).await?;
    let (status, gone) = refresh(&client, &b_url, text(&r2, "refresh_token")?).await?;
    ensure!(
        status == 401,
        "refresh at B after 31 idle minutes: {status} {gone}"
    );
    println!("5. the idle timeout holds across instances");

    // 6. The periodic job (every second on both instances) runs once per interval: wait for a
    // few runs, then no two runs may share an interval.
    let until = Instant::now() + Duration::from_secs(30);
    let wins = loop {
        let wins = job_wins(&[&a, &b])?;
        if wins.len() >= 6 {
            break wins;
        }
        ensure!(
            Instant::now() < until,
            "the notice job ran {} times in 30 s",
            wins.len()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    let due: Vec<NaiveDateTime> = wins
        .iter()
        .map(|(d, _)| {
            NaiveDateTime::parse_from_str(d, "%Y-%m-%d %H:%M:%S%.f")
                .with_context(|| format!("a due time {d:?}"))
        })
        .collect::<Result<_>>()?;
    for pair in due.windows(2) {
        ensure!(
            pair[1] - pair[0] >= chrono::Duration::seconds(1),
            "two runs of the notice job within one interval: {wins:?}"
        );
    }
    let winners: BTreeSet<&str> = wins.iter().map(|(_, i)| i.as_str()).collect();
    println!(
        "6. {} runs of the notice job, one per interval, by {winners:?}",
        wins.len()
    );

    // 7. The audit chain both instances appended to verifies.
    let out = Command::new(backend_bin())
        .args(["audit", "verify"])
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .output()?;
    ensure!(
        out.status.success(),
        "audit verify: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("7. audit verify passed; whole test {:?}", started.elapsed());
    drop(db);
    Ok(())
}
