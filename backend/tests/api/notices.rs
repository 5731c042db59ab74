//! Issue 12: notices written with the event that causes them — an application arriving in a
//! queue, returned to its applicant, withdrawn; a password reset — seen only by their readers
//! (the account, or the unit's own accounts holding the queue's module), read per reader.

use serde_json::{json, Value};

use crate::{
    db_tests,
    helpers::{expect, get_ok, send, spawn_app, Backend, TestApp},
    workflow::{create_draft, ok, APPLICANT},
};

async fn notices(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    get_ok(app, token, &format!("/api/v1/notices?{query}")).await["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

async fn unread(app: &TestApp, token: &str) -> i64 {
    get_ok(app, token, "/api/v1/notices/summary").await["unread"]
        .as_i64()
        .expect("unread")
}

async fn application_moves_notify_the_queue_and_the_applicant(backend: Backend) {
    let app = spawn_app(backend).await;
    let me = app.login_as(APPLICANT).await.access_token;
    let school = app.login_as("county_emp_unit").await.access_token;
    let school_admin = app.login_as("county_emp_admin").await.access_token;
    let county = app.login_as("county_hrss_unit").await.access_token;
    let before = unread(&app, &school).await;

    let a = create_draft(&app, &me).await;
    let a = ok(&app, &me, &a, "submit", json!({})).await;
    // The employer's queue: one notice, in Chinese by default.
    let arrived = notices(&app, &school, "unread=true&kind=application_arrived").await;
    let mine: Vec<&Value> = arrived
        .iter()
        .filter(|n| n["object_id"] == json!(a.id))
        .collect();
    assert_eq!(mine.len(), 1, "{arrived:?}");
    assert_eq!(mine[0]["object"], json!("application"));
    assert_eq!(
        mine[0]["text"],
        json!("张晓明的一级教师申报已到达，待单位内部核验")
    );
    assert_eq!(mine[0]["read"], json!(false));
    assert_eq!(unread(&app, &school).await, before + 1);
    // Nobody else: not the HRSS above, not the unit's administrator (no queue module), not
    // the applicant.
    for token in [&county, &school_admin, &me] {
        let seen = notices(&app, token, "per_page=100").await;
        assert!(
            seen.iter().all(|n| n["object_id"] != json!(a.id)
                || n["kind"] != json!("application_arrived")),
            "{seen:?}"
        );
    }
    // English on request.
    let res = app
        .client
        .get(app.url("/api/v1/notices?kind=application_arrived"))
        .bearer_auth(&school)
        .header("accept-language", "en")
        .send()
        .await
        .expect("en");
    let page: Value = res.json().await.expect("json");
    assert!(page["items"][0]["text"]
        .as_str()
        .is_some_and(|t| t.contains("'s application for")));

    // Returned with an opinion: the applicant is told, with the opinion.
    let a = ok(
        &app,
        &school,
        &a,
        "unit_reject",
        json!({"opinion": "请补充继续教育证明"}),
    )
    .await;
    let back = notices(&app, &me, "kind=application_returned").await;
    assert_eq!(back.len(), 1, "{back:?}");
    assert!(back[0]["text"]
        .as_str()
        .is_some_and(|t| t.contains("请补充继续教育证明")));

    // Submitted again, then withdrawn: the employer is told it was withdrawn.
    let a = ok(&app, &me, &a, "submit", json!({})).await;
    ok(&app, &me, &a, "withdraw", json!({})).await;
    let gone = notices(&app, &school, "kind=application_withdrawn").await;
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert_eq!(gone[0]["object_id"], json!(a.id));

    // Read one, then all; another reader of the same unit keeps its own state.
    let id = mine[0]["id"].as_i64().expect("id");
    let (status, _) = send(
        &app,
        &school,
        "POST",
        &format!("/api/v1/notices/{id}/read"),
        Value::Null,
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = send(
        &app,
        &school,
        "POST",
        &format!("/api/v1/notices/{id}/read"),
        Value::Null,
    )
    .await;
    assert_eq!(status, 204, "reading again changes nothing");
    let (status, _) = send(
        &app,
        &county,
        "POST",
        &format!("/api/v1/notices/{id}/read"),
        Value::Null,
    )
    .await;
    assert_eq!(status, 404, "not the HRSS's notice");
    let after_one = unread(&app, &school).await;
    let all = expect(
        &app,
        &school,
        "POST",
        "/api/v1/notices/read-all",
        Value::Null,
        200,
    )
    .await;
    assert_eq!(all["unread"], json!(0));
    assert!(after_one > 0);
    assert!(notices(&app, &school, "unread=true").await.is_empty());
    let handler = app.login_as("county_emp_handler").await.access_token;
    let (status, page) = send(
        &app,
        &handler,
        "GET",
        "/api/v1/notices?per_page=100",
        Value::Null,
    )
    .await;
    assert_eq!(status, 200);
    let items = page["items"].as_array().expect("items");
    assert!(!items.is_empty(), "the handler holds the queue's module");
    for n in items {
        assert_eq!(n["read"], json!(false), "read state is per reader: {n}");
    }
    let (status, _) = send(&app, "", "GET", "/api/v1/notices", Value::Null).await;
    assert_eq!(status, 401);
    let (status, _) = send(&app, &school, "GET", "/api/v1/notices?page=0", Value::Null).await;
    assert_eq!(status, 400);
}

async fn a_password_reset_notifies_the_account(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("county_emp_admin").await.access_token;
    let handler_id = crate::org::account_id(&app, "county_emp_handler").await;
    let (status, body) = send(
        &app,
        &admin,
        "POST",
        &format!("/api/v1/accounts/{handler_id}/reset-password"),
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let notes: i64 = app
        .db
        .run(move |conn| {
            use backend::db::schema::notices;
            use diesel::prelude::*;
            Ok(notices::table
                .filter(notices::account_id.eq(handler_id))
                .filter(notices::kind.eq("password_reset"))
                .count()
                .get_result(conn)?)
        })
        .await
        .expect("count");
    assert_eq!(notes, 1);
}

db_tests!(
    application_moves_notify_the_queue_and_the_applicant,
    a_password_reset_notifies_the_account,
);
