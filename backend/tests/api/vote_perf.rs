//! Votes at scale (docs/PERFORMANCE.md, issue 11): a committee of 35 members (all signed in)
//! and 500 applicants in one group, 17,500 ballots cast through the API. Times the tally
//! (`POST /api/v1/review-sessions/{id}/tally`: counts, the pure rule, the tally results, the
//! session → tallied and 500 applications moved with their timeline events and audit rows) and
//! the vote sheet's XLSX of 500 rows (`GET …/vote-sheet/export`), plus the pure
//! `shared::votes::tally`, on SQLite and PostgreSQL. Ignored by default; run with
//! `cargo test --release -p backend --test api vote_perf -- --ignored --nocapture`.

use std::time::{Duration, Instant};

use serde_json::json;
use shared::votes::{Counts, VoteRules};

use crate::{
    helpers::{lift_login_limit, spawn_app, Backend},
    online_review::ORGANISER,
    votes::{ballots, fixture, tally},
};

const MEMBERS: usize = 35;
const APPLICANTS: usize = 500;
const ROUNDS: usize = 3;
const EXPORTS: usize = 10;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::test]
#[ignore = "a measurement: run it in release mode"]
async fn vote_perf_tally_500_applicants_35_members() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let app = spawn_app(backend).await;
        // 35 members sign in per round, all from 127.0.0.1.
        lift_login_limit(&app).await;
        let org = app.token(ORGANISER).await;
        let mut tallies = Vec::new();
        let mut exports = Vec::new();
        for _ in 0..ROUNDS {
            let vx = fixture(&app, MEMBERS, APPLICANTS, MEMBERS, "committee_voting").await;
            // One at a time: the server's small test pool answers 503 to 35 parallel logins.
            let mut logins = Vec::new();
            for (u, _) in &vx.members {
                logins.push(app.login_as(u).await);
            }
            for (m, login) in logins.iter().enumerate() {
                let entries: Vec<_> = vx
                    .apps
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        json!({"application_id": a, "choice": if (i + m) % 5 == 0 { "disagree" } else { "agree" }})
                    })
                    .collect();
                let (s, _, _) = ballots(
                    &app,
                    &login.access_token,
                    vx.session,
                    &json!({ "votes": entries }),
                )
                .await;
                assert_eq!(s, 200);
            }
            let started = Instant::now();
            let (s, _, sheet) = tally(&app, &org, vx.session).await;
            tallies.push(ms(started.elapsed()));
            assert_eq!(s, 200, "{sheet}");
            assert_eq!(sheet["rows"].as_array().map(Vec::len), Some(APPLICANTS));
            let path = format!("/api/v1/review-sessions/{}/vote-sheet/export", vx.session);
            for _ in 0..EXPORTS {
                let started = Instant::now();
                let res = app.get_as(&org, &path).await;
                assert_eq!(res.status(), 200);
                let bytes = res.bytes().await.expect("body");
                exports.push(ms(started.elapsed()));
                assert!(bytes.len() > 10_000);
            }
        }
        // The pure rule on the same shape.
        let votes: Vec<(i64, Counts)> = (0..APPLICANTS as i64)
            .map(|i| {
                (
                    i,
                    Counts {
                        agree: 28,
                        disagree: 7,
                        abstain: 0,
                    },
                )
            })
            .collect();
        let started = Instant::now();
        for _ in 0..1000 {
            let out = shared::votes::tally(&VoteRules::default(), 35, 35, &votes).expect("valid");
            assert_eq!(out.len(), APPLICANTS);
        }
        let pure = ms(started.elapsed()) / 1000.0;
        eprintln!(
            "{backend:?}: tally over HTTP median {:.1} ms (max {:.1}, {ROUNDS} runs); vote sheet XLSX median {:.1} ms (max {:.1}, {} runs); pure tally {:.3} ms",
            median(tallies.clone()),
            tallies.iter().copied().fold(0.0, f64::max),
            median(exports.clone()),
            exports.iter().copied().fold(0.0, f64::max),
            exports.len(),
            pure,
        );
    }
}
