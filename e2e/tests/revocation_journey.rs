//! Issue 9 point 10 (manual §6.2 职称撤销) and point 7's 流程规则, in the browser: the system
//! administrator opens the workflow rules from the organisation page and keeps the four-eyes
//! rule on; the city HRSS (above the county committee's unit) revokes the demo's passed
//! application from its detail page — an opinion and an uploaded proof, confirmed once — and
//! the applicant then sees 已撤销 and the revocation on the timeline.

use anyhow::{ensure, Context, Result};
use e2e::{choose_file, choose_value, fill, log_out, sign_in_as, wait_css, wait_stage, Journey};

/// The demo applicant whose application passed (秦通过: `demo_workflow::applicant_id_number(14)`).
const PASSED_APPLICANT: &str = "520121198804152153";

/// The HRSS above the demo committee's organising unit (the county HRSS).
const REVOKER: &str = "city_hrss_unit";

/// The revocation's opinion.
const OPINION: &str = "经查实，申报人提交的学历证明系伪造，依规撤销其职称";

#[tokio::test]
async fn revocation_journey() -> Result<()> {
    let mut j = Journey::start("revocation_journey").await?;

    // 1. The system administrator's 流程规则: four eyes on by default, saved as is.
    sign_in_as(&j, "sysadmin").await?;
    j.click("menu-portal-system-org_structure").await?;
    j.find("page-org-tree").await?;
    j.click("btn-workflow-policy").await?;
    j.find("dialog-workflow-policy").await?;
    wait_css(
        &j,
        "[data-testid='input-four_eyes_policy_review'] option[value='true']",
    )
    .await?;
    choose_value(&j, "input-four_eyes_policy_review", "true").await?;
    j.screenshot("workflow-policy").await?;
    j.click("dialog-submit").await?;
    j.find("workflow-policy-saved").await?;
    j.screenshot("workflow-policy-saved").await?;
    log_out(&j).await?;

    // 2. The applicant's passed application: its id.
    sign_in_as(&j, PASSED_APPLICANT).await?;
    j.click("menu-title-review-my_applications").await?;
    let row = wait_css(&j, "[data-testid^='row-'][data-status='passed']").await?;
    let id: i64 = row
        .attr("data-testid")
        .await?
        .and_then(|t| t.strip_prefix("row-").and_then(|n| n.parse().ok()))
        .context("the passed row's id")?;
    log_out(&j).await?;

    // 3. The city HRSS opens it, revokes: the proof is uploaded in the dialog.
    sign_in_as(&j, REVOKER).await?;
    j.open(&format!("/title/applications/{id}")).await?;
    wait_stage(&j, "passed").await?;
    j.click("action-revoke").await?;
    j.find("dialog-revoke").await?;
    // Without an opinion and a proof the dialog says so and stays open.
    j.click("dialog-submit").await?;
    j.find("dialog-revoke").await?;
    let files = tempfile::tempdir()?;
    let proof = files.path().join("学历核查结论.pdf");
    std::fs::write(&proof, b"%PDF-1.4\n% verified violation\n")?;
    choose_file(&j, "dialog-proof-file", &proof).await?;
    j.click("dialog-proof-upload").await?;
    let proof_box = wait_css(&j, "[data-testid='dialog-proofs'] input[name='proof']").await?;
    proof_box.click().await?;
    fill(&j, "dialog-opinion", OPINION).await?;
    j.screenshot("revoke-dialog").await?;
    j.click("dialog-submit").await?;
    j.find("confirm-message").await?;
    j.screenshot("revoke-confirm").await?;
    j.click("confirm-yes").await?;
    wait_stage(&j, "revoked").await?;
    j.find("revoked-banner").await?;
    wait_css(&j, "[data-testid='timeline-item'][data-action='revoke']").await?;
    j.screenshot("revoked").await?;
    log_out(&j).await?;

    // 4. The applicant sees 已撤销, the opinion and the step on the timeline.
    sign_in_as(&j, PASSED_APPLICANT).await?;
    j.open(&format!("/title/applications/{id}")).await?;
    wait_stage(&j, "revoked").await?;
    let tag = j.find("app-stage").await?.text().await?;
    ensure!(tag.contains("已撤销"), "the stage tag reads {tag:?}");
    j.wait_text("revoked-banner", OPINION).await?;
    let item = wait_css(&j, "[data-testid='timeline-item'][data-action='revoke']")
        .await?
        .text()
        .await?;
    ensure!(
        item.contains("撤销职称") && item.contains(OPINION),
        "the timeline shows {item:?}"
    );
    j.client
        .execute(
            "document.querySelector('[data-testid=timeline]').scrollIntoView()",
            vec![],
        )
        .await?;
    j.screenshot("applicant-revoked").await?;
    j.finish().await
}
