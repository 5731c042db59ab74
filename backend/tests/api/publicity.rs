//! The working-day calendar and publicity batches: 2026 holidays and 调休, periods of at least
//! five working days, draft → published → completed with versions, reports and their
//! resolution, the failure template, and the public site with masked ID numbers.
//!
//! Time is moved with the server's `ManualClock` (to fixed dates in 2035, far from the seeded
//! 2026 calendar, so no real date can interfere); tokens are fetched after each move.

use backend::{
    calendar,
    clock::Clock,
    db::schema::{accounts, applications, audit_log, committees, policy_review_scopes, units},
};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::{json, Value};
use shared::publicity::{CompleteBlocked, PublicityBatchDetail, PublicityStatus};

use crate::{
    db_tests,
    helpers::{assert_one_winner, audit_rows, race, spawn_app, Backend, TestApp},
    org::{account_id, unit_id},
};

pub const COUNTY_EMP: &str = "示范县第一中学";
const COUNTY_HRSS: &str = "示范县人力资源和社会保障局";

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// Moves the server's clock to 10:00 China time on `s` (never backwards).
pub fn travel(app: &TestApp, s: &str) {
    let target: NaiveDateTime = day(s).and_hms_opt(2, 0, 0).expect("time");
    let now = app.clock.now();
    assert!(target >= now, "the clock only moves forward");
    app.clock.advance(target - now);
}

pub async fn token(app: &TestApp, username: &str) -> String {
    app.login_as(username).await.access_token
}

pub async fn code(res: reqwest::Response) -> (u16, String, String) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    (
        status,
        body["code"].as_str().unwrap_or_default().to_owned(),
        body["message"].as_str().unwrap_or_default().to_owned(),
    )
}

pub async fn patch_as(app: &TestApp, token: &str, path: &str, body: &Value) -> reqwest::Response {
    app.client
        .patch(app.url(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("request")
}

/// Inserts an application of the county school's applicant directly (the applications API
/// belongs to another change), in `stage`, optionally assigned to `committee`.
pub async fn insert_application(
    app: &TestApp,
    stage: &'static str,
    committee: Option<i64>,
    n: u32,
) -> i64 {
    let employer = unit_id(app, COUNTY_EMP).await;
    app.db
        .run(move |conn| {
            let path: String = units::table
                .find(employer)
                .select(units::path)
                .first(conn)?;
            let (applicant, id_number): (i64, Option<String>) = accounts::table
                .filter(accounts::unit_id.eq(employer))
                .filter(accounts::kind.eq("applicant"))
                .select((accounts::id, accounts::id_number))
                .first(conn)?;
            let id_number = id_number.unwrap_or_default();
            let now = chrono::Utc::now().naive_utc();
            Ok(diesel::insert_into(applications::table)
                .values((
                    applications::applicant_id.eq(applicant),
                    applications::employer_id.eq(employer),
                    applications::employer_path.eq(path),
                    applications::year.eq(2035),
                    applications::series.eq("engineering"),
                    applications::specialty.eq("电气工程"),
                    applications::level.eq("associate_senior"),
                    applications::qualification.eq(format!("高级工程师{n}")),
                    applications::declaration_type.eq("normal"),
                    applications::name.eq("张晓明"),
                    applications::id_number.eq(backend::pii::Pii::new(id_number)),
                    applications::gender.eq("male"),
                    applications::birth_date.eq(day("1990-01-01")),
                    applications::education.eq("bachelor"),
                    applications::current_title.eq("工程师"),
                    applications::years_of_service.eq(10),
                    applications::achievements.eq("业绩"),
                    applications::phone.eq("13800000000"),
                    applications::stage.eq(stage),
                    applications::holder_unit_id.eq(employer),
                    applications::committee_id.eq(committee),
                    applications::resubmission.eq(false),
                    applications::version.eq(1_i64),
                    applications::created_at.eq(now),
                    applications::updated_at.eq(now),
                    applications::submitted_at.eq(Some(now)),
                ))
                .returning(applications::id)
                .get_result::<i64>(conn)?)
        })
        .await
        .expect("insert application")
}

/// A committee at the county HRSS for engineering, and the policy reviewer's scope on it.
pub async fn committee_with_reviewer(app: &TestApp) -> i64 {
    let unit = unit_id(app, COUNTY_HRSS).await;
    let admin = account_id(app, "sysadmin").await;
    let reviewer = account_id(app, "pr_county_2026_001").await;
    app.db
        .run(move |conn| {
            let now = chrono::Utc::now().naive_utc();
            let id: i64 = diesel::insert_into(committees::table)
                .values((
                    committees::unit_id.eq(unit),
                    committees::name.eq("示范县工程系列中级评委会"),
                    committees::series.eq("engineering"),
                    committees::created_by.eq(admin),
                    committees::created_at.eq(now),
                ))
                .returning(committees::id)
                .get_result(conn)?;
            // The demo's scope of this reviewer is replaced by the test's.
            diesel::delete(policy_review_scopes::table.find(reviewer)).execute(conn)?;
            diesel::insert_into(policy_review_scopes::table)
                .values((
                    policy_review_scopes::account_id.eq(reviewer),
                    policy_review_scopes::committee_id.eq(id),
                    policy_review_scopes::year.eq(2035),
                    policy_review_scopes::series.eq("engineering"),
                    policy_review_scopes::specialties.eq("[]"),
                ))
                .execute(conn)?;
            Ok(id)
        })
        .await
        .expect("committee")
}

pub async fn stage_of(app: &TestApp, id: i64) -> (String, Option<String>) {
    app.db
        .run(move |conn| {
            Ok(applications::table
                .find(id)
                .select((applications::stage, applications::return_opinion))
                .first(conn)?)
        })
        .await
        .expect("stage")
}

async fn audit_count(app: &TestApp, action: &'static str) -> i64 {
    app.db
        .run(move |conn| {
            Ok(audit_log::table
                .filter(audit_log::action.eq(action))
                .count()
                .get_result(conn)?)
        })
        .await
        .expect("audit")
}

pub async fn detail(res: reqwest::Response, want: u16) -> PublicityBatchDetail {
    let status = res.status().as_u16();
    let text = res.text().await.unwrap_or_default();
    assert_eq!(status, want, "{text}");
    serde_json::from_str(&text).expect("batch detail")
}

fn report(application_id: i64) -> Value {
    json!({
        "application_id": application_id,
        "reporter_name": "王举报",
        "reporter_contact": "13900000000",
        "content": "论文存在抄袭"
    })
}

async fn working_days_follow_the_2026_calendar(backend: Backend) {
    let app = spawn_app(backend).await;
    let (national, after, next_workday, saturday, monday_off) = app
        .db
        .run(|conn| {
            Ok((
                // Mon 28 Sep – Fri 9 Oct: 3 days, the National Day week off, then 2 days.
                calendar::working_days_between(conn, day("2026-09-28"), day("2026-10-09"))?,
                // Thu 8 – Wed 14 Oct with the 调休 Saturday 10 Oct worked.
                calendar::working_days_between(conn, day("2026-10-08"), day("2026-10-14"))?,
                calendar::add_working_days(conn, day("2026-09-30"), 1)?,
                calendar::is_working_day(conn, day("2026-10-10"))?,
                calendar::is_working_day(conn, day("2026-10-05"))?,
            ))
        })
        .await
        .expect("calendar");
    assert_eq!((national, after), (5, 6));
    assert_eq!(next_workday, day("2026-10-08"));
    assert!(saturday, "10 Oct 2026 is a make-up workday");
    assert!(!monday_off, "5 Oct 2026 is a holiday");

    let user = token(&app, "county_emp_unit").await;
    let year: Value = app
        .get_as(&user, "/api/v1/calendar?year=2026")
        .await
        .json()
        .await
        .expect("year");
    let days = year["days"].as_array().expect("days");
    assert!(days
        .iter()
        .any(|d| d["day"] == "2026-02-17" && d["kind"] == "holiday" && d["name"] == "春节"));
    assert!(days
        .iter()
        .any(|d| d["day"] == "2026-10-10" && d["kind"] == "workday"));
    let count: Value = app
        .get_as(
            &user,
            "/api/v1/calendar/working-days?start=2026-09-28&end=2026-10-09",
        )
        .await
        .json()
        .await
        .expect("count");
    assert_eq!(count["working_days"], 5);

    // Only the system administrator maintains the calendar; every change is audited.
    let put = |t: String, d: &'static str, body: Value| {
        let app = &app;
        async move {
            app.client
                .put(app.url(&format!("/api/v1/calendar/{d}")))
                .bearer_auth(t)
                .json(&body)
                .send()
                .await
                .expect("put")
        }
    };
    let holiday = json!({"kind": "holiday", "name": "地方假日"});
    let res = put(user.clone(), "2026-12-07", holiday.clone()).await;
    assert_eq!(code(res).await.0, 403);
    let admin = token(&app, "sysadmin").await;
    let res = put(admin.clone(), "2026-12-07", holiday).await;
    assert_eq!(res.status(), 200);
    let res = put(
        admin.clone(),
        "2026-12-08",
        json!({"kind": "workday", "name": "调休"}),
    )
    .await;
    assert_eq!(
        code(res).await.0,
        422,
        "a Tuesday cannot be a make-up workday"
    );
    let res = put(
        admin.clone(),
        "2026-13-01",
        json!({"kind": "holiday", "name": "x"}),
    )
    .await;
    assert_eq!(code(res).await.0, 422);
    let off = app
        .db
        .run(|conn| calendar::is_working_day(conn, day("2026-12-07")))
        .await
        .expect("day");
    assert!(!off);
    let res = app
        .client
        .delete(app.url("/api/v1/calendar/2026-12-07"))
        .bearer_auth(&admin)
        .send()
        .await
        .expect("delete");
    assert_eq!(res.status(), 204);
    assert_eq!(audit_count(&app, "calendar.put").await, 1);
    assert_eq!(audit_count(&app, "calendar.delete").await, 1);
}

async fn an_application_publicity_runs_its_course(backend: Backend) {
    let app = spawn_app(backend).await;
    travel(&app, "2035-03-05");
    let a = insert_application(&app, "application_publicity", None, 1).await;
    let b = insert_application(&app, "application_publicity", None, 2).await;
    let elsewhere = insert_application(&app, "unit_verification", None, 3).await;
    let school = token(&app, "county_emp_unit").await;
    let batch = |start: &str, end: &str, ids: Vec<i64>| {
        json!({
            "kind": "application",
            "title": "2035年度职称申报公示",
            "content": "以下人员申报职称，现予公示。",
            "period_start": start,
            "period_end": end,
            "application_ids": ids,
        })
    };

    // Mon 12 – Thu 15 March: four working days.
    let res = app
        .post_as(
            &school,
            "/api/v1/publicity-batches",
            &batch("2035-03-12", "2035-03-15", vec![a, b]),
        )
        .await;
    let (status, c, message) = code(res).await;
    assert_eq!((status, c.as_str()), (422, "validation_failed"));
    assert!(message.contains("只有 4 个工作日"), "{message}");
    let res = app
        .post_as(
            &school,
            "/api/v1/publicity-batches",
            &batch("2035-03-01", "2035-03-16", vec![a]),
        )
        .await;
    assert_eq!(code(res).await.0, 422, "a period may not start in the past");
    let res = app
        .post_as(
            &school,
            "/api/v1/publicity-batches",
            &batch("2035-03-12", "2035-03-16", vec![a, elsewhere]),
        )
        .await;
    let (status, _, message) = code(res).await;
    assert_eq!(status, 422);
    assert!(message.contains(&elsewhere.to_string()), "{message}");

    let created = detail(
        app.post_as(
            &school,
            "/api/v1/publicity-batches",
            &batch("2035-03-12", "2035-03-16", vec![a, b]),
        )
        .await,
        201,
    )
    .await;
    let id = created.batch.id;
    assert_eq!(created.batch.status, PublicityStatus::Draft);
    assert_eq!((created.batch.working_days, created.items.len()), (5, 2));
    assert!(created.batch.can_manage);
    assert!(created.items[0].id_number.contains("**********"));
    let res = app
        .post_as(
            &school,
            "/api/v1/publicity-batches",
            &batch("2035-03-19", "2035-03-23", vec![b]),
        )
        .await;
    let (status, _, message) = code(res).await;
    assert_eq!(status, 422, "already in a batch that has not completed");
    assert!(message.contains(&b.to_string()), "{message}");

    let path = format!("/api/v1/publicity-batches/{id}");
    let res = patch_as(
        &app,
        &school,
        &path,
        &json!({"version": 0, "title": "新标题"}),
    )
    .await;
    assert_eq!(code(res).await.1, "version_conflict");
    let edited = detail(
        patch_as(
            &app,
            &school,
            &path,
            &json!({"version": 1, "title": "新标题"}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        (edited.batch.title.as_str(), edited.batch.version),
        ("新标题", 2)
    );

    let published = detail(
        app.post_as(&school, &format!("{path}/publish"), &json!({"version": 2}))
            .await,
        200,
    )
    .await;
    assert_eq!(published.batch.status, PublicityStatus::Published);
    let res = patch_as(
        &app,
        &school,
        &path,
        &json!({"version": 3, "title": "再改"}),
    )
    .await;
    assert_eq!(code(res).await.0, 409, "a published batch is not edited");
    let res = app.get("/api/v1/public/publicity?kind=application").await;
    assert_eq!(
        code(res).await.0,
        400,
        "application publicity is not public"
    );
    let res = app.get(&format!("/api/v1/public/publicity/{id}")).await;
    assert_eq!(code(res).await.0, 404);

    // Before the period, no report; during it, the county HRSS (above the school) reports.
    let hrss = token(&app, "county_hrss_unit").await;
    let res = app
        .post_as(&hrss, &format!("{path}/reports"), &report(a))
        .await;
    assert_eq!(code(res).await.0, 409);
    travel(&app, "2035-03-13");
    let (school, hrss) = (
        token(&app, "county_emp_unit").await,
        token(&app, "county_hrss_unit").await,
    );
    let res = app
        .post_as(&hrss, &format!("{path}/reports"), &report(a))
        .await;
    assert_eq!(res.status(), 201);
    let res = app
        .post_as(&school, &format!("{path}/complete"), &json!({"version": 3}))
        .await;
    let (status, c, message) = code(res).await;
    assert_eq!((status, c.as_str()), (409, "publicity_not_finished"));
    assert!(message.contains("2035-03-16"), "{message}");
    // The batch says so before anyone tries, by the server's clock (the list too).
    let seen = detail(app.get_as(&school, &path).await, 200).await;
    assert_eq!(
        seen.batch.complete_blocked,
        Some(CompleteBlocked::PeriodRunning {
            from: "2035-03-17".into()
        })
    );
    let listed = app
        .get_as(&school, "/api/v1/publicity-batches?kind=application")
        .await
        .json::<Value>()
        .await
        .expect("json");
    let row = listed["items"]
        .as_array()
        .and_then(|items| items.iter().find(|b| b["id"] == json!(id)))
        .cloned()
        .expect("listed");
    assert_eq!(
        row["complete_blocked"],
        json!({"reason": "period_running", "from": "2035-03-17"})
    );

    travel(&app, "2035-03-17");
    let (school, hrss) = (
        token(&app, "county_emp_unit").await,
        token(&app, "county_hrss_unit").await,
    );
    let res = app
        .post_as(&school, &format!("{path}/complete"), &json!({"version": 3}))
        .await;
    let (status, c, message) = code(res).await;
    assert_eq!((status, c.as_str()), (409, "publicity_not_finished"));
    assert!(message.contains("举报"), "{message}");

    let seen = detail(app.get_as(&hrss, &path).await, 200).await;
    assert!(!seen.batch.can_manage);
    assert_eq!(
        seen.batch.complete_blocked,
        Some(CompleteBlocked::OpenReports { count: 1 })
    );
    assert_eq!(
        seen.reports[0].reporter_contact, None,
        "the contact is the owner's to see"
    );
    let report_id = seen.reports[0].id;
    let resolve = format!("/api/v1/publicity-reports/{report_id}/resolve");
    let dismiss = json!({"outcome": "dismissed", "resolution": "经核实，举报不属实"});
    let res = app.post_as(&hrss, &resolve, &dismiss).await;
    assert_eq!(code(res).await.0, 403, "only the owner resolves");
    let res = app
        .post_as(
            &school,
            &resolve,
            &json!({"outcome": "dismissed", "resolution": " "}),
        )
        .await;
    assert_eq!(code(res).await.0, 422);
    let resolved = detail(app.post_as(&school, &resolve, &dismiss).await, 200).await;
    assert_eq!(resolved.batch.open_reports, 0);
    assert_eq!(
        resolved.batch.complete_blocked, None,
        "now it can be completed"
    );
    assert_eq!(
        resolved.reports[0].reporter_contact.as_deref(),
        Some("13900000000")
    );

    let done = detail(
        app.post_as(&school, &format!("{path}/complete"), &json!({"version": 3}))
            .await,
        200,
    )
    .await;
    assert_eq!(done.batch.status, PublicityStatus::Completed);
    for id in [a, b] {
        assert_eq!(stage_of(&app, id).await.0, "unit_recommendation");
    }
    for action in [
        "publicity.create",
        "publicity.update",
        "publicity.publish",
        "publicity.report",
        "publicity.resolve",
        "publicity.complete",
    ] {
        assert_eq!(audit_count(&app, action).await, 1, "{action}");
    }
    // Once completed, the applications may join another batch; applicants see no batches.
    let applicant = token(&app, "520121199001011239").await;
    let res = app.get_as(&applicant, "/api/v1/publicity-batches").await;
    assert_eq!(code(res).await.0, 403);
}

async fn an_upheld_report_returns_the_application(backend: Backend) {
    let app = spawn_app(backend).await;
    travel(&app, "2035-03-05");
    let a = insert_application(&app, "application_publicity", None, 1).await;
    let b = insert_application(&app, "application_publicity", None, 2).await;
    let school = token(&app, "county_emp_unit").await;
    let created = detail(
        app.post_as(
            &school,
            "/api/v1/publicity-batches",
            &json!({
                "kind": "application",
                "title": "申报公示",
                "content": "现予公示。",
                "period_start": "2035-03-05",
                "period_end": "2035-03-09",
                "application_ids": [a, b],
            }),
        )
        .await,
        201,
    )
    .await;
    let path = format!("/api/v1/publicity-batches/{}", created.batch.id);
    detail(
        app.post_as(&school, &format!("{path}/publish"), &json!({"version": 1}))
            .await,
        200,
    )
    .await;
    let res = app
        .post_as(&school, &format!("{path}/reports"), &report(a))
        .await;
    assert_eq!(res.status(), 201);
    let res = app
        .post_as(&school, &format!("{path}/reports"), &report(a))
        .await;
    assert_eq!(res.status(), 201);
    let seen = detail(app.get_as(&school, &path).await, 200).await;
    let resolved = detail(
        app.post_as(
            &school,
            &format!("/api/v1/publicity-reports/{}/resolve", seen.reports[0].id),
            &json!({"outcome": "returned", "resolution": "业绩材料不实，退回修改"}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        stage_of(&app, a).await,
        (
            "returned".to_owned(),
            Some("业绩材料不实，退回修改".to_owned())
        )
    );
    assert_eq!(
        resolved.items.len(),
        1,
        "the returned application leaves the batch"
    );
    assert_eq!(
        resolved.batch.open_reports, 0,
        "its other report is closed with it"
    );
    let res = app
        .post_as(
            &school,
            &format!("/api/v1/publicity-reports/{}/resolve", seen.reports[0].id),
            &json!({"outcome": "dismissed", "resolution": "再次"}),
        )
        .await;
    assert_eq!(code(res).await.0, 409, "already resolved");

    travel(&app, "2035-03-10");
    let school = token(&app, "county_emp_unit").await;
    detail(
        app.post_as(&school, &format!("{path}/complete"), &json!({"version": 2}))
            .await,
        200,
    )
    .await;
    assert_eq!(stage_of(&app, a).await.0, "returned");
    assert_eq!(stage_of(&app, b).await.0, "unit_recommendation");
}

async fn the_public_site_shows_published_batches_masked(backend: Backend) {
    let app = spawn_app(backend).await;
    travel(&app, "2035-03-05");
    let committee = committee_with_reviewer(&app).await;
    let nominee = insert_application(&app, "nominee_publicity", Some(committee), 1).await;
    let failed = insert_application(&app, "failure_publicity", Some(committee), 2).await;
    let reviewer = token(&app, "pr_county_2026_001").await;

    let template: Value = app
        .get_as(
            &reviewer,
            "/api/v1/publicity-batches/failure-template?period_start=2035-03-12&period_end=2035-03-16&supplement_deadline=2035-03-30&level=associate_senior",
        )
        .await
        .json()
        .await
        .expect("template");
    assert_eq!(
        template["title"],
        "示范县人力资源和社会保障局2035年度工程系列副高级专业技术职务任职资格政策性审查未通过人员公示表"
    );
    let content = template["content"].as_str().expect("content");
    assert!(
        content.contains("公示期为2035年3月12日至2035年3月16日"),
        "{content}"
    );
    assert!(
        content.contains("线上补充材料截止时间至2035年3月30日"),
        "{content}"
    );
    assert!(!content.contains("XX"), "{content}");
    let school = token(&app, "county_emp_unit").await;
    let res = app
        .get_as(
            &school,
            "/api/v1/publicity-batches/failure-template?period_start=2035-03-12&period_end=2035-03-16",
        )
        .await;
    assert_eq!(code(res).await.0, 403);

    // A failure batch without title or content gets the template; it stays a draft.
    let failure = detail(
        app.post_as(
            &reviewer,
            "/api/v1/publicity-batches",
            &json!({
                "kind": "failure",
                "period_start": "2035-03-12",
                "period_end": "2035-03-16",
                "application_ids": [failed],
            }),
        )
        .await,
        201,
    )
    .await;
    assert!(failure.batch.title.ends_with("政策性审查未通过人员公示表"));
    assert!(failure
        .batch
        .content
        .contains("2035年3月12日至2035年3月16日"));
    let res = app
        .post_as(
            &school,
            "/api/v1/publicity-batches",
            &json!({"kind": "nominee", "title": "t", "content": "c", "period_start": "2035-03-12", "period_end": "2035-03-16", "application_ids": [nominee]}),
        )
        .await;
    assert_eq!(
        code(res).await.0,
        403,
        "nominee publicity is the policy reviewer's"
    );

    let created = detail(
        app.post_as(
            &reviewer,
            "/api/v1/publicity-batches",
            &json!({
                "kind": "nominee",
                "title": "2035年度工程系列拟送评人员名单公示",
                "content": "现将拟送评人员名单予以公示。",
                "period_start": "2035-03-12",
                "period_end": "2035-03-16",
                "application_ids": [nominee],
            }),
        )
        .await,
        201,
    )
    .await;
    let id = created.batch.id;
    detail(
        app.post_as(
            &reviewer,
            &format!("/api/v1/publicity-batches/{id}/publish"),
            &json!({"version": 1}),
        )
        .await,
        200,
    )
    .await;

    let list: Value = app
        .get("/api/v1/public/publicity")
        .await
        .json()
        .await
        .expect("list");
    let ids: Vec<i64> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|b| b["id"].as_i64())
        .collect();
    assert_eq!(
        ids,
        vec![id],
        "only the published nominee batch, never the draft"
    );
    let res = app.get(&format!("/api/v1/public/publicity/{id}")).await;
    assert_eq!(res.status(), 200);
    let text = res.text().await.expect("body");
    let whole = "520121199001011239";
    assert!(!text.contains(whole), "{text}");
    assert!(text.contains("5201**********1239"), "{text}");
    assert!(
        !text.contains("13800000000") && !text.contains("phone"),
        "{text}"
    );
    let res = app
        .get(&format!("/api/v1/public/publicity/{}", failure.batch.id))
        .await;
    assert_eq!(code(res).await.0, 404, "a draft is not public");

    // Public reports only within the period.
    let public_report = format!("/api/v1/public/publicity/{id}/reports");
    let res = app.post_json(&public_report, &report(nominee)).await;
    assert_eq!(code(res).await.0, 409, "before the period");
    travel(&app, "2035-03-16");
    let res = app.post_json(&public_report, &report(nominee)).await;
    assert_eq!(res.status(), 201);
    let res = app
        .post_json(&public_report, &json!({"application_id": nominee, "reporter_name": "", "reporter_contact": "x", "content": "y"}))
        .await;
    assert_eq!(code(res).await.0, 422);
    travel(&app, "2035-03-17");
    let res = app.post_json(&public_report, &report(nominee)).await;
    assert_eq!(code(res).await.0, 409, "after the period");

    let reviewer = token(&app, "pr_county_2026_001").await;
    let seen = detail(
        app.get_as(&reviewer, &format!("/api/v1/publicity-batches/{id}"))
            .await,
        200,
    )
    .await;
    assert!(seen.reports[0].anonymous_site);
    detail(
        app.post_as(
            &reviewer,
            &format!("/api/v1/publicity-reports/{}/resolve", seen.reports[0].id),
            &json!({"outcome": "dismissed", "resolution": "经核实不属实"}),
        )
        .await,
        200,
    )
    .await;
    detail(
        app.post_as(
            &reviewer,
            &format!("/api/v1/publicity-batches/{id}/complete"),
            &json!({"version": 2}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(stage_of(&app, nominee).await.0, "online_review");
    let list: Value = app
        .get("/api/v1/public/publicity?kind=nominee")
        .await
        .json()
        .await
        .expect("list");
    assert_eq!(list["items"][0]["status"], "completed");
}

/// The batch's `(status, version)` as stored.
async fn batch_state(app: &TestApp, id: i64) -> (String, i64) {
    use backend::db::schema::publicity_batches;
    app.db
        .run(move |conn| {
            Ok(publicity_batches::table
                .find(id)
                .select((publicity_batches::status, publicity_batches::version))
                .first(conn)?)
        })
        .await
        .expect("batch")
}

/// Every state change of a batch — edit, publish, complete — raced twenty times with the
/// version read: each commits once (one audit row, the application moved once), nineteen get
/// `version_conflict`; a stale version afterwards changes nothing.
async fn concurrent_batch_changes_commit_once(backend: Backend) {
    let app = spawn_app(backend).await;
    travel(&app, "2035-03-05");
    let a = insert_application(&app, "application_publicity", None, 1).await;
    let school = token(&app, "county_emp_unit").await;
    let created = detail(
        app.post_as(
            &school,
            "/api/v1/publicity-batches",
            &json!({
                "kind": "application",
                "title": "2035年度职称申报公示",
                "content": "以下人员申报职称，现予公示。",
                "period_start": "2035-03-12",
                "period_end": "2035-03-16",
                "application_ids": [a],
            }),
        )
        .await,
        201,
    )
    .await;
    let id = created.batch.id;
    let path = format!("/api/v1/publicity-batches/{id}");

    let edit = json!({"version": 1, "title": "并发标题"});
    let answers = race(20, || patch_as(&app, &school, &path, &edit)).await;
    assert_one_winner(&answers);
    assert_eq!(audit_rows(&app, "publicity.update", id).await, 1);

    let publish = format!("{path}/publish");
    let body = json!({"version": 2});
    let answers = race(20, || app.post_as(&school, &publish, &body)).await;
    assert_one_winner(&answers);
    assert_eq!(audit_rows(&app, "publicity.publish", id).await, 1);
    assert_eq!(batch_state(&app, id).await, ("published".to_owned(), 3));

    travel(&app, "2035-03-19");
    let school = token(&app, "county_emp_unit").await;
    let complete = format!("{path}/complete");
    let body = json!({"version": 3});
    let answers = race(20, || app.post_as(&school, &complete, &body)).await;
    assert_one_winner(&answers);
    assert_eq!(audit_rows(&app, "publicity.complete", id).await, 1);
    assert_eq!(stage_of(&app, a).await.0, "unit_recommendation");
    let moves: i64 = app
        .db
        .run(move |conn| {
            use backend::db::schema::application_events;
            Ok(application_events::table
                .filter(application_events::application_id.eq(a))
                .count()
                .get_result(conn)?)
        })
        .await
        .expect("events");
    assert_eq!(moves, 1, "the application moved once");

    for (url, version) in [(&publish, 2), (&complete, 3)] {
        let res = app
            .post_as(&school, url, &json!({ "version": version }))
            .await;
        assert_eq!(code(res).await.1, "version_conflict", "{url}");
    }
    let res = patch_as(
        &app,
        &school,
        &path,
        &json!({"version": 1, "title": "过期"}),
    )
    .await;
    assert_eq!(code(res).await.1, "version_conflict");
    assert_eq!(batch_state(&app, id).await, ("completed".to_owned(), 4));
    for action in [
        "publicity.update",
        "publicity.publish",
        "publicity.complete",
    ] {
        assert_eq!(audit_rows(&app, action, id).await, 1, "{action}");
    }
}

db_tests!(
    concurrent_batch_changes_commit_once,
    working_days_follow_the_2026_calendar,
    an_application_publicity_runs_its_course,
    an_upheld_report_returns_the_application,
    the_public_site_shows_published_batches_masked,
);
