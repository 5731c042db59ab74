//! Browser journeys of the title-application workflow: the applicant creates and submits an
//! application, the employer learns of it in its inbox (站内通知) and verifies it in its queue
//! (batch), and an employer's approval is withdrawn and turned into a return the applicant
//! reads in the timeline. Accounts come from the backend's demo province; the county applicant
//! `520121199001011239` has no application.

use anyhow::{anyhow, ensure, Result};
use e2e::{
    assert_absent, create_and_submit, fill, log_out, sign_in_as, wait_css, wait_stage, Journey,
};

/// The county applicant kept free of applications in the demo.
const APPLICANT: &str = "520121199001011239";

/// The county employer's unit account.
const EMPLOYER: &str = "county_emp_unit";

/// Applicant → employer verification (a batch of one from the queue).
#[tokio::test]
async fn applicant_to_superior_review_in_the_browser() -> Result<()> {
    let mut j = Journey::start("workflow").await?;
    let id = create_and_submit(&mut j, APPLICANT, true).await?;
    log_out(&j).await?;

    sign_in_as(&j, EMPLOYER).await?;
    // The home page counts the queue (the list's own count, from the server's to-dos).
    let waiting: i64 = j
        .find("todo-count-unit_verification")
        .await?
        .text()
        .await?
        .parse()?;
    ensure!(waiting >= 1, "the verification queue counts {waiting}");
    j.screenshot("employer-home-todo").await?;

    // The submission told the unit: the top bar counts it, the inbox lists it (unread only,
    // a filter in the URL), and opening it marks it read on the way to the application.
    let before = unread(&j).await?;
    ensure!(before >= 1, "the top bar counts {before} unread notices");
    j.click("inbox-link").await?;
    j.find("list-inbox").await?;
    j.click("filter-unread").await?;
    j.click("btn-search").await?;
    let url = j.client.current_url().await?;
    ensure!(
        url.query() == Some("unread=true"),
        "the filter is not in {url}"
    );
    let notice = format!("[data-testid='inbox-table'] a[href='/title/applications/{id}']");
    let open = wait_css(&j, &notice)
        .await?
        .attr("data-testid")
        .await?
        .ok_or_else(|| anyhow!("the notice's link has no test id"))?;
    let row = open.replace("open-", "row-");
    wait_css(&j, &format!("[data-testid='{row}'][data-status='unread']")).await?;
    j.screenshot("employer-inbox").await?;
    j.click(&open).await?;
    // The application's page is the title entry's: a new document.
    j.find("app-stage").await?;
    wait_stage(&j, "unit_verification").await?;
    wait_unread(&j, before - 1).await?;
    j.screenshot("employer-notice-opened").await?;

    // Read now: listed as read, gone from the unread ones (a pasted link keeps the filter);
    // 全部标为已读 reads the rest and the badge goes.
    j.click("inbox-link").await?;
    j.find("list-inbox").await?;
    wait_css(&j, &format!("[data-testid='{row}'][data-status='read']")).await?;
    j.open("/inbox?unread=true").await?;
    wait_css(&j, "[data-testid='inbox-table'][aria-busy='false']").await?;
    assert_absent(&j, &row).await?;
    j.click("btn-read-all").await?;
    j.wait_text("alert-success", "已标为已读").await?;
    j.find("table-empty").await?;
    wait_unread(&j, 0).await?;
    wait_css(
        &j,
        "[data-testid='inbox-link'] [data-testid='inbox-unread'][hidden]",
    )
    .await?;
    j.screenshot("employer-inbox-all-read").await?;

    // The to-do card leads to the queue.
    j.open("/").await?;
    j.click("todo-unit_verification").await?;
    j.find("list-queue").await?;
    j.find(&format!("row-{id}")).await?;
    j.click(&format!("check-{id}")).await?;
    j.find("batch-unit_approve").await?;
    j.screenshot("employer-queue-checked").await?;
    j.click("batch-unit_approve").await?;
    j.find("dialog-action").await?;
    fill(&j, "dialog-opinion", "材料齐全，同意").await?;
    j.click("dialog-submit").await?;
    wait_css(
        &j,
        &format!("[data-testid='batch-result-{id}'][data-ok='true']"),
    )
    .await?;
    j.find("batch-results").await?;
    j.screenshot("employer-batch-results").await?;

    // The queue no longer lists it as to-do; its page shows the publicity stage.
    j.open(&format!("/title/applications/{id}")).await?;
    wait_stage(&j, "application_publicity").await?;
    wait_css(
        &j,
        "[data-testid='timeline-item'][data-action='unit_approve']",
    )
    .await?;
    j.screenshot("employer-detail-publicity").await?;
    // One fewer waits on the home page.
    j.open("/").await?;
    j.wait_text("todo-count-unit_verification", &(waiting - 1).to_string())
        .await?;
    j.finish().await
}

/// The employer approves, withdraws (back to verification), then rejects with an opinion; the
/// applicant reads it on the application and in the timeline.
#[tokio::test]
async fn withdraw_and_return_in_the_browser() -> Result<()> {
    let mut j = Journey::start("workflow-return").await?;
    let id = create_and_submit(&mut j, APPLICANT, false).await?;
    log_out(&j).await?;

    sign_in_as(&j, EMPLOYER).await?;
    j.click("menu-title-review-unit_verification").await?;
    j.click(&format!("open-{id}")).await?;
    wait_stage(&j, "unit_verification").await?;
    j.click("action-unit_approve").await?;
    j.find("dialog-action").await?;
    j.click("dialog-submit").await?;
    wait_stage(&j, "application_publicity").await?;
    j.find("alert-success").await?;
    j.screenshot("approved").await?;

    j.click("action-withdraw").await?;
    j.find("dialog-action").await?;
    j.click("dialog-submit").await?;
    // 撤回 is asked once, the action where the verb goes and the application's name after it.
    j.wait_text("confirm-message", "确定要撤回“").await?;
    j.screenshot("withdraw-confirm").await?;
    j.click("confirm-yes").await?;
    wait_stage(&j, "unit_verification").await?;

    j.click("action-unit_reject").await?;
    j.find("dialog-action").await?;
    // Without an opinion the dialog refuses.
    j.click("dialog-submit").await?;
    j.wait_text("alert-error", "意见").await?;
    fill(&j, "dialog-opinion", "缺少学历证书扫描件，请补充后重新提交").await?;
    j.screenshot("reject-dialog").await?;
    j.click("dialog-submit").await?;
    j.find("confirm-message").await?;
    j.click("confirm-yes").await?;
    wait_stage(&j, "returned").await?;
    wait_css(
        &j,
        "[data-testid='timeline-item'][data-action='unit_approve'].timeline-withdrawn",
    )
    .await?;
    j.screenshot("returned-employer").await?;
    log_out(&j).await?;

    sign_in_as(&j, APPLICANT).await?;
    j.click("menu-title-review-my_applications").await?;
    wait_css(
        &j,
        &format!("[data-testid='row-{id}'][data-status='returned']"),
    )
    .await?;
    j.screenshot("applicant-list-returned").await?;
    j.click(&format!("open-{id}")).await?;
    wait_stage(&j, "returned").await?;
    j.wait_text("return-opinion", "缺少学历证书扫描件").await?;
    j.wait_text("timeline-opinion", "缺少学历证书扫描件")
        .await?;
    j.find("action-submit").await?;
    j.screenshot("applicant-sees-opinion").await?;
    j.client
        .execute(
            "document.querySelector('[data-testid=timeline]').scrollIntoView()",
            vec![],
        )
        .await?;
    j.screenshot("applicant-timeline").await?;
    j.finish().await
}

/// The top bar's unread count, once it is known.
async fn unread(j: &Journey) -> Result<i64> {
    wait_css(j, "[data-testid='inbox-unread'][data-count]")
        .await?
        .attr("data-count")
        .await?
        .and_then(|count| count.parse().ok())
        .ok_or_else(|| anyhow!("the unread count is not a number"))
}

/// Waits until the top bar's unread count is `count`.
async fn wait_unread(j: &Journey, count: i64) -> Result<()> {
    wait_css(
        j,
        &format!("[data-testid='inbox-unread'][data-count='{count}']"),
    )
    .await
    .map(drop)
}
