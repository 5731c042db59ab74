//! Issue 9 points 6, 7 and 10: what changed since the last submission, the four-eyes policy
//! review with its setting, and the revocation of a passed title.

use serde_json::{json, Value};
use shared::{
    application::{Application, ApplicationSummary, TimelineEvent},
    review::{ApplicationChanges, WorkflowPolicy},
    workflow::{Action, Stage},
    Page,
};

use crate::{
    db_tests,
    helpers::{audit_rows, spawn_app, Backend, TestApp},
    workflow::{act, ok},
};

async fn code(res: reqwest::Response) -> (u16, String) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

async fn get(app: &TestApp, token: &str, id: i64) -> Application {
    let res = app
        .get_as(token, &format!("/api/v1/applications/{id}"))
        .await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("application")
}

/// The demo application standing in `stage`, as `token` reads it.
async fn demo_app(app: &TestApp, token: &str, stage: Stage) -> Application {
    let res = app
        .get_as(
            token,
            &format!("/api/v1/applications?stage={}&per_page=100", stage.as_str()),
        )
        .await;
    assert_eq!(res.status(), 200);
    let page: Page<ApplicationSummary> = res.json().await.expect("page");
    let first = page.items.first().expect("a demo application in the stage");
    get(app, token, first.id).await
}

async fn changes(app: &TestApp, token: &str, id: i64) -> reqwest::Response {
    app.get_as(token, &format!("/api/v1/applications/{id}/changes"))
        .await
}

async fn upload(app: &TestApp, token: &str, path: &str, body: &'static [u8]) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .bearer_auth(token)
        .body(body.to_vec())
        .send()
        .await
        .expect("upload")
}

async fn put_policy(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.client
        .put(app.url("/api/v1/workflow-policy"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("put")
}

async fn setting_audits(app: &TestApp) -> i64 {
    use backend::db::schema::audit_log;
    use diesel::prelude::*;
    app.db
        .run(move |conn| {
            Ok(audit_log::table
                .filter(audit_log::action.eq("workflow_policy.update"))
                .filter(audit_log::target_id.eq(WorkflowPolicy::KEY))
                .count()
                .get_result(conn)?)
        })
        .await
        .expect("audit rows")
}

/// Manual §6.2.1: after a failed policy review the applicant supplements and resubmits; the
/// employer's verification sees the 重新提交 flag and what changed — the field (before →
/// after) and the new file — and its approval goes straight to the re-review.
async fn a_resubmission_shows_what_changed(backend: Backend) {
    let app = spawn_app(backend).await;
    let school = app.login_as("county_emp_unit").await.access_token;
    let s = demo_app(&app, &school, Stage::Supplement).await;
    assert!(s.resubmission);
    let owner = app
        .login_as(&backend::demo_workflow::applicant_id_number(10))
        .await
        .access_token;
    // One submission so far: nothing to compare.
    let first: ApplicationChanges = changes(&app, &owner, s.id).await.json().await.expect("c");
    assert_eq!(first.submission, 1);
    assert!(first.previous_submitted_at.is_none() && first.fields.is_empty());
    // The applicant edits the achievements and adds a supplementary file.
    let mine = get(&app, &owner, s.id).await;
    let mut input = json!({
        "year": mine.year,
        "series": mine.series,
        "specialty": mine.specialty,
        "level": mine.level,
        "qualification": mine.qualification,
        "declaration_type": mine.declaration_type,
        "name": mine.name,
        "id_number": mine.id_number,
        "gender": mine.gender,
        "birth_date": mine.birth_date,
        "education": mine.education,
        "current_title": mine.current_title,
        "current_title_date": mine.current_title_date,
        "years_of_service": mine.years_of_service,
        "achievements": mine.achievements,
        "phone": mine.phone,
    });
    let before = mine.achievements.clone();
    let after = format!("{before}补充：继续教育学时证明 96 学时。");
    input["achievements"] = json!(after);
    let res = app
        .client
        .put(app.url(&format!("/api/v1/applications/{}", s.id)))
        .bearer_auth(&owner)
        .json(&json!({"version": mine.version, "application": input}))
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), 200, "edit during supplement");
    let res = upload(
        &app,
        &owner,
        &format!(
            "/api/v1/applications/{}/attachments?section=supplementary&category_id=1&file_name=xueshi.pdf",
            s.id
        ),
        b"%PDF-1.4\n% continuing education\n",
    )
    .await;
    assert_eq!(res.status(), 201);
    let file: Value = res.json().await.expect("file");
    let mine = get(&app, &owner, s.id).await;
    let mine = ok(&app, &owner, &mine, "submit_supplement", json!({})).await;
    assert_eq!(mine.stage, Stage::UnitVerification);
    // Verification: the flag in the queue row and the detail, and the diff.
    let res = app
        .get_as(
            &school,
            "/api/v1/applications?stage=unit_verification&per_page=100",
        )
        .await;
    let page: Page<ApplicationSummary> = res.json().await.expect("page");
    let row = page.items.iter().find(|r| r.id == s.id).expect("queued");
    assert!(row.resubmission);
    let res = changes(&app, &school, s.id).await;
    assert_eq!(res.status(), 200);
    let c: ApplicationChanges = res.json().await.expect("changes");
    assert_eq!(c.submission, 2);
    assert!(c.previous_submitted_at.is_some() && c.submitted_at.is_some());
    assert_eq!(c.fields.len(), 1, "{:?}", c.fields);
    assert_eq!(
        (
            c.fields[0].field.as_str(),
            c.fields[0].before.as_str(),
            c.fields[0].after.as_str()
        ),
        ("achievements", before.as_str(), after.as_str())
    );
    assert_eq!(c.attachments_added.len(), 1);
    assert_eq!(Some(c.attachments_added[0].id), file["id"].as_i64());
    assert_eq!(c.attachments_added[0].file_name, "xueshi.pdf");
    assert!(c.attachments_removed.is_empty());
    // Approval still goes straight to the policy re-review.
    let v = get(&app, &school, s.id).await;
    let v = ok(&app, &school, &v, "unit_approve", json!({})).await;
    assert_eq!(v.stage, Stage::PolicyRereview);
}

/// The changes are read by whoever reads the application, and by nobody else (404).
async fn changes_are_read_like_the_application(backend: Backend) {
    let app = spawn_app(backend).await;
    let school = app.login_as("county_emp_unit").await.access_token;
    let s = demo_app(&app, &school, Stage::PolicyRereview).await;
    let reviewer = app.login_as("pr_county_2026_001").await.access_token;
    for who in [&school, &reviewer] {
        let res = changes(&app, who, s.id).await;
        assert_eq!(res.status(), 200);
        let c: ApplicationChanges = res.json().await.expect("changes");
        assert_eq!(c.submission, 2, "submit, then submit_supplement");
        assert!(c.previous_submitted_at.is_some());
    }
    let other = app
        .login_as(&backend::demo_workflow::applicant_id_number(0))
        .await
        .access_token;
    let admin = app.login_as("sysadmin").await.access_token;
    for who in [&other, &admin] {
        assert_eq!(
            code(changes(&app, who, s.id).await).await,
            (404, "not_found".into())
        );
    }
    assert_eq!(
        code(changes(&app, &school, 999_999).await).await,
        (404, "not_found".into())
    );
    assert_eq!(
        app.get(&format!("/api/v1/applications/{}/changes", s.id))
            .await
            .status(),
        401
    );
}

/// Manual §6.2.6/§6.2.9, four eyes: the account of the initial check cannot recheck (409
/// `four_eyes_required`, nothing changes); with the rule switched off by the system
/// administrator (audited) it can. Only the administrator reads or changes the rule.
async fn four_eyes_and_its_setting(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.login_as("pr_county_2026_001").await.access_token;
    let admin = app.login_as("sysadmin").await.access_token;
    let res = app.get_as(&admin, "/api/v1/workflow-policy").await;
    assert_eq!(res.status(), 200);
    let policy: WorkflowPolicy = res.json().await.expect("policy");
    assert!(policy.four_eyes_policy_review, "on by default");
    let a = demo_app(&app, &reviewer, Stage::PolicyReview).await;
    let a = ok(&app, &reviewer, &a, "policy_initial", json!({"pass": true})).await;
    assert!(a.allowed_actions.is_empty(), "the recheck is not offered");
    for recheck in ["policy_recheck_pass", "policy_recheck_fail"] {
        assert_eq!(
            code(
                act(
                    &app,
                    &reviewer,
                    a.id,
                    a.version,
                    recheck,
                    json!({"opinion": "x"})
                )
                .await
            )
            .await,
            (409, "four_eyes_required".into()),
            "{recheck}"
        );
    }
    assert_eq!(get(&app, &reviewer, a.id).await.version, a.version);
    // Nobody but the system administrator reads or changes the rule.
    for who in ["secadmin", "county_hrss_unit", "pr_county_2026_001"] {
        let token = app.login_as(who).await.access_token;
        assert_eq!(
            code(app.get_as(&token, "/api/v1/workflow-policy").await).await,
            (403, "forbidden".into()),
            "{who} reads"
        );
        assert_eq!(
            code(put_policy(&app, &token, json!({"four_eyes_policy_review": false})).await).await,
            (403, "forbidden".into()),
            "{who} writes"
        );
    }
    let (status, _) = code(put_policy(&app, &admin, json!({"four_eyes": false})).await).await;
    assert!((400..500).contains(&status), "an unknown field is refused");
    assert_eq!(setting_audits(&app).await, 0);
    let res = put_policy(&app, &admin, json!({"four_eyes_policy_review": false})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(setting_audits(&app).await, 1);
    let a = get(&app, &reviewer, a.id).await;
    assert_eq!(
        a.allowed_actions,
        vec![Action::PolicyRecheckPass, Action::PolicyRecheckFail]
    );
    let a = ok(&app, &reviewer, &a, "policy_recheck_pass", json!({})).await;
    assert_eq!(a.stage, Stage::NomineePublicity);
    let policy: WorkflowPolicy = app
        .get_as(&admin, "/api/v1/workflow-policy")
        .await
        .json()
        .await
        .expect("policy");
    assert!(!policy.four_eyes_policy_review);
}

/// Manual §6.2 职称撤销: an HRSS above the committee's unit revokes a passed title with an
/// opinion and its own proof; others are refused, a stage other than passed is refused, and
/// the revocation is on the timeline and audited.
async fn revocation_by_the_hrss_above(backend: Backend) {
    let app = spawn_app(backend).await;
    let city = app.login_as("city_hrss_unit").await.access_token;
    let p = demo_app(&app, &city, Stage::Passed).await;
    assert_eq!(p.allowed_actions, vec![Action::Revoke]);
    // The committee's own unit, the employer and the applicant may not.
    for who in ["county_hrss_unit", "county_emp_unit"] {
        let token = app.login_as(who).await.access_token;
        let seen = get(&app, &token, p.id).await;
        assert!(seen.allowed_actions.is_empty(), "{who}");
        assert_eq!(
            code(
                act(
                    &app,
                    &token,
                    p.id,
                    p.version,
                    "revoke",
                    json!({"opinion": "x"})
                )
                .await
            )
            .await,
            (403, "forbidden".into()),
            "{who}"
        );
    }
    // A reviewer outside the HRSS line never sees it.
    let expert = app.login_as("expert_demo").await.access_token;
    assert_eq!(
        code(
            act(
                &app,
                &expert,
                p.id,
                p.version,
                "revoke",
                json!({"opinion": "x"})
            )
            .await
        )
        .await,
        (404, "not_found".into())
    );
    // The proof: the HRSS's own `revocation_proof`; a unit without the right cannot upload one.
    let school = app.login_as("county_emp_unit").await.access_token;
    let path = "/api/v1/unit-attachments?section=revocation_proof&file_name=proof.pdf";
    assert_eq!(
        upload(&app, &school, path, b"%PDF-1.4\n% x\n")
            .await
            .status(),
        403
    );
    let res = upload(&app, &city, path, b"%PDF-1.4\n% verified violation\n").await;
    assert_eq!(res.status(), 201);
    let proof: Value = res.json().await.expect("proof");
    assert_eq!(proof["section"], "revocation_proof");
    let proof = proof["id"].as_i64().expect("id");
    let res = app
        .get_as(
            &city,
            "/api/v1/unit-attachments?section=revocation_proof&per_page=100",
        )
        .await;
    let listed: Value = res.json().await.expect("list");
    assert_eq!(listed["total"], 1);
    // Without an opinion, without a proof, with someone else's proof: 422, nothing changes.
    for (body, field) in [
        (json!({"proof_attachment_ids": [proof]}), "opinion"),
        (json!({"opinion": "学历造假已查实"}), "proof_attachment_ids"),
        (
            json!({"opinion": "学历造假已查实", "proof_attachment_ids": [proof + 1000]}),
            "proof_attachment_ids",
        ),
    ] {
        let res = act(&app, &city, p.id, p.version, "revoke", body).await;
        let status = res.status().as_u16();
        let body: Value = res.json().await.expect("json");
        assert_eq!(
            (status, body["code"].as_str(), body["field"].as_str()),
            (422, Some("validation_failed"), Some(field)),
            "{body}"
        );
    }
    // A stage other than passed.
    let r = demo_app(&app, &city, Stage::PolicyReview).await;
    assert_eq!(
        code(
            act(
                &app,
                &city,
                r.id,
                r.version,
                "revoke",
                json!({"opinion": "x", "proof_attachment_ids": [proof]})
            )
            .await
        )
        .await,
        (409, "invalid_transition".into())
    );
    assert_eq!(get(&app, &city, p.id).await.version, p.version);
    // Revoked.
    let done = ok(
        &app,
        &city,
        &p,
        "revoke",
        json!({"opinion": "学历造假已查实", "proof_attachment_ids": [proof]}),
    )
    .await;
    assert_eq!(done.stage, Stage::Revoked);
    assert!(done.allowed_actions.is_empty());
    assert!(audit_rows(&app, "application.action", p.id).await >= 1);
    let res = app
        .get_as(&school, &format!("/api/v1/applications/{}/timeline", p.id))
        .await;
    let events: Vec<TimelineEvent> = res.json().await.expect("timeline");
    let last = events.last().expect("events");
    assert_eq!(
        (last.action, last.to_stage, last.opinion.as_deref()),
        (Action::Revoke, Stage::Revoked, Some("学历造假已查实"))
    );
    // Once: a revoked title cannot be revoked again.
    assert_eq!(
        code(
            act(
                &app,
                &city,
                done.id,
                done.version,
                "revoke",
                json!({"opinion": "x", "proof_attachment_ids": [proof]})
            )
            .await
        )
        .await,
        (409, "invalid_transition".into())
    );
}

db_tests!(
    a_resubmission_shows_what_changed,
    changes_are_read_like_the_application,
    four_eyes_and_its_setting,
    revocation_by_the_hrss_above,
);
