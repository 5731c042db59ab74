//! Proof files on expert recommendations (issue 10, manual §6.5.4): the recommending unit adds
//! and removes them while the recommendation is pending; it and the deciding side (the
//! committee's organising unit, an HRSS above it) list and download them, nobody else; every
//! refused upload changes nothing; a decided recommendation keeps its files and refuses
//! changes; uploads and removals are audited; the sweeper keeps them.

use std::time::SystemTime;

use backend::ops::sweep;
use serde_json::{json, Value};

use crate::{
    attachments::{pdf, stored_files},
    db_tests,
    experts::{demo_committee, entry, id_number},
    helpers::{answer, audit_rows, post_bytes, send, spawn_app_with, Backend, TestApp},
    org::unit_id,
};

/// The recommending unit (示范县第一中学) and the demo committee's organising unit.
const RECOMMENDER: &str = "county_emp_unit";
const ORGANISER: &str = "county_hrss_unit";

/// A pending recommendation of a person of 示范县第一中学 to `committee`, filed by `token`.
pub async fn recommend(app: &TestApp, token: &str, committee: i64, seq: u32) -> Value {
    let school = unit_id(app, "示范县第一中学").await;
    let e = entry(app, "推荐证明", &id_number(11, seq), school, 365);
    let (status, _, body) = answer(
        app.post_as(
            token,
            "/api/v1/expert-recommendations",
            &json!({"committee_id": committee, "entry": e, "reason": "学科带头人"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body
}

/// `POST /api/v1/expert-recommendations/{id}/files?file_name=…`: status, code, body.
pub async fn upload(
    app: &TestApp,
    token: &str,
    id: i64,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, String, Value) {
    let path = format!("{}?file_name={name}", files_path(id));
    post_bytes(app, token, &path, bytes).await
}

fn files_path(id: i64) -> String {
    format!("/api/v1/expert-recommendations/{id}/files")
}

/// `DELETE` of a file: status and body.
async fn remove(app: &TestApp, token: &str, id: i64, file: i64) -> (u16, Value) {
    let path = format!("{}/{file}", files_path(id));
    send(app, token, "DELETE", &path, Value::Null).await
}

async fn file_count(app: &TestApp, token: &str, id: i64) -> usize {
    let (status, body) = send(app, token, "GET", &files_path(id), Value::Null).await;
    assert_eq!(status, 200, "{body}");
    body.as_array().map_or(0, Vec::len)
}

async fn download(app: &TestApp, token: &str, id: i64, file: i64) -> (u16, Vec<u8>) {
    let res = app
        .get_as(token, &format!("{}/{file}/content", files_path(id)))
        .await;
    let status = res.status().as_u16();
    (
        status,
        res.bytes().await.map(|b| b.to_vec()).unwrap_or_default(),
    )
}

/// The recommendation as `token` lists it.
async fn listed(app: &TestApp, token: &str, id: i64) -> Value {
    let (status, body) = send(
        app,
        token,
        "GET",
        "/api/v1/expert-recommendations?per_page=100",
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["items"]
        .as_array()
        .and_then(|items| items.iter().find(|r| r["id"] == json!(id)).cloned())
        .unwrap_or(Value::Null)
}

async fn recommender_uploads_deciders_read_outsiders_do_not(backend: Backend) {
    let app = spawn_app_with(backend, None, &[]).await;
    let c = demo_committee(&app).await;
    let emp = app.token(RECOMMENDER).await;
    let rec = recommend(&app, &emp, c, 1).await;
    let id = rec["id"].as_i64().expect("id");
    assert_eq!(
        (rec["files"].clone(), rec["can_attach"].clone()),
        (json!([]), json!(true))
    );

    let proof = pdf(3000);
    let (status, _, file) = upload(&app, &emp, id, "荣誉证书.pdf", proof.clone()).await;
    assert_eq!(status, 201, "{file}");
    assert_eq!(
        (
            file["file_name"].as_str(),
            file["content_type"].as_str(),
            file["size"].as_i64()
        ),
        (Some("荣誉证书.pdf"), Some("application/pdf"), Some(3000))
    );
    assert_eq!(file["uploaded_by"], RECOMMENDER);
    let fid = file["id"].as_i64().expect("file id");
    assert_eq!(
        audit_rows(&app, "expert_recommendation.file_upload", fid).await,
        1
    );

    // The recommender and the deciding side (the organising unit, an HRSS above it) read it.
    for who in [RECOMMENDER, ORGANISER, "city_hrss_unit", "prov_hrss_unit"] {
        let tok = app.token(who).await;
        assert_eq!(file_count(&app, &tok, id).await, 1, "{who}");
        assert_eq!(
            download(&app, &tok, id, fid).await,
            (200, proof.clone()),
            "{who}"
        );
        let row = listed(&app, &tok, id).await;
        assert_eq!(row["files"][0]["id"], json!(fid), "{who}: {row}");
        assert_eq!(row["can_attach"], json!(who == RECOMMENDER), "{who}");
    }
    let res = app
        .get_as(&emp, &format!("{}/{fid}/content", files_path(id)))
        .await;
    assert_eq!(
        res.headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.starts_with("attachment;")),
        Some(true)
    );

    // The deciding side reads but does not add or remove.
    let hrss = app.token(ORGANISER).await;
    let (status, code, _) = upload(&app, &hrss, id, "x.pdf", pdf(100)).await;
    assert_eq!((status, code.as_str()), (403, "forbidden"));
    let (status, _) = remove(&app, &hrss, id, fid).await;
    assert_eq!(status, 403);

    // Another unit holding the same module, a unit above the recommender that does not
    // decide, and accounts without the module see nothing.
    for (who, want) in [
        ("city_emp_unit", 404),
        ("county_dept_unit", 404),
        ("520101198506152344", 403),
        ("expert_demo", 403),
        ("sysadmin", 403),
        ("auditor", 403),
    ] {
        let tok = app.token(who).await;
        let (status, _) = send(&app, &tok, "GET", &files_path(id), Value::Null).await;
        assert_eq!(status, want, "{who} lists");
        assert_eq!(
            download(&app, &tok, id, fid).await.0,
            want,
            "{who} downloads"
        );
        let (status, _, _) = upload(&app, &tok, id, "x.pdf", pdf(100)).await;
        assert_eq!(status, want, "{who} uploads");
        let (status, _) = remove(&app, &tok, id, fid).await;
        assert_eq!(status, want, "{who} deletes");
    }
    assert_eq!(file_count(&app, &emp, id).await, 1, "nothing changed");
    // A file of another recommendation is not found through this one.
    let other = recommend(&app, &emp, c, 3).await;
    let oid = other["id"].as_i64().expect("id");
    assert_eq!(download(&app, &emp, oid, fid).await.0, 404);
    let (status, _) = remove(&app, &emp, oid, fid).await;
    assert_eq!(status, 404);

    // The recommender removes it: gone from the list and from the store, audited.
    let (status, _) = remove(&app, &emp, id, fid).await;
    assert_eq!(status, 204);
    assert_eq!(file_count(&app, &emp, id).await, 0);
    assert_eq!(download(&app, &emp, id, fid).await.0, 404);
    assert_eq!(
        audit_rows(&app, "expert_recommendation.file_delete", fid).await,
        1
    );
    assert!(stored_files(&app).is_empty(), "{:?}", stored_files(&app));
}

async fn refused_uploads_change_nothing(backend: Backend) {
    let app = spawn_app_with(backend, None, &[("ATTACHMENT_MAX_BYTES", "4096")]).await;
    let c = demo_committee(&app).await;
    let emp = app.token(RECOMMENDER).await;
    let id = recommend(&app, &emp, c, 5).await["id"]
        .as_i64()
        .expect("id");
    for (what, name, bytes, want) in [
        (
            "text as a PDF",
            "a.pdf",
            b"plain text".to_vec(),
            (415, "unsupported_file_type"),
        ),
        (
            "a PDF named .png",
            "a.png",
            pdf(100),
            (415, "unsupported_file_type"),
        ),
        (
            "an empty file",
            "a.pdf",
            Vec::new(),
            (422, "validation_failed"),
        ),
        (
            "a path as its name",
            "..%2Fa.pdf",
            pdf(100),
            (422, "validation_failed"),
        ),
        ("an empty name", "", pdf(100), (422, "validation_failed")),
        (
            "over the size limit",
            "big.pdf",
            pdf(5000),
            (413, "payload_too_large"),
        ),
    ] {
        let (status, code, body) = upload(&app, &emp, id, name, bytes).await;
        assert_eq!((status, code.as_str()), want, "{what}: {body}");
    }
    assert_eq!(file_count(&app, &emp, id).await, 0);
    assert!(stored_files(&app).is_empty(), "{:?}", stored_files(&app));
    // At most ten: the eleventh is refused and its bytes are not kept.
    for n in 0..10 {
        let (status, _, body) = upload(&app, &emp, id, &format!("p{n}.pdf"), pdf(200)).await;
        assert_eq!(status, 201, "{n}: {body}");
    }
    let (status, code, body) = upload(&app, &emp, id, "p10.pdf", pdf(200)).await;
    assert_eq!(
        (status, code.as_str()),
        (422, "validation_failed"),
        "{body}"
    );
    assert_eq!(body["field"], "file");
    assert_eq!(file_count(&app, &emp, id).await, 10);
    assert_eq!(stored_files(&app).len(), 10);
    // An unknown recommendation.
    let (status, _, _) = upload(&app, &emp, id + 1000, "a.pdf", pdf(100)).await;
    assert_eq!(status, 404);
}

async fn decided_recommendations_keep_their_files(backend: Backend) {
    let app = spawn_app_with(backend, None, &[]).await;
    let c = demo_committee(&app).await;
    let emp = app.token(RECOMMENDER).await;
    let hrss = app.token(ORGANISER).await;
    for (seq, approve) in [(7, true), (9, false)] {
        let rec = recommend(&app, &emp, c, seq).await;
        let id = rec["id"].as_i64().expect("id");
        let proof = pdf(1000 + seq as usize);
        let (_, _, file) = upload(&app, &emp, id, "证明.pdf", proof.clone()).await;
        let fid = file["id"].as_i64().expect("file id");
        let (status, decided) = send(
            &app,
            &hrss,
            "POST",
            &format!("/api/v1/expert-recommendations/{id}/decision"),
            json!({"approve": approve, "opinion": "已核", "version": rec["version"]}),
        )
        .await;
        assert_eq!(status, 200, "{decided}");
        assert_eq!(decided["files"][0]["id"], json!(fid));
        assert_eq!(decided["can_attach"], false);
        let (status, code, _) = upload(&app, &emp, id, "迟到.pdf", pdf(100)).await;
        assert_eq!((status, code.as_str()), (409, "invalid_transition"));
        let (status, body) = remove(&app, &emp, id, fid).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (409, Some("invalid_transition"))
        );
        for tok in [&emp, &hrss] {
            assert_eq!(file_count(&app, tok, id).await, 1);
            assert_eq!(download(&app, tok, id, fid).await, (200, proof.clone()));
        }
        assert_eq!(listed(&app, &emp, id).await["can_attach"], false);
    }
    assert_eq!(
        stored_files(&app).len(),
        2,
        "the refused upload left nothing"
    );
    // The sweeper takes them for referenced files, not orphans.
    let data_dir = app.data_dir.clone();
    let report = app
        .db
        .run(move |conn| {
            sweep::sweep(
                conn,
                &data_dir,
                std::time::Duration::ZERO,
                SystemTime::now(),
                false,
            )
            .map_err(backend::error::ApiError::internal)
        })
        .await
        .expect("sweep");
    assert!(
        report.orphans.is_empty() && report.missing.is_empty(),
        "{report:?}"
    );
    assert_eq!(stored_files(&app).len(), 2);
}

/// The committees a unit may recommend to (`GET /api/v1/committees?recommend=true`, the
/// recommendation dialog's choice): its line's — organised by a unit above it, by itself or
/// below it — never a sibling region's.
async fn the_recommending_unit_picks_committees_of_its_line(backend: Backend) {
    let app = spawn_app_with(backend, None, &[]).await;
    let demo = demo_committee(&app).await;
    let above = crate::experts::committee_of(
        &app,
        unit_id(&app, "示范省人力资源和社会保障厅").await,
        "推荐线上评委会",
    )
    .await;
    let sibling = crate::experts::committee_of(
        &app,
        unit_id(&app, "示范市卫生健康局").await,
        "推荐旁系评委会",
    )
    .await;
    let emp = app.token(RECOMMENDER).await;
    let ids = |body: &Value| -> Vec<i64> {
        body["items"]
            .as_array()
            .map(|a| a.iter().filter_map(|c| c["id"].as_i64()).collect())
            .unwrap_or_default()
    };
    let (status, body) = send(
        &app,
        &emp,
        "GET",
        "/api/v1/committees?recommend=true&per_page=100",
        Value::Null,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let offered = ids(&body);
    assert!(
        offered.contains(&demo) && offered.contains(&above),
        "{body}"
    );
    assert!(!offered.contains(&sibling), "{body}");
    // Without it, the school lists the committees of its own subtree: none.
    let (status, body) = send(
        &app,
        &emp,
        "GET",
        "/api/v1/committees?per_page=100",
        Value::Null,
    )
    .await;
    assert_eq!((status, ids(&body)), (200, vec![]), "{body}");
    // Only holders of recommend_apply.
    for who in ["520101198506152344", "sysadmin"] {
        let tok = app.token(who).await;
        let (status, _) = send(
            &app,
            &tok,
            "GET",
            "/api/v1/committees?recommend=true",
            Value::Null,
        )
        .await;
        assert_eq!(status, 403, "{who}");
    }
}

db_tests!(
    the_recommending_unit_picks_committees_of_its_line,
    recommender_uploads_deciders_read_outsiders_do_not,
    refused_uploads_change_nothing,
    decided_recommendations_keep_their_files,
);
