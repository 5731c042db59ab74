//! Kinds of application material in the browser (issue 9 point 12): the system administrator
//! makes 学历/资历证明 required for 中小学教师系列 on 附件类别; the applicant uploads into kinds
//! (grouped by kind), is told before sending that 学历/资历证明 is missing, reads what 作废
//! means, uploads it and submits with the plain confirmation (no opinion); 个人职称申报 then
//! filters by stage and year.

use std::path::{Path, PathBuf};

use anyhow::{ensure, Context, Result};
use e2e::{
    assert_absent, choose_file, choose_value, create_draft, fill, log_out, sign_in_as, wait_css,
    wait_stage, Journey,
};

/// The county applicant kept free of applications in the demo.
const APPLICANT: &str = "520121199001011239";

/// A small PDF in the temporary folder.
fn pdf(name: &str) -> Result<PathBuf> {
    let path = std::env::temp_dir().join(format!("{}-{name}", std::process::id()));
    let mut body = b"%PDF-1.7\n".to_vec();
    body.extend(std::iter::repeat_n(b'x', 400));
    std::fs::write(&path, body).context("writing a PDF")?;
    Ok(path)
}

/// Chooses the kind named `label` in the upload form.
async fn choose_kind(j: &Journey, label: &str) -> Result<()> {
    j.find("attach-category").await?;
    j.client
        .execute(
            "const s = document.querySelector('[data-testid=attach-category]');\
             for (const o of s.options) { if (o.text === arguments[0]) { s.value = o.value; } }\
             return s.value;",
            vec![serde_json::json!(label)],
        )
        .await
        .context("choosing a kind")?;
    Ok(())
}

/// Uploads `file` as a file of the kind `label` and waits for its group.
async fn upload(j: &Journey, file: &Path, label: &str, group: &str) -> Result<()> {
    choose_kind(j, label).await?;
    choose_file(j, "attach-file", file).await?;
    j.click("attach-upload").await?;
    j.wait_text("alert-success", "已上传").await?;
    j.find(&format!("group-{group}")).await?;
    Ok(())
}

#[tokio::test]
async fn kinds_of_material_are_required_before_a_plain_submit() -> Result<()> {
    let mut j = Journey::start("attachments").await?;

    // 附件类别: 学历/资历证明 becomes required for 中小学教师系列.
    sign_in_as(&j, "sysadmin").await?;
    j.click("nav-attachment-categories").await?;
    j.find("list-attachment-categories").await?;
    j.wait_text("row-education", "学历/资历证明").await?;
    j.screenshot("categories").await?;
    j.click("btn-edit-education").await?;
    j.find("dialog-category").await?;
    j.click("series-school_teachers").await?;
    j.screenshot("category-dialog").await?;
    j.click("dialog-submit").await?;
    j.wait_text("alert-success", "已保存").await?;
    j.wait_text("row-education", "中小学教师系列").await?;
    j.screenshot("category-required").await?;
    log_out(&j).await?;

    // The applicant's draft names the kind it still needs and takes a file of another kind.
    let id = create_draft(&mut j, APPLICANT, false).await?;
    j.wait_text("attachments-missing", "学历/资历证明").await?;
    let paper = pdf("achievement.pdf")?;
    upload(&j, &paper, "业绩成果", "achievements").await?;
    j.wait_text("attachments-missing", "学历/资历证明").await?;
    j.screenshot("attachments-grouped").await?;

    // 提交: refused before anything is sent, naming the missing kind; the stage stays.
    j.click("to-detail").await?;
    wait_stage(&j, "draft").await?;
    j.click("action-submit").await?;
    j.wait_text("confirm-message", "确定要提交申报").await?;
    j.wait_text("alert-error", "学历/资历证明").await?;
    j.screenshot("submit-refused").await?;
    j.click("confirm-yes").await?;
    j.wait_text("alert-error", "学历/资历证明").await?;
    j.click("confirm-no").await?;
    assert_absent(&j, "dialog-confirm").await?;
    wait_stage(&j, "draft").await?;

    // 作废 says what it means; cancelled here.
    j.click("action-void").await?;
    j.wait_text("confirm-message", "不能再提交").await?;
    j.screenshot("void-warning").await?;
    j.click("confirm-no").await?;
    wait_stage(&j, "draft").await?;

    // With a 学历/资历证明 file the plain confirmation submits.
    j.open(&format!("/title/applications/{id}/edit")).await?;
    j.find("page-application-form").await?;
    let diploma = pdf("diploma.pdf")?;
    upload(&j, &diploma, "学历/资历证明", "education").await?;
    assert_absent(&j, "attachments-missing").await?;
    j.screenshot("attachments-complete").await?;
    j.click("to-detail").await?;
    wait_stage(&j, "draft").await?;
    j.click("action-submit").await?;
    j.wait_text("confirm-message", "确定要提交申报").await?;
    assert_absent(&j, "dialog-opinion").await?;
    j.screenshot("submit-confirm").await?;
    j.click("confirm-yes").await?;
    wait_stage(&j, "unit_verification").await?;
    wait_css(&j, "[data-testid='timeline-item'][data-action='submit']").await?;
    j.screenshot("submitted").await?;

    // 个人职称申报 filters by stage (and year), kept in the address (issue 9 point 9).
    j.click("menu-title-review-my_applications").await?;
    j.find(&format!("row-{id}")).await?;
    choose_value(&j, "filter-stage", "draft").await?;
    j.click("btn-search").await?;
    // The list keeps its rows until the filtered page arrives: wait for it, then check.
    for _ in 0..50 {
        let shown = j
            .client
            .find_all(fantoccini::Locator::Css(&format!(
                "[data-testid='row-{id}']"
            )))
            .await?;
        if shown.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_absent(&j, &format!("row-{id}")).await?;
    ensure!(
        j.client
            .current_url()
            .await?
            .query()
            .unwrap_or_default()
            .contains("stage=draft"),
        "the stage filter is in the address"
    );
    choose_value(&j, "filter-stage", "unit_verification").await?;
    fill(&j, "filter-year", "2026").await?;
    j.click("btn-search").await?;
    j.find(&format!("row-{id}")).await?;
    j.screenshot("my-applications-filtered").await?;
    let _ = std::fs::remove_file(paper);
    let _ = std::fs::remove_file(diploma);
    j.finish().await
}
