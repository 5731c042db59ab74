//! Several server instances on this machine, as a province runs them (docs/DEPLOYMENT.md):
//! one PostgreSQL database (or SQLite for one instance), attachments in Garage (an S3-compatible
//! store) or on the disk, nginx in front. Used by the multi-instance test (`tests/scale.rs`) and
//! by the load test's `cluster` program (`src/bin/cluster.rs`, `make load`).
//!
//! Everything started is stopped, and the database dropped, when the [`Cluster`] is dropped.
//! Inputs: `E2E_BACKEND_BIN` (default `target/debug/backend`), `TEST_POSTGRES_URL`,
//! `SCALE_GARAGE_BIN` (default `garage` on PATH), `SCALE_NGINX_BIN` (default `/usr/sbin/nginx`).

use std::{
    fs,
    io::Read,
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use anyhow::{bail, ensure, Context, Result};

/// A child process stopped when the test ends, however it ends.
pub struct Proc {
    /// What it is, for messages.
    pub name: String,
    /// The process.
    pub child: Child,
}

impl Drop for Proc {
    fn drop(&mut self) {
        // SIGTERM first: nginx's master stops its workers only when asked (a SIGKILLed master
        // leaves them running); SIGKILL whatever is still there after five seconds.
        let asked = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        let until = Instant::now() + Duration::from_secs(5);
        while asked && Instant::now() < until {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
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

/// Runs one SQL statement with `psql` against `url`; answers its unaligned output.
pub fn psql(url: &str, sql: &str) -> Result<String> {
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

/// A port on 127.0.0.1 nobody listens on now.
pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// `bytes` random bytes as hex.
pub fn random_hex(bytes: usize) -> Result<String> {
    let mut buf = vec![0_u8; bytes];
    fs::File::open("/dev/urandom")?.read_exact(&mut buf)?;
    Ok(hex_string(&buf))
}

fn log_file(path: &Path) -> Result<(Stdio, Stdio)> {
    let file = fs::File::create(path)?;
    Ok((Stdio::from(file.try_clone()?), Stdio::from(file)))
}

/// The last 40 lines of a log, for a failure's message.
pub fn tail(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

/// Waits until `url` answers (any status); fails when the process exits or `within` passes.
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
pub struct Store {
    _server: Proc,
    /// The S3 endpoint.
    pub endpoint: String,
    /// The bucket.
    pub bucket: String,
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
pub struct Instance {
    /// The server process.
    pub proc: Proc,
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// Its `DATA_DIR`.
    pub data_dir: PathBuf,
    /// Its log (stdout and stderr).
    pub log: PathBuf,
}

impl Instance {
    /// `http://127.0.0.1:<port><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

/// The server binary: `E2E_BACKEND_BIN`, default `target/debug/backend`.
pub fn backend_bin() -> PathBuf {
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

fn start_nginx(dir: &Path, port: u16, backends: &[u16], edge: bool) -> Result<Proc> {
    // In production nginx is the edge and writes the header itself; behind an edge it appends.
    let forwarded = if edge {
        "$proxy_add_x_forwarded_for"
    } else {
        "$remote_addr"
    };
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
            proxy_set_header X-Forwarded-For {forwarded};
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

/// Lowercase hex of `bytes`.
pub fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What to start.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many server instances (≥ 1; more than one needs PostgreSQL).
    pub instances: usize,
    /// PostgreSQL (a fresh database on `TEST_POSTGRES_URL`'s server) rather than SQLite.
    pub postgres: bool,
    /// Attachments in Garage (`STORAGE=s3`) rather than on the disk.
    pub s3: bool,
    /// nginx in front, round robin.
    pub nginx: bool,
    /// The clients arrive through an edge proxy at 127.0.0.1 that names each of them in
    /// `X-Forwarded-For` (the load test's simulated citizens): every instance trusts 127.0.0.1,
    /// and nginx appends to the header instead of replacing it.
    pub edge: bool,
    /// Settings added to (or replacing) the defaults of every instance.
    pub env: Vec<(String, String)>,
}

/// A running topology. Fields drop in order: nginx, the instances, the store, the database,
/// then the folder everything lived in.
pub struct Cluster {
    nginx: Option<Proc>,
    /// nginx's port, when there is one.
    pub nginx_port: Option<u16>,
    /// The instances.
    pub instances: Vec<Instance>,
    /// The object store, when `s3`.
    pub store: Option<Store>,
    _database: Option<Database>,
    /// The settings every instance got (for CLI commands against the same database).
    pub env: Vec<(String, String)>,
    /// The folder of logs, keys and data.
    pub dir: tempfile::TempDir,
}

impl Cluster {
    /// Starts what `options` asks for; every instance at once (the startup lock orders them).
    pub async fn start(options: Options) -> Result<Cluster> {
        ensure!(options.instances >= 1, "at least one instance");
        ensure!(
            options.postgres || options.instances == 1,
            "several instances need PostgreSQL"
        );
        let dir = tempfile::tempdir()?;
        let path = dir.path().to_path_buf();
        let (database, database_url) = if options.postgres {
            let pg = std::env::var("TEST_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
            let name = format!("title_cluster_{}_{}", std::process::id(), random_hex(4)?);
            psql(&pg, &format!("CREATE DATABASE {name}"))?;
            let url = match pg.rsplit_once('/') {
                Some((server, _)) => format!("{server}/{name}"),
                None => bail!("TEST_POSTGRES_URL without a database: {pg}"),
            };
            (
                Some(Database {
                    admin_url: pg,
                    name,
                }),
                url,
            )
        } else {
            (None, format!("sqlite://{}/title.db", path.display()))
        };
        let store = if options.s3 {
            Some(start_garage(&path).await?)
        } else {
            None
        };
        let secrets = path.join("secrets");
        fs::create_dir_all(&secrets)?;
        let key = |file: &str, text: String| -> Result<String> {
            let p = secrets.join(file);
            fs::write(&p, text)?;
            Ok(p.display().to_string())
        };
        let nginx_port = if options.nginx {
            Some(free_port()?)
        } else {
            None
        };
        let static_dir = path.join("static");
        fs::create_dir_all(&static_dir)?;
        let mut env: Vec<(String, String)> = vec![
            ("DATABASE_URL".into(), database_url),
            ("BIND".into(), "127.0.0.1".into()),
            ("STATIC_DIR".into(), static_dir.display().to_string()),
            ("DEMO".into(), "1".into()),
            ("AUDIT_CHECKPOINT_MINUTES".into(), "0".into()),
            ("SWEEP_INTERVAL_SECS".into(), "0".into()),
            (
                "AUDIT_SIGNING_KEY_FILE".into(),
                key("audit.key", random_hex(32)?)?,
            ),
            (
                "CERTIFICATE_SIGNING_KEY_FILE".into(),
                key("certificate.key", random_hex(32)?)?,
            ),
            (
                "DATA_ENCRYPTION_KEY_FILE".into(),
                key(
                    "data.keys",
                    format!("1:{}\nindex:{}\n", random_hex(32)?, random_hex(32)?),
                )?,
            ),
            ("LOG_FORMAT".into(), "json".into()),
        ];
        if nginx_port.is_some() || options.edge {
            env.push(("TRUSTED_PROXIES".into(), "127.0.0.1".into()));
        }
        if let Some(port) = nginx_port {
            env.push(("PUBLIC_BASE_URL".into(), format!("http://127.0.0.1:{port}")));
        }
        if let Some(store) = &store {
            env.extend([
                ("STORAGE".into(), "s3".into()),
                ("S3_ENDPOINT".into(), store.endpoint.clone()),
                ("S3_BUCKET".into(), store.bucket.clone()),
                ("S3_REGION".into(), "garage".into()),
                ("S3_ACCESS_KEY_ID".into(), store.key_id.clone()),
                ("S3_SECRET_ACCESS_KEY".into(), store.secret.clone()),
                ("S3_PREFIX".into(), "title".into()),
            ]);
        }
        for (k, v) in options.env {
            env.retain(|(name, _)| *name != k);
            env.push((k, v));
        }
        let starts = (0..options.instances).map(|i| {
            let name = format!(
                "instance-{}",
                char::from(b'a' + u8::try_from(i % 26).unwrap_or(0))
            );
            let (path, env) = (path.clone(), env.clone());
            async move { start_instance(&name, &path, &env).await }
        });
        let instances = futures_util::future::join_all(starts)
            .await
            .into_iter()
            .collect::<Result<Vec<_>>>()?;
        let nginx = match nginx_port {
            Some(port) => {
                let ports: Vec<u16> = instances.iter().map(|i| i.port).collect();
                let proc = start_nginx(&path, port, &ports, options.edge)?;
                let url = format!("http://127.0.0.1:{port}/api/health");
                let until = Instant::now() + Duration::from_secs(20);
                while reqwest::get(&url).await.is_err() {
                    ensure!(
                        Instant::now() < until,
                        "nginx did not answer:\n{}",
                        tail(&path.join("nginx/error.log"))
                    );
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Some(proc)
            }
            None => None,
        };
        Ok(Cluster {
            nginx,
            nginx_port,
            instances,
            store,
            _database: database,
            env,
            dir,
        })
    }

    /// Where clients go: nginx when there is one, else the first instance.
    pub fn entry(&self) -> String {
        match (self.nginx_port, self.instances.first()) {
            (Some(port), _) => format!("http://127.0.0.1:{port}"),
            (None, Some(i)) => i.url(""),
            (None, None) => String::new(),
        }
    }

    /// Whether nginx is running (it is for as long as the cluster lives).
    pub fn has_nginx(&self) -> bool {
        self.nginx.is_some()
    }
}
