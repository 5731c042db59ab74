//! The synthetic-data generator names this year's drafts with their applicants' sign-in names
//! (`backend generate applications --json`): the load test's applicants sign in with them and
//! submit and withdraw those drafts, so each name must be the applicant of its draft.

use backend::{
    applications::generate,
    clock::Clock,
    db::schema::{accounts, applications},
};
use diesel::prelude::*;
use serde_json::{json, Value};

use crate::{
    db_tests,
    helpers::{spawn_app, Backend},
};

async fn the_generator_names_drafts_their_applicants_can_act_on(backend: Backend) {
    let app = spawn_app(backend).await;
    let now = app.clock.now();
    // One application per applicant, all this year: the stages cycle every 7 × 17 rows, so
    // the first 7 are drafts.
    let generated = app
        .db
        .run(move |conn| generate::applications(conn, 119, 119, now))
        .await
        .expect("generate");
    let drafts: Vec<i64> = app
        .db
        .run(|conn| {
            Ok(applications::table
                .inner_join(accounts::table.on(accounts::id.eq(applications::applicant_id)))
                .filter(applications::stage.eq("draft"))
                .filter(accounts::display_name.like("生成申报人%"))
                .order(applications::id.asc())
                .select(applications::id)
                .load(conn)?)
        })
        .await
        .expect("drafts");
    assert_eq!(drafts.len(), 7);
    assert_eq!(
        generated
            .drafts
            .iter()
            .map(|d| d.application_id)
            .collect::<Vec<_>>(),
        drafts,
        "every generated draft is named, in order"
    );

    // The named applicant signs in with the generator's password, sees the draft and submits it.
    let first = &generated.drafts[0];
    let res = app.login(&first.username, generate::PASSWORD).await;
    assert_eq!(res.status(), 200, "sign-in of {}", first.username);
    let token = res.json::<Value>().await.expect("session")["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let path = format!("/api/v1/applications/{}", first.application_id);
    let draft: Value = app.get_as(&token, &path).await.json().await.expect("draft");
    assert_eq!(draft["stage"], "draft");
    let res = app
        .post_as(
            &token,
            &format!("{path}/actions"),
            &json!({"action": "submit", "version": draft["version"]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let submitted: Value = res.json().await.expect("submitted");
    assert_eq!(submitted["stage"], "unit_verification");

    // Another applicant's draft is not theirs to read.
    let other = &generated.drafts[1];
    let res = app
        .get_as(
            &token,
            &format!("/api/v1/applications/{}", other.application_id),
        )
        .await;
    assert!(
        matches!(res.status().as_u16(), 403 | 404),
        "{}",
        res.status()
    );
}

db_tests!(the_generator_names_drafts_their_applicants_can_act_on);
