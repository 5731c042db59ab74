//! Login, lockout, sessions, forced and voluntary password change, token revocation.

use std::time::Instant;

use backend::{
    auth::password::{self, INITIAL_PASSWORD},
    db::schema::{accounts, units},
    org::accounts::{create, NewAccount},
};
use chrono::Duration;
use diesel::prelude::*;
use reqwest::Response;
use serde_json::{json, Value};
use shared::{auth::LoginResponse, AccountKind, Module};

use crate::{
    db_tests,
    helpers::{spawn_app, spawn_second_instance, Backend, TestApp},
};

const GOOD: &str = "Lu7#quiet-Harbor";

async fn code(res: Response) -> (u16, String) {
    let status = res.status().as_u16();
    let body: Value = res.json().await.expect("JSON");
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

/// A fresh account with the initial password, as an administrator would create it.
async fn new_account(app: &TestApp, username: &'static str) {
    let now = app.clock.clone();
    app.db
        .run(move |conn| {
            let unit: i64 = units::table
                .filter(units::name.eq("示范县第一中学"))
                .select(units::id)
                .first(conn)?;
            use backend::clock::Clock;
            create(
                conn,
                &NewAccount {
                    username: username.to_owned(),
                    display_name: "新用户".to_owned(),
                    kind: AccountKind::Unit,
                    unit_id: unit,
                    id_number: None,
                    phone: None,
                    password_hash: password::hash(INITIAL_PASSWORD)?,
                    must_change_password: true,
                    role_ids: vec![],
                    created_by: None,
                },
                now.now(),
            )
        })
        .await
        .expect("create account");
}

async fn refresh(app: &TestApp, token: &str) -> Response {
    app.post_json("/api/v1/auth/refresh", &json!({"refresh_token": token}))
        .await
}

async fn change(app: &TestApp, token: &str, current: &str, new: &str) -> Response {
    let body = json!({"current_password": current, "new_password": new});
    app.post_as(token, "/api/v1/auth/password", &body).await
}

async fn login_answers_the_documented_contract(backend: Backend) {
    let app = spawn_app(backend).await;

    let res = app
        .login("county_emp_admin", backend::demo::DEMO_PASSWORD)
        .await;

    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let body: Value = res.json().await.expect("JSON");
    assert_eq!(body["token_type"], "Bearer");
    assert!(body["expires_in"]
        .as_u64()
        .is_some_and(|s| s > 0 && s <= 900));
    assert_eq!(
        body["access_token"].as_str().map(|t| t.split('.').count()),
        Some(3)
    );
    assert_eq!(body["refresh_token"].as_str().map(str::len), Some(64));
    assert_eq!(body["must_change_password"], false);
    let user = &body["user"];
    assert_eq!(user["username"], "county_emp_admin");
    assert_eq!(user["kind"], "unit_admin");
    assert_eq!(user["unit"]["name"], "示范县第一中学");
    assert_eq!(user["unit"]["kind"], "employer");
    assert_eq!(user["unit"]["level"], "county");
    let modules: Vec<&str> = user["modules"]
        .as_array()
        .expect("modules")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        modules,
        [
            "portal.system.org_structure",
            "portal.system.users",
            "portal.system.business_roles",
            "portal.system.extended_users",
            "portal.password",
            "title.accounts.personal_accounts",
        ]
    );
}

async fn me_answers_the_same_user(backend: Backend) {
    let app = spawn_app(backend).await;
    let session = app.login_as("city_dept_handler").await;

    let res = app.get_as(&session.access_token, "/api/v1/auth/me").await;

    assert_eq!(res.status(), 200);
    let me: shared::auth::CurrentUser = res.json().await.expect("JSON");
    assert_eq!(me, session.user);
    assert!(me.modules.contains(&Module::SuperiorReview));
    assert!(
        !me.modules.contains(&Module::PolicyReview),
        "handlers never review policy"
    );
}

async fn the_three_administrator_duties_are_separate_accounts(backend: Backend) {
    let app = spawn_app(backend).await;

    let sys = app.login_as("sysadmin").await.user.modules;
    let sec = app.login_as("secadmin").await.user.modules;
    let aud = app.login_as("auditor").await.user.modules;

    assert_eq!(aud, [Module::Password, Module::AuditLog]);
    for m in &sys {
        assert!(
            *m == Module::Password || (!sec.contains(m) && !aud.contains(m)),
            "{m:?} shared"
        );
    }
    for m in &sec {
        assert!(*m == Module::Password || !aud.contains(m), "{m:?} shared");
    }
}

async fn wrong_password_and_unknown_user_look_the_same(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut known = Vec::new();
    let mut unknown = Vec::new();

    // Interleaved, and compared by their medians: a busy machine (the SPA and the fuzz targets
    // build beside the tests) stretches single requests, not the middle of eight. Two known
    // accounts, four failures each, stay under the lockout threshold (five).
    let mut answers = Vec::new();
    for round in 0..8 {
        let name = ["county_emp_unit", "county_hrss_handler"][round % 2];
        let t = Instant::now();
        let a = app.login(name, "Wrong#pass123").await;
        known.push(t.elapsed());
        let t = Instant::now();
        let b = app.login("nobody_here", "Wrong#pass123").await;
        unknown.push(t.elapsed());
        answers.push((a.status(), a.text().await.expect("body")));
        answers.push((b.status(), b.text().await.expect("body")));
    }

    assert!(answers.iter().all(|a| a == &answers[0]), "{answers:?}");
    assert_eq!(answers[0].0, 401);
    assert!(answers[0].1.contains("invalid_credentials"));
    known.sort();
    unknown.sort();
    // Without the dummy verification an unknown name answers in about a millisecond, against
    // tens for a password check.
    assert!(
        unknown[4] * 3 >= known[4],
        "unknown users answer too fast: median {:?} vs {:?} ({unknown:?} vs {known:?})",
        unknown[4],
        known[4]
    );
}

async fn five_failures_lock_the_account_for_thirty_minutes(backend: Backend) {
    let app = spawn_app(backend).await;

    for attempt in 1..=4 {
        let (status, c) = code(app.login("county_emp_unit", "Wrong#pass123").await).await;
        assert_eq!(
            (status, c.as_str()),
            (401, "invalid_credentials"),
            "attempt {attempt}"
        );
    }
    let (status, c) = code(app.login("county_emp_unit", "Wrong#pass123").await).await;
    assert_eq!((status, c.as_str()), (423, "account_locked"));
    let (status, c) = code(
        app.login("county_emp_unit", backend::demo::DEMO_PASSWORD)
            .await,
    )
    .await;
    assert_eq!(
        (status, c.as_str()),
        (423, "account_locked"),
        "the right password does not open a lock"
    );

    app.clock.advance(Duration::minutes(29));
    assert_eq!(
        app.login("county_emp_unit", backend::demo::DEMO_PASSWORD)
            .await
            .status(),
        423
    );
    app.clock.advance(Duration::minutes(2));
    assert_eq!(
        app.login("county_emp_unit", backend::demo::DEMO_PASSWORD)
            .await
            .status(),
        200
    );
    // The holder is told of the lock, once, with its end in Beijing time.
    let token = app.token("county_emp_unit").await;
    let locked = crate::notices::kinds(&app, &token, "account_locked").await;
    assert_eq!(locked.len(), 1, "{locked:?}");
    assert!(
        locked[0]["text"]
            .as_str()
            .is_some_and(|t| t.contains("北京时间")),
        "{locked:?}"
    );
    assert_eq!(locked[0]["path"], "/password");
}

async fn a_success_resets_the_failure_count(backend: Backend) {
    let app = spawn_app(backend).await;

    for _ in 0..4 {
        app.login("county_emp_unit", "Wrong#pass123").await;
    }
    app.login_as("county_emp_unit").await;
    for _ in 0..4 {
        assert_eq!(
            app.login("county_emp_unit", "Wrong#pass123").await.status(),
            401
        );
    }
}

async fn disabled_accounts_are_refused_but_only_with_the_right_password(backend: Backend) {
    let app = spawn_app(backend).await;
    app.db
        .run(|conn| {
            diesel::update(
                accounts::table
                    .filter(accounts::username.eq(backend::login_names::name("city_emp_unit"))),
            )
            .set(accounts::enabled.eq(false))
            .execute(conn)?;
            Ok(())
        })
        .await
        .expect("disable");

    let (s1, c1) = code(
        app.login("city_emp_unit", backend::demo::DEMO_PASSWORD)
            .await,
    )
    .await;
    let (s2, c2) = code(app.login("city_emp_unit", "Wrong#pass123").await).await;

    assert_eq!((s1, c1.as_str()), (403, "account_disabled"));
    assert_eq!((s2, c2.as_str()), (401, "invalid_credentials"));
}

async fn refresh_rotates_and_a_reused_token_ends_the_session(backend: Backend) {
    let app = spawn_app(backend).await;
    let first = app.login_as("prov_dept_unit").await;

    let second: LoginResponse = refresh(&app, &first.refresh_token)
        .await
        .json()
        .await
        .expect("rotated");
    assert_ne!(second.refresh_token, first.refresh_token);
    assert_eq!(
        app.get_as(&second.access_token, "/api/v1/auth/me")
            .await
            .status(),
        200
    );

    let (status, c) = code(refresh(&app, &first.refresh_token).await).await;
    assert_eq!(
        (status, c.as_str()),
        (401, "unauthenticated"),
        "a used token is refused"
    );
    let (status, _) = code(refresh(&app, &second.refresh_token).await).await;
    assert_eq!(status, 401, "the reuse revoked the whole family");
    let (status, c) = code(app.get_as(&second.access_token, "/api/v1/auth/me").await).await;
    assert_eq!(
        (status, c.as_str()),
        (401, "unauthenticated"),
        "the revoked session's access token dies at once, not when it expires"
    );
    let (status, _) = code(refresh(&app, &"f".repeat(64)).await).await;
    assert_eq!(status, 401);
}

async fn sessions_end_after_thirty_idle_minutes_and_access_tokens_after_fifteen(backend: Backend) {
    let app = spawn_app(backend).await;
    let s = app.login_as("prov_dept_unit").await;

    app.clock.advance(Duration::minutes(16));
    assert_eq!(
        app.get_as(&s.access_token, "/api/v1/auth/me")
            .await
            .status(),
        401
    );
    let renewed: LoginResponse = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": s.refresh_token}),
        )
        .await
        .json()
        .await
        .expect("still within the idle window");
    assert_eq!(
        app.get_as(&renewed.access_token, "/api/v1/auth/me")
            .await
            .status(),
        200
    );

    app.clock.advance(Duration::minutes(31));
    let res = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": renewed.refresh_token}),
        )
        .await;
    assert_eq!(res.status(), 401, "idle for 31 minutes");
}

async fn an_initial_password_must_be_changed_before_anything_else(backend: Backend) {
    let app = spawn_app(backend).await;
    new_account(&app, "newcomer01").await;

    let s: LoginResponse = app
        .login("newcomer01", INITIAL_PASSWORD)
        .await
        .json()
        .await
        .expect("login");
    assert!(s.must_change_password);
    let (status, c) = code(app.get_as(&s.access_token, "/api/v1/auth/me").await).await;
    assert_eq!((status, c.as_str()), (403, "password_change_required"));

    for weak in [
        "short1!",
        "alllowercase1",
        "Password1!",
        INITIAL_PASSWORD,
        "Newcomer01#x",
    ] {
        let (status, c) = code(change(&app, &s.access_token, INITIAL_PASSWORD, weak).await).await;
        assert_eq!((status, c.as_str()), (422, "weak_password"), "{weak}");
    }
    let wrong = app
        .post_as(
            &s.access_token,
            "/api/v1/auth/password",
            &json!({"current_password": "nope", "new_password": GOOD}),
        )
        .await;
    assert_eq!(code(wrong).await, (401, "invalid_credentials".to_owned()));

    let fresh: LoginResponse = change(&app, &s.access_token, INITIAL_PASSWORD, GOOD)
        .await
        .json()
        .await
        .expect("changed");
    assert!(!fresh.must_change_password);
    assert_eq!(
        app.get_as(&fresh.access_token, "/api/v1/auth/me")
            .await
            .status(),
        200
    );
    assert_eq!(
        app.get_as(&s.access_token, "/api/v1/auth/me")
            .await
            .status(),
        401,
        "the old token died"
    );
    assert_eq!(
        app.login("newcomer01", INITIAL_PASSWORD).await.status(),
        401
    );
    assert_eq!(app.login("newcomer01", GOOD).await.status(), 200);
}

async fn a_password_change_revokes_every_other_session(backend: Backend) {
    let app = spawn_app(backend).await;
    let a = app.login_as("city_hrss_handler").await;
    let b = app.login_as("city_hrss_handler").await;

    let res = app
        .post_as(
            &a.access_token,
            "/api/v1/auth/password",
            &json!({"current_password": backend::demo::DEMO_PASSWORD, "new_password": GOOD}),
        )
        .await;
    assert_eq!(res.status(), 200);

    assert_eq!(
        app.get_as(&b.access_token, "/api/v1/auth/me")
            .await
            .status(),
        401
    );
    let res = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": b.refresh_token}),
        )
        .await;
    assert_eq!(res.status(), 401);
}

async fn logout_ends_the_session(backend: Backend) {
    let app = spawn_app(backend).await;
    let s = app.login_as("county_dept_unit").await;
    let other = app.login_as("county_dept_unit").await;

    let res = app
        .post_as(
            &s.access_token,
            "/api/v1/auth/logout",
            &json!({"refresh_token": s.refresh_token}),
        )
        .await;

    assert_eq!(res.status(), 204);
    let res = app
        .post_json(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": s.refresh_token}),
        )
        .await;
    assert_eq!(res.status(), 401);
    for path in ["/api/v1/auth/me", "/api/v1/applications"] {
        let (status, c) = code(app.get_as(&s.access_token, path).await).await;
        assert_eq!(
            (status, c.as_str()),
            (401, "unauthenticated"),
            "{path}: the signed-out session's access token is refused at once"
        );
    }
    assert_eq!(
        app.get_as(&other.access_token, "/api/v1/auth/me")
            .await
            .status(),
        200,
        "another session of the same account goes on"
    );
    let again = app
        .post_as(
            &s.access_token,
            "/api/v1/auth/logout",
            &json!({"refresh_token": s.refresh_token}),
        )
        .await;
    assert_eq!(again.status(), 401, "a second sign-out with the dead token");
}

async fn bad_tokens_are_401(backend: Backend) {
    let app = spawn_app(backend).await;
    let s = app.login_as("county_dept_unit").await;
    let mut forged = s.access_token.clone();
    forged.pop();
    forged.push(if s.access_token.ends_with('A') {
        'B'
    } else {
        'A'
    });

    for token in ["", "garbage", "a.b.c", forged.as_str()] {
        let (status, c) = code(app.get_as(token, "/api/v1/auth/me").await).await;
        assert_eq!((status, c.as_str()), (401, "unauthenticated"), "{token:?}");
    }
    let (status, c) = code(app.get("/api/v1/auth/me").await).await;
    assert_eq!((status, c.as_str()), (401, "unauthenticated"));
}

async fn too_many_attempts_from_one_address_are_429(backend: Backend) {
    let app = spawn_app(backend).await;
    let policy = json!({"ip_login_limit": 3, "ip_login_window_secs": 600});
    let now = chrono::Utc::now().naive_utc();
    app.db
        .run(move |conn| backend::db::settings::put(conn, "security_policy", &policy, None, now))
        .await
        .expect("policy");

    for _ in 0..3 {
        assert_ne!(
            app.login("county_emp_unit", "Wrong#pass123").await.status(),
            429
        );
    }
    let (status, c) = code(
        app.login("county_emp_unit", backend::demo::DEMO_PASSWORD)
            .await,
    )
    .await;
    assert_eq!((status, c.as_str()), (429, "rate_limited"));
}

async fn the_sign_in_limit_is_shared_by_instances_and_says_when_to_retry(backend: Backend) {
    let app = spawn_app(backend).await;
    let second = spawn_second_instance(&app).await;
    let policy = json!({"ip_login_limit": 5, "ip_login_window_secs": 600});
    let now = chrono::Utc::now().naive_utc();
    app.db
        .run(move |conn| backend::db::settings::put(conn, "security_policy", &policy, None, now))
        .await
        .expect("policy");

    // Twenty attempts at once from one address, half through each instance.
    let body = json!({"username": "nobody_here", "password": "Wrong#pass123"});
    let answers = futures_util::future::join_all((0..20).map(|i| {
        let base = if i % 2 == 0 {
            app.address.clone()
        } else {
            second.clone()
        };
        let client = app.client.clone();
        let body = body.clone();
        async move {
            client
                .post(format!("{base}/api/v1/auth/login"))
                .json(&body)
                .send()
                .await
                .expect("login request")
        }
    }))
    .await;
    let mut passed = 0;
    for res in answers {
        if res.status() == 429 {
            let retry: u64 = res
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse().ok())
                .expect("a 429 says when to retry");
            assert!((1..=600).contains(&retry), "Retry-After {retry}");
            let (_, c) = code(res).await;
            assert_eq!(c, "rate_limited");
        } else {
            assert_eq!(res.status(), 401);
            passed += 1;
        }
    }
    assert_eq!(
        passed, 5,
        "exactly the limit passes, whichever instance counts"
    );

    // The window ends: both instances admit attempts again.
    app.clock.advance(Duration::seconds(601));
    assert_eq!(
        app.login("nobody_here", "Wrong#pass123").await.status(),
        401
    );
}

db_tests!(
    the_sign_in_limit_is_shared_by_instances_and_says_when_to_retry,
    login_answers_the_documented_contract,
    me_answers_the_same_user,
    the_three_administrator_duties_are_separate_accounts,
    wrong_password_and_unknown_user_look_the_same,
    five_failures_lock_the_account_for_thirty_minutes,
    a_success_resets_the_failure_count,
    disabled_accounts_are_refused_but_only_with_the_right_password,
    refresh_rotates_and_a_reused_token_ends_the_session,
    sessions_end_after_thirty_idle_minutes_and_access_tokens_after_fifteen,
    an_initial_password_must_be_changed_before_anything_else,
    a_password_change_revokes_every_other_session,
    logout_ends_the_session,
    bad_tokens_are_401,
    too_many_attempts_from_one_address_are_429,
);
