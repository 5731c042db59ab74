//! `cluster`: starts the deployment topology on this machine for the load test (`make load`)
//! and keeps it running until SIGINT or SIGTERM, then stops everything and drops the database.
//!
//! ```text
//! cluster [--instances N] [--postgres] [--s3] [--nginx] [--edge] [--units N] [--applications N]
//! ```
//!
//! Prints one JSON line when ready: `{"entry": url, "instances": [url, …], "seconds": n,
//! "generated": …}`. `--units` / `--applications` add synthetic data with `backend generate`
//! (release binary recommended: `E2E_BACKEND_BIN=target/release/backend`) before the line is
//! printed; `generated` is then what `backend generate applications --json` answered (with
//! this year's drafts and their applicants' sign-in, for the load test's applicants).

use std::process::Command;

use anyhow::{bail, ensure, Context, Result};
use e2e::cluster::{self, backend_bin, Cluster};

fn parse() -> Result<(cluster::Options, usize, usize)> {
    let mut options = cluster::Options {
        instances: 1,
        postgres: false,
        s3: false,
        nginx: false,
        edge: false,
        env: Vec::new(),
    };
    let (mut units, mut applications) = (0, 0);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |what: &str| -> Result<usize> {
            args.next()
                .with_context(|| format!("{what} needs a number"))?
                .parse()
                .with_context(|| format!("{what} needs a number"))
        };
        match arg.as_str() {
            "--instances" => options.instances = number("--instances")?,
            "--units" => units = number("--units")?,
            "--applications" => applications = number("--applications")?,
            "--postgres" => options.postgres = true,
            "--s3" => options.s3 = true,
            "--nginx" => options.nginx = true,
            "--edge" => options.edge = true,
            other => bail!(
                "unknown argument {other:?}; usage: cluster [--instances N] [--postgres] [--s3] [--nginx] [--edge] [--units N] [--applications N]"
            ),
        }
    }
    Ok((options, units, applications))
}

/// Runs `backend generate ARGS` against the cluster's database; its standard output.
fn generate(cluster: &Cluster, args: &[&str]) -> Result<String> {
    let out = Command::new(backend_bin())
        .arg("generate")
        .args(args)
        .envs(cluster.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .output()
        .context("running backend generate")?;
    ensure!(
        out.status.success(),
        "backend generate {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).context("backend generate printed non-UTF-8")
}

#[tokio::main]
async fn main() -> Result<()> {
    let started = std::time::Instant::now();
    let (options, units, applications) = parse()?;
    let cluster = Cluster::start(options).await?;
    if units > 0 {
        generate(&cluster, &["units", "--count", &units.to_string()])?;
    }
    let mut generated = serde_json::Value::Null;
    if applications > 0 {
        let accounts = (applications / 10).max(1).to_string();
        let out = generate(
            &cluster,
            &[
                "applications",
                "--count",
                &applications.to_string(),
                "--accounts",
                &accounts,
                "--json",
            ],
        )?;
        generated = serde_json::from_str(out.trim())
            .with_context(|| format!("backend generate applications --json printed {out:?}"))?;
    }
    let ready = serde_json::json!({
        "entry": cluster.entry(),
        "instances": cluster.instances.iter().map(|i| i.url("")).collect::<Vec<_>>(),
        "seconds": started.elapsed().as_secs_f64(),
        "generated": generated,
    });
    println!("{ready}");
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    drop(cluster);
    Ok(())
}
