//! Issue 11: result publicity from a tallied session (§6.2.10.9) and the review filing
//! (§6.2.11). The votes and the tally are another change: the tests put a session in
//! `tallied` and its passed applications in `result_publicity` directly, as the tally will.

use backend::db::schema::{applications, group_applications, review_groups, review_sessions};
use diesel::prelude::*;
use serde_json::{json, Value};

use crate::{
    db_tests,
    helpers::{assert_one_winner, audit_rows, race, spawn_app, Backend, TestApp},
    org::account_id,
    publicity::{
        code, committee_with_reviewer, detail, insert_application, stage_of, token, travel,
    },
};

const ORGANISER: &str = "county_hrss_unit";
const AUDITOR: &str = "city_hrss_unit";

/// A session of the county HRSS's committee in `status`, with `passed` applications in
/// `result_publicity` (review passed) and `failed` ones already `failed`, one group.
pub struct Tallied {
    pub session: i64,
    pub committee: i64,
    pub passed: Vec<i64>,
    pub failed: Vec<i64>,
}

pub async fn tallied_session(
    app: &TestApp,
    committee: i64,
    status: &'static str,
    passed: usize,
    failed: usize,
) -> Tallied {
    let mut passed_ids = Vec::new();
    let mut failed_ids = Vec::new();
    for n in 0..passed + failed {
        let is_passed = n < passed;
        let stage = if is_passed {
            "result_publicity"
        } else {
            "failed"
        };
        let id = insert_application(app, stage, Some(committee), 100 + n as u32).await;
        if is_passed {
            passed_ids.push(id);
        } else {
            failed_ids.push(id);
        }
    }
    let organiser = account_id(app, ORGANISER).await;
    let all: Vec<(i64, bool)> = passed_ids
        .iter()
        .map(|i| (*i, true))
        .chain(failed_ids.iter().map(|i| (*i, false)))
        .collect();
    let session = app
        .db
        .run(move |conn| {
            let now = chrono::Utc::now().naive_utc();
            let session: i64 = diesel::insert_into(review_sessions::table)
                .values((
                    review_sessions::committee_id.eq(committee),
                    review_sessions::year.eq(2035),
                    review_sessions::name.eq("2035年度工程系列中级评审会"),
                    review_sessions::session_date
                        .eq(chrono::NaiveDate::from_ymd_opt(2035, 3, 1).expect("day")),
                    review_sessions::status.eq(status),
                    review_sessions::created_by.eq(organiser),
                    review_sessions::created_at.eq(now),
                    review_sessions::updated_at.eq(now),
                ))
                .returning(review_sessions::id)
                .get_result(conn)?;
            let group: i64 = diesel::insert_into(review_groups::table)
                .values((
                    review_groups::session_id.eq(session),
                    review_groups::name.eq("第一组"),
                ))
                .returning(review_groups::id)
                .get_result(conn)?;
            for (app_id, ok) in all {
                diesel::insert_into(group_applications::table)
                    .values((
                        group_applications::group_id.eq(group),
                        group_applications::session_id.eq(session),
                        group_applications::application_id.eq(app_id),
                    ))
                    .execute(conn)?;
                diesel::update(applications::table.find(app_id))
                    .set(applications::review_passed.eq(Some(ok)))
                    .execute(conn)?;
            }
            Ok(session)
        })
        .await
        .expect("session");
    Tallied {
        session,
        committee,
        passed: passed_ids,
        failed: failed_ids,
    }
}

async fn set_session_status(app: &TestApp, session: i64, status: &'static str) {
    app.db
        .run(move |conn| {
            diesel::update(review_sessions::table.find(session))
                .set(review_sessions::status.eq(status))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("status");
}

fn result_batch(session: Value) -> Value {
    json!({
        "kind": "result",
        "title": "2035年度工程系列中级职称评审结果公示",
        "content": "经评委会评审表决，下列同志评审通过，现予公示。",
        "period_start": "2035-03-12",
        "period_end": "2035-03-16",
        "session_id": session,
    })
}

async fn result_publicity_publishes_a_tallied_sessions_passed_applicants(backend: Backend) {
    let app = spawn_app(backend).await;
    travel(&app, "2035-03-05");
    let committee = committee_with_reviewer(&app).await;
    let fx = tallied_session(&app, committee, "committee_voting", 3, 1).await;
    let org = token(&app, ORGANISER).await;
    let path = "/api/v1/publicity-batches";

    // Not tallied yet: refused, and nothing offered.
    let res = app
        .post_as(&org, path, &result_batch(json!(fx.session)))
        .await;
    assert_eq!(code(res).await.1, "invalid_transition");
    let offered: Value = app
        .get_as(&org, "/api/v1/publicity-batches/result-sessions")
        .await
        .json()
        .await
        .expect("sessions");
    assert_eq!(offered, json!([]));
    set_session_status(&app, fx.session, "tallied").await;

    // Bad input changes nothing: no session, applications named, a session elsewhere.
    let mut no_session = result_batch(Value::Null);
    no_session
        .as_object_mut()
        .expect("obj")
        .remove("session_id");
    let (status, code_, _) = code(app.post_as(&org, path, &no_session).await).await;
    assert_eq!((status, code_.as_str()), (422, "validation_failed"));
    let mut named = result_batch(json!(fx.session));
    named["application_ids"] = json!([fx.passed[0]]);
    assert_eq!(code(app.post_as(&org, path, &named).await).await.0, 422);
    let city = token(&app, AUDITOR).await;
    let (status, _, _) = code(
        app.post_as(&city, path, &result_batch(json!(fx.session)))
            .await,
    )
    .await;
    assert_eq!(
        status, 422,
        "the city HRSS does not organise this committee"
    );
    let mut nominee = result_batch(json!(fx.session));
    nominee["kind"] = json!("application");
    assert_eq!(code(app.post_as(&org, path, &nominee).await).await.0, 422);

    let offered: Value = app
        .get_as(&org, "/api/v1/publicity-batches/result-sessions")
        .await
        .json()
        .await
        .expect("sessions");
    assert_eq!(offered[0]["id"], json!(fx.session));
    assert_eq!(offered[0]["passed"], json!(3));
    assert_eq!(offered[0]["committee"], json!("示范县工程系列中级评委会"));

    let created = detail(
        app.post_as(&org, path, &result_batch(json!(fx.session)))
            .await,
        201,
    )
    .await;
    let id = created.batch.id;
    assert_eq!(created.batch.session_id, Some(fx.session));
    assert_eq!(
        created.batch.committee.as_deref(),
        Some("示范县工程系列中级评委会")
    );
    let mut items: Vec<i64> = created.items.iter().map(|i| i.application_id).collect();
    items.sort_unstable();
    assert_eq!(items, fx.passed, "the passed ones, never the failed");
    assert!(created
        .items
        .iter()
        .all(|i| i.qualification.starts_with("高级工程师")));
    // The session is taken: offered no more, and a second batch is refused.
    let offered: Value = app
        .get_as(&org, "/api/v1/publicity-batches/result-sessions")
        .await
        .json()
        .await
        .expect("sessions");
    assert_eq!(offered, json!([]));
    assert_eq!(
        code(
            app.post_as(&org, path, &result_batch(json!(fx.session)))
                .await
        )
        .await
        .0,
        422
    );
    // A result batch's people come from its session.
    let res = crate::publicity::patch_as(
        &app,
        &org,
        &format!("{path}/{id}"),
        &json!({"version": 1, "application_ids": [fx.passed[0]]}),
    )
    .await;
    assert_eq!(code(res).await.0, 422);

    detail(
        app.post_as(
            &org,
            &format!("{path}/{id}/publish"),
            &json!({"version": 1}),
        )
        .await,
        200,
    )
    .await;
    travel(&app, "2035-03-12");
    let org = token(&app, ORGANISER).await;

    // The public site: masked, with the committee and the outcome 通过.
    let public: Value = app
        .get(&format!("/api/v1/public/publicity/{id}"))
        .await
        .json()
        .await
        .expect("public");
    assert_eq!(
        public["batch"]["committee"],
        json!("示范县工程系列中级评委会")
    );
    assert_eq!(public["items"].as_array().map(Vec::len), Some(3));
    for item in public["items"].as_array().expect("items") {
        assert_eq!(item["outcome"], json!("passed"));
        assert!(item["id_number"]
            .as_str()
            .expect("id")
            .contains("**********"));
    }

    // Reports from the public site; one upheld (fails its application), one dismissed.
    for target in [fx.passed[0], fx.passed[1]] {
        let res = app
            .post_json(
                &format!("/api/v1/public/publicity/{id}/reports"),
                &json!({
                    "application_id": target,
                    "reporter_name": "王举报",
                    "reporter_contact": "13900000000",
                    "content": "业绩材料不实"
                }),
            )
            .await;
        assert_eq!(res.status().as_u16(), 201);
    }
    let before = detail(app.get_as(&org, &format!("{path}/{id}")).await, 200).await;
    let report_of = |app_id: i64| {
        before
            .reports
            .iter()
            .find(|r| r.application_id == app_id)
            .map(|r| r.id)
            .expect("report")
    };
    let resolve = |report: i64, outcome: &'static str| {
        let org = org.clone();
        let app = &app;
        async move {
            app.post_as(
                &org,
                &format!("/api/v1/publicity-reports/{report}/resolve"),
                &json!({"outcome": outcome, "resolution": "经核查，业绩材料存在造假"}),
            )
            .await
        }
    };
    // A return is not how a result publicity ends a report.
    let (status, code_, _) = code(resolve(report_of(fx.passed[0]), "returned").await).await;
    assert_eq!((status, code_.as_str()), (422, "validation_failed"));
    assert_eq!(stage_of(&app, fx.passed[0]).await.0, "result_publicity");
    let res = resolve(report_of(fx.passed[0]), "failed").await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        stage_of(&app, fx.passed[0]).await,
        (
            "failed".to_owned(),
            Some("经核查，业绩材料存在造假".to_owned())
        )
    );
    let res = resolve(report_of(fx.passed[1]), "dismissed").await;
    assert_eq!(res.status().as_u16(), 200);
    let after = detail(app.get_as(&org, &format!("{path}/{id}")).await, 200).await;
    assert_eq!(after.items.len(), 2, "the failed one left the batch");
    let public: Value = app
        .get(&format!("/api/v1/public/publicity/{id}"))
        .await
        .json()
        .await
        .expect("public");
    assert_eq!(public["items"].as_array().map(Vec::len), Some(2));

    // Completion: only after the period; the others pass.
    let version = after.batch.version;
    let res = app
        .post_as(
            &org,
            &format!("{path}/{id}/complete"),
            &json!({"version": version}),
        )
        .await;
    assert_eq!(code(res).await.1, "publicity_not_finished");
    travel(&app, "2035-03-17");
    let org = token(&app, ORGANISER).await;
    detail(
        app.post_as(
            &org,
            &format!("{path}/{id}/complete"),
            &json!({"version": version}),
        )
        .await,
        200,
    )
    .await;
    for passed in &fx.passed[1..] {
        assert_eq!(stage_of(&app, *passed).await.0, "passed");
    }
    assert_eq!(stage_of(&app, fx.passed[0]).await.0, "failed");
    assert_eq!(stage_of(&app, fx.failed[0]).await.0, "failed");
    let timeline: Value = app
        .get_as(
            &org,
            &format!("/api/v1/applications/{}/timeline", fx.passed[0]),
        )
        .await
        .json()
        .await
        .expect("timeline");
    let actions: Vec<&str> = timeline
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["action"].as_str()).collect())
        .unwrap_or_default();
    assert!(actions.contains(&"report_fail"), "{timeline}");
}

/// Eight bytes a PDF starts with, and some body.
pub fn pdf() -> Vec<u8> {
    let mut v = b"%PDF-1.7\n".to_vec();
    v.extend(std::iter::repeat_n(b'x', 2000));
    v
}

pub async fn upload(
    app: &TestApp,
    token: &str,
    filing: i64,
    kind: &str,
    bytes: Vec<u8>,
) -> (u16, Value) {
    let res = app
        .client
        .post(app.url(&format!(
            "/api/v1/review-filings/{filing}/files?kind={kind}&file_name={kind}.pdf"
        )))
        .bearer_auth(token)
        .body(bytes)
        .send()
        .await
        .expect("upload");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn filing(app: &TestApp, token: &str, id: i64) -> Value {
    let res = app
        .get_as(token, &format!("/api/v1/review-filings/{id}"))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    res.json().await.expect("filing")
}

pub const KINDS: [&str; 4] = [
    "committee_notice",
    "result_list",
    "publicity_explanation",
    "qualification_document",
];

async fn a_review_filing_is_submitted_rejected_corrected_and_approved(backend: Backend) {
    let app = spawn_app(backend).await;
    travel(&app, "2035-03-05");
    let committee = committee_with_reviewer(&app).await;
    let fx = tallied_session(&app, committee, "tallied", 1, 1).await;
    let org = token(&app, ORGANISER).await;
    let city = token(&app, AUDITOR).await;
    let prov = token(&app, "prov_hrss_unit").await;
    let base = "/api/v1/review-filings";

    // The result publicity has not completed: not offered, refused.
    let offered: Value = app
        .get_as(&org, &format!("{base}/filable-sessions"))
        .await
        .json()
        .await
        .expect("offered");
    assert_eq!(offered, json!([]));
    let res = app
        .post_as(&org, base, &json!({"session_id": fx.session}))
        .await;
    assert_eq!(
        code(res).await,
        (
            409,
            "result_publicity_incomplete".to_owned(),
            code_msg_placeholder()
        )
    );
    app.db
        .run({
            let id = fx.passed[0];
            move |conn| {
                diesel::update(applications::table.find(id))
                    .set(applications::stage.eq("passed"))
                    .execute(conn)?;
                Ok(())
            }
        })
        .await
        .expect("passed");
    let offered: Value = app
        .get_as(&org, &format!("{base}/filable-sessions"))
        .await
        .json()
        .await
        .expect("offered");
    assert_eq!(offered[0]["id"], json!(fx.session));
    // Only the organising unit files.
    let res = app
        .post_as(&city, base, &json!({"session_id": fx.session}))
        .await;
    assert_eq!(code(res).await.0, 422);
    let res = app
        .post_as(
            &org,
            base,
            &json!({"session_id": fx.session, "note": "x".repeat(2001)}),
        )
        .await;
    assert_eq!(code(res).await.0, 422);

    let res = app
        .post_as(
            &org,
            base,
            &json!({"session_id": fx.session, "note": "本次评审工作情况说明"}),
        )
        .await;
    assert_eq!(res.status().as_u16(), 201);
    let created: Value = res.json().await.expect("created");
    let id = created["id"].as_i64().expect("id");
    assert_eq!(created["status"], json!("draft"));
    assert_eq!(created["missing"], json!(KINDS));
    assert_eq!(created["can_edit"], json!(true));
    let res = app
        .post_as(&org, base, &json!({"session_id": fx.session}))
        .await;
    assert_eq!(code(res).await.1, "conflict");

    // Submitting needs the four kinds.
    let res = app
        .post_as(&org, &format!("{base}/{id}/submit"), &json!({"version": 1}))
        .await;
    let (status, code_, message) = code(res).await;
    assert_eq!((status, code_.as_str()), (422, "filing_files_missing"));
    assert!(message.contains("评委会通知"), "{message}");
    // Typed by content: a text file called .pdf is refused; a PDF is kept.
    let (status, _) = upload(
        &app,
        &org,
        id,
        "committee_notice",
        b"plain text, not a pdf".to_vec(),
    )
    .await;
    assert_eq!(status, 415);
    let (status, body) = upload(&app, &city, id, "committee_notice", pdf()).await;
    assert_eq!(status, 403, "{body}");
    for kind in KINDS {
        let (status, body) = upload(&app, &org, id, kind, pdf()).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["content_type"], json!("application/pdf"));
    }
    let now = filing(&app, &org, id).await;
    assert_eq!(now["missing"], json!([]));
    assert_eq!(now["files"].as_array().map(Vec::len), Some(4));
    let file_id = now["files"][0]["id"].as_i64().expect("file");
    let res = app
        .get_as(&prov, &format!("{base}/{id}/files/{file_id}/content"))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.bytes().await.expect("bytes").to_vec(), pdf());

    // The auditor does not submit; a stale version loses; two submits at once: one wins.
    let res = app
        .post_as(
            &city,
            &format!("{base}/{id}/submit"),
            &json!({"version": 1}),
        )
        .await;
    assert_eq!(code(res).await.0, 403);
    let submit_path = format!("{base}/{id}/submit");
    let first = json!({"version": 1});
    let answers = race(4, || app.post_as(&org, &submit_path, &first)).await;
    assert_one_winner(&answers);
    let submitted = filing(&app, &city, id).await;
    assert_eq!(submitted["status"], json!("submitted"));
    // The auditor's home counts it; the organiser's and the province's do not.
    assert_eq!(
        crate::notices::todo(&app, &city, "filings_to_audit").await,
        Some(1)
    );
    assert_eq!(
        crate::notices::todo(&app, &prov, "filings_to_audit")
            .await
            .unwrap_or(0),
        0
    );
    assert_eq!(
        crate::notices::todo(&app, &org, "filings_to_audit")
            .await
            .unwrap_or(0),
        0
    );
    assert_eq!(submitted["can_decide"], json!(true));
    assert_eq!(filing(&app, &org, id).await["can_edit"], json!(false));
    let (status, _) = upload(&app, &org, id, "result_list", pdf()).await;
    assert_eq!(status, 409, "no file changes once submitted");
    let res = crate::publicity::patch_as(
        &app,
        &org,
        &format!("{base}/{id}"),
        &json!({"version": 2, "note": "改"}),
    )
    .await;
    assert_eq!(code(res).await.1, "invalid_transition");

    // The HRSS above decides; the organiser and the province do not.
    let decide = |token: &str, body: Value| {
        let token = token.to_owned();
        let app = &app;
        async move {
            app.post_as(&token, &format!("{base}/{id}/decision"), &body)
                .await
        }
    };
    assert_eq!(
        code(decide(&org, json!({"approve": true, "version": 2})).await)
            .await
            .0,
        403
    );
    assert_eq!(
        code(decide(&prov, json!({"approve": true, "version": 2})).await)
            .await
            .0,
        403
    );
    assert_eq!(
        code(decide(&city, json!({"approve": false, "version": 2})).await)
            .await
            .1,
        "validation_failed",
        "a rejection needs an opinion"
    );
    assert_eq!(
        code(
            decide(
                &city,
                json!({"approve": false, "opinion": "公示情况说明未盖章", "version": 1})
            )
            .await
        )
        .await
        .1,
        "version_conflict"
    );
    let res = decide(
        &city,
        json!({"approve": false, "opinion": "公示情况说明未盖章", "version": 2}),
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);
    let rejected: Value = res.json().await.expect("rejected");
    assert_eq!(rejected["status"], json!("rejected"));
    assert_eq!(rejected["opinion"], json!("公示情况说明未盖章"));

    // Corrected: the explanation replaced, the note changed, submitted again, approved.
    let explanation = rejected["files"]
        .as_array()
        .and_then(|f| {
            f.iter()
                .find(|x| x["kind"] == json!("publicity_explanation"))
        })
        .and_then(|x| x["id"].as_i64())
        .expect("explanation");
    let res = app
        .client
        .delete(app.url(&format!("{base}/{id}/files/{explanation}")))
        .bearer_auth(&org)
        .send()
        .await
        .expect("delete");
    assert_eq!(res.status().as_u16(), 204);
    let res = app
        .post_as(&org, &format!("{base}/{id}/submit"), &json!({"version": 3}))
        .await;
    assert_eq!(code(res).await.1, "filing_files_missing");
    let (status, _) = upload(&app, &org, id, "publicity_explanation", pdf()).await;
    assert_eq!(status, 201);
    let res = crate::publicity::patch_as(
        &app,
        &org,
        &format!("{base}/{id}"),
        &json!({"version": 3, "note": "已补充盖章说明"}),
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = app
        .post_as(&org, &format!("{base}/{id}/submit"), &json!({"version": 4}))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let res = decide(
        &city,
        json!({"approve": true, "opinion": "同意备案", "version": 5}),
    )
    .await;
    assert_eq!(res.status().as_u16(), 200);
    let approved: Value = res.json().await.expect("approved");
    assert_eq!(approved["status"], json!("approved"));
    assert_eq!(approved["audited_by"], json!(AUDITOR));
    assert_eq!(
        code(decide(&city, json!({"approve": true, "version": 6})).await)
            .await
            .1,
        "invalid_transition"
    );

    for (action, n) in [
        ("filing.create", 1),
        ("filing.update", 1),
        ("filing.submit", 2),
        ("filing.reject", 1),
        ("filing.approve", 1),
    ] {
        assert_eq!(audit_rows(&app, action, id).await, n, "{action}");
    }

    // Query: the organiser, the HRSS above and the province see it; filters; the export.
    for (who, want) in [(&org, 1), (&city, 1), (&prov, 1)] {
        let page: Value = app
            .get_as(who, &format!("{base}?year=2035"))
            .await
            .json()
            .await
            .expect("page");
        assert_eq!(page["total"], json!(want));
    }
    let committee_filter = fx.committee;
    for (query, want) in [
        ("status=approved".to_owned(), 1),
        ("status=submitted".to_owned(), 0),
        ("year=2034".to_owned(), 0),
        (format!("committee_id={committee_filter}"), 1),
        (format!("unit_id={}", created["unit_id"]), 1),
        (
            format!(
                "unit_id={}",
                crate::org::unit_id(&app, "示范县第一中学").await
            ),
            0,
        ),
    ] {
        let page: Value = app
            .get_as(&city, &format!("{base}?{query}"))
            .await
            .json()
            .await
            .expect("page");
        assert_eq!(page["total"], json!(want), "{query}");
    }
    let res = app.get_as(&city, &format!("{base}?year=99999")).await;
    assert_eq!(code(res).await.0, 400);
    let res = app
        .get_as(&city, &format!("{base}/export?status=approved"))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("spreadsheetml")));
    // A sibling branch's HRSS and an employer below see nothing of it.
    let other = token(&app, "prov_dept_unit").await;
    let res = app.get_as(&other, &format!("{base}/{id}")).await;
    assert_eq!(code(res).await.0, 404);
    let school = token(&app, "county_emp_unit").await;
    let res = app.get_as(&school, base).await;
    assert_eq!(code(res).await.0, 403);
}

fn code_msg_placeholder() -> String {
    "该评审会的评审结果公示尚未完成（评审会状态：已统票），不能提交备案".to_owned()
}

db_tests!(
    result_publicity_publishes_a_tallied_sessions_passed_applicants,
    a_review_filing_is_submitted_rejected_corrected_and_approved,
);
