//! Kinds of application material (issue 9 point 12): uploads need an enabled kind, `submit`
//! needs a file of every kind the series requires (`attachments_missing`), the system
//! administrator manages the kinds (audited), and the account list shows a managing unit an
//! applicant's login name in full with the ID number masked.

use serde_json::{json, Value};
use shared::{
    application::Application,
    attachments::{Attachment, AttachmentCategory},
    org::Account,
    Page,
};

use crate::{
    db_tests,
    helpers::{audit_rows, spawn_app, Backend, TestApp},
    workflow::{act, create_draft, APPLICANT},
};

async fn code(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn pdf() -> Vec<u8> {
    let mut v = b"%PDF-1.7\n".to_vec();
    v.extend(std::iter::repeat_n(b'x', 200));
    v
}

async fn upload(app: &TestApp, token: &str, id: i64, category: Option<i64>) -> reqwest::Response {
    let category = category.map_or(String::new(), |c| format!("&category_id={c}"));
    app.client
        .post(app.url(&format!(
            "/api/v1/applications/{id}/attachments?section=materials&file_name=a.pdf{category}"
        )))
        .bearer_auth(token)
        .header("Content-Type", "application/octet-stream")
        .body(pdf())
        .send()
        .await
        .expect("request")
}

async fn put(app: &TestApp, token: &str, id: i64, body: &Value) -> reqwest::Response {
    app.client
        .put(app.url(&format!("/api/v1/attachment-categories/{id}")))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("request")
}

async fn kinds(app: &TestApp, token: &str) -> Vec<AttachmentCategory> {
    let res = app.get_as(token, "/api/v1/attachment-categories").await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("categories")
}

fn body_of(c: &AttachmentCategory) -> Value {
    json!({
        "code": c.code,
        "name_zh": c.name_zh,
        "name_en": c.name_en,
        "sort": c.sort,
        "enabled": c.enabled,
        "required_series": c.required_series,
    })
}

async fn by_code(app: &TestApp, token: &str, code: &str) -> AttachmentCategory {
    kinds(app, token)
        .await
        .into_iter()
        .find(|c| c.code == code)
        .expect("seeded kind")
}

async fn uploads_need_an_enabled_category(backend: Backend) {
    let app = spawn_app(backend).await;
    let me = app.login_as(APPLICANT).await.access_token;
    let admin = app.login_as("sysadmin").await.access_token;
    let all = kinds(&app, &me).await;
    let codes: Vec<&str> = all.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "education",
            "qualification",
            "publications",
            "achievements",
            "assessment",
            "other"
        ]
    );
    assert_eq!(all[0].name_zh, "学历/资历证明");
    let draft = create_draft(&app, &me).await;
    let (status, body) = code(upload(&app, &me, draft.id, None).await).await;
    assert_eq!(
        (status, &body["code"], &body["field"]),
        (422, &json!("validation_failed"), &json!("category_id"))
    );
    let (status, body) = code(upload(&app, &me, draft.id, Some(9999)).await).await;
    assert_eq!((status, &body["field"]), (422, &json!("category_id")));
    // A disabled kind takes no new files.
    let papers = by_code(&app, &me, "publications").await;
    let mut off = body_of(&papers);
    off["enabled"] = json!(false);
    assert_eq!(put(&app, &admin, papers.id, &off).await.status(), 200);
    let (status, body) = code(upload(&app, &me, draft.id, Some(papers.id)).await).await;
    assert_eq!((status, &body["field"]), (422, &json!("category_id")));
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("停用"),
        "{body}"
    );
    let res = upload(&app, &me, draft.id, Some(all[0].id)).await;
    assert_eq!(res.status(), 201);
    let file: Attachment = res.json().await.expect("attachment");
    assert_eq!(file.category_id, Some(all[0].id));
    let listed: Vec<Attachment> = app
        .get_as(
            &me,
            &format!("/api/v1/applications/{}/attachments", draft.id),
        )
        .await
        .json()
        .await
        .expect("list");
    assert_eq!(listed.len(), 1, "the refused uploads left nothing");
}

async fn submit_needs_every_required_category(backend: Backend) {
    let app = spawn_app(backend).await;
    let me = app.login_as(APPLICANT).await.access_token;
    let admin = app.login_as("sysadmin").await.access_token;
    // 学历/资历证明 and 业绩成果 required for 中小学教师系列; 论文/著作 required but disabled.
    for (code_name, enabled) in [
        ("education", true),
        ("achievements", true),
        ("publications", false),
    ] {
        let c = by_code(&app, &admin, code_name).await;
        let mut b = body_of(&c);
        b["required_series"] = json!(["school_teachers", "health"]);
        b["enabled"] = json!(enabled);
        assert_eq!(put(&app, &admin, c.id, &b).await.status(), 200);
    }
    let draft = create_draft(&app, &me).await;
    let (status, body) =
        code(act(&app, &me, draft.id, draft.version, "submit", json!({})).await).await;
    assert_eq!(
        (status, &body["code"]),
        (422, &json!("attachments_missing")),
        "{body}"
    );
    let message = body["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("学历/资历证明") && message.contains("业绩成果"),
        "{message}"
    );
    assert!(
        !message.contains("论文"),
        "a disabled kind is never required: {message}"
    );
    let unchanged: Application = app
        .get_as(&me, &format!("/api/v1/applications/{}", draft.id))
        .await
        .json()
        .await
        .expect("app");
    assert_eq!(
        (unchanged.stage.as_str(), unchanged.version),
        ("draft", draft.version)
    );
    let education = by_code(&app, &me, "education").await;
    assert_eq!(
        upload(&app, &me, draft.id, Some(education.id))
            .await
            .status(),
        201
    );
    let (status, body) =
        code(act(&app, &me, draft.id, draft.version, "submit", json!({})).await).await;
    assert_eq!(status, 422);
    let message = body["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("业绩成果") && !message.contains("学历"),
        "{message}"
    );
    let achievements = by_code(&app, &me, "achievements").await;
    assert_eq!(
        upload(&app, &me, draft.id, Some(achievements.id))
            .await
            .status(),
        201
    );
    let res = act(&app, &me, draft.id, draft.version, "submit", json!({})).await;
    assert_eq!(
        res.status(),
        200,
        "submitted once every required kind has a file"
    );
    let done: Application = res.json().await.expect("app");
    assert_eq!(done.stage.as_str(), "unit_verification");
}

async fn the_system_administrator_manages_categories(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.login_as("sysadmin").await.access_token;
    let clerk = app.login_as("county_emp_admin").await.access_token;
    let new = json!({
        "code": "contracts",
        "name_zh": "聘用合同",
        "name_en": "Employment contracts",
        "sort": 55,
        "enabled": true,
        "required_series": ["engineering", "engineering"]
    });
    let (status, body) = code(
        app.post_as(&clerk, "/api/v1/attachment-categories", &new)
            .await,
    )
    .await;
    assert_eq!((status, &body["code"]), (403, &json!("forbidden")));
    let res = app
        .post_as(&admin, "/api/v1/attachment-categories", &new)
        .await;
    assert_eq!(res.status(), 201);
    let created: AttachmentCategory = res.json().await.expect("category");
    assert_eq!(created.required_series.len(), 1, "duplicates dropped");
    assert_eq!(
        audit_rows(&app, "attachment_category.create", created.id).await,
        1
    );
    let (status, body) = code(
        app.post_as(&admin, "/api/v1/attachment-categories", &new)
            .await,
    )
    .await;
    assert_eq!((status, &body["code"]), (409, &json!("already_exists")));
    let mut bad = new.clone();
    bad["code"] = json!("Bad Code");
    let (status, body) = code(
        app.post_as(&admin, "/api/v1/attachment-categories", &bad)
            .await,
    )
    .await;
    assert_eq!((status, &body["field"]), (422, &json!("code")));
    bad = new.clone();
    bad["name_zh"] = json!(" ");
    let (status, body) = code(
        app.post_as(&admin, "/api/v1/attachment-categories", &bad)
            .await,
    )
    .await;
    assert_eq!((status, &body["field"]), (422, &json!("name_zh")));
    // Listed in order, between 业绩成果 (40) and 考核 (50)... and 其他 (60).
    let codes: Vec<String> = kinds(&app, &clerk)
        .await
        .into_iter()
        .map(|c| c.code)
        .collect();
    assert_eq!(codes[5], "contracts");
    // Edits: not by others, never the code, audited with before and after.
    let mut edit = new.clone();
    edit["name_zh"] = json!("聘用合同/协议");
    edit["required_series"] = json!([]);
    let (status, _) = code(put(&app, &clerk, created.id, &edit).await).await;
    assert_eq!(status, 403);
    let mut recode = edit.clone();
    recode["code"] = json!("other_code");
    let (status, body) = code(put(&app, &admin, created.id, &recode).await).await;
    assert_eq!((status, &body["field"]), (422, &json!("code")));
    let (status, _) = code(put(&app, &admin, 9999, &edit).await).await;
    assert_eq!(status, 404);
    let res = put(&app, &admin, created.id, &edit).await;
    assert_eq!(res.status(), 200);
    let edited: AttachmentCategory = res.json().await.expect("category");
    assert_eq!(edited.name_zh, "聘用合同/协议");
    assert!(edited.required_series.is_empty());
    assert_eq!(
        audit_rows(&app, "attachment_category.update", created.id).await,
        1
    );
    // Unauthenticated: refused.
    assert_eq!(app.get("/api/v1/attachment-categories").await.status(), 401);
}

async fn only_the_own_unit_reads_the_login_name_in_full(backend: Backend) {
    let app = spawn_app(backend).await;
    let clerk = app.login_as("county_emp_admin").await.access_token;
    let page: Page<Account> = app
        .get_as(&clerk, "/api/v1/accounts?kind=applicant&per_page=100")
        .await
        .json()
        .await
        .expect("page");
    let applicant = page
        .items
        .iter()
        .find(|a| a.username == APPLICANT)
        .expect("the applicant, by its full login name");
    let masked = applicant.id_number_masked.as_deref().unwrap_or_default();
    assert_eq!(masked, "5201**********1239");
    assert_ne!(applicant.username, masked);

    // The county HRSS above manages the account too, but reads its login name masked: the
    // whole ID number stays with the employer. It finds the account by the whole number (a
    // part of it finds nothing: the name is stored as a keyed hash, issue 13).
    let above = app.login_as("county_hrss_admin").await.access_token;
    let partial: Page<Account> = app
        .get_as(
            &above,
            "/api/v1/accounts?kind=applicant&per_page=100&q=5201",
        )
        .await
        .json()
        .await
        .expect("page");
    assert!(partial.items.iter().all(|a| a.id != applicant.id));
    let page: Page<Account> = app
        .get_as(
            &above,
            &format!("/api/v1/accounts?kind=applicant&per_page=100&q={APPLICANT}"),
        )
        .await
        .json()
        .await
        .expect("page");
    let seen = page
        .items
        .iter()
        .find(|a| a.id == applicant.id)
        .expect("the applicant, listed above its unit");
    assert_eq!(seen.username, masked);
    assert!(page.items.iter().all(|a| a.username != APPLICANT));
}

db_tests!(
    uploads_need_an_enabled_category,
    submit_needs_every_required_category,
    the_system_administrator_manages_categories,
    only_the_own_unit_reads_the_login_name_in_full,
);
