//! The audit log: every login attempt appends a row; the chain verifies, and a tampered or
//! deleted row is named.

use backend::{audit, db::schema::audit_log};
use diesel::prelude::*;

use crate::{
    db_tests,
    helpers::{spawn_app, Backend},
};

async fn logins_are_audited_and_the_chain_verifies(backend: Backend) {
    let app = spawn_app(backend).await;
    app.login_as("prov_hrss_unit").await;
    app.login("prov_hrss_unit", "Wrong#pass123").await;
    app.login("ghost", "Wrong#pass123").await;

    let (rows, report) = app
        .db
        .run(|conn| {
            let rows: Vec<(String, String, Option<String>)> = audit_log::table
                .order(audit_log::id.asc())
                .select((audit_log::action, audit_log::outcome, audit_log::actor_name))
                .load(conn)?;
            Ok((rows, audit::verify(conn)?))
        })
        .await
        .expect("read");

    let logins: Vec<_> = rows.iter().filter(|r| r.0 == "auth.login").collect();
    assert_eq!(logins.len(), 3);
    assert_eq!(logins[0].1, "success");
    assert_eq!(logins[1].1, "failure");
    assert_eq!(
        logins[2].2.as_deref(),
        Some("ghost"),
        "unknown usernames are recorded as typed"
    );
    assert!(report.ok);
    assert_eq!(report.checked as usize, rows.len());
}

async fn an_edited_row_breaks_the_chain_there(backend: Backend) {
    let app = spawn_app(backend).await;
    for _ in 0..4 {
        app.login("prov_hrss_unit", "Wrong#pass123").await;
    }

    let report = app
        .db
        .run(|conn| {
            // The demo's own rows come first; tamper with the third failed login.
            let before: i64 = audit_log::table
                .filter(audit_log::outcome.eq("success"))
                .count()
                .get_result(conn)?;
            let ids: Vec<i64> = audit_log::table
                .filter(audit_log::outcome.eq("failure"))
                .order(audit_log::id.asc())
                .select(audit_log::id)
                .load(conn)?;
            diesel::update(audit_log::table.find(ids[2]))
                .set(audit_log::outcome.eq("success"))
                .execute(conn)?;
            let first = audit::verify(conn)?;
            Ok((ids[2], first, before))
        })
        .await
        .expect("tamper");

    assert!(!report.1.ok);
    assert_eq!(report.1.first_broken_id, Some(report.0));
    assert_eq!(
        report.1.checked,
        u64::try_from(report.2).unwrap_or_default() + 2
    );
}

async fn a_deleted_row_breaks_the_chain_at_its_successor(backend: Backend) {
    let app = spawn_app(backend).await;
    for _ in 0..4 {
        app.login("prov_hrss_unit", "Wrong#pass123").await;
    }

    let (next, report) = app
        .db
        .run(|conn| {
            let ids: Vec<i64> = audit_log::table
                .order(audit_log::id.asc())
                .select(audit_log::id)
                .load(conn)?;
            diesel::delete(audit_log::table.find(ids[1])).execute(conn)?;
            Ok((ids[2], audit::verify(conn)?))
        })
        .await
        .expect("tamper");

    assert_eq!(report.first_broken_id, Some(next));
}

async fn the_list_names_targets_and_every_action_has_a_label(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("county_emp_admin").await;
    let created = app
        .post_as(
            &admin.access_token,
            "/api/v1/accounts",
            &serde_json::json!({
                "username": "audit_named",
                "display_name": "审计留名",
                "kind": "handler",
                "unit_id": admin.user.unit.id,
            }),
        )
        .await;
    assert_eq!(created.status(), 201, "account created");
    let auditor = app.login_as("auditor").await.access_token;

    let page: serde_json::Value = app
        .get_as(&auditor, "/api/v1/audit?action=account.create")
        .await
        .json()
        .await
        .expect("JSON");

    let row = &page["items"][0];
    assert_eq!(row["target_type"], "account");
    assert_eq!(row["target_name"], "审计留名", "{row}");
    let logins: serde_json::Value = app
        .get_as(&auditor, "/api/v1/audit?action=auth.login")
        .await
        .json()
        .await
        .expect("JSON");
    for row in logins["items"].as_array().expect("items") {
        assert!(
            row.get("target_name").is_none() || row["target_type"] == "account",
            "{row}"
        );
        let code = row["action"].as_str().expect("action");
        assert!(shared::audit::action_label(code, shared::Locale::ZhCn).is_some());
    }
}

db_tests!(
    the_list_names_targets_and_every_action_has_a_label,
    logins_are_audited_and_the_chain_verifies,
    an_edited_row_breaks_the_chain_there,
    a_deleted_row_breaks_the_chain_at_its_successor,
);
