//! The batch screens of the workflow (manual §6.2.3, §6.2.4) in the browser: the county
//! employer ticks two applications in its 单位推荐上报 queue and recommends them at once, with
//! its handler and an uploaded proof; the education bureau ticks both and its dialog says that
//! approval goes up to the county HRSS; the county HRSS ticks both and approves them with the
//! demo committee. The queues are checked after each step.

use std::time::Duration;

use anyhow::{ensure, Result};
use e2e::{
    choose_file, complete, create_and_submit, fill, log_out, new_batch, publish, row_id,
    sign_in_as, testids, wait_css, BatchText, Journey,
};
use fantoccini::Locator;

/// The county applicant kept free of applications in the demo.
const APPLICANT: &str = "520121199001011239";
/// The demo application standing in 单位推荐上报.
const DEMO_RECOMMEND: &str = "郑推荐";

const EMPLOYER: &str = "county_emp_unit";
const DEPARTMENT: &str = "county_dept_unit";
const HRSS: &str = "county_hrss_unit";

/// The demo committee of the county HRSS.
const COMMITTEE: &str = "示范县中小学教师系列中级评委会";

/// Opens the queue of `module` from the menu.
async fn open_queue(j: &Journey, module: &str) -> Result<()> {
    j.click(&format!("menu-title-review-{module}")).await?;
    j.find("list-queue").await?;
    Ok(())
}

/// Waits until the queue shows no row of `id` (it reloads after a batch).
async fn wait_gone(j: &Journey, id: i64) -> Result<()> {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let rows = j
            .client
            .find_all(Locator::Css(&format!("[data-testid='row-{id}']")))
            .await?;
        if rows.is_empty() {
            return Ok(());
        }
        ensure!(
            std::time::Instant::now() < deadline,
            "row {id} is still in the queue"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Ticks the rows of `ids` in the queue and opens the batch dialog of `action`.
async fn tick_and_open(j: &Journey, ids: &[i64], action: &str) -> Result<()> {
    for id in ids {
        j.find(&format!("row-{id}")).await?;
        j.click(&format!("check-{id}")).await?;
    }
    j.click(&format!("batch-{action}")).await?;
    j.wait_text("dialog-subject", &ids.len().to_string())
        .await?;
    Ok(())
}

/// Submits the batch dialog and waits for every item's success.
async fn submit_batch(j: &Journey, ids: &[i64], stage_label: &str) -> Result<()> {
    j.click("dialog-submit").await?;
    for id in ids {
        let item = wait_css(
            j,
            &format!("[data-testid='batch-result-{id}'][data-ok='true']"),
        )
        .await?;
        let text = item.text().await?;
        ensure!(text.contains(stage_label), "item {id} reads {text:?}");
    }
    Ok(())
}

#[tokio::test]
async fn batch_recommendation_and_approval_in_the_browser() -> Result<()> {
    let mut j = Journey::start("batch").await?;

    // The applicant's application reaches 单位推荐上报 beside the demo one: verification and
    // the employer's application publicity.
    let id = create_and_submit(&mut j, APPLICANT, false).await?;
    log_out(&j).await?;
    sign_in_as(&j, EMPLOYER).await?;
    open_queue(&j, "unit_verification").await?;
    tick_and_open(&j, &[id], "unit_approve").await?;
    submit_batch(&j, &[id], "公示").await?;
    j.click("menu-title-review-application_publicity").await?;
    j.find("batches-table").await?;
    let (batch, _) = new_batch(
        &mut j,
        BatchText::Written("示范县2026年度职称申报人员公示（批量）"),
        Some(id),
        "publicity-new",
    )
    .await?;
    publish(&mut j, batch, "publicity-publish").await?;
    j.advance_clock(10).await?;
    sign_in_as(&j, EMPLOYER).await?;
    j.click("menu-title-review-application_publicity").await?;
    complete(&mut j, batch, "publicity-complete").await?;

    // 1. The employer ticks both and recommends them with its handler and a new proof.
    open_queue(&j, "unit_recommendation").await?;
    let demo = row_id(&j, "row-", DEMO_RECOMMEND).await?;
    let both = [id, demo];
    tick_and_open(&j, &both, "recommend").await?;
    fill(&j, "dialog-handler-name", "王经办").await?;
    fill(&j, "dialog-handler-phone", "13800138001").await?;
    let dir = tempfile::tempdir()?;
    let proof = dir.path().join("推荐证明.pdf");
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend((0..2000).map(|i| (i % 251) as u8));
    std::fs::write(&proof, pdf)?;
    choose_file(&j, "dialog-proof-file", &proof).await?;
    j.click("dialog-proof-upload").await?;
    let checkbox = wait_css(&j, "input[type='checkbox'][data-testid^='dialog-proof-']").await?;
    checkbox.click().await?;
    j.screenshot("recommend-dialog").await?;
    submit_batch(&j, &both, "上级").await?;
    j.screenshot("recommend-results").await?;
    for id in both {
        wait_gone(&j, id).await?;
    }
    j.screenshot("recommend-queue-after").await?;
    log_out(&j).await?;

    // 2. The education bureau: the dialog says approval goes up to the county HRSS.
    sign_in_as(&j, DEPARTMENT).await?;
    open_queue(&j, "superior_review").await?;
    tick_and_open(&j, &both, "superior_approve").await?;
    let route = j
        .wait_text("dialog-route", "示范县人力资源和社会保障局")
        .await?;
    ensure!(
        route.attr("data-route").await?.as_deref() == Some("forward"),
        "the bureau only forwards"
    );
    j.screenshot("department-dialog").await?;
    submit_batch(&j, &both, "上级").await?;
    for id in both {
        wait_gone(&j, id).await?;
    }
    log_out(&j).await?;

    // 3. The county HRSS: forward to the city HRSS or assign; it assigns the demo committee.
    sign_in_as(&j, HRSS).await?;
    open_queue(&j, "superior_review").await?;
    tick_and_open(&j, &both, "superior_approve").await?;
    j.wait_text("dialog-route", "示范市人力资源和社会保障局")
        .await?;
    j.click("dialog-assign").await?;
    let option = wait_css(
        &j,
        "select[data-testid='dialog-committee']:not([disabled]) option:not([value=''])",
    )
    .await?;
    ensure!(
        option.text().await?.contains(COMMITTEE),
        "the committee offered is {:?}",
        option.text().await?
    );
    option.click().await?;
    j.screenshot("hrss-dialog").await?;
    submit_batch(&j, &both, "材料").await?;
    j.screenshot("hrss-results").await?;
    for id in both {
        wait_gone(&j, id).await?;
    }
    // Both wait in the committee unit's material receipt queue.
    open_queue(&j, "material_receipt").await?;
    for id in both {
        j.find(&format!("row-{id}")).await?;
    }
    let rows = testids(&j, "[data-testid^='row-']").await?;
    ensure!(
        both.iter().all(|id| rows.contains(&format!("row-{id}"))),
        "material receipt lists {rows:?}"
    );
    j.screenshot("material-receipt-queue").await?;
    j.finish().await
}
