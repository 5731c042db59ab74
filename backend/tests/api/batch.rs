//! Batch screens of the workflow (manual §6.2.3, §6.2.4) through the API: a batch
//! recommendation carries the handler, the unit's proofs and its own committee to every
//! application; a batch approval at an HRSS forwards to the parent HRSS (county), or assigns a
//! committee (city, province: the province must); `GET /applications/forward-target` tells
//! where approval goes; a batch is all or nothing (409 `batch_not_applied` naming the
//! applications that cannot take it), and a unit that may not act gets 403/404, nothing changed.

use backend::{
    clock::Clock,
    db::schema::{accounts, application_events, applications, units},
};
use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use serde_json::{json, Value};
use shared::{
    application::{
        Application, ApplicationSummary, BatchActionResponse, BatchRefusal, ForwardTarget,
        TimelineEvent,
    },
    committees::ReviewAuthorityFiling,
    workflow::{Action, Stage},
    ErrorCode, Page,
};

use crate::{
    db_tests,
    helpers::{audit_rows, spawn_app, Backend, TestApp},
    org::unit_id,
};

const COUNTY_EMP: &str = "示范县第一中学";
const COUNTY_HRSS: &str = "示范县人力资源和社会保障局";
const CITY_EMP: &str = "示范市第一人民医院";
const CITY_HRSS: &str = "示范市人力资源和社会保障局";
const PROV_EMP: &str = "示范省电力设计研究院";
const PROV_HRSS: &str = "示范省人力资源和社会保障厅";

async fn token(app: &TestApp, username: &str) -> String {
    app.login_as(username).await.access_token
}

async fn code(res: reqwest::Response) -> (u16, String) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

/// An engineering intermediate application of an applicant of `employer`, standing in `stage`
/// and held by `holder` (inserted directly: this file tests the batch, not the path there).
async fn insert(
    app: &TestApp,
    employer: &'static str,
    holder: &'static str,
    stage: &'static str,
    specialty: &'static str,
    qualification: &str,
) -> i64 {
    let employer = unit_id(app, employer).await;
    let holder = unit_id(app, holder).await;
    let now = app.clock.now();
    let qualification = qualification.to_owned();
    app.db
        .run(move |conn| {
            let (applicant, id_number, name): (i64, Option<String>, String) = accounts::table
                .filter(accounts::unit_id.eq(employer))
                .filter(accounts::kind.eq("applicant"))
                .order(accounts::id)
                .select((accounts::id, accounts::id_number, accounts::display_name))
                .first(conn)?;
            let path: String = units::table
                .find(employer)
                .select(units::path)
                .first(conn)?;
            Ok(diesel::insert_into(applications::table)
                .values((
                    applications::applicant_id.eq(applicant),
                    applications::employer_id.eq(employer),
                    applications::employer_path.eq(path),
                    applications::year.eq(2026),
                    applications::series.eq("engineering"),
                    applications::specialty.eq(specialty),
                    applications::level.eq("intermediate"),
                    applications::qualification.eq(qualification),
                    applications::declaration_type.eq("normal"),
                    applications::name.eq(name),
                    applications::id_number
                        .eq(backend::pii::Pii::new(id_number.unwrap_or_default())),
                    applications::gender.eq("male"),
                    applications::birth_date.eq(NaiveDate::from_ymd_opt(1990, 1, 1).expect("day")),
                    applications::education.eq("bachelor"),
                    applications::current_title.eq("助理工程师"),
                    applications::years_of_service.eq(10),
                    applications::achievements.eq("成果"),
                    applications::phone.eq("13800000000"),
                    applications::stage.eq(stage),
                    applications::holder_unit_id.eq(holder),
                    applications::created_at.eq(now),
                    applications::updated_at.eq(now),
                    applications::submitted_at.eq(Some(now)),
                ))
                .returning(applications::id)
                .get_result::<i64>(conn)?)
        })
        .await
        .expect("application")
}

/// Two applications of `employer` held by `holder` in `stage`.
async fn pair(
    app: &TestApp,
    employer: &'static str,
    holder: &'static str,
    stage: &'static str,
) -> (i64, i64) {
    (
        insert(app, employer, holder, stage, "电气工程", "工程师（批量一）").await,
        insert(app, employer, holder, stage, "电气工程", "工程师（批量二）").await,
    )
}

/// A committee of the unit of `applicant`, its engineering intermediate filing (for
/// `specialties`, empty = all) approved by `auditor`.
async fn committee(
    app: &TestApp,
    applicant: &str,
    auditor: &str,
    name: &str,
    specialties: &[&str],
) -> i64 {
    let from = app.clock.now().date();
    let body = json!({
        "committee_name": name,
        "series": "engineering",
        "levels": ["intermediate"],
        "specialties": specialties,
        "region_scope": "示范省",
        "valid_from": from.format("%Y-%m-%d").to_string(),
        "valid_until": (from + Duration::days(300)).format("%Y-%m-%d").to_string(),
        "description": "测试",
    });
    let t = token(app, applicant).await;
    let res = app
        .post_as(&t, "/api/v1/review-authority-filings", &body)
        .await;
    assert_eq!(res.status(), 201, "{applicant} files");
    let f: ReviewAuthorityFiling = res.json().await.expect("filing");
    let a = token(app, auditor).await;
    let res = app
        .post_as(
            &a,
            &format!("/api/v1/review-authority-filings/{}/decision", f.id),
            &json!({"approve": true, "opinion": "同意", "version": f.version}),
        )
        .await;
    assert_eq!(res.status(), 200, "{auditor} approves");
    f.committee.id
}

async fn detail(app: &TestApp, t: &str, id: i64) -> Application {
    let res = app.get_as(t, &format!("/api/v1/applications/{id}")).await;
    assert_eq!(res.status(), 200, "read {id}");
    res.json().await.expect("application")
}

async fn timeline(app: &TestApp, t: &str, id: i64) -> Vec<TimelineEvent> {
    let res = app
        .get_as(t, &format!("/api/v1/applications/{id}/timeline"))
        .await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("timeline")
}

/// The ids in the caller's to-do queue of `stage`.
async fn queue(app: &TestApp, t: &str, stage: Stage) -> Vec<i64> {
    let res = app
        .get_as(
            t,
            &format!(
                "/api/v1/applications?stage={}&todo=true&per_page=100",
                stage.as_str()
            ),
        )
        .await;
    assert_eq!(res.status(), 200);
    let page: Page<ApplicationSummary> = res.json().await.expect("page");
    page.items.iter().map(|r| r.id).collect()
}

/// Posts a batch of `ids` (at their current versions, read by `t`).
async fn batch(
    app: &TestApp,
    t: &str,
    action: &str,
    ids: &[i64],
    extra: Value,
) -> reqwest::Response {
    let mut items = Vec::new();
    for &id in ids {
        items.push(json!({"id": id, "version": detail(app, t, id).await.version}));
    }
    let mut body = json!({"action": action, "items": items});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    app.post_as(t, "/api/v1/applications/actions", &body).await
}

async fn applied(res: reqwest::Response) -> BatchActionResponse {
    let status = res.status();
    let body: Value = res.json().await.expect("json");
    assert_eq!(status, 200, "{body}");
    let answer: BatchActionResponse = serde_json::from_value(body).expect("batch");
    assert_eq!(answer.failed, 0);
    answer
}

async fn route(app: &TestApp, t: &str, ids: &[i64]) -> ForwardTarget {
    let res = forward_target(app, t, ids).await;
    let status = res.status();
    let body: Value = res.json().await.expect("json");
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("target")
}

async fn forward_target(app: &TestApp, t: &str, ids: &[i64]) -> reqwest::Response {
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    app.get_as(
        t,
        &format!("/api/v1/applications/forward-target?ids={}", ids.join(",")),
    )
    .await
}

/// Stage, holder, committee and version of an application, read from the database.
async fn state(app: &TestApp, id: i64) -> (String, i64, Option<i64>, i64) {
    app.db
        .run(move |conn| {
            Ok(applications::table
                .find(id)
                .select((
                    applications::stage,
                    applications::holder_unit_id,
                    applications::committee_id,
                    applications::version,
                ))
                .first::<(String, i64, Option<i64>, i64)>(conn)?)
        })
        .await
        .expect("state")
}

async fn events(app: &TestApp, id: i64) -> i64 {
    app.db
        .run(move |conn| {
            Ok(application_events::table
                .filter(application_events::application_id.eq(id))
                .count()
                .get_result::<i64>(conn)?)
        })
        .await
        .expect("events")
}

/// Nothing happened to `ids`: the stored state is `before`, no event, no audit row.
async fn unchanged(app: &TestApp, ids: &[i64], before: &[(String, i64, Option<i64>, i64)]) {
    for (id, was) in ids.iter().zip(before) {
        assert_eq!(&state(app, *id).await, was, "application {id} changed");
        assert_eq!(events(app, *id).await, 0, "application {id} has an event");
        assert_eq!(audit_rows(app, "application.action", *id).await, 0);
    }
}

async fn upload_proof(app: &TestApp, t: &str) -> i64 {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend((0..500).map(|i| (i % 251) as u8));
    let res = app
        .client
        .post(
            app.url("/api/v1/unit-attachments?file_name=%E6%8E%A8%E8%8D%90%E8%AF%81%E6%98%8E.pdf"),
        )
        .bearer_auth(t)
        .body(pdf)
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 201);
    let body: Value = res.json().await.expect("attachment");
    body["id"].as_i64().expect("id")
}

async fn batch_recommendation_carries_proofs_and_the_own_committee(backend: Backend) {
    let app = spawn_app(backend).await;
    let school = token(&app, "county_emp_unit").await;
    let own = committee(
        &app,
        "county_emp_unit",
        "county_hrss_unit",
        "一中自主评委会",
        &[],
    )
    .await;
    let proof = upload_proof(&app, &school).await;
    let (a, b) = pair(&app, COUNTY_EMP, COUNTY_EMP, "unit_recommendation").await;
    let (c, d) = (
        insert(
            &app,
            COUNTY_EMP,
            COUNTY_EMP,
            "unit_recommendation",
            "电气工程",
            "工程师（上报一）",
        )
        .await,
        insert(
            &app,
            COUNTY_EMP,
            COUNTY_EMP,
            "unit_recommendation",
            "电气工程",
            "工程师（上报二）",
        )
        .await,
    );
    let todo = queue(&app, &school, Stage::UnitRecommendation).await;
    assert!([a, b, c, d].iter().all(|id| todo.contains(id)), "{todo:?}");
    // The handler is required of the batch as of one application.
    assert_eq!(
        code(batch(&app, &school, "recommend", &[a, b], json!({})).await).await,
        (422, "validation_failed".into())
    );
    let handler = json!({
        "handler_name": "李经办",
        "handler_phone": "0851-12345678",
        "proof_attachment_ids": [proof],
        "opinion": "同意推荐",
    });
    let mut with_committee = handler.clone();
    with_committee["committee_id"] = json!(own);
    let answer = applied(batch(&app, &school, "recommend", &[a, b], with_committee).await).await;
    assert_eq!(answer.succeeded, 2);
    let school_unit = unit_id(&app, COUNTY_EMP).await;
    for id in [a, b] {
        let read = detail(&app, &school, id).await;
        assert_eq!(read.stage, Stage::MaterialReceipt);
        assert_eq!(read.holder_unit.id, school_unit);
        assert_eq!(read.committee.as_ref().map(|c| c.id), Some(own));
        let steps = timeline(&app, &school, id).await;
        let step = steps
            .iter()
            .find(|e| e.action == Action::Recommend)
            .expect("the recommendation");
        assert!(
            step.handler
                .as_deref()
                .is_some_and(|h| h.contains("李经办")),
            "{step:?}"
        );
        // The proof is attached to the recommendation of each application.
        let detail: String = {
            app.db
                .run(move |conn| {
                    Ok(application_events::table
                        .filter(application_events::application_id.eq(id))
                        .select(application_events::detail)
                        .first::<Option<String>>(conn)?
                        .unwrap_or_default())
                })
                .await
                .expect("detail")
        };
        assert!(detail.contains(&proof.to_string()), "{detail}");
    }
    // They stand in 材料接收 of the unit's own committee.
    let res = app
        .get_as(
            &school,
            "/api/v1/applications?stage=material_receipt&per_page=100",
        )
        .await;
    let page: Page<ApplicationSummary> = res.json().await.expect("page");
    let receipt: Vec<i64> = page.items.iter().map(|r| r.id).collect();
    assert!(receipt.contains(&a) && receipt.contains(&b), "{receipt:?}");
    let todo = queue(&app, &school, Stage::UnitRecommendation).await;
    assert!(!todo.contains(&a) && !todo.contains(&b));
    // Without a committee the batch goes up to the education bureau, proofs and all.
    let answer = applied(batch(&app, &school, "recommend", &[c, d], handler).await).await;
    assert_eq!(answer.succeeded, 2);
    let dept = token(&app, "county_dept_unit").await;
    let todo = queue(&app, &dept, Stage::SuperiorReview).await;
    assert!(todo.contains(&c) && todo.contains(&d), "{todo:?}");
    // The bureau is not an HRSS: approval forwards to the county HRSS, no committee.
    let target = route(&app, &dept, &[c, d]).await;
    assert!(!target.may_assign && target.committees.is_empty());
    assert_eq!(
        target.forward_to.map(|u| u.name),
        Some(COUNTY_HRSS.to_owned())
    );
}

async fn county_hrss_batch_approval_forwards_to_the_city(backend: Backend) {
    let app = spawn_app(backend).await;
    let hrss = token(&app, "county_hrss_unit").await;
    let (a, b) = pair(&app, COUNTY_EMP, COUNTY_HRSS, "superior_review").await;
    let target = route(&app, &hrss, &[a, b]).await;
    assert!(target.may_assign);
    assert_eq!(
        target.forward_to.as_ref().map(|u| u.name.as_str()),
        Some(CITY_HRSS)
    );
    let answer = applied(
        batch(
            &app,
            &hrss,
            "superior_approve",
            &[a, b],
            json!({"opinion": "同意，报市人社局"}),
        )
        .await,
    )
    .await;
    assert_eq!(
        answer
            .results
            .iter()
            .filter(|r| r.stage == Some(Stage::SuperiorReview))
            .count(),
        2
    );
    let city = token(&app, "city_hrss_unit").await;
    let todo = queue(&app, &city, Stage::SuperiorReview).await;
    assert!(todo.contains(&a) && todo.contains(&b), "{todo:?}");
    let left = queue(&app, &hrss, Stage::SuperiorReview).await;
    assert!(!left.contains(&a) && !left.contains(&b), "{left:?}");
    let city_unit = unit_id(&app, CITY_HRSS).await;
    for id in [a, b] {
        let (stage, holder, committee, _) = state(&app, id).await;
        assert_eq!(
            (stage.as_str(), holder, committee),
            ("superior_review", city_unit, None)
        );
    }
}

async fn city_hrss_batch_approval_assigns_a_committee(backend: Backend) {
    let app = spawn_app(backend).await;
    let city_committee = committee(
        &app,
        "city_hrss_unit",
        "prov_hrss_unit",
        "市工程中级评委会",
        &[],
    )
    .await;
    let hrss = token(&app, "city_hrss_unit").await;
    let (a, b) = pair(&app, CITY_EMP, CITY_HRSS, "superior_review").await;
    let target = route(&app, &hrss, &[a, b]).await;
    assert!(target.may_assign);
    assert_eq!(
        target.forward_to.as_ref().map(|u| u.name.as_str()),
        Some(PROV_HRSS)
    );
    assert!(target.committees.iter().any(|c| c.id == city_committee));
    let answer = applied(
        batch(
            &app,
            &hrss,
            "superior_approve",
            &[a, b],
            json!({"committee_id": city_committee, "opinion": "同意"}),
        )
        .await,
    )
    .await;
    assert_eq!(answer.succeeded, 2);
    let city_unit = unit_id(&app, CITY_HRSS).await;
    for id in [a, b] {
        let (stage, holder, committee, _) = state(&app, id).await;
        assert_eq!(
            (stage.as_str(), holder, committee),
            ("material_receipt", city_unit, Some(city_committee))
        );
    }
    let todo = queue(&app, &hrss, Stage::MaterialReceipt).await;
    assert!(todo.contains(&a) && todo.contains(&b), "{todo:?}");
}

async fn province_batch_approval_must_assign(backend: Backend) {
    let app = spawn_app(backend).await;
    let prov_committee = committee(
        &app,
        "prov_hrss_unit",
        "prov_hrss_handler",
        "省工程中级评委会",
        &[],
    )
    .await;
    let hrss = token(&app, "prov_hrss_unit").await;
    let (a, b) = pair(&app, PROV_EMP, PROV_HRSS, "superior_review").await;
    let target = route(&app, &hrss, &[a, b]).await;
    assert!(target.may_assign && target.forward_to.is_none());
    assert!(target.committees.iter().any(|c| c.id == prov_committee));
    let before = vec![state(&app, a).await, state(&app, b).await];
    // No parent to forward to: every item refuses alike, so the answer is that one error.
    assert_eq!(
        code(batch(&app, &hrss, "superior_approve", &[a, b], json!({})).await).await,
        (422, "validation_failed".into())
    );
    unchanged(&app, &[a, b], &before).await;
    applied(
        batch(
            &app,
            &hrss,
            "superior_approve",
            &[a, b],
            json!({"committee_id": prov_committee}),
        )
        .await,
    )
    .await;
    let todo = queue(&app, &hrss, Stage::MaterialReceipt).await;
    assert!(todo.contains(&a) && todo.contains(&b), "{todo:?}");
    for id in [a, b] {
        assert_eq!(state(&app, id).await.2, Some(prov_committee));
    }
}

async fn a_batch_is_all_or_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    // Authority for 电气工程 only.
    let narrow = committee(
        &app,
        "city_hrss_unit",
        "prov_hrss_unit",
        "市电气评委会",
        &["电气工程"],
    )
    .await;
    let hrss = token(&app, "city_hrss_unit").await;
    let a = insert(
        &app,
        CITY_EMP,
        CITY_HRSS,
        "superior_review",
        "电气工程",
        "工程师（甲）",
    )
    .await;
    let b = insert(
        &app,
        CITY_EMP,
        CITY_HRSS,
        "superior_review",
        "土木工程",
        "工程师（乙）",
    )
    .await;
    let c = insert(
        &app,
        CITY_EMP,
        CITY_HRSS,
        "superior_review",
        "电气工程",
        "工程师（丙）",
    )
    .await;
    // The route offers only committees that take every application.
    let both = route(&app, &hrss, &[a, b]).await;
    assert!(!both.committees.iter().any(|x| x.id == narrow));
    assert!(route(&app, &hrss, &[a, c])
        .await
        .committees
        .iter()
        .any(|x| x.id == narrow));
    let before = vec![
        state(&app, a).await,
        state(&app, b).await,
        state(&app, c).await,
    ];
    let res = batch(
        &app,
        &hrss,
        "superior_approve",
        &[a, b, c],
        json!({"committee_id": narrow}),
    )
    .await;
    let body: Value = res.json().await.expect("json");
    let refusal: BatchRefusal =
        serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{body}: {e}"));
    assert_eq!(refusal.code, ErrorCode::BatchNotApplied);
    let verdict: Vec<(i64, bool)> = refusal.results.iter().map(|r| (r.id, r.ok)).collect();
    assert_eq!(verdict, vec![(a, true), (b, false), (c, true)]);
    assert_eq!(refusal.results[1].code, Some(ErrorCode::NoReviewAuthority));
    assert!(
        refusal.message.contains(&format!("#{b}")),
        "{}",
        refusal.message
    );
    assert!(
        !refusal.message.contains(&format!("#{a}")),
        "{}",
        refusal.message
    );
    unchanged(&app, &[a, b, c], &before).await;
    // A stale item among fresh ones: refused whole, naming it.
    let mut items = vec![];
    for id in [a, c] {
        items.push(json!({"id": id, "version": state(&app, id).await.3}));
    }
    items[1]["version"] = json!(before[2].3 + 7);
    let res = app
        .post_as(
            &hrss,
            "/api/v1/applications/actions",
            &json!({"action": "superior_approve", "items": items, "committee_id": narrow}),
        )
        .await;
    assert_eq!(res.status(), 409);
    let refusal: BatchRefusal = res.json().await.expect("refusal");
    assert_eq!(refusal.code, ErrorCode::BatchNotApplied);
    assert_eq!(refusal.results[1].code, Some(ErrorCode::VersionConflict));
    unchanged(&app, &[a, b, c], &before).await;
    // The forward-target of a batch with an item not at this unit's step is refused alike.
    let elsewhere = insert(
        &app,
        CITY_EMP,
        CITY_EMP,
        "unit_recommendation",
        "电气工程",
        "工程师（丁）",
    )
    .await;
    let res = forward_target(&app, &hrss, &[a, elsewhere]).await;
    assert_eq!(res.status(), 403);
    // Then the narrow committee takes the two it covers.
    applied(
        batch(
            &app,
            &hrss,
            "superior_approve",
            &[a, c],
            json!({"committee_id": narrow}),
        )
        .await,
    )
    .await;
    assert_eq!(state(&app, a).await.0, "material_receipt");
    assert_eq!(state(&app, b).await, before[1]);
}

async fn a_unit_that_may_not_act_changes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let (a, b) = pair(&app, COUNTY_EMP, COUNTY_HRSS, "superior_review").await;
    let before = vec![state(&app, a).await, state(&app, b).await];
    // The education bureau below sees them but does not hold them.
    let dept = token(&app, "county_dept_unit").await;
    assert_eq!(
        code(batch(&app, &dept, "superior_approve", &[a, b], json!({})).await).await,
        (403, "forbidden".into())
    );
    assert_eq!(
        code(forward_target(&app, &dept, &[a, b]).await).await.0,
        403
    );
    // Another region does not see them at all.
    let city_emp = token(&app, "city_emp_unit").await;
    let items = json!([
        {"id": a, "version": before[0].3},
        {"id": b, "version": before[1].3}
    ]);
    let res = app
        .post_as(
            &city_emp,
            "/api/v1/applications/actions",
            &json!({"action": "superior_approve", "items": items}),
        )
        .await;
    assert_eq!(code(res).await, (404, "not_found".into()));
    assert_eq!(
        code(forward_target(&app, &city_emp, &[a]).await).await.0,
        404
    );
    // The holder with one unknown id among its own: 404, nothing changed.
    let hrss = token(&app, "county_hrss_unit").await;
    let res = app
        .post_as(
            &hrss,
            "/api/v1/applications/actions",
            &json!({"action": "superior_approve", "items": [
                {"id": a, "version": before[0].3},
                {"id": 999_999, "version": 1}
            ]}),
        )
        .await;
    assert_eq!(code(res).await, (404, "not_found".into()));
    // Malformed ids.
    assert_eq!(
        code(
            app.get_as(&hrss, "/api/v1/applications/forward-target?ids=1,x")
                .await
        )
        .await,
        (422, "validation_failed".into())
    );
    // A repeated id is asked about once (the query's pattern allows repeats), and asking
    // changes nothing.
    let res = app
        .get_as(
            &hrss,
            &format!("/api/v1/applications/forward-target?ids={a},{a}"),
        )
        .await;
    assert_eq!(res.status().as_u16(), 200);
    unchanged(&app, &[a, b], &before).await;
}

db_tests!(
    batch_recommendation_carries_proofs_and_the_own_committee,
    county_hrss_batch_approval_forwards_to_the_city,
    city_hrss_batch_approval_assigns_a_committee,
    province_batch_approval_must_assign,
    a_batch_is_all_or_nothing,
    a_unit_that_may_not_act_changes_nothing,
);
