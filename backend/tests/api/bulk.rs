//! Bulk account creation: `POST /api/v1/accounts/bulk` with JSON, CSV and XLSX, all or nothing.

use backend::{
    audit,
    auth::password::INITIAL_PASSWORD,
    db::schema::{account_roles, accounts, audit_log, units},
};
use diesel::prelude::*;
use reqwest::Response;
use serde_json::{json, Value};
use shared::ids::IdNumber;

use crate::{
    db_tests,
    helpers::{spawn_app, Backend, TestApp},
};

const PATH: &str = "/api/v1/accounts/bulk";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const OWN_UNIT: &str = "示范县第一中学";
const OTHER_UNIT: &str = "示范市第一人民医院";

/// A valid ID number from its first 17 digits.
fn id_number(first17: &str) -> String {
    let check = IdNumber::check_char(first17)
        .map(char::from)
        .expect("17 digits");
    format!("{first17}{check}")
}

/// `(id, credit code)` of a demo unit.
async fn unit(app: &TestApp, name: &'static str) -> (i64, String) {
    app.db
        .run(move |conn| {
            Ok(units::table
                .filter(units::name.eq(name))
                .select((units::id, units::credit_code))
                .first(conn)?)
        })
        .await
        .expect("demo unit")
}

async fn account_count(app: &TestApp) -> i64 {
    app.db
        .run(|conn| Ok(accounts::table.count().get_result(conn)?))
        .await
        .expect("count")
}

async fn upload(
    app: &TestApp,
    token: &str,
    query: &str,
    content_type: &str,
    body: Vec<u8>,
) -> Response {
    app.client
        .post(app.url(&format!("{PATH}{query}")))
        .bearer_auth(token)
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .expect("request")
}

async fn read_report(res: Response) -> Value {
    assert_eq!(res.status(), 200);
    res.json().await.expect("JSON")
}

/// `(row, field, code)` of every error in a report.
fn errors_of(report: &Value) -> Vec<(u64, String, String)> {
    report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().expect("row"),
                e["field"].as_str().expect("field").to_owned(),
                e["code"].as_str().expect("code").to_owned(),
            )
        })
        .collect()
}

/// Asserts an error answer with exactly the envelope's two fields.
async fn assert_envelope(res: Response, status: u16, code: &str) {
    assert_eq!(res.status(), status);
    let body: Value = res.json().await.expect("JSON");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(
        body.as_object().map(serde_json::Map::len),
        Some(2),
        "{body}"
    );
}

fn three_rows(code: &str, applicant: &str) -> Value {
    json!({"rows": [
        {"username": "bulk_handler_1", "display_name": "批量经办一", "kind": "handler",
         "unit_credit_code": code, "phone": "13812345678", "roles": ["业务经办"]},
        {"username": "bulk_handler_2", "display_name": "批量经办二", "kind": "经办人",
         "unit_credit_code": code, "phone": "0851-12345678"},
        {"username": applicant, "display_name": "批量申报人", "kind": "applicant",
         "unit_credit_code": code, "id_number": applicant},
    ]})
}

async fn a_json_batch_creates_every_account_with_the_initial_password(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("county_emp_admin").await.access_token;
    let (unit_id, code) = unit(&app, OWN_UNIT).await;
    let applicant = id_number("52012119950505111");

    let res = app
        .post_as(&admin, PATH, &three_rows(&code, &applicant))
        .await;

    let report = read_report(res).await;
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["dry_run"], false);
    assert_eq!(report["rows"], 3);
    assert_eq!(report["created"], 3);
    assert_eq!(report["errors"], json!([]));
    let listed: Vec<(u64, &str, bool)> = report["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(|a| {
            (
                a["row"].as_u64().unwrap_or(0),
                a["username"].as_str().unwrap_or(""),
                a["id"].is_i64(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            (1, "bulk_handler_1", true),
            (2, "bulk_handler_2", true),
            (3, applicant.as_str(), true)
        ]
    );
    for username in ["bulk_handler_1", "bulk_handler_2", applicant.as_str()] {
        let res = app.login(username, INITIAL_PASSWORD).await;
        assert_eq!(
            res.status(),
            200,
            "{username} logs in with the initial password"
        );
        let body: Value = res.json().await.expect("JSON");
        assert_eq!(body["must_change_password"], true);
        assert_eq!(body["user"]["unit"]["id"], unit_id);
    }
    let (roles, batch, chain, per_account) = app
        .db
        .run(|conn| {
            let per_account: Vec<Option<String>> = audit_log::table
                .filter(audit_log::action.eq("account.create"))
                .order(audit_log::id.asc())
                .select(audit_log::target_id)
                .load(conn)?;
            let roles: i64 = account_roles::table
                .inner_join(accounts::table)
                .filter(
                    diesel::dsl::sql::<diesel::sql_types::Bool>("accounts.username LIKE ")
                        .bind::<diesel::sql_types::Text, _>("bulk_handler_%"),
                )
                .count()
                .get_result(conn)?;
            let batch: Vec<Option<String>> = audit_log::table
                .filter(audit_log::action.eq("account.bulk_import"))
                .select(audit_log::after_data)
                .load(conn)?;
            Ok((roles, batch, audit::verify(conn)?, per_account))
        })
        .await
        .expect("read back");
    assert_eq!(roles, 1, "only the first handler was given a role");
    let ids: Vec<Value> = report["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(|a| a["id"].clone())
        .collect();
    let [Some(after)] = batch.as_slice() else {
        panic!("one audit row for the batch: {batch:?}")
    };
    let after: Value = serde_json::from_str(after).expect("JSON");
    assert_eq!(after["account_ids"], json!(ids));
    assert_eq!(after["by_kind"], json!({"applicant": 1, "handler": 2}));
    assert!(chain.ok, "{chain:?}");
    let created_ids: Vec<Value> = per_account
        .iter()
        .map(|t| json!(t.as_deref().and_then(|t| t.parse::<i64>().ok())))
        .collect();
    assert_eq!(
        created_ids, ids,
        "one account.create row per account, in row order"
    );
}

async fn a_dry_run_reports_the_same_and_creates_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("county_emp_admin").await.access_token;
    let (_, code) = unit(&app, OWN_UNIT).await;
    let applicant = id_number("52012119950505111");
    let before = account_count(&app).await;

    let res = app
        .post_as(
            &admin,
            &format!("{PATH}?dry_run=true"),
            &three_rows(&code, &applicant),
        )
        .await;

    let report = read_report(res).await;
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["created"], 0);
    assert_eq!(report["accounts"][2]["username"], applicant.as_str());
    assert!(report["accounts"][0].get("id").is_none(), "{report}");
    assert_eq!(account_count(&app).await, before);
    assert_eq!(
        app.login("bulk_handler_1", INITIAL_PASSWORD).await.status(),
        401
    );
}

async fn one_bad_row_refuses_the_batch_and_every_broken_rule_is_reported(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("county_emp_admin").await.access_token;
    let (_, code) = unit(&app, OWN_UNIT).await;
    let (_, other) = unit(&app, OTHER_UNIT).await;
    let valid = id_number("52012119950505111");
    let wrong_check = if valid.ends_with('0') { '1' } else { '0' };
    let bad_id = format!("{}{wrong_check}", &valid[..17]);
    let good_applicant = id_number("52012119960606222");
    let handler = |username: &str| json!({"username": username, "display_name": "某人", "kind": "handler", "unit_credit_code": code});
    let mut outside = handler("bulk_elsewhere");
    outside["unit_credit_code"] = json!(other);
    let mut admin_row = handler("bulk_admin");
    admin_row["kind"] = json!("unit_admin");
    let mut role_row = handler("bulk_roles");
    role_row["roles"] = json!(["业务经办", "不存在的角色"]);
    let body = json!({"rows": [
        handler("bulk_ok"),
        handler("bulk_ok"),
        handler("county_emp_handler"),
        {"username": bad_id, "display_name": "错号", "kind": "applicant", "unit_credit_code": code, "id_number": bad_id},
        admin_row,
        outside,
        role_row,
        {"username": good_applicant, "display_name": "好人", "kind": "申报人", "unit_credit_code": code, "id_number": good_applicant},
    ]});
    let before = account_count(&app).await;

    let res = app.post_as(&admin, PATH, &body).await;

    let report = read_report(res).await;
    assert_eq!(report["ok"], false);
    assert_eq!(report["created"], 0);
    assert_eq!(report["rows"], 8);
    let expected: Vec<(u64, String, String)> = [
        (2, "username", "already_exists"),
        (3, "username", "already_exists"),
        (4, "id_number", "validation_failed"),
        (5, "kind", "forbidden"),
        (6, "unit_credit_code", "not_found"),
        (7, "roles", "not_found"),
    ]
    .into_iter()
    .map(|(r, f, c)| (r, f.to_owned(), c.to_owned()))
    .collect();
    assert_eq!(errors_of(&report), expected, "{report}");
    assert!(report["errors"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("第 1 行")));
    assert_eq!(account_count(&app).await, before, "nothing was written");
    assert_eq!(app.login("bulk_ok", INITIAL_PASSWORD).await.status(), 401);

    let english = app
        .client
        .post(app.url(PATH))
        .bearer_auth(&admin)
        .header("Accept-Language", "en")
        .json(&body)
        .send()
        .await
        .expect("request");
    let english = read_report(english).await;
    assert!(
        english["errors"][5]["message"]
            .as_str()
            .is_some_and(|m| m.contains("no business role")),
        "{english}"
    );
}

async fn a_unit_admin_cannot_create_accounts_in_another_unit(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("county_emp_admin").await.access_token;
    let (other_id, _) = unit(&app, OTHER_UNIT).await;
    let (parent_id, _) = unit(&app, "示范县教育局").await;
    let row = |username: &str, unit_id: i64| json!({"username": username, "display_name": "越权", "kind": "handler", "unit_id": unit_id});

    let res = app
        .post_as(&admin, PATH, &json!({"rows": [row("bulk_x", other_id), row("bulk_y", parent_id), row("bulk_z", 999_999)]}))
        .await;

    let report = read_report(res).await;
    assert_eq!(
        errors_of(&report),
        [
            (1, "unit_id".to_owned(), "not_found".to_owned()),
            (2, "unit_id".to_owned(), "not_found".to_owned()),
            (3, "unit_id".to_owned(), "not_found".to_owned()),
        ]
    );
    let messages: Vec<&str> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["message"].as_str())
        .collect();
    assert!(
        messages.windows(2).all(|w| w[0] == w[1]),
        "an existing unit outside the jurisdiction looks like a missing one: {messages:?}"
    );
}

async fn a_csv_with_chinese_headers_is_imported(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("county_emp_admin").await.access_token;
    let (_, code) = unit(&app, OWN_UNIT).await;
    let applicant = id_number("52012119880808333");
    let csv = format!(
        "\u{feff}序号,用户名,姓名,账号类型,单位统一社会信用代码,手机号,身份证号,业务角色\n\
         1,csv_handler,表格经办,经办人,{code},13900000000,,业务经办；\n\
         2,{applicant},表格申报人,申报人,{code},,{applicant},\n"
    );

    let res = upload(
        &app,
        &admin,
        "",
        "text/csv; charset=utf-8",
        csv.into_bytes(),
    )
    .await;

    let report = read_report(res).await;
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["created"], 2);
    assert_eq!(report["accounts"][0]["row"], 2, "the header is row 1");
    assert_eq!(
        app.login("csv_handler", INITIAL_PASSWORD).await.status(),
        200
    );
    assert_eq!(app.login(&applicant, INITIAL_PASSWORD).await.status(), 200);

    let bad = format!(
        "用户名,姓名,账号类型,单位统一社会信用代码\ncsv_two,二号,经办人,{code}\ncsv_three,三号,校长,{code}\n"
    );
    let report = read_report(upload(&app, &admin, "", "text/csv", bad.into_bytes()).await).await;
    assert_eq!(
        errors_of(&report),
        [(3, "kind".to_owned(), "validation_failed".to_owned())]
    );
    assert_eq!(app.login("csv_two", INITIAL_PASSWORD).await.status(), 401);
}

/// What Excel on Chinese Windows writes for "CSV (逗号分隔)": GBK — here GB18030, with a name
/// outside GBK (王𠀀) — and CRLF line ends. `#CODE#` stands for the unit's credit code.
const GB18030_FIXTURE: &[u8] = include_bytes!("../fixtures/accounts-gb18030.csv");

async fn a_csv_saved_in_gb18030_is_imported(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("county_emp_admin").await.access_token;
    let (_, code) = unit(&app, OWN_UNIT).await;
    // ASCII `#` is never part of a two- or four-byte GB18030 character, so this byte-level
    // replacement cannot cut one.
    let mut body = Vec::new();
    let mut rest = GB18030_FIXTURE;
    while let Some(at) = rest.windows(6).position(|w| w == b"#CODE#") {
        body.extend_from_slice(&rest[..at]);
        body.extend_from_slice(code.as_bytes());
        rest = &rest[at + 6..];
    }
    body.extend_from_slice(rest);

    let res = upload(&app, &admin, "", "text/csv", body).await;

    let report = read_report(res).await;
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["created"], 2);
    let list: Value = app
        .get_as(&admin, "/api/v1/accounts?q=gbk_&per_page=100")
        .await
        .json()
        .await
        .expect("JSON");
    let mut names: Vec<&str> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|a| a["display_name"].as_str())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["欧阳锋", "王𠀀"], "{list}");
}

async fn an_xlsx_workbook_is_imported(backend: Backend) {
    let app = spawn_app(backend).await;
    let sysadmin = app.login_as("sysadmin").await.access_token;
    let (_, employer) = unit(&app, OWN_UNIT).await;
    let (county_hrss, _) = unit(&app, "示范县人力资源和社会保障局").await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let cells: [[&str; 5]; 3] = [
        [
            "username",
            "display_name",
            "kind",
            "unit_credit_code",
            "unit_id",
        ],
        ["xlsx_admin", "表格管理员", "单位管理员", &employer, ""],
        ["xlsx_handler", "表格经办", "handler", "", ""],
    ];
    for (r, row) in cells.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet
                    .write_string(
                        u32::try_from(r).expect("row"),
                        u16::try_from(c).expect("col"),
                        *text,
                    )
                    .expect("cell");
            }
        }
    }
    // A unit id typed as a number, as a spreadsheet user would.
    sheet.write_number(2, 4, county_hrss as f64).expect("cell");
    let bytes = book.save_to_buffer().expect("workbook");

    let res = upload(&app, &sysadmin, "", XLSX, bytes).await;

    let report = read_report(res).await;
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["created"], 2);
    assert_eq!(report["accounts"][1]["row"], 3);
    let body: Value = app
        .login("xlsx_admin", INITIAL_PASSWORD)
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(body["user"]["kind"], "unit_admin");
    assert_eq!(body["must_change_password"], true);
}

async fn unreadable_or_unsupported_bodies_are_refused_whole(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("county_emp_admin").await.access_token;

    let plain = upload(&app, &admin, "", "text/plain", b"username\n".to_vec()).await;
    assert_envelope(plain, 415, "unsupported_media_type").await;

    let missing = upload(
        &app,
        &admin,
        "",
        "text/csv",
        "用户名,姓名\na,b\n".as_bytes().to_vec(),
    )
    .await;
    assert_eq!(missing.status(), 400);
    let body: Value = missing.json().await.expect("JSON");
    assert_eq!(body["code"], "bad_request");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("账号类型")),
        "{body}"
    );

    let not_a_book = upload(&app, &admin, "", XLSX, b"PK not really".to_vec()).await;
    assert_envelope(not_a_book, 400, "bad_request").await;

    let broken = upload(
        &app,
        &admin,
        "",
        "application/json",
        b"{\"rows\": [".to_vec(),
    )
    .await;
    assert_envelope(broken, 400, "malformed_json").await;

    let empty = app.post_as(&admin, PATH, &json!({"rows": []})).await;
    assert_eq!(empty.status(), 422);
    let body: Value = empty.json().await.expect("JSON");
    assert_eq!(body["code"], "validation_failed", "{body}");
    assert_eq!(
        body["field"], "rows",
        "the envelope names the field: {body}"
    );

    let big = upload(
        &app,
        &admin,
        "",
        "text/csv",
        vec![b'a'; backend::org::bulk::MAX_UPLOAD_BYTES + 1],
    )
    .await;
    assert_envelope(big, 413, "payload_too_large").await;
}

async fn only_account_managers_may_import(backend: Backend) {
    let app = spawn_app(backend).await;
    let auditor = app.login_as("auditor").await.access_token;
    let body = json!({"rows": [{"username": "nobody", "display_name": "无", "kind": "handler", "unit_id": 1}]});

    let res = app.post_as(&auditor, PATH, &body).await;
    assert_envelope(res, 403, "forbidden").await;

    let anonymous = app.post_json(PATH, &body).await;
    assert_envelope(anonymous, 401, "unauthenticated").await;
}

db_tests!(
    a_json_batch_creates_every_account_with_the_initial_password,
    a_dry_run_reports_the_same_and_creates_nothing,
    one_bad_row_refuses_the_batch_and_every_broken_rule_is_reported,
    a_unit_admin_cannot_create_accounts_in_another_unit,
    a_csv_with_chinese_headers_is_imported,
    a_csv_saved_in_gb18030_is_imported,
    an_xlsx_workbook_is_imported,
    unreadable_or_unsupported_bodies_are_refused_whole,
    only_account_managers_may_import,
);
