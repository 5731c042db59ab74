//! The demo review session (issue 10, `backend::demo_session`): the demo seeds one session of
//! the demo committee through the session code — two groups with their needs and no
//! application, a draw that re-runs to the same result, a leader per group, an odd committee
//! with one director — ready to start; `backend demo --json` lists each demo expert's place in
//! it, as the session itself shows it.

use std::collections::BTreeMap;

use backend::clock::Clock;
use backend::demo_session;
use chrono::Datelike;
use serde_json::{json, Value};

use crate::{
    db_tests,
    helpers::{audit_rows, get_ok, send, spawn_app, Backend, TestApp},
};

/// The demo session's detail as its organising unit reads it.
async fn demo_detail(app: &TestApp, token: &str) -> Value {
    let name = demo_session::name(app.clock.now().date().year());
    let list = get_ok(app, token, "/api/v1/review-sessions?per_page=100").await;
    let id = list["items"]
        .as_array()
        .and_then(|items| items.iter().find(|s| s["name"] == json!(name)))
        .and_then(|s| s["id"].as_i64())
        .unwrap_or_else(|| panic!("no session {name}: {list}"));
    get_ok(app, token, &format!("/api/v1/review-sessions/{id}")).await
}

async fn the_demo_seeds_a_session_ready_to_start(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.token(demo_session::ORGANISER).await;
    let d = demo_detail(&app, &token).await;
    let session = &d["session"];
    let id = session["id"].as_i64().expect("id");
    assert_eq!(session["status"], "setup");
    assert_eq!(
        session["committee"]["name"],
        backend::demo_workflow::COMMITTEE
    );
    // The groups as planned, holding no application.
    let groups = d["groups"].as_array().expect("groups");
    assert_eq!(groups.len(), demo_session::GROUPS.len());
    for (g, (name, needs)) in groups.iter().zip(demo_session::GROUPS) {
        assert_eq!(g["name"], *name);
        assert_eq!(g["applications"], json!([]));
        let mut want: Vec<Value> = needs
            .iter()
            .map(|(s, n)| json!({"specialty": s, "count": n}))
            .collect();
        let mut got = g["needs"].as_array().cloned().unwrap_or_default();
        let key = |v: &Value| v["specialty"].as_str().unwrap_or_default().to_owned();
        want.sort_by_key(key);
        got.sort_by_key(key);
        assert_eq!(got, want, "{name}");
    }
    // Every need met by the draw, which re-runs to the same result.
    let experts = d["experts"].as_array().expect("experts");
    let needed: i64 = demo_session::GROUPS
        .iter()
        .flat_map(|(_, needs)| needs.iter().map(|(_, n)| i64::from(*n)))
        .sum();
    assert_eq!(i64::try_from(experts.len()).ok(), Some(needed));
    assert!(experts.iter().all(|e| e["status"] == "active"));
    let draws = d["draws"].as_array().expect("draws");
    assert_eq!(draws.len(), groups.len());
    for draw in draws {
        let v = get_ok(
            &app,
            &token,
            &format!("/api/v1/draws/{}/verify", draw["id"]),
        )
        .await;
        assert_eq!(v["reproduced"], true, "{v}");
    }
    // A leader per group; an odd committee with one director.
    for g in groups {
        let leaders = experts
            .iter()
            .filter(|e| e["group_id"] == g["id"] && e["group_leader"] == true)
            .count();
        assert_eq!(leaders, 1, "{}", g["name"]);
    }
    let count = |p: &str| {
        experts
            .iter()
            .filter(|e| e["committee_position"] == p)
            .count()
    };
    let committee = count("director") + count("vice_director") + count("member");
    assert_eq!((count("director"), committee % 2), (1, 1), "{experts:?}");
    // Built as the organising unit builds one: audited as its actions.
    assert_eq!(audit_rows(&app, "session.create", id).await, 1);
    assert_eq!(audit_rows(&app, "session.draw", id).await, 1);
    // 开始评审 passes its checks.
    let (status, body) = send(
        &app,
        &token,
        "POST",
        &format!("/api/v1/review-sessions/{id}/start"),
        json!({"version": session["version"]}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

async fn demo_json_lists_each_experts_place(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.token(demo_session::ORGANISER).await;
    let d = demo_detail(&app, &token).await;
    let (ok, out, err) = crate::backup::cli(app.database_url(), &app.data_dir, &["demo", "--json"]);
    assert!(ok, "{err}");
    let listing: Value = serde_json::from_str(&out).expect("demo --json");
    let listed: BTreeMap<String, Value> = listing["experts"]
        .as_array()
        .expect("experts")
        .iter()
        .map(|e| (e["name"].as_str().unwrap_or_default().to_owned(), e.clone()))
        .collect();
    assert_eq!(listed.len(), backend::demo_experts::PLAN.len());
    let groups: BTreeMap<i64, String> = d["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            (
                g["id"].as_i64().unwrap_or_default(),
                g["name"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let serving = d["experts"].as_array().expect("experts");
    for e in serving {
        let name = e["name"].as_str().unwrap_or_default();
        let place = &listed
            .get(name)
            .unwrap_or_else(|| panic!("{name} is listed"))["session"];
        let group = e["group_id"].as_i64().unwrap_or_default();
        assert_eq!(
            place,
            &json!({
                "session_id": d["session"]["id"],
                "session": d["session"]["name"],
                "group_id": group,
                "group": groups.get(&group),
                "group_leader": e["group_leader"],
                "committee_position": e["committee_position"],
            }),
            "{name}"
        );
    }
    let placed = listed.values().filter(|e| !e["session"].is_null()).count();
    assert_eq!(
        placed,
        serving.len(),
        "the others have no place: {listed:?}"
    );
}

db_tests!(
    the_demo_seeds_a_session_ready_to_start,
    demo_json_lists_each_experts_place,
);
