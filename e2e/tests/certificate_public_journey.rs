//! 证书核验 on the public site (issue 12), on a phone (375×667) and at 1366×768.
//!
//! A certificate comes into existence the cheapest real way: 证书补录 through the API by a demo
//! HRSS account that holds `title.certificates.backfill`. Its QR code's link (`qr_text` of
//! `GET /api/v1/certificates/{id}`) opened with an empty cache shows 证书有效 and, from the
//! signed fragment, 签名有效 with the signed fields; the first load is measured with the
//! Performance API. A tampered fragment shows 签名无效. The check by number with a wrong name
//! finds nothing (and the name never reaches the address); with the right name, after the
//! certificate is revoked through the API, it shows 证书已撤销 with the date, as does the QR page.
//!
//! `cargo test -p e2e --test certificate_public_journey -- --nocapture` prints the load figures
//! (docs/PERFORMANCE.md records them).

use anyhow::{anyhow, ensure, Context, Result};
use e2e::{api_call, api_login, check_load, fill, measure, print_load, wait_css, Journey};
use serde_json::json;

/// Demo accounts that may hold 证书补录, tried in this order.
const BACKFILLERS: [&str; 4] = [
    "prov_hrss_unit",
    "prov_hrss_handler",
    "city_hrss_unit",
    "county_hrss_unit",
];

const HOLDER: &str = "林晓证";
const NUMBER: &str = "E2E2026000001";

/// The first demo account whose login lists the backfill module: its access token and unit id.
async fn backfiller(j: &Journey) -> Result<(String, i64)> {
    for username in BACKFILLERS {
        let login = api_login(j, username).await?;
        let holds = login["user"]["modules"]
            .as_array()
            .is_some_and(|m| m.contains(&json!("title.certificates.backfill")));
        if holds {
            let token = login["access_token"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let unit = login["user"]["unit"]["id"]
                .as_i64()
                .ok_or_else(|| anyhow!("no unit in {login}"))?;
            return Ok((token, unit));
        }
    }
    Err(anyhow!(
        "no demo account of {BACKFILLERS:?} holds title.certificates.backfill"
    ))
}

/// The path and fragment of a QR code's text (its origin is the server's PUBLIC_BASE_URL).
fn qr_path(qr_text: &str) -> Result<String> {
    qr_text
        .find("/public/certificates/v/")
        .map(|at| qr_text[at..].to_owned())
        .ok_or_else(|| anyhow!("not a QR link: {qr_text}"))
}

/// The QR link with one character of the signed payload changed.
fn tampered(path: &str) -> Result<String> {
    let at = path
        .find("#CT1.")
        .map(|i| i + "#CT1.".len())
        .ok_or_else(|| anyhow!("no signed fragment in {path}"))?;
    let mut bytes = path.as_bytes().to_vec();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    Ok(String::from_utf8(bytes)?)
}

/// The phone-size rules of the page shown now: no horizontal scroll, every visible control a
/// 40 px target, every input's text at least 16 px (no zoom on focus).
async fn phone_rules(j: &Journey, page: &str) -> Result<()> {
    let found = j
        .client
        .execute(
            r#"
            const small = [];
            for (const e of document.querySelectorAll('#public-site a, #public-site button, #public-site input')) {
                const r = e.getBoundingClientRect();
                if (r.width === 0 || e.classList.contains('skip-link')) continue;
                if (r.height < 40) small.push(`${e.dataset.testid || e.id || e.textContent.trim()}: ${r.height}px`);
                if (e.tagName === 'INPUT' && parseFloat(getComputedStyle(e).fontSize) < 16)
                    small.push(`${e.id}: font ${getComputedStyle(e).fontSize}`);
            }
            return { overflow: document.documentElement.scrollWidth - window.innerWidth, small };
            "#,
            vec![],
        )
        .await?;
    ensure!(
        found["overflow"].as_f64().unwrap_or(1.0) <= 0.0,
        "{page}: scrolls sideways at 375 px ({found})"
    );
    ensure!(
        found["small"].as_array().is_some_and(Vec::is_empty),
        "{page}: too small for a finger: {found}"
    );
    Ok(())
}

/// Scrolls the element with this `data-testid` into view (a screenshot shows the viewport).
async fn scroll_to(j: &Journey, testid: &str) -> Result<()> {
    j.client
        .execute(
            "document.querySelector(`[data-testid='${arguments[0]}']`).scrollIntoView();",
            vec![json!(testid)],
        )
        .await?;
    Ok(())
}

async fn text_of(j: &Journey, testid: &str) -> Result<String> {
    Ok(j.find(testid).await?.text().await?.trim().to_owned())
}

#[tokio::test]
async fn a_certificate_is_checked_by_its_qr_code_and_by_number_on_a_phone() -> Result<()> {
    let mut j = Journey::start("certificate_public").await?;
    // Set-up through the API from a page that loads none of the SPA (the cache stays empty).
    j.open("/api/health").await?;
    let (token, unit) = backfiller(&j).await?;
    let backfill = json!({
        "number": NUMBER,
        "holder_name": HOLDER,
        "id_number": "11010519491231002X",
        "employer_id": unit,
        "series": "engineering",
        "specialty": "电气工程",
        "level": "associate_senior",
        "qualification": "高级工程师",
        "committee": "示范省工程系列高级评审委员会",
        "approval_date": "2020-06-30",
        "approval_document": "示人社职〔2020〕12号",
        "issuing_body": "示范省人力资源和社会保障厅",
    });
    let (status, created) =
        api_call(&j, "POST", &token, "/api/v1/certificates", Some(&backfill)).await?;
    ensure!(status == 201, "证书补录 answered {status}: {created}");
    let id = created["id"]
        .as_i64()
        .ok_or_else(|| anyhow!("no id in {created}"))?;
    let (status, certificate) = api_call(
        &j,
        "GET",
        &token,
        &format!("/api/v1/certificates/{id}"),
        None,
    )
    .await?;
    ensure!(status == 200, "the certificate answered {status}");
    let qr = qr_path(certificate["qr_text"].as_str().unwrap_or_default())?;

    // The QR code's link on a phone, first load with an empty cache.
    j.client.set_window_size(375, 667).await?;
    j.open(&qr).await?;
    let figures = measure(&j, "cert-outcome").await?;
    print_load("certificate QR page (375×667)", &figures);
    wait_css(&j, "[data-testid='cert-card'][data-outcome='valid']").await?;
    ensure!(text_of(&j, "cert-outcome").await? == "证书有效");
    ensure!(text_of(&j, "cert-holder").await? == HOLDER);
    ensure!(text_of(&j, "cert-number").await? == NUMBER);
    let masked = text_of(&j, "cert-id-number").await?;
    ensure!(
        masked.starts_with("1101") && masked.ends_with("002X") && !masked.contains("19491231"),
        "the ID number is not masked: {masked}"
    );
    wait_css(&j, "[data-testid='signature-outcome'][data-valid='true']").await?;
    ensure!(text_of(&j, "signature-outcome").await? == "签名有效");
    ensure!(text_of(&j, "sig-holder").await? == HOLDER);
    ensure!(text_of(&j, "sig-number").await? == NUMBER);
    phone_rules(&j, "QR page").await?;
    j.screenshot("qr-valid-375").await?;
    scroll_to(&j, "cert-signature").await?;
    j.screenshot("qr-signature-valid-375").await?;
    check_load("certificate QR page", &figures, "public")?;

    // A fragment changed by one character: the signature does not hold.
    j.open("/public/certificates").await?;
    j.find("page-public-certificates").await?;
    j.open(&tampered(&qr)?).await?;
    wait_css(&j, "[data-testid='signature-outcome'][data-valid='false']").await?;
    ensure!(text_of(&j, "signature-outcome").await? == "签名无效");
    wait_css(&j, "[data-testid='cert-card'][data-outcome='valid']").await?;
    scroll_to(&j, "cert-signature").await?;
    j.screenshot("qr-signature-tampered-375").await?;

    // By number: a field left empty is named at the field; a wrong name finds nothing, and the
    // address carries the number only.
    j.click("cert-by-number").await?;
    j.find("page-public-certificates").await?;
    fill(&j, "input-number", NUMBER).await?;
    j.click("btn-verify").await?;
    j.find("input-name-error").await?;
    phone_rules(&j, "the check by number").await?;
    j.screenshot("number-field-error-375").await?;
    fill(&j, "input-name", "王错名").await?;
    j.click("btn-verify").await?;
    wait_css(&j, "[data-testid='cert-card'][data-outcome='not_found']").await?;
    ensure!(text_of(&j, "cert-outcome").await? == "未查到该证书");
    scroll_to(&j, "cert-card").await?;
    let address = j.client.current_url().await?;
    ensure!(
        address.query() == Some(&format!("number={NUMBER}")[..]) && address.fragment().is_none(),
        "the address should hold the number only: {address}"
    );
    j.screenshot("number-not-found-375").await?;

    // Revoked through the API: the check by number and the QR page show it with the date.
    // The Certificate answer carries no version (a contract gap, reported): a record just
    // backfilled is at version 1, as the API tests assume.
    let version = certificate.get("version").cloned().unwrap_or(json!(1));
    let reason = json!({ "reason": "e2e：职称撤销", "version": version });
    let (status, revoked) = api_call(
        &j,
        "POST",
        &token,
        &format!("/api/v1/certificates/{id}/revocation"),
        Some(&reason),
    )
    .await?;
    ensure!(status == 200, "the revocation answered {status}: {revoked}");
    let day = revoked["revoked_on"]
        .as_str()
        .ok_or_else(|| anyhow!("no revoked_on in {revoked}"))?
        .to_owned();
    fill(&j, "input-name", HOLDER).await?;
    j.click("btn-verify").await?;
    wait_css(&j, "[data-testid='cert-card'][data-outcome='revoked']").await?;
    ensure!(text_of(&j, "cert-outcome").await? == "证书已撤销");
    ensure!(
        text_of(&j, "cert-revoked-on").await?.contains(&day),
        "no revocation date {day}"
    );
    scroll_to(&j, "cert-card").await?;
    j.screenshot("number-revoked-375").await?;
    j.open(&qr).await?;
    wait_css(&j, "[data-testid='cert-card'][data-outcome='revoked']").await?;
    ensure!(text_of(&j, "cert-revoked-on").await?.contains(&day));

    // At 1366×768, in English: the same card, the language switched in place.
    j.client.set_window_size(1366, 768).await?;
    j.click("locale-switch").await?;
    j.wait_lang("en").await?;
    wait_css(&j, "[data-testid='cert-card'][data-outcome='revoked']").await?;
    ensure!(text_of(&j, "cert-outcome").await? == "Revoked");
    j.screenshot("qr-revoked-1366-en").await?;

    // Too many checks from this address (the limit is shared by both ways): the form shows the
    // server's message and how long its Retry-After asks to wait.
    j.click("public-nav-certificates").await?;
    j.find("page-public-certificates").await?;
    let check = json!({ "number": NUMBER, "name": HOLDER });
    let mut refused = false;
    for _ in 0..60 {
        let (status, _) = api_call(
            &j,
            "POST",
            "",
            "/api/v1/public/certificates/verify",
            Some(&check),
        )
        .await?;
        if status == 429 {
            refused = true;
            break;
        }
    }
    ensure!(refused, "no 429 after 60 checks from one address");
    fill(&j, "input-number", NUMBER).await?;
    fill(&j, "input-name", HOLDER).await?;
    j.click("btn-verify").await?;
    let wait = text_of(&j, "cert-wait").await?;
    ensure!(wait.starts_with("Try again in"), "no wait shown: {wait}");
    j.screenshot("rate-limited-1366-en").await?;
    j.finish().await.context("the last page")
}

#[test]
fn a_tampered_link_differs_in_its_signed_payload_only() -> Result<()> {
    let path = "/public/certificates/v/AbCdEfGhIjKlMnOpQrSt-_#CT1.eyJuIjoi.c2ln";
    let bad = tampered(path)?;
    ensure!(bad != path && bad.starts_with("/public/certificates/v/AbCdEfGhIjKlMnOpQrSt-_#CT1."));
    ensure!(
        qr_path("https://zc.example.gov.cn/public/certificates/v/x#CT1.a.b")?
            == "/public/certificates/v/x#CT1.a.b"
    );
    Ok(())
}
