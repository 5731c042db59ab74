//! Issue 11: a review session of the demo committee votes — the group leader opens the group
//! vote, votes and closes it in the browser (the other experts' group votes through the API);
//! the organising unit opens the committee vote on the session page; five members' ballots go
//! through the API and two members vote in the browser; the director tallies; the vote sheet
//! shows the result with its verified digest and downloads as XLSX with the same rows; the tally
//! results list finds the session's applicants by the filter in its URL; the result publicity
//! of the two who passed runs on the public site and completes when the server's clock has
//! moved past its period; the organising unit files the session with its four kinds of file
//! and the city HRSS approves the filing with a 批准文号, which issues the certificates of the two
//! who passed; the applicant sees 评审通过 and prints the certificate from 我的证书.
//!
//! The session comes from `backend generate vote-session` (the draw, sign-in, distribution and
//! reviews are other journeys' and tests' business): one group, three applicants with their
//! reviews completed, seven demo experts signed in, `expert_demo` director and leader.

use std::io::Cursor;

use anyhow::{anyhow, ensure, Context, Result};
use calamine::{open_workbook_from_rs, Reader, Xlsx};
use e2e::{
    assert_absent, choose_file, choose_value, complete, download, fill, log_out, publish, row_id,
    set_period, sign_in, sign_in_as, wait_stage, Journey, PASSWORD,
};
use serde_json::{json, Value};

const ORGANISER: &str = "county_hrss_unit";
/// The HRSS above the organising unit: it audits the review filing.
const AUDITOR: &str = "city_hrss_unit";
/// The 批准文号 the approval gives the certificates it issues.
const APPROVAL_DOCUMENT: &str = "示人社职〔2026〕18号";

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

    // 8. 评审结果公示: a batch of the tallied session holds the two who passed, never the one
    //    who failed; published, it is on the public site with the outcome 通过.
    j.open("/publicity/result").await?;
    j.find("batches-table").await?;
    j.click("new-batch").await?;
    j.click(&format!("batch-session-{session}")).await?;
    set_period(&j, 8).await?;
    let title = "2026年度中小学教师系列中级职称评审结果公示（表决演示）";
    fill(&j, "batch-title", title).await?;
    fill(
        &j,
        "batch-content",
        "经评委会评审表决，下列同志评审通过，现予公示。公示期内如有异议，请向评委会组建单位反映。",
    )
    .await?;
    j.screenshot("result-batch-form").await?;
    j.click("dialog-submit").await?;
    j.wait_text("alert-success", "草稿").await?;
    let batch = row_id(&j, "row-", title).await?;
    publish(&mut j, batch, "result-batch-publish").await?;
    log_out(&j).await?;
    j.open(&format!("/public/publicity/{batch}")).await?;
    j.find("public-items").await?;
    for app in &apps[..2] {
        j.wait_text(&format!("outcome-{app}"), "通过").await?;
    }
    assert_absent(&j, &format!("item-{}", apps[2])).await?;
    let listed = j.find("public-items").await?.text().await?;
    let applicants: Vec<String> = serde_json::from_value(made["applicants"].clone())?;
    ensure!(
        listed.contains("**") && applicants.iter().all(|a| !listed.contains(a.as_str())),
        "the public list masks the ID numbers: {listed}"
    );
    j.screenshot("result-publicity-public").await?;

    // 9. Twelve days later the period is over: completing the batch makes both 评审通过.
    j.advance_clock(12).await?;
    j.open("/publicity/result").await?;
    j.find("page-login").await?;
    sign_in(&j, ORGANISER, PASSWORD).await?;
    j.find(&format!("row-{batch}")).await?;
    complete(&mut j, batch, "result-batch-complete").await?;

    // 10. 评审工作备案: the organising unit files the session with the four kinds of file, and
    //     申报 once none is missing.
    j.open("/online/filings").await?;
    j.click("new-rf").await?;
    choose_value(&j, "input-session_id", &session.to_string()).await?;
    fill(
        &j,
        "rf-note",
        "示范县中小学教师系列中级评委会2026年度评审工作备案。",
    )
    .await?;
    j.click("dialog-submit").await?;
    j.find("page-review-filing").await?;
    j.find("rf-submit").await?;
    for kind in [
        "committee_notice",
        "result_list",
        "publicity_explanation",
        "qualification_document",
    ] {
        let file = pdf(&format!("{kind}.pdf"))?;
        choose_file(&j, &format!("rf-file-{kind}"), &file).await?;
        j.wait_text(&format!("rf-slot-{kind}"), ".pdf").await?;
    }
    assert_absent(&j, "rf-missing").await?;
    j.screenshot("filing-files").await?;
    j.click("rf-submit").await?;
    j.wait_text("confirm-message", "申报").await?;
    j.click("confirm-yes").await?;
    j.wait_text("or-ok", "待审核").await?;
    let filing = current_path_id(&j).await?;
    j.screenshot("filing-submitted").await?;
    log_out(&j).await?;

    // 11. The city HRSS approves it: 审核通过.
    sign_in_as(&j, AUDITOR).await?;
    j.open("/online/filings?status=submitted").await?;
    j.find(&format!("filing-{filing}")).await?;
    j.screenshot("filings-to-audit").await?;
    j.click(&format!("filing-{filing}")).await?;
    j.click("rf-approve").await?;
    fill(&j, "input-approval_document", APPROVAL_DOCUMENT).await?;
    fill(&j, "dialog-opinion", "材料齐全，同意备案。").await?;
    j.click("dialog-submit").await?;
    j.wait_text("rf-opinion", "同意备案").await?;
    j.wait_text("page-review-filing", "审核通过").await?;
    // The approval issues the certificates of the two who passed, with the 批准文号.
    j.wait_text("rf-approval-document", APPROVAL_DOCUMENT)
        .await?;
    j.wait_text("rf-certificates-issued", "2").await?;
    j.screenshot("filing-approved").await?;
    log_out(&j).await?;

    // 12. The first applicant sees the outcome: 评审通过, and the certificate under 我的证书,
    // which prints with its QR code and the approval document.
    sign_in_as(&j, &applicants[0]).await?;
    j.open(&format!("/title/applications/{}", apps[0])).await?;
    wait_stage(&j, "passed").await?;
    j.screenshot("applicant-passed").await?;
    j.open("/title/my-applications").await?;
    let links = "[data-testid='my-certificates-table'] [data-testid^='print-']";
    e2e::wait_css(&j, links).await?;
    let ids = e2e::testids(&j, links).await?;
    let certificate: i64 = ids
        .first()
        .and_then(|t| t.strip_prefix("print-"))
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| anyhow!("no certificate under 我的证书: {ids:?}"))?;
    j.screenshot("applicant-certificates").await?;
    j.click(&format!("print-{certificate}")).await?;
    j.wait_text("cert-approval-document", APPROVAL_DOCUMENT)
        .await?;
    e2e::wait_css(
        &j,
        "[data-testid='certificate'][data-status='valid'] [data-testid='cert-qr'][src^='data:image/svg+xml;base64,']",
    )
    .await?;
    j.screenshot("applicant-certificate-print").await?;
    j.finish().await
}

/// A small PDF in the temporary folder.
fn pdf(name: &str) -> Result<std::path::PathBuf> {
    let path = std::env::temp_dir().join(format!("{}-{name}", std::process::id()));
    let mut body = b"%PDF-1.7\n".to_vec();
    body.extend(std::iter::repeat_n(b'x', 400));
    std::fs::write(&path, body).context("writing a PDF")?;
    Ok(path)
}

/// The id at the end of the page's path (`/online/filings/7` → 7).
async fn current_path_id(j: &Journey) -> Result<i64> {
    let url = j.client.current_url().await?;
    url.path()
        .rsplit('/')
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| anyhow!("no id in {url}"))
}
