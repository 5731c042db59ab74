//! Attachments: content-checked types, size limit, SHA-256, streamed download with the original
//! name, visibility of the application (or of the unit for recommendation proofs), and the
//! editable-stage rule for upload and delete.

use std::{
    io::{Read, Write},
    path::{Path, PathBuf},
};

use backend::db::schema::{accounts, applications, attachments, audit_log, units};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};
use shared::{attachments::Attachment, Page};

use crate::{
    db_tests,
    helpers::{spawn_app, spawn_app_with, Backend, TestApp},
};

pub(crate) const APPLICANT: &str = "520121199001011239"; // county_emp
const OTHER_APPLICANT: &str = "520101198506152344"; // city_emp

/// Inserts an application of `applicant` at `stage` straight into the database (until the
/// create endpoint exists; kept so that these tests stay independent of it).
pub(crate) async fn insert_application(
    app: &TestApp,
    applicant: &'static str,
    stage: &'static str,
) -> i64 {
    app.db
        .run(move |conn| {
            let (account, unit): (i64, i64) = accounts::table
                .filter(accounts::username.eq(backend::login_names::name(applicant)))
                .select((accounts::id, accounts::unit_id))
                .first(conn)?;
            let path: String = units::table.find(unit).select(units::path).first(conn)?;
            let now = NaiveDateTime::default();
            let birth = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or_default();
            let qualification = format!("中学一级教师-{}", uuid::Uuid::new_v4().simple());
            Ok(diesel::insert_into(applications::table)
                .values((
                    applications::applicant_id.eq(account),
                    applications::employer_id.eq(unit),
                    applications::employer_path.eq(path),
                    applications::year.eq(2026),
                    applications::series.eq("school_teachers"),
                    applications::specialty.eq("数学"),
                    applications::level.eq("intermediate"),
                    applications::qualification.eq(qualification),
                    applications::declaration_type.eq("normal"),
                    applications::name.eq("示范申报人"),
                    applications::id_number.eq(backend::pii::Pii::new(applicant)),
                    applications::gender.eq("male"),
                    applications::birth_date.eq(birth),
                    applications::education.eq("bachelor"),
                    applications::current_title.eq("中学二级教师"),
                    applications::years_of_service.eq(10),
                    applications::achievements.eq("示范"),
                    applications::phone.eq("13800000000"),
                    applications::stage.eq(stage),
                    applications::holder_unit_id.eq(unit),
                    applications::created_at.eq(now),
                    applications::updated_at.eq(now),
                    // Anything past a draft has been submitted (draft privacy, issue 9 point 11).
                    applications::submitted_at.eq((stage != "draft").then_some(now)),
                ))
                .returning(applications::id)
                .get_result::<i64>(conn)?)
        })
        .await
        .expect("insert an application")
}

async fn set_stage(app: &TestApp, id: i64, stage: &'static str) {
    app.db
        .run(move |conn| {
            diesel::update(applications::table.find(id))
                .set(applications::stage.eq(stage))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("set stage");
}

/// As if the applicant had submitted and withdrawn: a draft no longer private.
async fn mark_submitted(app: &TestApp, id: i64) {
    app.db
        .run(move |conn| {
            diesel::update(applications::table.find(id))
                .set(applications::submitted_at.eq(Some(chrono::Utc::now().naive_utc())))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("mark submitted");
}

async fn attachment_rows(app: &TestApp) -> i64 {
    app.db
        .run(|conn| Ok(attachments::table.count().get_result::<i64>(conn)?))
        .await
        .expect("count")
}

async fn audit_count(app: &TestApp, action: &'static str) -> i64 {
    app.db
        .run(move |conn| {
            Ok(audit_log::table
                .filter(audit_log::action.eq(action))
                .count()
                .get_result::<i64>(conn)?)
        })
        .await
        .expect("count")
}

/// Every file under the storage folder.
pub(crate) fn stored_files(app: &TestApp) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&app.data_dir.join("attachments"), &mut out);
    out
}

pub(crate) fn pdf(len: usize) -> Vec<u8> {
    let mut v = b"%PDF-1.7\n".to_vec();
    v.extend((0..len.saturating_sub(v.len())).map(|i| (i % 251) as u8));
    v
}

fn png() -> Vec<u8> {
    let mut v = vec![0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    v.extend_from_slice(b"\0\0\0\rIHDR fake image data");
    v
}

fn jpeg() -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    v.extend_from_slice(b"JFIF\0 fake jpeg");
    v
}

fn docx() -> Vec<u8> {
    let mut v = b"PK\x03\x04\x14\x00\x06\x00".to_vec();
    v.extend_from_slice(b"[Content_Types].xml fake zip");
    v
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(crate) async fn upload(
    app: &TestApp,
    token: &str,
    application: i64,
    section: &str,
    file_name: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!(
            "/api/v1/applications/{application}/attachments?section={section}&category_id=1&file_name={}&description={}",
            enc(file_name),
            enc("说明")
        )))
        .bearer_auth(token)
        .header("Content-Type", "application/octet-stream")
        .body(body)
        .send()
        .await
        .expect("request")
}

async fn delete(app: &TestApp, token: &str, id: i64) -> reqwest::Response {
    app.client
        .delete(app.url(&format!("/api/v1/attachments/{id}")))
        .bearer_auth(token)
        .send()
        .await
        .expect("request")
}

async fn code(res: reqwest::Response) -> (u16, String) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

async fn uploads_are_typed_by_content_hashed_and_downloaded_as_sent(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = insert_application(&app, APPLICANT, "draft").await;
    let me = app.login_as(APPLICANT).await.access_token;
    let files: [(&str, Vec<u8>, &str); 4] = [
        // Larger than MAX_JSON_BYTES: the JSON limit does not apply to files.
        ("申报材料 代表作.pdf", pdf(300_000), "application/pdf"),
        ("证书.png", png(), "image/png"),
        ("照片.JPG", jpeg(), "image/jpeg"),
        (
            "论文.docx",
            docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ];
    let mut stored = Vec::new();
    for (name, bytes, mime) in &files {
        // The client's header says nothing: the content decides.
        let res = upload(&app, &me, id, "materials", name, bytes.clone()).await;
        assert_eq!(res.status(), 201, "{name}");
        let a: Attachment = res.json().await.expect("attachment");
        assert_eq!(a.content_type, *mime, "{name}");
        assert_eq!(a.size, bytes.len() as i64, "{name}");
        assert_eq!(a.sha256, sha256(bytes), "{name}");
        assert_eq!(
            (a.file_name.as_str(), a.description.as_str()),
            (*name, "说明")
        );
        assert_eq!(a.application_id, Some(id));
        assert!(a.can_delete);
        stored.push(a);
    }
    assert_eq!(audit_count(&app, "attachment.upload").await, 4);
    assert_eq!(stored_files(&app).len(), 4);

    let listed: Vec<Attachment> = app
        .get_as(&me, &format!("/api/v1/applications/{id}/attachments"))
        .await
        .json()
        .await
        .expect("list");
    assert_eq!(listed, stored);
    assert!(!listed[0].uploaded_by_name.is_empty());

    let res = app
        .get_as(
            &me,
            &format!("/api/v1/attachments/{}/content", stored[0].id),
        )
        .await;
    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    let header = |name: &str| {
        h.get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-type"), "application/pdf");
    assert_eq!(header("content-length"), "300000");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("cache-control"), "private, no-store");
    assert_eq!(
        header("content-disposition"),
        "attachment; filename=\"____ ___.pdf\"; filename*=UTF-8''%E7%94%B3%E6%8A%A5%E6%9D%90%E6%96%99%20%E4%BB%A3%E8%A1%A8%E4%BD%9C.pdf"
    );
    let body = res.bytes().await.expect("body");
    assert_eq!(body.as_ref(), files[0].1.as_slice());
}

async fn other_types_are_refused_and_nothing_is_kept(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = insert_application(&app, APPLICANT, "draft").await;
    let me = app.login_as(APPLICANT).await.access_token;
    let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF".to_vec();
    let cases: [(&str, Vec<u8>); 5] = [
        ("setup.exe", exe.clone()),
        ("setup.pdf", exe),
        ("notes.txt", b"just some text, not a document".to_vec()),
        ("notes.pdf", b"just some text, not a document".to_vec()),
        ("archive.zip", docx()),
    ];
    for (name, bytes) in cases {
        let res = upload(&app, &me, id, "materials", name, bytes).await;
        assert_eq!(
            code(res).await,
            (415, "unsupported_file_type".into()),
            "{name}"
        );
    }
    let res = upload(&app, &me, id, "materials", "empty.pdf", Vec::new()).await;
    assert_eq!(code(res).await, (422, "validation_failed".into()));
    for bad in ["../etc/passwd.pdf", "a\\b.pdf", ""] {
        let res = upload(&app, &me, id, "materials", bad, pdf(100)).await;
        assert_eq!(
            code(res).await,
            (422, "validation_failed".into()),
            "{bad:?}"
        );
    }
    assert_eq!(attachment_rows(&app).await, 0);
    assert!(stored_files(&app).is_empty());
    assert_eq!(audit_count(&app, "attachment.upload").await, 0);
}

/// Sends a chunked upload (no `Content-Length`), so that only the streaming check can stop it,
/// and returns the status line and body.
async fn chunked_upload(app: &TestApp, token: &str, path: &str, body: Vec<u8>) -> String {
    let addr = app.address.trim_start_matches("http://").to_owned();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\
         Connection: close\r\n\r\n"
    );
    tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(&addr).expect("connect");
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .expect("timeout");
        stream.write_all(request.as_bytes()).expect("head");
        for chunk in body.chunks(512) {
            let frame = [format!("{:x}\r\n", chunk.len()).as_bytes(), chunk, b"\r\n"].concat();
            if stream.write_all(&frame).is_err() {
                break; // the server may stop reading once it refuses
            }
        }
        let _ = stream.write_all(b"0\r\n\r\n");
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    })
    .await
    .expect("chunked upload")
}

async fn oversized_uploads_are_refused_and_leave_no_file(backend: Backend) {
    let app = spawn_app_with(backend, None, &[("ATTACHMENT_MAX_BYTES", "4096")]).await;
    let id = insert_application(&app, APPLICANT, "draft").await;
    let me = app.login_as(APPLICANT).await.access_token;
    // Declared too large: refused before reading.
    let res = upload(&app, &me, id, "materials", "big.pdf", pdf(5000)).await;
    assert_eq!(res.status(), 413);
    let body: Value = res.json().await.expect("error body");
    assert_eq!(body["code"], "payload_too_large");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("4 KB"),
        "the limit is named: {body}"
    );
    // Streamed without a length: stopped once it passes the limit.
    let answer = chunked_upload(
        &app,
        &me,
        &format!("/api/v1/applications/{id}/attachments?section=materials&category_id=1&file_name=big.pdf"),
        pdf(20_000),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("payload_too_large"), "{answer}");
    assert_eq!(attachment_rows(&app).await, 0);
    assert!(stored_files(&app).is_empty(), "{:?}", stored_files(&app));
    // Exactly at the limit is fine, streamed or not.
    let res = upload(&app, &me, id, "materials", "fits.pdf", pdf(4096)).await;
    assert_eq!(res.status(), 201);
    let answer = chunked_upload(
        &app,
        &me,
        &format!("/api/v1/applications/{id}/attachments?section=materials&category_id=1&file_name=fits2.pdf"),
        pdf(4096),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    assert_eq!(stored_files(&app).len(), 2);
}

async fn only_those_who_see_the_application_see_its_files(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = insert_application(&app, APPLICANT, "draft").await;
    let me = app.login_as(APPLICANT).await.access_token;
    let a: Attachment = upload(&app, &me, id, "materials", "a.pdf", pdf(300))
        .await
        .json()
        .await
        .expect("attachment");
    let content = format!("/api/v1/attachments/{}/content", a.id);
    let list = format!("/api/v1/applications/{id}/attachments");

    let other = app.login_as(OTHER_APPLICANT).await.access_token;
    assert_eq!(
        code(app.get_as(&other, &content).await).await,
        (404, "not_found".into())
    );
    assert_eq!(
        code(app.get_as(&other, &list).await).await,
        (404, "not_found".into())
    );
    let res = upload(&app, &other, id, "materials", "x.pdf", pdf(300)).await;
    assert_eq!(code(res).await, (404, "not_found".into()));
    assert_eq!(
        code(delete(&app, &other, a.id).await).await,
        (404, "not_found".into())
    );

    // A unit outside the employer's branch.
    let outside = app.login_as("city_emp_handler").await.access_token;
    assert_eq!(
        code(app.get_as(&outside, &content).await).await,
        (404, "not_found".into())
    );

    // A draft never submitted is private: not even the employer reads its files.
    let handler = app.login_as("county_emp_handler").await.access_token;
    assert_eq!(
        code(app.get_as(&handler, &content).await).await,
        (404, "not_found".into())
    );
    assert_eq!(
        code(app.get_as(&handler, &list).await).await,
        (404, "not_found".into())
    );
    mark_submitted(&app, id).await;

    // Once submitted, the employer's handler reads, but never changes, the applicant's files.
    let res = app.get_as(&handler, &content).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.bytes().await.expect("body").as_ref(),
        pdf(300).as_slice()
    );
    let listed: Vec<Attachment> = app
        .get_as(&handler, &list)
        .await
        .json()
        .await
        .expect("list");
    assert_eq!(listed.len(), 1);
    assert!(!listed[0].can_delete);
    let res = upload(&app, &handler, id, "materials", "x.pdf", pdf(300)).await;
    assert_eq!(code(res).await, (403, "forbidden".into()));
    assert_eq!(
        code(delete(&app, &handler, a.id).await).await,
        (403, "forbidden".into())
    );

    // Units above the employer read it too.
    let above = app.login_as("county_hrss_unit").await.access_token;
    assert_eq!(app.get_as(&above, &content).await.status(), 200);
    // Accounts outside the workflow do not.
    let auditor = app.login_as("auditor").await.access_token;
    assert_eq!(
        code(app.get_as(&auditor, &content).await).await,
        (404, "not_found".into())
    );
    assert_eq!(
        code(app.get_as(&me, "/api/v1/attachments/999999/content").await).await,
        (404, "not_found".into())
    );
}

async fn files_change_only_while_the_stage_allows(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = insert_application(&app, APPLICANT, "draft").await;
    let me = app.login_as(APPLICANT).await.access_token;
    let first: Attachment = upload(&app, &me, id, "materials", "a.pdf", pdf(300))
        .await
        .json()
        .await
        .expect("attachment");
    let second: Attachment = upload(&app, &me, id, "materials", "b.png", png())
        .await
        .json()
        .await
        .expect("attachment");
    assert_eq!(stored_files(&app).len(), 2);

    // Deleted in draft: the record and the file go, the audit log keeps it.
    assert_eq!(delete(&app, &me, first.id).await.status(), 204);
    assert_eq!(attachment_rows(&app).await, 1);
    assert_eq!(stored_files(&app).len(), 1);
    assert_eq!(audit_count(&app, "attachment.delete").await, 1);
    assert_eq!(
        code(delete(&app, &me, first.id).await).await,
        (404, "not_found".into())
    );

    // Submitted: nothing changes any more.
    set_stage(&app, id, "unit_verification").await;
    assert_eq!(
        code(delete(&app, &me, second.id).await).await,
        (409, "invalid_transition".into())
    );
    let res = upload(&app, &me, id, "materials", "c.pdf", pdf(300)).await;
    assert_eq!(code(res).await, (409, "invalid_transition".into()));
    assert_eq!(stored_files(&app).len(), 1);

    // Returned: editable again.
    set_stage(&app, id, "returned").await;
    assert_eq!(
        upload(&app, &me, id, "materials", "c.pdf", pdf(300))
            .await
            .status(),
        201
    );
    assert_eq!(delete(&app, &me, second.id).await.status(), 204);
}

async fn supplementary_files_belong_to_the_supplement_stage(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = insert_application(&app, APPLICANT, "draft").await;
    let me = app.login_as(APPLICANT).await.access_token;
    let res = upload(&app, &me, id, "supplementary", "s.pdf", pdf(300)).await;
    assert_eq!(code(res).await, (409, "invalid_transition".into()));
    let res = upload(&app, &me, id, "recommendation_proof", "s.pdf", pdf(300)).await;
    assert_eq!(code(res).await, (422, "validation_failed".into()));
    let res = upload(&app, &me, id, "nonsense", "s.pdf", pdf(300)).await;
    assert_eq!(res.status(), 400);

    set_stage(&app, id, "supplement").await;
    let res = upload(&app, &me, id, "materials", "m.pdf", pdf(300)).await;
    assert_eq!(code(res).await, (409, "invalid_transition".into()));
    let res = upload(&app, &me, id, "supplementary", "s.pdf", pdf(300)).await;
    assert_eq!(res.status(), 201);
    let s: Attachment = res.json().await.expect("attachment");
    assert_eq!(
        s.section,
        shared::attachments::AttachmentSection::Supplementary
    );

    set_stage(&app, id, "policy_rereview").await;
    assert_eq!(
        code(delete(&app, &me, s.id).await).await,
        (409, "invalid_transition".into())
    );
    set_stage(&app, id, "supplement").await;
    assert_eq!(delete(&app, &me, s.id).await.status(), 204);
    assert!(stored_files(&app).is_empty());
}

async fn an_application_carries_at_most_fifty_files(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = insert_application(&app, APPLICANT, "draft").await;
    let me = app.login_as(APPLICANT).await.access_token;
    for i in 0..50 {
        let res = upload(&app, &me, id, "materials", &format!("{i}.png"), png()).await;
        assert_eq!(res.status(), 201, "file {i}");
    }
    let res = upload(&app, &me, id, "materials", "51.png", png()).await;
    assert_eq!(code(res).await, (422, "validation_failed".into()));
    assert_eq!(stored_files(&app).len(), 50);
}

async fn units_keep_their_recommendation_proofs(backend: Backend) {
    let app = spawn_app(backend).await;
    let unit = app.login_as("county_emp_unit").await.access_token;
    let res = app
        .client
        .post(app.url(&format!(
            "/api/v1/unit-attachments?file_name={}&description={}",
            enc("推荐证明.pdf"),
            enc("单位推荐意见")
        )))
        .bearer_auth(&unit)
        .body(pdf(1000))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 201);
    let proof: Attachment = res.json().await.expect("attachment");
    assert_eq!(
        proof.section,
        shared::attachments::AttachmentSection::RecommendationProof
    );
    assert_eq!(
        (proof.application_id, proof.sha256.clone()),
        (None, sha256(&pdf(1000)))
    );
    assert!(proof.unit_id.is_some());

    let page: Page<Attachment> = app
        .get_as(&unit, "/api/v1/unit-attachments")
        .await
        .json()
        .await
        .expect("page");
    assert_eq!((page.total, page.items.len()), (1, 1));
    let content = format!("/api/v1/attachments/{}/content", proof.id);
    assert_eq!(app.get_as(&unit, &content).await.status(), 200);
    // The units above read it; a unit elsewhere and the applicants do not.
    let above = app.login_as("county_hrss_unit").await.access_token;
    assert_eq!(app.get_as(&above, &content).await.status(), 200);
    let elsewhere = app.login_as("city_emp_unit").await.access_token;
    assert_eq!(
        code(app.get_as(&elsewhere, &content).await).await,
        (404, "not_found".into())
    );
    let elsewhere_list: Page<Attachment> = app
        .get_as(&elsewhere, "/api/v1/unit-attachments")
        .await
        .json()
        .await
        .expect("page");
    assert_eq!(elsewhere_list.total, 0);
    let applicant = app.login_as(APPLICANT).await.access_token;
    assert_eq!(
        code(app.get_as(&applicant, &content).await).await,
        (404, "not_found".into())
    );
    let res = app
        .client
        .post(app.url("/api/v1/unit-attachments?file_name=x.pdf"))
        .bearer_auth(&applicant)
        .body(pdf(100))
        .send()
        .await
        .expect("request");
    assert_eq!(code(res).await, (403, "forbidden".into()));
    // Evidence stays.
    assert_eq!(
        code(delete(&app, &unit, proof.id).await).await,
        (403, "forbidden".into())
    );
    assert_eq!(stored_files(&app).len(), 1);
}

db_tests!(
    uploads_are_typed_by_content_hashed_and_downloaded_as_sent,
    other_types_are_refused_and_nothing_is_kept,
    oversized_uploads_are_refused_and_leave_no_file,
    only_those_who_see_the_application_see_its_files,
    files_change_only_while_the_stage_allows,
    supplementary_files_belong_to_the_supplement_stage,
    an_application_carries_at_most_fifty_files,
    units_keep_their_recommendation_proofs,
);
