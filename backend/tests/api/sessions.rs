//! Review sessions (issue 10 part 2, manual §6.2.10.1): building a session step by step, the
//! verifiable draw with recusal through the unit tree and declared conflicts, re-draws,
//! alternates, positions, the start checks, status gating and who sees what. The pool rows are
//! inserted directly (the pool's own endpoints are another part of the issue).

use std::collections::{BTreeMap, BTreeSet};

use backend::{
    db::{
        schema::{
            accounts, applications, expert_conflicts, expert_specialties, experts, pool_members,
            review_authority_filings, units,
        },
        DbConnection,
    },
    sessions::draw::{self, Applicant, Candidate, DrawInput},
};
use chrono::NaiveDate;
use diesel::prelude::*;
use serde_json::{json, Value};
use shared::experts::DrawKind;

use crate::{
    db_tests,
    helpers::{audit_rows, expect, get_ok, send, spawn_app, Backend, TestApp},
};

/// The organising unit of the demo committee.
pub const ORGANISER: &str = "county_hrss_unit";

/// The unit id of an account.
pub async fn unit_of(app: &TestApp, username: &'static str) -> i64 {
    app.db
        .run(move |conn| {
            Ok(accounts::table
                .filter(accounts::username.eq(backend::login_names::name(username)))
                .select(accounts::unit_id)
                .first::<i64>(conn)?)
        })
        .await
        .expect("unit of account")
}

/// The demo application in `online_review`: (id, committee, year).
pub async fn online_review_application(app: &TestApp) -> (i64, i64, i32) {
    app.db
        .run(|conn| {
            Ok(applications::table
                .filter(applications::stage.eq("online_review"))
                .select((
                    applications::id,
                    applications::committee_id.assume_not_null(),
                    applications::year,
                ))
                .first(conn)?)
        })
        .await
        .expect("the demo application in online review")
}

fn exec(conn: &mut DbConnection, q: &str) -> QueryResult<usize> {
    match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(q).execute(c),
        DbConnection::Pg(c) => diesel::sql_query(q).execute(c),
    }
}

/// A copy of application `src` in `online_review` with another employer, specialty and person.
pub async fn clone_application(
    app: &TestApp,
    src: i64,
    employer: i64,
    specialty: &str,
    id_number: &str,
) -> i64 {
    let specialty = specialty.to_owned();
    let id_number = id_number.to_owned();
    app.db
        .run(move |conn| {
            let path: String = units::table
                .find(employer)
                .select(units::path)
                .first(conn)?;
            let cols = "applicant_id, employer_id, employer_path, year, series, specialty, level, \
                qualification, declaration_type, name, id_number, gender, birth_date, education, \
                current_title, current_title_date, years_of_service, achievements, phone, stage, \
                holder_unit_id, committee_id, resubmission, return_opinion, review_passed, \
                version, created_at, updated_at, started_by_unit, submitted_at";
            // An applicant with no application yet (one live application per person and year).
            let applicant: i64 = accounts::table
                .filter(accounts::kind.eq("applicant"))
                .filter(accounts::id.ne_all(applications::table.select(applications::applicant_id)))
                .select(accounts::id)
                .first(conn)?;
            let select = cols
                .replacen("applicant_id,", &format!("{applicant},"), 1)
                .replace("employer_id,", &format!("{employer},"))
                .replace("employer_path,", &format!("'{path}',"))
                .replace("specialty,", &format!("'{specialty}',"))
                .replace(" id_number,", &format!(" '{}',", backend::pii::seal(&id_number).expect("seal")));
            exec(
                conn,
                &format!("INSERT INTO applications ({cols}) SELECT {select} FROM applications WHERE id = {src}"),
            )?;
            Ok(applications::table
                .select(diesel::dsl::max(applications::id))
                .first::<Option<i64>>(conn)?
                .unwrap_or_default())
        })
        .await
        .expect("clone application")
}

/// Makes the committee's authority cover the intermediate level only (no senior-size rule).
pub async fn intermediate_only(app: &TestApp, committee: i64) {
    app.db
        .run(move |conn| {
            diesel::update(
                review_authority_filings::table
                    .filter(review_authority_filings::committee_id.eq(committee)),
            )
            .set(review_authority_filings::levels.eq(r#"["intermediate"]"#))
            .execute(conn)?;
            Ok(())
        })
        .await
        .expect("levels");
}

/// One expert in the committee's pool.
#[derive(Debug, Clone, Default)]
pub struct PoolExpert {
    pub name: String,
    pub employer: i64,
    pub specialties: Vec<String>,
    pub conflict_units: Vec<i64>,
    pub conflict_persons: Vec<String>,
    pub status: Option<&'static str>,
    pub term: Option<(NaiveDate, NaiveDate)>,
    pub account: Option<i64>,
}

/// Inserts experts into the committee's pool; answers their ids in order.
pub async fn add_pool(app: &TestApp, committee: i64, list: Vec<PoolExpert>) -> Vec<i64> {
    app.db
        .run(move |conn| {
            let creator: i64 = accounts::table.select(accounts::id).first(conn)?;
            let now = chrono::Utc::now().naive_utc();
            let n: i64 = experts::table.count().get_result(conn)?;
            conn.write_transaction(|conn| {
                let mut ids = Vec::new();
                for (i, e) in list.iter().enumerate() {
                    if let Some(account) = e.account {
                        // The demo's pool already links some expert accounts (expert_demo):
                        // the account moves to this test's expert.
                        diesel::update(experts::table.filter(experts::account_id.eq(account)))
                            .set(experts::account_id.eq(None::<i64>))
                            .execute(conn)?;
                    }
                    let id: i64 = diesel::insert_into(experts::table)
                        .values((
                            experts::id_number
                                .eq(backend::pii::Pii::new(format!("EXP{n:06}{i:05}"))),
                            experts::id_number_hash
                                .eq(Some(backend::pii::hash(&format!("EXP{n:06}{i:05}")))),
                            experts::name.eq(&e.name),
                            experts::gender.eq("male"),
                            experts::employer_id.eq(e.employer),
                            experts::title.eq("教授"),
                            experts::title_level.eq("senior"),
                            experts::series.eq("school_teachers"),
                            experts::phone.eq("13800000000"),
                            experts::account_id.eq(e.account),
                            experts::created_by.eq(creator),
                            experts::created_at.eq(now),
                            experts::updated_at.eq(now),
                        ))
                        .returning(experts::id)
                        .get_result(conn)?;
                    for s in &e.specialties {
                        diesel::insert_into(expert_specialties::table)
                            .values((
                                expert_specialties::expert_id.eq(id),
                                expert_specialties::specialty.eq(s),
                            ))
                            .execute(conn)?;
                    }
                    for u in &e.conflict_units {
                        diesel::insert_into(expert_conflicts::table)
                            .values((
                                expert_conflicts::expert_id.eq(id),
                                expert_conflicts::kind.eq("unit"),
                                expert_conflicts::unit_id.eq(u),
                            ))
                            .execute(conn)?;
                    }
                    for p in &e.conflict_persons {
                        diesel::insert_into(expert_conflicts::table)
                            .values((
                                expert_conflicts::expert_id.eq(id),
                                expert_conflicts::kind.eq("person"),
                                expert_conflicts::person_id_number
                                    .eq(backend::pii::Pii::new(p.clone())),
                                expert_conflicts::person_id_number_hash.eq(backend::pii::hash(p)),
                            ))
                            .execute(conn)?;
                    }
                    let (start, end) = e.term.unwrap_or((
                        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
                        NaiveDate::from_ymd_opt(2028, 12, 31).unwrap_or_default(),
                    ));
                    diesel::insert_into(pool_members::table)
                        .values((
                            pool_members::committee_id.eq(committee),
                            pool_members::expert_id.eq(id),
                            pool_members::status.eq(e.status.unwrap_or("active")),
                            pool_members::term_start.eq(start),
                            pool_members::term_end.eq(end),
                            pool_members::created_by.eq(creator),
                            pool_members::created_at.eq(now),
                            pool_members::updated_at.eq(now),
                        ))
                        .execute(conn)?;
                    ids.push(id);
                }
                Ok(ids)
            })
        })
        .await
        .expect("pool")
}

/// `n` plain experts of `specialties` at `employer`.
pub fn plain(n: usize, employer: i64, specialties: &[&str]) -> Vec<PoolExpert> {
    (0..n)
        .map(|i| PoolExpert {
            name: format!("专家{i}"),
            employer,
            specialties: specialties.iter().map(|s| (*s).to_owned()).collect(),
            ..PoolExpert::default()
        })
        .collect()
}

/// A session of the demo committee with one group holding the demo application; answers
/// (token, session id, group id, application id).
pub async fn session_with_group(app: &TestApp) -> (String, i64, i64, i64) {
    let token = app.login_as(ORGANISER).await.access_token;
    let (application, committee, year) = online_review_application(app).await;
    let body = expect(
        app,
        &token,
        "POST",
        "/api/v1/review-sessions",
        json!({"committee_id": committee, "year": year, "name": "2026年度评审会", "session_date": "2026-12-20"}),
        201,
    )
    .await;
    let session = body["id"].as_i64().expect("id");
    let g = expect(
        app,
        &token,
        "POST",
        &format!("/api/v1/review-sessions/{session}/groups"),
        json!({"name": "第一组"}),
        201,
    )
    .await;
    let group = g["id"].as_i64().expect("group id");
    expect(
        app,
        &token,
        "POST",
        &format!("/api/v1/review-groups/{group}/applications"),
        json!({"version": g["version"], "application_ids": [application]}),
        200,
    )
    .await;
    (token, session, group, application)
}

pub async fn group_version(app: &TestApp, token: &str, session: i64, group: i64) -> i64 {
    let (_, d) = send(
        app,
        token,
        "GET",
        &format!("/api/v1/review-sessions/{session}"),
        json!({}),
    )
    .await;
    d["groups"]
        .as_array()
        .and_then(|gs| gs.iter().find(|g| g["id"].as_i64() == Some(group)))
        .and_then(|g| g["version"].as_i64())
        .expect("group version")
}

pub async fn session_version(app: &TestApp, token: &str, session: i64) -> i64 {
    let (_, d) = send(
        app,
        token,
        "GET",
        &format!("/api/v1/review-sessions/{session}"),
        json!({}),
    )
    .await;
    d["session"]["version"].as_i64().expect("session version")
}

pub async fn set_needs(app: &TestApp, token: &str, session: i64, group: i64, needs: Value) {
    let v = group_version(app, token, session, group).await;
    expect(
        app,
        token,
        "PUT",
        &format!("/api/v1/review-groups/{group}/needs"),
        json!({"version": v, "needs": needs}),
        200,
    )
    .await;
}

pub async fn draw(
    app: &TestApp,
    token: &str,
    session: i64,
    group: Option<i64>,
    reason: Option<&str>,
) -> (u16, Value) {
    let v = session_version(app, token, session).await;
    send(
        app,
        token,
        "POST",
        &format!("/api/v1/review-sessions/{session}/draws"),
        json!({"version": v, "group_id": group, "reason": reason}),
    )
    .await
}

/// A draw's full record (`GET /api/v1/draws/{id}`): the answer of a draw is its summary.
async fn record(app: &TestApp, token: &str, summary: &Value) -> Value {
    assert!(
        summary.get("candidates").is_none() && summary.get("exclusions").is_none(),
        "a draw answers its summary: {summary}"
    );
    let id = summary["id"].as_i64().expect("id");
    let full = get_ok(app, token, &format!("/api/v1/draws/{id}")).await;
    let len = |v: &Value| v.as_array().and_then(|a| u64::try_from(a.len()).ok());
    assert_eq!(
        summary["candidate_count"].as_u64(),
        len(&full["candidates"])
    );
    assert_eq!(
        summary["exclusion_count"].as_u64(),
        len(&full["exclusions"])
    );
    assert_eq!(summary["result"], full["result"]);
    full
}

async fn verified(app: &TestApp, token: &str, draw: i64) -> bool {
    let v = get_ok(app, token, &format!("/api/v1/draws/{draw}/verify")).await;
    v["reproduced"].as_bool().expect("reproduced")
}

fn experts_of(detail: &Value, status: &str) -> Vec<Value> {
    detail["experts"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|e| e["status"] == status)
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

async fn detail(app: &TestApp, token: &str, session: i64) -> Value {
    get_ok(app, token, &format!("/api/v1/review-sessions/{session}")).await
}

/// Makes every serving expert a committee member, the first the director, the first of each
/// group its leader; trims the committee to an odd size by leaving the last one out.
async fn appoint(app: &TestApp, token: &str, session: i64) {
    let d = detail(app, token, session).await;
    let serving = experts_of(&d, "active");
    let mut led = BTreeSet::new();
    let odd = if serving.len().is_multiple_of(2) {
        serving.len() - 1
    } else {
        serving.len()
    };
    for (i, e) in serving.iter().enumerate() {
        let group = e["group_id"].as_i64().unwrap_or_default();
        let position = match i {
            0 => json!("director"),
            i if i < odd => json!("member"),
            _ => Value::Null,
        };
        expect(
            app,
            token,
            "PUT",
            &format!("/api/v1/session-experts/{}/position", e["id"]),
            json!({"version": e["version"], "group_leader": led.insert(group), "committee_position": position}),
            200,
        )
        .await;
    }
}

async fn a_session_is_built_drawn_verified_and_started(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, session, group, application) = session_with_group(&app).await;
    let (_, committee, _) = online_review_application(&app).await;
    let city_emp = unit_of(&app, "city_emp_unit").await;
    let pool = add_pool(&app, committee, plain(5, city_emp, &["数学", "语文"])).await;
    intermediate_only(&app, committee).await;

    // The group shows its application's specialty; nothing is left unassigned.
    let d = detail(&app, &token, session).await;
    assert_eq!(d["groups"][0]["applications"][0]["id"], application);
    assert_eq!(
        d["groups"][0]["specialties"].as_array().map(Vec::len),
        Some(1)
    );
    let (s, open) = send(
        &app,
        &token,
        "GET",
        &format!("/api/v1/review-sessions/{session}/unassigned-applications"),
        json!({}),
    )
    .await;
    assert_eq!((s, open), (200, json!([])));

    set_needs(
        &app,
        &token,
        session,
        group,
        json!([{"specialty": "数学", "count": 3}, {"specialty": "语文", "count": 0}]),
    )
    .await;
    let (s, draws) = draw(&app, &token, session, None, None).await;
    assert_eq!(s, 201, "{draws}");
    let d0 = &record(&app, &token, &draws[0]).await;
    assert_eq!(d0["algorithm"], draw::ALGORITHM);
    assert_eq!(d0["seed"].as_str().map(str::len), Some(64));
    assert_eq!(d0["candidates"], json!(pool));
    assert_eq!(d0["result"].as_array().map(Vec::len), Some(3));
    assert!(verified(&app, &token, d0["id"].as_i64().expect("id")).await);
    assert_eq!(audit_rows(&app, "session.draw", session).await, 1);

    // Start needs the positions first.
    let v = session_version(&app, &token, session).await;
    let (s, body) = send(
        &app,
        &token,
        "POST",
        &format!("/api/v1/review-sessions/{session}/start"),
        json!({"version": v}),
    )
    .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (409, Some("group_leader_missing")),
        "{body}"
    );
    appoint(&app, &token, session).await;
    let (s, body) = send(
        &app,
        &token,
        "PATCH",
        &format!("/api/v1/review-sessions/{session}"),
        json!({"version": v - 1, "blind_review": true}),
    )
    .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (409, Some("version_conflict")),
        "the draw bumped the version: {body}"
    );
    let v = session_version(&app, &token, session).await;
    let body = expect(
        &app,
        &token,
        "PATCH",
        &format!("/api/v1/review-sessions/{session}"),
        json!({"version": v, "blind_review": true, "defense": true}),
        200,
    )
    .await;
    assert_eq!(
        (body["blind_review"].as_bool(), body["defense"].as_bool()),
        (Some(true), Some(true))
    );
    let body = expect(
        &app,
        &token,
        "POST",
        &format!("/api/v1/review-sessions/{session}/start"),
        json!({"version": v + 1}),
        200,
    )
    .await;
    assert_eq!(body["status"], "reviewing");
    assert_eq!(audit_rows(&app, "session.start", session).await, 1);

    // Nothing of the setup changes any more.
    let v = v + 2;
    for (method, path, body) in [
        (
            "PATCH",
            format!("/api/v1/review-sessions/{session}"),
            json!({"version": v, "defense": false}),
        ),
        (
            "POST",
            format!("/api/v1/review-sessions/{session}/groups"),
            json!({"name": "第二组"}),
        ),
        (
            "POST",
            format!("/api/v1/review-sessions/{session}/draws"),
            json!({"version": v, "reason": "再抽"}),
        ),
        (
            "PUT",
            format!("/api/v1/review-groups/{group}/needs"),
            json!({"version": 99, "needs": []}),
        ),
        (
            "POST",
            format!("/api/v1/review-sessions/{session}/start"),
            json!({"version": v}),
        ),
    ] {
        let (s, b) = send(&app, &token, method, &path, body).await;
        assert_eq!(
            (s, b["code"].as_str()),
            (409, Some("session_not_in_setup")),
            "{method} {path}: {b}"
        );
    }
}

async fn recusal_follows_the_unit_tree_and_declared_conflicts(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, session, group, application) = session_with_group(&app).await;
    let (_, committee, _) = online_review_application(&app).await;
    let county_emp = unit_of(&app, "county_emp_unit").await;
    let county_dept = unit_of(&app, "county_dept_unit").await;
    let county_hrss = unit_of(&app, "county_hrss_unit").await;
    let city_emp = unit_of(&app, "city_emp_unit").await;
    let prov_emp = unit_of(&app, "prov_emp_unit").await;
    // A second applicant whose employer is the county department: its subtree (the county
    // school) is recused for it.
    let dept_applicant =
        clone_application(&app, application, county_dept, "数学", "520121199001019999").await;
    let v = group_version(&app, &token, session, group).await;
    expect(
        &app,
        &token,
        "POST",
        &format!("/api/v1/review-groups/{group}/applications"),
        json!({"version": v, "application_ids": [dept_applicant]}),
        200,
    )
    .await;
    let applicant_person = app
        .db
        .run(move |conn| {
            Ok(applications::table
                .find(application)
                .select(applications::id_number)
                .first::<String>(conn)?)
        })
        .await
        .expect("id number");
    let e = |name: &str, employer: i64| PoolExpert {
        name: name.to_owned(),
        employer,
        specialties: vec!["数学".to_owned()],
        ..PoolExpert::default()
    };
    let ids = add_pool(
        &app,
        committee,
        vec![
            e("同单位", county_emp),
            PoolExpert {
                conflict_units: vec![county_hrss],
                ..e("回避单位", prov_emp)
            },
            PoolExpert {
                conflict_persons: vec![applicant_person.to_lowercase()],
                ..e("回避人员", city_emp)
            },
            e("上级部门", county_dept),
            e("市学校", city_emp),
            e("省学校", prov_emp),
            e("市学校二", city_emp),
            PoolExpert {
                status: Some("suspended"),
                ..e("暂停", city_emp)
            },
            PoolExpert {
                term: Some((
                    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default(),
                    NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default(),
                )),
                ..e("过期", city_emp)
            },
        ],
    )
    .await;
    set_needs(
        &app,
        &token,
        session,
        group,
        json!([{"specialty": "数学", "count": 3}]),
    )
    .await;
    let (s, draws) = draw(&app, &token, session, Some(group), None).await;
    assert_eq!(s, 201, "{draws}");
    let d = &record(&app, &token, &draws[0]).await;
    // Suspended and expired pool members are no candidates at all.
    assert_eq!(d["candidates"], json!(ids[..7].to_vec()));
    let reasons: BTreeMap<i64, String> = d["exclusions"]
        .as_array()
        .expect("exclusions")
        .iter()
        .map(|x| {
            (
                x["expert_id"].as_i64().unwrap_or_default(),
                x["reason"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        reasons,
        BTreeMap::from([
            (ids[0], "employer".to_owned()),
            (ids[1], "conflict_unit".to_owned()),
            (ids[2], "conflict_person".to_owned()),
            (ids[3], "employer".to_owned()),
        ]),
        "the county department is the second applicant's employer: {d}"
    );
    let chosen: BTreeSet<i64> = d["result"]
        .as_array()
        .expect("result")
        .iter()
        .filter_map(|p| p["expert_id"].as_i64())
        .collect();
    assert_eq!(chosen, BTreeSet::from([ids[4], ids[5], ids[6]]));
    // The record names every expert it excluded or drew, with the employer.
    let named: BTreeSet<i64> = d["names"]
        .as_array()
        .expect("names")
        .iter()
        .filter(|n| n["name"].as_str().is_some_and(|x| !x.is_empty()))
        .filter(|n| n["employer"].as_str().is_some_and(|x| !x.is_empty()))
        .filter_map(|n| n["expert_id"].as_i64())
        .collect();
    assert_eq!(
        named,
        ids[..7].iter().copied().collect::<BTreeSet<i64>>(),
        "{d}"
    );
    assert!(verified(&app, &token, d["id"].as_i64().expect("id")).await);

    // One more needed than eligible: a shortfall naming group, specialty, needed and found.
    set_needs(
        &app,
        &token,
        session,
        group,
        json!([{"specialty": "数学", "count": 4}]),
    )
    .await;
    let (s, body) = draw(&app, &token, session, Some(group), Some("人数调整")).await;
    assert_eq!(
        (s, body["code"].as_str()),
        (409, Some("draw_shortfall")),
        "{body}"
    );
    let msg = body["message"].as_str().unwrap_or_default();
    assert!(
        msg.contains("第一组") && msg.contains("数学") && msg.contains('4') && msg.contains('3'),
        "{msg}"
    );
    // Nothing changed: the old draw is current and its experts serve.
    let dd = detail(&app, &token, session).await;
    assert_eq!(dd["draws"].as_array().map(Vec::len), Some(1));
    assert_eq!(experts_of(&dd, "active").len(), 3);
}

async fn a_redraw_needs_a_reason_and_keeps_the_old_draw_alternates_replace_decliners(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let (token, session, group, _) = session_with_group(&app).await;
    let (_, committee, _) = online_review_application(&app).await;
    let city_emp = unit_of(&app, "city_emp_unit").await;
    add_pool(&app, committee, plain(8, city_emp, &["数学"])).await;
    let (s, g2) = send(
        &app,
        &token,
        "POST",
        &format!("/api/v1/review-sessions/{session}/groups"),
        json!({"name": "第二组"}),
    )
    .await;
    assert_eq!(s, 201);
    let group2 = g2["id"].as_i64().expect("id");
    set_needs(
        &app,
        &token,
        session,
        group,
        json!([{"specialty": "数学", "count": 3}]),
    )
    .await;
    set_needs(
        &app,
        &token,
        session,
        group2,
        json!([{"specialty": "数学", "count": 3}]),
    )
    .await;
    let (s, first) = draw(&app, &token, session, None, None).await;
    assert_eq!(s, 201, "{first}");
    assert_eq!(first.as_array().map(Vec::len), Some(2));
    // Never an expert in two groups.
    let d = detail(&app, &token, session).await;
    let serving: Vec<i64> = experts_of(&d, "active")
        .iter()
        .filter_map(|e| e["expert_id"].as_i64())
        .collect();
    assert_eq!(serving.iter().collect::<BTreeSet<_>>().len(), 6);
    // The second group's draw records the first group's experts as `other_group`.
    let others = record(&app, &token, &first[1]).await["exclusions"]
        .as_array()
        .expect("exclusions")
        .iter()
        .filter(|x| x["reason"] == "other_group")
        .count();
    assert_eq!(others, 3, "{}", first[1]);

    // A re-draw without a reason changes nothing.
    for reason in [None, Some("  ")] {
        let (s, body) = draw(&app, &token, session, Some(group), reason).await;
        assert_eq!(
            (s, body["code"].as_str(), body["field"].as_str()),
            (422, Some("validation_failed"), Some("reason")),
            "{body}"
        );
    }
    let (s, again) = draw(&app, &token, session, Some(group), Some("专家临时出差")).await;
    assert_eq!(s, 201, "{again}");
    let new_id = again[0]["id"].as_i64().expect("id");
    let d = detail(&app, &token, session).await;
    let old = d["draws"]
        .as_array()
        .expect("draws")
        .iter()
        .find(|x| x["id"] == first[0]["id"])
        .cloned()
        .expect("old kept");
    assert_eq!(old["superseded_by"].as_i64(), Some(new_id));
    assert_eq!(again[0]["reason"], "专家临时出差");
    assert_eq!(audit_rows(&app, "session.redraw", session).await, 1);
    for x in d["draws"].as_array().expect("draws") {
        assert!(verified(&app, &token, x["id"].as_i64().expect("id")).await);
    }
    // The detail lists summaries; the record has every draw in full, in the same order, and
    // the summaries' counts, picks and names are the record's.
    let all = get_ok(
        &app,
        &token,
        &format!("/api/v1/review-sessions/{session}/draws"),
    )
    .await;
    let (summaries, full) = (
        d["draws"].as_array().expect("summaries"),
        all.as_array().expect("record"),
    );
    assert_eq!(summaries.len(), full.len());
    assert!(summaries.len() >= 3, "two groups drawn, one re-drawn: {d}");
    for (s, f) in summaries.iter().zip(full) {
        assert_eq!(s["id"], f["id"]);
        assert!(
            s.get("candidates").is_none() && s.get("exclusions").is_none(),
            "{s}"
        );
        let len = |v: &Value| v.as_array().and_then(|a| u64::try_from(a.len()).ok());
        assert_eq!(s["candidate_count"].as_u64(), len(&f["candidates"]), "{f}");
        assert_eq!(s["exclusion_count"].as_u64(), len(&f["exclusions"]), "{f}");
        for key in [
            "result",
            "reason",
            "superseded_by",
            "group_name",
            "seed",
            "drawn_by",
            "drawn_at",
        ] {
            assert_eq!(s[key], f[key], "{key}");
        }
        let drawn: BTreeSet<i64> = f["result"]
            .as_array()
            .expect("result")
            .iter()
            .filter_map(|p| p["expert_id"].as_i64())
            .collect();
        let named: BTreeSet<i64> = s["names"]
            .as_array()
            .expect("names")
            .iter()
            .filter_map(|n| n["expert_id"].as_i64())
            .collect();
        assert_eq!(named, drawn, "the summary names the drawn experts");
    }
    // The re-drawn group avoided the second group's experts.
    let g2_experts: BTreeSet<i64> = experts_of(&d, "active")
        .iter()
        .filter(|e| e["group_id"].as_i64() == Some(group2))
        .filter_map(|e| e["expert_id"].as_i64())
        .collect();
    assert!(again[0]["result"]
        .as_array()
        .expect("result")
        .iter()
        .all(|p| !g2_experts.contains(&p["expert_id"].as_i64().unwrap_or_default())));

    // The record is written once, also for somebody with the database: its inputs, seed,
    // result and reason cannot be changed, no draw can be deleted, and the superseded draw
    // still verifies. Only `superseded_by` is ever set.
    let old_id = first[0]["id"].as_i64().expect("id");
    for q in [
        format!("UPDATE draws SET candidates = '{{}}' WHERE id = {old_id}"),
        format!("UPDATE draws SET exclusions = '[]' WHERE id = {old_id}"),
        format!("UPDATE draws SET seed = '00' WHERE id = {old_id}"),
        format!("UPDATE draws SET result = '[]' WHERE id = {old_id}"),
        format!("UPDATE draws SET reason = 'x' WHERE id = {old_id}"),
        format!("DELETE FROM draws WHERE id = {old_id}"),
    ] {
        let refused = app
            .db
            .run(move |conn| Ok(exec(conn, &q).map_err(|e| e.to_string())))
            .await
            .expect("run");
        assert!(
            refused
                .as_ref()
                .is_err_and(|e| e.contains("written once and kept")),
            "{refused:?}"
        );
    }
    let q = format!("UPDATE draws SET superseded_by = {new_id} WHERE id = {old_id}");
    let set = app
        .db
        .run(move |conn| Ok(exec(conn, &q).map_err(|e| e.to_string())))
        .await
        .expect("run");
    assert_eq!(set, Ok(1));
    assert!(verified(&app, &token, old_id).await);

    // Alternates: 2 are left; 3 is a shortfall.
    let v = session_version(&app, &token, session).await;
    let (s, body) = send(
        &app,
        &token,
        "POST",
        &format!("/api/v1/review-groups/{group}/alternates"),
        json!({"version": v, "count": 3}),
    )
    .await;
    assert_eq!(
        (s, body["code"].as_str()),
        (409, Some("draw_shortfall")),
        "{body}"
    );
    let alt = expect(
        &app,
        &token,
        "POST",
        &format!("/api/v1/review-groups/{group}/alternates"),
        json!({"version": v, "count": 2}),
        201,
    )
    .await;
    assert_eq!(alt["kind"], "alternate");
    assert_eq!(record(&app, &token, &alt).await["kind"], "alternate");
    assert!(verified(&app, &token, alt["id"].as_i64().expect("id")).await);
    let first_alternate = alt["result"][0]["expert_id"].as_i64().expect("alternate");

    // A serving expert declines: the first alternate serves.
    let d = detail(&app, &token, session).await;
    let decliner = experts_of(&d, "active")
        .into_iter()
        .find(|e| e["group_id"].as_i64() == Some(group))
        .expect("serving");
    let url = format!("/api/v1/session-experts/{}/decline", decliner["id"]);
    let (s, body) = send(
        &app,
        &token,
        "POST",
        &url,
        json!({"version": decliner["version"], "reason": ""}),
    )
    .await;
    assert_eq!((s, body["code"].as_str()), (422, Some("validation_failed")));
    let body = expect(
        &app,
        &token,
        "POST",
        &url,
        json!({"version": decliner["version"], "reason": "身体原因"}),
        200,
    )
    .await;
    assert_eq!(body["status"], "declined");
    let d = detail(&app, &token, session).await;
    let now_serving: BTreeSet<i64> = experts_of(&d, "active")
        .iter()
        .filter(|e| e["group_id"].as_i64() == Some(group))
        .filter_map(|e| e["expert_id"].as_i64())
        .collect();
    assert!(now_serving.contains(&first_alternate), "{d}");
    assert_eq!(now_serving.len(), 3);
    assert_eq!(
        audit_rows(
            &app,
            "session.expert_decline",
            decliner["id"].as_i64().expect("id")
        )
        .await,
        1
    );
}

async fn the_start_checks_each_rule(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, session, group, _) = session_with_group(&app).await;
    let (_, committee, _) = online_review_application(&app).await;
    let city_emp = unit_of(&app, "city_emp_unit").await;
    add_pool(&app, committee, plain(6, city_emp, &["数学"])).await;
    intermediate_only(&app, committee).await;
    let start = |v: i64| {
        let app = &app;
        let token = token.clone();
        async move {
            let (s, b) = send(
                app,
                &token,
                "POST",
                &format!("/api/v1/review-sessions/{session}/start"),
                json!({"version": v}),
            )
            .await;
            (s, b["code"].as_str().unwrap_or_default().to_owned())
        }
    };
    // No experts at all.
    let v = session_version(&app, &token, session).await;
    assert_eq!(start(v).await, (409, "group_too_small".to_owned()));
    set_needs(
        &app,
        &token,
        session,
        group,
        json!([{"specialty": "数学", "count": 2}]),
    )
    .await;
    draw(&app, &token, session, None, None).await;
    let v = session_version(&app, &token, session).await;
    assert_eq!(start(v).await, (409, "group_too_small".to_owned()));
    set_needs(
        &app,
        &token,
        session,
        group,
        json!([{"specialty": "数学", "count": 4}]),
    )
    .await;
    let (s, _) = draw(&app, &token, session, None, Some("人数不足三人")).await;
    assert_eq!(s, 201);
    // Positions one by one: leader, then an even committee, then no director.
    let d = detail(&app, &token, session).await;
    let serving = experts_of(&d, "active");
    let put = |i: usize, leader: bool, pos: Value| {
        let e = serving[i].clone();
        let app = &app;
        let token = token.clone();
        async move {
            let (_, now) = send(
                app,
                &token,
                "GET",
                &format!("/api/v1/review-sessions/{session}"),
                json!({}),
            )
            .await;
            let version = now["experts"]
                .as_array()
                .and_then(|a| a.iter().find(|x| x["id"] == e["id"]).cloned())
                .expect("expert")["version"]
                .clone();
            expect(
                app,
                &token,
                "PUT",
                &format!("/api/v1/session-experts/{}/position", e["id"]),
                json!({"version": version, "group_leader": leader, "committee_position": pos}),
                200,
            )
            .await;
        }
    };
    let v = session_version(&app, &token, session).await;
    assert_eq!(start(v).await, (409, "group_leader_missing".to_owned()));
    put(0, true, json!("member")).await;
    put(1, true, json!("member")).await; // the new leader replaces the first
    let d = detail(&app, &token, session).await;
    assert_eq!(
        experts_of(&d, "active")
            .iter()
            .filter(|e| e["group_leader"] == true)
            .count(),
        1
    );
    assert_eq!(start(v).await, (409, "committee_size_even".to_owned()));
    put(2, false, json!("vice_director")).await;
    assert_eq!(start(v).await, (409, "director_required".to_owned()));
    put(2, false, json!("director")).await;
    // The committee is senior once its authority covers 正高级: 3 < 25 by series.
    app.db
        .run(move |conn| {
            diesel::update(
                review_authority_filings::table
                    .filter(review_authority_filings::committee_id.eq(committee)),
            )
            .set(review_authority_filings::levels.eq(r#"["intermediate","senior"]"#))
            .execute(conn)?;
            Ok(())
        })
        .await
        .expect("senior");
    assert_eq!(start(v).await, (409, "committee_too_small".to_owned()));
    // By specialty the minimum is 11; the administrator may lower it or switch the rule off.
    let admin = app.login_as("sysadmin").await.access_token;
    let (s, rules) = send(&app, &admin, "GET", "/api/v1/session-rules", json!({})).await;
    assert_eq!(
        (s, rules),
        (
            200,
            json!({"senior_size_rules": true, "senior_by_series_min": 25, "senior_by_specialty_min": 11})
        )
    );
    let (s, _) = send(&app, &token, "GET", "/api/v1/session-rules", json!({})).await;
    assert_eq!(s, 403);
    let (s, b) = send(
        &app,
        &admin,
        "PUT",
        "/api/v1/session-rules",
        json!({"senior_size_rules": true, "senior_by_series_min": 0, "senior_by_specialty_min": 3}),
    )
    .await;
    assert_eq!((s, b["code"].as_str()), (422, Some("validation_failed")));
    let (s, _) = send(&app, &admin, "PUT", "/api/v1/session-rules", json!({"senior_size_rules": true, "senior_by_series_min": 25, "senior_by_specialty_min": 3})).await;
    assert_eq!(s, 200);
    assert_eq!(
        start(v).await,
        (409, "committee_too_small".to_owned()),
        "formed by series still"
    );
    expect(
        &app,
        &token,
        "PATCH",
        &format!("/api/v1/review-sessions/{session}"),
        json!({"version": v, "formed_by": "specialty"}),
        200,
    )
    .await;
    // A change of the group's needs after the draw needs a re-draw first.
    set_needs(
        &app,
        &token,
        session,
        group,
        json!([{"specialty": "数学", "count": 4}, {"specialty": "语文", "count": 0}]),
    )
    .await;
    assert_eq!(start(v + 1).await, (409, "draw_outdated".to_owned()));
    set_needs(
        &app,
        &token,
        session,
        group,
        json!([{"specialty": "数学", "count": 4}]),
    )
    .await;
    let (s, b) = start(v + 1).await;
    assert_eq!(s, 200, "{b}");
}

async fn who_sees_a_session(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, session, group, _) = session_with_group(&app).await;
    let (_, committee, _) = online_review_application(&app).await;
    let city_emp = unit_of(&app, "city_emp_unit").await;
    let expert_account = crate::org::account_id(&app, "expert_demo").await;
    let mut list = plain(3, city_emp, &["数学"]);
    list[0].account = Some(expert_account);
    add_pool(&app, committee, list).await;
    set_needs(
        &app,
        &token,
        session,
        group,
        json!([{"specialty": "数学", "count": 3}]),
    )
    .await;
    let (s, draws) = draw(&app, &token, session, None, None).await;
    assert_eq!(s, 201);
    let draw_id = draws[0]["id"].as_i64().expect("id");
    // The unit side lists this session and the demo's own (backend::demo_session); the expert
    // serves in this one only.
    for (caller, get, list_len, draw_get, change) in [
        (ORGANISER, 200, 2, 200, 200),
        ("city_hrss_unit", 200, 2, 200, 403),
        ("prov_hrss_unit", 200, 2, 200, 403),
        ("county_dept_unit", 403, 0, 403, 403),
        ("county_emp_unit", 403, 0, 403, 403),
        ("expert_demo", 200, 1, 404, 403),
        ("520121199001011239", 403, 0, 403, 403),
        ("sysadmin", 403, 0, 403, 403),
    ] {
        let t = app.login_as(caller).await.access_token;
        let (s, d) = send(
            &app,
            &t,
            "GET",
            &format!("/api/v1/review-sessions/{session}"),
            json!({}),
        )
        .await;
        assert_eq!(s, get, "{caller} GET: {d}");
        if caller == "expert_demo" {
            assert_eq!(d["limited"], true);
            assert_eq!(d["draws"], json!([]));
            assert_eq!(d["experts"].as_array().map(Vec::len), Some(1));
        }
        let (s, l) = send(&app, &t, "GET", "/api/v1/review-sessions", json!({})).await;
        if list_len > 0 {
            assert_eq!(
                (s, l["total"].as_i64()),
                (200, Some(list_len)),
                "{caller} list"
            );
        } else {
            assert_eq!(s, 403, "{caller} list");
        }
        let (s, _) = send(
            &app,
            &t,
            "GET",
            &format!("/api/v1/draws/{draw_id}/verify"),
            json!({}),
        )
        .await;
        assert_eq!(s, draw_get, "{caller} verify");
        let v = session_version(&app, &token, session).await;
        let (s, b) = send(
            &app,
            &t,
            "PATCH",
            &format!("/api/v1/review-sessions/{session}"),
            json!({"version": v}),
        )
        .await;
        assert_eq!(s, change, "{caller} PATCH: {b}");
    }
    // A sibling HRSS's organiser cannot see it: the city HRSS creates its own committee's
    // session, which the county HRSS (below) does not see.
    get_ok(&app, &token, "/api/v1/review-sessions/export").await;
}

/// A small deterministic generator for the property test's cases (not the draw's stream).
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const PATHS: [&str; 8] = [
    "/1/", "/1/2/", "/1/2/3/", "/1/2/4/", "/1/5/", "/1/5/6/", "/1/5/7/", "/1/8/",
];
const SPECS: [&str; 4] = ["A", "B", "C", "D"];

/// Random pools, groups, needs, employers and conflicts: every draw of a session (groups in
/// order, each taking the earlier groups' experts) either meets every need or is a shortfall
/// that is real, never puts an expert in two groups, never picks a recused one, and re-runs
/// to the same outcome.
#[test]
fn property_the_draw_never_breaks_a_rule_and_always_reproduces() {
    let mut g = Gen(0x9e37_79b9_7f4a_7c15);
    let mut shortfalls = 0;
    for case in 0..400 {
        let n = 1 + g.below(40) as i64;
        let candidates: Vec<Candidate> = (1..=n)
            .map(|id| {
                let mut specialties: Vec<String> = SPECS
                    .iter()
                    .filter(|_| g.below(2) == 0)
                    .map(|s| (*s).to_owned())
                    .collect();
                if specialties.is_empty() {
                    specialties.push(SPECS[g.below(4) as usize].to_owned());
                }
                Candidate {
                    expert_id: id * 3,
                    specialties,
                    employer_path: PATHS[g.below(8) as usize].to_owned(),
                    employer_is_employing_unit: g.below(2) == 0,
                    conflict_units: (0..g.below(2))
                        .map(|_| PATHS[g.below(8) as usize].to_owned())
                        .collect(),
                    conflict_persons: (0..g.below(2))
                        .map(|_| draw::person_hash(&format!("P{}", g.below(10))))
                        .collect(),
                }
            })
            .collect();
        let groups = 1 + g.below(4);
        let mut taken = BTreeSet::new();
        for group in 0..groups {
            let applicants: Vec<Applicant> = (0..1 + g.below(3))
                .map(|a| Applicant {
                    application_id: (group * 10 + a) as i64,
                    employer_path: PATHS[g.below(8) as usize].to_owned(),
                    person: draw::person_hash(&format!("P{}", g.below(10))),
                })
                .collect();
            let mut needs: BTreeMap<String, i32> = BTreeMap::new();
            for s in SPECS {
                if g.below(2) == 0 {
                    needs.insert(s.to_owned(), g.below(4) as i32);
                }
            }
            let wanted: Vec<&String> = needs
                .iter()
                .filter(|(_, c)| **c > 0)
                .map(|(s, _)| s)
                .collect();
            let input = DrawInput {
                kind: if g.below(5) == 0 {
                    DrawKind::Alternate
                } else {
                    DrawKind::Main
                },
                group_id: group as i64,
                needs: needs.clone(),
                alternates: g.below(4) as i32,
                applicants: applicants.clone(),
                taken: taken.clone(),
                candidates: candidates
                    .iter()
                    .filter(|c| wanted.iter().any(|s| c.specialties.contains(s)))
                    .cloned()
                    .collect(),
            };
            let mut seed = [0_u8; 32];
            for b in &mut seed {
                *b = g.below(256) as u8;
            }
            let recused = |c: &Candidate| {
                applicants.iter().any(|a| {
                    c.employer_path.starts_with(&a.employer_path)
                        || (c.employer_is_employing_unit
                            && a.employer_path.starts_with(&c.employer_path))
                        || c.conflict_units
                            .iter()
                            .any(|u| a.employer_path.starts_with(u.as_str()))
                        || c.conflict_persons.contains(&a.person)
                })
            };
            let eligible: Vec<&Candidate> = input
                .candidates
                .iter()
                .filter(|c| !taken.contains(&c.expert_id) && !recused(c))
                .collect();
            match draw::run(&input, seed) {
                Ok(out) => {
                    assert_eq!(
                        draw::run(&input, seed),
                        Ok(out.clone()),
                        "case {case}: reproduces"
                    );
                    let picked: Vec<i64> = out.result.iter().map(|p| p.expert_id).collect();
                    let distinct: BTreeSet<i64> = picked.iter().copied().collect();
                    assert_eq!(distinct.len(), picked.len(), "case {case}: distinct");
                    for p in &picked {
                        assert!(!taken.contains(p), "case {case}: {p} in two groups");
                        let c = candidates
                            .iter()
                            .find(|c| c.expert_id == *p)
                            .expect("a candidate");
                        assert!(!recused(c), "case {case}: {p} is recused");
                    }
                    // Every excluded candidate is recorded, and only those.
                    let excluded: BTreeSet<i64> =
                        out.exclusions.iter().map(|x| x.expert_id).collect();
                    let expected: BTreeSet<i64> = input
                        .candidates
                        .iter()
                        .filter(|c| taken.contains(&c.expert_id) || recused(c))
                        .map(|c| c.expert_id)
                        .collect();
                    assert_eq!(excluded, expected, "case {case}: exclusions");
                    match input.kind {
                        DrawKind::Main => {
                            for (s, need) in &needs {
                                let covering =
                                    out.result.iter().filter(|p| p.covers.contains(s)).count()
                                        as i32;
                                assert!(
                                    covering >= *need,
                                    "case {case}: {s} needs {need}, has {covering}"
                                );
                            }
                        }
                        DrawKind::Alternate => {
                            assert_eq!(picked.len() as i32, input.alternates, "case {case}")
                        }
                    }
                    taken.extend(picked);
                }
                Err(short) => {
                    shortfalls += 1;
                    assert_eq!(
                        draw::run(&input, seed).err(),
                        Some(short.clone()),
                        "case {case}"
                    );
                    assert!(short.found < short.needed, "case {case}: {short:?}");
                    match (&short.specialty, input.kind) {
                        // `found` is every eligible holder of the specialty (those chosen for
                        // an earlier specialty count toward it too).
                        (Some(s), DrawKind::Main) => {
                            let holders = eligible
                                .iter()
                                .filter(|c| c.specialties.contains(s))
                                .count() as i32;
                            assert_eq!(short.found, holders, "case {case}: {short:?}");
                        }
                        (None, DrawKind::Alternate) => {
                            assert_eq!(short.found, eligible.len() as i32, "case {case}")
                        }
                        other => panic!("case {case}: unexpected shortfall {other:?}"),
                    }
                }
            }
        }
    }
    assert!(
        shortfalls > 10 && shortfalls < 1000,
        "the cases cover both outcomes: {shortfalls}"
    );
}

/// A few random pools through the API on both engines: every draw verifies, no expert serves
/// in two groups, and none works at an applicant's employer.
async fn random_pools_through_the_api_verify(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, session, group, application) = session_with_group(&app).await;
    let (_, committee, _) = online_review_application(&app).await;
    let units_list = [
        unit_of(&app, "county_emp_unit").await,
        unit_of(&app, "city_emp_unit").await,
        unit_of(&app, "prov_emp_unit").await,
        unit_of(&app, "county_dept_unit").await,
    ];
    let mut g = Gen(42 + u64::from(backend == Backend::Postgres));
    let pool: Vec<PoolExpert> = (0..40)
        .map(|i| PoolExpert {
            name: format!("随机{i}"),
            employer: units_list[g.below(4) as usize],
            specialties: SPECS
                .iter()
                .filter(|_| g.below(2) == 0)
                .map(|s| (*s).to_owned())
                .chain(std::iter::once("A".to_owned()))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
            ..PoolExpert::default()
        })
        .collect();
    let employers: BTreeMap<i64, i64> = add_pool(&app, committee, pool.clone())
        .await
        .into_iter()
        .zip(pool.iter().map(|p| p.employer))
        .collect();
    let second =
        clone_application(&app, application, units_list[1], "B", "520121199001018888").await;
    let (s, g2) = send(
        &app,
        &token,
        "POST",
        &format!("/api/v1/review-sessions/{session}/groups"),
        json!({"name": "第二组"}),
    )
    .await;
    assert_eq!(s, 201);
    let group2 = g2["id"].as_i64().expect("id");
    let (s, _) = send(
        &app,
        &token,
        "POST",
        &format!("/api/v1/review-groups/{group2}/applications"),
        json!({"version": g2["version"], "application_ids": [second]}),
    )
    .await;
    assert_eq!(s, 200);
    for round in 0..3 {
        set_needs(&app, &token, session, group, json!([{"specialty": "A", "count": 1 + g.below(3)}, {"specialty": SPECS[1 + g.below(3) as usize], "count": g.below(3)}])).await;
        set_needs(
            &app,
            &token,
            session,
            group2,
            json!([{"specialty": "A", "count": 1 + g.below(3)}]),
        )
        .await;
        let (s, draws) = draw(
            &app,
            &token,
            session,
            None,
            (round > 0).then_some("再抽一轮"),
        )
        .await;
        if s == 409 {
            assert_eq!(draws["code"], "draw_shortfall");
            continue;
        }
        assert_eq!(s, 201, "{draws}");
        let d = detail(&app, &token, session).await;
        let serving = experts_of(&d, "active");
        let ids: BTreeSet<i64> = serving
            .iter()
            .filter_map(|e| e["expert_id"].as_i64())
            .collect();
        assert_eq!(ids.len(), serving.len(), "never in two groups");
        for e in &serving {
            let employer = employers[&e["expert_id"].as_i64().unwrap_or_default()];
            let forbidden = if e["group_id"].as_i64() == Some(group) {
                units_list[0]
            } else {
                units_list[1]
            };
            assert_ne!(employer, forbidden, "recused expert drawn: {e}");
        }
        for x in draws.as_array().expect("draws") {
            assert!(verified(&app, &token, x["id"].as_i64().expect("id")).await);
        }
    }
}

db_tests!(
    a_session_is_built_drawn_verified_and_started,
    recusal_follows_the_unit_tree_and_declared_conflicts,
    a_redraw_needs_a_reason_and_keeps_the_old_draw_alternates_replace_decliners,
    the_start_checks_each_rule,
    who_sees_a_session,
    random_pools_through_the_api_verify
);
