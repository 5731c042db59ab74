//! Browser journey of 由单位发起 (manual §6.2, issue 9 point 4): the county school's unit account
//! opens 单位代为申报 from its 单位内部核验 queue, chooses its applicant, fills the applicant's
//! form and saves the draft; the applicant finds it marked 单位代为发起 in 个人职称申报 and submits
//! it, and it reaches the school's verification queue.

use anyhow::{ensure, Result};
use e2e::{
    choose_value, fill, first_id, log_out, new_batch, publish, sign_in_as, wait_css, wait_stage,
    wait_value, BatchText, Journey,
};

/// The county applicant kept free of applications in the demo.
const APPLICANT: &str = "520121199001011239";

#[tokio::test]
async fn a_unit_starts_an_application_and_the_applicant_submits_it() -> Result<()> {
    let mut j = Journey::start("unit_started_journey").await?;

    // 1. The school's 单位内部核验 queue leads to 单位代为申报 (empty so far).
    sign_in_as(&j, "county_emp_unit").await?;
    j.click("menu-title-review-unit_verification").await?;
    j.find("list-queue").await?;
    j.click("to-unit-started").await?;
    j.find("list-unit-started").await?;
    j.screenshot("unit-started-empty").await?;

    // 2. 代为申报: the enabled applicant accounts of the school; the search narrows them.
    j.click("unit-start-new").await?;
    j.find("candidates").await?;
    j.screenshot("candidates").await?;
    fill(&j, "candidate-q", APPLICANT).await?;
    j.click("candidate-search").await?;
    // The list reloads under the search: wait until one account is left.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        // A reload may replace the rows while they are read: read again.
        let rows = e2e::testids(&j, "[data-testid^='pick-']")
            .await
            .unwrap_or_default();
        if rows.len() == 1 {
            break;
        }
        ensure!(
            std::time::Instant::now() < deadline,
            "one account matches: {rows:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    j.wait_text("candidates", APPLICANT).await?;
    let pick = first_id(&j, "pick-").await?;
    j.click(&format!("pick-{pick}")).await?;

    // 3. The applicant's own form, for the chosen person.
    j.find("page-application-form").await?;
    wait_value(&j, "f-id_number", APPLICANT).await?;
    wait_value(&j, "f-birth_date", "1990-01-01").await?;
    choose_value(&j, "f-series", "school_teachers").await?;
    fill(&j, "f-specialty", "中学语文").await?;
    choose_value(&j, "f-level", "intermediate").await?;
    wait_value(&j, "f-qualification", "一级教师").await?;
    fill(&j, "f-current_title", "二级教师").await?;
    fill(&j, "f-years_of_service", "10").await?;
    fill(&j, "f-phone", "13800138000").await?;
    fill(
        &j,
        "f-achievements",
        "承担高中语文教学，获县级优质课一等奖。",
    )
    .await?;
    j.screenshot("unit-fills-form").await?;
    j.click("save-application").await?;

    // 4. The draft, marked as started by the unit.
    wait_stage(&j, "draft").await?;
    j.wait_text("started-by-unit", "单位代为发起").await?;
    let id = e2e::current_app_id(&j).await?;
    j.screenshot("unit-started-draft").await?;
    j.open("/title/unit-started").await?;
    j.find(&format!("row-{id}")).await?;
    j.screenshot("unit-started-list").await?;
    log_out(&j).await?;

    // 5. The applicant finds it marked in 个人职称申报 and submits it.
    sign_in_as(&j, APPLICANT).await?;
    j.click("menu-title-review-my_applications").await?;
    j.wait_text(&format!("row-{id}"), "单位代为发起").await?;
    j.screenshot("applicant-sees-draft").await?;
    j.click(&format!("open-{id}")).await?;
    wait_stage(&j, "draft").await?;
    j.find("started-by-unit").await?;
    // 提交 is a plain confirmation (issue 9 point 12).
    j.click("action-submit").await?;
    j.wait_text("confirm-message", "确定要提交申报").await?;
    j.click("confirm-yes").await?;
    wait_stage(&j, "unit_verification").await?;
    wait_css(&j, "[data-testid='timeline-item'][data-action='submit']").await?;
    j.screenshot("applicant-submitted").await?;
    log_out(&j).await?;

    // 6. It is in the school's verification queue.
    sign_in_as(&j, "county_emp_unit").await?;
    j.click("menu-title-review-unit_verification").await?;
    j.find(&format!("row-{id}")).await?;
    j.screenshot("in-verification-queue").await?;
    j.finish().await
}

/// During the application publicity (manual §6.2.2) the school corrects its information shown
/// for an applicant of its published batch with 编辑单位信息; a bad phone is refused in the
/// dialog first.
#[tokio::test]
async fn the_unit_edits_its_information_in_a_published_batch() -> Result<()> {
    let mut j = Journey::start("publicity_unit_info_journey").await?;
    sign_in_as(&j, "county_emp_unit").await?;
    j.click("menu-title-review-application_publicity").await?;
    j.find("batches-table").await?;
    let (batch, app) = new_batch(
        &mut j,
        BatchText::Written("2026年度职称申报公示（单位信息）"),
        None,
        "new-batch",
    )
    .await?;
    publish(&mut j, batch, "confirm-publish").await?;
    j.click(&format!("open-batch-{batch}")).await?;
    wait_css(
        &j,
        &format!("[data-testid='row-item-{app}'] [data-testid='btn-edit-unit']"),
    )
    .await?
    .click()
    .await?;
    j.find("dialog-unit-info").await?;
    fill(&j, "unit-name", "示范县第一中学（初中部）").await?;
    fill(&j, "unit-contact", "李经办").await?;
    fill(&j, "unit-phone", "12345").await?;
    j.click("dialog-submit").await?;
    j.wait_text("dialog-unit-info", "单位联系电话").await?;
    j.screenshot("unit-info-refused").await?;
    fill(&j, "unit-phone", "0851-86861234").await?;
    j.click("dialog-submit").await?;
    j.wait_text("alert-success", "单位信息").await?;
    j.wait_text(&format!("item-unit-{app}"), "示范县第一中学（初中部）")
        .await?;
    j.wait_text(&format!("item-unit-{app}"), "0851-86861234")
        .await?;
    wait_css(
        &j,
        &format!("[data-testid='row-item-{app}'] [data-testid='btn-report']"),
    )
    .await?;
    j.screenshot("unit-info-saved").await?;
    j.finish().await
}
