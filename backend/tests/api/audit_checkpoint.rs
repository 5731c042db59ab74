//! Signed checkpoints of the audit chain head (issue 13, audit tail): taken on demand (audited)
//! and by the job's decision (exactly one of two concurrent runs), listed and exported for the
//! auditor only; `verify` finds the newest rows deleted after a checkpoint, a tampered
//! signature and a wrong key; the CLI commands do the same.

use backend::{
    audit::{self, checkpoint, checkpoint::AuditKey},
    clock::Clock,
    db::schema::{audit_checkpoints, audit_log},
};
use diesel::prelude::*;
use serde_json::{json, Value};

use crate::{
    db_tests,
    helpers::{spawn_app, Backend, TestApp},
};

fn key_of(app: &TestApp) -> AuditKey {
    AuditKey::load_or_create(None, &app.data_dir).expect("the key generated at start")
}

async fn verify_as(app: &TestApp, token: &str) -> Value {
    let res = app.post_as(token, "/api/v1/audit/verify", &json!({})).await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("JSON")
}

async fn an_on_demand_checkpoint_is_audited_listed_exported_and_verifies(backend: Backend) {
    let app = spawn_app(backend).await;
    let auditor = app.login_as("auditor").await.access_token;
    let res = app
        .post_as(&auditor, "/api/v1/audit/checkpoints", &json!({}))
        .await;
    assert_eq!(res.status(), 201);
    let cp: shared::org::AuditCheckpoint = res.json().await.expect("JSON");
    assert_eq!(cp.key_id, key_of(&app).key_id());
    assert_eq!(cp.signature.len(), 128);

    let (head, count, action) = app
        .db
        .run(|conn| {
            let head: (i64, String) = audit_log::table
                .order(audit_log::id.desc())
                .select((audit_log::id, audit_log::action))
                .first(conn)?;
            let count: i64 = audit_log::table.count().get_result(conn)?;
            Ok((head.0, count, head.1))
        })
        .await
        .expect("read");
    assert_eq!(action, "audit.checkpoint", "the signing is audited");
    assert_eq!(cp.audit_row_id, head, "and covered by its own checkpoint");
    assert_eq!(cp.row_count, count);

    let page: Value = app
        .get_as(&auditor, "/api/v1/audit/checkpoints?page=1&per_page=10")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["id"], cp.id);
    assert_eq!(page["items"][0]["signature"], cp.signature.as_str());

    let export = app
        .get_as(&auditor, "/api/v1/audit/checkpoints/export")
        .await;
    assert_eq!(export.status(), 200);
    assert_eq!(
        export.headers()["content-type"],
        backend::http::export::XLSX
    );

    let report = verify_as(&app, &auditor).await;
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["checkpoint"]["checkpoint_id"], cp.id);
    assert_eq!(report["checkpoint"]["ok"], true);
}

async fn only_the_auditor_may_sign_list_or_export_checkpoints(backend: Backend) {
    let app = spawn_app(backend).await;
    for username in [
        "sysadmin",
        "secadmin",
        "prov_hrss_admin",
        "county_emp_handler",
    ] {
        let token = app.login_as(username).await.access_token;
        let res = app
            .post_as(&token, "/api/v1/audit/checkpoints", &json!({}))
            .await;
        assert_eq!(res.status(), 403, "{username} signs");
        for path in [
            "/api/v1/audit/checkpoints",
            "/api/v1/audit/checkpoints/export",
        ] {
            assert_eq!(
                app.get_as(&token, path).await.status(),
                403,
                "{username} {path}"
            );
        }
    }
    let anonymous = app.post_json("/api/v1/audit/checkpoints", &json!({})).await;
    assert_eq!(anonymous.status(), 401);
    assert_eq!(app.get("/api/v1/audit/checkpoints").await.status(), 401);
    let none: i64 = app
        .db
        .run(|conn| Ok(audit_checkpoints::table.count().get_result(conn)?))
        .await
        .expect("count");
    assert_eq!(none, 0);
}

async fn the_job_signs_only_when_the_newest_checkpoint_is_older_than_the_period(backend: Backend) {
    let app = spawn_app(backend).await;
    let key = key_of(&app);
    let t0 = app.clock.now();
    let minute = chrono::Duration::minutes(1);
    let k = key.clone();
    let steps = app
        .db
        .run(move |conn| {
            Ok([
                checkpoint::take_if_due(conn, &k, t0, 60)?.is_some(),
                checkpoint::take_if_due(conn, &k, t0 + minute * 10, 60)?.is_some(),
                checkpoint::take_if_due(conn, &k, t0 + minute * 59, 60)?.is_some(),
                checkpoint::take_if_due(conn, &k, t0 + minute * 61, 60)?.is_some(),
                checkpoint::take_if_due(conn, &k, t0 + minute * 62, 60)?.is_some(),
            ])
        })
        .await
        .expect("decide");
    assert_eq!(steps, [true, false, false, true, false]);

    // Two instances' jobs at the same moment: exactly one signs.
    let later = t0 + minute * 200;
    let (a, b) = (key.clone(), key.clone());
    let (first, second) = tokio::join!(
        app.db
            .run(move |conn| checkpoint::take_if_due(conn, &a, later, 60)),
        app.db
            .run(move |conn| checkpoint::take_if_due(conn, &b, later, 60)),
    );
    let signed = [first.expect("first"), second.expect("second")]
        .iter()
        .filter(|c| c.is_some())
        .count();
    assert_eq!(signed, 1);
    let total: i64 = app
        .db
        .run(|conn| Ok(audit_checkpoints::table.count().get_result(conn)?))
        .await
        .expect("count");
    assert_eq!(total, 3);
}

async fn deleting_the_newest_rows_after_a_checkpoint_is_detected(backend: Backend) {
    let app = spawn_app(backend).await;
    for _ in 0..3 {
        app.login("prov_hrss_unit", "Wrong#pass123").await;
    }
    let key = key_of(&app);
    let now = app.clock.now();
    let k = key.clone();
    let (cp, before, chain_after, report) = app
        .db
        .run(move |conn| {
            let cp = checkpoint::take(conn, &k, now)?;
            let before = checkpoint::verify(conn, &k)?;
            let newest: Vec<i64> = audit_log::table
                .order(audit_log::id.desc())
                .limit(2)
                .select(audit_log::id)
                .load(conn)?;
            diesel::delete(audit_log::table.filter(audit_log::id.eq_any(&newest))).execute(conn)?;
            Ok((
                cp,
                before,
                audit::verify(conn)?,
                checkpoint::verify(conn, &k)?,
            ))
        })
        .await
        .expect("tamper");
    assert!(before.ok);
    assert!(chain_after.ok, "the shortened chain alone still verifies");
    assert!(!report.ok, "the checkpoint finds the deletion");
    let check = report.checkpoint.expect("checked");
    assert_eq!(check.checkpoint_id, cp.id);
    assert!(!check.ok);
    assert_eq!(check.failure.as_deref(), Some("head_missing"));

    let auditor = app.login_as("auditor").await.access_token;
    let answer = verify_as(&app, &auditor).await;
    assert_eq!(answer["ok"], false);
    assert_eq!(answer["checkpoint"]["failure"], "head_missing");
}

async fn a_tampered_signature_or_another_key_fails_the_checkpoint(backend: Backend) {
    let app = spawn_app(backend).await;
    let key = key_of(&app);
    let now = app.clock.now();
    let k = key.clone();
    let (good, wrong_key, tampered) = app
        .db
        .run(move |conn| {
            let cp = checkpoint::take(conn, &k, now)?;
            let good = checkpoint::verify(conn, &k)?;
            let wrong_key = checkpoint::verify(conn, &AuditKey::from_seed([7; 32]))?;
            // Re-signing with another key under the right key id does not pass either.
            let mut forged = cp.signature.clone();
            let last = if forged.ends_with('0') { "1" } else { "0" };
            forged.replace_range(forged.len() - 1.., last);
            diesel::update(audit_checkpoints::table.find(cp.id))
                .set(audit_checkpoints::signature.eq(forged))
                .execute(conn)?;
            Ok((good, wrong_key, checkpoint::verify(conn, &k)?))
        })
        .await
        .expect("verify");
    assert!(good.ok);
    for (name, report) in [("wrong key", wrong_key), ("tampered", tampered)] {
        assert!(!report.ok, "{name}");
        assert_eq!(
            report.checkpoint.and_then(|c| c.failure).as_deref(),
            Some("signature"),
            "{name}"
        );
    }
}

async fn the_cli_prints_the_key_signs_and_verifies(backend: Backend) {
    let app = spawn_app(backend).await;
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_backend"))
            .args(args)
            .env("DATABASE_URL", app.database_url())
            .env("DATA_DIR", &app.data_dir)
            .env("DATA_ENCRYPTION_KEY_FILE", crate::helpers::data_key_file())
            .env_remove("AUDIT_SIGNING_KEY_FILE")
            .env("RUST_LOG", "warn")
            .output()
            .expect("run the CLI")
    };
    let key = key_of(&app);
    let printed = run(&["audit", "public-key"]);
    assert!(printed.status.success());
    let text = String::from_utf8_lossy(&printed.stdout);
    assert!(text.contains(&key.public_key_hex()), "{text}");
    assert!(text.contains(&key.key_id()), "{text}");

    let signed = run(&["audit", "checkpoint"]);
    assert!(signed.status.success(), "{signed:?}");
    let cp: shared::org::AuditCheckpoint =
        serde_json::from_slice(&signed.stdout).expect("the checkpoint as JSON");
    assert_eq!(cp.key_id, key.key_id());

    let verified = run(&["audit", "verify"]);
    assert!(verified.status.success(), "{verified:?}");

    let head = cp.audit_row_id;
    app.db
        .run(move |conn| {
            diesel::delete(audit_log::table.filter(audit_log::id.eq(head))).execute(conn)?;
            Ok(())
        })
        .await
        .expect("delete the newest row");
    let failed = run(&["audit", "verify"]);
    assert!(!failed.status.success());
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(
        err.contains(&format!("checkpoint {} failed: head_missing", cp.id)),
        "{err}"
    );

    // An explicit key file: another key, so the stored checkpoint's signature fails.
    let file = app.data_dir.join("other.key");
    std::fs::write(&file, hex::encode([9_u8; 32])).expect("write a key file");
    let other = std::process::Command::new(env!("CARGO_BIN_EXE_backend"))
        .args(["audit", "public-key"])
        .env("DATABASE_URL", app.database_url())
        .env("DATA_DIR", &app.data_dir)
        .env("DATA_ENCRYPTION_KEY_FILE", crate::helpers::data_key_file())
        .env("AUDIT_SIGNING_KEY_FILE", &file)
        .output()
        .expect("run the CLI");
    assert!(String::from_utf8_lossy(&other.stdout)
        .contains(&AuditKey::from_seed([9; 32]).public_key_hex()));
}

#[cfg(unix)]
#[tokio::test]
async fn the_generated_key_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let key = AuditKey::load_or_create(None, dir.path()).expect("generate");
    let path = dir.path().join(checkpoint::KEY_FILE_NAME);
    let mode = std::fs::metadata(&path).expect("file").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let again = AuditKey::load_or_create(None, dir.path()).expect("load");
    assert_eq!(again.public_key_hex(), key.public_key_hex());
}

db_tests!(
    an_on_demand_checkpoint_is_audited_listed_exported_and_verifies,
    only_the_auditor_may_sign_list_or_export_checkpoints,
    the_job_signs_only_when_the_newest_checkpoint_is_older_than_the_period,
    deleting_the_newest_rows_after_a_checkpoint_is_detected,
    a_tampered_signature_or_another_key_fails_the_checkpoint,
    the_cli_prints_the_key_signs_and_verifies,
);
