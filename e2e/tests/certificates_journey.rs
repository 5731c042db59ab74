//! Issue 12: the certificate screens. The county HRSS handler backfills a certificate through
//! the 补录 dialog (a spoiled ID number is refused at its field first); imports a CSV with a bad
//! row (the dry run reports it, nothing is imported, 导入 stays off), then a good one (checked,
//! then imported); opens the backfilled certificate's print page (the QR code is there, as an
//! inlined SVG image); revokes it with a reason and a confirmation (the list tags it 已撤销 and
//! the print page carries the watermark); and verifies both certificates by number and name.
//! A second journey: the system administrator changes the certificate numbering, the preview
//! following the typed template.

use anyhow::{anyhow, ensure, Result};
use e2e::{
    assert_absent, choose_file, choose_text, choose_value, download, fill, row_id, set_dates,
    sign_in_as, wait_css, Journey,
};

/// The county HRSS's handler: 业务经办 holds the unit's certificate modules.
const HANDLER: &str = "county_hrss_handler";
/// A unit below it.
const EMPLOYER: &str = "示范县第一中学";
const BACKFILL_NUMBER: &str = "黔职证字〔2019〕第0123号";
const BACKFILL_NAME: &str = "补录甲";
const IMPORT_NUMBER: &str = "DEMO-2018-000777";
const IMPORT_NAME: &str = "导入乙";

/// A resident ID number: the 17 digits and their GB 11643 check character.
fn id_number(first17: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .chars()
        .filter_map(|c| c.to_digit(10))
        .zip(WEIGHTS)
        .map(|(d, w)| d * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{first17}{check}")
}

/// The same ID number with a wrong check character.
fn spoiled(id: &str) -> String {
    let (body, last) = id.split_at(id.len() - 1);
    format!("{body}{}", if last == "0" { '1' } else { '0' })
}

/// The import's header (Chinese names, as the template has them).
const HEADER: &str =
    "证书编号,姓名,身份证号,性别,工作单位,系列,专业,级别,任职资格名称,评委会,批准日期,批准文号,发证机关\n";

fn csv_row(number: &str, name: &str, id: &str) -> String {
    format!(
        "{number},{name},{id},,{EMPLOYER},中小学教师系列,中学数学,中级,一级教师,示范县中小学教师系列中级评委会,2018-12-20,示人社职〔2018〕9号,示范县人力资源和社会保障局\n"
    )
}

#[tokio::test]
async fn a_handler_backfills_imports_prints_and_revokes_certificates() -> Result<()> {
    let mut j = Journey::start("certificates_journey").await?;
    sign_in_as(&j, HANDLER).await?;

    // 1. 证书补录: the dialog; a spoiled ID number is refused at its field (the rule both ends
    // check).
    j.open("/title/certificates/backfill").await?;
    j.find("list-backfilled-certificates").await?;
    j.click("btn-backfill").await?;
    j.find("dialog-backfill-certificate").await?;
    let id_a = id_number("52012119800101001");
    fill(&j, "input-number", BACKFILL_NUMBER).await?;
    fill(&j, "input-holder_name", BACKFILL_NAME).await?;
    fill(&j, "input-id_number", &spoiled(&id_a)).await?;
    choose_text(&j, "input-employer_id", EMPLOYER).await?;
    choose_value(&j, "input-series", "school_teachers").await?;
    fill(&j, "input-specialty", "中学语文").await?;
    choose_value(&j, "input-level", "intermediate").await?;
    fill(&j, "input-qualification", "一级教师").await?;
    fill(&j, "input-committee", "示范县中小学教师系列中级评委会").await?;
    set_dates(&j, &[("input-approval_date", "2019-12-01")]).await?;
    fill(&j, "input-issuing_body", "示范县人力资源和社会保障局").await?;
    j.screenshot("backfill-form").await?;
    j.click("dialog-submit").await?;
    j.find("input-id_number-error").await?;
    j.screenshot("backfill-field-error").await?;
    fill(&j, "input-id_number", &id_a).await?;
    j.click("dialog-submit").await?;
    j.wait_text("alert-success", BACKFILL_NUMBER).await?;
    let backfilled = row_id(&j, "row-", BACKFILL_NAME).await?;
    wait_css(
        &j,
        &format!("[data-testid='row-{backfilled}'][data-status='valid']"),
    )
    .await?;
    j.screenshot("backfilled").await?;

    // 2. 职称证书导入: the template is an XLSX; a file with a bad row is refused whole.
    j.open("/title/certificates/import").await?;
    j.find("page-certificate-import").await?;
    let template = download(&j, "btn-template").await?;
    ensure!(template.starts_with(b"PK"), "the template is not an XLSX");
    ensure!(
        !j.find("btn-import").await?.is_enabled().await?,
        "导入 is enabled before a check"
    );
    let files = tempfile::tempdir()?;
    let bad = files.path().join("证书导入-有误.csv");
    let id_b = id_number("52012119850505002");
    std::fs::write(
        &bad,
        format!(
            "{HEADER}{}{}",
            csv_row(IMPORT_NUMBER, IMPORT_NAME, &id_b),
            csv_row(
                "DEMO-2018-000778",
                "导入丙",
                &spoiled(&id_number("52012119860606003"))
            ),
        ),
    )?;
    choose_file(&j, "input-file", &bad).await?;
    j.click("btn-check").await?;
    j.wait_text("alert-error", "未导入任何证书").await?;
    let rows = e2e::testids(&j, "[data-testid='bulk-errors-table'] tbody tr").await?;
    ensure!(
        rows.iter().any(|r| r.starts_with("row-3-")),
        "the report names row 3: {rows:?}"
    );
    ensure!(
        !j.find("btn-import").await?.is_enabled().await?,
        "导入 is enabled after a failed check"
    );
    j.screenshot("import-refused").await?;

    // 3. The good file: checked, then imported.
    let good = files.path().join("证书导入.csv");
    std::fs::write(
        &good,
        format!("{HEADER}{}", csv_row(IMPORT_NUMBER, IMPORT_NAME, &id_b)),
    )?;
    choose_file(&j, "input-file", &good).await?;
    j.click("btn-check").await?;
    j.wait_text("alert-success", "全部通过：共 1 行").await?;
    assert_absent(&j, "bulk-errors-table").await?;
    j.click("btn-import").await?;
    j.wait_text("alert-success", "已导入 1 张证书").await?;
    j.screenshot("imported").await?;
    j.open("/title/certificates/backfill?source=import").await?;
    let imported = row_id(&j, "row-", IMPORT_NAME).await?;
    j.screenshot("imported-list").await?;

    // 4. The print page of the backfilled certificate: its fields and the QR code.
    j.open("/title/certificates/backfill").await?;
    j.click(&format!("print-{backfilled}")).await?;
    j.wait_text("cert-number", BACKFILL_NUMBER).await?;
    j.wait_text("cert-holder", BACKFILL_NAME).await?;
    wait_css(
        &j,
        "[data-testid='cert-qr'][src^='data:image/svg+xml;base64,']",
    )
    .await?;
    let masked = j.find("cert-id-number").await?.text().await?;
    ensure!(
        masked.contains('*') && masked != id_a,
        "the ID number is masked: {masked:?}"
    );
    j.find("cert-history").await?;
    assert_absent(&j, "cert-watermark").await?;
    j.screenshot("print").await?;
    // The page scrolls inside the shell: the document itself is never taller than the window
    // (the top bar stays), and its foot shows the QR code's line and the history.
    let taller = j
        .client
        .execute(
            "const c = document.querySelector('.content'); c.scrollTop = c.scrollHeight; \
             return document.documentElement.scrollHeight - innerHeight;",
            vec![],
        )
        .await?;
    ensure!(
        taller.as_i64().is_some_and(|px| px <= 0),
        "the document is {taller} px taller than the window"
    );
    j.screenshot("print-foot").await?;

    // 5. 撤销 with a reason and one confirmation.
    j.open("/title/certificates/backfill").await?;
    j.click(&format!("revoke-{backfilled}")).await?;
    j.find("dialog-revoke-certificate").await?;
    j.click("dialog-submit").await?;
    j.find("input-reason-error").await?;
    fill(&j, "input-reason", "证书信息录入错误，撤销后重新补录。").await?;
    j.click("dialog-submit").await?;
    j.wait_text("confirm-message", BACKFILL_NUMBER).await?;
    j.screenshot("revoke-confirm").await?;
    j.click("confirm-yes").await?;
    j.wait_text("alert-success", "已撤销").await?;
    wait_css(
        &j,
        &format!("[data-testid='row-{backfilled}'][data-status='revoked']"),
    )
    .await?;
    assert_absent(&j, &format!("revoke-{backfilled}")).await?;
    j.screenshot("revoked").await?;
    j.open(&format!("/title/certificates/{backfilled}/print"))
        .await?;
    j.wait_text("cert-watermark", "已撤销").await?;
    wait_css(&j, "[data-testid='certificate'][data-status='revoked']").await?;
    j.screenshot("print-revoked").await?;

    // 6. 证书核验: the revoked one, the imported one, and a number that does not exist.
    j.open("/title/certificates/verify").await?;
    j.find(&format!("row-{imported}")).await?;
    for (number, name, outcome) in [
        (BACKFILL_NUMBER, BACKFILL_NAME, "revoked"),
        (IMPORT_NUMBER, IMPORT_NAME, "valid"),
        ("DEMO-0000-000000", IMPORT_NAME, "not_found"),
    ] {
        j.click("btn-verify").await?;
        j.find("dialog-verify-certificate").await?;
        fill(&j, "input-number", number).await?;
        fill(&j, "input-name", name).await?;
        j.click("dialog-submit").await?;
        wait_css(
            &j,
            &format!("[data-testid='verify-result'][data-outcome='{outcome}']"),
        )
        .await
        .map_err(|e| anyhow!("verifying {number}: {e}"))?;
        j.screenshot(&format!("verify-{outcome}")).await?;
        j.click("dialog-cancel").await?;
    }
    j.finish().await
}

/// 证书编号规则 (the system administrator): the example number, the preview following the
/// typing, a template without its sequence refused at the field, a good one saved.
#[tokio::test]
async fn the_system_administrator_sets_the_certificate_numbering() -> Result<()> {
    let mut j = Journey::start("certificate_numbering").await?;
    sign_in_as(&j, "sysadmin").await?;
    j.click("nav-certificate-numbering").await?;
    j.wait_text("numbering-example", "52202601000042").await?;
    j.click("btn-edit-numbering").await?;
    j.find("dialog-certificate-numbering").await?;
    fill(&j, "input-template", "QZ-{year}{series}").await?;
    wait_css(&j, "[data-testid='numbering-preview'][data-ok='false']").await?;
    j.click("dialog-submit").await?;
    j.find("input-template-error").await?;
    fill(&j, "input-template", "QZ-{year}-{series}{level}-{seq:5}").await?;
    j.wait_text("numbering-preview", "QZ-2026-014-00042")
        .await?;
    j.screenshot("numbering-dialog").await?;
    j.click("dialog-submit").await?;
    j.wait_text("numbering-template", "QZ-{year}-{series}{level}-{seq:5}")
        .await?;
    j.wait_text("alert-success", "证书编号规则已保存").await?;
    j.screenshot("numbering-saved").await?;
    j.finish().await
}
