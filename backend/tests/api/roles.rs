//! Business roles, unit roles and the security policy: who may change them, the rules they
//! must satisfy, and that a change reaches signed-in accounts at their next request.

use std::collections::BTreeSet;

use backend::db::schema::{audit_log, business_roles};
use diesel::prelude::*;
use reqwest::Method;
use serde_json::{json, Value};
use shared::{
    auth::{CurrentUser, LoginResponse},
    org::{BusinessRole, Unit, UnitRole},
    Module,
};

use crate::{
    db_tests,
    helpers::{spawn_app, Backend, TestApp},
    org::unit_id,
};

const EMPLOYER: &str = "示范县第一中学";
const EMPLOYER_ROLE: &str = "用人单位（默认）";

/// Any method, with or without a token and a JSON body.
async fn send(
    app: &TestApp,
    method: Method,
    token: Option<&str>,
    path: &str,
    body: Option<&Value>,
) -> reqwest::Response {
    let mut req = app.client.request(method, app.url(path));
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    if let Some(body) = body {
        req = req.json(body);
    }
    req.send().await.expect("request")
}

/// Status and JSON body (English messages, for stable assertions).
async fn answer(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn put(app: &TestApp, token: &str, path: &str, body: &Value) -> (u16, Value) {
    answer(send(app, Method::PUT, Some(token), path, Some(body)).await).await
}

async fn post(app: &TestApp, token: &str, path: &str, body: &Value) -> (u16, Value) {
    answer(app.post_as(token, path, body).await).await
}

async fn modules_of(app: &TestApp, token: &str) -> BTreeSet<Module> {
    let me: CurrentUser = app
        .get_as(token, "/api/v1/auth/me")
        .await
        .json()
        .await
        .expect("me");
    me.modules.into_iter().collect()
}

/// The id of the business role `name` of unit `unit`.
async fn role_id(app: &TestApp, unit: &'static str, name: &'static str) -> i64 {
    let unit = unit_id(app, unit).await;
    app.db
        .run(move |conn| {
            Ok(business_roles::table
                .filter(business_roles::unit_id.eq(unit))
                .filter(business_roles::name.eq(name))
                .select(business_roles::id)
                .first::<i64>(conn)?)
        })
        .await
        .expect("business role")
}

async fn unit_roles(app: &TestApp, token: &str) -> Vec<UnitRole> {
    app.get_as(token, "/api/v1/unit-roles")
        .await
        .json()
        .await
        .expect("unit roles")
}

async fn employer_role(app: &TestApp, token: &str) -> UnitRole {
    unit_roles(app, token)
        .await
        .into_iter()
        .find(|r| r.name == EMPLOYER_ROLE)
        .expect("the employers' default role")
}

/// The audit rows of `action`: (target id, before, after).
async fn audited(
    app: &TestApp,
    action: &'static str,
) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    app.db
        .run(move |conn| {
            Ok(audit_log::table
                .filter(audit_log::action.eq(action))
                .select((
                    audit_log::target_id,
                    audit_log::before_data,
                    audit_log::after_data,
                ))
                .load(conn)?)
        })
        .await
        .expect("audit rows")
}

async fn a_handler_holds_exactly_the_role_its_admin_made(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("county_emp_admin").await.access_token;
    let sec = app.login_as("secadmin").await.access_token;
    let unit = unit_id(&app, EMPLOYER).await;
    let granted = [Module::UnitVerification, Module::ApplicationPublicity];

    let (status, body) = post(
        &app,
        &admin,
        "/api/v1/business-roles",
        &json!({"name": " 核验专员 ", "description": "单位内部核验与公示", "modules": granted}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let role: BusinessRole = serde_json::from_value(body).expect("role");
    assert_eq!((role.unit_id, role.name.as_str()), (unit, "核验专员"));
    assert_eq!(role.modules, granted);
    let (status, body) = post(
        &app,
        &admin,
        "/api/v1/accounts",
        &json!({"username": "county_emp_verifier", "display_name": "核验员",
                "kind": "handler", "unit_id": unit, "role_ids": [role.id]}),
    )
    .await;
    assert_eq!(status, 201, "{body}");

    let login: LoginResponse = app
        .login("county_emp_verifier", "123@abc")
        .await
        .json()
        .await
        .expect("login");

    let available: BTreeSet<Module> = employer_role(&app, &sec)
        .await
        .available
        .into_iter()
        .collect();
    let mut expected: BTreeSet<Module> = granted
        .iter()
        .copied()
        .filter(|m| available.contains(m))
        .collect();
    expected.insert(Module::Password);
    let held: BTreeSet<Module> = login.user.modules.iter().copied().collect();
    assert_eq!(held, expected);
    let listed: Vec<BusinessRole> = app
        .get_as(&admin, "/api/v1/business-roles")
        .await
        .json()
        .await
        .expect("list");
    let names: Vec<&str> = listed.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["业务经办", "核验专员"]);
    let rows = audited(&app, "business_role.create").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, Some(role.id.to_string()));
    assert!(rows[0].2.as_deref().is_some_and(|a| a.contains("核验专员")));
}

async fn editing_a_role_changes_its_holders_at_their_next_request(backend: Backend) {
    let app = spawn_app(backend).await;
    let handler = app.login_as("county_emp_handler").await.access_token;
    let admin = app.login_as("county_emp_admin").await.access_token;
    let id = role_id(&app, EMPLOYER, "业务经办").await;
    assert!(modules_of(&app, &handler)
        .await
        .contains(&Module::ApplicationPublicity));

    let (status, body) = put(
        &app,
        &admin,
        &format!("/api/v1/business-roles/{id}"),
        &json!({"name": "业务经办", "modules": ["title.review.unit_verification"]}),
    )
    .await;

    assert_eq!(status, 200, "{body}");
    assert_eq!(
        modules_of(&app, &handler).await,
        BTreeSet::from([Module::Password, Module::UnitVerification])
    );
    let rows = audited(&app, "business_role.update").await;
    assert!(rows[0]
        .1
        .as_deref()
        .is_some_and(|b| b.contains("title.review.application_publicity")));
}

async fn modules_a_unit_may_not_hand_out_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("county_emp_admin").await.access_token;
    let create = |modules: Value, name: &str| {
        let body = json!({"name": name, "modules": modules});
        let admin = admin.clone();
        let app = &app;
        async move { post(app, &admin, "/api/v1/business-roles", &body).await }
    };

    // Available to the unit, but only its administrator's (not assignable).
    let (status, body) = create(
        json!(["title.review.unit_verification", "portal.system.users"]),
        "越权角色",
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("validation_failed"))
    );
    let message = body["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("modules") && message.contains("portal.system.users"),
        "{message}"
    );
    assert!(
        !message.contains("unit_verification"),
        "only the offending ones: {message}"
    );
    // Not available to an employer at all.
    let (status, body) = create(json!(["title.review.material_receipt"]), "越权角色").await;
    assert_eq!(status, 422);
    assert!(body["message"]
        .as_str()
        .unwrap_or_default()
        .contains("title.review.material_receipt"));
    let (status, body) = create(json!([]), "  ").await;
    assert_eq!(status, 422);
    assert!(body["message"]
        .as_str()
        .unwrap_or_default()
        .contains("name"));
    let (status, body) = create(json!([]), "业务经办").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("already_exists"))
    );
    let (status, body) = create(json!(["no.such.module"]), "新角色").await;
    assert_eq!((status, body["code"].as_str()), (422, Some("invalid_body")));
}

async fn another_units_roles_are_out_of_reach(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("county_emp_admin").await.access_token;
    let county_admin = app.login_as("county_hrss_admin").await.access_token;
    let sec = app.login_as("secadmin").await.access_token;
    let city_role = role_id(&app, "示范市第一人民医院", "业务经办").await;
    let city_emp = unit_id(&app, "示范市第一人民医院").await;
    let own_role = role_id(&app, EMPLOYER, "业务经办").await;
    let employer = unit_id(&app, EMPLOYER).await;
    let edit = json!({"name": "改名", "modules": []});

    let outside = [
        put(
            &app,
            &admin,
            &format!("/api/v1/business-roles/{city_role}"),
            &edit,
        )
        .await,
        answer(
            send(
                &app,
                Method::DELETE,
                Some(&admin),
                &format!("/api/v1/business-roles/{city_role}"),
                None,
            )
            .await,
        )
        .await,
        answer(
            app.get_as(
                &admin,
                &format!("/api/v1/business-roles?unit_id={city_emp}"),
            )
            .await,
        )
        .await,
        post(
            &app,
            &admin,
            &format!("/api/v1/business-roles?unit_id={city_emp}"),
            &edit,
        )
        .await,
    ];
    for (status, body) in outside {
        assert_eq!(
            (status, body["code"].as_str()),
            (404, Some("not_found")),
            "{body}"
        );
    }
    // A unit below is in the county HRSS's jurisdiction, but its roles are its own admin's.
    let (status, _) = put(
        &app,
        &county_admin,
        &format!("/api/v1/business-roles/{own_role}"),
        &edit,
    )
    .await;
    assert_eq!(status, 403);
    let res = app
        .get_as(
            &county_admin,
            &format!("/api/v1/business-roles?unit_id={employer}"),
        )
        .await;
    assert_eq!(res.status(), 403);
    // The security administrator manages every unit of the province.
    let listed: Vec<BusinessRole> = app
        .get_as(&sec, &format!("/api/v1/business-roles?unit_id={city_emp}"))
        .await
        .json()
        .await
        .expect("list");
    assert_eq!(listed.iter().map(|r| r.id).collect::<Vec<_>>(), [city_role]);
    let (status, body) = post(
        &app,
        &sec,
        &format!("/api/v1/business-roles?unit_id={city_emp}"),
        &json!({"name": "证书核验", "modules": ["title.certificates.verify"]}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["unit_id"], city_emp);
    let (status, _) = put(&app, &admin, "/api/v1/business-roles/999999", &edit).await;
    assert_eq!(status, 404);
}

async fn a_held_role_cannot_be_deleted(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("county_emp_admin").await.access_token;
    let held = role_id(&app, EMPLOYER, "业务经办").await;
    let delete = |id: i64| {
        let admin = admin.clone();
        let app = &app;
        async move {
            let path = format!("/api/v1/business-roles/{id}");
            let res = send(app, Method::DELETE, Some(&admin), &path, None).await;
            let status = res.status().as_u16();
            (status, res.text().await.unwrap_or_default())
        }
    };

    let (status, body) = delete(held).await;
    assert_eq!(status, 409, "{body}");
    let body: Value = serde_json::from_str(&body).expect("envelope");
    assert_eq!(body["code"], "conflict");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("仍有 1 个账号"),
        "{body}"
    );

    let (status, created) = post(
        &app,
        &admin,
        "/api/v1/business-roles",
        &json!({"name": "临时角色", "modules": ["title.certificates.verify"]}),
    )
    .await;
    assert_eq!(status, 201);
    let id = created["id"].as_i64().expect("id");
    let (status, body) = delete(id).await;
    assert_eq!((status, body.as_str()), (204, ""));
    assert_eq!(delete(id).await.0, 404);
    let rows = audited(&app, "business_role.delete").await;
    assert_eq!(rows.len(), 1);
    assert!(rows[0].1.as_deref().is_some_and(|b| b.contains("临时角色")) && rows[0].2.is_none());
}

async fn narrowing_a_unit_role_reaches_signed_in_handlers(backend: Backend) {
    let app = spawn_app(backend).await;
    let handler = app.login_as("county_emp_handler").await.access_token;
    let sec = app.login_as("secadmin").await.access_token;
    assert!(modules_of(&app, &handler)
        .await
        .contains(&Module::UnitVerification));
    let role = employer_role(&app, &sec).await;
    let without = |list: &[Module]| -> Vec<Module> {
        list.iter()
            .copied()
            .filter(|m| *m != Module::UnitVerification)
            .collect()
    };

    let (status, body) = put(
        &app,
        &sec,
        &format!("/api/v1/unit-roles/{}", role.id),
        &json!({"name": role.name, "description": role.description,
                "available": without(&role.available), "assignable": without(&role.assignable)}),
    )
    .await;

    assert_eq!(status, 200, "{body}");
    let now = modules_of(&app, &handler).await;
    assert!(!now.contains(&Module::UnitVerification), "{now:?}");
    assert!(now.contains(&Module::ApplicationPublicity), "{now:?}");
    let (status, body) = put(
        &app,
        &sec,
        &format!("/api/v1/unit-roles/{}", role.id),
        &json!({"name": "改名的默认角色", "available": [], "assignable": []}),
    )
    .await;
    assert_eq!(status, 422, "the default role keeps its name: {body}");
    assert!(body["message"]
        .as_str()
        .unwrap_or_default()
        .contains("name"));
    assert_eq!(audited(&app, "unit_role.update").await.len(), 1);
}

async fn a_module_no_longer_assignable_leaves_the_handlers(backend: Backend) {
    let app = spawn_app(backend).await;
    let handler = app.login_as("county_emp_handler").await.access_token;
    let unit_account = app.login_as("county_emp_unit").await.access_token;
    let sec = app.login_as("secadmin").await.access_token;
    let role = employer_role(&app, &sec).await;
    let assignable: Vec<Module> = role
        .assignable
        .iter()
        .copied()
        .filter(|m| *m != Module::UnitVerification)
        .collect();

    let (status, body) = put(
        &app,
        &sec,
        &format!("/api/v1/unit-roles/{}", role.id),
        &json!({"name": role.name, "description": role.description,
                "available": role.available, "assignable": assignable}),
    )
    .await;

    assert_eq!(status, 200, "{body}");
    assert!(!modules_of(&app, &handler)
        .await
        .contains(&Module::UnitVerification));
    assert!(
        modules_of(&app, &unit_account)
            .await
            .contains(&Module::UnitVerification),
        "the unit may still use it itself"
    );
}

async fn a_unit_takes_another_unit_role(backend: Backend) {
    let app = spawn_app(backend).await;
    let handler = app.login_as("county_emp_handler").await.access_token;
    let sec = app.login_as("secadmin").await.access_token;
    let unit = unit_id(&app, EMPLOYER).await;
    let (status, body) = post(
        &app,
        &sec,
        "/api/v1/unit-roles",
        &json!({"name": "用人单位（精简）", "description": "只做内部核验",
                "available": ["title.review.unit_verification", "portal.system.users",
                              "portal.system.business_roles", "portal.system.org_structure"],
                "assignable": ["title.review.unit_verification"]}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let role: UnitRole = serde_json::from_value(body).expect("unit role");
    assert_eq!(role.assignable, [Module::UnitVerification]);

    let (status, body) = put(
        &app,
        &sec,
        &format!("/api/v1/units/{unit}/unit-role"),
        &json!({"unit_role_id": role.id}),
    )
    .await;

    assert_eq!(status, 200, "{body}");
    let changed: Unit = serde_json::from_value(body).expect("unit");
    assert_eq!(changed.unit_role_id, Some(role.id));
    assert_eq!(
        modules_of(&app, &handler).await,
        BTreeSet::from([Module::Password, Module::UnitVerification])
    );
    let (status, body) = put(
        &app,
        &sec,
        &format!("/api/v1/units/{unit}/unit-role"),
        &json!({"unit_role_id": 999_999}),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body["message"]
        .as_str()
        .unwrap_or_default()
        .contains("unit_role_id"));
    let (status, _) = put(
        &app,
        &sec,
        "/api/v1/units/999999/unit-role",
        &json!({"unit_role_id": role.id}),
    )
    .await;
    assert_eq!(status, 404);
    let rows = audited(&app, "unit.assign_unit_role").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, Some(unit.to_string()));
}

async fn unit_role_rules_are_enforced(backend: Backend) {
    let app = spawn_app(backend).await;
    let sec = app.login_as("secadmin").await.access_token;
    let create = |available: Value, assignable: Value, name: &str| {
        let body = json!({"name": name, "available": available, "assignable": assignable});
        let sec = sec.clone();
        let app = &app;
        async move { post(app, &sec, "/api/v1/unit-roles", &body).await }
    };
    let message = |body: &Value| body["message"].as_str().unwrap_or_default().to_owned();

    let (status, body) = create(
        json!(["title.review.unit_verification"]),
        json!([
            "title.review.unit_verification",
            "title.certificates.verify"
        ]),
        "新角色",
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        message(&body).contains("assignable")
            && message(&body).contains("title.certificates.verify")
    );
    assert!(!message(&body).contains("unit_verification"), "{body}");
    let (status, body) = create(
        json!([
            "system.audit_log",
            "title.review.policy_review",
            "title.certificates.verify"
        ]),
        json!([]),
        "新角色",
    )
    .await;
    assert_eq!(status, 422);
    let m = message(&body);
    assert!(
        m.contains("available")
            && m.contains("system.audit_log")
            && m.contains("title.review.policy_review"),
        "{m}"
    );
    assert!(!m.contains("certificates"), "{m}");
    for forbidden in [
        "system.security_policy",
        "portal.system.unit_roles",
        "title.review.my_applications",
        "title.review.policy_rereview",
        "title.review.expert_review",
        "title.review.group_vote",
        "title.experts.profile",
    ] {
        let (status, body) = create(json!([forbidden]), json!([forbidden]), "新角色").await;
        assert_eq!(status, 422, "{forbidden}: {body}");
        assert!(message(&body).contains(forbidden));
    }
    let (status, body) = create(json!([]), json!([]), EMPLOYER_ROLE).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("already_exists"))
    );
    assert_eq!(create(json!([]), json!([]), "空角色").await.0, 201);
    assert_eq!(unit_roles(&app, &sec).await.len(), 4);
}

fn policy_json(min_length: u32, min_classes: u32, lockout_threshold: u32) -> Value {
    json!({
        "min_length": min_length, "min_classes": min_classes, "min_strength": 2,
        "lockout_threshold": lockout_threshold, "lockout_minutes": 30,
        "idle_timeout_minutes": 30, "ip_login_limit": 50, "ip_login_window_secs": 300,
        // The demo province leaves two-factor authentication to be turned on (DEMO.md).
        "mfa_groups": []
    })
}

async fn a_stricter_policy_locks_sooner(backend: Backend) {
    let app = spawn_app(backend).await;
    let sec = app.login_as("secadmin").await.access_token;
    let (status, defaults) = answer(app.get_as(&sec, "/api/v1/security-policy").await).await;
    assert_eq!((status, &defaults), (200, &policy_json(8, 3, 5)));

    let (status, body) = put(
        &app,
        &sec,
        "/api/v1/security-policy",
        &policy_json(10, 3, 3),
    )
    .await;

    assert_eq!((status, &body), (200, &policy_json(10, 3, 3)));
    let (_, now) = answer(app.get_as(&sec, "/api/v1/security-policy").await).await;
    assert_eq!(now, policy_json(10, 3, 3));
    for attempt in 1..=3 {
        let status = app.login("county_emp_unit", "Wrong#pass123").await.status();
        assert_eq!(
            status,
            if attempt < 3 { 401 } else { 423 },
            "attempt {attempt}"
        );
    }
    let res = app
        .login("county_emp_unit", backend::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(res.status(), 423);
    let rows = audited(&app, "security_policy.update").await;
    assert_eq!(rows.len(), 1);
    assert!(rows[0]
        .1
        .as_deref()
        .is_some_and(|b| b.contains("\"lockout_threshold\":5")));
}

async fn a_weaker_or_partial_policy_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let sec = app.login_as("secadmin").await.access_token;
    let mut partial = policy_json(8, 3, 5);
    partial.as_object_mut().map(|o| o.remove("lockout_minutes"));
    let mut unknown = policy_json(8, 3, 5);
    unknown["min_lenght"] = json!(12);
    let mut window = policy_json(8, 3, 5);
    window["ip_login_window_secs"] = json!(5);
    let mut twice = policy_json(8, 3, 5);
    twice["mfa_groups"] = json!(["expert", "expert"]);
    let cases = [
        (twice, "mfa_groups"),
        (policy_json(6, 3, 5), "min_length"),
        (policy_json(65, 3, 5), "min_length"),
        (policy_json(8, 2, 5), "min_classes"),
        (policy_json(8, 3, 2), "lockout_threshold"),
        (policy_json(8, 3, 21), "lockout_threshold"),
        (window, "ip_login_window_secs"),
        (partial, "lockout_minutes"),
        (unknown, "min_lenght"),
    ];

    for (body, field) in cases {
        let (status, answer) = put(&app, &sec, "/api/v1/security-policy", &body).await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (422, Some("validation_failed")),
            "{field}: {answer}"
        );
        assert!(
            answer["message"]
                .as_str()
                .unwrap_or_default()
                .contains(field),
            "{answer}"
        );
    }
    let (_, now) = answer(app.get_as(&sec, "/api/v1/security-policy").await).await;
    assert_eq!(now, policy_json(8, 3, 5), "nothing was stored");
    assert!(audited(&app, "security_policy.update").await.is_empty());
}

async fn only_their_administrators_reach_the_role_endpoints(backend: Backend) {
    let app = spawn_app(backend).await;
    let role = role_id(&app, EMPLOYER, "业务经办").await;
    let unit = unit_id(&app, EMPLOYER).await;
    let business = json!({"name": "x", "modules": []});
    let unit_role = json!({"name": "x", "available": [], "assignable": []});
    let endpoints: Vec<(Method, String, Option<Value>)> = vec![
        (Method::GET, "/api/v1/business-roles".into(), None),
        (
            Method::POST,
            "/api/v1/business-roles".into(),
            Some(business.clone()),
        ),
        (
            Method::PUT,
            format!("/api/v1/business-roles/{role}"),
            Some(business),
        ),
        (
            Method::DELETE,
            format!("/api/v1/business-roles/{role}"),
            None,
        ),
        (Method::GET, "/api/v1/unit-roles".into(), None),
        (
            Method::POST,
            "/api/v1/unit-roles".into(),
            Some(unit_role.clone()),
        ),
        (Method::PUT, "/api/v1/unit-roles/1".into(), Some(unit_role)),
        (
            Method::PUT,
            format!("/api/v1/units/{unit}/unit-role"),
            Some(json!({"unit_role_id": 1})),
        ),
        (Method::GET, "/api/v1/security-policy".into(), None),
        (
            Method::PUT,
            "/api/v1/security-policy".into(),
            Some(policy_json(8, 3, 5)),
        ),
    ];
    let mut callers = Vec::new();
    for name in ["auditor", "county_emp_unit"] {
        callers.push((name, Some(app.login_as(name).await.access_token)));
    }
    callers.push(("anonymous", None));

    for (name, token) in &callers {
        for (method, path, body) in &endpoints {
            let res = send(&app, method.clone(), token.as_deref(), path, body.as_ref()).await;
            let (status, body) = answer(res).await;
            let expected = if token.is_some() {
                (403, "forbidden")
            } else {
                (401, "unauthenticated")
            };
            assert_eq!(
                (status, body["code"].as_str().unwrap_or_default()),
                expected,
                "{name} {method} {path}"
            );
        }
    }
    let sec = app.login_as("secadmin").await.access_token;
    assert_eq!(
        employer_role(&app, &sec).await.name,
        EMPLOYER_ROLE,
        "nothing was changed"
    );
    assert!(audited(&app, "business_role.delete").await.is_empty());
}

db_tests!(
    a_module_no_longer_assignable_leaves_the_handlers,
    a_handler_holds_exactly_the_role_its_admin_made,
    editing_a_role_changes_its_holders_at_their_next_request,
    modules_a_unit_may_not_hand_out_are_refused,
    another_units_roles_are_out_of_reach,
    a_held_role_cannot_be_deleted,
    narrowing_a_unit_role_reaches_signed_in_handlers,
    a_unit_takes_another_unit_role,
    unit_role_rules_are_enforced,
    a_stricter_policy_locks_sooner,
    a_weaker_or_partial_policy_is_refused,
    only_their_administrators_reach_the_role_endpoints,
);
