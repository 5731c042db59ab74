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
    net::IpAddr,
    path::{Path, PathBuf},
    process::Command,
    time::{Duration, Instant},
};

use anyhow::{anyhow, bail, ensure, Context, Result};
use chrono::NaiveDateTime;
use e2e::cluster::{self, backend_bin, Cluster, Instance};
use serde_json::{json, Value};

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
    cluster::hex_string(&sha2::Sha256::digest(bytes))
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
    let cluster = Cluster::start(cluster::Options {
        instances: 2,
        postgres: true,
        s3: true,
        nginx: true,
        edge: false,
        env: vec![
            ("TEST_CLOCK_CONTROL".into(), "1".into()),
            ("NOTICE_JOB_SECONDS".into(), "1".into()),
            ("HTTP_WORKERS".into(), "2".into()),
            ("DB_POOL_SIZE".into(), "5".into()),
            ("RUST_LOG".into(), "info,backend::jobs=debug".into()),
        ],
    })
    .await?;
    // Both instances started at once on the empty database: one migrated, made the token
    // secret and seeded the demo under the startup lock; the other waited and found it done.
    println!(
        "garage, two instances and nginx ready after {:?}",
        started.elapsed()
    );
    let [a, b] = &cluster.instances[..] else {
        bail!("not two instances");
    };
    let lb = cluster.entry();
    let (a_url, b_url) = (a.url(""), b.url(""));

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
    for i in [a, b] {
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
    advance(&client, &[a, b], 20).await?;
    let (status, r1) = refresh(&client, &b_url, &r0).await?;
    ensure!(
        status == 200,
        "refresh at B after 20 minutes: {status} {r1}"
    );
    advance(&client, &[a, b], 20).await?;
    let (status, r2) = refresh(&client, &a_url, text(&r1, "refresh_token")?).await?;
    ensure!(
        status == 200,
        "refresh at A 40 minutes after sign-in, 20 after B's: {status} {r2}"
    );
    advance(&client, &[a, b], 31).await?;
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
        let wins = job_wins(&[a, b])?;
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
        .envs(cluster.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .output()?;
    ensure!(
        out.status.success(),
        "audit verify: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("7. audit verify passed; whole test {:?}", started.elapsed());
    Ok(())
}
