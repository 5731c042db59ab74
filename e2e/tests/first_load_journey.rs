//! First load, measured in the browser with the Performance API, each with an empty cache (a
//! fresh Chromium profile per journey): the sign-in page, and an applicant's home page opened
//! with a session already in the tab. Prints the time to the first screen and the wasm/js bytes
//! transferred; fails above 1 s. Also: moving from the portal entry to a title screen is a full
//! page load into the title entry that keeps the session and the locale, and so is a move
//! between the title entry and the publicity entry (issue 8; entries by audience).
//!
//! `cargo test -p e2e --test first_load_journey -- --nocapture` prints the figures
//! (docs/PERFORMANCE.md records them).

use anyhow::{ensure, Context, Result};
use e2e::{check_load, measure, print_load, sign_in, Journey, PASSWORD};
use serde_json::{json, Value};

/// The county applicant of the demo province (no application: a light home page).
const APPLICANT: &str = "520121199001011239";

#[tokio::test]
async fn the_sign_in_page_loads_within_a_second_with_an_empty_cache() -> Result<()> {
    let mut j = Journey::start("first_load_sign_in").await?;
    j.open("/login").await?;
    let figures = measure(&j, "login-username").await?;
    print_load("sign-in page", &figures);
    j.screenshot("sign-in-1366").await?;
    check_load("sign-in page", &figures, "portal")?;

    // A phone: the menu hides behind the top bar's button, which opens and closes it.
    j.client.set_window_size(390, 844).await?;
    let toggle = j.find("menu-toggle").await?;
    ensure!(toggle.is_displayed().await?, "no menu button at 390 px");
    ensure!(
        toggle.attr("aria-expanded").await?.as_deref() == Some("false"),
        "the menu starts open at 390 px"
    );
    let menu = j.find("nav-home").await?;
    ensure!(
        !menu.is_displayed().await?,
        "the menu is shown before it is opened"
    );
    j.screenshot("sign-in-390").await?;
    j.click("menu-toggle").await?;
    ensure!(
        j.find("menu-toggle")
            .await?
            .attr("aria-expanded")
            .await?
            .as_deref()
            == Some("true"),
        "the menu button does not say the menu is open"
    );
    ensure!(
        j.find("nav-home").await?.is_displayed().await?,
        "the opened menu is not shown"
    );
    j.screenshot("sign-in-390-menu").await?;
    j.client.set_window_size(1366, 768).await?;
    ensure!(
        !j.find("menu-toggle").await?.is_displayed().await?,
        "the menu button stays at 1366 px"
    );
    j.finish().await
}

#[tokio::test]
async fn an_applicants_home_loads_within_a_second_with_an_empty_cache() -> Result<()> {
    let mut j = Journey::start("first_load_home").await?;
    signed_in_tab(&j, APPLICANT).await?;
    j.open("/").await?;
    let figures = measure(&j, "todo-count-mine").await?;
    print_load("applicant home", &figures);
    j.screenshot("applicant-home").await?;
    check_load("applicant home", &figures, "portal")?;
    j.finish().await
}

/// An expert on a phone opens the dossiers waiting for them: the reviewer entry alone (the
/// organising unit's session screens are another entry), within a second.
#[tokio::test]
async fn an_experts_reviews_load_on_a_phone_within_a_second() -> Result<()> {
    let mut j = Journey::start("first_load_reviewer").await?;
    j.client.set_window_size(390, 844).await?;
    signed_in_tab(&j, "expert_demo").await?;
    j.open("/online/reviews").await?;
    let figures = measure(&j, "or-reviews-panel").await?;
    print_load("expert reviews (390 px)", &figures);
    j.screenshot("expert-reviews-390").await?;
    check_load("expert reviews", &figures, "reviewer")?;
    j.finish().await
}

/// Signs `username` in through the API on a page of the origin that loads none of the SPA, and
/// puts the refresh token where the SPA keeps it, as after a sign-in in this tab.
async fn signed_in_tab(j: &Journey, username: &str) -> Result<()> {
    j.open("/api/health").await?;
    let stored = j
        .client
        .execute_async(
            r#"
            const [username, password, done] = arguments;
            fetch('/api/v1/auth/login', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ username, password }),
            }).then((r) => r.json()).then((b) => {
                if (!b.refresh_token) { done({ error: JSON.stringify(b) }); return; }
                sessionStorage.setItem('zc.refresh', b.refresh_token);
                done({ ok: true });
            }, (e) => done({ error: String(e) }));
            "#,
            vec![json!(username), json!(PASSWORD)],
        )
        .await
        .context("signing in through the API")?;
    ensure!(stored.get("ok").is_some(), "API sign-in failed: {stored}");
    Ok(())
}

#[tokio::test]
async fn moving_from_the_portal_to_a_title_screen_keeps_session_and_locale() -> Result<()> {
    let mut j = Journey::start("entry_switch").await?;
    j.open("/login").await?;
    sign_in(&j, APPLICANT, PASSWORD).await?;
    j.find("home-welcome").await?;
    j.click("locale-switch").await?;
    j.wait_lang("en").await?;
    // A mark in this document: gone after a full page load.
    j.client
        .execute("window.__portalDocument = true;", vec![])
        .await?;
    j.click("menu-title-review-my_applications").await?;
    j.find("list-my-apps").await?;
    j.wait_lang("en").await?;
    let state = j
        .client
        .execute(
            "return { mark: window.__portalDocument === true, \
                      wasm: performance.getEntriesByType('resource')\
                        .map((r) => new URL(r.name).pathname).filter((p) => p.endsWith('.wasm')) };",
            vec![],
        )
        .await?;
    ensure!(
        state.get("mark") == Some(&json!(false)),
        "the title screen was rendered by the portal document: {state}"
    );
    let wasm = state
        .get("wasm")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    ensure!(
        wasm.len() == 1
            && wasm[0]
                .as_str()
                .is_some_and(|p| p.starts_with("/assets/title-")),
        "the title screen did not load the title entry: {state}"
    );
    // Still signed in as the applicant, without a new login.
    let name = j.find("user-name").await?.text().await?;
    ensure!(!name.trim().is_empty(), "no signed-in user after the move");
    j.screenshot("title-entry-en").await?;
    // And back: the portal's home, same session, same locale.
    j.click("nav-home").await?;
    j.find("home-welcome").await?;
    j.wait_lang("en").await?;
    j.finish().await
}

/// The wasm files the current document loaded, and whether `window.__mark` survived.
async fn document_state(j: &Journey) -> Result<(bool, Vec<String>)> {
    let state = j
        .client
        .execute(
            "return { mark: window.__mark === true, \
                      wasm: performance.getEntriesByType('resource')\
                        .map((r) => new URL(r.name).pathname).filter((p) => p.endsWith('.wasm')) };",
            vec![],
        )
        .await?;
    let wasm = state
        .get("wasm")
        .and_then(Value::as_array)
        .map(|names| {
            names
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Ok((state.get("mark") == Some(&json!(true)), wasm))
}

/// Checks that the document is a fresh load of `entry` alone, then marks it.
async fn expect_entry(j: &Journey, entry: &str) -> Result<()> {
    let (mark, wasm) = document_state(j).await?;
    ensure!(
        !mark,
        "the {entry} screen was rendered by the previous document"
    );
    ensure!(
        wasm.len() == 1 && wasm[0].starts_with(&format!("/assets/{entry}-")),
        "expected only the {entry} entry's wasm, loaded {wasm:?}"
    );
    j.client.execute("window.__mark = true;", vec![]).await?;
    Ok(())
}

#[tokio::test]
async fn moving_between_the_title_and_publicity_entries_keeps_session_and_locale() -> Result<()> {
    let mut j = Journey::start("title_publicity_switch").await?;
    j.open("/login").await?;
    sign_in(&j, "county_emp_unit", PASSWORD).await?;
    j.find("home-welcome").await?;
    j.click("locale-switch").await?;
    j.wait_lang("en").await?;
    j.client.execute("window.__mark = true;", vec![]).await?;
    // The employer's verification queue: the title entry.
    j.click("menu-title-review-unit_verification").await?;
    j.find("list-queue").await?;
    j.wait_lang("en").await?;
    expect_entry(&j, "title").await?;
    // Its application publicity: the publicity entry, same session and locale.
    j.click("menu-title-review-application_publicity").await?;
    j.find("batches-table").await?;
    j.wait_lang("en").await?;
    expect_entry(&j, "publicity").await?;
    let name = j.find("user-name").await?.text().await?;
    ensure!(!name.trim().is_empty(), "no signed-in user after the move");
    j.screenshot("publicity-entry-en").await?;
    // And back to the queue: the title entry again.
    j.click("menu-title-review-unit_verification").await?;
    j.find("list-queue").await?;
    j.wait_lang("en").await?;
    expect_entry(&j, "title").await?;
    // A bookmark of a publicity screen opened in a new document lands in the publicity entry.
    j.open("/publicity/application").await?;
    j.find("batches-table").await?;
    expect_entry(&j, "publicity").await?;
    j.finish().await
}
