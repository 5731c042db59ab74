//! `GET /api/v1/<list>/export`: the workbook holds exactly the list's rows for the same filter,
//! with Chinese (or English) headers, under the list's module and jurisdiction checks.

use std::io::Cursor;

use backend::db::schema::units;
use calamine::{Reader, Xlsx};
use diesel::prelude::*;
use reqwest::header;
use serde_json::Value;

use crate::{
    db_tests,
    helpers::{spawn_app, Backend, TestApp},
};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Every row of the list at `path` (all pages), as JSON.
async fn list_all(app: &TestApp, token: &str, path: &str) -> Vec<Value> {
    let sep = if path.contains('?') { '&' } else { '?' };
    let mut items = Vec::new();
    for page in 1.. {
        let res = app
            .get_as(token, &format!("{path}{sep}per_page=100&page={page}"))
            .await;
        assert_eq!(res.status(), 200, "list {path}");
        let body: Value = res.json().await.expect("JSON");
        let got = body["items"].as_array().expect("items").clone();
        let total = body["total"].as_u64().expect("total");
        items.extend(got);
        if items.len() as u64 >= total {
            break;
        }
    }
    items
}

/// The first sheet of the export at `path`, every cell as text; checks the headers.
pub async fn export(app: &TestApp, token: &str, path: &str, lang: &str) -> Vec<Vec<String>> {
    let res = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .header(header::ACCEPT_LANGUAGE, lang)
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 200, "export {path}");
    assert_eq!(res.headers()[header::CONTENT_TYPE], XLSX);
    let disposition = res.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .expect("ASCII header")
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"")
            && disposition.contains(".xlsx\"; filename*=UTF-8''"),
        "{disposition}"
    );
    let bytes = res.bytes().await.expect("body").to_vec();
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("an XLSX workbook");
    let range = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    range
        .rows()
        .map(|row| row.iter().map(crate::helpers::cell_text).collect())
        .collect()
}

fn json_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The export of `list` holds the list's rows in the list's order: column `col` of each data
/// row equals `key` of each item (a `/`-separated JSON path).
async fn assert_same_rows(
    app: &TestApp,
    token: &str,
    list: &str,
    col: usize,
    key: &str,
    header: &str,
) -> usize {
    let items = list_all(app, token, list).await;
    let (path, query) = list.split_once('?').unwrap_or((list, ""));
    let sheet = export(app, token, &format!("{path}/export?{query}"), "zh-CN").await;
    assert_eq!(sheet[0][col], header, "{list}: header");
    let want: Vec<String> = items
        .iter()
        .map(|item| json_text(key.split('/').fold(item, |v, k| &v[k])))
        .collect();
    let got: Vec<String> = sheet[1..].iter().map(|r| r[col].clone()).collect();
    assert_eq!(got, want, "{list}: rows");
    want.len()
}

async fn token(app: &TestApp, who: &str) -> String {
    app.login_as(who).await.access_token
}

async fn every_list_exports_its_own_rows(backend: Backend) {
    let app = spawn_app(backend).await;
    let emp = token(&app, "county_emp_unit").await;
    let hrss = token(&app, "county_hrss_unit").await;
    let admin = token(&app, "county_emp_admin").await;
    let auditor = token(&app, "auditor").await;

    let n = assert_same_rows(&app, &emp, "/api/v1/applications", 0, "id", "编号").await;
    assert!(n > 0, "the demo has applications in sight of the employer");
    assert_same_rows(
        &app,
        &emp,
        "/api/v1/applications",
        2,
        "id_number",
        "身份证号",
    )
    .await;
    assert_same_rows(
        &app,
        &emp,
        "/api/v1/applications?todo=true",
        0,
        "id",
        "编号",
    )
    .await;
    assert_same_rows(
        &app,
        &hrss,
        "/api/v1/applications?sort=name",
        1,
        "name",
        "姓名",
    )
    .await;
    assert_same_rows(
        &app,
        &hrss,
        "/api/v1/units?kind=employer",
        1,
        "name",
        "单位名称",
    )
    .await;
    assert_same_rows(&app, &admin, "/api/v1/accounts", 1, "username", "用户名").await;
    assert_same_rows(
        &app,
        &admin,
        "/api/v1/accounts?kind=applicant",
        6,
        "id_number_masked",
        "身份证号",
    )
    .await;
    assert_same_rows(&app, &emp, "/api/v1/publicity-batches", 0, "id", "编号").await;
    assert_same_rows(&app, &hrss, "/api/v1/committees", 0, "id", "编号").await;
    assert_same_rows(
        &app,
        &hrss,
        "/api/v1/review-authority-filings",
        0,
        "id",
        "编号",
    )
    .await;
    assert_same_rows(
        &app,
        &hrss,
        "/api/v1/policy-reviewers",
        0,
        "username",
        "账号",
    )
    .await;
    assert_same_rows(&app, &hrss, "/api/v1/affiliation-requests", 0, "id", "编号").await;

    // The audit log keeps its CSV at /export; its workbook is /export.xlsx.
    let items = list_all(&app, &auditor, "/api/v1/audit?action=auth.").await;
    let sheet = export(
        &app,
        &auditor,
        "/api/v1/audit/export.xlsx?action=auth.",
        "zh-CN",
    )
    .await;
    let ids: Vec<String> = sheet[1..].iter().map(|r| r[0].clone()).collect();
    let want: Vec<String> = items.iter().map(|i| json_text(&i["id"])).collect();
    assert_eq!(ids, want);
    assert!(!ids.is_empty());
}

async fn headers_follow_the_language_and_times_are_china_time(backend: Backend) {
    let app = spawn_app(backend).await;
    let emp = token(&app, "county_emp_unit").await;
    let items = list_all(&app, &emp, "/api/v1/applications?sort=id").await;

    let en = export(&app, &emp, "/api/v1/applications/export?sort=id", "en").await;
    let zh = export(&app, &emp, "/api/v1/applications/export?sort=id", "zh-CN").await;

    assert_eq!(en[0][0], "ID");
    assert_eq!(en[0][9], "Stage");
    assert_eq!(zh[0][9], "当前环节");
    let first = &items[0];
    let utc = chrono::DateTime::parse_from_rfc3339(first["updated_at"].as_str().expect("time"))
        .expect("RFC 3339");
    let china = (utc.naive_utc() + chrono::Duration::hours(8))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    assert_eq!(zh[1][11], china, "times are China time");
    assert!(
        zh[1][2].contains("**********"),
        "ID numbers are masked: {}",
        zh[1][2]
    );
}

async fn exports_keep_the_lists_module_and_jurisdiction(backend: Backend) {
    let app = spawn_app(backend).await;
    let emp = token(&app, "county_emp_unit").await;
    let auditor = token(&app, "auditor").await;

    for (who, path) in [
        (&auditor, "/api/v1/units/export"),
        (&auditor, "/api/v1/accounts/export"),
        (&emp, "/api/v1/audit/export.xlsx"),
        (&auditor, "/api/v1/affiliation-requests/export"),
        (&auditor, "/api/v1/review-authority-filings/export"),
        (&auditor, "/api/v1/publicity-batches/export"),
    ] {
        let res = app.get_as(who, path).await;
        assert_eq!(res.status(), 403, "{path}");
        let body: Value = res.json().await.expect("JSON");
        assert_eq!(body["code"], "forbidden");
    }
    assert_eq!(app.get("/api/v1/units/export").await.status(), 401);

    let other: i64 = app
        .db
        .run(|conn| {
            Ok(units::table
                .filter(units::name.eq("示范市第一人民医院"))
                .select(units::id)
                .first(conn)?)
        })
        .await
        .expect("demo unit");
    let res = app
        .get_as(&emp, &format!("/api/v1/applications/export?unit={other}"))
        .await;
    assert_eq!(res.status(), 404, "a unit outside the jurisdiction");
    let res = app
        .get_as(&emp, "/api/v1/applications/export?sort=nope")
        .await;
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.expect("JSON");
    assert_eq!(body["field"], "sort");
}

db_tests!(
    every_list_exports_its_own_rows,
    headers_follow_the_language_and_times_are_china_time,
    exports_keep_the_lists_module_and_jurisdiction,
);
