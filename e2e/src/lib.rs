//! The browser-journey harness, used by the journeys in `tests/`. It builds nothing: it starts
//! the already-built backend binary on a free port with a fresh SQLite database and the built
//! SPA, starts ChromeDriver + headless Chromium, and saves a screenshot per step under
//! `e2e/screenshots/<journey>/`.
//!
//! Inputs: `E2E_BACKEND_BIN` (default `target/debug/backend`), `E2E_STATIC_DIR` (default
//! `frontend/dist`), `CHROMIUM` (default `/usr/bin/chromium`), `CHROMEDRIVER` (default
//! `chromedriver` on PATH).

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    process::Stdio,
    time::Duration,
};

use anyhow::{anyhow, bail, ensure, Context, Result};
use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
};

/// How long any one wait for the page may take before the step fails.
const WAIT: Duration = Duration::from_secs(20);

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

fn env_path(var: &str, default: PathBuf) -> PathBuf {
    std::env::var_os(var).map_or(default, PathBuf::from)
}

/// Starts `cmd` and returns it once a line of its output contains `marker`, with that line.
async fn start_and_wait_for(mut cmd: Command, marker: &str, what: &str) -> Result<(Child, String)> {
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    let mut child = cmd.spawn().with_context(|| format!("starting {what}"))?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| anyhow!("{what}: no stdout"))?;
    let mut lines = BufReader::new(stdout).lines();
    let found = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await? {
            if line.contains(marker) {
                return Ok::<_, std::io::Error>(Some(line));
            }
        }
        Ok(None)
    })
    .await
    .with_context(|| format!("{what} did not start within 60 s"))??;
    let line = found.ok_or_else(|| anyhow!("{what} exited before it was ready"))?;
    // Keep draining so the child never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok((child, line))
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// One journey's world: server, browser, screenshots.
pub struct Journey {
    pub base: String,
    pub client: Client,
    shots: PathBuf,
    step: u32,
    _server: Child,
    _driver: Child,
    _tmp: tempfile::TempDir,
}

impl Journey {
    /// Starts everything for the journey called `name`.
    pub async fn start(name: &str) -> Result<Self> {
        let root = workspace_root();
        let bin = env_path("E2E_BACKEND_BIN", root.join("target/debug/backend"));
        let dist = env_path("E2E_STATIC_DIR", root.join("frontend/dist"));
        if !bin.is_file() {
            bail!(
                "no backend binary at {} (run `make test`, or `cargo build -p backend`)",
                bin.display()
            );
        }
        if !dist.join("index.html").is_file() {
            bail!(
                "no built SPA in {} (run `scripts/build-frontend.sh`)",
                dist.display()
            );
        }
        let tmp = tempfile::tempdir()?;

        let mut server = Command::new(&bin);
        server
            .arg("serve")
            .env(
                "DATABASE_URL",
                format!("sqlite://{}", tmp.path().join("e2e.db").display()),
            )
            .env("PORT", "0")
            .env("BIND", "127.0.0.1")
            .env("STATIC_DIR", &dist)
            .env("HTTP_WORKERS", "2")
            // Journeys let publicity periods elapse by moving the server's clock.
            .env("TEST_CLOCK_CONTROL", "1")
            .env("RUST_LOG", "warn");
        let (server, line) =
            start_and_wait_for(server, "listening on http://", "the backend").await?;
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .ok_or_else(|| anyhow!("no URL in {line:?}"))?
            .trim_end_matches('/')
            .to_owned();

        let port = free_port()?;
        let mut driver =
            Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()));
        driver.arg(format!("--port={port}"));
        let (driver, _) =
            start_and_wait_for(driver, "started successfully", "chromedriver").await?;

        let profile = tmp.path().join("chromium-profile");
        let caps = json!({
            "goog:chromeOptions": {
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1366,768",
                    "--lang=zh-CN", format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": { "intl.accept_languages": "zh-CN,zh" }
            }
        });
        let caps = caps
            .as_object()
            .cloned()
            .ok_or_else(|| anyhow!("capabilities are an object"))?;
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .context("opening a Chromium session")?;

        let shots = root.join("e2e/screenshots").join(name);
        if shots.exists() {
            std::fs::remove_dir_all(&shots)?;
        }
        std::fs::create_dir_all(&shots)?;
        Ok(Journey {
            base,
            client,
            shots,
            step: 0,
            _server: server,
            _driver: driver,
            _tmp: tmp,
        })
    }

    /// Moves the server's clock forward by `days` (the server runs with `TEST_CLOCK_CONTROL=1`).
    /// Sessions older than the token lifetime end with it: sign in again afterwards.
    pub async fn advance_clock(&self, days: i64) -> Result<()> {
        let status = self
            .client
            .execute_async(
                "const [days, done] = arguments;
                 fetch('/api/test/clock/advance', {method: 'POST',
                   headers: {'content-type': 'application/json'},
                   body: JSON.stringify({days})})
                 .then(r => done(r.status)).catch(e => done(String(e)));",
                vec![json!(days)],
            )
            .await
            .context("advancing the server clock")?;
        ensure!(
            status == json!(200),
            "advancing the clock answered {status}"
        );
        Ok(())
    }

    /// Opens a path of the SPA.
    pub async fn open(&self, path: &str) -> Result<()> {
        self.client
            .goto(&format!("{}{}", self.base, path))
            .await
            .with_context(|| format!("opening {path}"))
    }

    /// Waits for the element with this `data-testid`.
    pub async fn find(&self, testid: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("[data-testid='{testid}']")))
            .await
            .with_context(|| format!("waiting for [data-testid={testid}]"))
    }

    /// Waits until the element with this `data-testid` shows text containing `text`.
    pub async fn wait_text(&self, testid: &str, text: &str) -> Result<Element> {
        let xpath = format!("//*[@data-testid='{testid}'][contains(normalize-space(.), '{text}')]");
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(&xpath))
            .await
            .with_context(|| format!("waiting for [data-testid={testid}] to show {text:?}"))
    }

    /// Waits until `<html lang>` is `lang`.
    pub async fn wait_lang(&self, lang: &str) -> Result<()> {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("html[lang='{lang}']")))
            .await
            .with_context(|| format!("waiting for <html lang={lang}>"))?;
        Ok(())
    }

    /// Clicks the element with this `data-testid`.
    pub async fn click(&self, testid: &str) -> Result<()> {
        self.find(testid)
            .await?
            .click()
            .await
            .with_context(|| format!("clicking {testid}"))
    }

    /// Saves `NN-<label>.png` for this step.
    pub async fn screenshot(&mut self, label: &str) -> Result<()> {
        self.step += 1;
        let png = self
            .client
            .screenshot()
            .await
            .context("taking a screenshot")?;
        let file = self.shots.join(format!("{:02}-{label}.png", self.step));
        std::fs::write(&file, png).with_context(|| format!("writing {}", file.display()))
    }

    /// Ends the browser session (the server and driver stop when this is dropped).
    pub async fn finish(self) -> Result<()> {
        self.client
            .clone()
            .close()
            .await
            .context("closing the browser")
    }
}

// ---- Demo accounts and page helpers shared by the journeys ----

/// A demo account, from `backend demo --json`.
#[derive(Debug, Clone)]
pub struct Account {
    pub username: String,
    pub password: String,
    pub kind: String,
    pub unit: String,
    pub unit_kind: String,
    pub unit_level: String,
}

/// The demo accounts of the binary the harness starts (`E2E_BACKEND_BIN`).
pub fn demo_accounts() -> Result<Vec<Account>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf);
    let bin = std::env::var_os("E2E_BACKEND_BIN")
        .map_or_else(|| root.join("target/debug/backend"), PathBuf::from);
    // Run where it cannot touch a real database: the listing needs none, but the binary may
    // open its default one on start.
    let scratch = tempfile::tempdir()?;
    let out = std::process::Command::new(&bin)
        .args(["demo", "--json"])
        .current_dir(scratch.path())
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", scratch.path().join("demo.db").display()),
        )
        .env("RUST_LOG", "warn")
        .output()
        .with_context(|| format!("running {} demo --json", bin.display()))?;
    ensure!(
        out.status.success(),
        "`{} demo --json` failed: {}",
        bin.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let listing: Value = serde_json::from_slice(&out.stdout).context("parsing demo --json")?;
    let text = |a: &Value, field: &str| -> Result<String> {
        a.get(field)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| anyhow!("demo account without {field}: {a}"))
    };
    listing
        .get("accounts")
        .and_then(Value::as_array)
        .ok_or_else(|| anyhow!("no accounts in demo --json"))?
        .iter()
        .map(|a| {
            Ok(Account {
                username: text(a, "username")?,
                password: text(a, "password")?,
                kind: text(a, "kind")?,
                unit: text(a, "unit")?,
                unit_kind: text(a, "unit_kind")?,
                unit_level: text(a, "unit_level")?,
            })
        })
        .collect()
}

/// The first demo account of `kind` (at a unit of `unit_kind` and `unit_level` when given).
pub fn pick(
    accounts: &[Account],
    kind: &str,
    unit_kind: Option<&str>,
    unit_level: Option<&str>,
) -> Result<Account> {
    accounts
        .iter()
        .find(|a| {
            a.kind == kind
                && unit_kind.is_none_or(|k| a.unit_kind == k)
                && unit_level.is_none_or(|l| a.unit_level == l)
        })
        .cloned()
        .ok_or_else(|| anyhow!("no demo {kind} at {unit_kind:?}/{unit_level:?}"))
}

/// Replaces the content of the input with this `data-testid`.
pub async fn fill(j: &Journey, testid: &str, text: &str) -> Result<()> {
    let input = j.find(testid).await?;
    input
        .clear()
        .await
        .with_context(|| format!("clearing {testid}"))?;
    input
        .send_keys(text)
        .await
        .with_context(|| format!("typing into {testid}"))
}

/// Fills the login form on the current page and submits it with Enter.
pub async fn sign_in(j: &Journey, username: &str, password: &str) -> Result<()> {
    fill(j, "login-username", username).await?;
    fill(j, "login-password", &format!("{password}\u{E007}")).await
}

/// The `data-testid`s of the elements matching `css`, in document order.
pub async fn testids(j: &Journey, css: &str) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for element in j.client.find_all(Locator::Css(css)).await? {
        if let Some(id) = element.attr("data-testid").await? {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Fails if an element with this `data-testid` is on the page now. Call it only after waiting
/// for something rendered in the same pass (the menu renders as a whole).
pub async fn assert_absent(j: &Journey, testid: &str) -> Result<()> {
    let found = j
        .client
        .find_all(Locator::Css(&format!("[data-testid='{testid}']")))
        .await?;
    ensure!(
        found.is_empty(),
        "[data-testid={testid}] should not be shown"
    );
    Ok(())
}
