//! The browser-journey harness, used by the journeys in `tests/`. It builds nothing: it starts
//! the already-built backend binary on a free port with a fresh SQLite database and the built
//! SPA, starts ChromeDriver + headless Chromium, and saves a screenshot per step under
//! `e2e/screenshots/<journey>/`. Every screenshot also runs axe-core on the page (once per
//! path, and once more per path with a dialog open) and fails the step on any serious or
//! critical accessibility violation ([`Journey::check_accessibility`]).
//!
//! Inputs: `E2E_BACKEND_BIN` (default `target/debug/backend`), `E2E_STATIC_DIR` (default
//! `frontend/dist`), `CHROMIUM` (default `/usr/bin/chromium`), `CHROMEDRIVER` (default
//! `chromedriver` on PATH), `E2E_AXE` (default `.tools/node_modules/axe-core/axe.min.js`,
//! installed by `scripts/ensure-tools.sh --test`).

pub mod cluster;

use std::{
    collections::HashSet,
    net::TcpListener,
    path::{Path, PathBuf},
    process::Stdio,
    time::{Duration, Instant},
};

use anyhow::{anyhow, bail, ensure, Context, Result};
use fantoccini::{elements::Element, error::CmdError, Client, ClientBuilder, Locator};
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

/// Whether a WebDriver command failed because a new document replaced the one it ran in.
fn interrupted_by_load(error: &CmdError) -> bool {
    let text = error.to_string();
    text.contains("aborted by navigation") || text.contains("stale element")
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
    days_advanced: std::cell::Cell<i64>,
    /// axe-core's script (`axe.min.js`), injected into each document that gets checked.
    axe: String,
    /// The pages axe has checked: path, plus `#dialog` when a dialog was open.
    checked: std::cell::RefCell<HashSet<String>>,
    /// Time spent in axe, reported by [`Journey::finish`].
    axe_time: std::cell::Cell<Duration>,
    /// The backend binary and the server's database, for [`Journey::backend_cli`].
    bin: PathBuf,
    database_url: String,
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
        if !dist.join("portal.html").is_file() {
            bail!(
                "no built SPA in {} (run `scripts/build-frontend.sh`)",
                dist.display()
            );
        }
        let axe_file = env_path(
            "E2E_AXE",
            root.join(".tools/node_modules/axe-core/axe.min.js"),
        );
        let axe = std::fs::read_to_string(&axe_file).with_context(|| {
            format!(
                "reading axe-core from {} (run `scripts/ensure-tools.sh --test`)",
                axe_file.display()
            )
        })?;
        let tmp = tempfile::tempdir()?;

        let database_url = format!("sqlite://{}", tmp.path().join("e2e.db").display());
        let mut server = Command::new(&bin);
        server
            .arg("serve")
            .env("DATABASE_URL", &database_url)
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
            days_advanced: std::cell::Cell::new(0),
            axe,
            checked: std::cell::RefCell::new(HashSet::new()),
            axe_time: std::cell::Cell::new(Duration::ZERO),
            bin,
            database_url,
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
        self.days_advanced.set(self.days_advanced.get() + days);
        Ok(())
    }

    /// Runs the backend's administration CLI with `args` on the journey's database (as an
    /// administrator would beside the running server) and answers the last line it printed.
    pub async fn backend_cli(&self, args: &[&str]) -> Result<String> {
        let out = Command::new(&self.bin)
            .args(args)
            .env("DATABASE_URL", &self.database_url)
            .env("DATA_DIR", self._tmp.path().join("cli-data"))
            // The server's data keys (generated in its DATA_DIR, the database's folder): the CLI
            // seals and opens ID numbers with them, and refuses to run with any other.
            .env(
                "DATA_ENCRYPTION_KEY_FILE",
                self._tmp.path().join("data-encryption.keys"),
            )
            .env("RUST_LOG", "warn")
            .output()
            .await
            .with_context(|| format!("running backend {args:?}"))?;
        ensure!(
            out.status.success(),
            "backend {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(String::from_utf8_lossy(&out.stdout)
            .lines()
            .last()
            .unwrap_or_default()
            .to_owned())
    }

    /// The days [`Journey::advance_clock`] has moved the server ahead of the browser: the
    /// server's today is the browser's plus these.
    pub fn days_advanced(&self) -> i64 {
        self.days_advanced.get()
    }

    /// Opens a path of the SPA, after checking the accessibility of the page it leaves (see
    /// [`Journey::check_accessibility`]).
    pub async fn open(&self, path: &str) -> Result<()> {
        self.check_accessibility()
            .await
            .with_context(|| format!("accessibility of the page left for {path}"))?;
        self.client
            .goto(&format!("{}{}", self.base, path))
            .await
            .with_context(|| format!("opening {path}"))
    }

    /// Waits for an element, again when a full page load interrupted the wait: moving between
    /// the SPA's entries (portal, admin, title, public) loads a new document, and ChromeDriver
    /// answers a command running across that load with "aborted by navigation".
    async fn wait_for(&self, locator: Locator<'_>) -> Result<Element, CmdError> {
        let mut interrupted = 0;
        loop {
            match self.client.wait().at_most(WAIT).for_element(locator).await {
                Err(e) if interrupted < 5 && interrupted_by_load(&e) => {
                    // The next round waits for the new document's element itself.
                    interrupted += 1;
                }
                other => return other,
            }
        }
    }

    /// Waits for the element with this `data-testid`.
    pub async fn find(&self, testid: &str) -> Result<Element> {
        self.wait_for(Locator::Css(&format!("[data-testid='{testid}']")))
            .await
            .with_context(|| format!("waiting for [data-testid={testid}]"))
    }

    /// Waits until the element with this `data-testid` shows text containing `text`.
    pub async fn wait_text(&self, testid: &str, text: &str) -> Result<Element> {
        let xpath = format!("//*[@data-testid='{testid}'][contains(normalize-space(.), '{text}')]");
        self.wait_for(Locator::XPath(&xpath))
            .await
            .with_context(|| format!("waiting for [data-testid={testid}] to show {text:?}"))
    }

    /// Waits until `<html lang>` is `lang`.
    pub async fn wait_lang(&self, lang: &str) -> Result<()> {
        self.wait_for(Locator::Css(&format!("html[lang='{lang}']")))
            .await
            .with_context(|| format!("waiting for <html lang={lang}>"))?;
        Ok(())
    }

    /// Clicks the element with this `data-testid` (found again if a page load replaced it
    /// between finding and clicking).
    pub async fn click(&self, testid: &str) -> Result<()> {
        let mut interrupted = 0;
        loop {
            match self.find(testid).await?.click().await {
                Err(e) if interrupted < 5 && interrupted_by_load(&e) => {
                    // The next round waits for the new document's element itself.
                    interrupted += 1;
                }
                other => return other.with_context(|| format!("clicking {testid}")),
            }
        }
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
        std::fs::write(&file, png).with_context(|| format!("writing {}", file.display()))?;
        self.check_accessibility()
            .await
            .with_context(|| format!("accessibility of the page at step {label}"))
    }

    /// Runs axe-core on the page shown now, unless this path (with or without an open dialog)
    /// was checked before in this journey, and fails with the list of serious and critical
    /// violations (rule, impact, help, the elements' selectors). [`Journey::screenshot`],
    /// [`Journey::open`] (for the page it leaves) and [`Journey::finish`] call it, so every
    /// page a journey shows or opens is checked. Documents that are not the SPA (the browser's
    /// blank start page, an API answer shown as JSON) and a document whose SPA has not started
    /// yet are skipped.
    pub async fn check_accessibility(&self) -> Result<()> {
        let started = Instant::now();
        let key = self
            .client
            .execute(
                "const [base] = arguments;
                 if (location.origin !== base || !document.querySelector('script[type=module]')
                     || document.getElementById('boot-loading')) return '';
                 return location.pathname + (document.querySelector(
                   'dialog[open], [role=dialog], [role=alertdialog]') ? '#dialog' : '');",
                vec![json!(self.base)],
            )
            .await
            .context("reading the page's path")?;
        let key = key.as_str().unwrap_or_default().to_owned();
        if key.is_empty() || !self.checked.borrow_mut().insert(key.clone()) {
            return Ok(());
        }
        let violations = self.axe_violations().await?;
        self.axe_time.set(self.axe_time.get() + started.elapsed());
        if violations.is_empty() {
            return Ok(());
        }
        let text = |v: &Value, f: &str| v.get(f).and_then(Value::as_str).unwrap_or("").to_owned();
        let mut report = format!(
            "{} serious or critical accessibility violation(s) on {key}:",
            violations.len()
        );
        for v in &violations {
            report.push_str(&format!(
                "\n- {} ({}): {} <{}>",
                text(v, "id"),
                text(v, "impact"),
                text(v, "help"),
                text(v, "url")
            ));
            for node in v
                .get("nodes")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                report.push_str(&format!(
                    "\n    at {}: {}\n       {}",
                    text(node, "target"),
                    text(node, "html"),
                    text(node, "why")
                ));
            }
        }
        bail!(report)
    }

    /// axe-core's serious and critical violations on the page shown now, each as
    /// `{id, impact, help, url, nodes: [{target, html, why}]}`; injects axe-core first when the
    /// document does not have it yet.
    pub async fn axe_violations(&self) -> Result<Vec<Value>> {
        let loaded = self
            .client
            .execute("return typeof window.axe === 'object';", vec![])
            .await?;
        if loaded != json!(true) {
            self.client
                .execute(&self.axe, vec![])
                .await
                .context("injecting axe-core")?;
        }
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                   .then(r => done(r.violations
                     .filter(v => v.impact === 'serious' || v.impact === 'critical')
                     .map(v => ({ id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
                                  nodes: v.nodes.map(n => ({ target: n.target.join(' '),
                                    html: n.html.slice(0, 160),
                                    why: (n.failureSummary || '').replace(/\\s+/g, ' ') })) }))))
                   .catch(e => done({ error: String(e) }));",
                vec![],
            )
            .await
            .context("running axe-core")?;
        if let Some(error) = found.get("error") {
            bail!("axe-core failed: {error}");
        }
        found
            .as_array()
            .cloned()
            .ok_or_else(|| anyhow!("axe-core answered {found}"))
    }

    /// Ends the browser session (the server and driver stop when this is dropped).
    /// Checks the accessibility of the last page first.
    pub async fn finish(self) -> Result<()> {
        self.check_accessibility()
            .await
            .context("accessibility of the last page")?;
        eprintln!(
            "axe-core: {} page(s) checked in {:.1} s",
            self.checked.borrow().len(),
            self.axe_time.get().as_secs_f64()
        );
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

/// What `backend demo --json` lists (accounts, applications, experts).
fn demo_listing() -> Result<Value> {
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
    serde_json::from_slice(&out.stdout).context("parsing demo --json")
}

/// The demo accounts of the binary the harness starts (`E2E_BACKEND_BIN`).
pub fn demo_accounts() -> Result<Vec<Account>> {
    let listing = demo_listing()?;
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

/// The demo experts: (login name, name), from `backend demo --json`.
pub fn demo_experts() -> Result<Vec<(String, String)>> {
    demo_listing()?
        .get("experts")
        .and_then(Value::as_array)
        .ok_or_else(|| anyhow!("no experts in demo --json"))?
        .iter()
        .map(|e| {
            let field = |f: &str| {
                e.get(f)
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .ok_or_else(|| anyhow!("demo expert without {f}: {e}"))
            };
            Ok((field("username")?, field("name")?))
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

// ---- Helpers of the workflow and publicity journeys ----

/// The demo password of every demo account.
pub const PASSWORD: &str = "Demo#Title2026";

/// The element matching `css`, waited for. When it never comes, the error says what the page
/// showed instead (its alerts and status lines) and a screenshot `failed-wait.png` is left in
/// the journey's folder, so that a failure on CI can be read without running it again.
pub async fn wait_css(j: &Journey, css: &str) -> Result<Element> {
    match j
        .client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
    {
        Ok(element) => Ok(element),
        Err(error) => {
            let shown = page_messages(j).await;
            if let Ok(png) = j.client.screenshot().await {
                let _ = std::fs::write(j.shots.join("failed-wait.png"), png);
            }
            Err(anyhow!(error).context(format!("waiting for {css}; the page shows: {shown}")))
        }
    }
}

/// The texts of the page's alerts and status lines (what a user would read after an action).
async fn page_messages(j: &Journey) -> String {
    let script = r#"
        return Array.from(document.querySelectorAll('[role=alert], [role=status], .field-error'))
            .map((e) => e.innerText.trim()).filter((t) => t).join(' | ');
    "#;
    match j.client.execute(script, vec![]).await {
        Ok(value) => value.as_str().unwrap_or_default().to_owned(),
        Err(e) => format!("(could not read: {e})"),
    }
}

/// Waits until the detail page shows the application in `stage`.
pub async fn wait_stage(j: &Journey, stage: &str) -> Result<()> {
    wait_css(
        j,
        &format!("[data-testid='app-stage'][data-stage='{stage}']"),
    )
    .await
    .map(drop)
}

/// Waits until the input `testid` holds `value` (Yew sets the property, not the attribute).
pub async fn wait_value(j: &Journey, testid: &str, value: &str) -> Result<()> {
    let input = j.find(testid).await?;
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let now = input.prop("value").await?.unwrap_or_default();
        if now == value {
            return Ok(());
        }
        ensure!(
            std::time::Instant::now() < deadline,
            "{testid} holds {now:?}, not {value:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Sets date inputs the way a date picker does (the value, then an `input` event), from
/// `(testid, YYYY-MM-DD)` pairs.
pub async fn set_dates(j: &Journey, dates: &[(&str, &str)]) -> Result<()> {
    let pairs: Vec<Value> = dates.iter().map(|(id, v)| json!([id, v])).collect();
    j.client
        .execute(
            "for (const [id, v] of arguments[0]) {
                 const input = document.querySelector(`[data-testid='${id}']`);
                 input.value = v;
                 input.dispatchEvent(new Event('input', { bubbles: true }));
             }",
            vec![Value::Array(pairs)],
        )
        .await
        .context("setting dates")?;
    Ok(())
}

/// Picks the option of the select `testid` with this value.
pub async fn choose_value(j: &Journey, testid: &str, value: &str) -> Result<()> {
    wait_css(
        j,
        &format!("select[data-testid='{testid}'] option[value='{value}']"),
    )
    .await?
    .click()
    .await
    .with_context(|| format!("choosing {value:?} in {testid}"))
}

/// Picks the option of the select `testid` whose text contains `text`.
pub async fn choose_text(j: &Journey, testid: &str, text: &str) -> Result<()> {
    let xpath = format!("//select[@data-testid='{testid}']/option[contains(., '{text}')]");
    j.client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&xpath))
        .await
        .with_context(|| format!("waiting for {text:?} in {testid}"))?
        .click()
        .await
        .with_context(|| format!("choosing {text:?} in {testid}"))
}

/// Chooses `file` in the file input `testid` (as the file dialog would).
pub async fn choose_file(j: &Journey, testid: &str, file: &Path) -> Result<()> {
    j.find(testid)
        .await?
        .send_keys(&file.display().to_string())
        .await
        .with_context(|| format!("choosing {} in {testid}", file.display()))
}

/// Signs in with the demo password from the home page (or the login page it leads to) and
/// waits for the home page.
pub async fn sign_in_as(j: &Journey, username: &str) -> Result<()> {
    j.open("/").await?;
    sign_in(j, username, PASSWORD).await?;
    j.find("home-welcome").await?;
    Ok(())
}

/// Logs out and waits for the login page.
pub async fn log_out(j: &Journey) -> Result<()> {
    j.click("logout").await?;
    j.find("page-login").await?;
    Ok(())
}

/// The application id in the current address (`/title/applications/<id>…`).
pub async fn current_app_id(j: &Journey) -> Result<i64> {
    let url = j.client.current_url().await?;
    url.path()
        .split('/')
        .filter_map(|part| part.parse().ok())
        .next()
        .ok_or_else(|| anyhow!("no application id in {url}"))
}

/// The number at the end of the first `data-testid` starting with `prefix`.
pub async fn first_id(j: &Journey, prefix: &str) -> Result<i64> {
    wait_css(j, &format!("[data-testid^='{prefix}']")).await?;
    let ids = testids(j, &format!("[data-testid^='{prefix}']")).await?;
    let first = ids.first().ok_or_else(|| anyhow!("no {prefix}*"))?;
    first[prefix.len()..]
        .parse()
        .with_context(|| format!("{first} has no id"))
}

/// The id of the table row (`data-testid` = `prefix` + id) that shows `text`, once it is there
/// (a list reloads after a change: the old rows may still be shown for a moment).
pub async fn row_id(j: &Journey, prefix: &str, text: &str) -> Result<i64> {
    let xpath = format!("//tr[starts-with(@data-testid, '{prefix}')][contains(., '{text}')]");
    let row = j
        .client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&xpath))
        .await
        .with_context(|| format!("waiting for a {prefix}* row showing {text:?}"))?;
    row.attr("data-testid")
        .await?
        .and_then(|id| id.strip_prefix(prefix).and_then(|n| n.parse().ok()))
        .ok_or_else(|| anyhow!("the {prefix}* row has no id"))
}

/// Sets the batch form's period the way a date picker does (`input` events): it starts on the
/// server's today (the start the form proposes is the browser's today, behind the server once
/// the journey has moved the server's clock) and ends `days` later; answers the end date.
pub async fn set_period(j: &Journey, days: i64) -> Result<String> {
    let value = j
        .client
        .execute(
            "const [ahead, days] = arguments;
             const shift = (id, from, n) => {
                 const d = new Date(from + 'T00:00:00Z');
                 d.setUTCDate(d.getUTCDate() + n);
                 const day = d.toISOString().slice(0, 10);
                 const input = document.querySelector(`[data-testid='${id}']`);
                 input.value = day;
                 input.dispatchEvent(new Event('input', { bubbles: true }));
                 return day;
             };
             const proposed = document.querySelector(\"[data-testid='batch-start']\").value;
             const start = shift('batch-start', proposed, ahead);
             return shift('batch-end', start, days);",
            vec![json!(j.days_advanced()), json!(days)],
        )
        .await
        .context("setting the period")?;
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("no end date: {value}"))
}

/// The title and announcement of a new publicity batch.
#[derive(Debug, Clone, Copy)]
pub enum BatchText<'a> {
    /// This title, with a standard sentence as the announcement.
    Written(&'a str),
    /// The standard template of 审查未通过公示 (button `fill-template`).
    Template,
}

/// Fills the new-batch dialog (period the server's today..+8 days, at least five working days)
/// with the application `app` (the first one offered when None), takes the screenshot `shot`
/// and saves the draft; answers the new batch's id (its row shows its title) and the
/// application's.
pub async fn new_batch(
    j: &mut Journey,
    text: BatchText<'_>,
    app: Option<i64>,
    shot: &str,
) -> Result<(i64, i64)> {
    j.click("new-batch").await?;
    let app = match app {
        Some(id) => {
            j.find(&format!("batch-app-{id}")).await?;
            id
        }
        None => first_id(j, "batch-app-").await?,
    };
    let end = set_period(j, 8).await?;
    j.wait_text("batch-working-days", "个工作日").await?;
    let short = j
        .find("batch-working-days")
        .await?
        .attr("data-short")
        .await?;
    ensure!(
        short.as_deref() == Some("false"),
        "today..{end} should hold at least 5 working days"
    );
    match text {
        BatchText::Written(title) => {
            fill(j, "batch-title", title).await?;
            fill(
                j,
                "batch-content",
                &format!("{title}：公示期内如有异议，请向本单位反映。"),
            )
            .await?;
        }
        BatchText::Template => {
            j.click("fill-template").await?;
            // The template names the period: wait until it is in the announcement.
            let deadline = std::time::Instant::now() + WAIT;
            while j
                .find("batch-content")
                .await?
                .prop("value")
                .await?
                .unwrap_or_default()
                .is_empty()
            {
                ensure!(
                    std::time::Instant::now() < deadline,
                    "the template did not fill the announcement"
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
    let title = j
        .find("batch-title")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    j.click(&format!("batch-app-{app}")).await?;
    j.screenshot(shot).await?;
    j.click("dialog-submit").await?;
    j.wait_text("alert-success", "草稿").await?;
    let batch = row_id(j, "row-", &title).await?;
    j.wait_text(&format!("row-{batch}"), "草稿").await?;
    Ok((batch, app))
}

/// Publishes the batch through its confirmation.
pub async fn publish(j: &mut Journey, batch: i64, shot: &str) -> Result<()> {
    j.click(&format!("publish-{batch}")).await?;
    j.wait_text("confirm-message", "发布").await?;
    j.screenshot(shot).await?;
    j.click("dialog-submit").await?;
    j.wait_text("alert-success", "已发布").await?;
    j.wait_text(&format!("row-{batch}"), "公示中").await?;
    Ok(())
}

/// Completes the batch (its period over) through its confirmation.
pub async fn complete(j: &mut Journey, batch: i64, shot: &str) -> Result<()> {
    j.click(&format!("complete-{batch}")).await?;
    j.wait_text("confirm-message", "完成").await?;
    j.screenshot(shot).await?;
    j.click("dialog-submit").await?;
    j.wait_text("alert-success", "已完成公示").await?;
    j.wait_text(&format!("row-{batch}"), "公示完成").await?;
    Ok(())
}

/// The applicant (a county one, born 1990-01-01) signs in, fills a new application, saves it and submits it from its detail
/// page; answers its id.
pub async fn create_and_submit(j: &mut Journey, applicant: &str, shots: bool) -> Result<i64> {
    let id = create_draft(j, applicant, shots).await?;
    j.click("to-detail").await?;
    wait_stage(j, "draft").await?;
    // 提交 is a plain confirmation: no opinion (issue 9 point 12).
    j.click("action-submit").await?;
    j.wait_text("confirm-message", "确定要提交申报").await?;
    if shots {
        j.screenshot("applicant-submit-dialog").await?;
    }
    j.click("confirm-yes").await?;
    wait_stage(j, "unit_verification").await?;
    j.wait_text("app-holder", "示范县").await?;
    wait_css(j, "[data-testid='timeline-item'][data-action='submit']").await?;
    if shots {
        j.screenshot("applicant-submitted").await?;
    }
    Ok(id)
}

/// The applicant (a county one, born 1990-01-01) signs in, fills a new application (中小学教师系列)
/// and saves it; the editor stays open on the draft. Answers its id.
pub async fn create_draft(j: &mut Journey, applicant: &str, shots: bool) -> Result<i64> {
    sign_in_as(j, applicant).await?;
    j.find("home-todo").await?;
    j.click("menu-title-review-my_applications").await?;
    j.find("list-my-apps").await?;
    j.click("new-application").await?;
    j.find("page-application-form").await?;
    // Name and ID number come from the account; birth date and gender from the ID number.
    wait_value(j, "f-birth_date", "1990-01-01").await?;
    wait_value(j, "f-id_number", applicant).await?;
    // The series and level of the demo county committee (中小学教师系列, 中级).
    choose_value(j, "f-series", "school_teachers").await?;
    fill(j, "f-specialty", "中学语文").await?;
    choose_value(j, "f-level", "intermediate").await?;
    wait_value(j, "f-qualification", "一级教师").await?;
    fill(j, "f-current_title", "二级教师").await?;
    fill(j, "f-years_of_service", "10").await?;
    fill(j, "f-phone", "1380013800").await?;
    fill(
        j,
        "f-achievements",
        "承担高中语文教学，获县级优质课一等奖。",
    )
    .await?;
    // A phone number one digit short is refused before anything is sent.
    j.click("save-application").await?;
    j.find("error-phone").await?;
    if shots {
        j.screenshot("applicant-form-check").await?;
    }
    fill(j, "f-phone", "13800138000").await?;
    j.click("save-application").await?;
    j.wait_text("alert-success", "已保存").await?;
    if shots {
        j.screenshot("applicant-saved").await?;
    }
    current_app_id(j).await
}

/// Clicks `testid` and answers the bytes of the first file the page then offers for download
/// (the kit saves files through a Blob and an object URL): `URL.createObjectURL` is wrapped
/// before the click, and the wait is on the page's own promise of that Blob, never a sleep.
pub async fn download(j: &Journey, testid: &str) -> Result<Vec<u8>> {
    j.client
        .execute(
            "window.__file = new Promise((resolve) => { const make = URL.createObjectURL; \
             URL.createObjectURL = (blob) => { resolve(blob); return make(blob); }; });",
            vec![],
        )
        .await?;
    j.click(testid).await?;
    let bytes = j
        .client
        .execute_async(
            "const done = arguments[0]; \
             const late = setTimeout(() => done(null), 20000); \
             window.__file.then((b) => b.arrayBuffer()).then((b) => { \
               clearTimeout(late); done(Array.from(new Uint8Array(b))); });",
            vec![],
        )
        .await
        .with_context(|| format!("the file offered after clicking {testid}"))?;
    ensure!(
        !bytes.is_null(),
        "no file was offered after clicking {testid}"
    );
    Ok(serde_json::from_value(bytes)?)
}

// ---- First loads, measured in the browser ----

/// The first screen must be there within this on localhost.
pub const FIRST_SCREEN_BUDGET_MS: f64 = 1000.0;

/// What the page's Performance API says about its load (first_load_journey, the certificate
/// journey).
#[derive(Debug)]
pub struct LoadFigures {
    /// From navigation start until the first screen's element was seen (polled every
    /// animation frame, so an upper bound).
    pub first_screen_ms: f64,
    /// First contentful paint: the static loading state of the entry HTML.
    pub first_paint_ms: f64,
    /// Bytes transferred (compressed, with headers) for wasm and js resources, and the HTML.
    pub wasm_bytes: u64,
    pub js_bytes: u64,
    pub html_bytes: u64,
    /// Names of the wasm files loaded (one entry's bundle).
    pub wasm_names: Vec<String>,
}

/// Waits (in the page, every animation frame) for `[data-testid=testid]` with its content
/// loaded (not the `…` of a loading count) and reads the figures.
pub async fn measure(j: &Journey, testid: &str) -> Result<LoadFigures> {
    let script = r#"
        const [testid, done] = arguments;
        const selector = `[data-testid='${testid}']`;
        const deadline = performance.now() + 20000;
        const report = () => {
            const seen = performance.now();
            const paint = performance.getEntriesByName('first-contentful-paint')[0];
            const nav = performance.getEntriesByType('navigation')[0];
            const resources = performance.getEntriesByType('resource');
            const sum = (suffix) => resources
                .filter((r) => new URL(r.name).pathname.endsWith(suffix))
                .reduce((n, r) => n + r.transferSize, 0);
            done({
                first_screen_ms: seen,
                first_paint_ms: paint ? paint.startTime : -1,
                wasm_bytes: sum('.wasm'),
                js_bytes: sum('.js'),
                html_bytes: nav ? nav.transferSize : 0,
                wasm_names: resources
                    .map((r) => new URL(r.name).pathname)
                    .filter((p) => p.endsWith('.wasm')),
            });
        };
        const poll = () => {
            const element = document.querySelector(selector);
            if (element && element.textContent.trim() !== '…') {
                report();
            } else if (performance.now() > deadline) {
                done({ error: `no ${selector} within 20 s` });
            } else {
                requestAnimationFrame(poll);
            }
        };
        poll();
    "#;
    let answer = j
        .client
        .execute_async(script, vec![json!(testid)])
        .await
        .context("measuring the load")?;
    if let Some(error) = answer.get("error") {
        return Err(anyhow!("{error}"));
    }
    let number = |field: &str| -> Result<f64> {
        answer
            .get(field)
            .and_then(Value::as_f64)
            .ok_or_else(|| anyhow!("no {field} in {answer}"))
    };
    Ok(LoadFigures {
        first_screen_ms: number("first_screen_ms")?,
        first_paint_ms: number("first_paint_ms")?,
        wasm_bytes: number("wasm_bytes")? as u64,
        js_bytes: number("js_bytes")? as u64,
        html_bytes: number("html_bytes")? as u64,
        wasm_names: answer
            .get("wasm_names")
            .and_then(Value::as_array)
            .map(|names| {
                names
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// Prints the figures (`--nocapture`; docs/PERFORMANCE.md records them).
pub fn print_load(page: &str, f: &LoadFigures) {
    println!(
        "first-load {page}: first screen {:.0} ms (first paint {:.0} ms); transferred wasm {} B, js {} B, html {} B; wasm {:?}",
        f.first_screen_ms, f.first_paint_ms, f.wasm_bytes, f.js_bytes, f.html_bytes, f.wasm_names
    );
}

/// Fails when the first screen took longer than [`FIRST_SCREEN_BUDGET_MS`], when more than the
/// `entry`'s wasm was loaded, or when nothing came from the network.
pub fn check_load(page: &str, f: &LoadFigures, entry: &str) -> Result<()> {
    ensure!(
        f.first_screen_ms <= FIRST_SCREEN_BUDGET_MS,
        "{page}: first screen after {:.0} ms, budget {FIRST_SCREEN_BUDGET_MS} ms",
        f.first_screen_ms
    );
    ensure!(
        f.wasm_names.len() == 1 && f.wasm_names[0].starts_with(&format!("/assets/{entry}-")),
        "{page}: expected only the {entry} entry's wasm, loaded {:?}",
        f.wasm_names
    );
    ensure!(
        f.wasm_bytes > 0 && f.js_bytes > 0,
        "{page}: nothing transferred from the network (was the cache not empty?)"
    );
    Ok(())
}

// ---- Requests from the page (set-up through the API) ----

/// A request from the page shown now (it must be of the server's origin: `/api/health` will
/// do), with `token` as bearer when not empty and `body` as JSON: the status and the answer's
/// JSON (null when it has none).
pub async fn api_call(
    j: &Journey,
    method: &str,
    token: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<(u64, Value)> {
    let script = r#"
        const [method, token, path, body, done] = arguments;
        const headers = { 'Content-Type': 'application/json' };
        if (token) headers['Authorization'] = 'Bearer ' + token;
        fetch(path, { method, headers, body: body === null ? undefined : JSON.stringify(body) })
            .then(async (r) => done([r.status, await r.json().catch(() => null)]),
                  (e) => done([0, String(e)]));
    "#;
    let answer = j
        .client
        .execute_async(
            script,
            vec![
                json!(method),
                json!(token),
                json!(path),
                body.cloned().unwrap_or(Value::Null),
            ],
        )
        .await
        .with_context(|| format!("{method} {path}"))?;
    Ok((answer[0].as_u64().unwrap_or(0), answer[1].clone()))
}

/// Signs `username` in through the API (demo password) from the page shown now: the login
/// answer (`access_token`, `user` with its `unit` and `modules`).
pub async fn api_login(j: &Journey, username: &str) -> Result<Value> {
    let body = json!({ "username": username, "password": PASSWORD });
    let (status, answer) = api_call(j, "POST", "", "/api/v1/auth/login", Some(&body)).await?;
    ensure!(
        status == 200,
        "signing {username} in answered {status}: {answer}"
    );
    Ok(answer)
}
