//! Drafts: a unit may start an application for its applicant (manual §6.2 由个人或单位发起),
//! and an application never submitted is private to its applicant (and the unit that started
//! it) — issue 9 points 4 and 11.

use backend::db::schema::audit_log;
use diesel::prelude::*;
use serde_json::{json, Value};
use shared::{
    application::{Application, ApplicationSummary},
    workflow::{Action, Stage},
    Page,
};

use crate::{
    db_tests,
    helpers::{spawn_app, Backend, TestApp},
    org::account_id,
    workflow::{create_draft, draft_body, ok, APPLICANT},
};

async fn code(res: reqwest::Response) -> (u16, String) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

async fn start_for(
    app: &TestApp,
    token: &str,
    applicant_id: i64,
    body: Value,
) -> reqwest::Response {
    app.post_as(
        token,
        "/api/v1/applications/for-applicant",
        &json!({"applicant_id": applicant_id, "application": body}),
    )
    .await
}

async fn put(app: &TestApp, token: &str, a: &Application, body: Value) -> reqwest::Response {
    app.client
        .put(app.url(&format!("/api/v1/applications/{}", a.id)))
        .bearer_auth(token)
        .json(&json!({"version": a.version, "application": body}))
        .send()
        .await
        .expect("put")
}

/// Whether `token` can read the application, its timeline and its attachments (all or none),
/// and whether its list holds it.
async fn reads(app: &TestApp, token: &str, id: i64) -> bool {
    let mut statuses = Vec::new();
    for path in [
        format!("/api/v1/applications/{id}"),
        format!("/api/v1/applications/{id}/timeline"),
        format!("/api/v1/applications/{id}/attachments"),
    ] {
        statuses.push(app.get_as(token, &path).await.status().as_u16());
    }
    let page: Page<ApplicationSummary> = app
        .get_as(token, "/api/v1/applications?per_page=100")
        .await
        .json()
        .await
        .expect("page");
    let listed = page.items.iter().any(|i| i.id == id);
    match statuses.as_slice() {
        [200, 200, 200] => {
            assert!(listed, "read but not listed");
            true
        }
        [404, 404, 404] => {
            assert!(!listed, "listed but not readable");
            false
        }
        other => panic!("mixed answers {other:?}"),
    }
}

async fn audit_actions(app: &TestApp, id: i64) -> Vec<String> {
    let target = id.to_string();
    app.db
        .run(move |conn| {
            Ok(audit_log::table
                .filter(audit_log::target_type.eq("application"))
                .filter(audit_log::target_id.eq(target))
                .order(audit_log::id.asc())
                .select(audit_log::action)
                .load::<String>(conn)?)
        })
        .await
        .expect("audit")
}

async fn a_unit_starts_an_application_for_its_applicant(backend: Backend) {
    let app = spawn_app(backend).await;
    let school = app.login_as("county_emp_unit").await.access_token;
    let me = app.login_as(APPLICANT).await.access_token;
    let applicant = account_id(&app, APPLICANT).await;
    // Refusals first; none of them creates anything.
    let other_unit = account_id(&app, "520101198506152344").await;
    assert_eq!(
        code(start_for(&app, &school, other_unit, draft_body("520101198506152344")).await).await,
        (404, "not_found".into()),
        "an applicant of another unit"
    );
    let handler = account_id(&app, "county_emp_handler").await;
    assert_eq!(
        code(start_for(&app, &school, handler, draft_body(APPLICANT)).await).await,
        (404, "not_found".into()),
        "not an applicant account"
    );
    let mut wrong_id = draft_body(APPLICANT);
    wrong_id["id_number"] = json!("520101198506152344");
    wrong_id["birth_date"] = json!("1985-06-15");
    assert_eq!(
        code(start_for(&app, &school, applicant, wrong_id).await).await,
        (422, "validation_failed".into()),
        "the number is the applicant account's"
    );
    assert_eq!(
        code(start_for(&app, &me, applicant, draft_body(APPLICANT)).await).await,
        (403, "forbidden".into()),
        "an applicant uses POST /applications"
    );
    let county = app.login_as("county_hrss_unit").await.access_token;
    assert_eq!(
        code(start_for(&app, &county, applicant, draft_body(APPLICANT)).await).await,
        (403, "forbidden".into()),
        "an HRSS holds no unit verification"
    );
    let sibling = app.login_as("city_emp_unit").await.access_token;
    assert_eq!(
        code(start_for(&app, &sibling, applicant, draft_body(APPLICANT)).await).await,
        (404, "not_found".into()),
        "another employer starts nothing for this employer's people"
    );
    assert!(audit_actions(&app, 0).await.is_empty());
    // The employer starts it.
    let res = start_for(&app, &school, applicant, draft_body(APPLICANT)).await;
    assert_eq!(res.status(), 201);
    let a: Application = res.json().await.expect("application");
    assert!(a.started_by_unit);
    assert_eq!(a.submitted_at, None);
    assert_eq!(a.stage, Stage::Draft);
    assert_eq!(a.applicant_id, applicant);
    assert_eq!(
        audit_actions(&app, a.id).await,
        vec!["application.create_for_applicant"]
    );
    assert_eq!(
        code(start_for(&app, &school, applicant, draft_body(APPLICANT)).await).await,
        (409, "already_exists".into())
    );
    // The applicant sees it, edits and submits it; the employer may edit it while it is an
    // unsubmitted draft; nobody else sees it.
    assert!(reads(&app, &me, a.id).await);
    assert!(reads(&app, &school, a.id).await);
    for outsider in ["county_hrss_unit", "county_dept_unit", "city_hrss_unit"] {
        let t = app.login_as(outsider).await.access_token;
        assert!(!reads(&app, &t, a.id).await, "{outsider}");
    }
    let mine: Application = app
        .get_as(&me, &format!("/api/v1/applications/{}", a.id))
        .await
        .json()
        .await
        .expect("application");
    assert_eq!(mine.allowed_actions, vec![Action::Submit, Action::Void]);
    let mut by_unit = draft_body(APPLICANT);
    by_unit["achievements"] = json!("单位代为填写的业绩。");
    let res = put(&app, &school, &a, by_unit).await;
    assert_eq!(res.status(), 200);
    let a: Application = res.json().await.expect("application");
    assert_eq!(a.achievements, "单位代为填写的业绩。");
    let mut by_me = draft_body(APPLICANT);
    by_me["achievements"] = json!("本人补充的业绩。");
    let res = put(&app, &me, &a, by_me).await;
    assert_eq!(res.status(), 200);
    let a: Application = res.json().await.expect("application");
    assert!(a.started_by_unit, "the mark stays");
    let a = ok(&app, &me, &a, "submit", json!({})).await;
    assert!(a.submitted_at.is_some());
    assert!(
        reads(&app, &county, a.id).await,
        "submitted: the line above sees it"
    );
    assert_eq!(
        code(put(&app, &school, &a, draft_body(APPLICANT)).await).await,
        (403, "forbidden".into()),
        "the unit edits only an unsubmitted draft"
    );
}

async fn drafts_are_private_until_submitted(backend: Backend) {
    let app = spawn_app(backend).await;
    let me = app.login_as(APPLICANT).await.access_token;
    let school = app.login_as("county_emp_unit").await.access_token;
    let a = create_draft(&app, &me).await;
    assert!(!a.started_by_unit);
    assert!(reads(&app, &me, a.id).await);
    for unit in [
        "county_emp_unit",
        "county_emp_handler",
        "county_dept_unit",
        "county_hrss_unit",
        "city_hrss_unit",
        "prov_hrss_unit",
        "pr_county_2026_001",
    ] {
        let t = app.login_as(unit).await.access_token;
        assert!(!reads(&app, &t, a.id).await, "{unit} reads a private draft");
    }
    assert_eq!(
        code(put(&app, &school, &a, draft_body(APPLICANT)).await).await,
        (404, "not_found".into()),
        "the unit did not start it: it does not even see it"
    );
    // Submitted: the employer's line sees it; after a return (a submitted application back
    // with the applicant) and after a withdrawn submission it stays visible.
    let a = ok(&app, &me, &a, "submit", json!({})).await;
    assert!(reads(&app, &school, a.id).await);
    let a = ok(&app, &me, &a, "withdraw", json!({})).await;
    assert_eq!(a.stage, Stage::Draft);
    assert!(
        reads(&app, &school, a.id).await,
        "withdrawn: submitted once"
    );
    let a = ok(&app, &me, &a, "submit", json!({})).await;
    let back = ok(
        &app,
        &school,
        &a,
        "unit_reject",
        json!({"opinion": "请补充学历证明"}),
    )
    .await;
    assert_eq!(back.stage, Stage::Returned);
    let county = app.login_as("county_hrss_unit").await.access_token;
    assert!(reads(&app, &county, a.id).await, "returned: submitted once");
    // The demo's draft and its voided draft were never submitted: the employer lists neither.
    for stage in ["draft", "voided"] {
        let page: Page<ApplicationSummary> = app
            .get_as(&school, &format!("/api/v1/applications?stage={stage}"))
            .await
            .json()
            .await
            .expect("page");
        assert_eq!(page.total, 0, "{stage}: {page:?}");
    }
}

db_tests!(
    a_unit_starts_an_application_for_its_applicant,
    drafts_are_private_until_submitted
);
