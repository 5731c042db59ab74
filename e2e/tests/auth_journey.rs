//! Browser journeys of signing in: errors, the menu each account gets, the route guard, logout,
//! and changing one's own password. The accounts come from the backend's demo province
//! (`backend demo --json`), read at test time so the journey follows the seed.

use std::time::Duration;

use anyhow::{anyhow, bail, ensure, Context, Result};
use e2e::{assert_absent, demo_accounts, fill, pick, sign_in, testids, Account, Journey};
use fantoccini::Locator;
use serde_json::{json, Value};

/// The modules the API grants `account`, asked through the browser (a separate session).
async fn api_modules(j: &Journey, account: &Account) -> Result<Vec<String>> {
    let script = r#"
        const [username, password, done] = arguments;
        fetch('/api/v1/auth/login', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ username, password }),
        }).then((r) => r.json()).then((b) => done(b), (e) => done({ error: String(e) }));
    "#;
    let answer = j
        .client
        .execute_async(
            script,
            vec![json!(account.username), json!(account.password)],
        )
        .await
        .context("logging in through fetch")?;
    answer
        .pointer("/user/modules")
        .and_then(Value::as_array)
        .ok_or_else(|| anyhow!("login answer without user.modules: {answer}"))?
        .iter()
        .map(|m| {
            m.as_str()
                .map(str::to_owned)
                .ok_or_else(|| anyhow!("module code is not a string: {m}"))
        })
        .collect()
}

/// The menu-link test id of a module code (`portal.password` → `menu-portal-password`).
fn menu_testid(code: &str) -> String {
    format!("menu-{}", code.replace('.', "-"))
}

/// The heading test id of a module's menu group (SPEC §8 groups; the two system modules form
/// the `system_security` group).
fn group_testid(code: &str) -> String {
    let parts: Vec<&str> = code.split('.').collect();
    let group = match parts.as_slice() {
        ["system", _] => "system_security".to_owned(),
        [subsystem, _] => (*subsystem).to_owned(),
        [subsystem, group, ..] => format!("{subsystem}_{group}"),
        _ => code.to_owned(),
    };
    format!("menu-group-{group}")
}

/// Waits for the menu of a signed-in account and checks it lists exactly the API's modules,
/// in its order, under exactly their groups.
async fn assert_menu_matches_api(j: &Journey, account: &Account) -> Result<()> {
    let modules = api_modules(j, account).await?;
    ensure!(
        modules.iter().any(|m| m == "portal.password"),
        "every account holds portal.password: {modules:?}"
    );
    j.find("menu-portal-password").await?;
    let links = testids(j, ".side-menu a[data-testid^='menu-']").await?;
    let expected: Vec<String> = modules.iter().map(|m| menu_testid(m)).collect();
    ensure!(
        links == expected,
        "menu of {}: {links:?}, API: {expected:?}",
        account.username
    );
    let mut groups = testids(j, ".side-menu [data-testid^='menu-group-']").await?;
    let mut expected: Vec<String> = modules.iter().map(|m| group_testid(m)).collect();
    groups.sort();
    expected.sort();
    expected.dedup();
    ensure!(
        groups == expected,
        "menu groups of {}: {groups:?}, expected {expected:?}",
        account.username
    );
    Ok(())
}

/// Wrong password, the county employer's administrator and the auditor: their unit, their menu
/// (exactly the API's modules), a module placeholder, no access elsewhere, logout, and the
/// guard's way back to the page asked for.
#[tokio::test]
async fn sign_in_errors_menus_by_account_and_the_guard() -> Result<()> {
    let accounts = demo_accounts()?;
    let admin = pick(&accounts, "unit_admin", Some("employer"), Some("county"))?;
    let auditor = pick(&accounts, "auditor", None, None)?;
    let mut j = Journey::start("auth-menus").await?;

    j.open("/login").await?;
    j.find("page-login").await?;
    j.wait_lang("zh-CN").await?;
    j.wait_text("app-title", "职称评审子系统").await?;
    j.find("nav-about").await?;
    assert_absent(&j, "logout").await?;
    j.screenshot("login").await?;

    // (a) A wrong password: the API's message in the alert region.
    sign_in(&j, &admin.username, "Wrong#Password1").await?;
    j.wait_text("login-error", "用户名或密码错误").await?;
    j.screenshot("wrong-password").await?;

    // (b) The county employer's administrator.
    sign_in(&j, &admin.username, &admin.password).await?;
    j.find("page-home").await?;
    j.wait_text("user-unit", &admin.unit).await?;
    j.wait_text("user-kind", "单位管理员").await?;
    j.wait_text("home-unit", &admin.unit).await?;
    j.find("user-name").await?;
    assert_menu_matches_api(&j, &admin).await?;
    j.find("menu-group-portal").await?;
    assert_absent(&j, "menu-system-audit_log").await?;
    assert_absent(&j, "menu-group-system_security").await?;
    j.screenshot("unit-admin-home").await?;

    // A module's screen, from the menu (every module of a unit administrator has one).
    j.click("menu-portal-system-org_structure").await?;
    j.wait_text("org-tree", &admin.unit).await?;
    j.screenshot("module-screen").await?;

    // A module it does not hold, by address (a reload: the session survives it).
    j.open("/m/system.audit_log").await?;
    j.wait_text("page-no-access", "无权访问").await?;
    j.wait_text("user-unit", &admin.unit).await?;
    j.screenshot("no-access").await?;

    j.click("logout").await?;
    j.wait_text("login-notice", "您已安全退出").await?;
    assert_absent(&j, "user-name").await?;
    j.screenshot("logged-out").await?;

    // (c) The auditor: the audit log and the password change, nothing else.
    sign_in(&j, &auditor.username, &auditor.password).await?;
    j.find("menu-system-audit_log").await?;
    assert_menu_matches_api(&j, &auditor).await?;
    let links = testids(&j, ".side-menu a[data-testid^='menu-']").await?;
    ensure!(
        links == ["menu-portal-password", "menu-system-audit_log"],
        "auditor menu: {links:?}"
    );
    j.wait_text("user-kind", "安全审计员").await?;
    j.screenshot("auditor-home").await?;

    // The guard: signed out, a guarded page leads to the login page and back to it.
    j.click("logout").await?;
    j.find("page-login").await?;
    j.open("/password").await?;
    j.find("page-login").await?;
    let url = j.client.current_url().await?;
    ensure!(
        url.path() == "/login" && url.query().is_some_and(|q| q.contains("next=")),
        "expected /login?next=…, got {url}"
    );
    j.screenshot("guard-login").await?;
    sign_in(&j, &auditor.username, &auditor.password).await?;
    j.find("page-password").await?;
    j.screenshot("guard-back-to-password").await?;

    j.finish().await
}

/// (d) Changing one's own password: the repeat is checked in the page, a weak password gets
/// the API's rule, a good one succeeds; after logout only the new password works.
#[tokio::test]
async fn change_own_password_then_sign_in_with_it() -> Result<()> {
    let accounts = demo_accounts()?;
    let handler = pick(&accounts, "handler", Some("employer"), Some("county"))?;
    let new_password = "Lark7#Meadow-2026q";
    if handler.password == new_password {
        bail!("the demo password is the journey's new password");
    }
    let mut j = Journey::start("auth-password").await?;

    // Signed out, the home page carries the login form.
    j.open("/").await?;
    j.find("page-home").await?;
    sign_in(&j, &handler.username, &handler.password).await?;
    j.wait_text("user-unit", &handler.unit).await?;
    j.find("home-welcome").await?;
    j.screenshot("home-signed-in").await?;

    // (The step that opened a module without its screen, 专家推荐申请, went with issue 10: that
    // module has its screen now and an employer's handler holds no other screenless module.)

    j.click("menu-portal-password").await?;
    j.find("page-password").await?;
    j.screenshot("password-form").await?;

    fill(&j, "password-current", &handler.password).await?;
    fill(&j, "password-new", new_password).await?;
    fill(&j, "password-repeat", "Lark7#Meadow-2026x").await?;
    j.click("password-submit").await?;
    j.wait_text("password-error", "两次输入的新密码不一致")
        .await?;
    j.screenshot("repeat-mismatch").await?;

    fill(&j, "password-new", "abcdefgh").await?;
    fill(&j, "password-repeat", "abcdefgh").await?;
    j.click("password-submit").await?;
    j.client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::XPath(
            "//*[@data-testid='password-error'][normalize-space(.) != ''\
             and not(contains(., '两次输入的新密码不一致'))]",
        ))
        .await
        .context("waiting for the API's weak-password message")?;
    j.screenshot("weak-password").await?;

    fill(&j, "password-new", new_password).await?;
    fill(&j, "password-repeat", new_password).await?;
    j.click("password-submit").await?;
    j.wait_text("password-success", "密码修改成功").await?;
    j.screenshot("password-changed").await?;

    // The new tokens work: the session goes on (a reload restores it through a refresh).
    j.open("/password").await?;
    j.find("page-password").await?;
    j.wait_text("user-unit", &handler.unit).await?;

    j.click("logout").await?;
    j.find("page-login").await?;
    sign_in(&j, &handler.username, &handler.password).await?;
    j.wait_text("login-error", "用户名或密码错误").await?;
    sign_in(&j, &handler.username, new_password).await?;
    j.find("page-home").await?;
    j.wait_text("user-unit", &handler.unit).await?;
    j.screenshot("signed-in-with-new-password").await?;

    j.finish().await
}

/// The 6-digit TOTP (RFC 6238, SHA-1, 30 s) of a base32 secret at the server's time (the
/// journey's server runs on the real clock) plus `steps` steps.
fn totp(secret: &str, steps: i64) -> Result<String> {
    use hmac::{Hmac, Mac};
    let (mut key, mut buffer, mut bits) = (Vec::new(), 0u32, 0u32);
    for c in secret.bytes().filter(|c| !c.is_ascii_whitespace()) {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            _ => bail!("not base32: {secret}"),
        };
        buffer = (buffer << 5) | u32::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            key.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let step = i64::try_from(now / 30)? + steps;
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&key).map_err(|e| anyhow!("{e}"))?;
    mac.update(&step.to_be_bytes());
    let d = mac.finalize().into_bytes();
    let o = usize::from(d[19] & 0x0f);
    let bin = u32::from_be_bytes([d[o] & 0x7f, d[o + 1], d[o + 2], d[o + 3]]);
    Ok(format!("{:06}", bin % 1_000_000))
}

/// (e) Two-factor authentication: the security administrator requires it of the system
/// administrator, who is then held on the enrollment page until an authenticator is bound
/// (the code computed here from the secret on the page); the next sign-in asks for a code,
/// refuses a wrong one and takes a recovery code.
#[tokio::test]
async fn the_policy_requires_an_authenticator_and_sign_in_asks_for_its_code() -> Result<()> {
    let accounts = demo_accounts()?;
    let sec = pick(&accounts, "security_admin", None, None)?;
    let sys = pick(&accounts, "system_admin", None, None)?;
    let mut j = Journey::start("auth-mfa").await?;

    j.open("/").await?;
    sign_in(&j, &sec.username, &sec.password).await?;
    j.find("home-welcome").await?;
    j.click("menu-system-security_policy").await?;
    j.find("page-security-policy").await?;
    let tick = j.find("policy-mfa-system_admin").await?;
    ensure!(
        tick.prop("checked").await?.as_deref() != Some("true"),
        "the demo starts without MFA"
    );
    tick.click().await?;
    j.check_accessibility().await?;
    j.screenshot("policy-mfa-groups").await?;
    j.click("btn-save-policy").await?;
    j.wait_text("alert-success", "安全策略已保存").await?;
    j.click("logout").await?;
    j.find("page-login").await?;

    // Held on the enrollment, whatever the address; the menu is gone.
    sign_in(&j, &sys.username, &sys.password).await?;
    j.find("page-mfa-enroll").await?;
    assert_absent(&j, "menu-portal-system-users").await?;
    j.open("/system/users").await?;
    j.find("page-mfa-enroll").await?;
    j.check_accessibility().await?;
    j.screenshot("mfa-forced").await?;
    j.click("mfa-start").await?;
    j.find("mfa-qr").await?;
    let secret = j
        .find("mfa-secret")
        .await?
        .attr("data-secret")
        .await?
        .ok_or_else(|| anyhow!("mfa-secret without data-secret"))?;
    j.check_accessibility().await?;
    j.screenshot("mfa-scan").await?;
    fill(&j, "mfa-code", "12345").await?;
    j.click("mfa-confirm").await?;
    j.wait_text("mfa-error", "6 位数字").await?;
    fill(&j, "mfa-code", &totp(&secret, 0)?).await?;
    j.click("mfa-confirm").await?;
    j.find("mfa-enabled").await?;
    let codes = testids(&j, "[data-testid='mfa-recovery-code']").await?;
    ensure!(codes.len() == 10, "ten recovery codes, saw {}", codes.len());
    let recovery = j
        .find("mfa-recovery-code")
        .await?
        .text()
        .await?
        .trim()
        .to_owned();
    ensure!(
        recovery.len() == 9,
        "a recovery code xxxx-xxxx: {recovery:?}"
    );
    j.screenshot("mfa-recovery-codes").await?;
    j.click("mfa-done").await?;
    j.find("home-welcome").await?;
    j.open("/system/users").await?;
    j.find("btn-new-account").await?;
    j.click("menu-portal-password").await?;
    j.find("mfa-on").await?;

    // Next sign-in: the password, then the code; a wrong one is refused, a recovery code works.
    j.click("logout").await?;
    j.find("page-login").await?;
    sign_in(&j, &sys.username, &sys.password).await?;
    j.find("login-otp").await?;
    j.wait_text("login-error", "动态验证码").await?;
    j.screenshot("login-otp").await?;
    let right = totp(&secret, 0)?;
    let wrong = if right == "000000" {
        "000001"
    } else {
        "000000"
    };
    fill(&j, "login-otp", &format!("{wrong}\u{E007}")).await?;
    j.wait_text("login-error", "不正确").await?;
    fill(&j, "login-otp", &format!("{recovery}\u{E007}")).await?;
    j.find("home-welcome").await?;
    j.wait_text("user-unit", &sys.unit).await?;
    j.screenshot("signed-in-with-recovery-code").await?;
    j.finish().await
}
