//! The audit log: every login attempt appends a row; the chain verifies, and a tampered or
//! deleted row is named.

use backend::{audit, clock::Clock, db::schema::audit_log};
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
            // Rows are tampered with once sealed into the chain (a pending row has no hash yet).
            audit::seal(conn)?;
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
            audit::seal(conn)?;
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

/// Eight writers append at once, each in its own transactions; the chain the sealer makes of
/// their rows verifies and holds every row once, at places 1..n.
async fn concurrent_writers_seal_into_one_chain(backend: Backend) {
    let app = spawn_app(backend).await;
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let db = app.db.clone();
            let now = app.clock.now();
            tokio::spawn(async move {
                for i in 0..20 {
                    db.run(move |conn| {
                        conn.write_transaction(|conn| {
                            audit::append(
                                conn,
                                &audit::Actor {
                                    name: Some(format!("writer{w}")),
                                    ..audit::Actor::default()
                                },
                                &audit::Event {
                                    action: "test.write",
                                    target_type: "test",
                                    target_id: Some(format!("{w}-{i}")),
                                    success: true,
                                    before: None,
                                    after: Some(serde_json::json!({"i": i})),
                                },
                                now,
                            )
                        })
                    })
                    .await
                    .expect("append");
                }
            })
        })
        .collect();
    for w in writers {
        w.await.expect("writer");
    }
    let (report, rows, max_seq, pending) = app
        .db
        .run(|conn| {
            let report = audit::verify(conn)?;
            let rows: i64 = audit_log::table.count().get_result(conn)?;
            let max_seq: Option<i64> = audit_log::table
                .select(diesel::dsl::max(audit_log::seq))
                .first(conn)?;
            let pending: i64 = audit_log::table
                .filter(audit_log::seq.is_null())
                .count()
                .get_result(conn)?;
            Ok((report, rows, max_seq, pending))
        })
        .await
        .expect("verify");
    assert!(report.ok, "{report:?}");
    assert_eq!(pending, 0);
    assert_eq!(report.checked, u64::try_from(rows).unwrap_or_default());
    assert_eq!(
        max_seq,
        Some(rows),
        "places 1..n, none twice (the index is unique)"
    );
}

/// PostgreSQL: a transaction that took its id first but commits last is sealed after the rows
/// that committed before it — the chain follows the sealer, not the ids — and verifies.
#[tokio::test]
async fn a_row_committed_late_is_sealed_after_the_rows_before_it() {
    let app = spawn_app(Backend::Postgres).await;
    let db = app.db.clone();
    let now = app.clock.now();
    tokio::task::spawn_blocking(move || {
        use diesel::connection::{AnsiTransactionManager, TransactionManager};
        let event = |target: &str| audit::Event {
            action: "test.write",
            target_type: "test",
            target_id: Some(target.to_owned()),
            success: true,
            before: None,
            after: None,
        };
        let actor = audit::Actor::default();
        let mut late = db.get().expect("connection");
        let mut early = db.get().expect("connection");
        let backend::db::DbConnection::Pg(pg) = &mut *late else {
            panic!("a PostgreSQL connection");
        };
        AnsiTransactionManager::begin_transaction(pg).expect("begin");
        audit::append(&mut late, &actor, &event("late"), now).expect("late append");
        audit::seal(&mut early).expect("seal");
        early
            .write_transaction(|c| audit::append(c, &actor, &event("early"), now))
            .expect("early append");
        assert_eq!(
            audit::seal(&mut early).expect("seal"),
            1,
            "only the committed row"
        );
        <backend::db::DbConnection as Connection>::TransactionManager::commit_transaction(
            &mut *late,
        )
        .expect("commit");
        assert_eq!(
            audit::seal(&mut early).expect("seal"),
            1,
            "now the late one"
        );
        let placed: Vec<(Option<String>, i64, Option<i64>)> = audit_log::table
            .filter(audit_log::action.eq("test.write"))
            .order(audit_log::seq.asc())
            .select((audit_log::target_id, audit_log::id, audit_log::seq))
            .load(&mut *early)
            .expect("rows");
        assert_eq!(placed[0].0.as_deref(), Some("early"));
        assert_eq!(placed[1].0.as_deref(), Some("late"));
        assert!(placed[1].1 < placed[0].1, "the late row has the lower id");
        let report = audit::verify(&mut early).expect("verify");
        assert!(report.ok, "{report:?}");
    })
    .await
    .expect("the test thread");
}

db_tests!(
    concurrent_writers_seal_into_one_chain,
    the_list_names_targets_and_every_action_has_a_label,
    logins_are_audited_and_the_chain_verifies,
    an_edited_row_breaks_the_chain_there,
    a_deleted_row_breaks_the_chain_at_its_successor,
);
