//! The failure publicity's two deadlines (manual §6.2.8, issue 9 point 5): set and validated in
//! the batch's create/update, printed in the standard text, shown on the timeline of the
//! completion, and a supplement after the online deadline refused (`supplement_overdue`).

use backend::clock::Clock;
use backend::db::schema::{accounts, applications, publicity_batches};
use diesel::prelude::*;
use serde_json::{json, Value};
use shared::application::{Application, TimelineEvent};

use crate::{
    db_tests,
    helpers::{spawn_app, Backend, TestApp},
    publicity::{
        code, committee_with_reviewer, detail, insert_application, patch_as, stage_of, token,
        travel,
    },
};

async fn batches(app: &TestApp) -> i64 {
    app.db
        .run(|conn| Ok(publicity_batches::table.count().get_result(conn)?))
        .await
        .expect("count")
}

async fn applicant_of(app: &TestApp, id: i64) -> String {
    app.db
        .run(move |conn| {
            Ok(applications::table
                .inner_join(accounts::table.on(accounts::id.eq(applications::applicant_id)))
                .filter(applications::id.eq(id))
                // An applicant signs in with its ID number (the username is stored as its key).
                .select(accounts::id_number)
                .first::<Option<String>>(conn)?
                .unwrap_or_default())
        })
        .await
        .expect("applicant")
}

async fn supplement(app: &TestApp, token: &str, id: i64) -> reqwest::Response {
    let a: Application = app
        .get_as(token, &format!("/api/v1/applications/{id}"))
        .await
        .json()
        .await
        .expect("application");
    app.post_as(
        token,
        &format!("/api/v1/applications/{id}/actions"),
        &json!({"action": "submit_supplement", "version": a.version}),
    )
    .await
}

async fn failure_deadlines_are_validated_printed_and_enforced(backend: Backend) {
    let app = spawn_app(backend).await;
    travel(&app, "2035-03-05");
    let committee = committee_with_reviewer(&app).await;
    let early = insert_application(&app, "failure_publicity", Some(committee), 1).await;
    let late = insert_application(&app, "failure_publicity", Some(committee), 2).await;
    let nominee = insert_application(&app, "nominee_publicity", Some(committee), 3).await;
    let reviewer = token(&app, "pr_county_2026_001").await;
    let body = |extra: Value| {
        let mut b = json!({
            "kind": "failure",
            "period_start": "2035-03-12",
            "period_end": "2035-03-16",
            "application_ids": [early, late],
        });
        if let (Some(b), Some(e)) = (b.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                b.insert(k.clone(), v.clone());
            }
        }
        b
    };
    // Refusals, each naming its field and creating nothing.
    for (extra, field) in [
        (
            json!({"supplement_deadline": "2035-03-16"}),
            "supplement_deadline",
        ),
        (json!({"paper_deadline": "2035-03-10"}), "paper_deadline"),
        (json!({"paper_deadline": "2035-3-x"}), "paper_deadline"),
        (json!({"paper_phone": "12345"}), "paper_phone"),
        (json!({"paper_address": " "}), "paper_address"),
    ] {
        let (status, code_, message) = code(
            app.post_as(&reviewer, "/api/v1/publicity-batches", &body(extra.clone()))
                .await,
        )
        .await;
        assert_eq!(
            (status, code_.as_str()),
            (422, "validation_failed"),
            "{extra}"
        );
        assert!(message.contains(field), "{extra}: {message}");
    }
    let (status, _, message) = code(
        app.post_as(
            &reviewer,
            "/api/v1/publicity-batches",
            &json!({"kind": "nominee", "title": "t", "content": "c", "period_start": "2035-03-12",
                    "period_end": "2035-03-16", "application_ids": [nominee],
                    "paper_deadline": "2035-03-20"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422, "only a failure publicity has deadlines");
    assert!(message.contains("paper_deadline"), "{message}");
    assert_eq!(batches(&app).await, 0);

    // Created with both deadlines, the address and the phone: stored and printed.
    let created = detail(
        app.post_as(
            &reviewer,
            "/api/v1/publicity-batches",
            &body(json!({
                "supplement_deadline": "2035-03-20",
                "paper_deadline": "2035-03-23",
                "paper_address": "示范县人社局 310 室",
                "paper_phone": "0851-85550000",
            })),
        )
        .await,
        201,
    )
    .await;
    let d = created.batch.deadlines.clone().expect("deadlines");
    assert_eq!(d.supplement_deadline, "2035-03-20");
    assert_eq!(d.paper_deadline, "2035-03-23");
    assert_eq!(d.paper_address, "示范县人社局 310 室");
    assert_eq!(d.paper_phone, "0851-85550000");
    let content = &created.batch.content;
    assert!(
        content.contains("线上补充材料截止时间至2035年3月20日"),
        "{content}"
    );
    assert!(
        content.contains("补充纸质材料时间截止到2035年3月23日"),
        "{content}"
    );
    assert!(
        content.contains("纸质材料报送地址：示范县人社局 310 室"),
        "{content}"
    );
    assert!(content.contains("联系电话：0851-85550000"), "{content}");
    // Without them the standard defaults apply: 5 working days, the committee unit.
    let template: Value = app
        .get_as(
            &reviewer,
            "/api/v1/publicity-batches/failure-template?period_start=2035-03-12&period_end=2035-03-16&supplement_deadline=2035-03-20&paper_deadline=2035-03-27",
        )
        .await
        .json()
        .await
        .expect("template");
    let text = template["content"].as_str().unwrap_or_default();
    assert!(
        text.contains("补充纸质材料时间截止到2035年3月27日"),
        "{text}"
    );
    let res = app
        .get_as(
            &reviewer,
            "/api/v1/publicity-batches/failure-template?period_start=2035-03-12&period_end=2035-03-16&paper_deadline=2035-03-14",
        )
        .await;
    assert_eq!(code(res).await.0, 422, "a paper deadline inside the period");

    // Edited in the draft: validated against the period, versioned.
    let path = format!("/api/v1/publicity-batches/{}", created.batch.id);
    let res = patch_as(
        &app,
        &reviewer,
        &path,
        &json!({"version": 1, "paper_deadline": "2035-03-15"}),
    )
    .await;
    assert_eq!(code(res).await.0, 422);
    let edited = detail(
        patch_as(
            &app,
            &reviewer,
            &path,
            &json!({"version": 1, "paper_deadline": "2035-03-24"}),
        )
        .await,
        200,
    )
    .await;
    let d = edited.batch.deadlines.expect("deadlines");
    assert_eq!(
        (d.supplement_deadline.as_str(), d.paper_deadline.as_str()),
        ("2035-03-20", "2035-03-24")
    );
    detail(
        app.post_as(
            &reviewer,
            &format!("{path}/publish"),
            &json!({"version": 2}),
        )
        .await,
        200,
    )
    .await;
    travel(&app, "2035-03-17");
    let reviewer = token(&app, "pr_county_2026_001").await;
    detail(
        app.post_as(
            &reviewer,
            &format!("{path}/complete"),
            &json!({"version": 3}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(stage_of(&app, early).await.0, "supplement");

    // The timeline of the completion shows the deadlines.
    let applicant = applicant_of(&app, early).await;
    let me = token(&app, &applicant).await;
    let events: Vec<TimelineEvent> = app
        .get_as(&me, &format!("/api/v1/applications/{early}/timeline"))
        .await
        .json()
        .await
        .expect("timeline");
    let done = events
        .iter()
        .find(|e| e.action == shared::workflow::Action::FailurePublicityComplete)
        .expect("the completion event");
    let note = done.opinion.clone().unwrap_or_default();
    assert!(note.contains("线上补充材料截止：2035-03-20"), "{note}");
    assert!(note.contains("纸质材料截止：2035-03-24"), "{note}");

    // On the deadline day a supplement is accepted; the day after it is refused.
    travel(&app, "2035-03-20");
    let me = token(&app, &applicant).await;
    assert_eq!(supplement(&app, &me, early).await.status(), 200);
    travel(&app, "2035-03-21");
    let me = token(&app, &applicant).await;
    let (status, code_, message) = code(supplement(&app, &me, late).await).await;
    assert_eq!((status, code_.as_str()), (409, "supplement_overdue"));
    assert!(message.contains("逾期不再受理"), "{message}");
    assert_eq!(
        stage_of(&app, late).await.0,
        "supplement",
        "nothing changed"
    );

    // The notice job tells the batch's owner, the reviewer who made it, once.
    let now = app.clock.now();
    let run = |holder: &'static str| {
        app.db.run(move |conn| {
            backend::notices::job::run_if_due(
                conn,
                holder,
                now,
                chrono::Duration::minutes(1),
                &backend::notices::delivery::LogDelivery,
            )
        })
    };
    let r = run("one").await.expect("job").expect("due");
    assert_eq!(r.deadlines, 1, "{r:?}");
    let reviewer = token(&app, "pr_county_2026_001").await;
    let told = crate::notices::kinds(&app, &reviewer, "supplement_deadline_passed").await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0]["text"]
            .as_str()
            .is_some_and(|t| t.contains("2035-03-20") && t.contains("尚有 1 人未补充")),
        "{told:?}"
    );
    assert!(told[0]["path"]
        .as_str()
        .is_some_and(|p| p.starts_with("/publicity/failure/")));
    app.clock.advance(chrono::Duration::minutes(2));
    let now = app.clock.now();
    let again = app
        .db
        .run(move |conn| {
            backend::notices::job::run_if_due(
                conn,
                "two",
                now,
                chrono::Duration::minutes(1),
                &backend::notices::delivery::LogDelivery,
            )
        })
        .await
        .expect("job")
        .expect("due");
    assert_eq!(again.deadlines, 0, "told once");
}

db_tests!(failure_deadlines_are_validated_printed_and_enforced);
