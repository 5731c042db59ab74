//! Units and accounts: creation rules, jurisdiction, edits with versions, resets, disabling.

use backend::db::schema::{accounts, units};
use diesel::prelude::*;
use serde_json::{json, Value};
use shared::org::{Account, CreatedUnit, Unit};

use crate::{
    db_tests,
    helpers::{assert_one_winner, audit_rows, race, spawn_app, Backend, TestApp},
};

/// A valid unified social credit code with the given 8-character serial.
pub fn credit_code(serial: &str) -> String {
    let body = format!("91520000{serial:0>9}");
    let check = shared::ids::CreditCode::check_char(&body)
        .map(char::from)
        .unwrap_or('0');
    format!("{body}{check}")
}

pub async fn unit_id(app: &TestApp, name: &'static str) -> i64 {
    app.db
        .run(move |conn| {
            Ok(units::table
                .filter(units::name.eq(name))
                .select(units::id)
                .first::<i64>(conn)?)
        })
        .await
        .expect("unit")
}

pub async fn account_id(app: &TestApp, username: &'static str) -> i64 {
    app.db
        .run(move |conn| {
            Ok(accounts::table
                .filter(accounts::username.eq(backend::login_names::name(username)))
                .select(accounts::id)
                .first::<i64>(conn)?)
        })
        .await
        .expect("account")
}

async fn status_code(res: reqwest::Response) -> (u16, String) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

fn new_employer(parent: i64, serial: &str) -> Value {
    json!({
        "parent_id": parent, "kind": "employer", "level": "county", "name": "示范县第二中学",
        "credit_code": credit_code(serial), "region": "示范县", "contact_name": "王老师",
        "contact_phone": "0851-12345678", "admin_username": "county_school2_admin",
        "admin_display_name": "二中管理员"
    })
}

async fn a_county_hrss_creates_an_employer_with_its_admin(backend: Backend) {
    let app = spawn_app(backend).await;
    let s = app.login_as("county_hrss_handler").await;
    let dept = unit_id(&app, "示范县教育局").await;

    let res = app
        .post_as(&s.access_token, "/api/v1/units", &new_employer(dept, "1"))
        .await;

    assert_eq!(res.status(), 201);
    let created: CreatedUnit = res.json().await.expect("JSON");
    assert_eq!(created.unit.parent_id, Some(dept));
    assert_eq!(created.unit.depth, 4);
    let admin = created.admin.expect("admin");
    assert!(admin.must_change_password);
    let login: shared::auth::LoginResponse = app
        .login("county_school2_admin", "123@abc")
        .await
        .json()
        .await
        .expect("login");
    assert!(login.must_change_password);
    assert_eq!(login.user.unit.id, created.unit.id);
}

async fn unit_creation_rules_are_enforced(backend: Backend) {
    let app = spawn_app(backend).await;
    let s = app.login_as("county_hrss_handler").await;
    let dept = unit_id(&app, "示范县教育局").await;
    let school = unit_id(&app, "示范县第一中学").await;
    let city_dept = unit_id(&app, "示范市卫生健康局").await;
    let post = |body: Value| app.post_owned(&s.access_token, "/api/v1/units", body);

    let mut bad_code = new_employer(dept, "2");
    bad_code["credit_code"] = json!("915200000000000002");
    assert_eq!(
        status_code(post(bad_code).await).await,
        (422, "validation_failed".into())
    );
    let mut under_employer = new_employer(school, "3");
    under_employer["admin_username"] = Value::Null;
    assert_eq!(
        status_code(post(under_employer).await).await,
        (422, "validation_failed".into())
    );
    let mut wrong_level = new_employer(dept, "4");
    wrong_level["level"] = json!("city");
    assert_eq!(
        status_code(post(wrong_level).await).await,
        (422, "validation_failed".into())
    );
    assert_eq!(
        status_code(post(new_employer(city_dept, "5")).await).await,
        (404, "not_found".into()),
        "a parent's branch is invisible"
    );
    assert_eq!(post(new_employer(dept, "6")).await.status(), 201);
    let mut same_code = new_employer(dept, "6");
    same_code["admin_username"] = json!("someone_else");
    assert_eq!(
        status_code(post(same_code).await).await,
        (409, "already_exists".into())
    );

    let admin = app.login_as("county_hrss_admin").await;
    let res = app
        .post_as(
            &admin.access_token,
            "/api/v1/units",
            &new_employer(dept, "7"),
        )
        .await;
    assert_eq!(
        status_code(res).await,
        (403, "forbidden".into()),
        "creating units is not the unit admin's duty"
    );
}

async fn lists_hold_exactly_the_jurisdiction(backend: Backend) {
    let app = spawn_app(backend).await;
    let county = app.login_as("county_hrss_unit").await;
    let prov = app.login_as("sysadmin").await;

    let page: shared::Page<Unit> = app
        .get_as(&county.access_token, "/api/v1/units")
        .await
        .json()
        .await
        .expect("page");
    let names: Vec<_> = page.items.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "示范县人力资源和社会保障局",
            "示范县教育局",
            "示范县第一中学"
        ]
    );
    assert_eq!(page.total, 3);

    let all: shared::Page<Unit> = app
        .get_as(&prov.access_token, "/api/v1/units?per_page=100")
        .await
        .json()
        .await
        .expect("page");
    assert_eq!(all.total, 9);
    let paged: shared::Page<Unit> = app
        .get_as(&prov.access_token, "/api/v1/units?per_page=4&page=3")
        .await
        .json()
        .await
        .expect("page");
    assert_eq!((paged.items.len(), paged.total, paged.page), (1, 9, 3));
    let (status, c) = status_code(
        app.get_as(&prov.access_token, "/api/v1/units?per_page=101")
            .await,
    )
    .await;
    assert_eq!((status, c.as_str()), (400, "bad_request"));

    let accounts: shared::Page<Account> = app
        .get_as(&county.access_token, "/api/v1/accounts?per_page=100")
        .await
        .json()
        .await
        .expect("page");
    assert!(
        accounts
            .items
            .iter()
            .all(|a| a.unit_name.starts_with("示范县")),
        "{:?}",
        accounts.items
    );
    let applicants: Vec<&Account> = accounts
        .items
        .iter()
        .filter(|a| a.kind == shared::AccountKind::Applicant)
        .collect();
    assert!(!applicants.is_empty());
    assert!(
        applicants.iter().all(|a| a.username.contains("**********")
            && a.id_number_masked.as_deref() == Some(a.username.as_str())),
        "an applicant's login name (its ID number) is masked to the units above its own: {applicants:?}"
    );
    assert!(!serde_json::to_string(&accounts.items)
        .unwrap_or_default()
        .contains("argon2"));
}

async fn the_org_tree_nests_units_with_their_accounts(backend: Backend) {
    let app = spawn_app(backend).await;
    let s = app.login_as("city_hrss_admin").await;

    let tree: shared::org::OrgNode = app
        .get_as(&s.access_token, "/api/v1/org/tree")
        .await
        .json()
        .await
        .expect("tree");

    assert_eq!(tree.unit.name, "示范市人力资源和社会保障局");
    assert!(tree
        .accounts
        .iter()
        .any(|a| a.username == "city_hrss_admin"));
    let child_names: Vec<_> = tree.children.iter().map(|c| c.unit.name.as_str()).collect();
    assert_eq!(
        child_names,
        ["示范市卫生健康局", "示范县人力资源和社会保障局"]
    );
    let county = &tree.children[1];
    assert_eq!(county.children[0].children[0].unit.name, "示范县第一中学");
    let shallow: shared::org::OrgNode = app
        .get_as(&s.access_token, "/api/v1/org/tree?depth=1")
        .await
        .json()
        .await
        .expect("tree");
    assert!(shallow.children.iter().all(|c| c.children.is_empty()));
}

async fn unit_edits_need_the_current_version(backend: Backend) {
    let app = spawn_app(backend).await;
    let s = app.login_as("county_hrss_unit").await;
    let school = unit_id(&app, "示范县第一中学").await;
    let url = format!("/api/v1/units/{school}");
    let patch = |body: Value| {
        app.client
            .patch(app.url(&url))
            .bearer_auth(&s.access_token)
            .json(&body)
            .send()
    };

    let res = patch(json!({"version": 1, "contact_name": "新联系人"}))
        .await
        .expect("req");
    assert_eq!(res.status(), 200);
    let unit: Unit = res.json().await.expect("unit");
    assert_eq!((unit.contact_name.as_str(), unit.version), ("新联系人", 2));
    let stale = patch(json!({"version": 1, "name": "覆盖"}))
        .await
        .expect("req");
    assert_eq!(status_code(stale).await, (409, "version_conflict".into()));
    let blank = patch(json!({"version": 2, "name": "  "}))
        .await
        .expect("req");
    assert_eq!(status_code(blank).await, (422, "validation_failed".into()));
    let own = unit_id(&app, "示范县人力资源和社会保障局").await;
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/units/{own}")))
        .bearer_auth(&s.access_token)
        .json(&json!({"version": 1, "enabled": false}))
        .send()
        .await
        .expect("req");
    assert_eq!(
        status_code(res).await,
        (403, "forbidden".into()),
        "a unit never disables itself"
    );
}

async fn unit_admins_create_handlers_in_their_own_unit_only(backend: Backend) {
    let app = spawn_app(backend).await;
    let s = app.login_as("county_hrss_admin").await;
    let own = unit_id(&app, "示范县人力资源和社会保障局").await;
    let below = unit_id(&app, "示范县教育局").await;
    let body = |unit: i64, kind: &str, username: &str| json!({"username": username, "display_name": "经办甲", "kind": kind, "unit_id": unit});

    let res = app
        .post_as(
            &s.access_token,
            "/api/v1/accounts",
            &body(own, "handler", "county_h2"),
        )
        .await;
    assert_eq!(res.status(), 201);
    let created: Account = res.json().await.expect("account");
    assert!(created.must_change_password && created.enabled);
    assert_eq!(
        status_code(
            app.post_as(
                &s.access_token,
                "/api/v1/accounts",
                &body(below, "handler", "county_h3")
            )
            .await
        )
        .await
        .0,
        403
    );
    assert_eq!(
        status_code(
            app.post_as(
                &s.access_token,
                "/api/v1/accounts",
                &body(own, "unit_admin", "county_a2")
            )
            .await
        )
        .await
        .0,
        403
    );
    assert_eq!(
        status_code(
            app.post_as(
                &s.access_token,
                "/api/v1/accounts",
                &body(own, "handler", "county_h2")
            )
            .await
        )
        .await,
        (409, "already_exists".into())
    );
    let bad = json!({"username": "x", "display_name": "", "kind": "handler", "unit_id": own});
    assert_eq!(
        status_code(app.post_as(&s.access_token, "/api/v1/accounts", &bad).await).await,
        (422, "validation_failed".into())
    );
}

async fn employers_create_applicants_with_valid_id_numbers(backend: Backend) {
    let app = spawn_app(backend).await;
    let s = app.login_as("county_emp_handler").await;
    let own = unit_id(&app, "示范县第一中学").await;
    let body12 = "52012119950505123";
    let check = shared::ids::IdNumber::check_char(body12)
        .map(char::from)
        .unwrap_or('0');
    let id = format!("{body12}{check}");

    let ok = json!({"username": id, "id_number": id, "display_name": "周申报", "kind": "applicant", "unit_id": own});
    assert_eq!(
        app.post_as(&s.access_token, "/api/v1/accounts", &ok)
            .await
            .status(),
        201
    );
    let bad = json!({"username": "520121199505051230", "id_number": "520121199505051230", "display_name": "错号", "kind": "applicant", "unit_id": own});
    let (status, c) =
        status_code(app.post_as(&s.access_token, "/api/v1/accounts", &bad).await).await;
    assert_eq!((status, c.as_str()), (422, "validation_failed"));
}

async fn a_reset_unlocks_and_forces_a_change(backend: Backend) {
    let app = spawn_app(backend).await;
    for _ in 0..5 {
        app.login("county_emp_unit", "Wrong#pass123").await;
    }
    assert_eq!(
        app.login("county_emp_unit", backend::demo::DEMO_PASSWORD)
            .await
            .status(),
        423
    );
    let admin = app.login_as("county_emp_admin").await;
    let target = account_id(&app, "county_emp_unit").await;

    let res = app
        .post_as(
            &admin.access_token,
            &format!("/api/v1/accounts/{target}/reset-password"),
            &json!({}),
        )
        .await;

    assert_eq!(res.status(), 200);
    let account: Account = res.json().await.expect("account");
    assert!(!account.locked && account.must_change_password);
    let s: shared::auth::LoginResponse = app
        .login("county_emp_unit", "123@abc")
        .await
        .json()
        .await
        .expect("login");
    assert!(s.must_change_password);
}

async fn disabling_an_account_ends_its_sessions(backend: Backend) {
    let app = spawn_app(backend).await;
    let victim = app.login_as("county_emp_handler").await;
    let admin = app.login_as("county_emp_admin").await;
    let target = account_id(&app, "county_emp_handler").await;

    let res = app
        .client
        .patch(app.url(&format!("/api/v1/accounts/{target}")))
        .bearer_auth(&admin.access_token)
        .json(&json!({"version": 1, "enabled": false}))
        .send()
        .await
        .expect("req");

    assert_eq!(res.status(), 200);
    assert_eq!(
        app.get_as(&victim.access_token, "/api/v1/auth/me")
            .await
            .status(),
        401
    );
    let (status, c) = status_code(
        app.login("county_emp_handler", backend::demo::DEMO_PASSWORD)
            .await,
    )
    .await;
    assert_eq!((status, c.as_str()), (403, "account_disabled"));
}

async fn the_auditor_reads_exports_and_verifies_the_log(backend: Backend) {
    let app = spawn_app(backend).await;
    app.login("county_emp_unit", "Wrong#pass123").await;
    let auditor = app.login_as("auditor").await;

    let page: shared::Page<shared::org::AuditEntry> = app
        .get_as(
            &auditor.access_token,
            "/api/v1/audit?action=auth.login&outcome=failure",
        )
        .await
        .json()
        .await
        .expect("page");
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].actor_name.as_deref(), Some("county_emp_unit"));
    let csv = app
        .get_as(&auditor.access_token, "/api/v1/audit/export?action=auth.")
        .await;
    assert!(csv.headers()["content-type"]
        .to_str()
        .unwrap_or_default()
        .starts_with("text/csv"));
    let text = csv.text().await.expect("csv");
    assert!(text.lines().count() >= 3 && text.contains("auth.login"));
    let v: shared::org::AuditVerification = app
        .post_as(&auditor.access_token, "/api/v1/audit/verify", &json!({}))
        .await
        .json()
        .await
        .expect("verify");
    assert!(v.ok && v.checked >= 2);

    let admin = app.login_as("sysadmin").await;
    assert_eq!(
        app.get_as(&admin.access_token, "/api/v1/audit")
            .await
            .status(),
        403
    );
    let (status, _) = status_code(
        app.get_as(&auditor.access_token, "/api/v1/audit?from=yesterday")
            .await,
    )
    .await;
    assert_eq!(status, 400);
}

/// The unit's `(contact_name, version)` as stored.
async fn unit_contact(app: &TestApp, id: i64) -> (String, i64) {
    app.db
        .run(move |conn| {
            Ok(units::table
                .find(id)
                .select((units::contact_name, units::version))
                .first(conn)?)
        })
        .await
        .expect("unit")
}

/// Twenty identical edits of one unit with the version read: one commits, nineteen get
/// `version_conflict`, one audit row; a stale version afterwards changes nothing.
async fn concurrent_unit_edits_commit_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.login_as("county_hrss_unit").await.access_token;
    let school = unit_id(&app, "示范县第一中学").await;
    let url = app.url(&format!("/api/v1/units/{school}"));
    let (_, version) = unit_contact(&app, school).await;
    let body = json!({"version": version, "contact_name": "并发联系人"});

    let answers = race(20, || async {
        app.client
            .patch(&url)
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .expect("req")
    })
    .await;

    assert_one_winner(&answers);
    assert_eq!(audit_rows(&app, "unit.update", school).await, 1);
    let after = unit_contact(&app, school).await;
    assert_eq!(after, ("并发联系人".to_owned(), version + 1));
    let stale = app
        .client
        .patch(&url)
        .bearer_auth(&token)
        .json(&json!({"version": version, "contact_name": "过期修改"}))
        .send()
        .await
        .expect("req");
    assert_eq!(status_code(stale).await, (409, "version_conflict".into()));
    assert_eq!(unit_contact(&app, school).await, after, "nothing changed");
    assert_eq!(audit_rows(&app, "unit.update", school).await, 1);
}

/// The account's `(display_name, version)` as stored.
async fn account_name(app: &TestApp, id: i64) -> (String, i64) {
    app.db
        .run(move |conn| {
            Ok(accounts::table
                .find(id)
                .select((accounts::display_name, accounts::version))
                .first(conn)?)
        })
        .await
        .expect("account")
}

/// Twenty identical edits (here: disabling) of one account: one commits, nineteen get
/// `version_conflict`, one audit row; a stale version afterwards changes nothing.
async fn concurrent_account_edits_commit_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.login_as("county_emp_admin").await.access_token;
    let target = account_id(&app, "county_emp_handler").await;
    let url = app.url(&format!("/api/v1/accounts/{target}"));
    let (name, version) = account_name(&app, target).await;
    let body = json!({"version": version, "display_name": "并发改名", "enabled": false});

    let answers = race(20, || async {
        app.client
            .patch(&url)
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .expect("req")
    })
    .await;

    assert_one_winner(&answers);
    assert_eq!(audit_rows(&app, "account.update", target).await, 1);
    let after = account_name(&app, target).await;
    assert_ne!(after.0, name);
    assert_eq!(after, ("并发改名".to_owned(), version + 1));
    let stale = app
        .client
        .patch(&url)
        .bearer_auth(&token)
        .json(&json!({"version": version, "display_name": "过期修改", "enabled": true}))
        .send()
        .await
        .expect("req");
    assert_eq!(status_code(stale).await, (409, "version_conflict".into()));
    assert_eq!(account_name(&app, target).await, after, "nothing changed");
    assert_eq!(audit_rows(&app, "account.update", target).await, 1);
}

db_tests!(
    concurrent_unit_edits_commit_once,
    concurrent_account_edits_commit_once,
    a_county_hrss_creates_an_employer_with_its_admin,
    unit_creation_rules_are_enforced,
    lists_hold_exactly_the_jurisdiction,
    the_org_tree_nests_units_with_their_accounts,
    unit_edits_need_the_current_version,
    unit_admins_create_handlers_in_their_own_unit_only,
    employers_create_applicants_with_valid_id_numbers,
    a_reset_unlocks_and_forces_a_change,
    disabling_an_account_ends_its_sessions,
    the_auditor_reads_exports_and_verifies_the_log,
);
