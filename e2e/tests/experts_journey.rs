//! Browser journey of the expert pool (issue 10, manual §6.5): the county HRSS pre-enters a
//! person into its committee's pool and invites them; the expert signs in with the initial
//! password, changes it, lands on the profile, completes it; the pool shows the expert active.

use anyhow::{Context, Result};
use e2e::{fill, log_out, row_id, sign_in, sign_in_as, wait_css, Journey};
use fantoccini::Locator;

const NAME: &str = "欧阳评审";

/// A valid ID number of a man born 1970-01-15 (check character computed by GB 11643).
const ID: &str = "520102197001151356";

/// The demo applicant in online review (杨评审), whom the expert declares a conflict with.
const APPLICANT_IN_REVIEW: &str = "520121198804132136";

/// Picks the option of the select `testid` whose text contains `text`.
async fn choose_text(j: &Journey, testid: &str, text: &str) -> Result<()> {
    let xpath = format!("//select[@data-testid='{testid}']/option[contains(., '{text}')]");
    j.client
        .wait()
        .for_element(Locator::XPath(&xpath))
        .await
        .with_context(|| format!("waiting for {text:?} in {testid}"))?
        .click()
        .await
        .with_context(|| format!("choosing {text:?} in {testid}"))
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
    j.client
        .execute(
            "for (const [id, v] of [['entry-term-start', '2026-12-01'], ['entry-term-end', '2028-11-30']]) {
                 const input = document.querySelector(`[data-testid='${id}']`);
                 input.value = v;
                 input.dispatchEvent(new Event('input', { bubbles: true }));
             }",
            vec![],
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

    // 4. An incomplete profile: the expert lands on it and completes it.
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
    j.click("profile-save").await?;
    j.wait_text("alert-success", "个人信息已保存").await?;
    wait_css(&j, "[data-testid^='membership-'][data-status='active']").await?;
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
    j.finish().await
}
