//! Browser journey of 审查未通过公示 with its deadlines (manual §6.2.8, issue 9 point 5): the
//! county policy reviewer sets the online supplement deadline, the paper deadline, address and
//! phone in the batch form; the standard text carries them, the batch's page shows them; once
//! the publicity completes the application's timeline shows the deadline, and a supplement
//! after it is refused with 逾期不再受理.

use anyhow::{anyhow, ensure, Result};
use e2e::{
    complete, fill, first_id, log_out, publish, row_id, set_period, sign_in_as, wait_css,
    wait_stage, Journey,
};
use serde_json::json;

/// The county policy reviewer.
const REVIEWER: &str = "pr_county_2026_001";

/// The demo applicant standing in 审查未通过公示 (蒋未过).
const FAILED_APPLICANT: &str = "520121198804102105";

/// Sets the date input `testid` to `days` after `from` the way a date picker does; answers
/// the day as `YYYY-MM-DD` and as the template writes it (`2026年12月14日`).
async fn set_date_after(
    j: &Journey,
    testid: &str,
    from: &str,
    days: i64,
) -> Result<(String, String)> {
    let value = j
        .client
        .execute(
            "const [id, from, n] = arguments;
             const d = new Date(from + 'T00:00:00Z');
             d.setUTCDate(d.getUTCDate() + n);
             const day = d.toISOString().slice(0, 10);
             const input = document.querySelector(`[data-testid='${id}']`);
             input.value = day;
             input.dispatchEvent(new Event('input', { bubbles: true }));
             return [day, `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`];",
            vec![json!(testid), json!(from), json!(days)],
        )
        .await?;
    let text = |i: usize| {
        value[i]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| anyhow!("no date: {value}"))
    };
    Ok((text(0)?, text(1)?))
}

#[tokio::test]
async fn a_failure_publicity_with_its_deadlines() -> Result<()> {
    let mut j = Journey::start("failure_publicity_journey").await?;

    // 1. The reviewer's new failure batch: the period, then the deadlines.
    sign_in_as(&j, REVIEWER).await?;
    j.click("menu-title-review-failure_publicity").await?;
    j.find("batches-table").await?;
    j.click("new-batch").await?;
    let app = first_id(&j, "batch-app-").await?;
    let end = set_period(&j, 8).await?;
    j.wait_text("batch-working-days", "个工作日").await?;
    j.find("batch-deadlines").await?;
    let (supplement, supplement_zh) =
        set_date_after(&j, "batch-supplement-deadline", &end, 7).await?;
    let (_, paper_zh) = set_date_after(&j, "batch-paper-deadline", &end, 12).await?;
    fill(
        &j,
        "batch-paper-address",
        "示范县人力资源和社会保障局职称科",
    )
    .await?;
    fill(&j, "batch-paper-phone", "0851-88886666").await?;
    j.click("fill-template").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let content = j
            .find("batch-content")
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        if content.contains(&supplement_zh) {
            ensure!(content.contains(&paper_zh), "the paper deadline: {content}");
            ensure!(content.contains("0851-88886666"), "the phone: {content}");
            break;
        }
        ensure!(
            std::time::Instant::now() < deadline,
            "the template does not carry {supplement_zh}: {content}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    j.click(&format!("batch-app-{app}")).await?;
    j.screenshot("failure-form-deadlines").await?;
    j.click("dialog-submit").await?;
    j.wait_text("alert-success", "草稿").await?;
    let batch = row_id(&j, "row-", "未通过人员公示").await?;

    // 2. The batch's page shows the deadlines and the text; published.
    j.click(&format!("open-batch-{batch}")).await?;
    j.wait_text("batch-supplement-deadline-text", &supplement)
        .await?;
    j.wait_text("batch-content-text", &supplement_zh).await?;
    j.screenshot("failure-batch-deadlines").await?;
    j.click("back-to-batches").await?;
    publish(&mut j, batch, "failure-confirm-publish").await?;

    // 3. The period elapses; completing sends the application back with the deadline.
    j.advance_clock(10).await?;
    sign_in_as(&j, REVIEWER).await?;
    j.click("menu-title-review-failure_publicity").await?;
    complete(&mut j, batch, "failure-confirm-complete").await?;
    log_out(&j).await?;

    // 4. The applicant's timeline shows the deadline.
    sign_in_as(&j, FAILED_APPLICANT).await?;
    j.open(&format!("/title/applications/{app}")).await?;
    wait_stage(&j, "supplement").await?;
    let item = wait_css(
        &j,
        "[data-testid='timeline-item'][data-action='failure_publicity_complete']",
    )
    .await?
    .text()
    .await?;
    ensure!(
        item.contains(&supplement) && item.contains("逾期不再受理"),
        "the timeline shows the deadline: {item}"
    );
    j.client
        .execute(
            "document.querySelector(\"[data-action='failure_publicity_complete']\").scrollIntoView({block: 'center'})",
            vec![],
        )
        .await?;
    j.screenshot("timeline-deadline").await?;

    // 5. After the online deadline a supplement is refused, and the dialog says why.
    j.advance_clock(10).await?;
    sign_in_as(&j, FAILED_APPLICANT).await?;
    j.open(&format!("/title/applications/{app}")).await?;
    wait_stage(&j, "supplement").await?;
    j.click("action-submit_supplement").await?;
    j.find("dialog-action").await?;
    if let Ok(opinion) = j.find("dialog-opinion").await {
        opinion.send_keys("已补充继续教育学时证明").await?;
    }
    j.click("dialog-submit").await?;
    j.wait_text("dialog-action", "逾期不再受理").await?;
    j.screenshot("supplement-overdue").await?;
    j.finish().await
}
