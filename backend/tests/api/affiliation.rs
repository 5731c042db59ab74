//! Affiliation change: a unit requests, the new superior or an HRSS above it decides, an HRSS
//! never moves a unit directly, the history stays, and approval moves the whole subtree.

use serde_json::{json, Value};
use shared::{
    org::{AffiliationRequest, AffiliationStatus, CreatedUnit, Unit},
    Page,
};

use crate::{
    db_tests,
    helpers::{spawn_app, Backend},
    org::{credit_code, unit_id},
};

async fn code(res: reqwest::Response) -> (u16, String) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

async fn an_employer_moves_under_its_hrss_after_approval(backend: Backend) {
    let app = spawn_app(backend).await;
    let school = app.login_as("county_emp_unit").await;
    let hrss = unit_id(&app, "示范县人力资源和社会保障局").await;
    let dept = unit_id(&app, "示范县教育局").await;

    let res = app
        .post_as(
            &school.access_token,
            "/api/v1/affiliation-requests",
            &json!({"to_parent_id": hrss, "reason": "隶属关系调整"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let req: AffiliationRequest = res.json().await.expect("request");
    assert_eq!(
        (req.status, req.can_decide),
        (AffiliationStatus::Pending, false)
    );
    assert_eq!(req.from_parent.id, dept);
    let again = app
        .post_as(
            &school.access_token,
            "/api/v1/affiliation-requests",
            &json!({"to_parent_id": hrss, "reason": "再次"}),
        )
        .await;
    assert_eq!(code(again).await, (409, "conflict".into()));
    let own_decision = app
        .post_as(
            &school.access_token,
            &format!("/api/v1/affiliation-requests/{}/decision", req.id),
            &json!({"approve": true}),
        )
        .await;
    assert_eq!(
        code(own_decision).await,
        (403, "forbidden".into()),
        "a unit never approves its own move"
    );
    let old_parent = app.login_as("county_dept_unit").await;
    let res = app
        .post_as(
            &old_parent.access_token,
            &format!("/api/v1/affiliation-requests/{}/decision", req.id),
            &json!({"approve": true}),
        )
        .await;
    assert_eq!(
        code(res).await,
        (404, "not_found".into()),
        "only the new superior or an HRSS above it decides"
    );

    let decider = app.login_as("county_hrss_unit").await;
    let listed: Page<AffiliationRequest> = app
        .get_as(
            &decider.access_token,
            "/api/v1/affiliation-requests?status=pending",
        )
        .await
        .json()
        .await
        .expect("list");
    assert_eq!(listed.total, 1);
    assert!(listed.items[0].can_decide);
    let res = app
        .post_as(
            &decider.access_token,
            &format!("/api/v1/affiliation-requests/{}/decision", req.id),
            &json!({"approve": true, "opinion": "同意"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let decided: AffiliationRequest = res.json().await.expect("decided");
    assert_eq!(decided.status, AffiliationStatus::Approved);
    assert_eq!(decided.decided_by.as_deref(), Some("county_hrss_unit"));

    let units: Page<Unit> = app
        .get_as(&old_parent.access_token, "/api/v1/units")
        .await
        .json()
        .await
        .expect("units");
    assert_eq!(
        units.total, 1,
        "the old department no longer holds the school"
    );
    let children: Page<Unit> = app
        .get_as(
            &decider.access_token,
            &format!("/api/v1/units?parent_id={hrss}"),
        )
        .await
        .json()
        .await
        .expect("units");
    let school_unit = children
        .items
        .iter()
        .find(|u| u.name == "示范县第一中学")
        .expect("moved");
    assert_eq!(school_unit.depth, 3);
    let again = app
        .post_as(
            &decider.access_token,
            &format!("/api/v1/affiliation-requests/{}/decision", req.id),
            &json!({"approve": false, "opinion": "x"}),
        )
        .await;
    assert_eq!(code(again).await, (409, "conflict".into()));
}

async fn rejection_needs_an_opinion_and_keeps_the_history(backend: Backend) {
    let app = spawn_app(backend).await;
    let school = app.login_as("county_emp_unit").await;
    let hrss = unit_id(&app, "示范县人力资源和社会保障局").await;
    let req: AffiliationRequest = app
        .post_as(
            &school.access_token,
            "/api/v1/affiliation-requests",
            &json!({"to_parent_id": hrss, "reason": "调整"}),
        )
        .await
        .json()
        .await
        .expect("request");
    let city = app.login_as("city_hrss_unit").await;
    let url = format!("/api/v1/affiliation-requests/{}/decision", req.id);

    assert_eq!(
        code(
            app.post_as(&city.access_token, &url, &json!({"approve": false}))
                .await
        )
        .await,
        (422, "validation_failed".into())
    );
    let res = app
        .post_as(
            &city.access_token,
            &url,
            &json!({"approve": false, "opinion": "材料不全"}),
        )
        .await;
    assert_eq!(
        res.status(),
        200,
        "an HRSS above the new parent decides too"
    );

    let history: Page<AffiliationRequest> = app
        .get_as(&school.access_token, "/api/v1/affiliation-requests")
        .await
        .json()
        .await
        .expect("list");
    assert_eq!(history.items[0].status, AffiliationStatus::Rejected);
    assert_eq!(history.items[0].opinion.as_deref(), Some("材料不全"));
    let units: Page<Unit> = app
        .get_as(
            &app.login_as("county_dept_unit").await.access_token,
            "/api/v1/units",
        )
        .await
        .json()
        .await
        .expect("units");
    assert_eq!(units.total, 2, "nothing moved");
}

async fn invalid_targets_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let dept = app.login_as("county_dept_unit").await;
    let own_child = unit_id(&app, "示范县第一中学").await;
    let current = unit_id(&app, "示范县人力资源和社会保障局").await;
    let city_dept = unit_id(&app, "示范市卫生健康局").await;

    for target in [own_child, current, city_dept, 999_999] {
        let res = app
            .post_as(
                &dept.access_token,
                "/api/v1/affiliation-requests",
                &json!({"to_parent_id": target, "reason": "测试"}),
            )
            .await;
        assert_eq!(
            code(res).await,
            (422, "validation_failed".into()),
            "target {target}"
        );
    }
    let prov = app.login_as("prov_hrss_unit").await;
    let res = app
        .post_as(
            &prov.access_token,
            "/api/v1/affiliation-requests",
            &json!({"to_parent_id": current, "reason": "测试"}),
        )
        .await;
    assert_eq!(
        code(res).await.0,
        403,
        "the root has no parent to change, and an HRSS only audits (issue 9 point 8)"
    );
    let auditor = app.login_as("auditor").await;
    assert_eq!(
        app.get_as(&auditor.access_token, "/api/v1/affiliation-requests")
            .await
            .status(),
        403
    );
}

async fn approval_moves_the_whole_subtree(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("sysadmin").await;
    let city = unit_id(&app, "示范市人力资源和社会保障局").await;
    let body = json!({
        "parent_id": city, "kind": "hrss", "level": "county", "name": "示范二县人力资源和社会保障局",
        "credit_code": credit_code("77"), "region": "示范二县", "contact_name": "甲", "contact_phone": "0851-1234567"
    });
    let created: CreatedUnit = app
        .post_as(&admin.access_token, "/api/v1/units", &body)
        .await
        .json()
        .await
        .expect("unit");
    let dept = app.login_as("county_dept_unit").await;
    let req: AffiliationRequest = app
        .post_as(
            &dept.access_token,
            "/api/v1/affiliation-requests",
            &json!({"to_parent_id": created.unit.id, "reason": "划转"}),
        )
        .await
        .json()
        .await
        .expect("request");

    let city_unit = app.login_as("city_hrss_unit").await;
    let res = app
        .post_as(
            &city_unit.access_token,
            &format!("/api/v1/affiliation-requests/{}/decision", req.id),
            &json!({"approve": true}),
        )
        .await;
    assert_eq!(res.status(), 200);

    let new_hrss = app.login_as("county_hrss_unit").await;
    let old_view: Page<Unit> = app
        .get_as(&new_hrss.access_token, "/api/v1/units")
        .await
        .json()
        .await
        .expect("units");
    assert_eq!(
        old_view.total, 1,
        "the old county HRSS lost the department and its school"
    );
    let tree: shared::org::OrgNode = app
        .get_as(
            &city_unit.access_token,
            &format!("/api/v1/org/tree?root={}", created.unit.id),
        )
        .await
        .json()
        .await
        .expect("tree");
    assert_eq!(tree.children[0].unit.name, "示范县教育局");
    assert_eq!(tree.children[0].children[0].unit.name, "示范县第一中学");
    assert_eq!(tree.children[0].children[0].unit.depth, 4);
    let school_admin = app.login_as("county_emp_admin").await;
    assert_eq!(
        app.get_as(&school_admin.access_token, "/api/v1/auth/me")
            .await
            .status(),
        200
    );
}

db_tests!(
    an_employer_moves_under_its_hrss_after_approval,
    rejection_needs_an_opinion_and_keeps_the_history,
    invalid_targets_are_refused,
    approval_moves_the_whole_subtree,
);
