//! `GET /api/v1/calendar/export?year=`: the work calendar's list screen exports through the
//! kit like every other list: the workbook holds the year's exceptions exactly as
//! `GET /api/v1/calendar?year=` lists them, headers in the request's language.

use serde_json::{json, Value};

use crate::{
    db_tests,
    exports::export,
    helpers::{spawn_app, Backend, TestApp},
};

async fn put_day(app: &TestApp, token: &str, day: &str, kind: &str, name: &str) {
    let res = app
        .client
        .put(app.url(&format!("/api/v1/calendar/{day}")))
        .bearer_auth(token)
        .json(&json!({ "kind": kind, "name": name }))
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), 200, "put {day}");
}

async fn the_calendar_exports_the_listed_year(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("sysadmin").await.access_token;
    // A year no seeded calendar reaches, and one day of the next year that must stay out.
    put_day(&app, &admin, "2031-05-02", "holiday", "地方假日").await;
    put_day(&app, &admin, "2031-05-10", "workday", "调休上班").await;
    put_day(&app, &admin, "2032-01-01", "holiday", "元旦").await;

    // Any signed-in account reads the calendar, and so its export.
    let clerk = app.login_as("county_emp_unit").await.access_token;
    let res = app.get_as(&clerk, "/api/v1/calendar?year=2031").await;
    assert_eq!(res.status(), 200);
    let listed: Value = res.json().await.expect("JSON");
    let days: Vec<String> = listed["days"]
        .as_array()
        .expect("days")
        .iter()
        .map(|d| d["day"].as_str().expect("day").to_owned())
        .collect();
    assert_eq!(days, ["2031-05-02", "2031-05-10"]);

    let sheet = export(&app, &clerk, "/api/v1/calendar/export?year=2031", "zh-CN").await;
    assert_eq!(sheet[0], ["日期", "星期", "类型", "名称"]);
    assert_eq!(
        sheet[1..].to_vec(),
        [
            ["2031-05-02", "星期五", "法定节假日", "地方假日"],
            ["2031-05-10", "星期六", "调休上班日", "调休上班"],
        ]
    );
    let sheet = export(&app, &clerk, "/api/v1/calendar/export?year=2031", "en").await;
    assert_eq!(sheet[0], ["Date", "Weekday", "Kind", "Name"]);
    assert_eq!(sheet[2][1..3], ["Saturday", "Make-up workday"]);

    // A year without exceptions: the header row only.
    let sheet = export(&app, &clerk, "/api/v1/calendar/export?year=2035", "zh-CN").await;
    assert_eq!(sheet.len(), 1);

    // The list's own checks: a year out of range, no session.
    let res = app
        .get_as(&clerk, "/api/v1/calendar/export?year=1999")
        .await;
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.expect("JSON");
    assert_eq!(body["code"], "bad_request");
    let res = app.get("/api/v1/calendar/export?year=2031").await;
    assert_eq!(res.status(), 401);
}

db_tests!(the_calendar_exports_the_listed_year);
