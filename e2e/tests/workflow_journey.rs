//! Browser journeys of the title-application workflow: the applicant creates and submits an
//! application, the employer verifies it in its queue (batch), and an employer's approval is
//! withdrawn and turned into a return the applicant reads in the timeline. Accounts come from
//! the backend's demo province; the county applicant `520121199001011239` has no application.

use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use e2e::{fill, sign_in, Journey};
use fantoccini::{elements::Element, Locator};

/// How long a wait of this file may take.
const WAIT: Duration = Duration::from_secs(20);

/// The demo password of every demo account.
const PASSWORD: &str = "Demo#Title2026";

/// The county applicant kept free of applications in the demo.
const APPLICANT: &str = "520121199001011239";

/// The county employer's unit account.
const EMPLOYER: &str = "county_emp_unit";

/// The element matching `css`, waited for.
async fn wait_css(j: &Journey, css: &str) -> Result<Element> {
    j.client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .with_context(|| format!("waiting for {css}"))
}

/// Waits until the detail page shows the application in `stage`.
async fn wait_stage(j: &Journey, stage: &str) -> Result<()> {
    wait_css(
        j,
        &format!("[data-testid='app-stage'][data-stage='{stage}']"),
    )
    .await
    .map(drop)
}

/// Waits until the input `testid` holds `value` (Yew sets the property, not the attribute).
async fn wait_value(j: &Journey, testid: &str, value: &str) -> Result<()> {
    let input = j.find(testid).await?;
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let now = input.prop("value").await?.unwrap_or_default();
        if now == value {
            return Ok(());
        }
        anyhow::ensure!(
            std::time::Instant::now() < deadline,
            "{testid} holds {now:?}, not {value:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Picks the option of the select `testid` with this value.
async fn choose_value(j: &Journey, testid: &str, value: &str) -> Result<()> {
    wait_css(
        j,
        &format!("select[data-testid='{testid}'] option[value='{value}']"),
    )
    .await?
    .click()
    .await
    .with_context(|| format!("choosing {value:?} in {testid}"))
}

/// Signs in from the home page (or the login page) and waits for the home page.
async fn sign_in_as(j: &Journey, username: &str) -> Result<()> {
    j.open("/").await?;
    sign_in(j, username, PASSWORD).await?;
    j.find("home-welcome").await?;
    Ok(())
}

/// Logs out and waits for the login page.
async fn log_out(j: &Journey) -> Result<()> {
    j.click("logout").await?;
    j.find("page-login").await?;
    Ok(())
}

/// The application id in the current address (`/title/applications/<id>…`).
async fn current_app_id(j: &Journey) -> Result<i64> {
    let url = j.client.current_url().await?;
    url.path()
        .split('/')
        .filter_map(|part| part.parse().ok())
        .next()
        .ok_or_else(|| anyhow!("no application id in {url}"))
}

/// The applicant signs in, fills a new application, saves it and submits it from its detail
/// page; answers its id.
async fn create_and_submit(j: &mut Journey, shots: bool) -> Result<i64> {
    sign_in_as(j, APPLICANT).await?;
    j.find("home-todo").await?;
    j.click("menu-title-review-my_applications").await?;
    j.find("page-my-applications").await?;
    j.click("new-application").await?;
    j.find("page-application-form").await?;
    // Name and ID number come from the account; birth date and gender from the ID number.
    wait_value(j, "f-birth_date", "1990-01-01").await?;
    wait_value(j, "f-id_number", APPLICANT).await?;
    // The series and level of the demo county committee (中小学教师系列, 中级).
    choose_value(j, "f-series", "school_teachers").await?;
    fill(j, "f-specialty", "中学语文").await?;
    choose_value(j, "f-level", "intermediate").await?;
    wait_value(j, "f-qualification", "一级教师").await?;
    fill(j, "f-current_title", "二级教师").await?;
    fill(j, "f-years_of_service", "10").await?;
    fill(j, "f-phone", "1380013800").await?;
    fill(
        j,
        "f-achievements",
        "承担高中语文教学，获县级优质课一等奖。",
    )
    .await?;
    // A phone number one digit short is refused before anything is sent.
    j.click("save-application").await?;
    j.find("error-phone").await?;
    if shots {
        j.screenshot("applicant-form-check").await?;
    }
    fill(j, "f-phone", "13800138000").await?;
    j.click("save-application").await?;
    j.wait_text("alert-success", "已保存").await?;
    if shots {
        j.screenshot("applicant-saved").await?;
    }
    j.click("to-detail").await?;
    wait_stage(j, "draft").await?;
    let id = current_app_id(j).await?;
    j.click("action-submit").await?;
    j.find("dialog-action").await?;
    if shots {
        j.screenshot("applicant-submit-dialog").await?;
    }
    j.click("dialog-confirm").await?;
    wait_stage(j, "unit_verification").await?;
    j.wait_text("app-holder", "示范县").await?;
    wait_css(j, "[data-testid='timeline-item'][data-action='submit']").await?;
    if shots {
        j.screenshot("applicant-submitted").await?;
    }
    Ok(id)
}

/// Applicant → employer verification (a batch of one from the queue).
#[tokio::test]
async fn applicant_to_superior_review_in_the_browser() -> Result<()> {
    let mut j = Journey::start("workflow").await?;
    let id = create_and_submit(&mut j, true).await?;
    log_out(&j).await?;

    sign_in_as(&j, EMPLOYER).await?;
    j.find("todo-count-unit_verification").await?;
    j.screenshot("employer-home-todo").await?;
    j.click("menu-title-review-unit_verification").await?;
    j.find("page-queue").await?;
    j.find(&format!("row-{id}")).await?;
    j.click(&format!("check-{id}")).await?;
    j.find("batch-unit_approve").await?;
    j.screenshot("employer-queue-checked").await?;
    j.click("batch-unit_approve").await?;
    j.find("dialog-action").await?;
    fill(&j, "dialog-opinion", "材料齐全，同意").await?;
    j.click("dialog-confirm").await?;
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
    let id = create_and_submit(&mut j, false).await?;
    log_out(&j).await?;

    sign_in_as(&j, EMPLOYER).await?;
    j.click("menu-title-review-unit_verification").await?;
    j.click(&format!("open-{id}")).await?;
    wait_stage(&j, "unit_verification").await?;
    j.click("action-unit_approve").await?;
    j.find("dialog-action").await?;
    j.click("dialog-confirm").await?;
    wait_stage(&j, "application_publicity").await?;
    j.find("alert-success").await?;
    j.screenshot("approved").await?;

    j.click("action-withdraw").await?;
    j.find("dialog-action").await?;
    j.click("dialog-confirm").await?;
    // 撤回 is asked again: "确定要…吗？".
    j.find("confirm-message").await?;
    j.screenshot("withdraw-confirm").await?;
    j.click("btn-confirm").await?;
    wait_stage(&j, "unit_verification").await?;

    j.click("action-unit_reject").await?;
    j.find("dialog-action").await?;
    // Without an opinion the dialog refuses.
    j.click("dialog-confirm").await?;
    j.wait_text("alert-error", "意见").await?;
    fill(&j, "dialog-opinion", "缺少学历证书扫描件，请补充后重新提交").await?;
    j.screenshot("reject-dialog").await?;
    j.click("dialog-confirm").await?;
    j.find("confirm-message").await?;
    j.click("btn-confirm").await?;
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
        &format!("[data-testid='row-{id}'][data-stage='returned']"),
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
