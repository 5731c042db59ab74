//! The screen kit in the browser: a list keeps its filter in the address (reload, back and
//! forward, a pasted link), prints with the unit and the date, and exports what it shows.

use std::io::Cursor;

use anyhow::{anyhow, ensure, Context, Result};
use calamine::{open_workbook_from_rs, Reader, Xlsx};
use e2e::{download, fill, sign_in_as, testids, wait_value, Journey};
use fantoccini::wd::PrintConfiguration;

/// The county school's administrator: its 用户管理 lists the demo applicants (more than a page).
const ADMIN: &str = "county_emp_admin";
/// Part of the county school's three staff usernames (`county_emp_unit`, `_admin`,
/// `_handler`); its applicants' usernames are ID numbers, found only whole (issue 13).
const PREFIX: &str = "county";

async fn pager_total(j: &Journey) -> Result<u64> {
    let text = j.find("pager-total").await?.text().await?;
    text.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .with_context(|| format!("no number in {text:?}"))
}

/// Signs in and opens 用户管理 filtered by the applicants' prefix; answers (all, filtered).
async fn filtered_users(j: &mut Journey) -> Result<(u64, u64)> {
    sign_in_as(j, ADMIN).await?;
    j.click("menu-portal-system-users").await?;
    j.find("list-users").await?;
    j.find("pager-total").await?;
    let all = pager_total(j).await?;
    fill(j, "filter-q", PREFIX).await?;
    j.click("btn-search").await?;
    j.wait_text("pager-total", "共 3 条").await?;
    Ok((all, 3))
}

#[tokio::test]
async fn a_list_filter_survives_reload_back_forward_and_a_pasted_link() -> Result<()> {
    let mut j = Journey::start("kit-list-url").await?;
    let (all, filtered) = filtered_users(&mut j).await?;
    ensure!(
        all > filtered,
        "the filter narrows the list ({all} → {filtered})"
    );
    let url = j.client.current_url().await?;
    ensure!(
        url.path() == "/system/users" && url.query() == Some(&format!("q={PREFIX}")),
        "the filter is in the address: {url}"
    );
    j.screenshot("filtered").await?;

    // Reload: the same filter, the same rows.
    j.client.refresh().await?;
    wait_value(&j, "filter-q", PREFIX).await?;
    j.wait_text("pager-total", &format!("共 {filtered} 条"))
        .await?;

    // Back: the list before the search; forward: the search again.
    j.client.back().await?;
    wait_value(&j, "filter-q", "").await?;
    j.wait_text("pager-total", &format!("共 {all} 条")).await?;
    j.client.forward().await?;
    wait_value(&j, "filter-q", PREFIX).await?;
    j.wait_text("pager-total", &format!("共 {filtered} 条"))
        .await?;

    // A pasted link with a page: the second page of the whole list, with the pager saying so.
    j.open("/system/users?page=2").await?;
    j.wait_text("pager", "第 2 /").await?;
    wait_value(&j, "filter-q", "").await?;
    j.screenshot("pasted-page-two").await?;

    // 重置 clears the filter and the address.
    j.open(&format!("/system/users?q={PREFIX}")).await?;
    j.wait_text("pager-total", &format!("共 {filtered} 条"))
        .await?;
    j.click("btn-reset").await?;
    j.wait_text("pager-total", &format!("共 {all} 条")).await?;
    let url = j.client.current_url().await?;
    ensure!(
        url.query().is_none_or(str::is_empty),
        "reset clears the address: {url}"
    );
    j.finish().await
}

#[tokio::test]
async fn the_print_view_shows_the_filtered_list_with_unit_and_date() -> Result<()> {
    let mut j = Journey::start("kit-print").await?;
    let (_, filtered) = filtered_users(&mut j).await?;

    // The header only paper shows: the list's title, the unit, the date and the filter.
    let header = j.find("print-header").await?;
    ensure!(
        !header.is_displayed().await?,
        "the print header is hidden on screen"
    );
    let text: String = j
        .client
        .execute(
            "return document.querySelector(\"[data-testid='print-header']\").textContent",
            vec![],
        )
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned();
    for part in ["用户管理", "示范县第一中学", "打印日期：", PREFIX] {
        ensure!(
            text.contains(part),
            "the print header names {part:?}: {text:?}"
        );
    }

    // 打印 is the browser's own print of the page as it stands.
    j.client
        .execute(
            "window.__printed = 0; window.print = () => { window.__printed += 1; };",
            vec![],
        )
        .await?;
    j.click("btn-print").await?;
    let printed = j.client.execute("return window.__printed", vec![]).await?;
    ensure!(
        printed.as_u64() == Some(1),
        "打印 calls window.print once: {printed}"
    );

    // The print itself, on A4 with the print style sheet: a PDF with the rows on it.
    let pdf = j
        .client
        .print(
            PrintConfiguration::builder()
                .build()
                .map_err(|e| anyhow!("{e:?}"))?,
        )
        .await?;
    ensure!(pdf.starts_with(b"%PDF"), "the print is a PDF");
    ensure!(
        pdf.len() > 2_000,
        "the PDF has content ({} bytes)",
        pdf.len()
    );
    ensure!(filtered == 3, "the printed list is the filtered one");
    j.screenshot("print-ready").await?;
    j.finish().await
}

/// 导出 on a filtered list downloads an XLSX (`GET /api/v1/accounts/export?…`, the list's own
/// query) whose rows are exactly the filter's.
#[tokio::test]
async fn an_export_downloads_an_xlsx_with_the_rows_of_the_filter() -> Result<()> {
    let mut j = Journey::start("kit-export").await?;
    let (_, filtered) = filtered_users(&mut j).await?;
    let on_screen = testids(
        &j,
        "[data-testid='users-table'] tbody tr[data-testid^='row-']",
    )
    .await?;

    // The file the page offers (the kit saves it through a Blob and an object URL).
    let bytes = download(&j, "btn-export").await?;
    ensure!(bytes.starts_with(b"PK"), "an XLSX (zip) file");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))?;
    let sheet = book
        .worksheet_range_at(0)
        .ok_or_else(|| anyhow!("no sheet"))??;
    let rows = sheet.rows().count().saturating_sub(1);
    ensure!(
        u64::try_from(rows)? == filtered,
        "the file has the filter's {filtered} rows, not {rows}"
    );
    ensure!(
        on_screen.len() as u64 <= filtered,
        "the screen shows a page of them"
    );
    j.finish().await
}
