//! Two-factor authentication (TOTP, RFC 6238): enrollment, sign-in with a code or a recovery
//! code, replay, lockout, the policy's groups, the administrator's reset. The codes are
//! computed here from the secret the server shows, by this file's own RFC 6238 code.

use backend::{
    clock::Clock,
    crypto::{mfa_context, DataKeys},
    db::schema::{account_mfa, app_settings},
};
use chrono::Duration;
use diesel::prelude::*;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};

use crate::{
    db_tests,
    helpers::{answer, audit_rows, race, spawn_app, Backend, TestApp},
};

const PASSWORD: &str = backend::demo::DEMO_PASSWORD;

/// RFC 4648 base32 (no padding) to bytes.
pub(crate) fn unbase32(text: &str) -> Vec<u8> {
    let (mut out, mut buffer, mut bits) = (Vec::new(), 0u32, 0u32);
    for c in text.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            _ => panic!("not base32: {text}"),
        };
        buffer = (buffer << 5) | u32::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    out
}

/// The 6-digit TOTP of `secret` (base32) at the server's clock, `steps` steps later.
fn totp(app: &TestApp, secret: &str, steps: i64) -> String {
    let key = unbase32(secret);
    let step = app.clock.now().and_utc().timestamp().div_euclid(30) + steps;
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&key).expect("any key length");
    mac.update(&step.to_be_bytes());
    let d = mac.finalize().into_bytes();
    let o = usize::from(d[19] & 0x0f);
    let bin = u32::from_be_bytes([d[o] & 0x7f, d[o + 1], d[o + 2], d[o + 3]]);
    format!("{:06}", bin % 1_000_000)
}

async fn login(app: &TestApp, user: &str, otp: Option<&str>) -> (u16, String, Value) {
    let mut body = json!({"username": user, "password": PASSWORD});
    if let Some(otp) = otp {
        body["otp"] = json!(otp);
    }
    answer(app.post_json("/api/v1/auth/login", &body).await).await
}

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, String, Value) {
    answer(
        app.client
            .post(app.url(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .expect("request"),
    )
    .await
}

/// Enrolls `user` (signed in with `token`): answers the secret and the recovery codes.
async fn enroll(app: &TestApp, token: &str) -> (String, Vec<String>) {
    let (status, _, pending) = post(app, token, "/api/v1/auth/mfa/enroll", json!({})).await;
    assert_eq!(status, 200, "{pending}");
    let secret = pending["secret"].as_str().expect("secret").to_owned();
    assert!(pending["uri"]
        .as_str()
        .is_some_and(|u| u.starts_with("otpauth://totp/") && u.contains(&secret)));
    assert!(pending["qr_svg"]
        .as_str()
        .is_some_and(|s| s.contains("<svg")));
    let (status, _, codes) = post(
        app,
        token,
        "/api/v1/auth/mfa/confirm",
        json!({"code": totp(app, &secret, 0)}),
    )
    .await;
    assert_eq!(status, 200, "{codes}");
    let codes: Vec<String> = serde_json::from_value(codes["codes"].clone()).expect("codes");
    (secret, codes)
}

async fn token_of(app: &TestApp, user: &str) -> String {
    let (status, _, body) = login(app, user, None).await;
    assert_eq!(status, 200, "{body}");
    body["access_token"].as_str().expect("token").to_owned()
}

/// The demo seeds the policy without MFA; a first start without it has none stored.
async fn forget_the_policy(app: &TestApp) {
    app.db
        .run(|conn| {
            diesel::delete(app_settings::table.find("security_policy")).execute(conn)?;
            Ok(())
        })
        .await
        .expect("delete the stored policy");
}

async fn the_three_administrators_enroll_before_anything_else_by_default(backend: Backend) {
    let app = spawn_app(backend).await;
    forget_the_policy(&app).await;
    for admin in ["sysadmin", "secadmin", "auditor"] {
        let (status, _, session) = login(&app, admin, None).await;
        assert_eq!(status, 200, "{admin}: {session}");
        assert_eq!(
            (
                &session["user"]["mfa_required"],
                &session["user"]["mfa_enabled"]
            ),
            (&json!(true), &json!(false)),
            "{admin}"
        );
        let token = session["access_token"].as_str().unwrap_or_default();
        let (status, code, _) = answer(app.get_as(token, "/api/v1/auth/me").await).await;
        assert_eq!((status, code.as_str()), (403, "mfa_enrollment_required"));
    }
    // Nobody else is asked.
    for other in [
        "county_hrss_handler",
        "county_emp_handler",
        "county_emp_admin",
    ] {
        let (status, _, session) = login(&app, other, None).await;
        assert_eq!(status, 200, "{other}: {session}");
        assert_eq!(session["user"]["mfa_required"], json!(false), "{other}");
        let token = session["access_token"].as_str().unwrap_or_default();
        assert_eq!(app.get_as(token, "/api/v1/auth/me").await.status(), 200);
    }

    let token = token_of(&app, "sysadmin").await;
    let (status, code, _) = answer(app.get_as(&token, "/api/v1/accounts").await).await;
    assert_eq!((status, code.as_str()), (403, "mfa_enrollment_required"));
    // A wrong first code changes nothing; the right one turns MFA on for this very session.
    let (status, _, pending) = post(&app, &token, "/api/v1/auth/mfa/enroll", json!({})).await;
    assert_eq!(status, 200);
    let secret = pending["secret"].as_str().unwrap_or_default().to_owned();
    assert_eq!(unbase32(&secret).len(), 20, "160 bits");
    let wrong = if totp(&app, &secret, 0) == "000000" {
        "000001"
    } else {
        "000000"
    };
    let (status, code, _) = post(
        &app,
        &token,
        "/api/v1/auth/mfa/confirm",
        json!({"code": wrong}),
    )
    .await;
    assert_eq!((status, code.as_str()), (401, "mfa_code_invalid"));
    assert_eq!(
        answer(app.get_as(&token, "/api/v1/accounts").await).await.0,
        403
    );
    let (status, _, codes) = post(
        &app,
        &token,
        "/api/v1/auth/mfa/confirm",
        json!({"code": totp(&app, &secret, 0)}),
    )
    .await;
    assert_eq!(status, 200, "{codes}");
    assert_eq!(codes["codes"].as_array().map(Vec::len), Some(10));
    assert_eq!(app.get_as(&token, "/api/v1/accounts").await.status(), 200);
    let (status, code, _) = post(&app, &token, "/api/v1/auth/mfa/enroll", json!({})).await;
    assert_eq!((status, code.as_str()), (409, "mfa_already_enabled"));
    let (_, _, me) = answer(app.get_as(&token, "/api/v1/auth/me").await).await;
    assert_eq!(me["mfa_enabled"], json!(true));
    let sysadmin = me["id"].as_i64().unwrap_or_default();
    assert_eq!(audit_rows(&app, "auth.mfa_confirm", sysadmin).await, 1);
    assert_eq!(audit_rows(&app, "auth.mfa_enroll", sysadmin).await, 1);
}

async fn a_code_signs_in_once_and_a_recovery_code_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = token_of(&app, "county_hrss_handler").await;
    let (secret, recovery) = enroll(&app, &token).await;

    // The right password alone is not enough, and says so.
    let (status, code, _) = login(&app, "county_hrss_handler", None).await;
    assert_eq!((status, code.as_str()), (401, "mfa_required"));
    // The wrong password with the right code stays `invalid_credentials`.
    let (status, code, _) = answer(
        app.post_json(
            "/api/v1/auth/login",
            &json!({"username": "county_hrss_handler", "password": "Wrong#pass123",
                    "otp": totp(&app, &secret, 1)}),
        )
        .await,
    )
    .await;
    assert_eq!((status, code.as_str()), (401, "invalid_credentials"));

    // The enrollment spent this step's code: the same code never signs in.
    let now_code = totp(&app, &secret, 0);
    let (status, code, _) = login(&app, "county_hrss_handler", Some(&now_code)).await;
    assert_eq!((status, code.as_str()), (401, "mfa_code_invalid"));
    // The next step's code does (30 s of drift allowed), exactly once even when raced (two
    // racers: every loser counts towards the lockout of five).
    let next = totp(&app, &secret, 1);
    let body = json!({"username": "county_hrss_handler", "password": PASSWORD, "otp": next});
    let answers = race(2, || app.post_json("/api/v1/auth/login", &body)).await;
    let won = answers.iter().filter(|(s, _)| *s == 200).count();
    let refused = answers
        .iter()
        .filter(|(s, c)| *s == 401 && c == "mfa_code_invalid")
        .count();
    assert_eq!((won, refused), (1, 1), "{answers:?}");
    // Two steps on, a code from the past is refused.
    app.clock.advance(Duration::seconds(60));
    let (status, code, _) = login(&app, "county_hrss_handler", Some(&now_code)).await;
    assert_eq!((status, code.as_str()), (401, "mfa_code_invalid"));
    let (status, _, _) = login(&app, "county_hrss_handler", Some(&totp(&app, &secret, 0))).await;
    assert_eq!(status, 200);

    // A recovery code signs in once, written either way.
    let upper = recovery[0].to_uppercase();
    let (status, _, session) = login(&app, "county_hrss_handler", Some(&upper)).await;
    assert_eq!(status, 200, "{session}");
    let (status, code, _) = login(&app, "county_hrss_handler", Some(&recovery[0])).await;
    assert_eq!((status, code.as_str()), (401, "mfa_code_invalid"));
    let (status, _, _) = login(&app, "county_hrss_handler", Some(&recovery[1])).await;
    assert_eq!(status, 200);
    // Over-long input is refused before anything is counted.
    let (status, code, _) = login(&app, "county_hrss_handler", Some(&"1".repeat(40))).await;
    assert_eq!((status, code.as_str()), (422, "validation_failed"));
}

async fn wrong_codes_lock_the_account_like_wrong_passwords(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = token_of(&app, "secadmin").await;
    let (secret, _) = enroll(&app, &token).await;
    let right = totp(&app, &secret, 1);
    let wrong = if right == "999999" {
        "999998"
    } else {
        "999999"
    };
    for attempt in 1..=5 {
        let (status, code, _) = login(&app, "secadmin", Some(wrong)).await;
        let expected = if attempt < 5 {
            (401, "mfa_code_invalid")
        } else {
            (423, "account_locked")
        };
        assert_eq!((status, code.as_str()), expected, "attempt {attempt}");
    }
    let (status, code, _) = login(&app, "secadmin", Some(&right)).await;
    assert_eq!((status, code.as_str()), (423, "account_locked"));
}

async fn the_policy_names_who_must_enroll(backend: Backend) {
    let app = spawn_app(backend).await;
    let sec = token_of(&app, "secadmin").await;
    let (_, _, mut policy) = answer(app.get_as(&sec, "/api/v1/security-policy").await).await;
    assert_eq!(policy["mfa_groups"], json!([]), "the demo leaves it off");
    policy["mfa_groups"] = json!(["hrss_handler", "expert"]);
    let res = app
        .client
        .put(app.url("/api/v1/security-policy"))
        .bearer_auth(&sec)
        .json(&policy)
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), 200);

    let hrss = token_of(&app, "county_hrss_handler").await;
    let (status, code, _) = answer(app.get_as(&hrss, "/api/v1/applications").await).await;
    assert_eq!((status, code.as_str()), (403, "mfa_enrollment_required"));
    // An employer's handler is no HRSS handler; the security administrator was not named.
    let employer = token_of(&app, "county_emp_handler").await;
    assert_eq!(
        app.get_as(&employer, "/api/v1/applications").await.status(),
        200
    );
    assert_eq!(
        app.get_as(&sec, "/api/v1/security-policy").await.status(),
        200
    );
    // Enrolled, the handler works on with the same session.
    enroll(&app, &hrss).await;
    assert_eq!(
        app.get_as(&hrss, "/api/v1/applications").await.status(),
        200
    );
}

async fn an_administrator_resets_a_lost_authenticator(backend: Backend) {
    let app = spawn_app(backend).await;
    let handler = token_of(&app, "county_hrss_handler").await;
    enroll(&app, &handler).await;
    let (_, _, me) = answer(app.get_as(&handler, "/api/v1/auth/me").await).await;
    let id = me["id"].as_i64().unwrap_or_default();
    let path = format!("/api/v1/accounts/{id}/reset-mfa");

    // Outside the jurisdiction: not found, nothing changes.
    let outsider = token_of(&app, "city_emp_admin").await;
    let (status, code, _) = post(&app, &outsider, &path, json!({})).await;
    assert_eq!((status, code.as_str()), (404, "not_found"));
    assert_eq!(
        login(&app, "county_hrss_handler", None).await.1,
        "mfa_required"
    );

    let admin = token_of(&app, "county_hrss_admin").await;
    let (_, _, listed) = answer(
        app.get_as(&admin, "/api/v1/accounts?kind=handler&per_page=100")
            .await,
    )
    .await;
    let mfa_of = |items: &Value, id: i64| {
        items["items"]
            .as_array()
            .and_then(|all| all.iter().find(|a| a["id"].as_i64() == Some(id)))
            .map(|a| a["mfa_enabled"].clone())
    };
    assert_eq!(mfa_of(&listed, id), Some(json!(true)), "{listed}");
    let (status, _, account) = post(&app, &admin, &path, json!({})).await;
    assert_eq!(status, 200, "{account}");
    assert_eq!(account["id"].as_i64(), Some(id));
    assert_eq!(account["mfa_enabled"], json!(false));
    // Every session of the account ended; the password alone signs in again.
    assert_eq!(app.get_as(&handler, "/api/v1/auth/me").await.status(), 401);
    assert_eq!(login(&app, "county_hrss_handler", None).await.0, 200);
    let (status, code, _) = post(&app, &admin, &path, json!({})).await;
    assert_eq!((status, code.as_str()), (409, "conflict"));
    assert_eq!(audit_rows(&app, "account.mfa_reset", id).await, 1);
}

/// Every stored TOTP secret: (account, secret, pending secret).
async fn stored(app: &TestApp) -> Vec<(i64, Option<String>, Option<String>)> {
    app.db
        .run(|conn| {
            Ok(account_mfa::table
                .select((
                    account_mfa::account_id,
                    account_mfa::secret,
                    account_mfa::pending_secret,
                ))
                .load(conn)?)
        })
        .await
        .expect("account_mfa")
}

async fn secrets_are_sealed_at_rest_and_move_to_a_new_key(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = token_of(&app, "county_hrss_handler").await;
    let (secret, _) = enroll(&app, &token).await;
    let raw = unbase32(&secret);
    let rows = stored(&app).await;
    assert_eq!(rows.len(), 1);
    let (account, sealed, pending) = rows[0].clone();
    let sealed = sealed.expect("the secret in force");
    assert_eq!(pending, None);
    // Neither the secret nor its hex or base32 is in the database; the row names its key.
    assert!(sealed.starts_with("k1."), "{sealed}");
    for plain in [secret.clone(), backend_hex(&raw)] {
        assert!(!sealed.to_lowercase().contains(&plain.to_lowercase()));
    }
    // The key is the server's file (the test process's DATA_ENCRYPTION_KEY_FILE), not the
    // database.
    let file = crate::helpers::data_key_file();
    let one = std::fs::read_to_string(file).expect("the key file");
    let old = DataKeys::parse(&one, "test").expect("keys");
    assert_eq!(
        old.open(&sealed, &mfa_context(account)).expect("opens"),
        raw
    );

    // Rotation: a second version in the file, then `keys reencrypt` (its function).
    let two = format!("{one}2:{}\n", "ab".repeat(32));
    let new = DataKeys::parse(&two, "test").expect("keys");
    let done = app
        .db
        .run({
            let new = new.clone();
            move |conn| {
                backend::crypto::reencrypt(conn, &new).map_err(backend::error::ApiError::internal)
            }
        })
        .await
        .expect("reencrypt");
    assert_eq!((done.read, done.resealed), (1, 1));
    let rows = stored(&app).await;
    let resealed = rows[0].1.clone().expect("still on");
    assert!(resealed.starts_with("k2."), "{resealed}");
    assert_eq!(
        new.open(&resealed, &mfa_context(account)).expect("opens"),
        raw
    );
    assert!(old.open(&resealed, &mfa_context(account)).is_err());
    // Twice changes nothing more.
    let again = app
        .db
        .run(move |conn| {
            backend::crypto::reencrypt(conn, &new).map_err(backend::error::ApiError::internal)
        })
        .await
        .expect("reencrypt");
    assert_eq!((again.read, again.resealed), (1, 0));
}

fn backend_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

db_tests!(
    secrets_are_sealed_at_rest_and_move_to_a_new_key,
    the_three_administrators_enroll_before_anything_else_by_default,
    a_code_signs_in_once_and_a_recovery_code_once,
    wrong_codes_lock_the_account_like_wrong_passwords,
    the_policy_names_who_must_enroll,
    an_administrator_resets_a_lost_authenticator,
);
