//! Browser journeys of the title-application workflow: the applicant creates and submits an
//! application, the employer verifies it in its queue (batch), and an employer's approval is
//! withdrawn and turned into a return the applicant reads in the timeline. Accounts come from
//! the backend's demo province; the county applicant `520121199001011239` has no application.

use anyhow::Result;
use e2e::{create_and_submit, fill, log_out, sign_in_as, wait_css, wait_stage, Journey};

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
    j.find("todo-count-unit_verification").await?;
    j.screenshot("employer-home-todo").await?;
    j.click("menu-title-review-unit_verification").await?;
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
