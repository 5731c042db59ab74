//! Browser journey of publicity (公示, SPEC §4.3): the county employer publicises its
//! application for at least five working days, publishes it, the period elapses (the server's
//! clock moves on) and completing the batch sends the application to 单位推荐上报; a policy
//! reviewer's nominee batch appears on the public site without login.

use std::time::Duration;

use anyhow::{anyhow, ensure, Context, Result};
use e2e::{assert_absent, fill, sign_in, testids, Journey};
use fantoccini::Locator;
use serde_json::json;

/// The demo password.
const PASSWORD: &str = "Demo#Title2026";

/// How long a wait of this file may take.
const WAIT: Duration = Duration::from_secs(20);

/// The number at the end of the first `data-testid` starting with `prefix`.
async fn first_id(j: &Journey, prefix: &str) -> Result<i64> {
    j.client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!("[data-testid^='{prefix}']")))
        .await
        .with_context(|| format!("waiting for {prefix}*"))?;
    let ids = testids(j, &format!("[data-testid^='{prefix}']")).await?;
    let first = ids.first().ok_or_else(|| anyhow!("no {prefix}*"))?;
    first[prefix.len()..]
        .parse()
        .with_context(|| format!("{first} has no id"))
}

/// The id of the table row (`data-testid` = `prefix` + id) that shows `text`, once it is there
/// (a list reloads after a change: the old rows may still be shown for a moment).
async fn row_id(j: &Journey, prefix: &str, text: &str) -> Result<i64> {
    let xpath = format!("//tr[starts-with(@data-testid, '{prefix}')][contains(., '{text}')]");
    let row = j
        .client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&xpath))
        .await
        .with_context(|| format!("waiting for a {prefix}* row showing {text:?}"))?;
    row.attr("data-testid")
        .await?
        .and_then(|id| id.strip_prefix(prefix).and_then(|n| n.parse().ok()))
        .ok_or_else(|| anyhow!("the {prefix}* row has no id"))
}

/// Sets a date input to `days` after the start date the form proposes (China's today), the
/// way a date picker does (an `input` event).
async fn set_end_after_start(j: &Journey, days: i64) -> Result<String> {
    let value = j
        .client
        .execute(
            "const [days] = arguments;
             const start = document.querySelector(\"[data-testid='batch-start']\").value;
             const d = new Date(start + 'T00:00:00Z');
             d.setUTCDate(d.getUTCDate() + days);
             const end = d.toISOString().slice(0, 10);
             const input = document.querySelector(\"[data-testid='batch-end']\");
             input.value = end;
             input.dispatchEvent(new Event('input', { bubbles: true }));
             return end;",
            vec![json!(days)],
        )
        .await
        .context("setting the end date")?;
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("no end date: {value}"))
}

/// Fills the new-batch dialog with the first application offered and saves the draft;
/// answers the application's id.
async fn new_batch(j: &mut Journey, title: &str, shot: &str) -> Result<i64> {
    j.click("new-batch").await?;
    let app = first_id(j, "batch-app-").await?;
    fill(j, "batch-title", title).await?;
    fill(
        j,
        "batch-content",
        &format!("{title}：公示期内如有异议，请向本单位反映。"),
    )
    .await?;
    let end = set_end_after_start(j, 8).await?;
    j.wait_text("batch-working-days", "个工作日").await?;
    let short = j
        .find("batch-working-days")
        .await?
        .attr("data-short")
        .await?;
    ensure!(
        short.as_deref() == Some("false"),
        "today..{end} should hold at least 5 working days"
    );
    j.click(&format!("batch-app-{app}")).await?;
    j.screenshot(shot).await?;
    j.click("save-batch").await?;
    j.wait_text("alert-success", "草稿").await?;
    Ok(app)
}

/// Publishes the batch through its confirmation.
async fn publish(j: &mut Journey, batch: i64, shot: &str) -> Result<()> {
    j.click(&format!("publish-{batch}")).await?;
    j.wait_text("confirm-message", "发布").await?;
    j.screenshot(shot).await?;
    j.click("dialog-confirm").await?;
    j.wait_text("alert-success", "已发布").await?;
    j.wait_text(&format!("batch-row-{batch}"), "公示中").await?;
    Ok(())
}

async fn log_out(j: &Journey) -> Result<()> {
    j.click("logout").await?;
    j.find("page-login").await?;
    Ok(())
}

#[tokio::test]
async fn publicity_runs_its_course_in_the_browser() -> Result<()> {
    let mut j = Journey::start("publicity_journey").await?;

    // 1. The employer's application publicity: a draft with the demo application.
    j.open("/").await?;
    sign_in(&j, "county_emp_unit", PASSWORD).await?;
    j.click("menu-title-review-application_publicity").await?;
    j.find("batches-table").await?;
    j.screenshot("application-publicity-empty").await?;
    let app = new_batch(&mut j, "2026年度职称申报公示", "new-application-batch").await?;
    let batch = row_id(&j, "batch-row-", "2026年度职称申报公示").await?;
    j.wait_text(&format!("batch-row-{batch}"), "草稿").await?;
    j.screenshot("draft-saved").await?;

    // 2. Published.
    publish(&mut j, batch, "confirm-publish").await?;
    j.screenshot("published").await?;

    // 3. Completing before the period ends is refused, with the reason.
    j.click(&format!("complete-{batch}")).await?;
    j.find("dialog-confirm").await?.click().await?;
    j.wait_text("dialog-complete", "方可完成公示").await?;
    j.screenshot("complete-refused").await?;
    j.click("dialog-cancel").await?;

    // 4. The batch's page: the application with its ID number masked.
    j.click(&format!("open-batch-{batch}")).await?;
    let item = j.find(&format!("item-{app}")).await?.text().await?;
    ensure!(item.contains("**"), "the ID number is masked: {item}");
    j.screenshot("batch-detail").await?;
    log_out(&j).await?;

    // 5. The policy reviewer publishes a nominee batch; the public site lists it, no login.
    sign_in(&j, "pr_county_2026_001", PASSWORD).await?;
    j.click("menu-title-review-nominee_publicity").await?;
    j.find("batches-table").await?;
    new_batch(
        &mut j,
        "示范县中小学教师系列中级拟送评人员名单公示",
        "new-nominee-batch",
    )
    .await?;
    let nominee = row_id(&j, "batch-row-", "拟送评人员名单公示").await?;
    publish(&mut j, nominee, "confirm-publish-nominee").await?;
    log_out(&j).await?;
    j.click("link-public-publicity").await?;
    j.find(&format!("public-batch-{nominee}")).await?;
    assert_absent(&j, &format!("public-batch-{batch}")).await?;
    assert_absent(&j, "logout").await?;
    j.screenshot("public-site").await?;
    j.click(&format!("open-public-{nominee}")).await?;
    j.find("public-items").await?;
    j.screenshot("public-batch").await?;

    // 6. Twelve days later the period is over; the sessions have ended with the jump.
    j.advance_clock(12).await?;
    j.open("/publicity/application").await?;
    j.find("page-login").await?;
    sign_in(&j, "county_emp_unit", PASSWORD).await?;
    j.find(&format!("batch-row-{batch}")).await?;
    j.click(&format!("complete-{batch}")).await?;
    j.wait_text("confirm-message", "完成").await?;
    j.screenshot("confirm-complete").await?;
    j.click("dialog-confirm").await?;
    j.wait_text("alert-success", "已完成公示").await?;
    j.wait_text(&format!("batch-row-{batch}"), "公示完成")
        .await?;
    j.screenshot("completed").await?;

    // 7. The application has moved on to 单位推荐上报.
    j.click(&format!("open-batch-{batch}")).await?;
    j.wait_text(&format!("item-{app}"), "单位推荐上报").await?;
    j.screenshot("application-in-unit-recommendation").await?;
    j.finish().await
}

/// A tour of the other screens of this issue: 评审权备案 (apply, audit), 政策性审查账号 with
/// its one-time passwords, and the system administrator's 工作日历.
#[tokio::test]
async fn committee_reviewer_and_calendar_screens() -> Result<()> {
    let mut j = Journey::start("committee_screens").await?;
    j.open("/").await?;

    // The county HRSS files for review authority.
    sign_in(&j, "county_hrss_unit", PASSWORD).await?;
    j.click("menu-title-committees-authority_apply").await?;
    j.find("filings-table").await?;
    j.click("new-filing").await?;
    fill(&j, "filing-committee", "示范县中小学教师系列初级评委会").await?;
    j.client
        .find(Locator::Css(
            "select[name='series'] option[value='school_teachers']",
        ))
        .await?
        .click()
        .await?;
    j.click("filing-level-junior").await?;
    fill(&j, "filing-region", "示范县").await?;
    j.client
        .execute(
            "for (const [id, v] of [['filing-from', '2027-01-01'], ['filing-until', '2029-12-31']]) {
                 const input = document.querySelector(`[data-testid='${id}']`);
                 input.value = v;
                 input.dispatchEvent(new Event('input', { bubbles: true }));
             }",
            vec![],
        )
        .await?;
    j.wait_text("dialog-filing", "2029-12-31").await?;
    j.screenshot("filing-form").await?;
    j.click("dialog-confirm").await?;
    if let Err(e) = j.wait_text("alert-success", "已提交").await {
        j.screenshot("filing-refused").await?;
        return Err(e);
    }
    let filing = row_id(&j, "filing-row-", "初级评委会").await?;
    j.screenshot("filing-pending").await?;

    // 政策性审查账号: one new account, its password shown once.
    j.click("menu-title-accounts-personal_accounts").await?;
    j.click("tab-policy-reviewers").await?;
    j.find("reviewers-table").await?;
    j.click("new-reviewers").await?;
    fill(&j, "reviewer-name", "政策性审查").await?;
    j.screenshot("reviewers-form").await?;
    j.click("dialog-confirm").await?;
    j.find("reviewer-passwords").await?;
    j.wait_text("passwords-once", "只显示一次").await?;
    j.screenshot("reviewer-passwords").await?;
    j.click("dialog-confirm").await?;
    j.find("reviewers-table").await?;
    j.screenshot("reviewers").await?;
    log_out(&j).await?;

    // The city HRSS rejects the filing: an opinion is required.
    sign_in(&j, "city_hrss_unit", PASSWORD).await?;
    j.click("menu-title-committees-authority_audit").await?;
    j.click(&format!("reject-filing-{filing}")).await?;
    j.click("dialog-confirm").await?;
    j.wait_text("dialog-decide-filing", "审核意见").await?;
    fill(&j, "dialog-opinion", "评审范围与已备案的评委会重叠").await?;
    j.screenshot("reject-filing").await?;
    j.click("dialog-confirm").await?;
    j.wait_text("alert-success", "审核不通过").await?;
    j.screenshot("filing-rejected").await?;
    log_out(&j).await?;

    // The system administrator's calendar.
    sign_in(&j, "sysadmin", PASSWORD).await?;
    j.click("nav-calendar").await?;
    j.find("calendar-table").await?;
    j.click("calendar-add").await?;
    j.client
        .execute(
            "const input = document.querySelector(\"[data-testid='calendar-day']\");
             input.value = '2026-12-31'; input.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![],
        )
        .await?;
    fill(&j, "calendar-name", "示范假日").await?;
    j.click("dialog-confirm").await?;
    j.wait_text("calendar-row-2026-12-31", "示范假日").await?;
    j.screenshot("calendar").await?;
    j.finish().await
}
