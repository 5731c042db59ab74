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

db_tests!(
    logins_are_audited_and_the_chain_verifies,
    an_edited_row_breaks_the_chain_there,
    a_deleted_row_breaks_the_chain_at_its_successor,
);
