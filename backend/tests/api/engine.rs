//! The engine's one authoriser: what a list row offers, what the detail offers and what the
//! act endpoint accepts are the same decision, for every demo application and every account
//! that sees it.

use serde_json::{json, Value};
use shared::{
    application::{Application, ApplicationSummary},
    workflow::{Action, Stage},
    Page,
};

use crate::{
    db_tests,
    helpers::{spawn_app, Backend, TestApp},
    workflow::{act, ok},
};

async fn code(res: reqwest::Response) -> (u16, String) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

async fn list_all(app: &TestApp, token: &str) -> Vec<ApplicationSummary> {
    let res = app.get_as(token, "/api/v1/applications?per_page=100").await;
    assert_eq!(res.status(), 200);
    let page: Page<ApplicationSummary> = res.json().await.expect("page");
    assert!(page.total <= 100, "one page holds them all");
    page.items
}

async fn detail(app: &TestApp, token: &str, id: i64) -> Application {
    let res = app
        .get_as(token, &format!("/api/v1/applications/{id}"))
        .await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("application")
}

/// For every application `who` lists: the row's actions equal the detail's, and the act
/// endpoint (dry: a stale version, so nothing changes) passes every offered action through the
/// authoriser to the version check, and refuses every other one before it. Returns how many
/// (application, action) pairs were checked.
async fn list_detail_and_act_agree(app: &TestApp, who: &str, token: &str) -> usize {
    let rows = list_all(app, token).await;
    let mut checked = 0;
    for row in rows {
        let full = detail(app, token, row.id).await;
        assert_eq!(
            row.allowed_actions, full.allowed_actions,
            "{who}: list and detail of {} ({})",
            row.id, row.stage
        );
        for &action in Action::ALL {
            let res = act(
                app,
                token,
                row.id,
                full.version + 1000,
                action.as_str(),
                json!({}),
            )
            .await;
            let (status, c) = code(res).await;
            if full.allowed_actions.contains(&action) {
                assert_eq!(
                    (status, c.as_str()),
                    (409, "version_conflict"),
                    "{who}: {action} is offered on {} ({}) but refused",
                    row.id,
                    row.stage
                );
            } else {
                assert!(
                    (status == 403 && c == "forbidden")
                        || (status == 409
                            && [
                                "invalid_transition",
                                "initial_review_missing",
                                "initial_review_recorded",
                                "four_eyes_required",
                            ]
                            .contains(&c.as_str())),
                    "{who}: {action} is not offered on {} ({}) but got {status} {c}",
                    row.id,
                    row.stage
                );
            }
            checked += 1;
        }
        let after = detail(app, token, row.id).await;
        assert_eq!(after.version, full.version, "a dry act changed nothing");
    }
    checked
}

async fn allowed_actions_are_the_authoriser(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut accounts: Vec<String> = [
        "county_emp_unit",
        "county_emp_admin",
        "county_emp_handler",
        "county_dept_unit",
        "county_hrss_unit",
        "county_hrss_handler",
        "city_hrss_unit",
        "prov_hrss_unit",
        "pr_county_2026_001",
        "pr_county_2026_002",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    accounts.extend(
        (0..backend::demo_workflow::STAGES.len()).map(backend::demo_workflow::applicant_id_number),
    );
    let mut seen_stages = std::collections::BTreeSet::new();
    let mut total = 0;
    // One login per account: the per-address login limit is 50 a window.
    for who in &accounts {
        let token = app.login_as(who).await.access_token;
        for row in list_all(&app, &token).await {
            seen_stages.insert(row.stage);
        }
        total += list_detail_and_act_agree(&app, who, &token).await;
    }
    assert_eq!(
        seen_stages.len(),
        backend::demo_workflow::STAGES.len(),
        "every demo stage was checked"
    );
    assert!(total > 1000, "{total}");

    // The drift this replaces: a superior that is not an HRSS holds an application in
    // superior_review; neither its list row nor the detail offers `terminate`, and the act
    // endpoint refuses it.
    let school = app.login_as("county_emp_unit").await.access_token;
    let row = list_all(&app, &school)
        .await
        .into_iter()
        .find(|r| r.stage == Stage::UnitRecommendation)
        .expect("the demo's unit_recommendation application");
    let a = detail(&app, &school, row.id).await;
    let handler = json!({"handler_name": "李经办", "handler_phone": "0851-12345678"});
    let a = ok(&app, &school, &a, "recommend", handler).await;
    assert_eq!(
        (a.stage, a.holder_unit.name.as_str()),
        (Stage::SuperiorReview, "示范县教育局")
    );
    let dept = app.login_as("county_dept_unit").await.access_token;
    let held = list_all(&app, &dept)
        .await
        .into_iter()
        .find(|r| r.id == a.id)
        .expect("the department lists it");
    assert_eq!(
        held.allowed_actions,
        vec![Action::SuperiorApprove, Action::SuperiorReject]
    );
    assert_eq!(
        code(
            act(
                &app,
                &dept,
                a.id,
                a.version,
                "terminate",
                json!({"opinion": "x"})
            )
            .await
        )
        .await,
        (403, "forbidden".into())
    );
    list_detail_and_act_agree(&app, "county_dept_unit", &dept).await;
}

/// Manual §6.2.6/§6.2.9: the recheck needs the initial check, which is recorded once; each
/// refusal has its own code and changes nothing.
async fn policy_review_initial_check_comes_first_and_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let reviewer = app.login_as("pr_county_2026_001").await.access_token;
    let row = list_all(&app, &reviewer)
        .await
        .into_iter()
        .find(|r| r.stage == Stage::PolicyReview)
        .expect("the demo's policy_review application");
    let a = detail(&app, &reviewer, row.id).await;
    assert!(!a.ctx.initial_review);
    assert_eq!(a.allowed_actions, vec![Action::PolicyInitial]);
    assert_eq!(row.allowed_actions, a.allowed_actions);
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
            (409, "initial_review_missing".into()),
            "{recheck}"
        );
    }
    let unchanged = detail(&app, &reviewer, a.id).await;
    assert_eq!(unchanged.version, a.version);
    let a = ok(
        &app,
        &reviewer,
        &a,
        "policy_initial",
        json!({"pass": true, "opinion": "初审通过"}),
    )
    .await;
    assert!(a.ctx.initial_review);
    // Four eyes (on by default): the account of the initial check is not offered the recheck;
    // another reviewer in scope is.
    assert!(a.allowed_actions.is_empty());
    let rechecker = app.login_as("pr_county_2026_002").await.access_token;
    let b = detail(&app, &rechecker, a.id).await;
    assert_eq!(
        b.allowed_actions,
        vec![Action::PolicyRecheckPass, Action::PolicyRecheckFail]
    );
    assert_eq!(
        code(
            act(
                &app,
                &reviewer,
                a.id,
                a.version,
                "policy_initial",
                json!({"pass": false})
            )
            .await
        )
        .await,
        (409, "initial_review_recorded".into())
    );
    let a = ok(&app, &rechecker, &a, "policy_recheck_pass", json!({})).await;
    assert_eq!(a.stage, Stage::NomineePublicity);
}

db_tests!(
    allowed_actions_are_the_authoriser,
    policy_review_initial_check_comes_first_and_once
);
