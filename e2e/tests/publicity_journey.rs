//! Browser journey of publicity (公示, SPEC §4.3): the county employer publicises its
//! application for at least five working days, publishes it, the period elapses (the server's
//! clock moves on) and completing the batch sends the application to 单位推荐上报; a policy
//! reviewer's nominee batch appears on the public site without login.

use anyhow::{ensure, Result};
use e2e::{
    assert_absent, complete, fill, log_out, new_batch, publish, row_id, sign_in, wait_css,
    BatchText, Journey, PASSWORD,
};
use fantoccini::Locator;

#[tokio::test]
async fn publicity_runs_its_course_in_the_browser() -> Result<()> {
    let mut j = Journey::start("publicity_journey").await?;

    // 1. The employer's application publicity: a draft with the demo application.
    j.open("/").await?;
    sign_in(&j, "county_emp_unit", PASSWORD).await?;
    j.click("menu-title-review-application_publicity").await?;
    j.find("batches-table").await?;
    j.screenshot("application-publicity-empty").await?;
    let (batch, app) = new_batch(
        &mut j,
        BatchText::Written("2026年度职称申报公示"),
        None,
        "new-application-batch",
    )
    .await?;
    j.screenshot("draft-saved").await?;

    // 2. Published.
    publish(&mut j, batch, "confirm-publish").await?;
    j.screenshot("published").await?;

    // 3. Completing before the period ends cannot succeed: 完成公示 is disabled and the list
    //    says from when it is possible (the server's verdict, by its clock).
    j.wait_text(&format!("complete-wait-{batch}"), "方可完成公示")
        .await?;
    ensure!(
        !j.find(&format!("complete-{batch}"))
            .await?
            .is_enabled()
            .await?,
        "完成公示 is disabled while the period runs"
    );
    j.screenshot("complete-refused").await?;

    // 4. The batch's page: the application with its ID number masked.
    j.click(&format!("open-batch-{batch}")).await?;
    let item = j.find(&format!("row-item-{app}")).await?.text().await?;
    ensure!(item.contains("**"), "the ID number is masked: {item}");
    j.screenshot("batch-detail").await?;
    log_out(&j).await?;

    // 5. The policy reviewer publishes a nominee batch; the public site lists it, no login.
    sign_in(&j, "pr_county_2026_001", PASSWORD).await?;
    j.click("menu-title-review-nominee_publicity").await?;
    j.find("batches-table").await?;
    let (nominee, _) = new_batch(
        &mut j,
        BatchText::Written("示范县中小学教师系列中级拟送评人员名单公示"),
        None,
        "new-nominee-batch",
    )
    .await?;
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
    // A citizen reports a nominee of the published batch, without signing in. The dialog is
    // modal: the focus starts in it, Esc closes it and the focus goes back to its button.
    let opener = "[data-testid='public-items'] [data-testid^='report-']";
    wait_css(&j, opener).await?.click().await?;
    j.find("dialog-report").await?;
    ensure!(
        j.client
            .execute(
                "return !!document.activeElement.closest('dialog[open]');",
                vec![]
            )
            .await?
            == serde_json::json!(true),
        "the focus starts in the report dialog"
    );
    j.client
        .active_element()
        .await?
        .send_keys("\u{e00c}")
        .await?;
    // The button that opened the dialog has the focus again (the page behind a modal
    // dialog cannot hold it while it is open).
    wait_css(
        &j,
        "[data-testid='public-items'] [data-testid^='report-']:focus",
    )
    .await?;
    ensure!(
        j.client
            .execute("return !document.querySelector('dialog[open]');", vec![])
            .await?
            == serde_json::json!(true),
        "Esc closes the report dialog"
    );
    wait_css(&j, opener).await?.click().await?;
    j.find("dialog-report").await?;
    fill(&j, "report-name", "王某").await?;
    fill(&j, "report-contact", "13800138000").await?;
    fill(&j, "report-content", "其任现职年限与申报材料所填不符。").await?;
    j.click("dialog-submit").await?;
    j.wait_text("alert-success", "举报已提交").await?;
    j.screenshot("public-report-filed").await?;

    // 6. Twelve days later the period is over; the sessions have ended with the jump.
    j.advance_clock(12).await?;
    j.open("/publicity/application").await?;
    j.find("page-login").await?;
    sign_in(&j, "county_emp_unit", PASSWORD).await?;
    j.find(&format!("row-{batch}")).await?;
    complete(&mut j, batch, "confirm-complete").await?;
    j.screenshot("completed").await?;

    // 7. The application has moved on to 单位推荐上报.
    j.click(&format!("open-batch-{batch}")).await?;
    j.wait_text(&format!("row-item-{app}"), "单位推荐上报")
        .await?;
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
            "[data-testid='dialog-filing'] select[name='series'] option[value='school_teachers']",
        ))
        .await?
        .click()
        .await?;
    j.click("filing-level-junior").await?;
    fill(&j, "filing-region", "示范县").await?;
    e2e::set_dates(
        &j,
        &[
            ("filing-from", "2027-01-01"),
            ("filing-until", "2029-12-31"),
        ],
    )
    .await?;
    j.wait_text("dialog-filing", "2029-12-31").await?;
    j.screenshot("filing-form").await?;
    j.click("dialog-submit").await?;
    if let Err(e) = j.wait_text("alert-success", "已提交").await {
        j.screenshot("filing-refused").await?;
        return Err(e);
    }
    let filing = row_id(&j, "row-", "初级评委会").await?;
    j.screenshot("filing-pending").await?;

    // 政策性审查账号: one new account, its password shown once.
    j.click("menu-title-accounts-personal_accounts").await?;
    j.click("tab-policy-reviewers").await?;
    j.find("reviewers-table").await?;
    j.click("new-reviewers").await?;
    fill(&j, "reviewer-name", "政策性审查").await?;
    j.screenshot("reviewers-form").await?;
    j.click("dialog-submit").await?;
    j.find("reviewer-passwords").await?;
    j.wait_text("passwords-once", "只显示一次").await?;
    j.screenshot("reviewer-passwords").await?;
    j.click("btn-close").await?;
    j.find("reviewers-table").await?;
    j.screenshot("reviewers").await?;
    log_out(&j).await?;

    // The city HRSS rejects the filing: an opinion is required.
    sign_in(&j, "city_hrss_unit", PASSWORD).await?;
    j.click("menu-title-committees-authority_audit").await?;
    j.click(&format!("reject-filing-{filing}")).await?;
    j.click("dialog-submit").await?;
    j.wait_text("dialog-decide-filing", "审核意见").await?;
    fill(&j, "dialog-opinion", "评审范围与已备案的评委会重叠").await?;
    j.screenshot("reject-filing").await?;
    j.click("dialog-submit").await?;
    j.wait_text("alert-success", "审核不通过").await?;
    j.screenshot("filing-rejected").await?;
    log_out(&j).await?;

    // The system administrator's calendar.
    sign_in(&j, "sysadmin", PASSWORD).await?;
    j.click("nav-calendar").await?;
    j.find("calendar-table").await?;
    j.click("btn-new-day").await?;
    j.client
        .execute(
            "const input = document.querySelector(\"[data-testid='calendar-day']\");
             input.value = '2026-12-31'; input.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![],
        )
        .await?;
    fill(&j, "calendar-name", "示范假日").await?;
    j.click("dialog-submit").await?;
    j.wait_text("row-2026-12-31", "示范假日").await?;
    j.screenshot("calendar").await?;
    j.finish().await
}
