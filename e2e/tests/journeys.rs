//! Browser journeys through the real server and the built SPA. See the `e2e` library (src/lib.rs) for the setup and
//! `docs/TESTING.md` for how to run them.

use anyhow::Result;
use e2e::Journey;

/// The shell: Chinese by default, English on request (and remembered), the live health status
/// from the API, and the SPA's own 404 page for an unknown deep link.
#[tokio::test]
async fn shell_language_health_and_not_found() -> Result<()> {
    let mut j = Journey::start("shell").await?;

    j.open("/").await?;
    j.find("page-home").await?;
    j.wait_text("app-title", "职称评审子系统").await?;
    j.wait_lang("zh-CN").await?;
    j.screenshot("home-zh").await?;

    j.click("locale-switch").await?;
    j.wait_text("app-title", "Professional Title").await?;
    j.wait_lang("en").await?;
    j.screenshot("home-en").await?;

    j.click("nav-about").await?;
    j.find("page-about").await?;
    j.wait_text("health-status", "OK").await?;
    j.wait_text("health-database", "SQLite").await?;
    j.wait_text("health-version", env!("CARGO_PKG_VERSION"))
        .await?;
    j.screenshot("about-en").await?;

    // A reload keeps the language: the choice is remembered.
    j.client.refresh().await?;
    j.wait_text("app-title", "Professional Title").await?;
    j.wait_text("health-status", "OK").await?;

    j.open("/no/such/deep/link").await?;
    j.find("page-not-found").await?;
    j.wait_lang("en").await?;
    j.screenshot("not-found-en").await?;

    j.click("locale-switch").await?;
    j.wait_text("app-title", "职称评审子系统").await?;
    j.wait_lang("zh-CN").await?;
    j.find("page-not-found").await?;
    j.screenshot("not-found-zh").await?;

    j.click("nav-about").await?;
    j.wait_text("health-status", "正常").await?;
    j.screenshot("about-zh").await?;

    j.finish().await
}
