//! The authorization matrix: every account kind × {own unit, a unit below, a sibling unit, a
//! parent unit} × every endpoint that takes a unit or an account as its target, plus anonymous
//! callers. Targets are fixed around the city HRSS: own = 示范市人社局, below = 示范市卫生健康局,
//! sibling = 示范省工业和信息化厅, parent = 示范省人社厅. The expectations are written out by
//! hand, not computed from the code under test.

use serde_json::{json, Value};

use crate::{
    db_tests,
    helpers::{spawn_app, Backend, TestApp},
    org::{account_id, unit_id},
};

const OWN: &str = "示范市人力资源和社会保障局";
const BELOW: &str = "示范市卫生健康局";
const SIBLING: &str = "示范省工业和信息化厅";
const PARENT: &str = "示范省人力资源和社会保障厅";
/// The unit account of each target unit, in the same order.
const TARGET_ACCOUNTS: [&str; 4] = [
    "city_hrss_unit",
    "city_dept_unit",
    "prov_dept_unit",
    "prov_hrss_unit",
];

/// (caller, [own, below, sibling, parent]) expected statuses per endpoint.
type Row = (&'static str, [u16; 4]);

const TREE: &[Row] = &[
    ("city_hrss_unit", [200, 200, 404, 404]),
    ("city_hrss_admin", [200, 200, 404, 404]),
    ("city_hrss_handler", [200, 200, 404, 404]),
    ("520101198506152344", [403, 403, 403, 403]),
    ("expert_demo", [403, 403, 403, 403]),
    ("pr_county_2026_001", [403, 403, 403, 403]),
    ("sysadmin", [200, 200, 200, 200]),
    ("secadmin", [200, 200, 200, 200]),
    ("auditor", [403, 403, 403, 403]),
];

const ACCOUNTS_OF_UNIT: &[Row] = &[
    ("city_hrss_unit", [200, 200, 404, 404]),
    ("city_hrss_admin", [200, 200, 404, 404]),
    ("city_hrss_handler", [200, 200, 404, 404]),
    ("520101198506152344", [403, 403, 403, 403]),
    ("expert_demo", [403, 403, 403, 403]),
    ("pr_county_2026_001", [403, 403, 403, 403]),
    ("sysadmin", [200, 200, 200, 200]),
    ("secadmin", [403, 403, 403, 403]),
    ("auditor", [403, 403, 403, 403]),
];

/// `PATCH /api/v1/units/{id}` (no-op edit with the current version).
const EDIT_UNIT: &[Row] = &[
    ("city_hrss_unit", [403, 200, 404, 404]),
    ("city_hrss_admin", [403, 403, 403, 403]),
    ("city_hrss_handler", [403, 200, 404, 404]),
    ("520101198506152344", [403, 403, 403, 403]),
    ("expert_demo", [403, 403, 403, 403]),
    ("pr_county_2026_001", [403, 403, 403, 403]),
    ("sysadmin", [200, 200, 200, 403]),
    ("secadmin", [403, 403, 403, 403]),
    ("auditor", [403, 403, 403, 403]),
];

/// `POST /api/v1/accounts/{id}/reset-password` on the target unit's own account.
const RESET: &[Row] = &[
    ("city_hrss_unit", [403, 403, 404, 404]),
    ("city_hrss_admin", [200, 403, 404, 404]),
    ("city_hrss_handler", [403, 403, 404, 404]),
    ("520101198506152344", [403, 403, 403, 403]),
    ("expert_demo", [403, 403, 403, 403]),
    ("pr_county_2026_001", [403, 403, 403, 403]),
    ("sysadmin", [200, 200, 200, 200]),
    ("secadmin", [403, 403, 403, 403]),
    ("auditor", [403, 403, 403, 403]),
];

/// `POST /api/v1/accounts` creating a handler in the target unit.
const CREATE_HANDLER: &[Row] = &[
    ("city_hrss_unit", [403, 403, 404, 404]),
    ("city_hrss_admin", [201, 403, 404, 404]),
    ("city_hrss_handler", [403, 403, 404, 404]),
    ("520101198506152344", [403, 403, 403, 403]),
    ("expert_demo", [403, 403, 403, 403]),
    ("pr_county_2026_001", [403, 403, 403, 403]),
    ("sysadmin", [201, 201, 201, 201]),
    ("secadmin", [403, 403, 403, 403]),
    ("auditor", [403, 403, 403, 403]),
];

struct Targets {
    units: [i64; 4],
    accounts: [i64; 4],
}

async fn targets(app: &TestApp) -> Targets {
    let mut units = [0; 4];
    for (i, name) in [OWN, BELOW, SIBLING, PARENT].into_iter().enumerate() {
        units[i] = unit_id(app, name).await;
    }
    let mut accounts = [0; 4];
    for (i, name) in TARGET_ACCOUNTS.into_iter().enumerate() {
        accounts[i] = account_id(app, name).await;
    }
    Targets { units, accounts }
}

async fn unit_version(app: &TestApp, id: i64) -> i64 {
    use backend::db::schema::units;
    use diesel::prelude::*;
    app.db
        .run(move |conn| {
            Ok(units::table
                .find(id)
                .select(units::version)
                .first::<i64>(conn)?)
        })
        .await
        .expect("version")
}

/// Asserts a status and that a refusal leaks nothing but the envelope.
async fn check(res: reqwest::Response, expected: u16, what: &str) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    assert_eq!(status, expected, "{what}: {body}");
    if status >= 400 {
        assert_eq!(
            body.as_object().map(|o| o.len()),
            Some(2),
            "{what}: only the envelope: {body}"
        );
    }
}

async fn every_kind_against_every_relation(backend: Backend) {
    let app = spawn_app(backend).await;
    let t = targets(&app).await;
    let callers: Vec<&str> = TREE.iter().map(|(c, _)| *c).collect();

    for (n, caller) in callers.iter().enumerate() {
        let token = app.login_as(caller).await.access_token;
        for i in 0..4 {
            let unit = t.units[i];
            let what = |e: &str| format!("{caller} {e} target #{i}");
            check(
                app.get_as(&token, &format!("/api/v1/org/tree?root={unit}&depth=0"))
                    .await,
                TREE[n].1[i],
                &what("tree"),
            )
            .await;
            check(
                app.get_as(&token, &format!("/api/v1/accounts?unit_id={unit}"))
                    .await,
                ACCOUNTS_OF_UNIT[n].1[i],
                &what("accounts"),
            )
            .await;
            let version = unit_version(&app, unit).await;
            let res = app
                .client
                .patch(app.url(&format!("/api/v1/units/{unit}")))
                .bearer_auth(&token)
                .json(&json!({"version": version}))
                .send()
                .await
                .expect("req");
            check(res, EDIT_UNIT[n].1[i], &what("edit unit")).await;
            let body = json!({"username": format!("m_{n}_{i}"), "display_name": "矩阵", "kind": "handler", "unit_id": unit});
            check(
                app.post_as(&token, "/api/v1/accounts", &body).await,
                CREATE_HANDLER[n].1[i],
                &what("create handler"),
            )
            .await;
        }
        // Resets last: they end the target's sessions, and callers reset each other's units.
        for i in 0..4 {
            let url = format!("/api/v1/accounts/{}/reset-password", t.accounts[i]);
            check(
                app.post_as(&token, &url, &json!({})).await,
                RESET[n].1[i],
                &format!("{caller} reset #{i}"),
            )
            .await;
        }
    }
}

async fn anonymous_callers_get_401_everywhere(backend: Backend) {
    let app = spawn_app(backend).await;
    let t = targets(&app).await;
    let unit = t.units[0];

    for (method, path) in [
        ("GET", format!("/api/v1/org/tree?root={unit}")),
        ("GET", "/api/v1/units".to_owned()),
        ("GET", format!("/api/v1/accounts?unit_id={unit}")),
        ("PATCH", format!("/api/v1/units/{unit}")),
        ("POST", "/api/v1/accounts".to_owned()),
        ("POST", "/api/v1/units".to_owned()),
        (
            "POST",
            format!("/api/v1/accounts/{}/reset-password", t.accounts[0]),
        ),
        ("GET", "/api/v1/audit".to_owned()),
        ("POST", "/api/v1/audit/verify".to_owned()),
        ("GET", "/api/v1/auth/me".to_owned()),
    ] {
        let req = match method {
            "GET" => app.client.get(app.url(&path)),
            "PATCH" => app
                .client
                .patch(app.url(&path))
                .json(&json!({"version": 1})),
            _ => app.client.post(app.url(&path)).json(&json!({})),
        };
        check(
            req.send().await.expect("req"),
            401,
            &format!("anonymous {method} {path}"),
        )
        .await;
    }
}

/// The endpoints without a target: which kinds pass the module gate. Columns, in order:
const GATED: [(&str, &str); 12] = [
    ("GET", "/api/v1/units"),
    ("GET", "/api/v1/accounts"),
    ("GET", "/api/v1/audit"),
    ("GET", "/api/v1/audit/export"),
    ("POST", "/api/v1/audit/verify"),
    ("GET", "/api/v1/business-roles"),
    ("GET", "/api/v1/unit-roles"),
    ("GET", "/api/v1/security-policy"),
    ("GET", "/api/v1/affiliation-requests"),
    ("GET", "/api/v1/affiliation-candidates"),
    ("GET", "/api/v1/auth/me"),
    // An empty batch: allowed callers get 422 (no rows), the others 403.
    ("POST", "/api/v1/accounts/bulk?dry_run=true"),
];

const GATES: &[(&str, [u16; 12])] = &[
    (
        "city_hrss_unit",
        [200, 200, 403, 403, 403, 403, 403, 403, 200, 200, 200, 422],
    ),
    (
        "city_hrss_admin",
        // GET /unit-roles: an HRSS unit administrator lists the delegated roles (§5.5).
        [200, 200, 403, 403, 403, 200, 200, 403, 403, 403, 200, 422],
    ),
    (
        "city_hrss_handler",
        [200, 200, 403, 403, 403, 403, 403, 403, 200, 200, 200, 422],
    ),
    (
        "520101198506152344",
        [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403],
    ),
    (
        "expert_demo",
        [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403],
    ),
    (
        "pr_county_2026_001",
        [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403],
    ),
    (
        "sysadmin",
        [200, 200, 403, 403, 403, 403, 403, 403, 200, 200, 200, 422],
    ),
    (
        "secadmin",
        [200, 403, 403, 403, 403, 200, 200, 200, 403, 403, 200, 403],
    ),
    (
        "auditor",
        [403, 403, 200, 200, 200, 403, 403, 403, 403, 403, 200, 403],
    ),
];

async fn every_kind_against_every_gated_endpoint(backend: Backend) {
    let app = spawn_app(backend).await;

    for (caller, expected) in GATES {
        let token = app.login_as(caller).await.access_token;
        for ((method, path), want) in GATED.iter().zip(expected) {
            let req = match *method {
                "GET" => app.client.get(app.url(path)),
                _ => app.client.post(app.url(path)).json(&json!({"rows": []})),
            };
            let res = req.bearer_auth(&token).send().await.expect("req");
            let status = res.status().as_u16();
            let body = res.text().await.unwrap_or_default();
            assert_eq!(status, *want, "{caller} {method} {path}: {body}");
        }
    }
    for (method, path) in GATED {
        let req = match method {
            "GET" => app.client.get(app.url(path)),
            _ => app.client.post(app.url(path)).json(&json!({"rows": []})),
        };
        check(
            req.send().await.expect("req"),
            401,
            &format!("anonymous {method} {path}"),
        )
        .await;
    }
}

/// The workflow's module-gated endpoints (issue 4). Columns, in order:
const WORKFLOW_GATED: [(&str, &str); 7] = [
    ("GET", "/api/v1/publicity-batches"),
    ("GET", "/api/v1/review-authority-filings"),
    (
        "GET",
        "/api/v1/committees/assignable?series=school_teachers&level=intermediate&specialty=x",
    ),
    ("GET", "/api/v1/policy-reviewers"),
    ("GET", "/api/v1/unit-attachments"),
    ("GET", "/api/v1/applications?per_page=1"),
    ("GET", "/api/v1/calendar?year=2026"),
];

const WORKFLOW_GATES: &[(&str, [u16; 7])] = &[
    ("county_hrss_unit", [200, 200, 200, 200, 403, 200, 200]),
    ("county_hrss_handler", [200, 200, 200, 200, 403, 200, 200]),
    ("county_hrss_admin", [403, 403, 403, 200, 403, 200, 200]),
    ("county_dept_unit", [403, 200, 403, 200, 403, 200, 200]),
    ("county_emp_unit", [200, 200, 403, 200, 200, 200, 200]),
    ("520101198506152344", [403, 403, 403, 403, 403, 200, 200]),
    ("pr_county_2026_001", [200, 403, 403, 403, 403, 200, 200]),
    ("expert_demo", [403, 403, 403, 403, 403, 200, 200]),
    ("sysadmin", [403, 403, 403, 403, 403, 200, 200]),
    ("auditor", [403, 403, 403, 403, 403, 200, 200]),
];

async fn every_kind_against_the_workflow_endpoints(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut seen = Vec::new();
    for (caller, expected) in WORKFLOW_GATES {
        let token = app.login_as(caller).await.access_token;
        let mut row = Vec::new();
        for (_, path) in WORKFLOW_GATED {
            let res = app.get_as(&token, path).await;
            row.push(res.status().as_u16());
        }
        seen.push(format!("{caller}: {row:?}"));
        assert_eq!(&row, expected, "{caller}: {seen:?}");
    }
    for (_, path) in WORKFLOW_GATED {
        check(app.get(path).await, 401, &format!("anonymous GET {path}")).await;
    }
}

/// Who reads one application (the demo's application in superior review at the county HRSS):
/// its employer's line of units, not a sibling branch, not the administrators.
async fn every_kind_reads_an_application_only_in_its_jurisdiction(backend: Backend) {
    let app = spawn_app(backend).await;
    let school = app.login_as("county_emp_unit").await.access_token;
    let page: Value = app
        .get_as(&school, "/api/v1/applications?stage=superior_review")
        .await
        .json()
        .await
        .expect("page");
    let id = page["items"][0]["id"].as_i64().expect("a demo application");
    for (caller, want) in [
        ("county_emp_unit", 200),
        ("county_emp_handler", 200),
        ("county_dept_unit", 200),
        ("county_hrss_unit", 200),
        ("city_hrss_unit", 200),
        ("prov_hrss_unit", 200),
        ("city_emp_unit", 404),
        ("city_dept_unit", 404),
        ("prov_dept_unit", 404),
        ("county_emp_admin", 404),
        ("520121199001011239", 404),
        ("pr_county_2026_001", 404),
        ("expert_demo", 404),
        ("sysadmin", 404),
        ("secadmin", 404),
        ("auditor", 404),
    ] {
        let token = app.login_as(caller).await.access_token;
        for path in [
            format!("/api/v1/applications/{id}"),
            format!("/api/v1/applications/{id}/timeline"),
            format!("/api/v1/applications/{id}/attachments"),
        ] {
            let res = app.get_as(&token, &path).await;
            assert_eq!(res.status().as_u16(), want, "{caller} GET {path}");
        }
    }
}

/// Who reads a draft never submitted (the demo's 陈草稿 at the county employer): its applicant
/// only — not its employer, the line above, reviewers or administrators (issue 9 point 11).
async fn every_kind_reads_a_private_draft_only_as_its_applicant(backend: Backend) {
    use backend::db::schema::{accounts, applications};
    use diesel::prelude::*;
    let app = spawn_app(backend).await;
    let (id, owner): (i64, String) = app
        .db
        .run(|conn| {
            // The owner signs in with its ID number (the username is stored as its key).
            let (id, owner): (i64, Option<String>) = applications::table
                .inner_join(accounts::table.on(accounts::id.eq(applications::applicant_id)))
                .filter(applications::name.eq("陈草稿"))
                .select((applications::id, accounts::id_number))
                .first(conn)?;
            Ok((id, owner.unwrap_or_default()))
        })
        .await
        .expect("the demo draft");
    let mut callers: Vec<(String, u16)> = vec![(owner, 200)];
    for other in [
        APPLICANT_ELSEWHERE,
        "520121199001011239",
        "county_emp_unit",
        "county_emp_handler",
        "county_emp_admin",
        "county_dept_unit",
        "county_hrss_unit",
        "city_hrss_unit",
        "prov_hrss_unit",
        "pr_county_2026_001",
        "expert_demo",
        "sysadmin",
        "secadmin",
        "auditor",
    ] {
        callers.push((other.to_owned(), 404));
    }
    for (caller, want) in callers {
        let token = app.login_as(&caller).await.access_token;
        for path in [
            format!("/api/v1/applications/{id}"),
            format!("/api/v1/applications/{id}/timeline"),
            format!("/api/v1/applications/{id}/attachments"),
        ] {
            let res = app.get_as(&token, &path).await;
            assert_eq!(res.status().as_u16(), want, "{caller} GET {path}");
        }
        let page: Value = app
            .get_as(&token, "/api/v1/applications?stage=draft&per_page=100")
            .await
            .json()
            .await
            .expect("page");
        let listed = page["items"]
            .as_array()
            .is_some_and(|items| items.iter().any(|i| i["id"].as_i64() == Some(id)));
        assert_eq!(listed, want == 200, "{caller} lists it");
    }
}

/// During the review (issue 10): a session of the demo committee (organised by the county
/// HRSS) in `reviewing`, its leader `exp_lead` and expert `exp_b` signed in. Columns, in order:
/// the attendance sheet, the blind opinions, group 1's distribution screen, an application's
/// review progress, a sign-in with a stale version (409 = authorised), the expert's home.
const ONLINE_REVIEW: &[(&str, [u16; 6])] = &[
    // The organising unit (own).
    ("county_hrss_unit", [200, 200, 200, 200, 409, 403]),
    ("county_hrss_admin", [403, 403, 403, 404, 403, 403]),
    // The HRSS above (parent, grandparent): read, never act.
    ("city_hrss_unit", [200, 200, 200, 200, 403, 403]),
    ("prov_hrss_unit", [200, 200, 200, 200, 403, 403]),
    // A unit below the organiser and one of a sibling branch: not theirs.
    ("county_dept_unit", [403, 403, 403, 200, 403, 403]),
    ("city_dept_unit", [403, 403, 403, 404, 403, 403]),
    // Experts: the signed-in leader, a signed-in member, an expert of no session.
    ("exp_lead", [403, 200, 200, 404, 403, 200]),
    ("exp_b", [403, 200, 403, 404, 403, 200]),
    ("expert_demo", [403, 404, 404, 404, 403, 200]),
    // The applicant of the application, a policy reviewer in scope, administrators.
    ("applicant", [403, 403, 403, 200, 403, 403]),
    ("pr_county_2026_001", [403, 403, 403, 200, 403, 403]),
    ("sysadmin", [403, 403, 403, 404, 403, 403]),
    ("auditor", [403, 403, 403, 404, 403, 403]),
];

async fn every_kind_against_the_online_review(backend: Backend) {
    use crate::online_review as review;
    let app = spawn_app(backend).await;
    let fx = review::setup(&app, true, true).await;
    let org = app.login_as(review::ORGANISER).await.access_token;
    for se in [fx.se[0], fx.se[1]] {
        assert_eq!(review::attend(&app, &org, &fx, se, true).await.0, 200);
    }
    let paths = [
        format!("/api/v1/review-sessions/{}/attendance", fx.session),
        format!("/api/v1/review-sessions/{}/blind-opinions", fx.session),
        format!("/api/v1/review-groups/{}/distribution", fx.groups[0]),
        format!("/api/v1/applications/{}/review-progress", fx.apps[0]),
        format!("/api/v1/review-sessions/{}/attendance/sign-in", fx.session),
        "/api/v1/me/expert-tasks".to_owned(),
    ];
    for (caller, expected) in ONLINE_REVIEW {
        let username = if *caller == "applicant" {
            fx.applicant_ids[0].as_str()
        } else {
            caller
        };
        let token = app.login_as(username).await.access_token;
        let mut row = [0_u16; 6];
        for (i, path) in paths.iter().enumerate() {
            let res = if i == 4 {
                app.post_as(
                    &token,
                    path,
                    &json!({"session_expert_id": fx.se[2], "version": 0}),
                )
                .await
            } else {
                app.get_as(&token, path).await
            };
            row[i] = res.status().as_u16();
            if row[i] >= 400 {
                check(res, row[i], &format!("{caller} {path}")).await;
            }
        }
        assert_eq!(&row, expected, "{caller}");
    }
    for (i, path) in paths.iter().enumerate() {
        let res = if i == 4 {
            app.post_json(path, &json!({"session_expert_id": fx.se[2], "version": 0}))
                .await
        } else {
            app.get(path).await
        };
        check(res, 401, &format!("anonymous {path}")).await;
    }
}

const APPLICANT_ELSEWHERE: &str = "520101198506152344";

// The work calendar's export (the kit's 导出 on 工作日历): the calendar is one for the whole
// platform, so there is no own/below/sibling/parent unit; every signed-in kind reads it, as
// it reads the list, and nobody anonymous.
const CALENDAR_EXPORT: &str = "/api/v1/calendar/export?year=2026";

async fn every_kind_exports_the_calendar_as_it_reads_it(backend: Backend) {
    let app = spawn_app(backend).await;
    for (caller, expected) in WORKFLOW_GATES {
        let token = app.login_as(caller).await.access_token;
        let res = app.get_as(&token, CALENDAR_EXPORT).await;
        // The list's column of the workflow table says who reads the calendar.
        assert_eq!(
            res.status().as_u16(),
            expected[6],
            "{caller} GET {CALENDAR_EXPORT}"
        );
    }
    check(
        app.get(CALENDAR_EXPORT).await,
        401,
        "anonymous calendar export",
    )
    .await;
}

/// Issue 10, the expert pool: pre-entry into (`POST /api/v1/experts`) and a pool update filing
/// for (`POST /api/v1/pool-updates`) a committee organised by the target unit.
const PRE_ENTRY: &[Row] = &[
    ("city_hrss_unit", [201, 201, 404, 404]),
    ("city_hrss_admin", [403, 403, 403, 403]),
    ("city_hrss_handler", [201, 201, 404, 404]),
    ("520101198506152344", [403, 403, 403, 403]),
    ("expert_demo", [403, 403, 403, 403]),
    ("pr_county_2026_001", [403, 403, 403, 403]),
    ("sysadmin", [403, 403, 403, 403]),
    ("secadmin", [403, 403, 403, 403]),
    ("auditor", [403, 403, 403, 403]),
];

/// Only the organising unit itself files pool updates.
const POOL_UPDATE: &[Row] = &[
    ("city_hrss_unit", [201, 403, 403, 403]),
    ("city_hrss_admin", [403, 403, 403, 403]),
    ("city_hrss_handler", [201, 403, 403, 403]),
    ("520101198506152344", [403, 403, 403, 403]),
    ("expert_demo", [403, 403, 403, 403]),
    ("pr_county_2026_001", [403, 403, 403, 403]),
    ("sysadmin", [403, 403, 403, 403]),
    ("secadmin", [403, 403, 403, 403]),
    ("auditor", [403, 403, 403, 403]),
];

async fn every_kind_against_the_expert_pool(backend: Backend) {
    let app = spawn_app(backend).await;
    let t = targets(&app).await;
    let school = unit_id(&app, "示范县第一中学").await;
    let mut committees = [0; 4];
    for (i, unit) in t.units.iter().enumerate() {
        committees[i] = crate::experts::committee_of(&app, *unit, &format!("矩阵评委会{i}")).await;
    }
    let mut seq = 1;
    for (table, path) in [
        (PRE_ENTRY, "/api/v1/experts"),
        (POOL_UPDATE, "/api/v1/pool-updates"),
    ] {
        for (caller, expected) in table {
            let token = app.login_as(caller).await.access_token;
            for (i, want) in expected.iter().enumerate() {
                seq += 2;
                let id = crate::experts::id_number(9, seq);
                let e = crate::experts::entry(&app, "矩阵专家", &id, school, 30);
                let body = if path == "/api/v1/experts" {
                    json!({"committee_id": committees[i], "entry": e})
                } else {
                    json!({"committee_id": committees[i], "items": [
                        {"action": "add", "entry": e, "reason": "矩阵"}
                    ]})
                };
                check(
                    app.post_as(&token, path, &body).await,
                    *want,
                    &format!("{caller} POST {path} committee of target {i}"),
                )
                .await;
            }
        }
    }
}

/// Issue 10, recommendation proof files: a recommendation by 示范县第一中学 to a committee the
/// target unit organises, with one file. Reading = listing and downloading its files: the
/// recommender and the deciding side (the organising unit, an HRSS above it).
const RECOMMENDATION_FILES_READ: &[Row] = &[
    ("city_hrss_unit", [200, 200, 404, 404]),
    ("city_hrss_admin", [403, 403, 403, 403]),
    ("city_hrss_handler", [200, 200, 404, 404]),
    ("520101198506152344", [403, 403, 403, 403]),
    ("expert_demo", [403, 403, 403, 403]),
    ("pr_county_2026_001", [403, 403, 403, 403]),
    ("sysadmin", [403, 403, 403, 403]),
    ("secadmin", [403, 403, 403, 403]),
    ("auditor", [403, 403, 403, 403]),
    ("county_emp_unit", [200, 200, 200, 200]),
];

/// Uploading to it (and deleting: 204 where the upload is 201, else the same refusal): the
/// recommending unit only.
const RECOMMENDATION_FILES_CHANGE: &[Row] = &[
    ("city_hrss_unit", [403, 403, 404, 404]),
    ("city_hrss_admin", [403, 403, 403, 403]),
    ("city_hrss_handler", [403, 403, 404, 404]),
    ("520101198506152344", [403, 403, 403, 403]),
    ("expert_demo", [403, 403, 403, 403]),
    ("pr_county_2026_001", [403, 403, 403, 403]),
    ("sysadmin", [403, 403, 403, 403]),
    ("secadmin", [403, 403, 403, 403]),
    ("auditor", [403, 403, 403, 403]),
    ("county_emp_unit", [201, 201, 201, 201]),
];

async fn every_kind_against_the_recommendation_files(backend: Backend) {
    use crate::recommendation_files::{recommend, upload};
    let app = spawn_app(backend).await;
    let t = targets(&app).await;
    let emp = app.token("county_emp_unit").await;
    let mut recs = [0_i64; 4];
    let mut files = [0_i64; 4];
    for (i, unit) in t.units.iter().enumerate() {
        let c = crate::experts::committee_of(&app, *unit, &format!("矩阵评委会{i}")).await;
        recs[i] = recommend(&app, &emp, c, 101 + 2 * i as u32).await["id"]
            .as_i64()
            .expect("recommendation");
        let pdf = crate::attachments::pdf(100);
        files[i] = upload(&app, &emp, recs[i], "seed.pdf", pdf).await.2["id"]
            .as_i64()
            .expect("file");
    }
    for ((caller, read), (_, change)) in RECOMMENDATION_FILES_READ
        .iter()
        .zip(RECOMMENDATION_FILES_CHANGE)
    {
        let token = app.login_as(caller).await.access_token;
        for i in 0..4 {
            let base = format!("/api/v1/expert-recommendations/{}/files", recs[i]);
            let what = |e: &str| format!("{caller} {e} recommendation files of target {i}");
            check(app.get_as(&token, &base).await, read[i], &what("list")).await;
            let res = app
                .get_as(&token, &format!("{base}/{}/content", files[i]))
                .await;
            assert_eq!(res.status().as_u16(), read[i], "{}", what("download"));
            let pdf = crate::attachments::pdf(100);
            let (status, _, body) = upload(&app, &token, recs[i], "m.pdf", pdf).await;
            assert_eq!(status, change[i], "{}: {body}", what("upload"));
            let (target, want) = match body["id"].as_i64() {
                Some(own) => (own, 204),
                None => (files[i], change[i]),
            };
            let res = app
                .client
                .delete(app.url(&format!("{base}/{target}")))
                .bearer_auth(&token)
                .send()
                .await
                .expect("delete");
            assert_eq!(res.status().as_u16(), want, "{}", what("delete"));
        }
    }
    let base = format!("/api/v1/expert-recommendations/{}/files", recs[0]);
    for (method, path) in [
        ("GET", base.clone()),
        ("GET", format!("{base}/{}/content", files[0])),
        ("POST", format!("{base}?file_name=a.pdf")),
        ("DELETE", format!("{base}/{}", files[0])),
    ] {
        let req = match method {
            "GET" => app.client.get(app.url(&path)),
            "DELETE" => app.client.delete(app.url(&path)),
            _ => app
                .client
                .post(app.url(&path))
                .body(crate::attachments::pdf(100)),
        };
        check(
            req.send().await.expect("req"),
            401,
            &format!("anonymous {method} {path}"),
        )
        .await;
    }
}

db_tests!(
    every_kind_against_the_recommendation_files,
    every_kind_against_the_expert_pool,
    every_kind_reads_a_private_draft_only_as_its_applicant,
    every_kind_against_every_relation,
    every_kind_against_every_gated_endpoint,
    anonymous_callers_get_401_everywhere,
    every_kind_against_the_workflow_endpoints,
    every_kind_reads_an_application_only_in_its_jurisdiction,
    every_kind_exports_the_calendar_as_it_reads_it,
    every_kind_against_the_review_sessions,
    every_kind_against_the_rule_settings,
    every_kind_against_the_online_review,
    every_kind_against_the_votes,
    every_kind_against_the_review_filings
);

// ---- Review sessions (issue 10 part 2) ----

/// `GET /api/v1/review-sessions/{id}` (and its draw record, `…/{id}/draws`) of a session whose
/// committee the target unit organises.
const SESSION_READ: &[Row] = &[
    ("city_hrss_unit", [200, 200, 404, 404]),
    ("city_hrss_admin", [403, 403, 403, 403]),
    ("city_hrss_handler", [200, 200, 404, 404]),
    ("520101198506152344", [403, 403, 403, 403]),
    ("expert_demo", [404, 404, 404, 404]),
    ("pr_county_2026_001", [403, 403, 403, 403]),
    ("sysadmin", [403, 403, 403, 403]),
    ("secadmin", [403, 403, 403, 403]),
    ("auditor", [403, 403, 403, 403]),
];

/// `PATCH /api/v1/review-sessions/{id}` (no-op with the current version): the organiser only.
const SESSION_CHANGE: &[Row] = &[
    ("city_hrss_unit", [200, 403, 404, 404]),
    ("city_hrss_admin", [403, 403, 403, 403]),
    ("city_hrss_handler", [200, 403, 404, 404]),
    ("520101198506152344", [403, 403, 403, 403]),
    ("expert_demo", [403, 403, 403, 403]),
    ("pr_county_2026_001", [403, 403, 403, 403]),
    ("sysadmin", [403, 403, 403, 403]),
    ("secadmin", [403, 403, 403, 403]),
    ("auditor", [403, 403, 403, 403]),
];

/// One session per target unit (below = the demo committee of the county HRSS).
async fn session_targets(app: &TestApp) -> [i64; 4] {
    use backend::db::schema::{committees, review_sessions};
    use diesel::prelude::*;
    let below = unit_id(app, "示范县人力资源和社会保障局").await;
    let mut out = [0; 4];
    for (i, name) in [OWN, "", SIBLING, PARENT].into_iter().enumerate() {
        let unit = if i == 1 {
            below
        } else {
            unit_id(app, name).await
        };
        out[i] = app
            .db
            .run(move |conn| {
                let creator: i64 = backend::db::schema::accounts::table
                    .select(backend::db::schema::accounts::id)
                    .first(conn)?;
                let now = chrono::Utc::now().naive_utc();
                let existing: Option<i64> = committees::table
                    .filter(committees::unit_id.eq(unit))
                    .select(committees::id)
                    .first(conn)
                    .optional()?;
                let committee = match existing {
                    Some(c) => c,
                    None => diesel::insert_into(committees::table)
                        .values((
                            committees::unit_id.eq(unit),
                            committees::name.eq(format!("矩阵评委会{i}")),
                            committees::series.eq("school_teachers"),
                            committees::created_by.eq(creator),
                            committees::created_at.eq(now),
                        ))
                        .returning(committees::id)
                        .get_result(conn)?,
                };
                Ok(diesel::insert_into(review_sessions::table)
                    .values((
                        review_sessions::committee_id.eq(committee),
                        review_sessions::year.eq(2026),
                        review_sessions::name.eq("矩阵评审会"),
                        review_sessions::session_date.eq(now.date()),
                        review_sessions::status.eq("setup"),
                        review_sessions::created_by.eq(creator),
                        review_sessions::created_at.eq(now),
                        review_sessions::updated_at.eq(now),
                    ))
                    .returning(review_sessions::id)
                    .get_result(conn)?)
            })
            .await
            .expect("session target");
    }
    out
}

async fn every_kind_against_the_review_sessions(backend: Backend) {
    let app = spawn_app(backend).await;
    let sessions = session_targets(&app).await;
    for (n, (caller, _)) in SESSION_READ.iter().enumerate() {
        let token = app.login_as(caller).await.access_token;
        for (i, id) in sessions.iter().enumerate() {
            let what = |e: &str| format!("{caller} {e} session #{i}");
            check(
                app.get_as(&token, &format!("/api/v1/review-sessions/{id}"))
                    .await,
                SESSION_READ[n].1[i],
                &what("read"),
            )
            .await;
            check(
                app.get_as(&token, &format!("/api/v1/review-sessions/{id}/draws"))
                    .await,
                SESSION_READ[n].1[i],
                &what("draw record"),
            )
            .await;
            let sid = *id;
            let version: i64 = app
                .db
                .run(move |conn| {
                    use backend::db::schema::review_sessions;
                    use diesel::prelude::*;
                    Ok(review_sessions::table
                        .find(sid)
                        .select(review_sessions::version)
                        .first(conn)?)
                })
                .await
                .expect("version");
            let res = app
                .client
                .patch(app.url(&format!("/api/v1/review-sessions/{id}")))
                .bearer_auth(&token)
                .json(&json!({"version": version}))
                .send()
                .await
                .expect("req");
            check(res, SESSION_CHANGE[n].1[i], &what("change")).await;
        }
    }
    for path in [
        format!("/api/v1/review-sessions/{}", sessions[0]),
        "/api/v1/review-sessions".to_owned(),
        "/api/v1/session-rules".to_owned(),
        "/api/v1/vote-rules".to_owned(),
        "/api/v1/draws/1/verify".to_owned(),
        format!("/api/v1/review-sessions/{}/draws", sessions[0]),
    ] {
        check(app.get(&path).await, 401, &format!("anonymous GET {path}")).await;
    }
}

/// The system administrator's rules: `GET` and `PUT` (the defaults again) of
/// `/api/v1/session-rules` and `/api/v1/vote-rules`. Columns in that order.
const RULE_SETTINGS: [(&str, &str); 4] = [
    ("GET", "/api/v1/session-rules"),
    ("PUT", "/api/v1/session-rules"),
    ("GET", "/api/v1/vote-rules"),
    ("PUT", "/api/v1/vote-rules"),
];

const RULES: &[(&str, [u16; 4])] = &[
    ("city_hrss_unit", [403; 4]),
    ("city_hrss_admin", [403; 4]),
    ("city_hrss_handler", [403; 4]),
    ("520101198506152344", [403; 4]),
    ("expert_demo", [403; 4]),
    ("pr_county_2026_001", [403; 4]),
    ("sysadmin", [200; 4]),
    ("secadmin", [403; 4]),
    ("auditor", [403; 4]),
];

async fn every_kind_against_the_rule_settings(backend: Backend) {
    let app = spawn_app(backend).await;
    let body = |path: &str| {
        if path.ends_with("vote-rules") {
            json!(shared::votes::VoteRules::default())
        } else {
            json!(shared::sessions::SessionRules::default())
        }
    };
    for (caller, expected) in RULES {
        let token = app.login_as(caller).await.access_token;
        for ((method, path), want) in RULE_SETTINGS.iter().zip(expected) {
            let req = match *method {
                "GET" => app.client.get(app.url(path)),
                _ => app.client.put(app.url(path)).json(&body(path)),
            };
            let res = req.bearer_auth(&token).send().await.expect("req");
            check(res, *want, &format!("{caller} {method} {path}")).await;
        }
    }
    for (method, path) in RULE_SETTINGS {
        let req = match method {
            "GET" => app.client.get(app.url(path)),
            _ => app.client.put(app.url(path)).json(&body(path)),
        };
        check(
            req.send().await.expect("req"),
            401,
            &format!("anonymous {method} {path}"),
        )
        .await;
    }
}

// ---- Votes (issue 11) ----

/// The votes on the review fixture (a session in `reviewing`; `exp_lead`, the leader of group
/// 1 and the director, and `exp_b`, of group 1 with no committee position, signed in).
/// Columns: group 1's vote; the committee vote; open it (stale version: 409 = authorised);
/// ballots (an empty list); tally (stale version); the vote sheet; its XLSX; the tally
/// results; their XLSX; open, vote in and close group 1's vote (stale versions, no votes).
const VOTES: &[(&str, [u16; 12])] = &[
    // The organising unit: reads, opens the committee vote and tallies; never votes.
    (
        "county_hrss_unit",
        [200, 200, 409, 403, 409, 409, 409, 200, 200, 403, 403, 403],
    ),
    ("county_hrss_admin", [403; 12]),
    // The HRSS above (parent, grandparent): read, never act.
    (
        "city_hrss_unit",
        [200, 200, 403, 403, 403, 409, 409, 200, 200, 403, 403, 403],
    ),
    (
        "prov_hrss_unit",
        [200, 200, 403, 403, 403, 409, 409, 200, 200, 403, 403, 403],
    ),
    // A unit below the organiser and one of a sibling branch.
    ("county_dept_unit", [403; 12]),
    ("city_dept_unit", [403; 12]),
    // The signed-in leader and director; a member of group 1 outside the committee; an
    // expert of no session.
    (
        "exp_lead",
        [200, 200, 403, 409, 409, 409, 409, 403, 403, 409, 409, 409],
    ),
    (
        "exp_b",
        [200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 409, 403],
    ),
    (
        "expert_demo",
        [404, 404, 403, 404, 404, 404, 404, 403, 403, 404, 404, 404],
    ),
    // The applicant, a policy reviewer in scope, administrators.
    ("applicant", [403; 12]),
    ("pr_county_2026_001", [403; 12]),
    ("sysadmin", [403; 12]),
    ("auditor", [403; 12]),
];

async fn every_kind_against_the_votes(backend: Backend) {
    use crate::online_review as review;
    let app = spawn_app(backend).await;
    let fx = review::setup(&app, false, false).await;
    let org = app.login_as(review::ORGANISER).await.access_token;
    for se in [fx.se[0], fx.se[1]] {
        assert_eq!(review::attend(&app, &org, &fx, se, true).await.0, 200);
    }
    let (s, g) = (fx.session, fx.groups[0]);
    let stale = json!({"version": 0});
    let none = json!({"votes": []});
    let calls: [(&str, String, Option<&Value>); 12] = [
        ("GET", format!("/api/v1/review-groups/{g}/group-vote"), None),
        (
            "GET",
            format!("/api/v1/review-sessions/{s}/committee-vote"),
            None,
        ),
        (
            "POST",
            format!("/api/v1/review-sessions/{s}/committee-vote/open"),
            Some(&stale),
        ),
        (
            "POST",
            format!("/api/v1/review-sessions/{s}/committee-vote/ballots"),
            Some(&none),
        ),
        (
            "POST",
            format!("/api/v1/review-sessions/{s}/tally"),
            Some(&stale),
        ),
        (
            "GET",
            format!("/api/v1/review-sessions/{s}/vote-sheet"),
            None,
        ),
        (
            "GET",
            format!("/api/v1/review-sessions/{s}/vote-sheet/export"),
            None,
        ),
        ("GET", format!("/api/v1/tally-results?session_id={s}"), None),
        (
            "GET",
            format!("/api/v1/tally-results/export?session_id={s}"),
            None,
        ),
        (
            "POST",
            format!("/api/v1/review-groups/{g}/group-vote/open"),
            Some(&stale),
        ),
        (
            "POST",
            format!("/api/v1/review-groups/{g}/group-vote/votes"),
            Some(&none),
        ),
        (
            "POST",
            format!("/api/v1/review-groups/{g}/group-vote/close"),
            Some(&stale),
        ),
    ];
    for (caller, expected) in VOTES {
        let username = if *caller == "applicant" {
            fx.applicant_ids[0].as_str()
        } else {
            caller
        };
        let token = app.login_as(username).await.access_token;
        let mut row = [0_u16; 12];
        for (i, (method, path, body)) in calls.iter().enumerate() {
            let res = match (method, body) {
                (&"POST", Some(b)) => app.post_as(&token, path, b).await,
                _ => app.get_as(&token, path).await,
            };
            row[i] = res.status().as_u16();
            if row[i] >= 400 {
                check(res, row[i], &format!("{caller} {method} {path}")).await;
            }
        }
        assert_eq!(&row, expected, "{caller}");
    }
    for (method, path, body) in &calls {
        let res = match (method, body) {
            (&"POST", Some(b)) => app.post_json(path, b).await,
            _ => app.get(path).await,
        };
        check(res, 401, &format!("anonymous {method} {path}")).await;
    }
}

// ---- Review filing (issue 11, §6.2.11) ----

/// `GET /api/v1/review-filings/{id}` of a submitted filing of a session whose committee the
/// target unit organises (below = the county HRSS's demo committee).
const FILING_READ: &[Row] = &[
    ("city_hrss_unit", [200, 200, 404, 404]),
    ("city_hrss_admin", [403, 403, 403, 403]),
    ("city_hrss_handler", [200, 200, 404, 404]),
    ("520101198506152344", [403, 403, 403, 403]),
    ("expert_demo", [403, 403, 403, 403]),
    ("pr_county_2026_001", [403, 403, 403, 403]),
    ("sysadmin", [403, 403, 403, 403]),
    ("secadmin", [403, 403, 403, 403]),
    ("auditor", [403, 403, 403, 403]),
];

/// `POST /api/v1/review-filings/{id}/decision` with a stale version (409 = authorised): only
/// the nearest HRSS above the organising unit audits — the city HRSS audits the county HRSS's
/// filing, not its own (the province audits that).
const FILING_DECIDE: &[Row] = &[
    ("city_hrss_unit", [403, 409, 404, 404]),
    ("city_hrss_admin", [403, 403, 403, 403]),
    ("city_hrss_handler", [403, 409, 404, 404]),
    ("520101198506152344", [403, 403, 403, 403]),
    ("expert_demo", [403, 403, 403, 403]),
    ("pr_county_2026_001", [403, 403, 403, 403]),
    ("sysadmin", [403, 403, 403, 403]),
    ("secadmin", [403, 403, 403, 403]),
    ("auditor", [403, 403, 403, 403]),
];

async fn every_kind_against_the_review_filings(backend: Backend) {
    use backend::db::schema::{accounts, review_filings, review_sessions};
    use diesel::prelude::*;
    let app = spawn_app(backend).await;
    let sessions = session_targets(&app).await;
    let mut filings = [0_i64; 4];
    for (i, session) in sessions.into_iter().enumerate() {
        filings[i] = app
            .db
            .run(move |conn| {
                let (committee, unit): (i64, i64) = review_sessions::table
                    .inner_join(backend::db::schema::committees::table)
                    .filter(review_sessions::id.eq(session))
                    .select((
                        review_sessions::committee_id,
                        backend::db::schema::committees::unit_id,
                    ))
                    .first(conn)?;
                let submitter: i64 = accounts::table
                    .filter(accounts::username.eq(backend::login_names::name("sysadmin")))
                    .select(accounts::id)
                    .first(conn)?;
                let now = chrono::Utc::now().naive_utc();
                Ok(diesel::insert_into(review_filings::table)
                    .values((
                        review_filings::session_id.eq(session),
                        review_filings::committee_id.eq(committee),
                        review_filings::unit_id.eq(unit),
                        review_filings::year.eq(2026),
                        review_filings::status.eq("submitted"),
                        review_filings::created_by.eq(submitter),
                        review_filings::created_at.eq(now),
                        review_filings::updated_at.eq(now),
                        review_filings::submitted_by.eq(Some(submitter)),
                        review_filings::submitted_at.eq(Some(now)),
                        review_filings::version.eq(2_i64),
                    ))
                    .returning(review_filings::id)
                    .get_result::<i64>(conn)?)
            })
            .await
            .expect("filing target");
    }
    for (n, (caller, _)) in FILING_READ.iter().enumerate() {
        let token = app.login_as(caller).await.access_token;
        for (i, id) in filings.iter().enumerate() {
            let what = |e: &str| format!("{caller} {e} filing #{i}");
            check(
                app.get_as(&token, &format!("/api/v1/review-filings/{id}"))
                    .await,
                FILING_READ[n].1[i],
                &what("read"),
            )
            .await;
            check(
                app.post_as(
                    &token,
                    &format!("/api/v1/review-filings/{id}/decision"),
                    &json!({"approve": true, "version": 1}),
                )
                .await,
                FILING_DECIDE[n].1[i],
                &what("decide"),
            )
            .await;
        }
    }
    for path in [
        format!("/api/v1/review-filings/{}", filings[0]),
        "/api/v1/review-filings".to_owned(),
        "/api/v1/review-filings/export".to_owned(),
        "/api/v1/review-filings/filable-sessions".to_owned(),
        "/api/v1/publicity-batches/result-sessions".to_owned(),
    ] {
        check(app.get(&path).await, 401, &format!("anonymous GET {path}")).await;
    }
}
