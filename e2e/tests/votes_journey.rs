//! Issue 11: a review session of the demo committee votes — the group leader opens the group
//! vote, votes and closes it in the browser (the other experts' group votes through the API);
//! the organising unit opens the committee vote on the session page; five members' ballots go
//! through the API and two members vote in the browser; the director tallies; the vote sheet
//! shows the result with its verified digest and downloads as XLSX with the same rows; the tally
//! results list finds the session's applicants by the filter in its URL.
//!
//! The session comes from `backend generate vote-session` (the draw, sign-in, distribution and
//! reviews are other journeys' and tests' business): one group, three applicants with their
//! reviews completed, seven demo experts signed in, `expert_demo` director and leader.

use std::io::Cursor;

use anyhow::{anyhow, ensure, Context, Result};
use calamine::{open_workbook_from_rs, Reader, Xlsx};
use e2e::{download, log_out, sign_in_as, Journey, PASSWORD};
use serde_json::{json, Value};

const ORGANISER: &str = "county_hrss_unit";

/// A fetch from the page with a bearer token: (status, body).
async fn api(j: &Journey, token: &str, path: &str, body: &Value) -> Result<(u64, Value)> {
    let script = r#"
        const [token, path, body, done] = arguments;
        fetch(path, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + token },
            body: JSON.stringify(body),
        }).then(async (r) => done([r.status, await r.json().catch(() => null)]),
                (e) => done([0, String(e)]));
    "#;
    let answer = j
        .client
        .execute_async(script, vec![json!(token), json!(path), body.clone()])
        .await
        .with_context(|| format!("POST {path}"))?;
    let status = answer[0].as_u64().unwrap_or(0);
    Ok((status, answer[1].clone()))
}

/// An access token of a demo account, from a login through fetch (its own session).
async fn token(j: &Journey, username: &str) -> Result<String> {
    let script = r#"
        const [username, password, done] = arguments;
        fetch('/api/v1/auth/login', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ username, password }),
        }).then((r) => r.json()).then((b) => done(b), (e) => done({ error: String(e) }));
    "#;
    let answer = j
        .client
        .execute_async(script, vec![json!(username), json!(PASSWORD)])
        .await?;
    answer["access_token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("no token for {username}: {answer}"))
}

fn votes(apps: &[i64], choices: &[&str]) -> Value {
    json!({ "votes": apps.iter().zip(choices).map(|(a, c)| json!({"application_id": a, "choice": c})).collect::<Vec<_>>() })
}

/// Picks a choice per applicant on the open ballot table, submits, confirms, and waits until
/// every row says 已投票.
async fn vote_in_browser(j: &Journey, apps: &[i64], choices: &[&str], submit: &str) -> Result<()> {
    for (a, c) in apps.iter().zip(choices) {
        j.click(&format!("vote-{a}-{c}")).await?;
    }
    j.click(submit).await?;
    j.find("dialog-confirm").await?;
    j.click("confirm-yes").await?;
    for a in apps {
        j.find(&format!("voted-{a}")).await?;
    }
    Ok(())
}

#[tokio::test]
async fn a_session_votes_in_its_group_and_committee_and_is_tallied() -> Result<()> {
    let mut j = Journey::start("votes").await?;
    let made: Value = serde_json::from_str(&j.backend_cli(&["generate", "vote-session"]).await?)
        .context("the generated session")?;
    let session = made["session_id"]
        .as_i64()
        .ok_or_else(|| anyhow!("{made}"))?;
    let group = made["group_id"].as_i64().ok_or_else(|| anyhow!("{made}"))?;
    let apps: Vec<i64> = serde_json::from_value(made["application_ids"].clone())?;
    let members: Vec<String> = serde_json::from_value(made["members"].clone())?;
    ensure!(apps.len() == 3 && members.len() == 7, "the session: {made}");

    // 1. The leader opens the group vote (every review is complete), votes, and waits for the
    //    others.
    sign_in_as(&j, &members[0]).await?;
    j.open(&format!("/online/groups/{group}/vote")).await?;
    j.wait_text("gv-reviews", "3/3").await?;
    j.screenshot("group-vote-before").await?;
    j.click("gv-open").await?;
    j.find("dialog-confirm").await?;
    j.click("confirm-yes").await?;
    j.find(&format!("vote-{}-agree", apps[0])).await?;
    vote_in_browser(&j, &apps, &["agree", "agree", "disagree"], "gv-submit").await?;
    for m in &members[1..] {
        let t = token(&j, m).await?;
        let (s, body) = api(
            &j,
            &t,
            &format!("/api/v1/review-groups/{group}/group-vote/votes"),
            &votes(&apps, &["agree", "agree", "disagree"]),
        )
        .await?;
        ensure!(s == 200, "{m}'s group vote: {s} {body}");
    }
    // 组内统票: the recommendation per applicant (7 agree of 7 on the first).
    j.open(&format!("/online/groups/{group}/vote")).await?;
    j.wait_text(&format!("cast-{}", apps[0]), "7").await?;
    j.click("gv-close").await?;
    j.find("dialog-confirm").await?;
    j.click("confirm-yes").await?;
    j.wait_text(&format!("rec-{}", apps[0]), "7").await?;
    j.screenshot("group-vote-closed").await?;
    log_out(&j).await?;

    // 2. The organising unit opens the committee vote on the session page.
    sign_in_as(&j, ORGANISER).await?;
    j.open(&format!("/online/sessions/{session}")).await?;
    j.click("open-committee-vote").await?;
    j.find("dialog-confirm").await?;
    j.click("confirm-yes").await?;
    j.find("committee-vote-link").await?;
    j.screenshot("session-committee-voting").await?;
    log_out(&j).await?;

    // 3. Five members vote through the API: the first applicant 7 of 7, the second exactly the
    //    2/3 bound (5 of 7), the third below it.
    let api_choices: [[&str; 3]; 5] = [
        ["agree", "agree", "abstain"],
        ["agree", "agree", "disagree"],
        ["agree", "agree", "disagree"],
        ["agree", "disagree", "disagree"],
        ["agree", "disagree", "agree"],
    ];
    for (m, choices) in members[2..].iter().zip(api_choices) {
        let t = token(&j, m).await?;
        let (s, body) = api(
            &j,
            &t,
            &format!("/api/v1/review-sessions/{session}/committee-vote/ballots"),
            &votes(&apps, &choices),
        )
        .await?;
        ensure!(s == 200, "{m}'s ballot: {s} {body}");
        ensure!(
            !body.to_string().contains("\"choice\""),
            "a cast answers no choice: {body}"
        );
    }

    // 4. A member votes in the browser.
    sign_in_as(&j, &members[1]).await?;
    j.open(&format!("/online/sessions/{session}/ballot"))
        .await?;
    j.find("cv-secret").await?;
    vote_in_browser(&j, &apps, &["agree", "agree", "disagree"], "cv-submit").await?;
    j.screenshot("ballot-cast").await?;
    log_out(&j).await?;

    // 5. The director votes, then tallies: the vote sheet.
    sign_in_as(&j, &members[0]).await?;
    j.open(&format!("/online/sessions/{session}/ballot"))
        .await?;
    vote_in_browser(&j, &apps, &["agree", "agree", "disagree"], "cv-submit").await?;
    j.click("cv-tally").await?;
    j.find("dialog-confirm").await?;
    j.click("confirm-yes").await?;
    j.find("page-vote-sheet").await?;
    j.wait_text("sheet-attending", "7").await?;
    j.wait_text("sheet-ballots", "21").await?;
    j.wait_text("sheet-passed", "2").await?;
    let passed = j
        .wait_text(&format!("sheet-result-{}", apps[1]), "通过")
        .await?
        .text()
        .await?;
    ensure!(
        !passed.contains("未通过"),
        "5 agree of 7 attending is the 2/3 bound and passes: {passed}"
    );
    j.wait_text(&format!("sheet-result-{}", apps[2]), "未通过")
        .await?;
    j.find("sheet-digest-ok").await?;
    j.screenshot("vote-sheet").await?;

    // 6. 导出: the XLSX has the sheet's rows.
    let bytes = download(&j, "btn-export").await?;
    ensure!(bytes.starts_with(b"PK"), "an XLSX (zip) file");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))?;
    let sheet = book
        .worksheet_range_at(0)
        .ok_or_else(|| anyhow!("no sheet"))??;
    let text: Vec<String> = sheet
        .rows()
        .map(|r| {
            r.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    for name in ["林表决", "赵表决", "钱表决"] {
        ensure!(
            text.iter().any(|row| row.contains(name)),
            "the XLSX has a row for {name}: {text:?}"
        );
    }
    ensure!(
        text.iter()
            .any(|row| row.contains("钱表决") && row.contains("未通过")),
        "the third applicant did not pass: {text:?}"
    );
    log_out(&j).await?;

    // 7. 统票结果, filtered to the session in the URL.
    sign_in_as(&j, ORGANISER).await?;
    j.open(&format!("/online/tally-results?session_id={session}"))
        .await?;
    j.wait_text("tally-results-table", "钱表决").await?;
    j.wait_text("tally-results-table", "林表决").await?;
    j.screenshot("tally-results").await?;
    j.finish().await
}
