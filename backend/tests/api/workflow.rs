//! The application workflow through the API: drafts, every action with its refusals, the
//! jurisdiction of reads and lists, withdraw, batches, and concurrent actions.

use serde_json::{json, Value};
use shared::{
    application::{Application, ApplicationSummary, BatchActionResponse, TimelineEvent},
    workflow::{Action, Stage},
    Page,
};

use crate::{
    db_tests,
    helpers::{spawn_app, Backend, TestApp},
};

/// The county demo applicant kept free for walking the path (张晓明).
pub const APPLICANT: &str = "520121199001011239";

async fn code(res: reqwest::Response) -> (u16, String) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

pub fn draft_body(id_number: &str) -> Value {
    json!({
        "year": 2026,
        "series": "school_teachers",
        "specialty": "中学语文",
        "level": "intermediate",
        "qualification": "一级教师",
        "declaration_type": "normal",
        "name": "张晓明",
        "id_number": id_number,
        "gender": "male",
        "birth_date": "1990-01-01",
        "education": "bachelor",
        "current_title": "二级教师",
        "current_title_date": "2019-09-01",
        "years_of_service": 11,
        "achievements": "承担高一语文教学，获县级优质课二等奖。",
        "phone": "13800138000"
    })
}

pub async fn create_draft(app: &TestApp, token: &str) -> Application {
    let res = app
        .post_as(token, "/api/v1/applications", &draft_body(APPLICANT))
        .await;
    assert_eq!(res.status(), 201, "create draft");
    res.json().await.expect("application")
}

pub async fn act(
    app: &TestApp,
    token: &str,
    id: i64,
    version: i64,
    action: &str,
    extra: Value,
) -> reqwest::Response {
    let mut body = json!({"action": action, "version": version});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    app.post_as(token, &format!("/api/v1/applications/{id}/actions"), &body)
        .await
}

/// Acts and expects success.
pub async fn ok(
    app: &TestApp,
    token: &str,
    a: &Application,
    action: &str,
    extra: Value,
) -> Application {
    let res = act(app, token, a.id, a.version, action, extra).await;
    let status = res.status();
    let body: Value = res.json().await.expect("json");
    assert_eq!(status, 200, "{action}: {body}");
    serde_json::from_value(body).expect("application")
}

async fn get(app: &TestApp, token: &str, id: i64) -> reqwest::Response {
    app.get_as(token, &format!("/api/v1/applications/{id}"))
        .await
}

async fn timeline(app: &TestApp, token: &str, id: i64) -> Vec<TimelineEvent> {
    let res = app
        .get_as(token, &format!("/api/v1/applications/{id}/timeline"))
        .await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("timeline")
}

async fn list(app: &TestApp, token: &str, query: &str) -> Page<ApplicationSummary> {
    let res = app
        .get_as(token, &format!("/api/v1/applications?{query}"))
        .await;
    assert_eq!(res.status(), 200, "list {query}");
    res.json().await.expect("page")
}

/// The demo application standing in `stage` (the county employer sees every one).
async fn demo_app(app: &TestApp, token: &str, stage: Stage) -> Application {
    let page = list(
        app,
        token,
        &format!("stage={}&per_page=100", stage.as_str()),
    )
    .await;
    let first = page.items.first().expect("a demo application in the stage");
    get(app, token, first.id)
        .await
        .json()
        .await
        .expect("application")
}

async fn drafts_are_validated_and_owned(backend: Backend) {
    let app = spawn_app(backend).await;
    let me = app.login_as(APPLICANT).await.access_token;
    let mut bad = draft_body(APPLICANT);
    bad["id_number"] = json!("520121199001011234");
    let res = app.post_as(&me, "/api/v1/applications", &bad).await;
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["code"], "validation_failed");
    assert!(body["message"]
        .as_str()
        .unwrap_or_default()
        .contains("id_number"));
    let mut other = draft_body("520101198506152344");
    other["birth_date"] = json!("1985-06-15");
    assert_eq!(
        code(app.post_as(&me, "/api/v1/applications", &other).await).await,
        (422, "validation_failed".into()),
        "someone else's ID number"
    );
    let mut birth = draft_body(APPLICANT);
    birth["birth_date"] = json!("1990-01-02");
    assert_eq!(
        code(app.post_as(&me, "/api/v1/applications", &birth).await).await,
        (422, "validation_failed".into())
    );
    let mut phone = draft_body(APPLICANT);
    phone["phone"] = json!("12ab");
    assert_eq!(
        code(app.post_as(&me, "/api/v1/applications", &phone).await).await,
        (422, "validation_failed".into())
    );
    let handler = app.login_as("county_emp_handler").await.access_token;
    assert_eq!(
        code(
            app.post_as(&handler, "/api/v1/applications", &draft_body(APPLICANT))
                .await
        )
        .await,
        (403, "forbidden".into()),
        "only applicants create applications"
    );
    let a = create_draft(&app, &me).await;
    assert_eq!(a.stage, Stage::Draft);
    assert_eq!(
        a.id_number, APPLICANT,
        "the applicant sees the whole number"
    );
    assert_eq!(a.allowed_actions, vec![Action::Submit, Action::Void]);
    assert_eq!(
        code(
            app.post_as(&me, "/api/v1/applications", &draft_body(APPLICANT))
                .await
        )
        .await,
        (409, "already_exists".into()),
        "one live application per year and qualification"
    );
    // Edit with the version read; a stale version is refused and changes nothing.
    let mut edited = draft_body(APPLICANT);
    edited["specialty"] = json!("中学语文（高中）");
    let put = |version: i64, body: Value| {
        app.client
            .put(app.url(&format!("/api/v1/applications/{}", a.id)))
            .bearer_auth(&me)
            .json(&json!({"version": version, "application": body}))
            .send()
    };
    let res = put(a.version, edited.clone()).await.expect("put");
    assert_eq!(res.status(), 200);
    let saved: Application = res.json().await.expect("app");
    assert_eq!(saved.specialty, "中学语文（高中）");
    assert_eq!(saved.version, a.version + 1);
    assert_eq!(
        code(put(a.version, edited).await.expect("put")).await,
        (409, "version_conflict".into())
    );
    // Once submitted (a draft is private, point 11): the employer sees the whole number; the
    // province HRSS (above, not involved) a mask.
    let a = ok(&app, &me, &saved, "submit", json!({})).await;
    let school = app.login_as("county_emp_unit").await.access_token;
    let seen: Application = get(&app, &school, a.id).await.json().await.expect("app");
    assert_eq!(seen.id_number, APPLICANT);
    let province = app.login_as("prov_hrss_unit").await.access_token;
    let masked: Application = get(&app, &province, a.id).await.json().await.expect("app");
    assert_eq!(masked.id_number, "5201**********1239");
    assert_eq!(masked.phone, "***");
    // A sibling region and an unrelated account see nothing.
    for outsider in [
        "city_emp_unit",
        "sysadmin",
        "auditor",
        "expert_demo",
        "520101198506152344",
    ] {
        let t = app.login_as(outsider).await.access_token;
        assert_eq!(
            code(get(&app, &t, a.id).await).await,
            (404, "not_found".into()),
            "{outsider}"
        );
        let page = list(&app, &t, "").await;
        assert!(
            page.items.iter().all(|i| i.id != a.id),
            "{outsider} lists it"
        );
    }
    // Lists mask the number even for the employer.
    let page = list(&app, &school, &format!("q={}", "张晓明")).await;
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].id_number, "5201**********1239");
}

async fn unit_verification_rejects_with_an_opinion_and_approves(backend: Backend) {
    let app = spawn_app(backend).await;
    let me = app.login_as(APPLICANT).await.access_token;
    let school = app.login_as("county_emp_unit").await.access_token;
    let a = create_draft(&app, &me).await;
    let a = ok(&app, &me, &a, "submit", json!({})).await;
    assert_eq!(a.stage, Stage::UnitVerification);
    // Refusals: wrong actor, missing opinion, stale version, wrong stage, system action.
    assert_eq!(
        code(act(&app, &me, a.id, a.version, "unit_approve", json!({})).await).await,
        (403, "forbidden".into())
    );
    assert_eq!(
        code(act(&app, &school, a.id, a.version, "unit_reject", json!({})).await).await,
        (422, "validation_failed".into())
    );
    assert_eq!(
        code(
            act(
                &app,
                &school,
                a.id,
                a.version - 1,
                "unit_approve",
                json!({})
            )
            .await
        )
        .await,
        (409, "version_conflict".into())
    );
    assert_eq!(
        code(act(&app, &school, a.id, a.version, "recommend", json!({})).await).await,
        (409, "invalid_transition".into())
    );
    assert_eq!(
        code(
            act(
                &app,
                &school,
                a.id,
                a.version,
                "application_publicity_complete",
                json!({})
            )
            .await
        )
        .await,
        (403, "forbidden".into())
    );
    assert_eq!(
        code(act(&app, &school, a.id, a.version, "no_such_action", json!({})).await).await,
        (422, "invalid_body".into())
    );
    let sibling = app.login_as("city_emp_unit").await.access_token;
    assert_eq!(
        code(act(&app, &sibling, a.id, a.version, "unit_approve", json!({})).await).await,
        (404, "not_found".into())
    );
    let unchanged: Application = get(&app, &me, a.id).await.json().await.expect("app");
    assert_eq!(
        (unchanged.stage, unchanged.version),
        (a.stage, a.version),
        "refusals change nothing"
    );
    let returned = ok(
        &app,
        &school,
        &a,
        "unit_reject",
        json!({"opinion": "请补充学历证明"}),
    )
    .await;
    assert_eq!(returned.stage, Stage::Returned);
    let mine: Application = get(&app, &me, a.id).await.json().await.expect("app");
    assert_eq!(mine.return_opinion.as_deref(), Some("请补充学历证明"));
    assert_eq!(mine.allowed_actions, vec![Action::Submit, Action::Void]);
    let again = ok(&app, &me, &mine, "submit", json!({})).await;
    let approved = ok(
        &app,
        &school,
        &again,
        "unit_approve",
        json!({"opinion": "同意"}),
    )
    .await;
    assert_eq!(approved.stage, Stage::ApplicationPublicity);
    let events = timeline(&app, &me, a.id).await;
    let actions: Vec<Action> = events.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        vec![
            Action::Submit,
            Action::UnitReject,
            Action::Submit,
            Action::UnitApprove
        ]
    );
    assert_eq!(events[1].opinion.as_deref(), Some("请补充学历证明"));
    assert_eq!(
        events[0].actor_name, "张晓明",
        "the timeline never shows an ID number"
    );
    assert_eq!(events[1].actor_unit.as_deref(), Some("示范县第一中学"));
    assert_eq!(events[3].from_stage, Stage::UnitVerification);
}

async fn the_superior_flow_assigns_a_committee_and_policy_review_decides(backend: Backend) {
    let app = spawn_app(backend).await;
    let school = app.login_as("county_emp_unit").await.access_token;
    let dept = app.login_as("county_dept_unit").await.access_token;
    let hrss = app.login_as("county_hrss_unit").await.access_token;
    let reviewer = app.login_as("pr_county_2026_001").await.access_token;
    // Four eyes (on by default): another account rechecks.
    let rechecker = app.login_as("pr_county_2026_002").await.access_token;
    let a = demo_app(&app, &school, Stage::UnitRecommendation).await;
    assert_eq!(
        code(act(&app, &school, a.id, a.version, "recommend", json!({})).await).await,
        (422, "validation_failed".into()),
        "handler information is required"
    );
    let handler = json!({"handler_name": "李经办", "handler_phone": "0851-12345678"});
    let a = ok(&app, &school, &a, "recommend", handler.clone()).await;
    assert_eq!(
        (a.stage, a.holder_unit.name.as_str()),
        (Stage::SuperiorReview, "示范县教育局")
    );
    // One hop back to the employer, then up again.
    let a = ok(
        &app,
        &dept,
        &a,
        "superior_reject",
        json!({"opinion": "推荐材料缺少公示证明"}),
    )
    .await;
    assert_eq!(a.stage, Stage::UnitRecommendation);
    let a = ok(&app, &school, &a, "recommend", handler).await;
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
        (403, "forbidden".into()),
        "a competent department does not terminate"
    );
    assert_eq!(
        code(
            act(
                &app,
                &dept,
                a.id,
                a.version,
                "superior_approve",
                json!({"committee_id": 1})
            )
            .await
        )
        .await,
        (422, "validation_failed".into()),
        "only an HRSS assigns a committee"
    );
    let a = ok(
        &app,
        &dept,
        &a,
        "superior_approve",
        json!({"opinion": "同意"}),
    )
    .await;
    assert_eq!(a.holder_unit.name, "示范县人力资源和社会保障局");
    // The HRSS may reject one hop back to the department.
    let a = ok(
        &app,
        &hrss,
        &a,
        "superior_reject",
        json!({"opinion": "请核实"}),
    )
    .await;
    assert_eq!(
        (a.stage, a.holder_unit.name.as_str()),
        (Stage::SuperiorReview, "示范县教育局")
    );
    let a = ok(&app, &dept, &a, "superior_approve", json!({})).await;
    assert_eq!(
        code(
            act(
                &app,
                &hrss,
                a.id,
                a.version,
                "superior_approve",
                json!({"committee_id": 999})
            )
            .await
        )
        .await,
        (404, "not_found".into()),
        "no such committee"
    );
    let committee = a_committee(&app, &hrss).await;
    let a = ok(
        &app,
        &hrss,
        &a,
        "superior_approve",
        json!({"committee_id": committee}),
    )
    .await;
    assert_eq!(a.stage, Stage::MaterialReceipt);
    assert_eq!(a.committee.as_ref().map(|c| c.id), Some(committee));
    // Refused materials go back to the assigning HRSS.
    let a = ok(
        &app,
        &hrss,
        &a,
        "receive_reject",
        json!({"opinion": "材料不全"}),
    )
    .await;
    assert_eq!(
        (a.stage, a.holder_unit.name.as_str()),
        (Stage::SuperiorReview, "示范县人力资源和社会保障局")
    );
    assert!(a.committee.is_none());
    let a = ok(
        &app,
        &hrss,
        &a,
        "superior_approve",
        json!({"committee_id": committee}),
    )
    .await;
    let a = ok(&app, &hrss, &a, "receive_accept", json!({})).await;
    assert_eq!(a.stage, Stage::PolicyReview);
    // Units never do policy review; the reviewer in scope does.
    assert_eq!(
        code(
            act(
                &app,
                &hrss,
                a.id,
                a.version,
                "policy_recheck_pass",
                json!({})
            )
            .await
        )
        .await,
        (403, "forbidden".into())
    );
    let a: Application = get(&app, &reviewer, a.id).await.json().await.expect("app");
    assert_eq!(
        code(
            act(
                &app,
                &reviewer,
                a.id,
                a.version,
                "policy_initial",
                json!({})
            )
            .await
        )
        .await,
        (422, "validation_failed".into()),
        "the initial result is required"
    );
    let a = ok(
        &app,
        &reviewer,
        &a,
        "policy_initial",
        json!({"pass": true, "opinion": "初审通过"}),
    )
    .await;
    assert_eq!(a.stage, Stage::PolicyReview);
    assert_eq!(
        code(
            act(
                &app,
                &rechecker,
                a.id,
                a.version,
                "policy_recheck_fail",
                json!({})
            )
            .await
        )
        .await,
        (422, "validation_failed".into()),
        "a failure needs its reason"
    );
    let a = ok(
        &app,
        &rechecker,
        &a,
        "policy_recheck_fail",
        json!({"opinion": "继续教育学时不足"}),
    )
    .await;
    assert_eq!(a.stage, Stage::FailurePublicity);
    let events = timeline(&app, &reviewer, a.id).await;
    let initial = events
        .iter()
        .find(|e| e.action == Action::PolicyInitial)
        .expect("initial");
    assert_eq!(initial.pass, Some(true));
    assert!(events
        .iter()
        .any(|e| e.committee.as_deref() == Some(backend::demo_workflow::COMMITTEE)));
}

/// The demo committee's id, read from the demo application standing in policy review.
async fn a_committee(app: &TestApp, token: &str) -> i64 {
    let with = demo_app(app, token, Stage::PolicyReview).await;
    with.committee.expect("committee").id
}

async fn withdraw_undoes_the_last_move_until_the_next_stage_acts(backend: Backend) {
    let app = spawn_app(backend).await;
    let me = app.login_as(APPLICANT).await.access_token;
    let school = app.login_as("county_emp_unit").await.access_token;
    let a = create_draft(&app, &me).await;
    let a = ok(&app, &me, &a, "submit", json!({})).await;
    let a = ok(&app, &school, &a, "unit_approve", json!({})).await;
    assert_eq!(
        code(act(&app, &me, a.id, a.version, "withdraw", json!({})).await).await,
        (403, "forbidden".into()),
        "not the applicant's move"
    );
    let back = ok(&app, &school, &a, "withdraw", json!({})).await;
    assert_eq!(back.stage, Stage::UnitVerification);
    // Now the applicant's submit is the last move and the unit has not acted on it.
    let mine: Application = get(&app, &me, a.id).await.json().await.expect("app");
    assert!(mine.allowed_actions.contains(&Action::Withdraw));
    let draft = ok(&app, &me, &mine, "withdraw", json!({})).await;
    assert_eq!(draft.stage, Stage::Draft);
    let again = ok(&app, &me, &draft, "submit", json!({})).await;
    let approved = ok(&app, &school, &again, "unit_approve", json!({})).await;
    let _ = approved;
    // After the unit acted, the applicant's submit can no longer be withdrawn.
    let mine: Application = get(&app, &me, a.id).await.json().await.expect("app");
    assert!(!mine.allowed_actions.contains(&Action::Withdraw));
    assert_eq!(
        code(act(&app, &me, a.id, mine.version, "withdraw", json!({})).await).await,
        (403, "forbidden".into())
    );
    let events = timeline(&app, &me, a.id).await;
    let withdrawn: Vec<Action> = events
        .iter()
        .filter(|e| e.withdrawn)
        .map(|e| e.action)
        .collect();
    assert_eq!(withdrawn, vec![Action::Submit, Action::UnitApprove]);
    assert_eq!(
        events
            .iter()
            .filter(|e| e.action == Action::Withdraw)
            .count(),
        2
    );
}

async fn terminate_and_void(backend: Backend) {
    let app = spawn_app(backend).await;
    let school = app.login_as("county_emp_unit").await.access_token;
    let hrss = app.login_as("county_hrss_unit").await.access_token;
    let a = demo_app(&app, &school, Stage::SuperiorReview).await;
    assert_eq!(a.holder_unit.name, "示范县人力资源和社会保障局");
    assert_eq!(
        code(act(&app, &hrss, a.id, a.version, "terminate", json!({})).await).await,
        (422, "validation_failed".into())
    );
    let a = ok(
        &app,
        &hrss,
        &a,
        "terminate",
        json!({"opinion": "不符合申报条件"}),
    )
    .await;
    assert_eq!(a.stage, Stage::Terminated);
    assert_eq!(
        code(act(&app, &hrss, a.id, a.version, "superior_approve", json!({})).await).await,
        (409, "invalid_transition".into()),
        "a terminated application accepts nothing but void"
    );
    let page = list(&app, &school, "stage=terminated").await;
    assert_eq!(page.total, 2);
    assert!(page.items.iter().any(|i| i.id == a.id));
    let demo = backend::demo_workflow::applicant_id_number(5);
    let owner = app.login_as(&demo).await.access_token;
    let mine: Application = get(&app, &owner, a.id).await.json().await.expect("own app");
    assert_eq!(mine.allowed_actions, vec![Action::Void]);
    let voided = ok(&app, &owner, &mine, "void", json!({})).await;
    assert_eq!(voided.stage, Stage::Voided);
    assert!(voided.allowed_actions.is_empty());
}

async fn lists_follow_jurisdiction_and_queues(backend: Backend) {
    let app = spawn_app(backend).await;
    let count = |token: String, query: &'static str| {
        let app = &app;
        async move { list(app, &token, query).await.total }
    };
    let school = app.login_as("county_emp_unit").await.access_token;
    let dept = app.login_as("county_dept_unit").await.access_token;
    let county = app.login_as("county_hrss_unit").await.access_token;
    let city = app.login_as("city_hrss_unit").await.access_token;
    let city_emp = app.login_as("city_emp_unit").await.access_token;
    let reviewer = app.login_as("pr_county_2026_001").await.access_token;
    // The demo's draft and its voided draft were never submitted: private to their applicants.
    let stages = backend::demo_workflow::STAGES.len() as u64 - 2;
    assert_eq!(count(school.clone(), "").await, stages);
    assert_eq!(count(county.clone(), "").await, stages);
    assert_eq!(
        count(city.clone(), "").await,
        stages,
        "the city sees its counties"
    );
    assert_eq!(
        count(city_emp.clone(), "").await,
        0,
        "a sibling sees nothing"
    );
    // Queues: what the caller's unit must act on now.
    assert_eq!(
        count(school.clone(), "todo=true&stage=unit_verification").await,
        1
    );
    assert_eq!(count(dept.clone(), "todo=true").await, 0);
    assert_eq!(
        count(county.clone(), "todo=true&stage=superior_review").await,
        1
    );
    assert_eq!(
        count(county.clone(), "todo=true&stage=material_receipt").await,
        1
    );
    assert_eq!(
        count(reviewer.clone(), "todo=true&stage=policy_review").await,
        1
    );
    assert_eq!(
        count(reviewer.clone(), "todo=true&stage=policy_rereview").await,
        1
    );
    // The reviewer sees only applications assigned to its committee.
    let seen = count(reviewer.clone(), "").await;
    assert!(seen > 0 && seen < stages, "{seen}");
    // Filters.
    assert_eq!(count(school.clone(), "year=2025").await, 0);
    assert_eq!(count(school.clone(), "series=health").await, 0);
    assert_eq!(count(school.clone(), "level=intermediate").await, stages);
    assert_eq!(
        count(school.clone(), "q=%E9%99%88").await,
        1,
        "陈: two names, one a private draft"
    );
    let outside = app.get_as(&school, "/api/v1/applications?unit=1").await;
    assert_eq!(code(outside).await, (404, "not_found".into()));
    let bad = app.get_as(&school, "/api/v1/applications?stage=nope").await;
    assert_eq!(bad.status(), 400);
    let page = list(&app, &school, "stage=unit_verification").await;
    assert_eq!(
        page.items[0].allowed_actions,
        vec![Action::UnitApprove, Action::UnitReject]
    );
}

async fn concurrent_identical_actions_commit_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let school = app.login_as("county_emp_unit").await.access_token;
    let a = demo_app(&app, &school, Stage::UnitVerification).await;
    let requests = (0..20).map(|_| {
        act(
            &app,
            &school,
            a.id,
            a.version,
            "unit_approve",
            json!({"opinion": "同意"}),
        )
    });
    let results = futures_util::future::join_all(requests).await;
    let mut statuses: Vec<u16> = Vec::new();
    for r in results {
        let (status, c) = code(r).await;
        if status == 409 {
            assert!(c == "version_conflict" || c == "invalid_transition", "{c}");
        }
        statuses.push(status);
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        19,
        "{statuses:?}"
    );
    let events = timeline(&app, &school, a.id).await;
    assert_eq!(
        events
            .iter()
            .filter(|e| e.action == Action::UnitApprove)
            .count(),
        1
    );
}

async fn batch_actions_report_each_item(backend: Backend) {
    let app = spawn_app(backend).await;
    let me = app.login_as(APPLICANT).await.access_token;
    let school = app.login_as("county_emp_unit").await.access_token;
    let demo = demo_app(&app, &school, Stage::UnitVerification).await;
    let a = create_draft(&app, &me).await;
    let a = ok(&app, &me, &a, "submit", json!({})).await;
    let batch = |items: Value| json!({"action": "unit_approve", "opinion": "同意", "items": items});
    // All or nothing (issue 9): an unknown item makes the whole batch 404, nothing changes.
    let res = app
        .post_as(
            &school,
            "/api/v1/applications/actions",
            &batch(json!([
                {"id": a.id, "version": a.version},
                {"id": demo.id, "version": demo.version + 5},
                {"id": 999999, "version": 1}
            ])),
        )
        .await;
    assert_eq!(code(res).await, (404, "not_found".into()));
    // A stale item among fresh ones: 409 batch_not_applied naming it.
    let res = app
        .post_as(
            &school,
            "/api/v1/applications/actions",
            &batch(json!([
                {"id": a.id, "version": a.version},
                {"id": demo.id, "version": demo.version + 5}
            ])),
        )
        .await;
    assert_eq!(code(res).await, (409, "batch_not_applied".into()));
    let unchanged: Application = get(&app, &school, a.id).await.json().await.expect("app");
    assert_eq!(unchanged.version, a.version);
    let res = app
        .post_as(
            &school,
            "/api/v1/applications/actions",
            &batch(json!([
                {"id": a.id, "version": a.version},
                {"id": demo.id, "version": demo.version}
            ])),
        )
        .await;
    let status = res.status();
    let body: Value = res.json().await.expect("json");
    assert_eq!(status, 200, "{body}");
    let answer: BatchActionResponse = serde_json::from_value(body).expect("batch");
    assert_eq!((answer.succeeded, answer.failed), (2, 0));
    assert_eq!(answer.results[0].stage, Some(Stage::ApplicationPublicity));
    let empty = app
        .post_as(
            &school,
            "/api/v1/applications/actions",
            &json!({"action": "unit_approve", "items": []}),
        )
        .await;
    assert_eq!(code(empty).await, (422, "validation_failed".into()));
}

db_tests!(
    drafts_are_validated_and_owned,
    unit_verification_rejects_with_an_opinion_and_approves,
    the_superior_flow_assigns_a_committee_and_policy_review_decides,
    withdraw_undoes_the_last_move_until_the_next_stage_acts,
    terminate_and_void,
    lists_follow_jurisdiction_and_queues,
    concurrent_identical_actions_commit_once,
    batch_actions_report_each_item,
    an_applicant_with_business_in_flight_cannot_be_edited,
    supplement_rereview_and_the_remaining_actions,
    a_recommendation_proof_is_read_by_those_who_read_the_application,
);

/// The clock-control route of browser journeys does not exist unless configured.
#[tokio::test]
async fn the_test_clock_route_is_absent_by_default() {
    let app = spawn_app(Backend::Sqlite).await;
    let res = app
        .post_json("/api/test/clock/advance", &json!({"days": 10}))
        .await;
    assert_eq!(res.status(), 404);
}

async fn an_applicant_with_business_in_flight_cannot_be_edited(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.login_as(APPLICANT).await;
    let me = session.access_token;
    let account = session.user.id;
    let manager = app.login_as("county_emp_unit").await.access_token;
    let patch = |body: Value| {
        app.client
            .patch(app.url(&format!("/api/v1/accounts/{account}")))
            .bearer_auth(&manager)
            .json(&body)
            .send()
    };
    let version = |v: Value| v["version"].as_i64().unwrap_or_default();
    // A draft is not in flight: the account may still be edited.
    let a = create_draft(&app, &me).await;
    let res = patch(json!({"version": 1, "display_name": "张晓明（改）"}))
        .await
        .expect("patch");
    assert_eq!(res.status(), 200);
    let v = version(res.json().await.expect("account"));
    ok(&app, &me, &a, "submit", json!({})).await;
    let res = patch(json!({"version": v, "display_name": "张晓明"}))
        .await
        .expect("patch");
    assert_eq!(code(res).await, (409, "conflict".into()));
    // Disabling stays possible.
    let res = patch(json!({"version": v, "enabled": false}))
        .await
        .expect("patch");
    assert_eq!(res.status(), 200);
}

async fn supplement_rereview_and_the_remaining_actions(backend: Backend) {
    let app = spawn_app(backend).await;
    let school = app.login_as("county_emp_unit").await.access_token;
    let hrss = app.login_as("county_hrss_unit").await.access_token;
    let reviewer = app.login_as("pr_county_2026_001").await.access_token;
    // Recheck pass → nominee publicity.
    let a = demo_app(&app, &reviewer, Stage::PolicyReview).await;
    let a = ok(&app, &reviewer, &a, "policy_initial", json!({"pass": true})).await;
    let rechecker = app.login_as("pr_county_2026_002").await.access_token;
    let a = ok(
        &app,
        &rechecker,
        &a,
        "policy_recheck_pass",
        json!({"opinion": "符合条件"}),
    )
    .await;
    assert_eq!(a.stage, Stage::NomineePublicity);
    // The supplement path: the applicant resubmits, the unit's approval skips publicity and
    // recommendation and goes straight to the committee's re-review.
    let s = demo_app(&app, &school, Stage::Supplement).await;
    assert!(s.resubmission);
    assert_eq!(
        s.return_opinion.as_deref(),
        Some("继续教育学时证明缺失，请补充")
    );
    let owner = app
        .login_as(&backend::demo_workflow::applicant_id_number(10))
        .await
        .access_token;
    let mine: Application = get(&app, &owner, s.id).await.json().await.expect("app");
    assert_eq!(mine.allowed_actions, vec![Action::SubmitSupplement]);
    let s = ok(&app, &owner, &mine, "submit_supplement", json!({})).await;
    assert_eq!(s.stage, Stage::UnitVerification);
    let s: Application = get(&app, &school, s.id).await.json().await.expect("app");
    let s = ok(&app, &school, &s, "unit_approve", json!({})).await;
    assert_eq!(
        (s.stage, s.holder_unit.name.as_str()),
        (Stage::PolicyRereview, "示范县人力资源和社会保障局")
    );
    let s: Application = get(&app, &reviewer, s.id).await.json().await.expect("app");
    assert_eq!(
        code(act(&app, &reviewer, s.id, s.version, "rereview_fail", json!({})).await).await,
        (422, "validation_failed".into())
    );
    let s = ok(
        &app,
        &reviewer,
        &s,
        "rereview_fail",
        json!({"opinion": "补充材料仍不符合要求"}),
    )
    .await;
    assert_eq!(s.stage, Stage::Terminated);
    // Re-review pass → the second nominee list.
    let r = demo_app(&app, &reviewer, Stage::PolicyRereview).await;
    let r = ok(&app, &reviewer, &r, "rereview_pass", json!({})).await;
    assert_eq!(r.stage, Stage::NomineePublicity);
    // Back to verification from the recommendation queue.
    let u = demo_app(&app, &school, Stage::UnitRecommendation).await;
    assert_eq!(
        code(
            act(
                &app,
                &school,
                u.id,
                u.version,
                "return_to_verification",
                json!({})
            )
            .await
        )
        .await,
        (422, "validation_failed".into())
    );
    let u = ok(
        &app,
        &school,
        &u,
        "return_to_verification",
        json!({"opinion": "需重新核验"}),
    )
    .await;
    assert_eq!(u.stage, Stage::UnitVerification);
    // The committee unit terminates at material receipt.
    let m = demo_app(&app, &hrss, Stage::MaterialReceipt).await;
    let m = ok(&app, &hrss, &m, "terminate", json!({"opinion": "材料造假"})).await;
    assert_eq!(m.stage, Stage::Terminated);
    // A reviewer of another scope sees none of it.
    let outsider = app.login_as("county_emp_handler").await.access_token;
    assert_eq!(
        code(
            act(
                &app,
                &outsider,
                r.id,
                r.version,
                "rereview_fail",
                json!({"opinion": "x"})
            )
            .await
        )
        .await,
        (403, "forbidden".into())
    );
}

async fn a_recommendation_proof_is_read_by_those_who_read_the_application(backend: Backend) {
    let app = spawn_app(backend).await;
    let school = app.login_as("county_emp_unit").await.access_token;
    let dept = app.login_as("county_dept_unit").await.access_token;
    let hrss = app.login_as("county_hrss_unit").await.access_token;
    let reviewer = app.login_as("pr_county_2026_001").await.access_token;
    let res = app
        .client
        .post(
            app.url("/api/v1/unit-attachments?file_name=%E6%8E%A8%E8%8D%90%E8%AF%81%E6%98%8E.pdf"),
        )
        .bearer_auth(&school)
        .body(b"%PDF-1.4\n% recommendation proof\n".to_vec())
        .send()
        .await
        .expect("upload");
    assert_eq!(res.status(), 201);
    let proof: Value = res.json().await.expect("proof");
    let proof = proof["id"].as_i64().expect("proof id");
    let content = format!("/api/v1/attachments/{proof}/content");
    assert_eq!(app.get_as(&reviewer, &content).await.status(), 404);
    let a = demo_app(&app, &school, Stage::UnitRecommendation).await;
    let a = ok(
        &app,
        &school,
        &a,
        "recommend",
        json!({"handler_name": "李经办", "handler_phone": "0851-12345678", "proof_attachment_ids": [proof]}),
    )
    .await;
    let a = ok(&app, &dept, &a, "superior_approve", json!({})).await;
    assert_eq!(
        app.get_as(&reviewer, &content).await.status(),
        404,
        "not yet the reviewer's application"
    );
    let committee = a_committee(&app, &hrss).await;
    ok(
        &app,
        &hrss,
        &a,
        "superior_approve",
        json!({"committee_id": committee}),
    )
    .await;
    let res = app.get_as(&reviewer, &content).await;
    assert_eq!(
        res.status(),
        200,
        "the committee's reviewer reads the proof"
    );
    let other = app.login_as("city_emp_unit").await.access_token;
    assert_eq!(app.get_as(&other, &content).await.status(), 404);
}
