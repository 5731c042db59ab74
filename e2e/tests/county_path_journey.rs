//! The acceptance journey of the workflow (SPEC §4.2), all in the browser: a county applicant's
//! 中小学教师系列 intermediate application goes through the employer's verification, the
//! application publicity, the recommendation, the county education bureau and the county HRSS
//! (which assigns the demo committee), the material receipt, a failed policy review with its
//! failure publicity, the applicant's supplement, the employer's second verification, the
//! re-review and the nominee publicity, and arrives at 网上评审 with every step in its
//! timeline. The only move outside the SPA is the harness's clock, so publicity periods elapse.

use anyhow::{ensure, Result};
use e2e::{
    assert_absent, complete, create_and_submit, fill, log_out, new_batch, publish, sign_in_as,
    wait_css, wait_stage, BatchText, Journey,
};

/// The county applicant kept free of applications in the demo.
const APPLICANT: &str = "520121199001011239";

/// The county employer (示范县…学校), the education bureau and the HRSS.
const EMPLOYER: &str = "county_emp_unit";
const DEPARTMENT: &str = "county_dept_unit";
const HRSS: &str = "county_hrss_unit";

/// The policy reviewer of the county HRSS's committee (initial checks, publicity, re-review).
const REVIEWER: &str = "pr_county_2026_001";

/// The second policy reviewer: the recheck is another account's (four eyes, on by default).
const RECHECKER: &str = "pr_county_2026_002";

/// The demo committee the county HRSS assigns.
const COMMITTEE: &str = "示范县中小学教师系列中级评委会";

/// Days the clock moves so a period of today..+8 is over.
const PERIOD_OVER: i64 = 10;

/// The reason of the failed policy review.
const REASON: &str = "任现职以来年度考核结果缺2024年度，请补充考核登记表";

/// Opens the application from the queue of `module` (its menu entry) and waits for its page.
async fn open_from_queue(j: &Journey, module: &str, id: i64) -> Result<()> {
    j.click(&format!("menu-title-review-{module}")).await?;
    j.find("list-queue").await?;
    j.click(&format!("open-{id}")).await?;
    wait_css(
        j,
        &format!("[data-testid='page-application'][data-id='{id}']"),
    )
    .await?;
    Ok(())
}

/// Opens the action dialog of `action` on the detail page, with `opinion` typed in.
async fn start_action(j: &Journey, action: &str, opinion: Option<&str>) -> Result<()> {
    j.click(&format!("action-{action}")).await?;
    j.find("dialog-action").await?;
    if let Some(opinion) = opinion {
        fill(j, "dialog-opinion", opinion).await?;
    }
    Ok(())
}

/// Confirms the open action dialog (and its "确定要…吗？" when `destructive`) and waits for
/// the application in `next`.
async fn confirm_action(j: &Journey, destructive: bool, next: &str) -> Result<()> {
    j.click("dialog-submit").await?;
    if destructive {
        j.find("confirm-message").await?;
        j.click("confirm-yes").await?;
    }
    wait_stage(j, next).await?;
    j.find("alert-success").await?;
    Ok(())
}

/// One publicity of the application `id` by `who`, from the menu entry of `module`: a new
/// batch, published, the period elapsed (the sessions end with the clock: sign in again),
/// completed; the batch's page then shows the application in the stage labelled `next`.
async fn run_publicity(
    j: &mut Journey,
    who: &str,
    module: &str,
    text: BatchText<'_>,
    id: i64,
    next: &str,
    shot: &str,
) -> Result<()> {
    let menu = format!("menu-title-review-{module}");
    j.click(&menu).await?;
    j.find("batches-table").await?;
    let (batch, _) = new_batch(j, text, Some(id), &format!("{shot}-new-batch")).await?;
    publish(j, batch, &format!("{shot}-confirm-publish")).await?;
    j.advance_clock(PERIOD_OVER).await?;
    sign_in_as(j, who).await?;
    j.click(&menu).await?;
    complete(j, batch, &format!("{shot}-confirm-complete")).await?;
    j.click(&format!("open-batch-{batch}")).await?;
    j.wait_text(&format!("row-item-{id}"), next).await?;
    j.screenshot(&format!("{shot}-completed")).await?;
    Ok(())
}

#[tokio::test]
async fn the_full_county_path_in_the_browser() -> Result<()> {
    let mut j = Journey::start("county-path").await?;

    // 1. The applicant creates and submits the application.
    let id = create_and_submit(&mut j, APPLICANT, false).await?;
    j.screenshot("submitted").await?;
    log_out(&j).await?;

    // 2. The employer verifies it.
    sign_in_as(&j, EMPLOYER).await?;
    open_from_queue(&j, "unit_verification", id).await?;
    start_action(&j, "unit_approve", Some("材料齐全，同意")).await?;
    confirm_action(&j, false, "application_publicity").await?;
    j.screenshot("unit-approved").await?;

    // 3. The employer's application publicity.
    run_publicity(
        &mut j,
        EMPLOYER,
        "application_publicity",
        BatchText::Written("示范县2026年度职称申报人员公示"),
        id,
        "单位推荐上报",
        "application-publicity",
    )
    .await?;

    // 4. The employer recommends it, with its handler: to the county education bureau.
    open_from_queue(&j, "unit_recommendation", id).await?;
    start_action(&j, "recommend", Some("同意推荐")).await?;
    fill(&j, "dialog-handler-name", "王经办").await?;
    fill(&j, "dialog-handler-phone", "13800138001").await?;
    j.find("dialog-proof-upload").await?;
    j.screenshot("recommend-dialog").await?;
    assert_absent(&j, "proofs-error").await?;
    confirm_action(&j, false, "superior_review").await?;
    j.wait_text("app-holder", "示范县教育局").await?;
    j.screenshot("recommended").await?;
    log_out(&j).await?;

    // 5. The education bureau forwards it to the county HRSS.
    sign_in_as(&j, DEPARTMENT).await?;
    open_from_queue(&j, "superior_review", id).await?;
    start_action(&j, "superior_approve", Some("同意，报县人社局")).await?;
    confirm_action(&j, false, "superior_review").await?;
    j.wait_text("app-holder", "示范县人力资源和社会保障局")
        .await?;
    j.screenshot("department-approved").await?;
    log_out(&j).await?;

    // 6. The county HRSS assigns the demo committee.
    sign_in_as(&j, HRSS).await?;
    open_from_queue(&j, "superior_review", id).await?;
    start_action(&j, "superior_approve", Some("同意，分配县评委会")).await?;
    j.click("dialog-assign").await?;
    let committee = wait_css(
        &j,
        "select[data-testid='dialog-committee']:not([disabled]) option:not([value=''])",
    )
    .await?;
    ensure!(
        committee.text().await?.contains(COMMITTEE),
        "the committee offered is {:?}",
        committee.text().await?
    );
    committee.click().await?;
    j.screenshot("assign-committee").await?;
    confirm_action(&j, false, "material_receipt").await?;
    j.screenshot("assigned").await?;

    // 7. The committee's organising unit receives the materials.
    open_from_queue(&j, "material_receipt", id).await?;
    start_action(&j, "receive_accept", Some("材料已接收")).await?;
    confirm_action(&j, false, "policy_review").await?;
    j.screenshot("received").await?;
    log_out(&j).await?;

    // 8. The policy reviewer: initial review fails, the recheck confirms it.
    sign_in_as(&j, REVIEWER).await?;
    open_from_queue(&j, "policy_review", id).await?;
    start_action(&j, "policy_initial", Some("年度考核结果不全")).await?;
    j.click("dialog-pass-no").await?;
    j.screenshot("policy-initial").await?;
    confirm_action(&j, false, "policy_review").await?;
    wait_css(
        &j,
        "[data-testid='timeline-item'][data-action='policy_initial']",
    )
    .await?;
    // The account of the initial check is not offered the recheck.
    assert_absent(&j, "action-policy_recheck_fail").await?;
    log_out(&j).await?;
    sign_in_as(&j, RECHECKER).await?;
    open_from_queue(&j, "policy_review", id).await?;
    start_action(&j, "policy_recheck_fail", Some(REASON)).await?;
    j.screenshot("policy-recheck-fail").await?;
    confirm_action(&j, true, "failure_publicity").await?;
    j.screenshot("policy-failed").await?;

    // 9. The failure publicity, with the standard template.
    run_publicity(
        &mut j,
        RECHECKER,
        "failure_publicity",
        BatchText::Template,
        id,
        "补充材料",
        "failure-publicity",
    )
    .await?;
    log_out(&j).await?;

    // 10. The applicant reads the reason and submits the supplement.
    sign_in_as(&j, APPLICANT).await?;
    j.click("menu-title-review-my_applications").await?;
    wait_css(
        &j,
        &format!("[data-testid='row-{id}'][data-status='supplement']"),
    )
    .await?;
    j.click(&format!("open-{id}")).await?;
    wait_stage(&j, "supplement").await?;
    j.wait_text("return-opinion", REASON).await?;
    j.screenshot("applicant-supplement").await?;
    start_action(&j, "submit_supplement", Some("已补充2024年度考核登记表")).await?;
    confirm_action(&j, false, "unit_verification").await?;
    j.screenshot("supplement-submitted").await?;
    log_out(&j).await?;

    // 11. The employer verifies again, told it is a resubmission and what changed (nothing
    // in the content: the supplement adds no file here): straight to the re-review.
    sign_in_as(&j, EMPLOYER).await?;
    j.click("menu-title-review-unit_verification").await?;
    j.find("list-queue").await?;
    j.find("tag-resubmission").await?;
    j.click(&format!("open-{id}")).await?;
    wait_css(
        &j,
        &format!("[data-testid='page-application'][data-id='{id}']"),
    )
    .await?;
    j.find("tag-resubmission").await?;
    j.find("changes-panel").await?;
    j.find("changes-none").await?;
    j.screenshot("resubmission-changes").await?;
    start_action(&j, "unit_approve", Some("补充材料属实")).await?;
    confirm_action(&j, false, "policy_rereview").await?;
    j.screenshot("reverified").await?;
    log_out(&j).await?;

    // 12. The re-review passes.
    sign_in_as(&j, REVIEWER).await?;
    open_from_queue(&j, "policy_rereview", id).await?;
    start_action(&j, "rereview_pass", Some("复审通过")).await?;
    confirm_action(&j, false, "nominee_publicity").await?;
    j.screenshot("rereview-passed").await?;

    // 13. The nominee publicity.
    run_publicity(
        &mut j,
        REVIEWER,
        "nominee_publicity",
        BatchText::Written("示范县中小学教师系列中级拟送评人员名单公示"),
        id,
        "线上评审",
        "nominee-publicity",
    )
    .await?;
    log_out(&j).await?;

    // 14. The applicant sees 网上评审 and every step, in order.
    sign_in_as(&j, APPLICANT).await?;
    j.click("menu-title-review-my_applications").await?;
    j.click(&format!("open-{id}")).await?;
    wait_stage(&j, "online_review").await?;
    wait_css(
        &j,
        "[data-testid='timeline-item'][data-action='nominee_publicity_complete']",
    )
    .await?;
    let mut actions = Vec::new();
    for item in j
        .client
        .find_all(fantoccini::Locator::Css(
            "[data-testid='timeline-item'][data-action]",
        ))
        .await?
    {
        actions.extend(item.attr("data-action").await?);
    }
    ensure!(
        actions
            == [
                "submit",
                "unit_approve",
                "application_publicity_complete",
                "recommend",
                "superior_approve",
                "superior_approve",
                "receive_accept",
                "policy_initial",
                "policy_recheck_fail",
                "failure_publicity_complete",
                "submit_supplement",
                "unit_approve",
                "rereview_pass",
                "nominee_publicity_complete",
            ],
        "the timeline shows {actions:?}"
    );
    j.screenshot("applicant-online-review").await?;
    j.client
        .execute(
            "document.querySelector('[data-testid=timeline]').scrollIntoView()",
            vec![],
        )
        .await?;
    j.screenshot("applicant-timeline").await?;
    j.finish().await
}
