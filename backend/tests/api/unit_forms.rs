//! Issue 9 points 3, 4 and 9 (part): during the application publicity the applicant's unit
//! corrects its information shown in the batch (`PUT …/items/{application_id}`); the applicant
//! accounts a unit may start an application for; the year / series / level filters of the
//! publicity and review-authority lists, honoured by their exports.

use backend::db::schema::{accounts, applications};
use chrono::Duration;
use diesel::prelude::*;
use serde_json::{json, Value};
use shared::{
    application::{ApplicantCandidate, ApplicationSummary},
    committees::ReviewAuthorityFiling,
    publicity::{PublicityBatch, PublicityStatus},
    Page,
};

use crate::{
    db_tests,
    exports::export,
    helpers::{audit_rows, spawn_app, Backend, TestApp},
    org::unit_id,
    publicity::{code, detail, insert_application, token, travel, COUNTY_EMP},
    workflow::{draft_body, APPLICANT},
};

async fn put_as(app: &TestApp, token: &str, path: &str, body: &Value) -> reqwest::Response {
    app.client
        .put(app.url(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("request")
}

fn unit_info(version: i64) -> Value {
    json!({
        "version": version,
        "unit_name": "示范县第一中学（高中部）",
        "unit_contact": "李经办",
        "unit_phone": "0851-86861234",
    })
}

/// A published application batch of the county school holding `ids`; its version.
async fn published_batch(app: &TestApp, school: &str, ids: &[i64], title: &str) -> (i64, i64) {
    let created = detail(
        app.post_as(
            school,
            "/api/v1/publicity-batches",
            &json!({
                "kind": "application",
                "title": title,
                "content": "以下人员申报职称，现予公示。",
                "period_start": "2035-03-12",
                "period_end": "2035-03-16",
                "application_ids": ids,
            }),
        )
        .await,
        201,
    )
    .await;
    let id = created.batch.id;
    let published = detail(
        app.post_as(
            school,
            &format!("/api/v1/publicity-batches/{id}/publish"),
            &json!({"version": created.batch.version}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(published.batch.status, PublicityStatus::Published);
    (id, published.batch.version)
}

async fn the_unit_corrects_its_information_during_the_publicity(backend: Backend) {
    let app = spawn_app(backend).await;
    travel(&app, "2035-03-05");
    let a = insert_application(&app, "application_publicity", None, 1).await;
    let b = insert_application(&app, "application_publicity", None, 2).await;
    let outside = insert_application(&app, "application_publicity", None, 3).await;
    let school = token(&app, "county_emp_unit").await;

    // A draft is not yet open to corrections.
    let draft = detail(
        app.post_as(
            &school,
            "/api/v1/publicity-batches",
            &json!({
                "kind": "application",
                "title": "草稿",
                "content": "草稿",
                "period_start": "2035-03-12",
                "period_end": "2035-03-16",
                "application_ids": [outside],
            }),
        )
        .await,
        201,
    )
    .await;
    let res = put_as(
        &app,
        &school,
        &format!(
            "/api/v1/publicity-batches/{}/items/{outside}",
            draft.batch.id
        ),
        &unit_info(draft.batch.version),
    )
    .await;
    assert_eq!(code(res).await.1, "invalid_transition", "a draft");
    assert!(draft.items.iter().all(|i| !i.can_edit_unit));

    let (id, version) = published_batch(&app, &school, &[a, b], "2035年度职称申报公示").await;
    let item = |app_id: i64| format!("/api/v1/publicity-batches/{id}/items/{app_id}");
    let seen = detail(
        app.get_as(&school, &format!("/api/v1/publicity-batches/{id}"))
            .await,
        200,
    )
    .await;
    assert!(seen.items.iter().all(|i| i.can_edit_unit));

    // Bad input, each refused with the field named and nothing changed.
    for (field, value) in [
        ("unit_name", json!(" ")),
        ("unit_name", json!("名".repeat(101))),
        ("unit_contact", json!("")),
        ("unit_phone", json!("12345")),
    ] {
        let mut body = unit_info(version);
        body[field] = value;
        let res = put_as(&app, &school, &item(a), &body).await;
        let status = res.status().as_u16();
        let body: Value = res.json().await.expect("error body");
        assert_eq!(
            (status, body["code"].as_str(), body["field"].as_str()),
            (422, Some("validation_failed"), Some(field)),
            "{field}"
        );
    }
    let res = put_as(&app, &school, &item(a), &json!({"version": version})).await;
    assert!(res.status().is_client_error(), "fields are required");
    // Another unit that sees the batch (the county HRSS above the school) may not.
    let hrss = token(&app, "county_hrss_unit").await;
    let res = put_as(&app, &hrss, &item(a), &unit_info(version)).await;
    assert_eq!(code(res).await.0, 403, "another unit");
    // An application outside the batch; an applicant.
    let res = put_as(&app, &school, &item(outside), &unit_info(version)).await;
    assert_eq!(code(res).await.0, 404, "not in the batch");
    let applicant = token(&app, APPLICANT).await;
    let res = put_as(&app, &applicant, &item(a), &unit_info(version)).await;
    assert_eq!(code(res).await.0, 403, "an applicant");
    assert_eq!(
        audit_rows(&app, "publicity.item_unit_update", id).await,
        0,
        "no refusal changed anything"
    );

    let edited = detail(
        put_as(&app, &school, &item(a), &unit_info(version)).await,
        200,
    )
    .await;
    assert_eq!(edited.batch.version, version + 1);
    let row = edited
        .items
        .iter()
        .find(|i| i.application_id == a)
        .expect("item");
    assert_eq!(
        (
            row.employer.as_str(),
            row.unit_contact.as_deref(),
            row.unit_phone.as_deref()
        ),
        (
            "示范县第一中学（高中部）",
            Some("李经办"),
            Some("0851-86861234")
        )
    );
    let other = edited
        .items
        .iter()
        .find(|i| i.application_id == b)
        .expect("item");
    assert_eq!(
        (other.employer.as_str(), other.unit_contact.as_deref()),
        (COUNTY_EMP, None),
        "only the corrected item changes"
    );
    // The version read is checked: the same request again is stale.
    let res = put_as(&app, &school, &item(b), &unit_info(version)).await;
    assert_eq!(code(res).await.1, "version_conflict", "a stale version");
    assert_eq!(audit_rows(&app, "publicity.item_unit_update", id).await, 1);
    // The HRSS above reads the corrected name and may not edit.
    let above = detail(
        app.get_as(&hrss, &format!("/api/v1/publicity-batches/{id}"))
            .await,
        200,
    )
    .await;
    assert!(above.items.iter().all(|i| !i.can_edit_unit));
    assert!(above
        .items
        .iter()
        .any(|i| i.employer == "示范县第一中学（高中部）"));

    // Once completed the batch is closed.
    travel(&app, "2035-03-17");
    let school = token(&app, "county_emp_unit").await;
    let done = detail(
        app.post_as(
            &school,
            &format!("/api/v1/publicity-batches/{id}/complete"),
            &json!({"version": version + 1}),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(done.batch.status, PublicityStatus::Completed);
    assert!(done.items.iter().all(|i| !i.can_edit_unit));
    let res = put_as(&app, &school, &item(b), &unit_info(done.batch.version)).await;
    let (status, c, message) = code(res).await;
    assert_eq!(
        (status, c.as_str()),
        (409, "invalid_transition"),
        "after completion"
    );
    assert!(message.contains("公示期内"), "{message}");
    assert_eq!(audit_rows(&app, "publicity.item_unit_update", id).await, 1);
}

async fn candidates_are_the_enabled_applicants_of_the_unit(backend: Backend) {
    let app = spawn_app(backend).await;
    let school_unit = unit_id(&app, COUNTY_EMP).await;
    let school = token(&app, "county_emp_unit").await;
    let get = |t: &str, q: &str| {
        let path = format!("/api/v1/applications/for-applicant/candidates{q}");
        let (client, url, t) = (app.client.clone(), app.url(&path), t.to_owned());
        async move {
            let res = client
                .get(url)
                .bearer_auth(t)
                .send()
                .await
                .expect("request");
            assert_eq!(res.status(), 200, "{path}");
            res.json::<Vec<ApplicantCandidate>>().await.expect("list")
        }
    };
    let enabled_applicants = |unit: i64| {
        app.db.run(move |conn| {
            Ok(accounts::table
                .filter(accounts::unit_id.eq(unit))
                .filter(accounts::kind.eq("applicant"))
                .filter(accounts::enabled.eq(true))
                .order(accounts::id.asc())
                .select(accounts::id)
                .load::<i64>(conn)?)
        })
    };
    let want = enabled_applicants(school_unit).await.expect("accounts");
    assert!(!want.is_empty(), "the demo school has applicants");
    let mut got: Vec<i64> = get(&school, "").await.iter().map(|c| c.id).collect();
    got.sort_unstable();
    assert_eq!(got, want);

    // A disabled account is no candidate; `q` narrows by name or username.
    let applicant = accounts_of(&app, APPLICANT).await;
    let first = *want
        .iter()
        .find(|&&id| id != applicant.0)
        .expect("another applicant");
    app.db
        .run(move |conn| {
            diesel::update(accounts::table.find(first))
                .set(accounts::enabled.eq(false))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("disable");
    let now: Vec<i64> = get(&school, "").await.iter().map(|c| c.id).collect();
    assert!(!now.contains(&first), "disabled");
    assert_eq!(now.len(), want.len() - 1);
    let by_name = get(&school, &format!("?q={}", applicant.1)).await;
    assert!(by_name
        .iter()
        .all(|c| c.display_name.contains(&applicant.1)));
    assert!(by_name.iter().any(|c| c.id == applicant.0));
    let none = get(&school, "?q=%25").await;
    assert!(none.is_empty(), "`%` is literal");

    // Another employer sees only its own; an HRSS and an applicant are refused.
    let city = token(&app, "city_emp_unit").await;
    for c in get(&city, "").await {
        assert!(!want.contains(&c.id), "another unit's applicant");
    }
    for who in ["county_hrss_unit", APPLICANT] {
        let t = token(&app, who).await;
        let res = app
            .get_as(&t, "/api/v1/applications/for-applicant/candidates")
            .await;
        assert_eq!(code(res).await.0, 403, "{who}");
    }
    let long = format!("?q={}", "名".repeat(51));
    let res = app
        .get_as(
            &school,
            &format!("/api/v1/applications/for-applicant/candidates{long}"),
        )
        .await;
    assert_eq!(code(res).await.0, 400);

    // A started application is listed under `started_by_unit=true` and marked.
    {
        let res = app
            .post_as(
                &school,
                "/api/v1/applications/for-applicant",
                &json!({"applicant_id": applicant.0, "application": draft_body(APPLICANT)}),
            )
            .await;
        assert_eq!(res.status(), 201);
        let page: Page<ApplicationSummary> = app
            .get_as(&school, "/api/v1/applications?started_by_unit=true")
            .await
            .json()
            .await
            .expect("page");
        assert_eq!(page.items.len(), 1);
        assert!(page.items[0].started_by_unit);
        let me = token(&app, APPLICANT).await;
        let mine: Page<ApplicationSummary> = app
            .get_as(&me, "/api/v1/applications")
            .await
            .json()
            .await
            .expect("page");
        assert!(mine.items.iter().any(|i| i.started_by_unit));
    }
}

/// `(id, display name)` of an account.
async fn accounts_of(app: &TestApp, username: &'static str) -> (i64, String) {
    app.db
        .run(move |conn| {
            Ok(accounts::table
                .filter(accounts::username.eq(backend::login_names::name(username)))
                .select((accounts::id, accounts::display_name))
                .first(conn)?)
        })
        .await
        .expect("account")
}

async fn titles(app: &TestApp, token: &str, path: &str) -> Vec<String> {
    let res = app.get_as(token, path).await;
    assert_eq!(res.status(), 200, "{path}");
    let page: Page<PublicityBatch> = res.json().await.expect("page");
    let mut t: Vec<String> = page.items.into_iter().map(|b| b.title).collect();
    t.sort();
    t
}

async fn the_lists_filter_by_year_series_and_level(backend: Backend) {
    let app = spawn_app(backend).await;
    travel(&app, "2035-03-05");
    let a = insert_application(&app, "application_publicity", None, 1).await;
    let b = insert_application(&app, "application_publicity", None, 2).await;
    app.db
        .run(move |conn| {
            diesel::update(applications::table.find(b))
                .set((
                    applications::year.eq(2036),
                    applications::level.eq("intermediate"),
                ))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("update");
    let school = token(&app, "county_emp_unit").await;
    published_batch(&app, &school, &[a], "甲批次").await;
    published_batch(&app, &school, &[b], "乙批次").await;
    let base = "/api/v1/publicity-batches?kind=application";
    assert_eq!(titles(&app, &school, base).await, ["乙批次", "甲批次"]);
    for (query, want) in [
        ("&year=2035", vec!["甲批次"]),
        ("&year=2036", vec!["乙批次"]),
        ("&year=2037", vec![]),
        ("&series=engineering", vec!["乙批次", "甲批次"]),
        ("&series=health", vec![]),
        ("&level=associate_senior", vec!["甲批次"]),
        ("&level=intermediate", vec!["乙批次"]),
        ("&year=2036&level=associate_senior", vec![]),
    ] {
        assert_eq!(
            titles(&app, &school, &format!("{base}{query}")).await,
            want,
            "{query}"
        );
    }
    let res = app.get_as(&school, &format!("{base}&level=nope")).await;
    assert_eq!(code(res).await.0, 400, "a malformed filter");
    let sheet = export(
        &app,
        &school,
        "/api/v1/publicity-batches/export?kind=application&year=2036",
        "zh-CN",
    )
    .await;
    assert_eq!(sheet.len(), 2, "one header and one row");
    assert!(sheet[1].iter().any(|c| c == "乙批次"), "{sheet:?}");

    // Review-authority filings: valid in a year, covering a level.
    let county = token(&app, "county_hrss_unit").await;
    let today = chrono::NaiveDate::from_ymd_opt(2035, 3, 5).expect("day");
    let ymd = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    for (name, levels, days) in [
        ("县工程评委会甲", vec!["intermediate"], 200),
        ("县工程评委会乙", vec!["senior", "associate_senior"], 1000),
    ] {
        let res = app
            .post_as(
                &county,
                "/api/v1/review-authority-filings",
                &json!({
                    "committee_name": name,
                    "series": "engineering",
                    "levels": levels,
                    "specialties": [],
                    "region_scope": "示范省",
                    "valid_from": ymd(today),
                    "valid_until": ymd(today + Duration::days(days)),
                    "description": "测试",
                }),
            )
            .await;
        let status = res.status().as_u16();
        assert_eq!(status, 201, "{}", res.text().await.unwrap_or_default());
    }
    let filings = |query: &'static str| {
        let path = format!("/api/v1/review-authority-filings{query}");
        let (client, url, t) = (app.client.clone(), app.url(&path), county.clone());
        async move {
            let res = client
                .get(url)
                .bearer_auth(t)
                .send()
                .await
                .expect("request");
            assert_eq!(res.status(), 200, "{path}");
            let page: Page<ReviewAuthorityFiling> = res.json().await.expect("page");
            // The demo's own filing is left out.
            let mut names: Vec<String> = page
                .items
                .into_iter()
                .map(|f| f.committee.name)
                .filter(|n| n.starts_with("县工程评委会"))
                .collect();
            names.sort();
            names
        }
    };
    assert_eq!(filings("").await, ["县工程评委会乙", "县工程评委会甲"]);
    assert_eq!(filings("?year=2035").await.len(), 2);
    assert_eq!(filings("?year=2037").await, ["县工程评委会乙"]);
    assert!(filings("?year=2034").await.is_empty());
    assert_eq!(filings("?level=intermediate").await, ["县工程评委会甲"]);
    assert_eq!(filings("?level=senior").await, ["县工程评委会乙"]);
    assert_eq!(
        filings("?level=associate_senior&year=2036").await,
        ["县工程评委会乙"]
    );
    assert!(filings("?level=junior").await.is_empty());
    let res = app
        .get_as(&county, "/api/v1/review-authority-filings?year=99999")
        .await;
    assert_eq!(code(res).await.0, 400);
    let sheet = export(
        &app,
        &county,
        "/api/v1/review-authority-filings/export?level=senior&year=2037",
        "zh-CN",
    )
    .await;
    assert_eq!(sheet.len(), 2, "one header and one row");
    assert!(
        sheet[1].iter().any(|c| c.contains("县工程评委会乙")),
        "{sheet:?}"
    );
}

db_tests!(
    the_unit_corrects_its_information_during_the_publicity,
    candidates_are_the_enabled_applicants_of_the_unit,
    the_lists_filter_by_year_series_and_level,
);
