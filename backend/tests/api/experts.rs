//! The expert pool (issue 10, manual §6.5): pre-entry (ID rule, gender, term ≤ 3 years, one
//! person per ID number, no duplicate in a pool), who may act (organising unit, HRSS above,
//! never a sibling or a unit below the committee), invite → forced password change → profile
//! → active, statuses with reasons, integrity records removing from every pool, pool update
//! filings (approve applies all atomically, reject changes nothing), recommendations, search.

use backend::{
    clock::Clock,
    db::schema::{committees, expert_conflicts, pool_members},
};
use chrono::{Duration, NaiveDate};
use diesel::prelude::*;
use serde_json::{json, Value};
use shared::ids::IdNumber;

use crate::{
    db_tests,
    helpers::{audit_rows, spawn_app, Backend, TestApp},
    org::unit_id,
};

const COUNTY_HRSS: &str = "示范县人力资源和社会保障局";
const COUNTY_SCHOOL: &str = "示范县第一中学";

async fn status_code(res: reqwest::Response) -> (u16, String, Value) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    let code = body["code"].as_str().unwrap_or_default().to_owned();
    (status, code, body)
}

/// A valid ID number: born 1970-01-`day`, sequence `seq` (odd = male).
pub fn id_number(day: u32, seq: u32) -> String {
    let body = format!("520102197001{day:02}{seq:03}");
    let check = IdNumber::check_char(&body).map(char::from).unwrap_or('0');
    format!("{body}{check}")
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn today(app: &TestApp) -> NaiveDate {
    app.clock.now().date()
}

/// Pre-entry fields of a man (odd sequence) for a term of `days` days from today.
pub fn entry(app: &TestApp, name: &str, id: &str, employer: i64, days: i64) -> Value {
    let male = IdNumber::parse(id).map(|i| i.is_male()).unwrap_or(true);
    json!({
        "name": name,
        "id_number": id,
        "gender": if male { "male" } else { "female" },
        "employer_id": employer,
        "title": "高级教师",
        "title_level": "associate_senior",
        "series": "school_teachers",
        "specialties": ["中学数学", "中学物理"],
        "phone": "13900000000",
        "email": "expert@example.cn",
        "term_start": ymd(today(app)),
        "term_end": ymd(today(app) + Duration::days(days)),
    })
}

/// The demo committee (organised by the county HRSS).
pub async fn demo_committee(app: &TestApp) -> i64 {
    app.db
        .run(|conn| {
            Ok(committees::table
                .filter(committees::name.eq(backend::demo_workflow::COMMITTEE))
                .select(committees::id)
                .first::<i64>(conn)?)
        })
        .await
        .expect("committee")
}

/// A committee organised by `unit` (inserted directly: its filing is not the point here).
pub async fn committee_of(app: &TestApp, unit: i64, name: &str) -> i64 {
    let name = name.to_owned();
    let now = app.clock.now();
    app.db
        .run(move |conn| {
            Ok(diesel::insert_into(committees::table)
                .values((
                    committees::unit_id.eq(unit),
                    committees::name.eq(name),
                    committees::series.eq("school_teachers"),
                    committees::created_by.eq(1_i64),
                    committees::created_at.eq(now),
                ))
                .returning(committees::id)
                .get_result::<i64>(conn)?)
        })
        .await
        .expect("committee")
}

async fn token(app: &TestApp, who: &str) -> String {
    app.login_as(who).await.access_token
}

async fn pre_enter(app: &TestApp, tok: &str, committee: i64, e: &Value) -> (u16, String, Value) {
    status_code(
        app.post_as(
            tok,
            "/api/v1/experts",
            &json!({"committee_id": committee, "entry": e}),
        )
        .await,
    )
    .await
}

async fn member_status(app: &TestApp, id: i64) -> String {
    app.db
        .run(move |conn| {
            Ok(pool_members::table
                .find(id)
                .select(pool_members::status)
                .first::<String>(conn)?)
        })
        .await
        .expect("status")
}

async fn pre_entry_rules(backend: Backend) {
    let app = spawn_app(backend).await;
    let c = demo_committee(&app).await;
    let school = unit_id(&app, COUNTY_SCHOOL).await;
    let tok = token(&app, "county_hrss_unit").await;
    let id = id_number(1, 11);

    // Term over three years, a bad ID number, a gender the ID contradicts, no specialty.
    let (s, code, body) = pre_enter(&app, &tok, c, &entry(&app, "甲", &id, school, 3 * 366)).await;
    assert_eq!((s, code.as_str()), (422, "validation_failed"), "{body}");
    let mut bad = entry(&app, "甲", &id, school, 30);
    bad["id_number"] = json!("520102197001011110");
    assert_eq!(pre_enter(&app, &tok, c, &bad).await.0, 422);
    let mut bad = entry(&app, "甲", &id, school, 30);
    bad["gender"] = json!("female");
    assert_eq!(pre_enter(&app, &tok, c, &bad).await.0, 422);
    let mut bad = entry(&app, "甲", &id, school, 30);
    bad["specialties"] = json!([]);
    assert_eq!(pre_enter(&app, &tok, c, &bad).await.0, 422);
    let mut bad = entry(&app, "甲", &id, school, 30);
    bad["employer_id"] = json!(999_999);
    assert_eq!(pre_enter(&app, &tok, c, &bad).await.0, 422);

    // Exactly three years less a day is accepted.
    let mut ok = entry(&app, "甲", &id, school, 30);
    let start = today(&app);
    ok["term_end"] = json!(ymd(start
        .checked_add_months(chrono::Months::new(36))
        .expect("d")
        - Duration::days(1)));
    let (s, _, m) = pre_enter(&app, &tok, c, &ok).await;
    assert_eq!(s, 201, "{m}");
    assert_eq!(m["status"], "pre_entry");
    assert!(m["expert"]["id_number"]
        .as_str()
        .unwrap_or_default()
        .contains("**********"));
    assert_eq!(
        audit_rows(&app, "expert.pre_entry", m["id"].as_i64().expect("id")).await,
        1
    );

    // The same person in the same pool again: already_exists; nothing new.
    let (s, code, _) = pre_enter(&app, &tok, c, &entry(&app, "甲", &id, school, 30)).await;
    assert_eq!((s, code.as_str()), (409, "already_exists"));

    // A second committee links the same person (one experts row), gaining a specialty.
    let county = unit_id(&app, COUNTY_HRSS).await;
    let c2 = committee_of(&app, county, "示范县第二评委会").await;
    let mut again = entry(&app, "甲", &id, school, 30);
    again["specialties"] = json!(["中学化学"]);
    let (s, _, m2) = pre_enter(&app, &tok, c2, &again).await;
    assert_eq!(s, 201, "{m2}");
    assert_eq!(m2["expert"]["id"], m["expert"]["id"]);
    assert_eq!(
        m2["expert"]["specialties"],
        json!(["中学化学", "中学数学", "中学物理"])
    );
    // Another name under the same ID number is refused.
    let (s, _, _) = pre_enter(&app, &tok, c2, &entry(&app, "乙", &id, school, 30)).await;
    assert_eq!(s, 422);
}

/// Who may pre-enter into a committee organised at each unit: own, the HRSS above, never a
/// sibling or a unit below the committee's unit.
async fn who_may_pre_enter(backend: Backend) {
    let app = spawn_app(backend).await;
    let school = unit_id(&app, COUNTY_SCHOOL).await;
    let c = demo_committee(&app).await; // organised by the county HRSS
    let city_dept = unit_id(&app, "示范市卫生健康局").await;
    let sibling_c = committee_of(&app, city_dept, "示范市卫生系列评委会").await;
    let mut n = 100;
    for (who, committee, want) in [
        ("county_hrss_unit", c, 201),
        ("county_hrss_handler", c, 201),
        ("city_hrss_unit", c, 201),
        ("prov_hrss_unit", c, 201),
        // Below the committee's unit: does not see it.
        ("county_dept_unit", c, 403),
        ("county_emp_unit", c, 403),
        // A county HRSS and a committee of another branch: 404.
        ("county_hrss_unit", sibling_c, 404),
        ("expert_demo", c, 403),
        ("sysadmin", c, 403),
        ("520101198506152344", c, 403),
    ] {
        n += 2;
        let tok = token(&app, who).await;
        let e = entry(&app, "丙", &id_number(2, n + 1), school, 30);
        let (s, _, body) = pre_enter(&app, &tok, committee, &e).await;
        assert_eq!(s, want, "{who} → {committee}: {body}");
    }
}

async fn invite_password_profile_active(backend: Backend) {
    let app = spawn_app(backend).await;
    let c = demo_committee(&app).await;
    let school = unit_id(&app, COUNTY_SCHOOL).await;
    let county = unit_id(&app, COUNTY_HRSS).await;
    let c2 = committee_of(&app, county, "示范县第三评委会").await;
    let tok = token(&app, "county_hrss_unit").await;
    let id = id_number(3, 21);
    let (_, _, m) = pre_enter(&app, &tok, c, &entry(&app, "丁专家", &id, school, 365)).await;
    let (_, _, m2) = pre_enter(&app, &tok, c2, &entry(&app, "丁专家", &id, school, 365)).await;
    let mid = m["id"].as_i64().expect("id");
    let mid2 = m2["id"].as_i64().expect("id");

    // Stale version: version_conflict and nothing changes.
    let (s, code, _) = status_code(
        app.post_as(
            &tok,
            &format!("/api/v1/pool-members/{mid}/invite"),
            &json!({"version": 9}),
        )
        .await,
    )
    .await;
    assert_eq!((s, code.as_str()), (409, "version_conflict"));
    assert_eq!(member_status(&app, mid).await, "pre_entry");

    let (s, _, inv) = status_code(
        app.post_as(
            &tok,
            &format!("/api/v1/pool-members/{mid}/invite"),
            &json!({"version": m["version"]}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200, "{inv}");
    assert_eq!(inv["member"]["status"], "invited");
    assert_eq!(inv["account_created"], true);
    let username = inv["username"].as_str().expect("username").to_owned();
    // Inviting again is not a move from pre_entry.
    let (s, code, _) = status_code(
        app.post_as(
            &tok,
            &format!("/api/v1/pool-members/{mid}/invite"),
            &json!({"version": inv["member"]["version"]}),
        )
        .await,
    )
    .await;
    assert_eq!((s, code.as_str()), (409, "invalid_transition"));

    // The expert signs in with the initial password: forced change first.
    let res = app.login(&username, "123@abc").await;
    assert_eq!(res.status(), 200);
    let first: Value = res.json().await.expect("json");
    assert_eq!(first["must_change_password"], true);
    let t0 = first["access_token"].as_str().expect("t").to_owned();
    let (s, code, _) = status_code(app.get_as(&t0, "/api/v1/me/expert-profile").await).await;
    assert_eq!((s, code.as_str()), (403, "password_change_required"));
    let res = app
        .post_as(
            &t0,
            "/api/v1/auth/password",
            &json!({"current_password": "123@abc", "new_password": "Expert#Pool2026!"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let fresh: Value = res.json().await.expect("json");
    let et = fresh["access_token"].as_str().expect("t").to_owned();

    let (s, _, p) = status_code(app.get_as(&et, "/api/v1/me/expert-profile").await).await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["expert"]["profile_completed"], false);
    let version = p["expert"]["version"].clone();
    // The home page asks for it first.
    assert_eq!(
        crate::notices::todo(&app, &et, "expert_profile").await,
        Some(1)
    );

    // 回避单位: the expert finds units by a part of the name (the school first: employers are
    // the deepest units); `%` is no wildcard; an empty query is refused; only an expert asks.
    let search = |token: String, q: &'static str| {
        let app = &app;
        async move {
            status_code(
                app.client
                    .get(app.url("/api/v1/me/expert-profile/units"))
                    .query(&[("q", q)])
                    .bearer_auth(token)
                    .send()
                    .await
                    .expect("search"),
            )
            .await
        }
    };
    let (s, _, found) = search(et.clone(), "第一中学").await;
    assert_eq!(s, 200, "{found}");
    assert_eq!(found[0]["id"], json!(school), "{found}");
    assert!(found.as_array().is_some_and(|f| f.len() <= 20));
    let (s, _, none) = search(et.clone(), "%").await;
    assert_eq!((s, none), (200, json!([])));
    assert_eq!(search(et.clone(), " ").await.1, "validation_failed");
    assert_eq!(
        search(tok.clone(), "第一中学").await.0,
        403,
        "a unit account"
    );

    // A bad conflict (invalid ID number) is refused and changes nothing.
    let profile = |conflicts: Value, version: Value| {
        json!({
            "education": "博士研究生",
            "field_of_work": "中学数学教学与研究",
            "availability": "每年 6-9 月",
            "phone": "13900000001",
            "email": "",
            "conflicts": conflicts,
            "version": version,
        })
    };
    let bad = profile(
        json!([{"kind": "person", "person_name": "某人", "person_id_number": "123"}]),
        version.clone(),
    );
    let res = app
        .client
        .put(app.url("/api/v1/me/expert-profile"))
        .bearer_auth(&et)
        .json(&bad)
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), 422);
    assert_eq!(member_status(&app, mid).await, "invited");

    let good = profile(
        json!([
            {"kind": "unit", "unit_id": school, "reason": "曾任职"},
            {"kind": "person", "person_name": "杨评审", "person_id_number": backend::demo_workflow::applicant_id_number(12), "reason": "亲属"}
        ]),
        version,
    );
    let res = app
        .client
        .put(app.url("/api/v1/me/expert-profile"))
        .bearer_auth(&et)
        .json(&good)
        .send()
        .await
        .expect("put");
    let (s, _, p) = status_code(res).await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["expert"]["profile_completed"], true);
    assert_eq!(p["conflicts"].as_array().map(Vec::len), Some(2));
    // Complete: no longer a to-do.
    assert_eq!(
        crate::notices::todo(&app, &et, "expert_profile").await,
        None
    );
    // Every invited membership is active; the other pool's pre-entry stays.
    assert_eq!(member_status(&app, mid).await, "active");
    assert_eq!(member_status(&app, mid2).await, "pre_entry");
    let eid = p["expert"]["id"].as_i64().expect("id");
    let stored: i64 = app
        .db
        .run(move |conn| {
            Ok(expert_conflicts::table
                .filter(expert_conflicts::expert_id.eq(eid))
                .count()
                .get_result(conn)?)
        })
        .await
        .expect("count");
    assert_eq!(stored, 2);

    // Inviting into the second pool needs no new account, and the profile is done: active.
    let (s, _, inv2) = status_code(
        app.post_as(
            &tok,
            &format!("/api/v1/pool-members/{mid2}/invite"),
            &json!({"version": m2["version"]}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200, "{inv2}");
    assert_eq!(inv2["account_created"], false);
    assert_eq!(inv2["member"]["status"], "active");

    // Another account may not read the profile endpoint.
    let ut = token(&app, "county_hrss_unit").await;
    assert_eq!(
        app.get_as(&ut, "/api/v1/me/expert-profile").await.status(),
        403
    );

    // The pool list shows the expert active.
    let (s, _, list) = status_code(
        app.get_as(
            &tok,
            &format!("/api/v1/experts?committee_id={c}&status=active&name=丁专家"),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(list["total"], 1, "{list}");
    // The login name carries the ID number: lists mask it like the ID number.
    let shown = list["items"][0]["expert"]["username"]
        .as_str()
        .unwrap_or_default();
    assert!(
        shown.starts_with("zj") && shown.contains("**********"),
        "{shown}"
    );
    assert_ne!(shown, username);
}

async fn statuses_and_integrity(backend: Backend) {
    let app = spawn_app(backend).await;
    let c = demo_committee(&app).await;
    let school = unit_id(&app, COUNTY_SCHOOL).await;
    let county = unit_id(&app, COUNTY_HRSS).await;
    let c2 = committee_of(&app, county, "示范县第四评委会").await;
    let tok = token(&app, "county_hrss_unit").await;
    let id = id_number(4, 31);
    let (_, _, m) = pre_enter(&app, &tok, c, &entry(&app, "戊专家", &id, school, 365)).await;
    let (_, _, m2) = pre_enter(&app, &tok, c2, &entry(&app, "戊专家", &id, school, 365)).await;
    let mid = m["id"].as_i64().expect("id");
    let status = |to: &str, reason: &str, version: &Value| json!({"to": to, "reason": reason, "version": version});
    // pre_entry → suspended is not a move; no reason is refused.
    let url = format!("/api/v1/pool-members/{mid}/status");
    let (s, code, _) = status_code(
        app.post_as(&tok, &url, &status("suspended", "x", &m["version"]))
            .await,
    )
    .await;
    assert_eq!((s, code.as_str()), (409, "invalid_transition"));
    let (s, _, _) = status_code(
        app.post_as(&tok, &url, &status("removed", " ", &m["version"]))
            .await,
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(member_status(&app, mid).await, "pre_entry");

    // A unit that does not manage the pool: 403 (county employer) / 404 (a sibling branch).
    let et = token(&app, "county_emp_unit").await;
    assert_eq!(
        app.post_as(&et, &url, &status("removed", "x", &m["version"]))
            .await
            .status(),
        403
    );

    // The integrity record: by an HRSS managing a pool of the person; removes every membership.
    let eid = m["expert"]["id"].as_i64().expect("id");
    let iurl = format!("/api/v1/experts/{eid}/integrity-record");
    let (s, code, _) = status_code(
        app.post_as(
            &tok,
            &iurl,
            &json!({"record": "", "version": m2["expert"]["version"]}),
        )
        .await,
    )
    .await;
    assert_eq!((s, code.as_str()), (422, "validation_failed"));
    let (s, _, d) = status_code(
        app.post_as(
            &tok,
            &iurl,
            &json!({"record": "评审中收受礼金", "version": m2["expert"]["version"]}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200, "{d}");
    assert_eq!(d["expert"]["integrity_record"]["record"], "评审中收受礼金");
    assert_eq!(
        d["expert"]["integrity_record"]["recorded_by"],
        "county_hrss_unit"
    );
    for mm in d["memberships"].as_array().expect("list") {
        assert_eq!(mm["status"], "removed", "{mm}");
    }
    assert_eq!(
        member_status(&app, m2["id"].as_i64().expect("id")).await,
        "removed"
    );
    assert_eq!(audit_rows(&app, "expert.integrity_record", eid).await, 1);
    // Kept: the person cannot be pre-entered again anywhere.
    let c3 = committee_of(&app, county, "示范县第五评委会").await;
    let (s, code, _) = pre_enter(&app, &tok, c3, &entry(&app, "戊专家", &id, school, 30)).await;
    assert_eq!((s, code.as_str()), (409, "conflict"));
    // A second record: conflict.
    let (s, _, _) = status_code(
        app.post_as(
            &tok,
            &iurl,
            &json!({"record": "again", "version": d["expert"]["version"]}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 409);

    // Suspend / resume / remove of an active member, each with its reason kept.
    let id2 = id_number(4, 33);
    let (_, _, a) = pre_enter(&app, &tok, c, &entry(&app, "己专家", &id2, school, 365)).await;
    let aid = a["id"].as_i64().expect("id");
    app.db
        .run(move |conn| {
            diesel::update(pool_members::table.find(aid))
                .set(pool_members::status.eq("active"))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("activate");
    let url = format!("/api/v1/pool-members/{aid}/status");
    let (s, _, x) = status_code(
        app.post_as(&tok, &url, &status("suspended", "出国访学", &a["version"]))
            .await,
    )
    .await;
    assert_eq!(s, 200, "{x}");
    assert_eq!(
        (x["status"].as_str(), x["status_reason"].as_str()),
        (Some("suspended"), Some("出国访学"))
    );
    let (s, _, x) = status_code(
        app.post_as(&tok, &url, &status("active", "回国", &x["version"]))
            .await,
    )
    .await;
    assert_eq!((s, x["status"].as_str()), (200, Some("active")));
    let (s, _, x) = status_code(
        app.post_as(&tok, &url, &status("removed", "任期调整", &x["version"]))
            .await,
    )
    .await;
    assert_eq!((s, x["status"].as_str()), (200, Some("removed")));
    let (s, code, _) = status_code(
        app.post_as(&tok, &url, &status("active", "x", &x["version"]))
            .await,
    )
    .await;
    assert_eq!((s, code.as_str()), (409, "invalid_transition"));
    assert_eq!(audit_rows(&app, "expert.status_change", aid).await, 3);
}

async fn pool_update_approve_all_or_reject_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let c = demo_committee(&app).await;
    let school = unit_id(&app, COUNTY_SCHOOL).await;
    let county = unit_id(&app, COUNTY_HRSS).await;
    let tok = token(&app, "county_hrss_unit").await;
    let (_, _, keep) = pre_enter(
        &app,
        &tok,
        c,
        &entry(&app, "庚", &id_number(5, 41), school, 365),
    )
    .await;
    let (_, _, gone) = pre_enter(
        &app,
        &tok,
        c,
        &entry(&app, "辛", &id_number(5, 43), school, 365),
    )
    .await;
    // A person already known (in another pool) to add by id.
    let other = committee_of(&app, county, "示范县第六评委会").await;
    let (_, _, known) = pre_enter(
        &app,
        &tok,
        other,
        &entry(&app, "壬", &id_number(5, 45), school, 365),
    )
    .await;
    let term = (ymd(today(&app)), ymd(today(&app) + Duration::days(700)));
    let body = json!({
        "committee_id": c,
        "reason": "2026 年度专家库调整",
        "items": [
            {"action": "add", "entry": entry(&app, "癸", &id_number(5, 47), school, 365), "reason": "新增学科带头人"},
            {"action": "add", "expert_id": known["expert"]["id"], "term_start": term.0, "term_end": term.1, "reason": "跨评委会共享"},
            {"action": "remove", "pool_member_id": gone["id"], "reason": "退休"},
        ],
    });
    // Not the organising unit: the city HRSS may not apply for the county's committee.
    let city = token(&app, "city_hrss_unit").await;
    assert_eq!(
        app.post_as(&city, "/api/v1/pool-updates", &body)
            .await
            .status(),
        403
    );
    // A bad item: a term over three years, a member of another pool, the same person twice.
    let mut bad = body.clone();
    bad["items"][1]["term_end"] = json!(ymd(today(&app) + Duration::days(4 * 365)));
    let (s, _, e) = status_code(app.post_as(&tok, "/api/v1/pool-updates", &bad).await).await;
    assert_eq!(s, 422, "{e}");
    let mut bad = body.clone();
    bad["items"][2]["pool_member_id"] = known["id"].clone();
    assert_eq!(
        app.post_as(&tok, "/api/v1/pool-updates", &bad)
            .await
            .status(),
        422
    );
    let mut bad = body.clone();
    bad["items"][2] = json!({"action": "add", "expert_id": keep["expert"]["id"], "term_start": term.0, "term_end": term.1, "reason": "x"});
    assert_eq!(
        app.post_as(&tok, "/api/v1/pool-updates", &bad)
            .await
            .status(),
        422
    );

    let (s, _, u) = status_code(app.post_as(&tok, "/api/v1/pool-updates", &body).await).await;
    assert_eq!(s, 201, "{u}");
    assert_eq!(u["status"], "pending");
    assert_eq!(u["items"].as_array().map(Vec::len), Some(3));
    let uid = u["id"].as_i64().expect("id");
    let decide = |approve: bool, opinion: &str, version: &Value| json!({"approve": approve, "opinion": opinion, "version": version});
    let durl = format!("/api/v1/pool-updates/{uid}/decision");
    // The applicant's own HRSS is not the auditor; the city HRSS is (the nearest above).
    let (s, _, _) = status_code(
        app.post_as(&tok, &durl, &decide(true, "", &u["version"]))
            .await,
    )
    .await;
    assert_eq!(s, 403);
    let prov = token(&app, "prov_hrss_unit").await;
    assert_eq!(
        app.post_as(&prov, &durl, &decide(true, "", &u["version"]))
            .await
            .status(),
        403
    );

    // Atomic approval: one change that no longer applies (the member was removed meanwhile)
    // fails all of them; nothing changes and the filing stays pending.
    let gid = gone["id"].as_i64().expect("id");
    app.db
        .run(move |conn| {
            diesel::update(pool_members::table.find(gid))
                .set(pool_members::status.eq("removed"))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("remove");
    let count_before = pool_count(&app, c).await;
    let (s, code, _) = status_code(
        app.post_as(&city, &durl, &decide(true, "同意", &u["version"]))
            .await,
    )
    .await;
    assert_eq!((s, code.as_str()), (409, "conflict"));
    assert_eq!(pool_count(&app, c).await, count_before);
    let (_, _, still) = status_code(
        app.get_as(&city, &format!("/api/v1/pool-updates/{uid}"))
            .await,
    )
    .await;
    assert_eq!(still["status"], "pending");
    app.db
        .run(move |conn| {
            diesel::update(pool_members::table.find(gid))
                .set(pool_members::status.eq("pre_entry"))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("restore");

    let (s, _, done) = status_code(
        app.post_as(&city, &durl, &decide(true, "同意备案", &u["version"]))
            .await,
    )
    .await;
    assert_eq!(s, 200, "{done}");
    assert_eq!(done["status"], "approved");
    assert_eq!(done["audited_by"], "city_hrss_unit");
    assert_eq!(pool_count(&app, c).await, count_before + 2);
    assert_eq!(member_status(&app, gid).await, "removed");
    for it in done["items"].as_array().expect("items") {
        assert!(it["pool_member_id"].as_i64().is_some(), "{it}");
    }
    // Decided once.
    let (s, code, _) = status_code(
        app.post_as(&city, &durl, &decide(false, "x", &done["version"]))
            .await,
    )
    .await;
    assert_eq!((s, code.as_str()), (409, "conflict"));

    // Reject changes nothing.
    let body = json!({"committee_id": c, "items": [
        {"action": "remove", "pool_member_id": keep["id"], "reason": "调出"}
    ]});
    let (_, _, u2) = status_code(app.post_as(&tok, "/api/v1/pool-updates", &body).await).await;
    let durl2 = format!("/api/v1/pool-updates/{}/decision", u2["id"]);
    assert_eq!(
        app.post_as(&city, &durl2, &decide(false, "", &u2["version"]))
            .await
            .status(),
        422
    );
    let (s, _, r) = status_code(
        app.post_as(&city, &durl2, &decide(false, "理由不充分", &u2["version"]))
            .await,
    )
    .await;
    assert_eq!((s, r["status"].as_str()), (200, Some("rejected")));
    assert_eq!(
        member_status(&app, keep["id"].as_i64().expect("id")).await,
        "pre_entry"
    );

    // 备案查询: the history (who, when, what) for the applicant and the auditor; not a sibling.
    for (who, want) in [
        ("county_hrss_unit", 2),
        ("city_hrss_unit", 2),
        ("prov_hrss_unit", 2),
    ] {
        let t = token(&app, who).await;
        let (_, _, l) = status_code(app.get_as(&t, "/api/v1/pool-updates").await).await;
        assert_eq!(l["total"], want, "{who}: {l}");
    }
    let t = token(&app, "county_dept_unit").await;
    assert_eq!(app.get_as(&t, "/api/v1/pool-updates").await.status(), 403);
    let t = token(&app, "prov_dept_unit").await;
    assert_eq!(
        app.get_as(&t, &format!("/api/v1/pool-updates/{uid}"))
            .await
            .status(),
        403
    );
    assert_eq!(audit_rows(&app, "pool_update.approve", uid).await, 1);
}

async fn pool_count(app: &TestApp, committee: i64) -> i64 {
    app.db
        .run(move |conn| {
            Ok(pool_members::table
                .filter(pool_members::committee_id.eq(committee))
                .filter(pool_members::status.ne("removed"))
                .count()
                .get_result(conn)?)
        })
        .await
        .expect("count")
}

async fn recommendation_accept_into_pre_entry(backend: Backend) {
    let app = spawn_app(backend).await;
    let c = demo_committee(&app).await;
    let school = unit_id(&app, COUNTY_SCHOOL).await;
    let emp = token(&app, "county_emp_unit").await;
    let e = entry(&app, "推荐甲", &id_number(6, 51), school, 365);
    let (s, _, r) = status_code(
        app.post_as(
            &emp,
            "/api/v1/expert-recommendations",
            &json!({"committee_id": c, "entry": e, "reason": ""}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 422);
    let (s, _, r1) = status_code(
        app.post_as(
            &emp,
            "/api/v1/expert-recommendations",
            &json!({"committee_id": c, "entry": e, "reason": "县级骨干教师"}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 201, "{r} {r1}");
    assert_eq!(r1["status"], "pending");
    assert_eq!(r1["can_decide"], false);
    let e2 = entry(&app, "推荐乙", &id_number(6, 53), school, 365);
    let (_, _, r2) = status_code(
        app.post_as(
            &emp,
            "/api/v1/expert-recommendations",
            &json!({"committee_id": c, "entry": e2, "reason": "学科带头人"}),
        )
        .await,
    )
    .await;
    // The recommending employer may not decide; the county HRSS (organising unit) may.
    let url1 = format!("/api/v1/expert-recommendations/{}/decision", r1["id"]);
    assert_eq!(
        app.post_as(
            &emp,
            &url1,
            &json!({"approve": true, "version": r1["version"]})
        )
        .await
        .status(),
        403
    );
    let hrss = token(&app, "county_hrss_unit").await;
    let (_, _, l) = status_code(
        app.get_as(&hrss, "/api/v1/expert-recommendations?status=pending")
            .await,
    )
    .await;
    assert_eq!(l["total"], 2, "{l}");
    let (s, _, d) = status_code(
        app.post_as(
            &hrss,
            &url1,
            &json!({"approve": true, "opinion": "同意", "version": r1["version"]}),
        )
        .await,
    )
    .await;
    assert_eq!(s, 200, "{d}");
    assert_eq!(d["status"], "accepted");
    let mid = d["pool_member_id"].as_i64().expect("member");
    assert_eq!(member_status(&app, mid).await, "pre_entry");
    // Decline needs an opinion; it puts nobody into the pool.
    let url2 = format!("/api/v1/expert-recommendations/{}/decision", r2["id"]);
    assert_eq!(
        app.post_as(
            &hrss,
            &url2,
            &json!({"approve": false, "version": r2["version"]})
        )
        .await
        .status(),
        422
    );
    let (s, _, d2) = status_code(
        app.post_as(
            &hrss,
            &url2,
            &json!({"approve": false, "opinion": "专业不符", "version": r2["version"]}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (s, d2["status"].as_str(), d2["pool_member_id"].is_null()),
        (200, Some("declined"), true)
    );
    // The recommender sees both outcomes; a sibling unit sees none.
    let (_, _, mine) = status_code(app.get_as(&emp, "/api/v1/expert-recommendations").await).await;
    assert_eq!(mine["total"], 2);
    let other = token(&app, "city_emp_unit").await;
    let (_, _, none) =
        status_code(app.get_as(&other, "/api/v1/expert-recommendations").await).await;
    assert_eq!(none["total"], 0);
}

async fn search_filters_and_export(backend: Backend) {
    let app = spawn_app(backend).await;
    let c = demo_committee(&app).await;
    let school = unit_id(&app, COUNTY_SCHOOL).await;
    let city_emp = unit_id(&app, "示范市第一人民医院").await;
    let tok = token(&app, "county_hrss_unit").await;
    let mut a = entry(&app, "搜索甲", &id_number(7, 61), school, 365);
    a["specialties"] = json!(["小学语文"]);
    let mut b = entry(&app, "搜索乙", &id_number(7, 63), city_emp, 365);
    b["specialties"] = json!(["小学语文", "小学英语"]);
    b["title_level"] = json!("senior");
    pre_enter(&app, &tok, c, &a).await;
    pre_enter(&app, &tok, c, &b).await;
    let q = |s: &str| format!("/api/v1/experts?committee_id={c}&{s}");
    for (filter, want) in [
        ("specialty=小学语文", 2),
        ("specialty=小学英语", 1),
        ("specialty=小学语文&title_level=senior", 1),
        (
            &format!("specialty=小学语文&employer_id={school}") as &str,
            1,
        ),
        ("specialty=小学语文&status=pre_entry", 2),
        ("specialty=小学语文&status=active", 0),
        ("specialty=小学语文&series=health", 0),
        (
            &format!(
                "specialty=小学语文&term_on={}",
                ymd(today(&app) + Duration::days(400))
            ) as &str,
            0,
        ),
        (
            &format!("specialty=小学语文&term_on={}", ymd(today(&app))) as &str,
            2,
        ),
    ] {
        let (s, _, l) = status_code(app.get_as(&tok, &q(filter)).await).await;
        assert_eq!(s, 200, "{filter}: {l}");
        assert_eq!(l["total"], want, "{filter}: {l}");
    }
    assert_eq!(app.get_as(&tok, &q("term_on=x")).await.status(), 400);
    let res = app.get_as(&tok, &q("specialty=小学语文")).await;
    assert_eq!(res.status(), 200);
    let res = app
        .get_as(
            &tok,
            &format!("/api/v1/experts/export?committee_id={c}&specialty=小学语文"),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("spreadsheetml")));
    // A sibling branch's HRSS sees nothing of the county's pool.
    let other = token(&app, "prov_dept_unit").await;
    assert_eq!(app.get_as(&other, "/api/v1/experts").await.status(), 403);
}

async fn bulk_pre_entry_all_or_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let c = demo_committee(&app).await;
    let tok = token(&app, "county_hrss_unit").await;
    let start = ymd(today(&app));
    let end = ymd(today(&app) + Duration::days(365));
    let too_long = ymd(today(&app) + Duration::days(4 * 365));
    let header = "姓名,身份证号,工作单位,职称,职称级别,系列,评审专业,联系电话,任期开始,任期结束\n";
    let line = |name: &str, id: &str, unit: &str, end: &str| {
        format!("{name},{id},{unit},高级教师,副高级,中小学教师系列,中学数学、中学物理,13900000000,{start},{end}\n")
    };
    let post = |body: String, dry: bool| {
        let app = &app;
        let tok = tok.clone();
        async move {
            app.client
                .post(app.url(&format!(
                    "/api/v1/experts/bulk?committee_id={c}&dry_run={dry}"
                )))
                .bearer_auth(tok)
                .header("content-type", "text/csv")
                .body(body)
                .send()
                .await
                .expect("post")
        }
    };
    // Row 3: a term over three years; row 4: the ID of row 2 again; row 5: an unknown unit.
    let bad = format!(
        "{header}{}{}{}{}",
        line("批量甲", &id_number(8, 71), "示范县第一中学", &end),
        line("批量乙", &id_number(8, 73), "示范县第一中学", &too_long),
        line("批量丙", &id_number(8, 71), "示范县教育局", &end),
        line("批量丁", &id_number(8, 75), "没有这个单位", &end),
    );
    let before = pool_count(&app, c).await;
    let (s, _, report) = status_code(post(bad, false).await).await;
    assert_eq!(s, 200, "{report}");
    assert_eq!(report["ok"], false);
    let rows: Vec<i64> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["row"].as_i64().unwrap_or_default())
        .collect();
    assert_eq!(rows, vec![3, 4, 5], "{report}");
    assert_eq!(report["errors"][0]["field"], "term_end");
    assert_eq!(pool_count(&app, c).await, before, "nothing was written");

    let good = format!(
        "{header}{}{}",
        line("批量甲", &id_number(8, 71), "示范县第一中学", &end),
        line("批量乙", &id_number(8, 73), "示范市第一人民医院", &end),
    );
    let (_, _, dry) = status_code(post(good.clone(), true).await).await;
    assert_eq!(
        (dry["ok"].as_bool(), dry["created"].as_i64()),
        (Some(true), Some(0))
    );
    assert_eq!(pool_count(&app, c).await, before);
    let (_, _, done) = status_code(post(good.clone(), false).await).await;
    assert_eq!(
        (done["ok"].as_bool(), done["created"].as_i64()),
        (Some(true), Some(2)),
        "{done}"
    );
    assert_eq!(pool_count(&app, c).await, before + 2);
    // The person as stored (on PostgreSQL by the bulk `UNNEST` insert): every column, the
    // sealed ID number read back, both specialties.
    let hospital = crate::org::unit_id(&app, "示范市第一人民医院").await;
    let wanted = id_number(8, 73);
    let stored = app
        .db
        .run(move |conn| {
            use backend::db::schema::{expert_specialties, experts};
            let person: (
                i64,
                String,
                String,
                String,
                i64,
                String,
                String,
                String,
                String,
                String,
            ) = experts::table
                .filter(experts::name.eq("批量乙"))
                .select((
                    experts::id,
                    experts::id_number,
                    experts::name,
                    experts::gender,
                    experts::employer_id,
                    experts::title,
                    experts::title_level,
                    experts::series,
                    experts::phone,
                    experts::email,
                ))
                .first(conn)?;
            let specialties: Vec<String> = expert_specialties::table
                .filter(expert_specialties::expert_id.eq(person.0))
                .order(expert_specialties::specialty.asc())
                .select(expert_specialties::specialty)
                .load(conn)?;
            Ok((person, specialties))
        })
        .await
        .expect("the stored person");
    let ((_, id_no, name, gender, employer, title, level, series, phone, email), specialties) =
        stored;
    assert_eq!(
        (id_no.as_str(), name.as_str(), employer, title.as_str()),
        (wanted.as_str(), "批量乙", hospital, "高级教师")
    );
    assert_eq!(
        (gender.as_str(), level.as_str(), series.as_str()),
        ("male", "associate_senior", "school_teachers")
    );
    assert_eq!((phone.as_str(), email.as_str()), ("13900000000", ""));
    assert_eq!(specialties, ["中学数学", "中学物理"]);
    // The same file again: both already in the pool, nothing written.
    let (_, _, again) = status_code(post(good, false).await).await;
    assert_eq!(again["ok"], false);
    assert_eq!(again["errors"][0]["code"], "already_exists");
    assert_eq!(pool_count(&app, c).await, before + 2);
    // Not a committee the employer may act on.
    let emp = token(&app, "county_emp_unit").await;
    let res = app
        .client
        .post(app.url(&format!("/api/v1/experts/bulk?committee_id={c}")))
        .bearer_auth(emp)
        .header("content-type", "text/csv")
        .body(header.to_string())
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 403);
}

/// A distinct valid ID number for each `i` below 3,000,000 (born 1950-01-01 plus `i / 300`
/// days; male).
fn many_id_number(i: usize) -> String {
    let born = NaiveDate::from_ymd_opt(1950, 1, 1).expect("day")
        + Duration::days(i64::try_from(i / 300).expect("days"));
    let seq = 2 * (i % 300) + 101;
    let body = format!("520102{}{seq:03}", born.format("%Y%m%d"));
    let check = IdNumber::check_char(&body).map(char::from).unwrap_or('0');
    format!("{body}{check}")
}

async fn count_of<T>(app: &TestApp, query: T) -> i64
where
    T: FnOnce(&mut backend::db::DbConnection) -> diesel::QueryResult<i64> + Send + 'static,
{
    app.db
        .run(move |conn| Ok(query(conn)?))
        .await
        .expect("count")
}

/// Issue 14: more rows than the old limit of 2,000 pre-enter whole, in chunks; one bad row in
/// the middle writes nothing and is reported at its sheet row; an ID number repeated across a
/// chunk boundary (rows 501 and 502) is reported; a dry run writes nothing; a person registered
/// already (in another pool) joins with their new specialties and is not registered twice.
async fn a_large_bulk_pre_entry_is_whole_or_nothing(backend: Backend) {
    use backend::db::schema::{expert_specialties, experts};
    let app = spawn_app(backend).await;
    let c = demo_committee(&app).await;
    let tok = token(&app, "county_hrss_unit").await;
    let school = unit_id(&app, COUNTY_SCHOOL).await;
    let other = committee_of(&app, unit_id(&app, COUNTY_HRSS).await, "示范县另一评委会").await;
    let known = many_id_number(2_999_999);
    let (s, _, body) = pre_enter(
        &app,
        &tok,
        other,
        &entry(&app, "老专家", &known, school, 30),
    )
    .await;
    assert_eq!(s, 201, "{body}");
    let known_id: i64 = body["expert"]["id"].as_i64().expect("expert id");

    const ROWS: usize = 2_001;
    let start = ymd(today(&app));
    let end = ymd(today(&app) + Duration::days(365));
    let too_long = ymd(today(&app) + Duration::days(4 * 365));
    let header = "姓名,身份证号,工作单位,职称,职称级别,系列,评审专业,联系电话,任期开始,任期结束\n";
    let line = |name: &str, id: &str, end: &str| {
        format!("{name},{id},{COUNTY_SCHOOL},高级教师,副高级,中小学教师系列,中学数学、中学化学,13900000000,{start},{end}\n")
    };
    let mut rows: Vec<String> = (0..ROWS)
        .map(|i| line(&format!("专家{i}"), &many_id_number(i), &end))
        .collect();
    rows[1000] = line("老专家", &known, &end);
    let good: String = std::iter::once(header.to_owned())
        .chain(rows.clone())
        .collect();
    rows[500] = line("专家重复", &many_id_number(499), &end);
    rows[1500] = line("专家1500", &many_id_number(1500), &too_long);
    let bad: String = std::iter::once(header.to_owned()).chain(rows).collect();
    let post = |body: String, dry: bool| {
        let app = &app;
        let tok = tok.clone();
        async move {
            status_code(
                app.client
                    .post(app.url(&format!(
                        "/api/v1/experts/bulk?committee_id={c}&dry_run={dry}"
                    )))
                    .bearer_auth(tok)
                    .header("content-type", "text/csv")
                    .body(body)
                    .send()
                    .await
                    .expect("post"),
            )
            .await
        }
    };
    let persons = || count_of(&app, |conn| experts::table.count().get_result(conn));
    let persons_before = persons().await;
    let before = pool_count(&app, c).await;

    let (s, _, report) = post(bad, false).await;
    assert_eq!(s, 200, "{report}");
    assert_eq!(
        (report["ok"].as_bool(), report["created"].as_i64()),
        (Some(false), Some(0))
    );
    let errors: Vec<(i64, String)> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["row"].as_i64().unwrap_or_default(),
                e["field"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [(502, "id_number".to_owned()), (1502, "term_end".to_owned())],
        "{report}"
    );
    assert_eq!(pool_count(&app, c).await, before, "nothing was written");
    assert_eq!(persons().await, persons_before);

    let (_, _, dry) = post(good.clone(), true).await;
    assert_eq!(
        (dry["ok"].as_bool(), dry["created"].as_i64()),
        (Some(true), Some(0)),
        "{dry}"
    );
    assert_eq!(
        pool_count(&app, c).await,
        before,
        "a dry run writes nothing"
    );
    assert_eq!(persons().await, persons_before);

    let (_, _, done) = post(good.clone(), false).await;
    assert_eq!(
        (done["ok"].as_bool(), done["created"].as_i64()),
        (Some(true), Some(2001)),
        "{done}"
    );
    assert_eq!(pool_count(&app, c).await, before + 2001);
    assert_eq!(
        persons().await,
        persons_before + 2000,
        "the known person is not registered twice"
    );
    let known_specialties = count_of(&app, move |conn| {
        expert_specialties::table
            .filter(expert_specialties::expert_id.eq(known_id))
            .count()
            .get_result(conn)
    })
    .await;
    assert_eq!(known_specialties, 3, "中学数学 and 中学物理, then 中学化学");
    assert_eq!(audit_rows(&app, "expert.bulk_pre_entry", c).await, 1);
    // The same file again: every row is in the pool now.
    let (_, _, again) = post(good, false).await;
    assert_eq!(again["errors"].as_array().map(Vec::len), Some(ROWS));
    assert_eq!(again["errors"][2000]["row"], 2002);
    assert_eq!(again["errors"][2000]["code"], "already_exists");
}

db_tests!(
    pre_entry_rules,
    who_may_pre_enter,
    invite_password_profile_active,
    statuses_and_integrity,
    pool_update_approve_all_or_reject_nothing,
    recommendation_accept_into_pre_entry,
    search_filters_and_export,
    bulk_pre_entry_all_or_nothing,
    a_large_bulk_pre_entry_is_whole_or_nothing,
);
