//! Browser journey of 由单位发起 (manual §6.2, issue 9 point 4): the county school's unit account
//! opens 单位代为申报 from its 单位内部核验 queue, chooses its applicant, fills the applicant's
//! form and saves the draft; the applicant finds it marked 单位代为发起 in 个人职称申报 and submits
//! it, and it reaches the school's verification queue.

use anyhow::{ensure, Result};
use e2e::{
    choose_value, fill, first_id, log_out, sign_in_as, wait_css, wait_stage, wait_value, Journey,
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
    j.wait_text("candidates", APPLICANT).await?;
    let rows = e2e::testids(&j, "[data-testid^='pick-']").await?;
    ensure!(rows.len() == 1, "one account matches: {rows:?}");
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
    j.click("action-submit").await?;
    j.find("dialog-action").await?;
    j.click("dialog-submit").await?;
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
