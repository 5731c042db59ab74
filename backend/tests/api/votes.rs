//! Votes (issue 11, manual §6.2.10.6–§6.2.10.8): the group vote (reviews complete → open,
//! signed-in experts of the group vote once, the leader closes and the recommendation is
//! recorded); the committee's secret ballot (members only, signed in, once, not before the
//! open nor after the tally, no voter next to a choice anywhere); the tally (quorum and the
//! 2/3 pass mark at the bound and one below, applications moved with timeline and audit);
//! the vote sheet (JSON, XLSX, digest) and the tally results with their jurisdiction; and the
//! concurrency test: 35 members vote at once on 500 applicants.

use std::io::Cursor;

use backend::db::schema::{
    accounts, application_events, applications, audit_log, committee_ballots, committee_voted,
    committees, distributions, draws, expert_reviews, experts, group_applications,
    group_recommendations, review_groups, review_sessions, session_experts, units,
};
use calamine::{Reader, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::{json, Value};

use crate::{
    db_tests,
    helpers::{answer, expect, send, spawn_app, spawn_app_with, Backend, TestApp},
    online_review::{self as review, ORGANISER},
};

/// A session of the demo committee with one group (its vote closed unless `status` is
/// `reviewing`), `applicants` applications in `online_review` in that group, `members`
/// committee members (the first the director) of whom the first `signed_in` are signed in,
/// and one more expert of the group without a committee position (signed in).
pub struct Vx {
    pub session: i64,
    pub apps: Vec<i64>,
    /// (username, session_expert id) of the members, then the non-member last.
    pub members: Vec<(String, i64)>,
    pub outsider: (String, i64),
}

pub async fn fixture(
    app: &TestApp,
    members: usize,
    applicants: usize,
    signed_in: usize,
    status: &'static str,
) -> Vx {
    let stamp = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    app.db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let now = NaiveDateTime::default();
                let organiser: i64 = accounts::table
                    .filter(accounts::username.eq(backend::login_names::name(ORGANISER)))
                    .select(accounts::id)
                    .first(conn)?;
                let hash: String = accounts::table
                    .filter(accounts::username.eq(backend::login_names::name("expert_demo")))
                    .select(accounts::password_hash)
                    .first(conn)?;
                let committee: i64 = committees::table
                    .filter(committees::name.eq(backend::demo_workflow::COMMITTEE))
                    .select(committees::id)
                    .first(conn)?;
                let (school, school_path): (i64, String) = units::table
                    .filter(units::name.eq("示范县第一中学"))
                    .select((units::id, units::path))
                    .first(conn)?;
                let institute: i64 = units::table
                    .filter(units::name.eq("示范省电力设计研究院"))
                    .select(units::id)
                    .first(conn)?;
                let applicant: i64 = accounts::table
                    .filter(accounts::username.eq(backend::login_names::name(
                        backend::demo_workflow::applicant_id_number(0),
                    )))
                    .select(accounts::id)
                    .first(conn)?;
                let session: i64 = diesel::insert_into(review_sessions::table)
                    .values((
                        review_sessions::committee_id.eq(committee),
                        review_sessions::year.eq(2026),
                        review_sessions::name.eq(format!("2026年度评审会 {stamp}")),
                        review_sessions::session_date
                            .eq(NaiveDate::from_ymd_opt(2026, 12, 10).expect("day")),
                        review_sessions::status.eq(status),
                        review_sessions::blind_review.eq(false),
                        review_sessions::defense.eq(false),
                        review_sessions::created_by.eq(organiser),
                        review_sessions::created_at.eq(now),
                        review_sessions::updated_at.eq(now),
                    ))
                    .returning(review_sessions::id)
                    .get_result(conn)?;
                let draw: i64 = diesel::insert_into(draws::table)
                    .values((
                        draws::session_id.eq(session),
                        draws::kind.eq("main"),
                        draws::algorithm.eq("test-fixture"),
                        draws::seed.eq("00"),
                        draws::candidates.eq("[]"),
                        draws::exclusions.eq("[]"),
                        draws::result.eq("[]"),
                        draws::drawn_by.eq(organiser),
                        draws::drawn_at.eq(now),
                    ))
                    .returning(draws::id)
                    .get_result(conn)?;
                let closed = (status != "reviewing").then_some(now);
                let group: i64 = diesel::insert_into(review_groups::table)
                    .values((
                        review_groups::session_id.eq(session),
                        review_groups::name.eq("第一组"),
                        review_groups::sort.eq(0),
                        review_groups::review_started_at.eq(Some(now)),
                        review_groups::vote_opened_at.eq(closed),
                        review_groups::vote_closed_at.eq(closed),
                    ))
                    .returning(review_groups::id)
                    .get_result(conn)?;
                let mut apps = Vec::with_capacity(applicants);
                for i in 0..applicants {
                    let id: i64 = diesel::insert_into(applications::table)
                        .values((
                            applications::applicant_id.eq(applicant),
                            applications::employer_id.eq(school),
                            applications::employer_path.eq(&school_path),
                            applications::year.eq(2026),
                            applications::series.eq("school_teachers"),
                            applications::specialty.eq(if i % 2 == 0 {
                                "中学数学"
                            } else {
                                "中学语文"
                            }),
                            applications::level.eq("intermediate"),
                            applications::qualification.eq(format!("一级教师-{stamp}-{i}")),
                            applications::declaration_type.eq("normal"),
                            applications::name.eq(format!("申报人{i}")),
                            applications::id_number
                                .eq(backend::pii::Pii::new(format!("V{stamp}{i}"))),
                            applications::gender.eq("male"),
                            applications::birth_date
                                .eq(NaiveDate::from_ymd_opt(1988, 4, 1).expect("day")),
                            applications::education.eq("bachelor"),
                            applications::current_title.eq("二级教师"),
                            applications::years_of_service.eq(12),
                            applications::achievements.eq("教学业绩（测试）"),
                            applications::phone.eq("13800000000"),
                            applications::stage.eq("online_review"),
                            applications::holder_unit_id.eq(school),
                            applications::committee_id.eq(Some(committee)),
                            applications::created_at.eq(now),
                            applications::updated_at.eq(now),
                            applications::submitted_at.eq(Some(now)),
                        ))
                        .returning(applications::id)
                        .get_result(conn)?;
                    diesel::insert_into(group_applications::table)
                        .values((
                            group_applications::group_id.eq(group),
                            group_applications::session_id.eq(session),
                            group_applications::application_id.eq(id),
                        ))
                        .execute(conn)?;
                    apps.push(id);
                }
                let mut people = Vec::with_capacity(members + 1);
                for i in 0..=members {
                    let username = format!("vm{stamp}{i:02}");
                    let account: i64 = diesel::insert_into(accounts::table)
                        .values((
                            accounts::username.eq(backend::login_names::name(&username)),
                            accounts::display_name.eq(format!("委员{i}")),
                            accounts::kind.eq("expert"),
                            accounts::unit_id.eq(institute),
                            accounts::password_hash.eq(&hash),
                            accounts::must_change_password.eq(false),
                            accounts::created_at.eq(now),
                            accounts::updated_at.eq(now),
                        ))
                        .returning(accounts::id)
                        .get_result(conn)?;
                    let expert: i64 = diesel::insert_into(experts::table)
                        .values((
                            experts::id_number.eq(backend::pii::Pii::new(format!("{stamp}{i:04}"))),
                            experts::id_number_hash
                                .eq(Some(backend::pii::hash(&format!("{stamp}{i:04}")))),
                            experts::name.eq(format!("委员{i}")),
                            experts::gender.eq("male"),
                            experts::employer_id.eq(institute),
                            experts::title.eq("正高级教师"),
                            experts::title_level.eq("senior"),
                            experts::series.eq("school_teachers"),
                            experts::phone.eq("13900000000"),
                            experts::account_id.eq(Some(account)),
                            experts::created_by.eq(organiser),
                            experts::created_at.eq(now),
                            experts::updated_at.eq(now),
                        ))
                        .returning(experts::id)
                        .get_result(conn)?;
                    let position = match i {
                        0 => Some("director"),
                        i if i == members => None,
                        _ => Some("member"),
                    };
                    let signed = (i < signed_in || i == members).then_some(now);
                    let se: i64 = diesel::insert_into(session_experts::table)
                        .values((
                            session_experts::session_id.eq(session),
                            session_experts::expert_id.eq(expert),
                            session_experts::group_id.eq(Some(group)),
                            session_experts::draw_id.eq(draw),
                            session_experts::status.eq("active"),
                            session_experts::covers.eq("[\"中学数学\"]"),
                            session_experts::group_leader.eq(i == 0),
                            session_experts::committee_position.eq(position),
                            session_experts::signed_in_at.eq(signed),
                        ))
                        .returning(session_experts::id)
                        .get_result(conn)?;
                    people.push((username, se));
                }
                let outsider = people.pop().expect("the non-member");
                Ok(Vx {
                    session,
                    apps,
                    members: people,
                    outsider,
                })
            })
        })
        .await
        .expect("the vote fixture")
}

pub async fn session_version(app: &TestApp, session: i64) -> i64 {
    app.db
        .run(move |conn| {
            Ok(review_sessions::table
                .find(session)
                .select(review_sessions::version)
                .first::<i64>(conn)?)
        })
        .await
        .expect("version")
}

async fn session_status(app: &TestApp, session: i64) -> String {
    app.db
        .run(move |conn| {
            Ok(review_sessions::table
                .find(session)
                .select(review_sessions::status)
                .first::<String>(conn)?)
        })
        .await
        .expect("status")
}

async fn sign(app: &TestApp, se: i64, signed_in: bool) {
    app.db
        .run(move |conn| {
            let now = NaiveDateTime::default();
            if signed_in {
                diesel::update(session_experts::table.find(se))
                    .set((
                        session_experts::signed_in_at.eq(Some(now)),
                        session_experts::signed_out_at.eq(None::<NaiveDateTime>),
                    ))
                    .execute(conn)?;
            } else {
                diesel::update(session_experts::table.find(se))
                    .set(session_experts::signed_out_at.eq(Some(now)))
                    .execute(conn)?;
            }
            Ok(())
        })
        .await
        .expect("attendance");
}

fn votes(entries: &[(i64, &str)]) -> Value {
    json!({"votes": entries.iter().map(|(a, c)| json!({"application_id": a, "choice": c})).collect::<Vec<_>>()})
}

pub async fn ballots(
    app: &TestApp,
    token: &str,
    session: i64,
    body: &Value,
) -> (u16, String, Value) {
    answer(
        app.post_as(
            token,
            &format!("/api/v1/review-sessions/{session}/committee-vote/ballots"),
            body,
        )
        .await,
    )
    .await
}

pub async fn open_committee(app: &TestApp, token: &str, session: i64) -> (u16, String, Value) {
    let version = session_version(app, session).await;
    answer(
        app.post_as(
            token,
            &format!("/api/v1/review-sessions/{session}/committee-vote/open"),
            &json!({"version": version}),
        )
        .await,
    )
    .await
}

pub async fn tally(app: &TestApp, token: &str, session: i64) -> (u16, String, Value) {
    let version = session_version(app, session).await;
    answer(
        app.post_as(
            token,
            &format!("/api/v1/review-sessions/{session}/tally"),
            &json!({"version": version}),
        )
        .await,
    )
    .await
}

/// Secrecy: no object anywhere in `v` carries a choice, and no member's session-expert id,
/// username or account appears in it.
fn assert_secret(v: &Value, members: &[(String, i64)], what: &str) {
    fn walk(v: &Value, path: &str, f: &mut dyn FnMut(&str, &Value)) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    f(k, x);
                    walk(x, &format!("{path}.{k}"), f);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, path, f)),
            _ => {}
        }
    }
    let text = v.to_string();
    for (username, se) in members {
        assert!(
            !text.contains(username.as_str()),
            "{what} names {username}: {text}"
        );
        let mut id_seen = false;
        walk(v, "", &mut |k, x| {
            if matches!(
                k,
                "session_expert_id" | "expert_id" | "voter" | "account_id"
            ) && x.as_i64() == Some(*se)
            {
                id_seen = true;
            }
        });
        assert!(!id_seen, "{what} carries member {se}: {text}");
    }
    walk(v, "", &mut |k, _| {
        assert!(
            k != "choice" && k != "choices",
            "{what} carries a choice: {text}"
        );
    });
}

async fn committee_ballots_are_secret_once_only_and_in_person(backend: Backend) {
    let app = spawn_app(backend).await;
    let vx = fixture(&app, 5, 3, 4, "group_voting").await;
    let org = app.token(ORGANISER).await;
    let above = app.token(review::ABOVE).await;
    let mut t = Vec::new();
    for (u, _) in &vx.members {
        t.push(app.token(u).await);
    }
    let outsider = app.token(&vx.outsider.0).await;
    let [a0, a1, a2] = [vx.apps[0], vx.apps[1], vx.apps[2]];
    let all = votes(&[(a0, "agree"), (a1, "disagree"), (a2, "abstain")]);

    // Not before the organising unit opens it.
    assert_eq!(
        ballots(&app, &t[1], vx.session, &all).await.1,
        "committee_vote_not_open"
    );
    // Only the organising unit opens it; the HRSS above reads.
    assert_eq!(open_committee(&app, &above, vx.session).await.0, 403);
    let (status, code, body) = open_committee(&app, &org, vx.session).await;
    assert_eq!((status, code.as_str()), (200, ""), "{body}");
    assert_eq!(body["status"], "committee_voting");
    let told = crate::notices::kinds(&app, &t[1], "vote_opened").await;
    assert!(
        told.iter()
            .any(|n| n["path"] == format!("/online/sessions/{}/ballot", vx.session)),
        "{told:?}"
    );
    assert_eq!(body["committee_size"], 5);
    assert_eq!(body["members_signed_in"], 4);
    assert_eq!(body["quorum"], 4);
    assert_eq!(session_status(&app, vx.session).await, "committee_voting");
    assert_eq!(
        crate::helpers::audit_rows(&app, "vote.committee_open", vx.session).await,
        1
    );

    // Member 4 is not signed in; the non-member is; a unit account is no member.
    assert_eq!(
        ballots(&app, &t[4], vx.session, &all).await.1,
        "expert_not_signed_in"
    );
    let (s, c, _) = ballots(&app, &outsider, vx.session, &all).await;
    assert_eq!((s, c.as_str()), (403, "not_committee_member"));
    assert_eq!(ballots(&app, &org, vx.session, &all).await.0, 403);

    // Bad requests change nothing.
    for bad in [
        votes(&[]),
        votes(&[(a0, "agree"), (a0, "disagree")]),
        votes(&[(a0, "agree"), (i64::MAX, "agree")]),
    ] {
        let (s, c, _) = ballots(&app, &t[1], vx.session, &bad).await;
        assert_eq!((s, c.as_str()), (422, "ballot_invalid"), "{bad}");
    }
    let (s, _, _) = ballots(
        &app,
        &t[1],
        vx.session,
        &json!({"votes": [{"application_id": a0, "choice": "yes"}]}),
    )
    .await;
    assert_eq!(s, 422);

    // One member votes on all three: the answer says how many and on whom, never how.
    let (s, _, body) = ballots(&app, &t[1], vx.session, &all).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["cast"], 3);
    assert_secret(&body, &vx.members, "the cast answer");
    // Once only, and no change after casting.
    let (s, c, body) = ballots(&app, &t[1], vx.session, &votes(&[(a0, "disagree")])).await;
    assert_eq!((s, c.as_str()), (409, "vote_already_cast"));
    assert_secret(&body, &vx.members, "the refusal");
    // Two identical ballots at once: one is counted.
    let path = format!(
        "/api/v1/review-sessions/{}/committee-vote/ballots",
        vx.session
    );
    let racing = votes(&[(a0, "agree"), (a1, "agree"), (a2, "agree")]);
    let answers = crate::helpers::race(6, || app.post_owned(&t[2], &path, racing.clone())).await;
    let won = answers.iter().filter(|(s, _)| *s == 200).count();
    let lost = answers
        .iter()
        .filter(|(s, c)| *s == 409 && c == "vote_already_cast")
        .count();
    assert_eq!((won, lost), (1, 5), "{answers:?}");
    // The director votes too; members 3 (signed in) abstains from voting at all.
    assert_eq!(
        ballots(
            &app,
            &t[0],
            vx.session,
            &votes(&[(a0, "agree"), (a1, "agree")])
        )
        .await
        .0,
        200
    );

    // What the screens say: counts of ballots per applicant and the caller's own marks only.
    for (who, tok) in [("member", &t[1]), ("organiser", &org), ("above", &above)] {
        let (s, _, body) = answer(
            app.get_as(
                tok,
                &format!("/api/v1/review-sessions/{}/committee-vote", vx.session),
            )
            .await,
        )
        .await;
        assert_eq!(s, 200, "{who} {body}");
        assert_secret(&body, &vx.members, who);
        assert_eq!(body["applicants"][0]["votes_cast"], 3, "{who}");
        assert_eq!(body["applicants"][2]["votes_cast"], 2, "{who}");
        assert_eq!(body["applicants"][0]["i_voted"], who == "member", "{who}");
    }
    // The record: ballots carry no voter; who voted is kept apart, without the choice.
    let session = vx.session;
    let (ballot_count, voted_count) = app
        .db
        .run(move |conn| {
            let b: i64 = committee_ballots::table
                .filter(committee_ballots::session_id.eq(session))
                .count()
                .get_result(conn)?;
            let v: i64 = committee_voted::table
                .filter(committee_voted::session_id.eq(session))
                .count()
                .get_result(conn)?;
            Ok((b, v))
        })
        .await
        .expect("counts");
    assert_eq!((ballot_count, voted_count), (8, 8));
    let afters: Vec<Option<String>> = app
        .db
        .run(move |conn| {
            Ok(audit_log::table
                .filter(audit_log::action.eq("vote.committee_cast"))
                .filter(audit_log::target_id.eq(session.to_string()))
                .select(audit_log::after_data)
                .load(conn)?)
        })
        .await
        .expect("audit");
    assert_eq!(afters.len(), 3, "one audit row per accepted cast");
    for after in afters {
        let after = after.unwrap_or_default();
        for word in ["agree", "disagree", "abstain", "choice"] {
            assert!(
                !after.contains(word),
                "the audit row of a cast holds {word}: {after}"
            );
        }
    }

    // The tally: only the director or the organising unit.
    assert_eq!(tally(&app, &t[1], vx.session).await.0, 403);
    assert_eq!(tally(&app, &above, vx.session).await.0, 403);
    let (s, _, sheet) = tally(&app, &t[0], vx.session).await;
    assert_eq!(s, 200, "{sheet}");
    assert_secret(&sheet, &vx.members, "the vote sheet");
    // Attending: the 4 signed in. a0: 3 agree ≥ 2/3 × 4 (8/3) → passed; a1: 2 agree → not;
    // a2: 1 agree → not.
    assert_eq!(sheet["attending"], 4);
    assert_eq!(sheet["committee_size"], 5);
    assert_eq!(sheet["digest_verified"], true);
    assert_eq!(sheet["digest"].as_str().map(str::len), Some(64));
    assert_eq!(sheet["ballots"], 8);
    let rows = sheet["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0]["counts"],
        json!({"agree": 3, "disagree": 0, "abstain": 0})
    );
    assert_eq!(rows[0]["passed"], true);
    assert_eq!(
        rows[1]["counts"],
        json!({"agree": 2, "disagree": 1, "abstain": 0})
    );
    assert_eq!(rows[1]["passed"], false);
    assert_eq!(
        rows[2]["counts"],
        json!({"agree": 1, "disagree": 0, "abstain": 1})
    );
    assert_eq!(rows[2]["passed"], false);
    assert_eq!(session_status(&app, vx.session).await, "tallied");
    // The applications moved, each with its timeline event.
    let ids = vx.apps.clone();
    let moved: Vec<(i64, String, Option<bool>, i64)> = app
        .db
        .run(move |conn| {
            let mut out = Vec::new();
            for id in ids {
                let (stage, passed): (String, Option<bool>) = applications::table
                    .find(id)
                    .select((applications::stage, applications::review_passed))
                    .first(conn)?;
                let events: i64 = application_events::table
                    .filter(application_events::application_id.eq(id))
                    .filter(application_events::action.eq("session_tallied"))
                    .count()
                    .get_result(conn)?;
                out.push((id, stage, passed, events));
            }
            Ok(out)
        })
        .await
        .expect("applications");
    assert_eq!(
        moved,
        vec![
            (a0, "result_publicity".to_owned(), Some(true), 1),
            (a1, "failed".to_owned(), Some(false), 1),
            (a2, "failed".to_owned(), Some(false), 1),
        ]
    );
    assert_eq!(
        crate::helpers::audit_rows(&app, "vote.tally", vx.session).await,
        1
    );
    for id in vx.apps.clone() {
        assert_eq!(
            crate::helpers::audit_rows(&app, "application.action", id).await,
            1
        );
    }
    // After the tally: no ballot, no second tally.
    assert_eq!(
        ballots(&app, &t[3], vx.session, &votes(&[(a2, "agree")]))
            .await
            .1,
        "committee_vote_not_open"
    );
    assert_eq!(
        tally(&app, &org, vx.session).await.1,
        "committee_vote_not_open"
    );

    // The sheet reads the same for the unit side; the non-member and other units do not see it.
    let sheet_path = format!("/api/v1/review-sessions/{}/vote-sheet", vx.session);
    for tok in [&org, &above, &t[2]] {
        let (s, _, again) = answer(app.get_as(tok, &sheet_path).await).await;
        assert_eq!(s, 200);
        assert_eq!(again["rows"], sheet["rows"]);
        assert_secret(&again, &vx.members, "the sheet read");
    }
    assert_eq!(app.get_as(&outsider, &sheet_path).await.status(), 403);
    let sibling = app.token("city_dept_unit").await;
    assert_eq!(app.get_as(&sibling, &sheet_path).await.status(), 403);

    // The XLSX: the meeting's facts, the rows and the digest.
    let res = app.get_as(&org, &format!("{sheet_path}/export")).await;
    assert_eq!(res.status(), 200);
    let bytes = res.bytes().await.expect("body").to_vec();
    let text = xlsx_text(bytes);
    assert!(
        text.iter().any(|r| r[0] == "出席委员" && r[1] == "4"),
        "{text:?}"
    );
    assert!(
        text.iter().any(|r| r[0] == "法定出席人数" && r[1] == "4"),
        "{text:?}"
    );
    let digest = sheet["digest"].as_str().expect("digest");
    assert!(text.iter().any(|r| r[1] == digest), "{text:?}");
    let row0 = text.iter().find(|r| r[1] == "申报人0").expect("row 0");
    assert_eq!(&row0[7..12], &["3", "0", "0", "4", "通过"]);
    let row1 = text.iter().find(|r| r[1] == "申报人1").expect("row 1");
    assert_eq!(&row1[7..12], &["2", "1", "0", "4", "未通过"]);
    for r in &text {
        for (u, _) in &vx.members {
            assert!(
                !r.iter().any(|c| c.contains(u.as_str())),
                "the export names {u}"
            );
        }
    }

    // Tally results: the organiser and the HRSS above; filters; nobody else.
    let sid = vx.session;
    let list = |tok: String, q: String| {
        let app = &app;
        async move {
            answer(
                app.get_as(&tok, &format!("/api/v1/tally-results?session_id={sid}{q}"))
                    .await,
            )
            .await
        }
    };
    let (s, _, page) = list(org.clone(), String::new()).await;
    assert_eq!(s, 200, "{page}");
    assert_eq!(page["total"], 3);
    assert_eq!(
        list(org.clone(), "&result=passed".into()).await.2["total"],
        1
    );
    assert_eq!(
        list(org.clone(), "&result=failed".into()).await.2["total"],
        2
    );
    assert_eq!(
        list(
            org.clone(),
            "&specialty=%E4%B8%AD%E5%AD%A6%E8%AF%AD%E6%96%87".into()
        )
        .await
        .2["total"],
        1
    );
    assert_eq!(list(org.clone(), "&year=2025".into()).await.2["total"], 0);
    assert_eq!(list(above.clone(), String::new()).await.2["total"], 3);
    let prov = app.token("prov_hrss_unit").await;
    assert_eq!(list(prov, String::new()).await.2["total"], 3);
    // A county HRSS of another branch would see none; a department has no module.
    assert_eq!(list(sibling.clone(), String::new()).await.0, 403);
    assert_eq!(list(t[0].clone(), String::new()).await.0, 403);
    let res = app
        .get_as(
            &org,
            &format!("/api/v1/tally-results/export?session_id={}", vx.session),
        )
        .await;
    assert_eq!(res.status(), 200);
    let text = xlsx_text(res.bytes().await.expect("body").to_vec());
    assert_eq!(text.len(), 4, "header and three rows");
}

fn xlsx_text(bytes: Vec<u8>) -> Vec<Vec<String>> {
    let mut book = Xlsx::new(Cursor::new(bytes)).expect("an XLSX workbook");
    let range = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    range
        .rows()
        .map(|row| row.iter().map(crate::helpers::cell_text).collect())
        .collect()
}

/// Quorum and pass mark at the bound and one below (7 members: quorum ⌈14/3⌉ = 5).
async fn the_tally_honours_quorum_and_the_two_thirds_bound(backend: Backend) {
    let app = spawn_app(backend).await;
    let vx = fixture(&app, 7, 2, 4, "committee_voting").await;
    let org = app.token(ORGANISER).await;
    // 4 of 7 attend: 4 × 3 = 12 < 14 → no valid meeting; nothing changes.
    let (s, c, _) = tally(&app, &org, vx.session).await;
    assert_eq!((s, c.as_str()), (409, "quorum_not_met"));
    assert_eq!(session_status(&app, vx.session).await, "committee_voting");
    // 5 of 7 attend (15 ≥ 14, the bound is 4.67): valid. 6 attend for the pass mark test.
    sign(&app, vx.members[4].1, true).await;
    sign(&app, vx.members[5].1, true).await;
    let mut t = Vec::new();
    for (u, _) in &vx.members {
        t.push(app.token(u).await);
    }
    let [a0, a1] = [vx.apps[0], vx.apps[1]];
    // a0: 4 agree of 6 attending = exactly 2/3 → passed. a1: 3 agree, 3 abstain → not.
    for (i, tok) in t.iter().take(6).enumerate() {
        let c0 = if i < 4 { "agree" } else { "disagree" };
        let c1 = if i < 3 { "agree" } else { "abstain" };
        let (s, _, body) = ballots(&app, tok, vx.session, &votes(&[(a0, c0), (a1, c1)])).await;
        assert_eq!(s, 200, "{body}");
    }
    // A member who voted and then signed out still attended the vote.
    sign(&app, vx.members[5].1, false).await;
    let (s, _, sheet) = tally(&app, &org, vx.session).await;
    assert_eq!(s, 200, "{sheet}");
    assert_eq!(sheet["attending"], 6);
    assert_eq!(sheet["quorum"], 5);
    assert_eq!(sheet["rows"][0]["passed"], true);
    assert_eq!(sheet["rows"][1]["passed"], false);
    assert_eq!(sheet["rows"][1]["counts"]["abstain"], 3);
}

/// The quorum's bound exactly: 3 members, 2 attend (2 × 3 = 6 ≥ 6) → valid; 1 → not.
async fn quorum_at_exactly_two_thirds(backend: Backend) {
    let app = spawn_app(backend).await;
    let vx = fixture(&app, 3, 1, 1, "committee_voting").await;
    let org = app.token(ORGANISER).await;
    assert_eq!(tally(&app, &org, vx.session).await.1, "quorum_not_met");
    sign(&app, vx.members[1].1, true).await;
    let (s, _, sheet) = tally(&app, &org, vx.session).await;
    assert_eq!(s, 200, "{sheet}");
    assert_eq!(sheet["attending"], 2);
    // No ballots: 0 agree of 2 → not passed, the applicant fails.
    assert_eq!(sheet["rows"][0]["passed"], false);
}

/// The `vote_rules.update` audit rows of the setting: before, after and actor, oldest first.
async fn vote_rules_audit(app: &TestApp) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    app.db
        .run(|conn| {
            Ok(audit_log::table
                .filter(audit_log::action.eq("vote_rules.update"))
                .filter(audit_log::target_type.eq("setting"))
                .filter(audit_log::target_id.eq("vote_rules"))
                .order(audit_log::id.asc())
                .select((
                    audit_log::before_data,
                    audit_log::after_data,
                    audit_log::actor_name,
                ))
                .load(conn)?)
        })
        .await
        .expect("audit rows")
}

fn rules(quorum_num: u32, quorum_den: u32, pass_num: u32, pass_den: u32) -> Value {
    json!({"quorum_num": quorum_num, "quorum_den": quorum_den, "pass_num": pass_num, "pass_den": pass_den})
}

/// `GET/PUT /api/v1/vote-rules`: the defaults (2/3, 2/3); only the system administrator reads
/// and changes them; bad bodies are refused and change nothing; the change to a 3/4 quorum and
/// a 1/2 pass mark is audited with before and after, and the next tally applies it at the
/// bound and one below, while a session tallied before keeps its 2/3.
async fn the_administrator_changes_the_vote_rules_and_the_next_tally_applies_them(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let admin = app.token("sysadmin").await;
    let org = app.token(ORGANISER).await;
    let path = "/api/v1/vote-rules";
    assert_eq!(
        send(&app, &admin, "GET", path, Value::Null).await,
        (200, rules(2, 3, 2, 3))
    );
    // A session tallied under the defaults: 3 members, 2 attend (2 × 3 ≥ 3 × 2).
    let earlier = fixture(&app, 3, 1, 2, "committee_voting").await;
    let (s, _, sheet) = tally(&app, &org, earlier.session).await;
    assert_eq!((s, &sheet["rules"]), (200, &rules(2, 3, 2, 3)), "{sheet}");

    // Nobody else reads or changes them.
    for who in [
        ORGANISER,
        "secadmin",
        "auditor",
        earlier.members[0].0.as_str(),
    ] {
        let token = app.token(who).await;
        for (method, body) in [("GET", Value::Null), ("PUT", rules(1, 2, 1, 2))] {
            let (s, b) = send(&app, &token, method, path, body).await;
            assert_eq!(
                (s, b["code"].as_str()),
                (403, Some("forbidden")),
                "{who} {method}"
            );
            assert!(
                b["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("表决规则")),
                "{who}: {b}"
            );
        }
    }
    // Bad bodies: 422 naming the field and the bounds, nothing stored or audited.
    let mut missing = rules(2, 3, 2, 3);
    missing.as_object_mut().map(|o| o.remove("pass_den"));
    let mut unknown = rules(2, 3, 2, 3);
    unknown["pass_mark"] = json!(2);
    let cases = [
        (
            rules(2, 3, 2, 0),
            "validation_failed",
            "pass_den",
            "1 至 100",
        ),
        (
            rules(2, 0, 2, 3),
            "validation_failed",
            "quorum_den",
            "1 至 100",
        ),
        (
            rules(2, 3, 1, 101),
            "validation_failed",
            "pass_den",
            "1 至 100",
        ),
        (
            rules(2, 3, 4, 3),
            "validation_failed",
            "pass_num",
            "1 至分母 3",
        ),
        (
            rules(0, 3, 2, 3),
            "validation_failed",
            "quorum_num",
            "1 至分母 3",
        ),
        (missing, "invalid_body", "pass_den", ""),
        (unknown, "invalid_body", "pass_mark", ""),
        (
            json!({"quorum_num": -1, "quorum_den": 3, "pass_num": 2, "pass_den": 3}),
            "invalid_body",
            "",
            "",
        ),
    ];
    for (body, code, field, bounds) in cases {
        let (s, b) = send(&app, &admin, "PUT", path, body.clone()).await;
        assert_eq!((s, b["code"].as_str()), (422, Some(code)), "{body}: {b}");
        let message = b["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(field) && message.contains(bounds),
            "{body}: {b}"
        );
        if code == "validation_failed" {
            assert_eq!(b["field"], field, "{b}");
        }
    }
    assert_eq!(
        send(&app, &admin, "GET", path, Value::Null).await,
        (200, rules(2, 3, 2, 3)),
        "nothing was stored"
    );
    assert!(vote_rules_audit(&app).await.is_empty());

    // The change: a quorum of 3/4 and a pass mark of 1/2, audited with before and after.
    assert_eq!(
        send(&app, &admin, "PUT", path, rules(3, 4, 1, 2)).await,
        (200, rules(3, 4, 1, 2))
    );
    assert_eq!(
        send(&app, &admin, "GET", path, Value::Null).await,
        (200, rules(3, 4, 1, 2))
    );
    let audit = vote_rules_audit(&app).await;
    assert_eq!(audit.len(), 1);
    let json_of = |text: &Option<String>| -> Value {
        serde_json::from_str(text.as_deref().unwrap_or("null")).expect("audit JSON")
    };
    assert_eq!(json_of(&audit[0].0), rules(2, 3, 2, 3), "before");
    assert_eq!(json_of(&audit[0].1), rules(3, 4, 1, 2), "after");
    assert_eq!(audit[0].2.as_deref(), Some("sysadmin"));

    // 9 members: the quorum is now ⌈27/4⌉ = 7, so 6 attending (enough under 2/3) is no meeting.
    let vx = fixture(&app, 9, 2, 6, "committee_voting").await;
    let (s, c, b) = tally(&app, &org, vx.session).await;
    assert_eq!((s, c.as_str()), (409, "quorum_not_met"), "{b}");
    sign(&app, vx.members[6].1, true).await;
    // 7 attend: the pass mark is ⌈7/2⌉ = 4. a0: 4 agree (at the bound) passes; a1: 3 fails.
    let [a0, a1] = [vx.apps[0], vx.apps[1]];
    for (i, (u, _)) in vx.members.iter().take(7).enumerate() {
        let token = app.token(u).await;
        let c0 = if i < 4 { "agree" } else { "disagree" };
        let c1 = if i < 3 { "agree" } else { "abstain" };
        let (s, _, b) = ballots(&app, &token, vx.session, &votes(&[(a0, c0), (a1, c1)])).await;
        assert_eq!(s, 200, "{b}");
    }
    let (s, _, sheet) = tally(&app, &org, vx.session).await;
    assert_eq!(s, 200, "{sheet}");
    assert_eq!(
        (&sheet["attending"], &sheet["quorum"], &sheet["rules"]),
        (&json!(7), &json!(7), &rules(3, 4, 1, 2))
    );
    assert_eq!(sheet["rows"][0]["passed"], true, "4 of 7 at 1/2");
    assert_eq!(sheet["rows"][1]["passed"], false, "3 of 7 at 1/2");

    // The session tallied before keeps the rules it was tallied with.
    let sheet = expect(
        &app,
        &org,
        "GET",
        &format!("/api/v1/review-sessions/{}/vote-sheet", earlier.session),
        Value::Null,
        200,
    )
    .await;
    assert_eq!(
        (&sheet["rules"], &sheet["quorum"]),
        (&rules(2, 3, 2, 3), &json!(2))
    );
}

async fn complete_reviews(
    app: &TestApp,
    group: i64,
    session: i64,
    ses: Vec<i64>,
    apps: Vec<i64>,
    completed: bool,
) {
    app.db
        .run(move |conn| {
            let now = NaiveDateTime::default();
            let by: i64 = accounts::table
                .filter(accounts::username.eq(backend::login_names::name(ORGANISER)))
                .select(accounts::id)
                .first(conn)?;
            diesel::update(review_groups::table.find(group))
                .set(review_groups::review_started_at.eq(Some(now)))
                .execute(conn)?;
            for (i, app) in apps.iter().enumerate() {
                let d: i64 = diesel::insert_into(distributions::table)
                    .values((
                        distributions::session_id.eq(session),
                        distributions::group_id.eq(group),
                        distributions::application_id.eq(*app),
                        distributions::session_expert_id.eq(ses[i % ses.len()]),
                        distributions::chief.eq(true),
                        distributions::assigned_by.eq(by),
                        distributions::assigned_at.eq(now),
                    ))
                    .returning(distributions::id)
                    .get_result(conn)?;
                diesel::insert_into(expert_reviews::table)
                    .values((
                        expert_reviews::distribution_id.eq(d),
                        expert_reviews::status.eq(if completed || i > 0 {
                            "completed"
                        } else {
                            "draft"
                        }),
                        expert_reviews::created_at.eq(now),
                        expert_reviews::updated_at.eq(now),
                    ))
                    .execute(conn)?;
            }
            Ok(())
        })
        .await
        .expect("reviews");
}

async fn group_version(app: &TestApp, tok: &str, group: i64) -> i64 {
    let (s, _, body) = answer(
        app.get_as(tok, &format!("/api/v1/review-groups/{group}/group-vote"))
            .await,
    )
    .await;
    assert_eq!(s, 200, "{body}");
    body["version"].as_i64().expect("version")
}

async fn group_action(app: &TestApp, tok: &str, group: i64, what: &str) -> (u16, String, Value) {
    let version = group_version(app, tok, group).await;
    answer(
        app.post_as(
            tok,
            &format!("/api/v1/review-groups/{group}/group-vote/{what}"),
            &json!({"version": version}),
        )
        .await,
    )
    .await
}

async fn group_cast(app: &TestApp, tok: &str, group: i64, body: &Value) -> (u16, String, Value) {
    answer(
        app.post_as(
            tok,
            &format!("/api/v1/review-groups/{group}/group-vote/votes"),
            body,
        )
        .await,
    )
    .await
}

/// The group vote on the review fixture (group 1: leader `exp_lead` with b, c, d and
/// applications 0–2; group 2: `exp_other` with application 3).
async fn the_group_votes_after_its_reviews_and_records_a_recommendation(backend: Backend) {
    let app = spawn_app(backend).await;
    let fx = review::setup(&app, false, false).await;
    review::sign_in_all(&app, &fx).await;
    let lead = app.token("exp_lead").await;
    let b = app.token("exp_b").await;
    let c = app.token("exp_c").await;
    let d = app.token("exp_d").await;
    let other = app.token("exp_other").await;
    let org = app.token(ORGANISER).await;
    let [g1, g2] = fx.groups;
    let [a0, a1, a2, a3] = fx.apps;
    // One review of group 1 is still a draft: the vote does not open.
    complete_reviews(
        &app,
        g1,
        fx.session,
        vec![fx.se[0], fx.se[1]],
        vec![a0, a1, a2],
        false,
    )
    .await;
    let (s, code, _) = group_action(&app, &lead, g1, "open").await;
    assert_eq!((s, code.as_str()), (409, "group_reviews_incomplete"));
    let first = fx.session;
    app.db
        .run(move |conn| {
            diesel::update(expert_reviews::table)
                .filter(
                    expert_reviews::distribution_id.eq_any(
                        distributions::table
                            .filter(distributions::session_id.eq(first))
                            .select(distributions::id),
                    ),
                )
                .set(expert_reviews::status.eq("completed"))
                .execute(conn)?;
            Ok(())
        })
        .await
        .expect("complete");
    // Only the leader opens; an expert of the group reads; the organiser reads.
    assert_eq!(group_action(&app, &b, g1, "open").await.0, 403);
    assert_eq!(
        group_cast(&app, &b, g1, &votes(&[(a0, "agree")])).await.1,
        "group_vote_not_open"
    );
    let (s, _, body) = group_action(&app, &lead, g1, "open").await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(body["status"], "open");
    // Each voter of the group is told, with the way to the vote.
    let told = crate::notices::kinds(&app, &b, "vote_opened").await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0]["path"], format!("/online/groups/{g1}/vote"));
    assert!(crate::notices::kinds(&app, &org, "vote_opened")
        .await
        .is_empty());
    assert_eq!(crate::notices::todo(&app, &b, "open_votes").await, Some(1));
    assert_eq!(body["is_leader"], true);
    assert!(
        body["session_name"].as_str().is_some_and(|n| !n.is_empty()),
        "the screen names its session: {body}"
    );
    // Group 2 still reviews: the session stays in `reviewing`.
    assert_eq!(session_status(&app, fx.session).await, "reviewing");
    // Experts of the group vote, once, on their group's applicants.
    let all = votes(&[(a0, "agree"), (a1, "disagree"), (a2, "agree")]);
    assert_eq!(group_cast(&app, &b, g1, &all).await.0, 200);
    assert_eq!(
        crate::notices::todo(&app, &b, "open_votes").await,
        Some(0),
        "voted on everyone: nothing waits"
    );
    assert_eq!(
        group_cast(&app, &b, g1, &votes(&[(a0, "disagree")]))
            .await
            .1,
        "vote_already_cast"
    );
    assert_eq!(
        group_cast(&app, &c, g1, &votes(&[(a3, "agree")])).await.1,
        "ballot_invalid"
    );
    assert_eq!(group_cast(&app, &other, g1, &all).await.0, 404);
    assert_eq!(group_cast(&app, &org, g1, &all).await.0, 403);
    assert_eq!(
        group_cast(
            &app,
            &lead,
            g1,
            &votes(&[(a0, "agree"), (a1, "disagree"), (a2, "abstain")])
        )
        .await
        .0,
        200
    );
    assert_eq!(
        group_cast(&app, &c, g1, &votes(&[(a0, "disagree"), (a1, "disagree")]))
            .await
            .0,
        200
    );
    // d signs out: no vote.
    assert_eq!(
        review::attend(&app, &org, &fx, fx.se[3], false).await.0,
        200
    );
    assert_eq!(
        group_cast(&app, &d, g1, &votes(&[(a0, "agree")])).await.1,
        "expert_not_signed_in"
    );
    let (s, _, view) = answer(
        app.get_as(&org, &format!("/api/v1/review-groups/{g1}/group-vote"))
            .await,
    )
    .await;
    assert_eq!(s, 200, "{view}");
    assert_eq!(view["applicants"][0]["votes_cast"], 3);
    assert_eq!(view["applicants"][2]["votes_cast"], 2);
    // Only the leader closes; then the recommendation is recorded and nobody votes.
    assert_eq!(group_action(&app, &c, g1, "close").await.0, 403);
    let (s, _, closed) = group_action(&app, &lead, g1, "close").await;
    assert_eq!(s, 200, "{closed}");
    assert_eq!(closed["status"], "closed");
    let rec = |i: usize| closed["applicants"][i]["recommendation"].clone();
    assert_eq!(
        rec(0),
        json!({"counts": {"agree": 2, "disagree": 1, "abstain": 0}, "view": "recommended"})
    );
    assert_eq!(
        rec(1),
        json!({"counts": {"agree": 0, "disagree": 3, "abstain": 0}, "view": "not_recommended"})
    );
    assert_eq!(
        rec(2),
        json!({"counts": {"agree": 1, "disagree": 0, "abstain": 1}, "view": "no_majority"})
    );
    assert_eq!(review::attend(&app, &org, &fx, fx.se[3], true).await.0, 200);
    assert_eq!(
        group_cast(&app, &d, g1, &votes(&[(a2, "agree")])).await.1,
        "group_vote_not_open"
    );
    assert_eq!(
        group_action(&app, &lead, g1, "close").await.1,
        "group_vote_not_open"
    );
    let session = fx.session;
    let recorded: i64 = app
        .db
        .run(move |conn| {
            Ok(group_recommendations::table
                .filter(group_recommendations::session_id.eq(session))
                .count()
                .get_result(conn)?)
        })
        .await
        .expect("recommendations");
    assert_eq!(recorded, 3);
    // The committee vote waits for group 2.
    assert_eq!(
        open_committee(&app, &org, fx.session).await.1,
        "group_votes_pending"
    );
    complete_reviews(&app, g2, fx.session, vec![fx.se[4]], vec![a3], true).await;
    assert_eq!(group_action(&app, &other, g2, "open").await.0, 200);
    // The last group to open moves the session to group voting.
    assert_eq!(session_status(&app, fx.session).await, "group_voting");
    assert_eq!(
        open_committee(&app, &org, fx.session).await.1,
        "group_votes_pending"
    );
    assert_eq!(
        group_cast(&app, &other, g2, &votes(&[(a3, "agree")]))
            .await
            .0,
        200
    );
    assert_eq!(group_action(&app, &other, g2, "close").await.0, 200);
    let (s, _, body) = open_committee(&app, &org, fx.session).await;
    assert_eq!(s, 200, "{body}");
    // The committee sees the groups' recommendations.
    assert_eq!(
        body["applicants"][0]["recommendation"]["view"],
        "recommended"
    );
    assert_eq!(
        body["applicants"][3]["recommendation"]["counts"]["agree"],
        1
    );
    assert_eq!(
        crate::helpers::audit_rows(&app, "vote.group_open", g1).await,
        1
    );
    assert_eq!(
        crate::helpers::audit_rows(&app, "vote.group_close", g1).await,
        1
    );
    assert_eq!(
        crate::helpers::audit_rows(&app, "vote.group_cast", g1).await,
        3
    );
}

/// 35 members vote at once on 500 applicants (17,500 ballots, one request each) while a 36th
/// member who is not signed in is refused: none lost, none doubled; the repeat of every
/// request is refused; then the tally.
async fn thirty_five_members_vote_at_once_on_500_applicants(backend: Backend) {
    const MEMBERS: usize = 35;
    const APPLICANTS: usize = 500;
    // The server as a meeting's would run: the production pool size, and requests that wait
    // for a connection for as long as the whole meeting's ballots take to write (SQLite
    // serialises writers) instead of the tests' 3 s before a 503.
    let app = spawn_app_with(
        backend,
        None,
        &[("DB_POOL_SIZE", "10"), ("DB_ACQUIRE_TIMEOUT_MS", "60000")],
    )
    .await;
    let vx = fixture(&app, MEMBERS + 1, APPLICANTS, MEMBERS, "committee_voting").await;
    // Sign-ins one at a time (argon2 on two cores); the ballots below go at once.
    let mut logins = Vec::new();
    for (u, _) in &vx.members {
        logins.push(app.login_as(u).await);
    }
    let tokens: Vec<String> = logins.into_iter().map(|l| l.access_token).collect();
    let bodies: Vec<Value> = (0..=MEMBERS)
        .map(|m| {
            let entries: Vec<(i64, &str)> = vx
                .apps
                .iter()
                .enumerate()
                .map(|(i, a)| (*a, ["agree", "disagree", "abstain"][(i + m) % 3]))
                .collect();
            votes(&entries)
        })
        .collect();
    let started = std::time::Instant::now();
    let answers = futures_util::future::join_all(
        tokens
            .iter()
            .zip(&bodies)
            .map(|(t, b)| ballots(&app, t, vx.session, b)),
    )
    .await;
    eprintln!(
        "{backend:?}: {} ballots in {:.0} ms",
        MEMBERS * APPLICANTS,
        started.elapsed().as_secs_f64() * 1000.0
    );
    for (i, (s, c, body)) in answers.iter().enumerate() {
        if i < MEMBERS {
            assert_eq!(*s, 200, "member {i}: {c} {body}");
            assert_eq!(body["cast"], APPLICANTS);
            assert_secret(body, &vx.members, "a cast");
        } else {
            assert_eq!(
                (*s, c.as_str()),
                (409, "expert_not_signed_in"),
                "the member not signed in"
            );
        }
    }
    let session = vx.session;
    let (ballot_count, voted_count, per_app, per_member) = app
        .db
        .run(move |conn| {
            let b: i64 = committee_ballots::table
                .filter(committee_ballots::session_id.eq(session))
                .count()
                .get_result(conn)?;
            let v: i64 = committee_voted::table
                .filter(committee_voted::session_id.eq(session))
                .count()
                .get_result(conn)?;
            let per_app: Vec<i64> = committee_ballots::table
                .filter(committee_ballots::session_id.eq(session))
                .group_by(committee_ballots::application_id)
                .select(diesel::dsl::count_star())
                .load(conn)?;
            let per_member: Vec<i64> = committee_voted::table
                .filter(committee_voted::session_id.eq(session))
                .group_by(committee_voted::session_expert_id)
                .select(diesel::dsl::count_star())
                .load(conn)?;
            Ok((b, v, per_app, per_member))
        })
        .await
        .expect("counts");
    let total = i64::try_from(MEMBERS * APPLICANTS).expect("fits");
    assert_eq!((ballot_count, voted_count), (total, total));
    assert_eq!(per_app.len(), APPLICANTS);
    assert!(
        per_app.iter().all(|n| *n == MEMBERS as i64),
        "35 ballots per applicant"
    );
    assert_eq!(per_member.len(), MEMBERS);
    assert!(per_member.iter().all(|n| *n == APPLICANTS as i64));
    // Every request again, at once: all refused, nothing added.
    let again = futures_util::future::join_all(
        tokens
            .iter()
            .zip(&bodies)
            .take(MEMBERS)
            .map(|(t, b)| ballots(&app, t, vx.session, b)),
    )
    .await;
    assert!(again
        .iter()
        .all(|(s, c, _)| *s == 409 && c == "vote_already_cast"));
    // The tally: application i has agree from the members m with (i + m) % 3 == 0: 12 or 11
    // of 35 attending — all below 2/3 (24).
    let org = app.token(ORGANISER).await;
    let (s, _, sheet) = tally(&app, &org, vx.session).await;
    assert_eq!(s, 200);
    assert_eq!(sheet["attending"], MEMBERS);
    assert_eq!(sheet["ballots"], MEMBERS * APPLICANTS);
    assert_eq!(sheet["passed"], 0);
    assert_eq!(sheet["rows"].as_array().map(Vec::len), Some(APPLICANTS));
    assert_eq!(
        sheet["rows"][0]["counts"],
        json!({"agree": 12, "disagree": 12, "abstain": 11})
    );
}

db_tests!(
    committee_ballots_are_secret_once_only_and_in_person,
    the_tally_honours_quorum_and_the_two_thirds_bound,
    quorum_at_exactly_two_thirds,
    the_administrator_changes_the_vote_rules_and_the_next_tally_applies_them,
    the_group_votes_after_its_reviews_and_records_a_recommendation,
    thirty_five_members_vote_at_once_on_500_applicants,
);
