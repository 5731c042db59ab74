//! Issue 13, audit tail, in the browser: the auditor opens 审计日志 › 审计检查点, signs a
//! checkpoint now (confirmed once), sees it listed, then 校验链 reports the checkpoint held; the
//! same list in English.

use anyhow::Result;
use e2e::{sign_in_as, wait_css, Journey};

#[tokio::test]
async fn audit_checkpoint_journey() -> Result<()> {
    let mut j = Journey::start("audit_checkpoint_journey").await?;

    sign_in_as(&j, "auditor").await?;
    j.click("menu-system-audit_log").await?;
    j.find("list-audit").await?;
    j.click("tab-checkpoints").await?;
    j.find("list-audit-checkpoints").await?;
    j.screenshot("checkpoints-empty").await?;

    // 立即生成检查点: one confirmation, then the new checkpoint is listed.
    j.click("btn-checkpoint").await?;
    j.wait_text("dialog-confirm", "确定立即对当前审计日志链头签名")
        .await?;
    j.screenshot("checkpoint-confirm").await?;
    j.click("confirm-yes").await?;
    j.wait_text("alert-success", "已生成审计检查点").await?;
    wait_css(
        &j,
        "[data-testid='audit-checkpoints-table'] tbody tr[data-testid^='row-']",
    )
    .await?;
    j.screenshot("checkpoint-listed").await?;

    // 校验链 on the log tab reports the chain and the latest checkpoint.
    j.click("tab-audit-log").await?;
    j.find("audit-table").await?;
    j.click("btn-verify").await?;
    j.wait_text("alert-success", "最新审计检查点").await?;
    j.screenshot("verify-with-checkpoint").await?;

    // The list in English.
    j.click("tab-checkpoints").await?;
    j.click("locale-switch").await?;
    j.wait_lang("en").await?;
    j.wait_text("list-audit-checkpoints", "Audit checkpoints")
        .await?;
    j.wait_text("audit-checkpoints-table", "Key ID").await?;
    j.screenshot("checkpoints-en").await?;

    j.finish().await
}
