//! Issue 9 point 8: an HRSS only audits affiliation changes (manual §7.1.2.2), and an HRSS unit
//! administrator gives the units below it a unit role and unit administrators, within the unit
//! roles the security administrator delegated (manual §5.5) — own / below / sibling / parent.

use backend::db::schema::{affiliation_requests, audit_log};
use diesel::prelude::*;
use serde_json::{json, Value};
use shared::org::UnitRole;

use crate::{
    db_tests,
    helpers::{spawn_app, Backend, TestApp},
    org::unit_id,
};

const OWN: &str = "示范市人力资源和社会保障局";
const BELOW: &str = "示范市卫生健康局";
const SIBLING: &str = "示范省工业和信息化厅";
const PARENT: &str = "示范省人力资源和社会保障厅";

async fn code(res: reqwest::Response) -> (u16, String, String) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    (
        status,
        body["code"].as_str().unwrap_or_default().to_owned(),
        body["message"].as_str().unwrap_or_default().to_owned(),
    )
}

async fn put(app: &TestApp, token: &str, path: &str, body: &Value) -> reqwest::Response {
    app.client
        .put(app.url(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("put")
}

async fn roles(app: &TestApp, token: &str) -> Vec<UnitRole> {
    let res = app.get_as(token, "/api/v1/unit-roles").await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("roles")
}

async fn unit_role_of(app: &TestApp, unit: i64) -> Option<i64> {
    use backend::db::schema::units;
    app.db
        .run(move |conn| {
            Ok(units::table
                .find(unit)
                .select(units::unit_role_id)
                .first(conn)?)
        })
        .await
        .expect("unit")
}

async fn audited(app: &TestApp, action: &'static str) -> i64 {
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

async fn an_hrss_only_audits_affiliation_changes(backend: Backend) {
    let app = spawn_app(backend).await;
    let target = unit_id(&app, "示范市人力资源和社会保障局").await;
    for caller in ["county_hrss_unit", "city_hrss_unit"] {
        let token = app.login_as(caller).await.access_token;
        let (status, code_, message) = code(
            app.post_as(
                &token,
                "/api/v1/affiliation-requests",
                &json!({"to_parent_id": target, "reason": "调整"}),
            )
            .await,
        )
        .await;
        assert_eq!((status, code_.as_str()), (403, "forbidden"), "{caller}");
        assert!(message.contains("只能审核"), "{caller}: {message}");
    }
    let n: i64 = app
        .db
        .run(|conn| Ok(affiliation_requests::table.count().get_result(conn)?))
        .await
        .expect("count");
    assert_eq!(n, 0, "nothing filed");
    // An employer still files, and the HRSS above it audits (tested in affiliation.rs).
    let school = app.login_as("county_emp_unit").await.access_token;
    let hrss = unit_id(&app, "示范县人力资源和社会保障局").await;
    let res = app
        .post_as(
            &school,
            "/api/v1/affiliation-requests",
            &json!({"to_parent_id": hrss, "reason": "隶属关系调整"}),
        )
        .await;
    assert_eq!(res.status(), 201);
}

async fn an_hrss_unit_admin_manages_the_units_below_within_the_delegation(backend: Backend) {
    let app = spawn_app(backend).await;
    let sec = app.login_as("secadmin").await.access_token;
    let admin = app.login_as("city_hrss_admin").await.access_token;
    let units = [
        unit_id(&app, OWN).await,
        unit_id(&app, BELOW).await,
        unit_id(&app, SIBLING).await,
        unit_id(&app, PARENT).await,
    ];
    let all = roles(&app, &sec).await;
    let dept = all
        .iter()
        .find(|r| r.name == "主管部门（默认）")
        .expect("dept role")
        .id;
    let employer = all
        .iter()
        .find(|r| r.name == "用人单位（默认）")
        .expect("employer role")
        .id;
    assert!(
        roles(&app, &admin).await.is_empty(),
        "nothing delegated yet"
    );
    let assign = |unit: i64, role: i64, token: String| {
        let app = &app;
        async move {
            put(
                app,
                &token,
                &format!("/api/v1/units/{unit}/unit-role"),
                &json!({"unit_role_id": role}),
            )
            .await
        }
    };
    let (status, _, message) = code(assign(units[1], dept, admin.clone()).await).await;
    assert_eq!(status, 422, "{message}");
    assert!(message.contains("unit_role_id"), "{message}");

    // Only the security administrator delegates.
    let path = format!("/api/v1/unit-roles/{dept}/delegation");
    assert_eq!(
        code(put(&app, &admin, &path, &json!({"delegated": true})).await)
            .await
            .0,
        403
    );
    let res = put(&app, &sec, &path, &json!({"delegated": true})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(audited(&app, "unit_role.delegation").await, 1);
    let offered: Vec<i64> = roles(&app, &admin).await.iter().map(|r| r.id).collect();
    assert_eq!(offered, vec![dept]);

    // own / below / sibling / parent.
    let before: Vec<Option<i64>> = {
        let mut v = Vec::new();
        for u in units {
            v.push(unit_role_of(&app, u).await);
        }
        v
    };
    let expected = [403, 200, 404, 404];
    for (i, unit) in units.into_iter().enumerate() {
        let (status, _, message) = code(assign(unit, dept, admin.clone()).await).await;
        assert_eq!(status, expected[i], "target #{i}: {message}");
        let now = unit_role_of(&app, unit).await;
        if expected[i] == 200 {
            assert_eq!(now, Some(dept));
        } else {
            assert_eq!(now, before[i], "target #{i} unchanged");
        }
    }
    assert_eq!(
        code(assign(units[1], employer, admin.clone()).await)
            .await
            .0,
        422,
        "a role not delegated"
    );
    // Not an HRSS: an employer's unit administrator sets no unit role.
    let emp_admin = app.login_as("county_emp_admin").await.access_token;
    let school = unit_id(&app, "示范县第一中学").await;
    assert_eq!(code(assign(school, dept, emp_admin).await).await.0, 403);

    // Unit administrators of the units below (通过单位来新增单位管理员).
    let body = |unit: i64, username: &str| json!({"username": username, "display_name": "单位管理员乙", "kind": "unit_admin", "unit_id": unit});
    let expected = [403, 201, 404, 404];
    for (i, unit) in units.into_iter().enumerate() {
        let res = app
            .post_as(&admin, "/api/v1/accounts", &body(unit, &format!("ua_{i}")))
            .await;
        assert_eq!(res.status().as_u16(), expected[i], "create unit admin #{i}");
    }
    let created = crate::org::account_id(&app, "ua_1").await;
    let res = app
        .post_as(
            &admin,
            &format!("/api/v1/accounts/{created}/reset-password"),
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), 200, "it manages that unit administrator");
    let unit_account = crate::org::account_id(&app, "city_dept_unit").await;
    let res = app
        .post_as(
            &admin,
            &format!("/api/v1/accounts/{unit_account}/reset-password"),
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), 403, "but not the unit's other accounts");
    // Withdrawn delegation: the role stays where it was given, no new assignment.
    let res = put(&app, &sec, &path, &json!({"delegated": false})).await;
    assert_eq!(res.status(), 200);
    assert!(roles(&app, &admin).await.is_empty());
    assert_eq!(unit_role_of(&app, units[1]).await, Some(dept));
}

db_tests!(
    an_hrss_only_audits_affiliation_changes,
    an_hrss_unit_admin_manages_the_units_below_within_the_delegation
);
