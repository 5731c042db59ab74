//! Issue 12: certificates — issued exactly once by a review filing's approval, numbered by the
//! administrator's template, backfilled and imported under the same rules, revoked (directly,
//! or through the application's 职称撤销), verified publicly by number + name or by the QR
//! code's token with a rate limit and a log, and the QR payload's signature.

use backend::db::schema::{accounts, applications, audit_log, certificates};
use diesel::prelude::*;
use serde_json::{json, Value};

use crate::{
    db_tests,
    filing::{pdf, tallied_session, upload, KINDS},
    helpers::{answer, assert_one_winner, expect, get_ok, race, send, spawn_app, Backend, TestApp},
    org::unit_id,
    publicity::{committee_with_reviewer, token, travel, COUNTY_EMP},
};

const ORGANISER: &str = "county_hrss_unit";
const AUDITOR: &str = "city_hrss_unit";

/// The applicant account of the county employer (the holder of the fixture's applications).
async fn applicant(app: &TestApp) -> String {
    let employer = unit_id(app, COUNTY_EMP).await;
    app.db
        .run(move |conn| {
            Ok(accounts::table
                .filter(accounts::unit_id.eq(employer))
                .filter(accounts::kind.eq("applicant"))
                // An applicant signs in with its ID number (the username is stored as its key).
                .select(accounts::id_number)
                .first::<Option<String>>(conn)?
                .unwrap_or_default())
        })
        .await
        .expect("applicant")
}

/// The unit of an account.
async fn unit_of(app: &TestApp, username: &'static str) -> i64 {
    app.db
        .run(move |conn| {
            Ok(accounts::table
                .filter(accounts::username.eq(backend::login_names::name(username)))
                .select(accounts::unit_id)
                .first::<i64>(conn)?)
        })
        .await
        .expect("unit")
}

async fn audit_count(app: &TestApp, action: &'static str) -> i64 {
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

fn backfill_body(employer: i64, number: &str) -> Value {
    json!({
        "number": number,
        "holder_name": "李四",
        "id_number": "11010519491231002X",
        "employer_id": employer,
        "series": "engineering",
        "specialty": "电气工程",
        "level": "associate_senior",
        "qualification": "高级工程师",
        "committee": "示范省工程系列高级职称评审委员会",
        "approval_date": "2019-12-20",
        "approval_document": "示人社职〔2019〕12号",
        "issuing_body": "示范省人力资源和社会保障厅",
    })
}

async fn approve_filing(app: &TestApp, session: i64) -> i64 {
    let org = token(app, ORGANISER).await;
    let city = token(app, AUDITOR).await;
    let base = "/api/v1/review-filings";
    let created = expect(app, &org, "POST", base, json!({"session_id": session}), 201).await;
    let id = created["id"].as_i64().expect("id");
    for kind in KINDS {
        let (status, body) = upload(app, &org, id, kind, pdf()).await;
        assert_eq!(status, 201, "{body}");
    }
    expect(
        app,
        &org,
        "POST",
        &format!("{base}/{id}/submit"),
        json!({"version": 1}),
        200,
    )
    .await;
    // A 文号 is only given with an approval.
    let (status, body) = send(
        app,
        &city,
        "POST",
        &format!("{base}/{id}/decision"),
        json!({"approve": false, "opinion": "退回", "approval_document": "x", "version": 2}),
    )
    .await;
    assert_eq!(
        (status, body["field"].as_str()),
        (422, Some("approval_document"))
    );
    // Four approvals at once (a double click, a retry): one wins, the certificates are issued once.
    let path = format!("{base}/{id}/decision");
    let approval = json!({"approve": true, "opinion": "同意备案", "approval_document": "示人社职〔2035〕7号", "version": 2});
    let answers = race(4, || app.post_as(&city, &path, &approval)).await;
    assert_one_winner(&answers);
    id
}

/// The approval issues one certificate per passed application, numbered by the template and
/// skipping a number a backfilled certificate holds; nobody else gets one; the holder sees and
/// verifies it; 职称撤销 revokes it.
async fn a_filing_approval_issues_each_passed_application_one_certificate(backend: Backend) {
    let app = spawn_app(backend).await;
    travel(&app, "2035-03-05");
    let admin = token(&app, "sysadmin").await;
    let org = token(&app, ORGANISER).await;
    let city = token(&app, AUDITOR).await;

    // The numbering: only the administrator; malformed templates refused, nothing changed.
    let path = "/api/v1/certificate-numbering";
    let default = get_ok(&app, &admin, path).await;
    assert_eq!(
        default["template"],
        json!("{province}{year}{series}{seq:06}")
    );
    let (status, _) = send(&app, &org, "GET", path, Value::Null).await;
    assert_eq!(status, 403);
    for (template, province, field) in [
        ("{year}{series}", "52", "template"),
        ("{year}{series}{seq}{month}", "52", "template"),
        ("{year} {series}{seq}", "52", "template"),
        ("{year}{series}{seq}", "5", "province_code"),
    ] {
        let (status, body) = send(
            &app,
            &admin,
            "PUT",
            path,
            json!({"province_code": province, "template": template}),
        )
        .await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some(field)),
            "{template}"
        );
    }
    assert_eq!(get_ok(&app, &admin, path).await, default);
    let numbering =
        json!({"province_code": "52", "template": "{province}{year}{series}{level}{seq:04}"});
    assert_eq!(
        expect(&app, &admin, "PUT", path, numbering.clone(), 200).await,
        numbering
    );

    // A historic certificate already holds the first number the sequence would give.
    let employer = unit_id(&app, COUNTY_EMP).await;
    let taken = "5220350130001";
    expect(
        &app,
        &org,
        "POST",
        "/api/v1/certificates",
        backfill_body(employer, taken),
        201,
    )
    .await;

    let committee = committee_with_reviewer(&app).await;
    let fx = tallied_session(&app, committee, "tallied", 3, 1).await;
    let passed = fx.passed.clone();
    app.db
        .run(move |conn| {
            diesel::update(applications::table.filter(applications::id.eq_any(passed)))
                .set(applications::stage.eq("passed"))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("passed");
    let filing = approve_filing(&app, fx.session).await;
    let approved = get_ok(&app, &city, &format!("/api/v1/review-filings/{filing}")).await;
    assert_eq!(approved["status"], json!("approved"));
    assert_eq!(approved["certificates_issued"], json!(3));
    assert_eq!(approved["approval_document"], json!("示人社职〔2035〕7号"));
    assert_eq!(audit_count(&app, "certificate.issue").await, 3);

    // Numbered in order after the taken one; the failed application has none.
    let page = get_ok(
        &app,
        &city,
        "/api/v1/certificates?source=review&per_page=100",
    )
    .await;
    assert_eq!(page["total"], json!(3));
    let mut numbers: Vec<String> = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|c| c["number"].as_str().expect("number").to_owned())
        .collect();
    numbers.sort();
    assert_eq!(numbers, ["5220350130002", "5220350130003", "5220350130004"]);
    let first = &page["items"][0];
    assert_eq!(first["status"], json!("valid"));
    assert_eq!(first["approval_document"], json!("示人社职〔2035〕7号"));
    assert_eq!(first["issuing_body"], json!("示范市人力资源和社会保障局"));
    assert_eq!(first["approval_date"], json!("2035-03-05"));
    let masked = first["id_number"].as_str().expect("id");
    assert!(masked.contains("**********"), "{masked}");
    let failed = fx.failed[0];
    let issued_to_failed: i64 = app
        .db
        .run(move |conn| {
            Ok(certificates::table
                .filter(certificates::application_id.eq(failed))
                .count()
                .get_result(conn)?)
        })
        .await
        .expect("count");
    assert_eq!(issued_to_failed, 0);
    // A second approval is refused and issues nothing.
    let (status, body) = send(
        &app,
        &city,
        "POST",
        &format!("/api/v1/review-filings/{filing}/decision"),
        json!({"approve": true, "version": 3}),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("invalid_transition"))
    );
    assert_eq!(audit_count(&app, "certificate.issue").await, 3);

    // Filters and the export; a sibling branch sees nothing; an employer's verify module sees
    // its own.
    for (query, want) in [
        ("year=2035", 3),
        ("series=engineering&level=associate_senior", 4),
        // The demo's two historic certificates (one revoked, 张晓明's) count too.
        ("status=revoked", 1),
        ("source=backfill", 3),
        ("q=5220350130003", 1),
        ("q=张", 4),
        ("year=2034", 0),
    ] {
        let page = get_ok(&app, &city, &format!("/api/v1/certificates?{query}")).await;
        assert_eq!(page["total"], json!(want), "{query}");
    }
    let res = app
        .get_as(&city, "/api/v1/certificates/export?year=2035")
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let (status, _) = send(
        &app,
        &city,
        "GET",
        "/api/v1/certificates?year=20350",
        Value::Null,
    )
    .await;
    assert_eq!(status, 400);
    let dept = token(&app, "prov_dept_unit").await;
    let (status, body) = send(&app, &dept, "GET", "/api/v1/certificates", Value::Null).await;
    assert!(
        status == 403 || body["total"] == json!(0),
        "a sibling branch: {status} {body}"
    );
    let school = token(&app, "county_emp_unit").await;
    let own = get_ok(&app, &school, "/api/v1/certificates").await;
    assert_eq!(own["total"], json!(6));

    // The holder: their certificates (the three issued, and the demo's historic one that
    // carries their ID number), one in detail, its QR code, its signature.
    let holder = token(&app, &applicant(&app).await).await;
    let mine = get_ok(&app, &holder, "/api/v1/my/certificates").await;
    assert_eq!(mine.as_array().map(Vec::len), Some(4), "{mine}");
    assert_eq!(mine[3]["number"], json!("DEMO-2019-0001"));
    assert_eq!(mine[0]["source"], json!("review"));
    let id = mine[0]["id"].as_i64().expect("id");
    // Told in the same transaction: the holder of each certificate, the organiser of the filing.
    let told = get_ok(&app, &holder, "/api/v1/notices?kind=certificate_issued").await;
    assert_eq!(told["total"], json!(3), "{told}");
    assert!(told["items"][0]["text"]
        .as_str()
        .is_some_and(|t| t.contains("52203501300")));
    let decided = get_ok(&app, &org, "/api/v1/notices?kind=filing_decided").await;
    assert_eq!(decided["total"], json!(1), "one approval won: {decided}");
    assert_eq!(decided["items"][0]["object_id"], json!(filing));
    let one = get_ok(&app, &holder, &format!("/api/v1/certificates/{id}")).await;
    let qr_text = one["qr_text"].as_str().expect("qr").to_owned();
    assert!(qr_text.starts_with(one["verify_url"].as_str().expect("url")));
    assert!(
        !qr_text.contains(&applicant(&app).await[6..14]),
        "no birth date, no ID number"
    );
    let res = app
        .get_as(&holder, &format!("/api/v1/certificates/{id}/qr.svg"))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        res.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("image/svg+xml")
    );
    assert!(res.text().await.expect("svg").contains("<svg"));
    let (status, _) = send(
        &app,
        &dept,
        "GET",
        &format!("/api/v1/certificates/{id}"),
        Value::Null,
    )
    .await;
    assert!(status == 404 || status == 403, "{status}");
    let (status, _) = send(&app, &school, "GET", "/api/v1/my/certificates", Value::Null).await;
    assert_eq!(status, 403);
    let check = expect(
        &app,
        "",
        "POST",
        "/api/v1/public/certificates/signature",
        json!({"payload": qr_text}),
        200,
    )
    .await;
    assert_eq!(check["valid"], json!(true));
    assert_eq!(check["fields"]["number"], one["number"]);
    let key_id = check["fields"]["key_id"].clone();
    let fragment = qr_text.split_once('#').expect("fragment").1.to_owned();
    let forged = fragment.replacen("CT1.", "CT1.A", 1);
    let check = expect(
        &app,
        "",
        "POST",
        "/api/v1/public/certificates/signature",
        json!({"payload": forged}),
        200,
    )
    .await;
    assert_eq!(check["valid"], json!(false));
    let key: Value = app
        .client
        .get(app.url("/.well-known/certificate-signing-key.json"))
        .send()
        .await
        .expect("key")
        .json()
        .await
        .expect("json");
    assert_eq!(key["algorithm"], json!("Ed25519"));
    assert_eq!(key["key_id"], key_id);

    // A review certificate is not revoked directly: only through its application's 职称撤销.
    let (status, body) = send(
        &app,
        &org,
        "POST",
        &format!("/api/v1/certificates/{id}/revocation"),
        json!({"reason": "x", "version": 1}),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("invalid_transition"))
    );
    let application = one["application_id"].as_i64().expect("application");
    let proof = app
        .client
        .post(app.url("/api/v1/unit-attachments?section=revocation_proof&file_name=proof.pdf"))
        .bearer_auth(&city)
        .body(b"%PDF-1.4\n% verified violation\n".to_vec())
        .send()
        .await
        .expect("proof");
    let (status, _, proof) = answer(proof).await;
    assert_eq!(status, 201);
    let version = get_ok(&app, &city, &format!("/api/v1/applications/{application}")).await
        ["version"]
        .as_i64()
        .expect("version");
    expect(
        &app,
        &city,
        "POST",
        &format!("/api/v1/applications/{application}/actions"),
        json!({"action": "revoke", "version": version, "opinion": "学历造假已查实", "proof_attachment_ids": [proof["id"]]}),
        200,
    )
    .await;
    let revoked = get_ok(&app, &holder, &format!("/api/v1/certificates/{id}")).await;
    assert_eq!(revoked["status"], json!("revoked"));
    assert_eq!(revoked["revoked_reason"], json!("学历造假已查实"));
    assert_eq!(revoked["revoked_on"], json!("2035-03-05"));
    let token_part = one["verify_url"]
        .as_str()
        .and_then(|u| u.rsplit('/').next())
        .expect("token")
        .to_owned();
    let seen = expect(
        &app,
        "",
        "GET",
        &format!("/api/v1/public/certificates/by-token/{token_part}"),
        Value::Null,
        200,
    )
    .await;
    assert_eq!(seen["outcome"], json!("revoked"));
    assert_eq!(seen["certificate"]["revoked_on"], json!("2035-03-05"));
    assert_eq!(audit_count(&app, "certificate.revoke").await, 1);
}

/// 证书补录 and 职称证书导入 under one set of rules; revocation of a historic certificate.
async fn backfill_and_import_follow_the_same_rules_all_or_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let org = token(&app, ORGANISER).await;
    let employer = unit_id(&app, COUNTY_EMP).await;
    let above = unit_of(&app, AUDITOR).await;
    let base = "/api/v1/certificates";

    // Each bad field is refused at the field; nothing is written.
    for (edit, field) in [
        (json!({"number": " "}), "number"),
        (json!({"holder_name": ""}), "holder_name"),
        (json!({"id_number": "110105194912310021"}), "id_number"),
        (json!({"gender": "male"}), "gender"),
        (json!({"approval_date": "2019-02-30"}), "approval_date"),
        (json!({"approval_date": "2999-01-01"}), "approval_date"),
        (json!({"issuing_body": "  "}), "issuing_body"),
        (json!({"employer_id": above}), "employer_id"),
        (json!({"employer_id": 999_999}), "employer_id"),
    ] {
        let mut body = backfill_body(employer, "HIST-0001");
        for (k, v) in edit.as_object().expect("edit") {
            body[k] = v.clone();
        }
        let (status, got) = send(&app, &org, "POST", base, body).await;
        assert_eq!((status, got["field"].as_str()), (422, Some(field)), "{got}");
    }
    let (status, _) = send(&app, &org, "POST", base, json!({"number": 1})).await;
    assert_eq!(status, 422);
    let school = token(&app, "county_emp_unit").await;
    let (status, _) = send(
        &app,
        &school,
        "POST",
        base,
        backfill_body(employer, "HIST-0001"),
    )
    .await;
    assert_eq!(status, 403, "an employer has no backfill");
    // Only the demo's two (backend::demo_certificates).
    assert_eq!(get_ok(&app, &org, base).await["total"], json!(2));

    let one = expect(
        &app,
        &org,
        "POST",
        base,
        backfill_body(employer, "HIST-0001"),
        201,
    )
    .await;
    assert_eq!(one["source"], json!("backfill"));
    assert_eq!(one["gender"], json!("female"), "from the ID number");
    assert_eq!(one["id_number"], json!("1101**********002X"));
    assert_eq!(one["year"], json!(2019));
    let (status, got) = send(
        &app,
        &org,
        "POST",
        base,
        backfill_body(employer, " HIST-0001 "),
    )
    .await;
    assert_eq!(
        (status, got["code"].as_str(), got["field"].as_str()),
        (409, Some("already_exists"), Some("number"))
    );
    assert_eq!(audit_count(&app, "certificate.backfill").await, 1);

    // Revocation: a reason, the version read, once.
    let id = one["id"].as_i64().expect("id");
    let revoke = format!("{base}/{id}/revocation");
    let (status, got) = send(
        &app,
        &org,
        "POST",
        &revoke,
        json!({"reason": " ", "version": 1}),
    )
    .await;
    assert_eq!((status, got["field"].as_str()), (422, Some("reason")));
    let (status, got) = send(
        &app,
        &org,
        "POST",
        &revoke,
        json!({"reason": "伪造", "version": 7}),
    )
    .await;
    assert_eq!(
        (status, got["code"].as_str()),
        (409, Some("version_conflict"))
    );
    let (status, _) = send(
        &app,
        &school,
        "POST",
        &revoke,
        json!({"reason": "伪造", "version": 1}),
    )
    .await;
    assert_eq!(status, 403);
    let body = json!({"reason": "证书系伪造", "version": 1});
    let answers = race(3, || app.post_as(&org, &revoke, &body)).await;
    assert_one_winner(&answers);
    let now = get_ok(&app, &org, &format!("{base}/{id}")).await;
    assert_eq!(now["status"], json!("revoked"));
    assert_eq!(now["revoked_reason"], json!("证书系伪造"));

    // Import: a file with bad rows writes nothing and reports every one.
    let header =
        "证书编号,姓名,身份证号,工作单位,系列,专业,级别,任职资格名称,评委会,批准日期,发证机关\n";
    let good = "HIST-0100,王五,11010519491231002X,示范县第一中学,工程系列,电气工程,中级,工程师,示范省工程系列中级评委会,2018-06-30,示范省人力资源和社会保障厅\n";
    let good2 = "HIST-0101,赵六,11010519491231002X,示范县第一中学,engineering,机械工程,intermediate,工程师,示范省工程系列中级评委会,2018-06-30,示范省人力资源和社会保障厅\n";
    let bad_id = "HIST-0102,钱七,110105194912310021,示范县第一中学,工程系列,电气工程,中级,工程师,评委会,2018-06-30,发证机关\n";
    let taken = "HIST-0001,孙八,11010519491231002X,示范县第一中学,工程系列,电气工程,中级,工程师,评委会,2018-06-30,发证机关\n";
    let repeated = "HIST-0100,周九,11010519491231002X,示范县第一中学,工程系列,电气工程,中级,工程师,评委会,2018-06-30,发证机关\n";
    let unknown_series = "HIST-0103,吴十,11010519491231002X,示范县第一中学,火箭系列,电气工程,中级,工程师,评委会,2018-06-30,发证机关\n";
    let import = |body: String, dry: bool| {
        let app = &app;
        let org = org.clone();
        async move {
            answer(
                app.client
                    .post(app.url(&format!("/api/v1/certificates/import?dry_run={dry}")))
                    .bearer_auth(&org)
                    .header("content-type", "text/csv")
                    .body(body)
                    .send()
                    .await
                    .expect("import"),
            )
            .await
        }
    };
    let (status, _, report) = import(
        format!("{header}{good}{bad_id}{taken}{repeated}{unknown_series}"),
        false,
    )
    .await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["ok"], json!(false));
    assert_eq!(report["created"], json!(0));
    let failures: Vec<(i64, String)> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["row"].as_i64().expect("row"),
                e["field"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        failures,
        [
            (3, "id_number".to_owned()),
            (4, "number".to_owned()),
            (5, "number".to_owned()),
            (6, "series".to_owned()),
        ]
    );
    assert_eq!(
        get_ok(&app, &org, &format!("{base}?source=import")).await["total"],
        json!(0)
    );
    // A dry run of a good file: ok, nothing written; then the import itself.
    let (_, _, report) = import(format!("{header}{good}{good2}"), true).await;
    assert_eq!(
        (report["ok"].clone(), report["created"].clone()),
        (json!(true), json!(0))
    );
    assert_eq!(
        get_ok(&app, &org, &format!("{base}?source=import")).await["total"],
        json!(0)
    );
    let (_, _, report) = import(format!("{header}{good}{good2}"), false).await;
    assert_eq!(
        (report["ok"].clone(), report["created"].clone()),
        (json!(true), json!(2)),
        "{report}"
    );
    assert_eq!(
        get_ok(&app, &org, &format!("{base}?source=import")).await["total"],
        json!(2)
    );
    assert_eq!(audit_count(&app, "certificate.import").await, 2);
    // The same file again: every number is taken now.
    let (_, _, report) = import(format!("{header}{good}{good2}"), false).await;
    assert_eq!(report["errors"].as_array().map(Vec::len), Some(2));
    // Unreadable files.
    let (status, code, _) = import("姓名,火箭\n张三,1\n".to_owned(), false).await;
    assert_eq!((status, code.as_str()), (400, "bad_request"));
    let (status, code, _) = answer(
        app.client
            .post(app.url("/api/v1/certificates/import"))
            .bearer_auth(&org)
            .header("content-type", "application/pdf")
            .body(pdf())
            .send()
            .await
            .expect("pdf"),
    )
    .await;
    assert_eq!((status, code.as_str()), (415, "unsupported_media_type"));
    // The template is a workbook whose example row (no employer) is refused at the employer.
    let res = app
        .get_as(&org, "/api/v1/certificates/import-template")
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let template = res.bytes().await.expect("template").to_vec();
    let (status, _, report) = answer(
        app.client
            .post(app.url("/api/v1/certificates/import?dry_run=true"))
            .bearer_auth(&org)
            .header(
                "content-type",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            .body(template)
            .send()
            .await
            .expect("xlsx"),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["errors"][0]["row"], json!(2));
    assert_eq!(report["errors"][0]["field"], json!("employer"));
    let (status, _) = send(
        &app,
        &school,
        "GET",
        "/api/v1/certificates/import-template",
        Value::Null,
    )
    .await;
    assert_eq!(status, 403);
}

/// Public verification: number + exact name, the token, revoked, not found, the rate limit,
/// and the log the holder's units see (with the verifying unit when signed in).
async fn public_verification_answers_logs_and_limits(backend: Backend) {
    let app = spawn_app(backend).await;
    let org = token(&app, ORGANISER).await;
    let employer = unit_id(&app, COUNTY_EMP).await;
    let one = expect(
        &app,
        &org,
        "POST",
        "/api/v1/certificates",
        backfill_body(employer, "HIST-0009"),
        201,
    )
    .await;
    let id = one["id"].as_i64().expect("id");
    let verify = "/api/v1/public/certificates/verify";
    let found = expect(
        &app,
        "",
        "POST",
        verify,
        json!({"number": "HIST-0009", "name": "李四"}),
        200,
    )
    .await;
    assert_eq!(found["outcome"], json!("valid"));
    assert_eq!(
        found["certificate"]["id_number"],
        json!("1101**********002X")
    );
    assert_eq!(found["certificate"]["qualification"], json!("高级工程师"));
    assert!(found["certificate"].get("employer_id").is_none());
    for body in [
        json!({"number": "HIST-0009", "name": "李"}),
        json!({"number": "HIST-0010", "name": "李四"}),
    ] {
        let got = expect(&app, "", "POST", verify, body, 200).await;
        assert_eq!(got, json!({"outcome": "not_found", "certificate": null}));
    }
    for (body, field) in [
        (json!({"number": "", "name": "李四"}), "number"),
        (json!({"number": "HIST-0009", "name": " "}), "name"),
    ] {
        let (status, got) = send(&app, "", "POST", verify, body).await;
        assert_eq!((status, got["field"].as_str()), (422, Some(field)));
    }
    let token_part = one["verify_url"]
        .as_str()
        .and_then(|u| u.rsplit('/').next())
        .expect("token")
        .to_owned();
    assert_eq!(token_part.len(), 22);
    let by_token = expect(
        &app,
        "",
        "GET",
        &format!("/api/v1/public/certificates/by-token/{token_part}"),
        Value::Null,
        200,
    )
    .await;
    assert_eq!(by_token["outcome"], json!("valid"));
    let (status, _) = send(
        &app,
        "",
        "GET",
        "/api/v1/public/certificates/by-token/short",
        Value::Null,
    )
    .await;
    assert_eq!(status, 404);
    let unknown = expect(
        &app,
        "",
        "GET",
        "/api/v1/public/certificates/by-token/AAAAAAAAAAAAAAAAAAAAAA",
        Value::Null,
        200,
    )
    .await;
    assert_eq!(unknown["outcome"], json!("not_found"));

    // A signed-in unit verifies: logged with its unit; the log shows every verification.
    let school = token(&app, "county_emp_unit").await;
    let got = expect(
        &app,
        &school,
        "POST",
        "/api/v1/certificates/verify",
        json!({"number": "HIST-0009", "name": "李四"}),
        200,
    )
    .await;
    assert_eq!(got["outcome"], json!("valid"));
    let log = get_ok(
        &app,
        &org,
        &format!("/api/v1/certificates/{id}/verifications"),
    )
    .await;
    let log = log.as_array().expect("log");
    assert_eq!(log.len(), 3, "two public, one signed in: {log:?}");
    assert_eq!(log[0]["unit"], json!(COUNTY_EMP));
    assert_eq!(log[0]["way"], json!("number"));
    assert_eq!(log[1]["unit"], Value::Null);
    assert_eq!(log[1]["way"], json!("token"));
    assert_eq!(
        get_ok(&app, &org, &format!("/api/v1/certificates/{id}")).await["verifications"],
        json!(3)
    );
    let (status, _) = send(
        &app,
        "",
        "POST",
        "/api/v1/certificates/verify",
        json!({"number": "HIST-0009", "name": "李四"}),
    )
    .await;
    assert_eq!(status, 401);

    // Revoked: shown with its date.
    expect(
        &app,
        &org,
        "POST",
        &format!("/api/v1/certificates/{id}/revocation"),
        json!({"reason": "证书系伪造", "version": 1}),
        200,
    )
    .await;
    let revoked = expect(
        &app,
        "",
        "POST",
        verify,
        json!({"number": "HIST-0009", "name": "李四"}),
        200,
    )
    .await;
    assert_eq!(revoked["outcome"], json!("revoked"));
    assert!(revoked["certificate"]["revoked_on"].is_string());

    // The limit: 30 a minute per address (six used above), then 429 with Retry-After.
    let mut refused = None;
    for n in 0..40 {
        let res = app
            .client
            .post(app.url(verify))
            .json(&json!({"number": "HIST-0009", "name": "李四"}))
            .send()
            .await
            .expect("verify");
        if res.status().as_u16() == 429 {
            let retry = res
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok());
            let body: Value = res.json().await.expect("json");
            assert_eq!(body["code"], json!("rate_limited"));
            refused = Some((n, retry));
            break;
        }
    }
    let (n, retry) = refused.expect("refused within 40");
    assert_eq!(n, 24, "30 in the window: 6 before, 24 now");
    assert!(retry.is_some_and(|s| (1..=60).contains(&s)), "{retry:?}");
    let logged: i64 = app
        .db
        .run(move |conn| {
            use backend::db::schema::certificate_verifications as v;
            Ok(v::table
                .filter(v::certificate_id.eq(id))
                .count()
                .get_result(conn)?)
        })
        .await
        .expect("logged");
    assert_eq!(
        logged,
        3 + 1 + 24,
        "every answered verification is logged, no refused one"
    );
}

/// `backend certificates verify-qr` checks a printed code offline: with this installation's
/// key, or with the public key given (as a verifier elsewhere would); an altered payload or
/// another platform's key fails with exit code 1.
async fn the_cli_checks_a_qr_payload_offline(backend: Backend) {
    let app = spawn_app(backend).await;
    let org = token(&app, ORGANISER).await;
    let employer = unit_id(&app, COUNTY_EMP).await;
    let one = expect(
        &app,
        &org,
        "POST",
        "/api/v1/certificates",
        backfill_body(employer, "HIST-0042"),
        201,
    )
    .await;
    let qr = one["qr_text"].as_str().expect("qr").to_owned();
    let key = get_ok(&app, "", "/api/v1/public/certificates/signing-key").await;
    let public = key["public_key_hex"].as_str().expect("hex").to_owned();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_backend"))
            .args(args)
            .env("DATABASE_URL", app.database_url())
            .env("DATA_DIR", &app.data_dir)
            .env("DATA_ENCRYPTION_KEY_FILE", crate::helpers::data_key_file())
            .env_remove("CERTIFICATE_SIGNING_KEY_FILE")
            .env("RUST_LOG", "warn")
            .output()
            .expect("run the CLI")
    };
    let printed = run(&["certificates", "public-key"]);
    assert!(printed.status.success(), "{printed:?}");
    assert!(String::from_utf8_lossy(&printed.stdout).contains(&public));
    for args in [
        vec!["certificates", "verify-qr", qr.as_str()],
        vec![
            "certificates",
            "verify-qr",
            qr.as_str(),
            "--public-key",
            public.as_str(),
        ],
    ] {
        let out = run(&args);
        assert!(out.status.success(), "{out:?}");
        let check: Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(check["valid"], json!(true));
        assert_eq!(check["fields"]["holder_name"], json!("李四"));
        assert_eq!(check["fields"]["number"], json!("HIST-0042"));
    }
    let (head, sig) = qr.rsplit_once('.').expect("signature");
    let flipped = if sig.starts_with('A') { "B" } else { "A" };
    let altered = format!("{head}.{flipped}{}", &sig[1..]);
    let other = hex::encode(
        ed25519_dalek::SigningKey::from_bytes(&[3; 32])
            .verifying_key()
            .to_bytes(),
    );
    for args in [
        vec!["certificates", "verify-qr", altered.as_str()],
        vec![
            "certificates",
            "verify-qr",
            qr.as_str(),
            "--public-key",
            other.as_str(),
        ],
        vec!["certificates", "verify-qr", "not a payload"],
    ] {
        let out = run(&args);
        assert!(!out.status.success(), "{args:?}");
    }
}

/// A certificate row of the import (employer by name) numbered `number`, with `id` as its ID
/// number.
fn import_row(number: &str, id: &str) -> String {
    format!("{number},王五,{id},示范县第一中学,工程系列,电气工程,中级,工程师,示范省工程系列中级评委会,2018-06-30,示范省人力资源和社会保障厅\n")
}

const IMPORT_HEADER: &str =
    "证书编号,姓名,身份证号,工作单位,系列,专业,级别,任职资格名称,评委会,批准日期,发证机关\n";

async fn post_import(app: &TestApp, token: &str, body: String, dry: bool) -> Value {
    let (status, _, report) = answer(
        app.client
            .post(app.url(&format!("/api/v1/certificates/import?dry_run={dry}")))
            .bearer_auth(token)
            .header("content-type", "text/csv")
            .body(body)
            .send()
            .await
            .expect("import"),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    report
}

async fn imported(app: &TestApp) -> i64 {
    app.db
        .run(|conn| {
            Ok(certificates::table
                .filter(certificates::source.eq("import"))
                .count()
                .get_result(conn)?)
        })
        .await
        .expect("count")
}

/// `(row, field, code)` of every error of a report.
fn failures(report: &Value) -> Vec<(i64, String, String)> {
    report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["row"].as_i64().expect("row"),
                e["field"].as_str().unwrap_or_default().to_owned(),
                e["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// Issue 14: more rows than the old limit of 5,000 import whole, in chunks; one bad row in the
/// middle writes nothing and is reported at its sheet row; a number repeated across a chunk
/// boundary (rows 501 and 502: the first and second chunk of 500) or far apart is reported; a
/// dry run writes nothing; each certificate is audited with the image the single entry audits.
async fn a_large_import_is_whole_or_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let org = token(&app, ORGANISER).await;
    const ROWS: usize = 5_001;
    let id = "11010519491231002X";
    let numbers: Vec<String> = (0..ROWS).map(|i| format!("BIG-{i:05}")).collect();
    let good: String = std::iter::once(IMPORT_HEADER.to_owned())
        .chain(numbers.iter().map(|n| import_row(n, id)))
        .collect();
    // Data row i is sheet row i + 2.
    let mut bad_rows: Vec<String> = numbers.iter().map(|n| import_row(n, id)).collect();
    bad_rows[500] = import_row(&numbers[499], id);
    bad_rows[2500] = import_row(&numbers[2500], "110105194912310021");
    bad_rows[4000] = import_row(&numbers[0], id);
    let bad: String = std::iter::once(IMPORT_HEADER.to_owned())
        .chain(bad_rows)
        .collect();

    let report = post_import(&app, &org, bad, false).await;
    assert_eq!(
        (
            report["ok"].clone(),
            report["created"].clone(),
            report["rows"].clone()
        ),
        (json!(false), json!(0), json!(ROWS))
    );
    let v = "validation_failed".to_owned();
    assert_eq!(
        failures(&report),
        [
            (502, "number".to_owned(), v.clone()),
            (2502, "id_number".to_owned(), v.clone()),
            (4002, "number".to_owned(), v),
        ]
    );
    assert_eq!(imported(&app).await, 0, "one failing row writes nothing");

    let report = post_import(&app, &org, good.clone(), true).await;
    assert_eq!(
        (report["ok"].clone(), report["created"].clone()),
        (json!(true), json!(0)),
        "{report}"
    );
    assert_eq!(imported(&app).await, 0, "a dry run writes nothing");
    assert_eq!(audit_count(&app, "certificate.import").await, 0);

    let report = post_import(&app, &org, good.clone(), false).await;
    assert_eq!(
        (report["ok"].clone(), report["created"].clone()),
        (json!(true), json!(ROWS)),
        "{report}"
    );
    assert_eq!(imported(&app).await, i64::try_from(ROWS).expect("rows"));
    assert_eq!(
        audit_count(&app, "certificate.import").await,
        i64::try_from(ROWS).expect("rows")
    );
    // Every number is held now: the same file again fails at every row.
    let report = post_import(&app, &org, good, false).await;
    assert_eq!(report["errors"].as_array().map(Vec::len), Some(ROWS));
    assert_eq!(report["errors"][4999]["row"], json!(5001));
    assert_eq!(report["errors"][4999]["code"], json!("already_exists"));

    // The import's audit image (built from the inserted row) equals the one the single entry
    // audits (read back from the database), but for the number and the source.
    let employer = unit_id(&app, COUNTY_EMP).await;
    let body = backfill_body(employer, "IMG-0002");
    let row = format!(
        "{},{},{},{},{},{},{},{},{},{},{},{}\n",
        "IMG-0001",
        body["holder_name"].as_str().expect("name"),
        body["id_number"].as_str().expect("id"),
        employer,
        "engineering",
        body["specialty"].as_str().expect("specialty"),
        "associate_senior",
        body["qualification"].as_str().expect("q"),
        body["committee"].as_str().expect("c"),
        body["approval_date"].as_str().expect("d"),
        body["approval_document"].as_str().expect("doc"),
        body["issuing_body"].as_str().expect("body"),
    );
    let header = "number,holder_name,id_number,employer_id,series,specialty,level,qualification,committee,approval_date,approval_document,issuing_body\n";
    let report = post_import(&app, &org, format!("{header}{row}"), false).await;
    assert_eq!(report["ok"], json!(true), "{report}");
    expect(&app, &org, "POST", "/api/v1/certificates", body, 201).await;
    let after = |action: &'static str| {
        app.db.run(move |conn| {
            Ok(audit_log::table
                .filter(audit_log::action.eq(action))
                .order(audit_log::id.desc())
                .select(audit_log::after_data)
                .first::<Option<String>>(conn)?
                .unwrap_or_default())
        })
    };
    let mut imported_image: Value =
        serde_json::from_str(&after("certificate.import").await.expect("audit")).expect("json");
    let backfilled_image: Value =
        serde_json::from_str(&after("certificate.backfill").await.expect("audit")).expect("json");
    assert_eq!(imported_image["number"], json!("IMG-0001"));
    assert_eq!(imported_image["source"], json!("import"));
    // The row as stored (on PostgreSQL by the import's `UNNEST` insert) reads back as the image
    // audited, its sealed ID number included.
    let stored = app
        .db
        .run(|conn| {
            let id: i64 = certificates::table
                .filter(certificates::number.eq("IMG-0001"))
                .select(certificates::id)
                .first(conn)?;
            Ok(backend::certificates::entry::image(
                &backend::certificates::entry::load(conn, id)?,
            ))
        })
        .await
        .expect("the imported row");
    assert_eq!(stored, imported_image);
    imported_image["number"] = json!("IMG-0002");
    imported_image["source"] = json!("backfill");
    assert_eq!(imported_image, backfilled_image);
}

db_tests!(
    the_cli_checks_a_qr_payload_offline,
    a_filing_approval_issues_each_passed_application_one_certificate,
    backfill_and_import_follow_the_same_rules_all_or_nothing,
    public_verification_answers_logs_and_limits,
    a_large_import_is_whole_or_nothing,
);
