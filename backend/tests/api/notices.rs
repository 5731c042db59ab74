//! Issue 12: notices written with the event that causes them — an application arriving in a
//! queue, returned to its applicant, withdrawn; a password reset; a report filed — seen only by
//! their readers (the account, or the unit's own accounts holding the module), read per reader;
//! and the notice job: the publicity milestones told once from one instance, the outbox handed
//! to the delivery once, kept when the gateway is down.

use std::sync::{Arc, Mutex};

use backend::clock::Clock;
use backend::notices::{
    delivery::{Deliver, DeliveryFailed, Outgoing},
    job::{run_if_due, RunReport},
};
use serde_json::{json, Value};

use crate::{
    db_tests,
    helpers::{expect, get_ok, send, spawn_app, Backend, TestApp},
    publicity::{insert_application, travel},
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

/// Runs the notice job as instance `holder` at the server's time, once due every minute.
async fn run_job(
    app: &TestApp,
    holder: &'static str,
    deliver: Arc<dyn Deliver>,
) -> Option<RunReport> {
    let now = app.clock.now();
    app.db
        .run(move |conn| run_if_due(conn, holder, now, chrono::Duration::minutes(1), &*deliver))
        .await
        .expect("the notice job")
}

/// Keeps what it is given to send.
#[derive(Debug, Default)]
struct Recorder(Mutex<Vec<Outgoing>>);

impl Deliver for Recorder {
    fn deliver(&self, notice: &Outgoing) -> Result<(), DeliveryFailed> {
        self.0.lock().expect("recorder").push(notice.clone());
        Ok(())
    }
}

/// A gateway that is down.
#[derive(Debug)]
struct Down;

impl Deliver for Down {
    fn deliver(&self, _: &Outgoing) -> Result<(), DeliveryFailed> {
        Err(DeliveryFailed("gateway unreachable".into()))
    }
}

/// The count of the caller's to-do `kind` (`None`: not offered to the caller).
pub async fn todo(app: &TestApp, token: &str, kind: &str) -> Option<i64> {
    let todos = get_ok(app, token, "/api/v1/todos").await;
    todos
        .as_array()
        .expect("todos")
        .iter()
        .find(|t| t["kind"] == kind)
        .map(|t| t["count"].as_i64().expect("count"))
}

/// The caller's notices of `kind`.
pub async fn kinds(app: &TestApp, token: &str, kind: &str) -> Vec<Value> {
    notices(app, token, &format!("kind={kind}&per_page=100")).await
}

async fn the_notice_job_tells_a_publicity_once_from_one_instance(backend: Backend) {
    let app = spawn_app(backend).await;
    travel(&app, "2035-03-05");
    let a = insert_application(&app, "application_publicity", None, 1).await;
    let b = insert_application(&app, "application_publicity", None, 2).await;
    let school = app.login_as("county_emp_unit").await.access_token;
    // Mon 12 – Fri 16 March 2035.
    let created = expect(
        &app,
        &school,
        "POST",
        "/api/v1/publicity-batches",
        json!({
            "kind": "application",
            "title": "2035年度职称申报公示",
            "content": "以下人员申报职称，现予公示。",
            "period_start": "2035-03-12",
            "period_end": "2035-03-16",
            "application_ids": [a, b],
        }),
        201,
    )
    .await;
    let id = created["batch"]["id"].as_i64().expect("batch id");
    let path = format!("/api/v1/publicity-batches/{id}");
    expect(
        &app,
        &school,
        "POST",
        &format!("{path}/publish"),
        json!({"version": 1}),
        200,
    )
    .await;
    let quiet = Arc::new(Recorder::default());

    // Before the period: nothing to tell.
    let r = run_job(&app, "one", quiet.clone()).await.expect("due");
    assert_eq!((r.started, r.ending, r.ended), (0, 0, 0));

    // The first day: two instances tick at once; one runs, the applicant hears once per
    // application.
    travel(&app, "2035-03-12");
    let (x, y) = tokio::join!(
        run_job(&app, "one", quiet.clone()),
        run_job(&app, "two", quiet.clone())
    );
    assert_eq!(
        u8::from(x.is_some()) + u8::from(y.is_some()),
        1,
        "{x:?} {y:?}"
    );
    assert_eq!(x.or(y).expect("one ran").started, 1);
    assert!(
        run_job(&app, "two", quiet.clone()).await.is_none(),
        "not due"
    );
    let me = app.login_as(APPLICANT).await.access_token;
    let started = kinds(&app, &me, "publicity_started").await;
    assert_eq!(started.len(), 2, "{started:?}");
    let ids: Vec<Value> = started.iter().map(|n| n["object_id"].clone()).collect();
    assert!(
        ids.contains(&json!(a)) && ids.contains(&json!(b)),
        "{ids:?}"
    );
    assert_eq!(
        started[0]["path"],
        json!(format!("/title/applications/{}", started[0]["object_id"]))
    );
    assert!(started[0]["text"]
        .as_str()
        .is_some_and(|t| t.contains("2035-03-16")));
    // A minute later another instance runs: the milestone is not told twice.
    app.clock.advance(chrono::Duration::minutes(1));
    let again = run_job(&app, "two", quiet.clone())
        .await
        .expect("due again");
    assert_eq!(again.started, 0);
    assert_eq!(kinds(&app, &me, "publicity_started").await.len(), 2);

    // A report reaches the batch's owner (its publicity module's holders), nobody else.
    let school = app.login_as("county_emp_unit").await.access_token;
    let hrss = app.login_as("county_hrss_unit").await.access_token;
    expect(
        &app,
        &hrss,
        "POST",
        &format!("{path}/reports"),
        json!({
            "application_id": a,
            "reporter_name": "王某",
            "reporter_contact": "13900000000",
            "content": "业绩材料与实际不符",
        }),
        201,
    )
    .await;
    let filed = kinds(&app, &school, "report_filed").await;
    assert_eq!(filed.len(), 1, "{filed:?}");
    assert_eq!(
        filed[0]["path"],
        json!(format!("/publicity/application/{id}"))
    );
    assert!(filed[0]["text"]
        .as_str()
        .is_some_and(|t| t.contains("张晓明")));
    assert!(kinds(&app, &hrss, "report_filed").await.is_empty());
    // The owner's home lists the report to resolve, on its publicity page.
    let todos = get_ok(&app, &school, "/api/v1/todos").await;
    let reports: Vec<&Value> = todos
        .as_array()
        .expect("todos")
        .iter()
        .filter(|t| t["kind"] == "reports_to_resolve")
        .collect();
    assert!(
        reports.iter().any(|t| t["publicity"] == "application"
            && t["count"] == 1
            && t["path"] == "/publicity/application"),
        "{todos}"
    );
    assert_eq!(
        todo(&app, &hrss, "reports_to_resolve").await.unwrap_or(0),
        0
    );
    assert_eq!(todo(&app, &me, "reports_to_resolve").await, None);
    assert!(kinds(&app, &me, "report_filed").await.is_empty());

    // Thursday: the period ends on the next working day, with one report open.
    travel(&app, "2035-03-15");
    let r = run_job(&app, "one", quiet.clone()).await.expect("due");
    assert_eq!((r.started, r.ending, r.ended), (0, 1, 0));
    let school = app.login_as("county_emp_unit").await.access_token;
    let ending = kinds(&app, &school, "publicity_ending").await;
    assert_eq!(ending.len(), 1, "{ending:?}");
    assert!(ending[0]["text"]
        .as_str()
        .is_some_and(|t| t.contains("尚有 1 件举报")));
    // Saturday: ended, once.
    travel(&app, "2035-03-17");
    let r = run_job(&app, "two", quiet.clone()).await.expect("due");
    assert_eq!((r.started, r.ending, r.ended), (0, 0, 1));
    app.clock.advance(chrono::Duration::minutes(5));
    let r = run_job(&app, "one", quiet.clone()).await.expect("due");
    assert_eq!((r.started, r.ending, r.ended), (0, 0, 0));
    let school = app.login_as("county_emp_unit").await.access_token;
    let hrss = app.login_as("county_hrss_unit").await.access_token;
    assert_eq!(kinds(&app, &school, "publicity_ended").await.len(), 1);
    assert!(kinds(&app, &hrss, "publicity_ended").await.is_empty());

    // Delivery: a gateway that is down keeps the notice in the outbox; the next run sends it,
    // and nothing is sent twice.
    let written: i64 = app
        .db
        .run(|conn| {
            use backend::db::schema::notices;
            use diesel::prelude::*;
            Ok(notices::table.count().get_result(conn)?)
        })
        .await
        .expect("count");
    // Every notice written so far went out, each once.
    let sent_before: Vec<i64> = quiet
        .0
        .lock()
        .expect("recorder")
        .iter()
        .map(|o| o.notice_id)
        .collect();
    let distinct: std::collections::BTreeSet<i64> = sent_before.iter().copied().collect();
    assert_eq!(distinct.len(), sent_before.len(), "{sent_before:?}");
    let outbox = app.db.run(|conn| {
        use backend::db::schema::notices;
        use diesel::prelude::*;
        Ok(notices::table
            .filter(notices::delivered_at.is_null())
            .count()
            .get_result::<i64>(conn)?)
    });
    assert_eq!(outbox.await.expect("outbox"), 0);
    assert!(written >= i64::try_from(sent_before.len()).expect("len"));
    // A new event, a gateway that is down, then one that works.
    let admin = app.login_as("county_emp_admin").await.access_token;
    let handler_id = crate::org::account_id(&app, "county_emp_handler").await;
    expect(
        &app,
        &admin,
        "POST",
        &format!("/api/v1/accounts/{handler_id}/reset-password"),
        json!({}),
        200,
    )
    .await;
    app.clock.advance(chrono::Duration::minutes(1));
    let r = run_job(&app, "one", Arc::new(Down)).await.expect("due");
    assert_eq!((r.delivered, r.failed), (0, 1));
    app.clock.advance(chrono::Duration::minutes(1));
    let recorder = Arc::new(Recorder::default());
    let r = run_job(&app, "two", recorder.clone()).await.expect("due");
    assert_eq!((r.delivered, r.failed), (1, 0));
    let sent = recorder.0.lock().expect("recorder").clone();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].kind, shared::notices::NoticeKind::PasswordReset);
    assert_eq!(sent[0].to, backend::notices::To::Account(handler_id));
    app.clock.advance(chrono::Duration::minutes(1));
    let r = run_job(&app, "one", recorder.clone()).await.expect("due");
    assert_eq!((r.delivered, r.failed), (0, 0));
}

/// The to-do of the caller's queue of `stage` (`None`: its own applications), as
/// `(count, path)`; `None` when it is not offered to the caller.
async fn queue_todo(app: &TestApp, token: &str, stage: Option<&str>) -> Option<(i64, String)> {
    let todos = get_ok(app, token, "/api/v1/todos").await;
    let kind = if stage.is_some() {
        "queue"
    } else {
        "my_applications"
    };
    todos.as_array().expect("todos").iter().find_map(|t| {
        (t["kind"] == kind && t["stage"].as_str() == stage).then(|| {
            (
                t["count"].as_i64().expect("count"),
                t["path"].as_str().expect("path").to_owned(),
            )
        })
    })
}

/// What the list answers as its total for `todo=true` (and `stage`).
async fn list_total(app: &TestApp, token: &str, stage: Option<&str>) -> i64 {
    let query = stage.map_or(String::new(), |s| format!("&stage={s}"));
    get_ok(
        app,
        token,
        &format!("/api/v1/applications?todo=true&per_page=1{query}"),
    )
    .await["total"]
        .as_i64()
        .expect("total")
}

/// The home page's queue cards come from the to-dos: each queue the caller holds, and the
/// applicant's own list, counted exactly as the list counts `todo=true`; an application moving
/// on moves between the counts; nobody is offered a queue it does not hold.
async fn the_queue_todos_count_what_the_lists_count(backend: Backend) {
    let app = spawn_app(backend).await;
    let me = app.login_as(APPLICANT).await.access_token;
    let school = app.login_as("county_emp_unit").await.access_token;
    let school_admin = app.login_as("county_emp_admin").await.access_token;
    let county = app.login_as("county_hrss_unit").await.access_token;
    let verification = Some("unit_verification");

    let (mine, path) = queue_todo(&app, &me, None).await.expect("applicant's own");
    assert_eq!(path, "/title/my-applications");
    assert_eq!(mine, list_total(&app, &me, None).await);
    let (queued, path) = queue_todo(&app, &school, verification)
        .await
        .expect("the employer's verification queue");
    assert_eq!(path, "/title/queue/unit_verification");
    assert_eq!(queued, list_total(&app, &school, verification).await);

    let a = create_draft(&app, &me).await;
    assert_eq!(
        queue_todo(&app, &me, None).await.map(|t| t.0),
        Some(mine + 1)
    );
    ok(&app, &me, &a, "submit", json!({})).await;
    assert_eq!(queue_todo(&app, &me, None).await.map(|t| t.0), Some(mine));
    let now = queue_todo(&app, &school, verification).await.map(|t| t.0);
    assert_eq!(now, Some(queued + 1));
    assert_eq!(now, Some(list_total(&app, &school, verification).await));

    // Only the queues held: the applicant has none, the unit's administrator none, the employer
    // no policy review; the county HRSS unit no applicant's list.
    for token in [&me, &school_admin] {
        let todos = get_ok(&app, token, "/api/v1/todos").await;
        assert!(
            todos
                .as_array()
                .expect("todos")
                .iter()
                .all(|t| t["kind"] != "queue"),
            "{todos}"
        );
    }
    assert_eq!(queue_todo(&app, &school, Some("policy_review")).await, None);
    assert_eq!(queue_todo(&app, &county, None).await, None);
    assert_eq!(queue_todo(&app, &school_admin, None).await, None);
}

db_tests!(
    the_queue_todos_count_what_the_lists_count,
    application_moves_notify_the_queue_and_the_applicant,
    a_password_reset_notifies_the_account,
    the_notice_job_tells_a_publicity_once_from_one_instance,
);
