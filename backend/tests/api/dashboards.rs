//! Issue 12: the dashboards against a hand-counted fixture — six applications of the county
//! school in 2035 (three waiting in unit verification for 1, 3 and 10 days, two passed, one
//! failed), seen by the HRSS units above and nobody else; the accounts dashboard's sign-ins and
//! lockouts of the day; both as XLSX.

use std::io::Cursor;

use backend::{clock::Clock, db::schema::applications};
use calamine::{Reader, Xlsx};
use chrono::Duration;
use diesel::prelude::*;
use serde_json::{json, Value};

use crate::{
    db_tests,
    helpers::{get_ok, send, spawn_app, Backend, TestApp},
    org::unit_id,
    publicity::{insert_application, travel, COUNTY_EMP},
};

/// Sets what a submission, a stage change and a tally would have set.
async fn set(app: &TestApp, id: i64, waited_days: i64, passed: Option<bool>) {
    let now = app.clock.now();
    let entered = now - Duration::days(waited_days);
    app.db
        .run(move |conn| {
            diesel::update(applications::table.find(id))
                .set((
                    applications::stage_entered_at.eq(Some(entered)),
                    applications::review_passed.eq(passed),
                    applications::submitted_at.eq(Some(now)),
                ))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("set");
}

fn stage<'a>(d: &'a Value, stage: &str) -> &'a Value {
    d["funnel"]
        .as_array()
        .expect("funnel")
        .iter()
        .find(|s| s["stage"] == stage)
        .expect("every stage is listed")
}

/// The sheets of a workbook: name → rows of cells as text.
fn sheets(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("an XLSX workbook");
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("readable");
            let rows = range
                .rows()
                .map(|row| row.iter().map(crate::helpers::cell_text).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

/// The applications dashboard's workbook of `query` as `token` sees it.
async fn workbook(app: &TestApp, token: &str, query: &str) -> Vec<(String, Vec<Vec<String>>)> {
    let res = app
        .client
        .get(app.url(&format!("/api/v1/dashboards/applications/export?{query}")))
        .bearer_auth(token)
        .send()
        .await
        .expect("export");
    assert_eq!(res.status(), 200);
    sheets(res.bytes().await.expect("bytes").to_vec())
}

async fn the_dashboards_count_a_hand_counted_fixture(backend: Backend) {
    let app = spawn_app(backend).await;
    travel(&app, "2035-03-05");
    let mut ids = Vec::new();
    for (n, (stage, waited, passed)) in [
        ("unit_verification", 1, None),
        ("unit_verification", 3, None),
        ("unit_verification", 10, None),
        ("passed", 2, Some(true)),
        ("passed", 4, Some(true)),
        ("failed", 6, Some(false)),
    ]
    .into_iter()
    .enumerate()
    {
        let id = insert_application(&app, stage, None, u32::try_from(n).expect("n")).await;
        set(&app, id, waited, passed).await;
        ids.push(id);
    }
    let county = app.token("county_hrss_unit").await;
    let q = "/api/v1/dashboards/applications?year=2035";
    let d = get_ok(&app, &county, q).await;
    assert_eq!(d["year"], 2035);
    assert_eq!(d["total"], 6, "{d}");
    assert_eq!(d["unit"], "示范县人力资源和社会保障局");
    let verification = stage(&d, "unit_verification");
    assert_eq!(verification["count"], 3);
    assert_eq!(verification["median_wait_days"], 3, "1, 3, 10 days");
    assert_eq!(stage(&d, "passed")["count"], 2);
    assert_eq!(
        stage(&d, "passed")["median_wait_days"],
        2,
        "2, 4: the lower"
    );
    assert_eq!(stage(&d, "failed")["count"], 1);
    assert_eq!(stage(&d, "online_review")["count"], 0);
    assert_eq!(stage(&d, "online_review")["median_wait_days"], Value::Null);
    assert!(
        d["funnel"]
            .as_array()
            .expect("funnel")
            .iter()
            .all(|s| s["stage"] != "draft"),
        "drafts are nobody's figure"
    );
    assert_eq!(
        d["pass_by_series"],
        json!([{"key": "engineering", "label": "工程系列", "decided": 3, "passed": 2}])
    );
    assert_eq!(d["pass_by_level"][0]["decided"], 3);
    assert_eq!(d["pass_by_level"][0]["passed"], 2);
    assert_eq!(d["pass_by_employer"][0]["label"], COUNTY_EMP);
    assert_eq!(d["pass_by_employer"][0]["decided"], 3);
    let months: Vec<i64> = d["per_month"]
        .as_array()
        .expect("months")
        .iter()
        .map(|m| m["count"].as_i64().expect("count"))
        .collect();
    assert_eq!(months, [0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert!(d["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .all(|r| r["count"] == 0));

    // The city above counts the same; a filter that matches nothing counts nothing.
    let city = app.token("city_hrss_unit").await;
    assert_eq!(get_ok(&app, &city, q).await["total"], 6);
    let none = get_ok(&app, &county, "/api/v1/dashboards/applications?year=2034").await;
    assert_eq!(none["total"], 0);
    let none = get_ok(&app, &county, &format!("{q}&series=school_teachers")).await;
    assert_eq!(none["total"], 0);
    assert_eq!(
        get_ok(&app, &county, &format!("{q}&level=associate_senior")).await["total"],
        6
    );
    // Narrowed to the school (inside); a unit outside the county is not told of.
    let school = unit_id(&app, COUNTY_EMP).await;
    let narrowed = get_ok(&app, &city, &format!("{q}&unit_id={school}")).await;
    assert_eq!(
        (narrowed["total"].clone(), narrowed["unit"].clone()),
        (json!(6), json!(COUNTY_EMP))
    );
    let city_unit = unit_id(&app, "示范市人力资源和社会保障局").await;
    let (status, body) = send(
        &app,
        &county,
        "GET",
        &format!("{q}&unit_id={city_unit}"),
        Value::Null,
    )
    .await;
    assert_eq!((status, body["code"].clone()), (404, json!("not_found")));
    let (status, body) = send(
        &app,
        &county,
        "GET",
        "/api/v1/dashboards/applications?year=1999",
        Value::Null,
    )
    .await;
    assert_eq!(
        (status, body["code"].clone()),
        (422, json!("validation_failed"))
    );
    let (status, _) = send(
        &app,
        &county,
        "GET",
        "/api/v1/dashboards/applications?year=x",
        Value::Null,
    )
    .await;
    assert_eq!(status, 400);
    // Not an HRSS unit nor an organiser; not the applicant; not signed in.
    for who in ["county_emp_unit", crate::workflow::APPLICANT] {
        let token = app.token(who).await;
        let (status, body) = send(&app, &token, "GET", q, Value::Null).await;
        assert_eq!(
            (status, body["code"].clone()),
            (403, json!("forbidden")),
            "{who}"
        );
    }
    let (status, _) = send(&app, "", "GET", q, Value::Null).await;
    assert_eq!(status, 401);

    // The workbook carries the same figures.
    let book = workbook(&app, &county, "year=2035").await;
    let names: Vec<&str> = book.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "阶段漏斗",
            "按系列通过率",
            "按级别通过率",
            "按单位通过率",
            "月度申报",
            "公示举报"
        ]
    );
    assert!(
        book[0].1.contains(&vec![
            "单位内部核验".to_owned(),
            "3".to_owned(),
            "3".to_owned()
        ]),
        "{:?}",
        book[0].1
    );
    assert_eq!(book[1].1[1], ["工程系列", "3", "2", "66.7%"]);
    assert_eq!(book[4].1[3], ["3月", "6"]);

    // The accounts dashboard: the system administrator's, with today's sign-ins, a failure
    // and a lockout.
    for _ in 0..5 {
        app.login("county_emp_handler", "Wrong#pass123").await;
    }
    let admin = app.token("sysadmin").await;
    let a = get_ok(&app, &admin, "/api/v1/dashboards/accounts").await;
    let days = a["days"].as_array().expect("days");
    assert_eq!(days.len(), 30);
    let today = &days[29];
    assert_eq!(today["day"], "2035-03-05");
    assert!(
        today["sign_ins"].as_i64().expect("sign-ins") >= 5,
        "{today}"
    );
    assert_eq!(today["failed_sign_ins"], 5);
    assert_eq!(today["lockouts"], 1);
    assert_eq!(days[0]["day"], "2035-02-04");
    let handlers = a["by_kind"]
        .as_array()
        .expect("kinds")
        .iter()
        .find(|k| k["kind"] == "handler")
        .expect("handlers");
    assert!(handlers["enabled"].as_i64().expect("enabled") >= 1);
    let (status, _) = send(
        &app,
        &county,
        "GET",
        "/api/v1/dashboards/accounts",
        Value::Null,
    )
    .await;
    assert_eq!(status, 403);
    let res = app
        .client
        .get(app.url("/api/v1/dashboards/accounts/export"))
        .bearer_auth(&admin)
        .send()
        .await
        .expect("export");
    assert_eq!(res.status(), 200);
    let book = sheets(res.bytes().await.expect("bytes").to_vec());
    assert_eq!(book[1].1.len(), 31, "a header and 30 days");
    assert_eq!(book[1].1[30][0], "2035-03-05");
    assert_eq!(book[1].1[30][3], "1");
}

/// The figures are counted once a minute for every caller of the same scope and filter, and
/// say when; the workbook counts now.
async fn the_figures_are_a_minute_fresh_and_the_export_counts_now(backend: Backend) {
    let app = spawn_app(backend).await;
    travel(&app, "2035-03-05");
    let first = insert_application(&app, "unit_verification", None, 0).await;
    set(&app, first, 1, None).await;
    let county = app.token("county_hrss_unit").await;
    let q = "/api/v1/dashboards/applications?year=2035";
    let d = get_ok(&app, &county, q).await;
    assert_eq!(stage(&d, "unit_verification")["count"], 1);
    let as_of = d["as_of"].as_str().expect("as_of").to_owned();
    assert!(as_of.starts_with("2035-03-0"), "{as_of}");

    // A second application within the minute: the same answer, the same time.
    let second = insert_application(&app, "unit_verification", None, 1).await;
    set(&app, second, 2, None).await;
    let again = get_ok(&app, &county, q).await;
    assert_eq!(
        (again["total"].clone(), again["as_of"].clone()),
        (json!(1), json!(as_of))
    );
    // Another filter is counted on its own, now.
    let level = get_ok(&app, &county, &format!("{q}&level=associate_senior")).await;
    assert_eq!(level["total"], 2);

    let book = workbook(&app, &county, "year=2035").await;
    assert!(
        book[0]
            .1
            .iter()
            .any(|row| row[0] == "单位内部核验" && row[1] == "2"),
        "{:?}",
        book[0].1
    );
}

db_tests!(
    the_dashboards_count_a_hand_counted_fixture,
    the_figures_are_a_minute_fresh_and_the_export_counts_now
);
