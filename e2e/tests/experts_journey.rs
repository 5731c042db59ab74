//! Browser journey of the expert pool (issue 10, manual §6.5): the county HRSS pre-enters a
//! person into its committee's pool and invites them; the expert signs in with the initial
//! password, changes it, lands on the profile, completes it; the pool shows the expert active.
//! Then the HRSS edits the expert (a phone the server refuses is shown at its field), bulk
//! pre-enters two experts from a CSV made from the dialog's template (a second file with one
//! bad row is refused with that row named, and nothing is added), and records a violation
//! (违规) of one of them, which removes them from the pool. Last, the county school recommends
//! an expert to the committee (专家推荐) and attaches a proof file; the county HRSS, which
//! decides, sees the file and downloads it.

use anyhow::{ensure, Result};
use e2e::{
    assert_absent, choose_file, choose_text, download, fill, first_id, log_out, row_id, set_dates,
    sign_in, sign_in_as, wait_css, wait_value, Journey,
};

const NAME: &str = "欧阳评审";

/// A valid ID number of a man born 1970-01-15 (check character computed by GB 11643).
const ID: &str = "520102197001151356";

/// The demo applicant in online review (杨评审), whom the expert declares a conflict with.
const APPLICANT_IN_REVIEW: &str = "520121198804132136";

/// The committee of the demo pool.
const COMMITTEE: &str = "示范县中小学教师系列中级评委会";

/// The two experts of the good CSV, and the valid person of the refused one.
const BULK_A: &str = "司马预审";
const BULK_B: &str = "上官预审";
const NOT_ADDED: &str = "诸葛未入";

/// The person the county school recommends, and its proof file.
const RECOMMENDED: &str = "慕容推荐";
const PROOF: &str = "优秀教师证书.pdf";

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

/// One CSV row in the template's column order (employer by name, gender from the ID number).
fn csv_row(name: &str, id: &str, specialty: &str, phone: &str) -> String {
    format!(
        "{name},{id},,示范县教育局,,高级教师,副高级,中小学教师系列,{specialty},{phone},,2026-12-01,2028-11-30\n"
    )
}

/// Fails on any serious or critical axe-core finding in the state shown now (the harness checks
/// a path with a dialog once; these dialogs come after the first).
async fn assert_accessible(j: &Journey, what: &str) -> Result<()> {
    let found = j.axe_violations().await?;
    ensure!(found.is_empty(), "accessibility of {what}: {found:#?}");
    Ok(())
}

#[tokio::test]
async fn the_county_hrss_invites_an_expert_who_completes_the_profile() -> Result<()> {
    let mut j = Journey::start("experts_journey").await?;
    let id = ID;

    // 1. The pool of the demo committee, and 专家预入库.
    sign_in_as(&j, "county_hrss_unit").await?;
    j.click("menu-title-experts-pool").await?;
    j.find("list-expert-pool").await?;
    j.screenshot("pool").await?;
    j.click("pre-entry").await?;
    j.find("dialog-pre-entry").await?;
    choose_text(&j, "entry-committee", "示范县中小学教师系列中级评委会").await?;
    choose_text(&j, "entry-employer", "示范县教育局").await?;
    fill(&j, "entry-name", NAME).await?;
    fill(&j, "entry-id", id).await?;
    choose_text(&j, "entry-gender", "男").await?;
    fill(&j, "entry-title", "高级教师").await?;
    choose_text(&j, "entry-level", "副高级").await?;
    choose_text(&j, "entry-series", "中小学教师系列").await?;
    fill(&j, "entry-phone", "13900000135").await?;
    fill(&j, "entry-specialties", "中学数学，中学物理").await?;
    set_dates(
        &j,
        &[
            ("entry-term-start", "2026-12-01"),
            ("entry-term-end", "2028-11-30"),
        ],
    )
    .await?;
    j.screenshot("pre-entry-dialog").await?;
    j.click("dialog-submit").await?;
    j.wait_text("alert-success", NAME).await?;

    // 2. 邀请: the account is created; its login name is shown.
    let member = row_id(&j, "row-", NAME).await?;
    j.click(&format!("invite-{member}")).await?;
    j.find("dialog-invite").await?;
    j.click("dialog-submit").await?;
    let username = format!("zj{id}");
    j.wait_text("alert-success", &username).await?;
    wait_css(
        &j,
        &format!("[data-testid='row-{member}'][data-status='invited']"),
    )
    .await?;
    j.screenshot("invited").await?;
    log_out(&j).await?;

    // 3. The expert signs in with the initial password: the forced change first.
    sign_in(&j, &username, "123@abc").await?;
    j.find("page-forced-password").await?;
    let new_password = "Expert#Pool-2026q";
    fill(&j, "password-current", "123@abc").await?;
    fill(&j, "password-new", new_password).await?;
    fill(&j, "password-repeat", new_password).await?;
    j.screenshot("forced-password").await?;
    j.click("password-submit").await?;

    // 4. An incomplete profile: the home page asks for it first, and leads to it; the expert
    //    completes it.
    j.find("profile-incomplete-todo").await?;
    j.screenshot("home-profile-todo").await?;
    j.click("todo-expert_profile").await?;
    j.find("expert-profile").await?;
    j.find("profile-incomplete").await?;
    j.screenshot("profile-incomplete").await?;
    fill(&j, "profile-education", "硕士研究生").await?;
    fill(&j, "profile-availability", "每年 6-9 月").await?;
    fill(&j, "profile-field", "初中数学教学与教研").await?;
    fill(
        &j,
        "profile-people",
        &format!("杨评审,{APPLICANT_IN_REVIEW},亲属"),
    )
    .await?;
    // 回避单位: found by a part of its name, added with its reason.
    fill(&j, "profile-unit-q", "示范县第一中学").await?;
    j.click("profile-unit-search").await?;
    let unit = first_id(&j, "profile-unit-pick-").await?;
    j.click(&format!("profile-unit-pick-{unit}")).await?;
    fill(&j, &format!("unit-reason-{unit}"), "曾在该校任教").await?;
    j.screenshot("profile-unit-conflict").await?;
    j.click("profile-save").await?;
    j.wait_text("alert-success", "个人信息已保存").await?;
    wait_css(&j, "[data-testid^='membership-'][data-status='active']").await?;
    j.wait_text("expert-profile", "示范县第一中学").await?;
    wait_value(&j, &format!("unit-reason-{unit}"), "曾在该校任教").await?;
    j.screenshot("profile-complete").await?;
    log_out(&j).await?;

    // 5. The pool shows the expert active.
    sign_in_as(&j, "county_hrss_unit").await?;
    j.open(&format!("/experts/pool?name={NAME}")).await?;
    wait_css(
        &j,
        &format!("[data-testid='row-{member}'][data-status='active']"),
    )
    .await?;
    j.screenshot("pool-active").await?;

    // 6. 编辑: the dialog holds the expert's fields; a phone the server refuses is shown at the
    // field; the corrected phone and a new title are saved.
    j.click(&format!("edit-{member}")).await?;
    j.find("dialog-expert-edit").await?;
    e2e::wait_value(&j, "entry-phone", "13900000135").await?;
    e2e::wait_value(&j, "entry-name", NAME).await?;
    e2e::wait_value(&j, "entry-title", "高级教师").await?;
    fill(&j, "entry-phone", "12").await?;
    j.click("dialog-submit").await?;
    j.wait_text("entry-phone-error", "5-20").await?;
    j.screenshot("edit-phone-refused").await?;
    assert_accessible(&j, "the edit dialog with a field error").await?;
    fill(&j, "entry-phone", "13900000246").await?;
    fill(&j, "entry-title", "正高级教师").await?;
    choose_text(&j, "entry-level", "正高级").await?;
    j.click("dialog-submit").await?;
    j.wait_text("alert-success", &format!("已保存 {NAME} 的信息"))
        .await?;
    j.wait_text(&format!("row-{member}"), "正高级教师 · 正高级")
        .await?;
    // Opened again, the dialog holds what was saved.
    j.click(&format!("edit-{member}")).await?;
    j.find("dialog-expert-edit").await?;
    e2e::wait_value(&j, "entry-phone", "13900000246").await?;
    j.screenshot("edited").await?;
    j.click("dialog-cancel").await?;

    // 7. 批量预入库: the template is the header the API reads; a CSV of two experts made from
    // it passes the check and is pre-entered.
    let files = tempfile::tempdir()?;
    j.click("bulk-pre-entry").await?;
    j.find("dialog-bulk-pre-entry").await?;
    let template = String::from_utf8(download(&j, "btn-template").await?)?;
    ensure!(
        template
            == "\u{feff}姓名,身份证号,性别,工作单位,工作单位ID,职称,职称级别,系列,评审专业,联系电话,电子邮箱,任期开始,任期结束\n",
        "the template is {template:?}"
    );
    let good = files.path().join("专家预入库.csv");
    std::fs::write(
        &good,
        format!(
            "{template}{}{}",
            csv_row(
                BULK_A,
                &id_number("52010219750310123"),
                "中学语文、中学历史",
                "13900000301"
            ),
            csv_row(
                BULK_B,
                &id_number("52010219780512224"),
                "中学英语",
                "13900000302"
            ),
        ),
    )?;
    ensure!(
        !j.find("dialog-submit").await?.is_enabled().await?,
        "预入库 is enabled before a check"
    );
    choose_text(&j, "bulk-committee", COMMITTEE).await?;
    choose_file(&j, "input-file", &good).await?;
    j.click("btn-check").await?;
    j.wait_text("alert-success", "全部通过：共 2 行").await?;
    j.screenshot("bulk-checked").await?;
    assert_accessible(&j, "the bulk pre-entry dialog").await?;
    j.click("dialog-submit").await?;
    j.wait_text("alert-success", "已预入库 2 位专家").await?;
    j.open("/experts/pool?name=预审").await?;
    let bulk_a = row_id(&j, "row-", BULK_A).await?;
    row_id(&j, "row-", BULK_B).await?;
    wait_css(
        &j,
        &format!("[data-testid='row-{bulk_a}'][data-status='pre_entry']"),
    )
    .await?;
    j.screenshot("bulk-pre-entered").await?;

    // A file with one bad row: the check names row 3 and its field; nothing is pre-entered,
    // not even the valid row 2.
    let bad = files.path().join("专家预入库-有错误.csv");
    std::fs::write(
        &bad,
        format!(
            "{template}{}{}",
            csv_row(
                NOT_ADDED,
                &id_number("52010219800101335"),
                "小学数学",
                "13900000303"
            ),
            csv_row(
                "东方错号",
                &id_number("52010219820202446"),
                "小学科学",
                "12ab"
            ),
        ),
    )?;
    j.click("bulk-pre-entry").await?;
    j.find("dialog-bulk-pre-entry").await?;
    choose_text(&j, "bulk-committee", COMMITTEE).await?;
    choose_file(&j, "input-file", &bad).await?;
    j.click("btn-check").await?;
    j.wait_text("alert-error", "未预入库任何专家").await?;
    j.wait_text("row-3-phone", "5-20").await?;
    let rows = e2e::testids(&j, "[data-testid='bulk-errors-table'] tbody tr").await?;
    ensure!(rows == ["row-3-phone"], "the errors are {rows:?}");
    ensure!(
        !j.find("dialog-submit").await?.is_enabled().await?,
        "预入库 is enabled after a failed check"
    );
    j.screenshot("bulk-refused").await?;
    j.click("dialog-cancel").await?;
    j.open(&format!("/experts/pool?name={NOT_ADDED}")).await?;
    j.find("table-empty").await?;

    // 8. 违规记录: the reason is required; the confirmation names the expert; the expert leaves
    // the pool (移出) and cannot be recorded twice.
    j.open(&format!("/experts/pool?name={BULK_A}")).await?;
    j.click(&format!("integrity-{bulk_a}")).await?;
    j.find("dialog-integrity").await?;
    j.click("dialog-submit").await?;
    j.wait_text("dialog-record-error", "请填写违规情况").await?;
    fill(&j, "dialog-record", "评审期间私下接触申报人，经查属实").await?;
    j.click("dialog-submit").await?;
    j.wait_text("confirm-message", &format!("确定要记录违规“{BULK_A}”吗？"))
        .await?;
    j.screenshot("integrity-confirm").await?;
    assert_accessible(&j, "the integrity record confirmation").await?;
    j.click("confirm-yes").await?;
    j.wait_text("alert-success", &format!("已记录 {BULK_A} 的违规情况"))
        .await?;
    wait_css(
        &j,
        &format!("[data-testid='row-{bulk_a}'][data-status='removed']"),
    )
    .await?;
    j.wait_text(&format!("row-{bulk_a}"), "移出").await?;
    j.wait_text(&format!("row-{bulk_a}"), "违规：评审期间私下接触申报人")
        .await?;
    assert_absent(&j, &format!("integrity-{bulk_a}")).await?;
    j.screenshot("integrity-recorded").await?;
    log_out(&j).await?;

    // 9. 专家推荐: the county school recommends a teacher to its county's committee with its
    // reason; the proof files dialog opens; a PDF chosen there is listed at once.
    sign_in_as(&j, "county_emp_unit").await?;
    j.open("/experts/recommendations").await?;
    j.click("new-recommendation").await?;
    j.find("dialog-recommend").await?;
    choose_text(&j, "entry-committee", COMMITTEE).await?;
    choose_text(&j, "entry-employer", "示范县第一中学").await?;
    fill(&j, "entry-name", RECOMMENDED).await?;
    fill(&j, "entry-id", &id_number("52010219790618123")).await?;
    choose_text(&j, "entry-gender", "男").await?;
    fill(&j, "entry-title", "一级教师").await?;
    choose_text(&j, "entry-level", "中级").await?;
    choose_text(&j, "entry-series", "中小学教师系列").await?;
    fill(&j, "entry-phone", "13900000411").await?;
    fill(&j, "entry-specialties", "中学化学").await?;
    set_dates(
        &j,
        &[
            ("entry-term-start", "2026-12-01"),
            ("entry-term-end", "2028-11-30"),
        ],
    )
    .await?;
    fill(&j, "dialog-opinion", "县级骨干教师，化学教研组长").await?;
    j.click("dialog-submit").await?;
    j.find("dialog-rec-files").await?;
    j.wait_text("alert-success", &format!("已推荐 {RECOMMENDED}"))
        .await?;
    j.find("rec-files-empty").await?;
    let mut proof = b"%PDF-1.7\n".to_vec();
    proof.extend(std::iter::repeat_n(b'p', 4000));
    let proof_path = files.path().join(PROOF);
    std::fs::write(&proof_path, &proof)?;
    choose_file(&j, "rec-file-input", &proof_path).await?;
    j.wait_text("alert-success", &format!("已上传 {PROOF}"))
        .await?;
    j.wait_text("rec-files", PROOF).await?;
    j.screenshot("recommendation-proof").await?;
    assert_accessible(&j, "the proof files dialog").await?;
    // A second file, chosen by mistake, is removed after a confirmation; the dialog comes back.
    let wrong = files.path().join("草稿.pdf");
    std::fs::write(&wrong, &proof)?;
    choose_file(&j, "rec-file-input", &wrong).await?;
    j.wait_text("rec-files", "草稿.pdf").await?;
    let ids = e2e::testids(&j, "[data-testid^='rec-file-remove-']").await?;
    ensure!(ids.len() == 2, "two files: {ids:?}");
    let second = ids.last().map(String::as_str).unwrap_or_default();
    j.click(second).await?;
    j.find("dialog-confirm").await?;
    j.wait_text("confirm-message", "确定要删除“草稿.pdf”吗？")
        .await?;
    j.click("confirm-yes").await?;
    j.find("dialog-rec-files").await?;
    j.wait_text("alert-success", "已删除 草稿.pdf").await?;
    // The dialog is mounted again: its table appears once the files are loaded afresh.
    j.wait_text("rec-files", PROOF).await?;
    assert_absent(&j, second).await?;
    j.click("btn-close").await?;
    let rec = row_id(&j, "row-", RECOMMENDED).await?;
    j.wait_text(&format!("files-rec-{rec}"), "1 个文件").await?;
    log_out(&j).await?;

    // 10. The county HRSS, which decides, sees the file and downloads it; it adds none.
    sign_in_as(&j, "county_hrss_unit").await?;
    j.open("/experts/recommendations?status=pending").await?;
    j.wait_text(&format!("row-{rec}"), RECOMMENDED).await?;
    j.find(&format!("accept-rec-{rec}")).await?;
    j.click(&format!("files-rec-{rec}")).await?;
    j.find("dialog-rec-files").await?;
    j.wait_text("rec-files", PROOF).await?;
    let file = first_id(&j, "rec-file-download-").await?;
    let got = download(&j, &format!("rec-file-download-{file}")).await?;
    ensure!(
        got == proof,
        "the downloaded proof differs ({} bytes)",
        got.len()
    );
    assert_absent(&j, "rec-file-input").await?;
    assert_absent(&j, &format!("rec-file-remove-{file}")).await?;
    j.screenshot("recommendation-proof-decider").await?;
    j.click("btn-close").await?;
    j.finish().await
}
