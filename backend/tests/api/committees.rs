//! Committees: review authority filings (applied by the organising unit, audited by the nearest
//! HRSS above it), authority in force (approved, unexpired, covering series, level and
//! specialty), assignable committees (own subtree and units above, never sibling regions), and
//! policy-review accounts (generated usernames and passwords, scoped, frozen after first use).

use backend::{
    clock::Clock,
    db::schema::{accounts, applications, units},
};
use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use serde_json::{json, Value};
use shared::{
    committees::{
        Committee, CreatedPolicyReviewers, FilingStatus, PolicyReviewer, ReviewAuthorityFiling,
    },
    Page,
};

use crate::{
    db_tests,
    helpers::{assert_one_winner, audit_rows, race, spawn_app, Backend, TestApp},
    org::unit_id,
};

async fn code(res: reqwest::Response) -> (u16, String) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

async fn code_and_message(res: reqwest::Response) -> (u16, String, String) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    (
        status,
        body["code"].as_str().unwrap_or_default().to_owned(),
        body["message"].as_str().unwrap_or_default().to_owned(),
    )
}

fn today(app: &TestApp) -> NaiveDate {
    app.clock.now().date()
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A filing body valid from today for `days` days.
fn filing(app: &TestApp, name: &str, levels: &[&str], specialties: &[&str], days: i64) -> Value {
    let from = today(app);
    json!({
        "committee_name": name,
        "series": "engineering",
        "levels": levels,
        "specialties": specialties,
        "region_scope": "示范省",
        "valid_from": ymd(from),
        "valid_until": ymd(from + Duration::days(days)),
        "description": "测试",
    })
}

async fn token(app: &TestApp, username: &str) -> String {
    app.login_as(username).await.access_token
}

/// Files as `applicant` and returns the filing.
async fn apply(app: &TestApp, applicant: &str, body: &Value) -> ReviewAuthorityFiling {
    let t = token(app, applicant).await;
    let res = app
        .post_as(&t, "/api/v1/review-authority-filings", body)
        .await;
    assert_eq!(res.status(), 201, "{applicant} files");
    res.json().await.expect("filing")
}

async fn decide(
    app: &TestApp,
    auditor: &str,
    f: &ReviewAuthorityFiling,
    approve: bool,
    opinion: Option<&str>,
) -> reqwest::Response {
    let t = token(app, auditor).await;
    app.post_as(
        &t,
        &format!("/api/v1/review-authority-filings/{}/decision", f.id),
        &json!({"approve": approve, "opinion": opinion, "version": f.version}),
    )
    .await
}

/// Files as `applicant`, approved by `auditor`; returns the committee id.
async fn approved(app: &TestApp, applicant: &str, auditor: &str, body: &Value) -> i64 {
    let f = apply(app, applicant, body).await;
    let res = decide(app, auditor, &f, true, Some("同意")).await;
    assert_eq!(res.status(), 200, "{auditor} approves");
    f.committee.id
}

async fn assignable(app: &TestApp, who: &str, level: &str, specialty: &str) -> Vec<i64> {
    let t = token(app, who).await;
    let res = app
        .get_as(
            &t,
            &format!(
                "/api/v1/committees/assignable?series=engineering&level={level}&specialty={specialty}"
            ),
        )
        .await;
    assert_eq!(res.status(), 200, "assignable for {who}");
    let list: Vec<Committee> = res.json().await.expect("committees");
    list.iter().map(|c| c.id).collect()
}

async fn committee_of(app: &TestApp, who: &str, id: i64) -> Committee {
    let t = token(app, who).await;
    let page: Page<Committee> = app
        .get_as(&t, "/api/v1/committees?per_page=100")
        .await
        .json()
        .await
        .expect("committees");
    page.items
        .into_iter()
        .find(|c| c.id == id)
        .expect("the committee is listed")
}

async fn a_filing_approved_by_the_city_makes_the_committee_active(backend: Backend) {
    let app = spawn_app(backend).await;
    let body = filing(
        &app,
        "县工程评委会A",
        &["intermediate", "associate_senior"],
        &[],
        365,
    );
    let f = apply(&app, "county_hrss_unit", &body).await;
    assert_eq!((f.status, f.can_decide), (FilingStatus::Pending, false));
    assert_eq!(f.committee.name, "县工程评委会A");
    let inactive = committee_of(&app, "county_hrss_unit", f.committee.id).await;
    assert!(!inactive.active && inactive.authority.is_none());

    let county = token(&app, "county_hrss_unit").await;
    let again = app
        .post_as(&county, "/api/v1/review-authority-filings", &body)
        .await;
    assert_eq!(
        code(again).await,
        (409, "conflict".into()),
        "one pending filing"
    );
    let mut other_series = body.clone();
    other_series["series"] = json!("health");
    let res = app
        .post_as(&county, "/api/v1/review-authority-filings", &other_series)
        .await;
    let (status, c, msg) = code_and_message(res).await;
    assert_eq!((status, c.as_str()), (422, "validation_failed"));
    assert!(msg.contains("series"), "{msg}");

    let city = token(&app, "city_hrss_unit").await;
    let pending: Page<ReviewAuthorityFiling> = app
        .get_as(
            &city,
            "/api/v1/review-authority-filings?status=pending&series=engineering",
        )
        .await
        .json()
        .await
        .expect("page");
    let seen = pending
        .items
        .iter()
        .find(|x| x.id == f.id)
        .expect("the city sees the county's filing");
    assert!(seen.can_decide);
    let stale = app
        .post_as(
            &city,
            &format!("/api/v1/review-authority-filings/{}/decision", f.id),
            &json!({"approve": true, "version": f.version + 1}),
        )
        .await;
    assert_eq!(code(stale).await, (409, "version_conflict".into()));

    let res = decide(&app, "city_hrss_unit", &f, true, Some("同意备案")).await;
    assert_eq!(res.status(), 200);
    let done: ReviewAuthorityFiling = res.json().await.expect("filing");
    assert_eq!(done.status, FilingStatus::Approved);
    assert_eq!(done.audited_by.as_deref(), Some("city_hrss_unit"));
    assert_eq!(done.version, f.version + 1);
    let twice = decide(&app, "city_hrss_unit", &done, false, Some("再议")).await;
    assert_eq!(code(twice).await, (409, "conflict".into()));

    let active = committee_of(&app, "county_hrss_unit", f.committee.id).await;
    assert!(active.active);
    let authority = active.authority.expect("authority in force");
    assert_eq!(authority.filing_id, f.id);
    assert_eq!(authority.valid_from, ymd(today(&app)));
    let by_level: Page<Committee> = app
        .get_as(
            &county,
            "/api/v1/committees?series=engineering&level=senior",
        )
        .await
        .json()
        .await
        .expect("page");
    assert!(by_level.items.iter().all(|c| c.id != f.committee.id));

    let own: Page<ReviewAuthorityFiling> = app
        .get_as(&county, "/api/v1/review-authority-filings")
        .await
        .json()
        .await
        .expect("page");
    assert!(own.items.iter().any(|x| x.id == f.id));
    let emp = token(&app, "county_emp_unit").await;
    let none: Page<ReviewAuthorityFiling> = app
        .get_as(&emp, "/api/v1/review-authority-filings")
        .await
        .json()
        .await
        .expect("page");
    assert!(
        none.items.iter().all(|x| x.id != f.id),
        "a unit below sees only its own filings"
    );
}

async fn bad_filings_and_decisions_change_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let county = token(&app, "county_hrss_unit").await;
    let filed = |app: &TestApp, t: String| {
        let req = app
            .client
            .get(app.url("/api/v1/review-authority-filings"))
            .bearer_auth(t);
        async move {
            let page: Page<ReviewAuthorityFiling> = req
                .send()
                .await
                .expect("request")
                .json()
                .await
                .expect("page");
            page.total
        }
    };
    let before = filed(&app, county.clone()).await;
    let from = today(&app);
    let three_years_end = from
        .checked_add_months(chrono::Months::new(36))
        .and_then(|d| d.pred_opt())
        .expect("date");
    let cases = [
        (
            json!({"valid_until": ymd(three_years_end + Duration::days(1))}),
            "valid_until",
        ),
        (
            json!({"valid_until": ymd(from - Duration::days(1))}),
            "valid_until",
        ),
        (json!({"valid_from": "2026-13-01"}), "valid_from"),
        (json!({"levels": []}), "levels"),
        (json!({"levels": ["junior", "junior"]}), "levels"),
        (json!({"committee_name": "  "}), "committee_name"),
        (json!({"region_scope": ""}), "region_scope"),
    ];
    for (change, field) in cases {
        let mut body = filing(&app, "县工程评委会B", &["junior"], &[], 30);
        for (k, v) in change.as_object().expect("object") {
            body[k] = v.clone();
        }
        let res = app
            .post_as(&county, "/api/v1/review-authority-filings", &body)
            .await;
        let (status, c, msg) = code_and_message(res).await;
        assert_eq!((status, c.as_str()), (422, "validation_failed"), "{field}");
        assert!(msg.contains(field), "{field}: {msg}");
    }
    assert_eq!(
        filed(&app, county.clone()).await,
        before,
        "nothing was filed"
    );

    let mut longest = filing(&app, "县工程评委会B", &["junior"], &[], 30);
    longest["valid_until"] = json!(ymd(three_years_end));
    let f = apply(&app, "county_hrss_unit", &longest).await;
    let res = decide(&app, "city_hrss_unit", &f, false, None).await;
    let (status, c, msg) = code_and_message(res).await;
    assert_eq!((status, c.as_str()), (422, "validation_failed"));
    assert!(msg.contains("opinion"), "{msg}");
    let res = decide(&app, "city_hrss_unit", &f, false, Some("材料不全")).await;
    let rejected: ReviewAuthorityFiling = res.json().await.expect("filing");
    assert_eq!(rejected.status, FilingStatus::Rejected);
    assert_eq!(rejected.opinion.as_deref(), Some("材料不全"));
    // After a rejection the committee may file again.
    apply(&app, "county_hrss_unit", &longest).await;
}

async fn only_the_nearest_hrss_above_audits(backend: Backend) {
    let app = spawn_app(backend).await;
    // An employer's filing: its HRSS is the city's.
    let f = apply(
        &app,
        "city_emp_unit",
        &filing(&app, "医院卫生评委会", &["intermediate"], &[], 100),
    )
    .await;
    let sibling = decide(&app, "county_hrss_unit", &f, true, None).await;
    assert_eq!(
        code(sibling).await,
        (404, "not_found".into()),
        "sibling region"
    );
    let own = decide(&app, "city_emp_unit", &f, true, None).await;
    assert_eq!(
        code(own).await,
        (403, "forbidden".into()),
        "the applicant unit"
    );
    let higher = decide(&app, "prov_hrss_unit", &f, true, None).await;
    assert_eq!(
        code(higher).await,
        (403, "forbidden".into()),
        "not the nearest HRSS"
    );
    let res = decide(&app, "city_hrss_handler", &f, true, None).await;
    assert_eq!(res.status(), 200);

    // An HRSS never audits its own filing; its parent HRSS does.
    let g = apply(
        &app,
        "county_hrss_unit",
        &filing(&app, "县工程评委会C", &["junior"], &[], 100),
    )
    .await;
    let itself = decide(&app, "county_hrss_handler", &g, true, None).await;
    assert_eq!(code(itself).await, (403, "forbidden".into()));
    assert_eq!(
        decide(&app, "city_hrss_unit", &g, true, None)
            .await
            .status(),
        200
    );

    // The provincial HRSS has none above: another of its accounts audits.
    let p = apply(
        &app,
        "prov_hrss_unit",
        &filing(&app, "省工程高评委", &["senior"], &[], 100),
    )
    .await;
    assert!(!p.can_decide);
    let by_applicant = decide(&app, "prov_hrss_unit", &p, true, None).await;
    assert_eq!(code(by_applicant).await, (403, "forbidden".into()));
    let city_below = decide(&app, "city_hrss_unit", &p, true, None).await;
    assert_eq!(code(city_below).await, (404, "not_found".into()));
    assert_eq!(
        decide(&app, "prov_hrss_handler", &p, true, None)
            .await
            .status(),
        200
    );
}

async fn an_expired_filing_gives_no_authority(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = approved(
        &app,
        "county_hrss_unit",
        "city_hrss_unit",
        &filing(&app, "县工程评委会D", &["intermediate"], &[], 30),
    )
    .await;
    assert!(
        assignable(&app, "county_hrss_unit", "intermediate", "电气工程")
            .await
            .contains(&id)
    );
    let check = |app: &TestApp, day: NaiveDate| {
        let db = app.db.clone();
        async move {
            db.run(move |conn| {
                Ok(backend::committees::authority::require_authority(
                    conn,
                    id,
                    shared::application::Series::Engineering,
                    shared::application::Level::Intermediate,
                    "电气工程",
                    day,
                )
                .map_err(|e| e.code()))
            })
            .await
            .expect("query")
        }
    };
    assert!(check(&app, today(&app)).await.is_ok());

    app.clock.advance(Duration::days(31));
    assert!(
        !assignable(&app, "county_hrss_unit", "intermediate", "电气工程")
            .await
            .contains(&id),
        "expired"
    );
    assert!(!committee_of(&app, "county_hrss_unit", id).await.active);
    assert_eq!(
        check(&app, today(&app)).await.err(),
        Some(shared::ErrorCode::NoReviewAuthority)
    );
}

async fn assignable_committees_follow_the_tree(backend: Backend) {
    let app = spawn_app(backend).await;
    let county = approved(
        &app,
        "county_hrss_unit",
        "city_hrss_unit",
        &filing(&app, "县工程评委会E", &["intermediate"], &["电气工程"], 300),
    )
    .await;
    let province = approved(
        &app,
        "prov_hrss_unit",
        "prov_hrss_handler",
        &filing(&app, "省工程评委会E", &["intermediate", "senior"], &[], 300),
    )
    .await;
    let city_emp = approved(
        &app,
        "city_emp_unit",
        "city_hrss_unit",
        &filing(&app, "医院工程评委会E", &["intermediate"], &[], 300),
    )
    .await;
    let prov_emp = approved(
        &app,
        "prov_emp_unit",
        "prov_hrss_unit",
        &filing(&app, "设计院工程评委会E", &["intermediate"], &[], 300),
    )
    .await;

    let for_county = assignable(&app, "county_hrss_unit", "intermediate", "电气工程").await;
    assert!(for_county.contains(&county) && for_county.contains(&province));
    assert!(
        !for_county.contains(&city_emp) && !for_county.contains(&prov_emp),
        "sibling regions' committees are not offered: {for_county:?}"
    );
    let other_specialty = assignable(&app, "county_hrss_unit", "intermediate", "土木工程").await;
    assert!(!other_specialty.contains(&county) && other_specialty.contains(&province));
    let senior = assignable(&app, "county_hrss_unit", "senior", "电气工程").await;
    assert!(!senior.contains(&county) && senior.contains(&province));

    let for_city = assignable(&app, "city_hrss_unit", "intermediate", "电气工程").await;
    for id in [county, province, city_emp] {
        assert!(for_city.contains(&id), "{id} in {for_city:?}");
    }
    assert!(!for_city.contains(&prov_emp));

    let dept = token(&app, "city_dept_unit").await;
    let res = app
        .get_as(
            &dept,
            "/api/v1/committees/assignable?series=engineering&level=intermediate&specialty=x",
        )
        .await;
    assert_eq!(
        code(res).await,
        (403, "forbidden".into()),
        "only an HRSS assigns"
    );
}

async fn reviewer_login(app: &TestApp, username: &str, password: &str) -> reqwest::Response {
    app.login(username, password).await
}

async fn patch(app: &TestApp, token: &str, path: &str, body: &Value) -> reqwest::Response {
    app.client
        .patch(app.url(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("request")
}

async fn policy_reviewers_are_generated_scoped_and_frozen_after_use(backend: Backend) {
    let app = spawn_app(backend).await;
    let committee = approved(
        &app,
        "county_hrss_unit",
        "city_hrss_unit",
        &filing(
            &app,
            "县工程评委会F",
            &["intermediate"],
            &["电气工程", "土木工程"],
            300,
        ),
    )
    .await;
    let admin = token(&app, "county_hrss_admin").await;
    let body = json!({
        "committee_id": committee,
        "year": 2026,
        "series": "engineering",
        "specialties": ["电气工程"],
        "display_name": "政审",
        "count": 2,
    });
    let res = app.post_as(&admin, "/api/v1/policy-reviewers", &body).await;
    assert_eq!(res.status(), 201);
    let created: CreatedPolicyReviewers = res.json().await.expect("created");
    let names: Vec<&str> = created
        .items
        .iter()
        .map(|c| c.reviewer.username.as_str())
        .collect();
    assert_eq!(
        names,
        vec![
            format!("pr{committee}_2026_001"),
            format!("pr{committee}_2026_002")
        ]
    );
    let first = &created.items[0];
    assert_ne!(first.initial_password, created.items[1].initial_password);
    assert_eq!(first.reviewer.specialties, vec!["电气工程".to_owned()]);
    assert_eq!(first.reviewer.display_name, "政审 001");
    assert!(first.reviewer.editable && first.reviewer.enabled);

    let login = reviewer_login(&app, &first.reviewer.username, &first.initial_password).await;
    assert_eq!(login.status(), 200);
    let session: shared::auth::LoginResponse = login.json().await.expect("login");
    assert!(session.must_change_password);
    assert_eq!(session.user.kind, shared::AccountKind::PolicyReviewer);

    let mut one_more = body.clone();
    one_more["count"] = json!(1);
    one_more["display_name"] = json!("政审单个");
    let more: CreatedPolicyReviewers = app
        .post_as(&admin, "/api/v1/policy-reviewers", &one_more)
        .await
        .json()
        .await
        .expect("created");
    assert_eq!(
        more.items[0].reviewer.username,
        format!("pr{committee}_2026_003")
    );
    assert_eq!(more.items[0].reviewer.display_name, "政审单个");

    for (change, expected) in [
        (json!({"series": "health"}), "series"),
        (json!({"specialties": ["水利工程"]}), "specialties"),
        (json!({"count": 51}), "count"),
        (json!({"year": 1999}), "year"),
    ] {
        let mut bad = body.clone();
        for (k, v) in change.as_object().expect("object") {
            bad[k] = v.clone();
        }
        let (status, c, msg) =
            code_and_message(app.post_as(&admin, "/api/v1/policy-reviewers", &bad).await).await;
        assert_eq!(
            (status, c.as_str()),
            (422, "validation_failed"),
            "{expected}"
        );
        assert!(msg.contains(expected), "{msg}");
    }

    let id = first.reviewer.account_id;
    let path = format!("/api/v1/policy-reviewers/{id}");
    let res = patch(
        &app,
        &admin,
        &path,
        &json!({"display_name": "政审甲", "specialties": ["土木工程"], "version": first.reviewer.version}),
    )
    .await;
    assert_eq!(res.status(), 200);
    let edited: PolicyReviewer = res.json().await.expect("reviewer");
    assert_eq!(edited.display_name, "政审甲");
    assert_eq!(edited.specialties, vec!["土木工程".to_owned()]);
    let stale = patch(
        &app,
        &admin,
        &path,
        &json!({"display_name": "政审乙", "version": first.reviewer.version}),
    )
    .await;
    assert_eq!(code(stale).await, (409, "version_conflict".into()));

    let city = token(&app, "city_hrss_unit").await;
    let listed: Page<PolicyReviewer> = app
        .get_as(
            &city,
            &format!("/api/v1/policy-reviewers?committee_id={committee}&year=2026"),
        )
        .await
        .json()
        .await
        .expect("page");
    assert_eq!(listed.total, 3, "units above see them");
    let by_city = patch(&app, &city, &path, &json!({"display_name": "上级改"})).await;
    assert_eq!(code(by_city).await, (403, "forbidden".into()));
    let other_year: Page<PolicyReviewer> = app
        .get_as(&city, "/api/v1/policy-reviewers?year=2027")
        .await
        .json()
        .await
        .expect("page");
    assert_eq!(other_year.total, 0);

    let now = app.clock.now();
    let marked = app
        .db
        .run(move |conn| backend::committees::reviewers::mark_used(conn, id, now))
        .await
        .expect("mark used");
    assert!(marked);
    let frozen = patch(&app, &admin, &path, &json!({"display_name": "政审丙"})).await;
    let (status, c, msg) = code_and_message(frozen).await;
    assert_eq!((status, c.as_str()), (409, "conflict"));
    assert!(msg.contains("已开始政策性审查"), "{msg}");
    let listed: Page<PolicyReviewer> = app
        .get_as(
            &admin,
            &format!("/api/v1/policy-reviewers?committee_id={committee}"),
        )
        .await
        .json()
        .await
        .expect("page");
    let used = listed
        .items
        .iter()
        .find(|r| r.account_id == id)
        .expect("listed");
    assert!(!used.editable && used.first_used_at.is_some());

    let res = app
        .post_as(
            &admin,
            &format!("/api/v1/policy-reviewers/{id}/enabled"),
            &json!({"enabled": false}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let refused = reviewer_login(&app, &first.reviewer.username, &first.initial_password).await;
    assert_eq!(code(refused).await, (403, "account_disabled".into()));
    let res = app
        .post_as(
            &admin,
            &format!("/api/v1/policy-reviewers/{id}/enabled"),
            &json!({"enabled": true}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        reviewer_login(&app, &first.reviewer.username, &first.initial_password)
            .await
            .status(),
        200
    );
}

async fn reviewers_need_an_approved_filing_in_force(backend: Backend) {
    let app = spawn_app(backend).await;
    let pending = apply(
        &app,
        "county_hrss_unit",
        &filing(&app, "县工程评委会G", &["intermediate"], &[], 30),
    )
    .await;
    let admin = token(&app, "county_hrss_admin").await;
    let body = |committee: i64| json!({"committee_id": committee, "year": 2026, "series": "engineering", "display_name": "政审"});
    let res = app
        .post_as(
            &admin,
            "/api/v1/policy-reviewers",
            &body(pending.committee.id),
        )
        .await;
    assert_eq!(
        code(res).await,
        (422, "no_review_authority".into()),
        "a pending filing gives no authority"
    );

    let hospital = approved(
        &app,
        "city_emp_unit",
        "city_hrss_unit",
        &filing(&app, "医院工程评委会G", &["intermediate"], &[], 30),
    )
    .await;
    let res = app
        .post_as(&admin, "/api/v1/policy-reviewers", &body(hospital))
        .await;
    assert_eq!(
        code(res).await,
        (404, "not_found".into()),
        "another region's committee"
    );
    let city = token(&app, "city_hrss_admin").await;
    let res = app
        .post_as(&city, "/api/v1/policy-reviewers", &body(hospital))
        .await;
    assert_eq!(
        code(res).await,
        (403, "forbidden".into()),
        "only the organising unit creates them"
    );
    let applicant_name = backend::demo::listing()
        .accounts
        .into_iter()
        .find(|a| a.kind == shared::AccountKind::Applicant)
        .expect("a demo applicant")
        .username;
    let applicant = app.login_as(&applicant_name).await;
    let res = app
        .post_as(
            &applicant.access_token,
            "/api/v1/policy-reviewers",
            &body(hospital),
        )
        .await;
    assert_eq!(res.status(), 403);
    let hospital_admin = token(&app, "city_emp_admin").await;
    assert_eq!(
        app.post_as(&hospital_admin, "/api/v1/policy-reviewers", &body(hospital))
            .await
            .status(),
        201
    );

    app.clock.advance(Duration::days(31));
    let hospital_admin = token(&app, "city_emp_admin").await;
    let res = app
        .post_as(&hospital_admin, "/api/v1/policy-reviewers", &body(hospital))
        .await;
    assert_eq!(
        code(res).await,
        (422, "no_review_authority".into()),
        "an expired filing gives no authority"
    );
}

/// An application of the county school's applicant waiting at the county HRSS (inserted
/// directly: this file tests committees, not the application workflow).
async fn county_application(app: &TestApp) -> i64 {
    let employer = unit_id(app, "示范县第一中学").await;
    let hrss = unit_id(app, "示范县人力资源和社会保障局").await;
    let now = app.clock.now();
    app.db
        .run(move |conn| {
            let (applicant, id_number): (i64, Option<String>) = accounts::table
                .filter(accounts::unit_id.eq(employer))
                .filter(accounts::kind.eq("applicant"))
                .select((accounts::id, accounts::id_number))
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
                    applications::specialty.eq("电气工程"),
                    applications::level.eq("intermediate"),
                    applications::qualification.eq("工程师"),
                    applications::declaration_type.eq("normal"),
                    applications::name.eq("张晓明"),
                    applications::id_number
                        .eq(backend::pii::Pii::new(id_number.unwrap_or_default())),
                    applications::gender.eq("male"),
                    applications::birth_date.eq(NaiveDate::from_ymd_opt(1990, 1, 1).expect("day")),
                    applications::education.eq("bachelor"),
                    applications::current_title.eq("助理工程师"),
                    applications::years_of_service.eq(10),
                    applications::achievements.eq("成果"),
                    applications::phone.eq("13800000000"),
                    applications::stage.eq("superior_review"),
                    applications::holder_unit_id.eq(hrss),
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

async fn committees_assignable_for_an_application(backend: Backend) {
    let app = spawn_app(backend).await;
    let county = approved(
        &app,
        "county_hrss_unit",
        "city_hrss_unit",
        &filing(&app, "县工程评委会H", &["intermediate"], &[], 300),
    )
    .await;
    let senior_only = approved(
        &app,
        "county_hrss_unit",
        "city_hrss_unit",
        &filing(&app, "县工程高评委H", &["senior"], &[], 300),
    )
    .await;
    let city_emp = approved(
        &app,
        "city_emp_unit",
        "city_hrss_unit",
        &filing(&app, "医院工程评委会H", &["intermediate"], &[], 300),
    )
    .await;
    let application = county_application(&app).await;
    let handler = token(&app, "county_hrss_handler").await;
    let page: Page<Committee> = app
        .get_as(
            &handler,
            &format!("/api/v1/committees?assignable_for={application}"),
        )
        .await
        .json()
        .await
        .expect("page");
    let ids: Vec<i64> = page.items.iter().map(|c| c.id).collect();
    assert!(ids.contains(&county), "{ids:?}");
    assert!(
        !ids.contains(&senior_only) && !ids.contains(&city_emp),
        "{ids:?}"
    );
    assert!(page.items.iter().all(|c| c.active));

    let outsider = token(&app, "prov_dept_unit").await;
    let res = app
        .get_as(
            &outsider,
            &format!("/api/v1/committees?assignable_for={application}"),
        )
        .await;
    assert_eq!(code(res).await, (404, "not_found".into()));
}

/// The demo committee (seeded by `demo.rs` through `committees::demo::seed_demo`; seeded here
/// when the demo does not yet) is active and gives `pr_county_2026_001` its scope.
async fn the_demo_committee_and_reviewer_scope(backend: Backend) {
    use backend::demo_workflow::COMMITTEE as DEMO_COMMITTEE;
    let app = spawn_app(backend).await;
    let handler = token(&app, "county_hrss_handler").await;
    let page: Page<Committee> = app
        .get_as(
            &handler,
            "/api/v1/committees?series=school_teachers&level=intermediate",
        )
        .await
        .json()
        .await
        .expect("page");
    let demo = page
        .items
        .iter()
        .find(|c| c.name == DEMO_COMMITTEE)
        .expect("the demo committee");
    assert!(demo.active);
    let admin = token(&app, "county_hrss_admin").await;
    let listed: Page<PolicyReviewer> = app
        .get_as(
            &admin,
            &format!("/api/v1/policy-reviewers?committee_id={}", demo.id),
        )
        .await
        .json()
        .await
        .expect("page");
    let scoped = listed
        .items
        .iter()
        .find(|r| r.username == "pr_county_2026_001")
        .expect("the demo reviewer is scoped");
    // The demo reviewer has reviewed the demo applications: its scope is frozen.
    assert_eq!((scoped.year, scoped.editable), (2026, false));
}

/// Twenty identical approvals of one filing with the version read: one commits, nineteen get
/// `version_conflict`, one audit row; a stale decision afterwards changes nothing.
async fn concurrent_filing_decisions_commit_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let body = filing(&app, "县工程评委会并发", &["intermediate"], &[], 365);
    let f = apply(&app, "county_hrss_unit", &body).await;
    let city = token(&app, "city_hrss_unit").await;
    let path = format!("/api/v1/review-authority-filings/{}/decision", f.id);
    let decision = json!({"approve": true, "opinion": "同意备案", "version": f.version});

    let answers = race(20, || app.post_as(&city, &path, &decision)).await;

    assert_one_winner(&answers);
    assert_eq!(
        audit_rows(&app, "committee.authority_approve", f.id).await,
        1
    );
    let stale = app
        .post_as(
            &city,
            &path,
            &json!({"approve": false, "opinion": "不同意", "version": f.version}),
        )
        .await;
    assert_eq!(code(stale).await, (409, "version_conflict".into()));
    let page: Page<ReviewAuthorityFiling> = app
        .get_as(&city, "/api/v1/review-authority-filings?series=engineering")
        .await
        .json()
        .await
        .expect("page");
    let now = page.items.iter().find(|x| x.id == f.id).expect("filing");
    assert_eq!(
        (now.status, now.version, now.opinion.as_deref()),
        (FilingStatus::Approved, f.version + 1, Some("同意备案"))
    );
    assert_eq!(
        audit_rows(&app, "committee.authority_reject", f.id).await,
        0
    );
}

db_tests!(
    concurrent_filing_decisions_commit_once,
    a_filing_approved_by_the_city_makes_the_committee_active,
    bad_filings_and_decisions_change_nothing,
    only_the_nearest_hrss_above_audits,
    an_expired_filing_gives_no_authority,
    assignable_committees_follow_the_tree,
    policy_reviewers_are_generated_scoped_and_frozen_after_use,
    reviewers_need_an_approved_filing_in_force,
    committees_assignable_for_an_application,
    the_demo_committee_and_reviewer_scope,
);
