//! The pages: the list of batches, one batch with its people and the report dialog, and the
//! not-found page. The markup (classes, ids, `data-testid`) is the SPA's own, so the shared
//! stylesheet and the browser journeys see the same page as in the Yew entries.

use std::rc::Rc;

use shared::publicity::{
    FileReportRequest, PublicBatch, PublicBatchDetail, PublicityKind, PublicityStatus,
};
use shared::Page;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlElement};

use super::dom::{doc, el, find, form_text, E};
use super::{close_dialog, current, net, read, tr, STATE};
use crate::api::ApiError;
use crate::components::pager::page_count;
use crate::i18n::{fill, fill_n, Key};
use crate::kit::format::china_time;
use crate::kit::tags::{label, tone, Status};
use crate::pages::title::review::publicity::period_text;

/// The kinds the public site shows.
const PUBLIC_KINDS: [PublicityKind; 3] = [
    PublicityKind::Nominee,
    PublicityKind::Failure,
    PublicityKind::Result,
];

/// The list's filter and page, from the address (`?kind=…&page=…`): a kind the public site
/// does not show is no filter.
pub fn list_query() -> (Option<PublicityKind>, u32) {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let (mut kind, mut page) = (None, 1);
    for pair in search.trim_start_matches('?').split('&') {
        match pair.split_once('=') {
            Some(("kind", value)) => kind = public_kind(value),
            Some(("page", value)) => page = value.parse().unwrap_or(1).max(1),
            _ => {}
        }
    }
    (kind, page)
}

/// One of the kinds the public site shows, by its code.
pub fn public_kind(code: &str) -> Option<PublicityKind> {
    PublicityKind::parse(code).filter(|k| PUBLIC_KINDS.contains(k))
}

/// The list's address for a filter and a page.
pub fn list_url(kind: Option<PublicityKind>, page: u32) -> String {
    let mut url = String::from("/public/publicity");
    let mut sep = '?';
    if let Some(kind) = kind {
        url.push(sep);
        url.push_str("kind=");
        url.push_str(kind.as_str());
        sep = '&';
    }
    if page > 1 {
        url.push(sep);
        url.push_str("page=");
        url.push_str(&page.to_string());
    }
    url
}

fn status_tag(status: PublicityStatus) -> E {
    let status = Status::Publicity(status);
    el("span")
        .c(tone(status).class())
        .id("status")
        .t(label(status, super::locale()))
}

fn th(key: Key) -> E {
    el("th").a("scope", "col").t(tr(key))
}

fn td(text: &str) -> E {
    el("td").t(text)
}

/// A `<td colspan>` line across a table.
fn wide_cell(columns: &str) -> E {
    el("td").a("colspan", columns)
}

/// The red asterisk of a required field (its meaning is spoken, not drawn).
fn required_mark() -> E {
    el("span")
        .c("required-mark")
        .a("title", tr(Key::RequiredMark))
        .k(el("span").a("aria-hidden", "true").t("*"))
        .k(el("span").c("visually-hidden").t(tr(Key::RequiredMark)))
}

/// A labelled control (`data-field`, as the kit's fields).
pub(super) fn field(name: &str, id: &str, label: &str, required: bool, control: E) -> E {
    let mut text = el("label").a("for", id).t(label);
    if required {
        text = text.k(required_mark());
    }
    el("div").c("field").a("data-field", name).k(text).k(control
        .a("id", id)
        .a("name", name)
        .id(id)
        .a_if(required, "required", ""))
}

/// A select of `(value, text)` options.
fn select(options: Vec<(String, &str)>, selected: &str, empty: Option<&str>) -> E {
    let mut select = el("select");
    if let Some(empty) = empty {
        select = select.k(el("option")
            .a("value", "")
            .a_if(selected.is_empty(), "selected", "")
            .t(empty));
    }
    options.into_iter().fold(select, |select, (value, text)| {
        select.k(el("option")
            .a_if(selected == value, "selected", "")
            .a("value", &value)
            .t(text))
    })
}

/// A load that failed: the API's message, its code and 重试.
pub(super) fn load_error(error: &ApiError) -> E {
    el("div")
        .c("alert alert-error")
        .a("role", "alert")
        .id("alert-error")
        .k(el("p").c("alert-title").t(tr(Key::LoadFailed)))
        .k(el("p").t(&error.message(super::locale())))
        .k(el("p")
            .c("muted")
            .t(tr(Key::ErrorCodeLabel))
            .k(el("code").t(error.code())))
        .k(el("p").k(el("button")
            .a("type", "button")
            .c("button button-small")
            .a("data-act", "retry")
            .t(tr(Key::Retry))))
}

/// The list of batches, filled when its answer comes.
pub fn list(generation: u32) -> E {
    let locale = super::locale();
    let (kind, page) = list_query();
    let options = PUBLIC_KINDS
        .iter()
        .map(|k| (k.as_str().to_owned(), k.label(locale)))
        .collect();
    let filter = field(
        "filter-kind",
        "input-filter-kind",
        tr(Key::PubKind),
        false,
        select(
            options,
            kind.map_or("", PublicityKind::as_str),
            Some(tr(Key::All)),
        ),
    );
    let tbody = el("tbody").k(el("tr").k(wide_cell("5").k(el("p")
        .c("state-loading")
        .a("role", "status")
        .id("table-loading")
        .t(tr(Key::Loading)))));
    let table = el("table")
        .c("table")
        .id("public-batches")
        .a("aria-busy", "true")
        .k(el("thead").k(el("tr")
            .k(th(Key::PubTitle))
            .k(th(Key::PubKind))
            .k(th(Key::PubPeriod))
            .k(th(Key::StatusLabel))
            .k(th(Key::PubPublishedAt))))
        .k(tbody);
    let panel = el("div").c("panel panel-table").k(table);
    let panel_node = panel.0.clone();
    let path = crate::api::publicity::public_path(kind, page);
    spawn_local(async move {
        let answer = net::get(&path, locale, read::batches)
            .await
            .map_err(|r| r.error);
        if current(generation) {
            fill_list(&panel_node, answer);
        }
    });
    el("section")
        .c("page")
        .id("page-public-publicity")
        .k(el("div")
            .c("page-heading")
            .k(el("h1").c("page-title").t(tr(Key::PublicHeading))))
        .k(el("p").c("muted page-intro").t(tr(Key::PublicIntro)))
        .k(el("div")
            .c("filter-bar")
            .a("role", "search")
            .a("aria-label", tr(Key::FilterLabel))
            .k(filter))
        .k(panel)
}

fn fill_list(panel: &Element, answer: Result<Page<PublicBatch>, ApiError>) {
    let (Some(table), Some(tbody)) = (find(panel, "table"), find(panel, "tbody")) else {
        return;
    };
    let _ = table.set_attribute("aria-busy", "false");
    let rows = match &answer {
        Err(error) => vec![el("tr").k(wide_cell("5").k(load_error(error)))],
        Ok(page) if page.items.is_empty() => vec![el("tr").k(wide_cell("5")
            .c("empty-state")
            .id("table-empty")
            .t(tr(Key::EmptyList)))],
        Ok(page) => page.items.iter().map(batch_row).collect(),
    };
    tbody.set_text_content(None);
    let _ = E(tbody.into()).ks(rows);
    if let Ok(page) = answer {
        let _ = E(panel.clone()).k(pager(page.page, page.per_page, page.total));
    }
}

fn batch_row(b: &PublicBatch) -> E {
    let id = b.id.to_string();
    el("tr")
        .id(&("public-batch-".to_owned() + &id))
        .k(el("td")
            .c("cell-name")
            .k(el("a")
                .a("href", &("/public/publicity/".to_owned() + &id))
                .id(&("open-public-".to_owned() + &id))
                .t(&b.title))
            .k(el("span").c("muted cell-sub").t(&b.unit)))
        .k(td(b.kind.label(super::locale())))
        .k(td(&period_text(&b.period_start, &b.period_end)))
        .k(el("td").k(status_tag(b.status)))
        .k(el("td").c("cell-time").t(&b
            .published_at
            .as_deref()
            .map(china_time)
            .unwrap_or_default()))
}

/// "共 35 条 · 第 1 / 2 页 · 上一页 下一页" under the table.
fn pager(page: u32, per_page: u32, total: u64) -> E {
    let pages = page_count(total, per_page);
    let button = |testid: &str, to: u32, disabled: bool, key: Key| {
        el("button")
            .a("type", "button")
            .c("button button-small")
            .id(testid)
            .a_if(disabled, "disabled", "")
            .a("data-act", "page")
            .a("data-value", &to.to_string())
            .t(tr(key))
    };
    el("nav")
        .c("pager")
        .a("aria-label", tr(Key::PagerLabel))
        .id("pager")
        .k(el("span")
            .c("pager-total")
            .id("pager-total")
            .t(&fill(tr(Key::PagerTotal), &total.to_string())))
        .k(el("span").c("pager-page").t(&fill_n(
            tr(Key::PagerPage),
            &[&page.to_string(), &pages.to_string()],
        )))
        .k(button(
            "btn-prev-page",
            page.saturating_sub(1).max(1),
            page <= 1,
            Key::PagerPrev,
        ))
        .k(button(
            "btn-next-page",
            page.saturating_add(1),
            page >= pages,
            Key::PagerNext,
        ))
}

fn back_link() -> E {
    el("a")
        .a("href", "/public/publicity")
        .c("button")
        .id("back-to-public")
        .t(tr(Key::PubBack))
}

/// One batch: a loading line, replaced by the batch (or the error) when its answer comes.
pub fn batch(id: i64, generation: u32) -> E {
    let locale = super::locale();
    let loading = el("p")
        .c("state-loading")
        .a("role", "status")
        .t(tr(Key::Loading));
    let node = loading.0.clone();
    spawn_local(async move {
        let path = "/api/v1/public/publicity/".to_owned() + &id.to_string();
        let answer = net::get(&path, locale, read::detail).await;
        if !current(generation) {
            return;
        }
        let page = match answer {
            Ok(detail) => {
                let page = batch_page(&detail);
                STATE.with(|s| s.borrow_mut().detail = Some(Rc::new(detail)));
                page
            }
            Err(refused) => el("section")
                .c("page")
                .id("page-public-batch")
                .k(load_error(&refused.error))
                .k(back_link()),
        };
        let _ = node.replace_with_with_node_1(&page.0);
    });
    loading
}

fn batch_page(detail: &PublicBatchDetail) -> E {
    let locale = super::locale();
    let b = &detail.batch;
    let rows = detail
        .items
        .iter()
        .map(|item| {
            let id = item.application_id.to_string();
            let outcome = item.outcome.map(|o| {
                el("span")
                    .c("tag tag-success")
                    .id(&("outcome-".to_owned() + &id))
                    .t(o.label(locale))
            });
            let report = b.accepting_reports.then(|| {
                el("button")
                    .a("type", "button")
                    .c("link-button")
                    .id(&("report-".to_owned() + &id))
                    .a("data-act", "report")
                    .a("data-value", &id)
                    .t(tr(Key::PubReport))
            });
            el("tr")
                .id(&("item-".to_owned() + &id))
                .k(el("td").c("cell-name").t(&item.name))
                .k(el("td").c("cell-mono").t(&item.id_number))
                .k(td(&item.employer))
                .k(td(item.series.label(locale))
                    .k(el("span").c("muted cell-sub").t(&item.specialty)))
                .k(td(item.level.label(locale))
                    .k(el("span").c("muted cell-sub").t(&item.qualification))
                    .k_opt(outcome))
                .k(el("td").k_opt(report))
        })
        .collect();
    let period = period_text(&b.period_start, &b.period_end);
    el("section")
        .c("page")
        .id("page-public-batch")
        .k(el("div")
            .c("page-heading")
            .k(el("h1").c("page-title").t(&b.title))
            .k(el("div").c("page-actions").k(back_link())))
        .k(el("div")
            .c("panel")
            .k(el("dl")
                .c("facts")
                .k(el("dt").t(tr(Key::PubKind)))
                .k(el("dd").t(b.kind.label(locale)))
                .k(el("dt").t(tr(Key::PubUnit)))
                .k(el("dd").t(&b.unit))
                .k(el("dt").t(tr(Key::PubPeriod)))
                .k(el("dd").t(&period))
                .k(el("dt").t(tr(Key::StatusLabel)))
                .k(el("dd").k(status_tag(b.status))))
            .k(el("p").c("pre-wrap").t(&b.content))
            .k(el("p").c("muted").t(tr(if b.accepting_reports {
                Key::PublicReportOpen
            } else {
                Key::PublicReportClosed
            }))))
        .k(el("div").c("panel panel-table").k(el("table")
            .c("table")
            .id("public-items")
            .k(el("thead").k(el("tr")
                .k(th(Key::AccountDisplayName))
                .k(th(Key::AccountIdNumber))
                .k(th(Key::PubEmployer))
                .k(th(Key::PubSeriesSpecialty))
                .k(th(Key::PubLevelQualification))
                .k(th(Key::Actions))))
            .k(el("tbody").ks(rows))))
}

/// Shows `message` as the page's flash (success or error), replacing the one before.
pub(super) fn flash(success: bool, message: &str, under: &Element) {
    remove_all(under, ":scope > .page-alert");
    let (class, role, testid) = if success {
        ("alert alert-success page-alert", "status", "alert-success")
    } else {
        ("alert alert-error page-alert", "alert", "alert-error")
    };
    let p = el("p").c(class).a("role", role).id(testid).t(message);
    let _ = under.append_with_node_1(&p.0);
}

pub(super) fn remove_all(root: &Element, selector: &str) {
    each(root, selector, &Element::remove);
}

/// Calls `f` on every element matching `selector` inside `root`.
fn each(root: &Element, selector: &str, f: &dyn Fn(&Element)) {
    if let Ok(list) = root.query_selector_all(selector) {
        for i in 0..list.length() {
            if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                f(&e);
            }
        }
    }
}

/// 举报 on application `selected`: the dialog, modal, the focus on its first field.
pub fn open_report(selected: i64) {
    let Some(detail) = STATE.with(|s| s.borrow().detail.clone()) else {
        return;
    };
    let document = doc();
    let Some(section) = document
        .query_selector("#main-content > section")
        .ok()
        .flatten()
    else {
        return;
    };
    remove_all(&section, ":scope > .page-alert");
    let opener = document
        .active_element()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    STATE.with(|s| s.borrow_mut().opener = opener);
    let options = detail
        .items
        .iter()
        .map(|i| (i.application_id.to_string(), i.name.as_str()))
        .collect();
    let text = |name: &str, id: &str, key: Key, max: &str| {
        field(
            name,
            id,
            tr(key),
            true,
            el("input")
                .a("type", "text")
                .a("maxlength", max)
                .a("autocomplete", "off"),
        )
    };
    let form = el("form")
        .a("id", "dialog-report-form")
        .c("form")
        .a("novalidate", "")
        .a("aria-busy", "false")
        .k(field(
            "application_id",
            "input-application_id",
            tr(Key::PubReported),
            true,
            select(options, &selected.to_string(), None),
        ))
        .k(text(
            "reporter_name",
            "report-name",
            Key::PubReporterName,
            "50",
        ))
        .k(text(
            "reporter_contact",
            "report-contact",
            Key::PubReporterContact,
            "100",
        ))
        .k(field(
            "content",
            "report-content",
            tr(Key::PubReportContent),
            true,
            el("textarea").a("rows", "3").a("maxlength", "2000"),
        ))
        .k(el("p").c("form-note").t(tr(Key::PubReportNote)));
    let dialog = el("dialog")
        .c("dialog")
        .a("id", "dialog-report")
        .a("aria-labelledby", "dialog-report-title")
        .a("aria-modal", "true")
        .id("dialog-report")
        .k(el("div")
            .c("dialog-header")
            .k(el("h2")
                .c("dialog-title")
                .a("id", "dialog-report-title")
                .t(tr(Key::PubReport)))
            .k(el("button")
                .a("type", "button")
                .c("dialog-close")
                .a("aria-label", tr(Key::Close))
                .a("title", tr(Key::Close))
                .a("data-act", "close")
                .t("×")))
        .k(el("div").c("dialog-body").k(form))
        .k(el("div")
            .c("dialog-actions")
            .k(el("button")
                .a("type", "button")
                .c("button")
                .id("dialog-cancel")
                .a("data-act", "close")
                .t(tr(Key::Cancel)))
            .k(el("button")
                .a("type", "submit")
                .a("form", "dialog-report-form")
                .id("dialog-submit")
                .a("aria-busy", "false")
                .c("button button-primary")
                .t(tr(Key::PubReportSubmit))));
    let node = dialog.0.clone();
    let _ = section.append_with_node_1(&dialog.0);
    if let Ok(dialog) = node.clone().dyn_into::<web_sys::HtmlDialogElement>() {
        let _ = dialog.show_modal();
    }
    if let Some(first) = find(&node, "select") {
        let _ = first.focus();
    }
}

/// Sends the report in the dialog: the required fields first, then the request; the server's
/// error stays in the dialog, at its field when it names one.
pub fn submit_report() {
    let (Some(form), Some(dialog)) = (
        doc().get_element_by_id("dialog-report-form"),
        doc().get_element_by_id("dialog-report"),
    ) else {
        return;
    };
    let Some((batch, generation, busy)) = STATE.with(|s| {
        let s = s.borrow();
        s.detail
            .as_ref()
            .map(|d| (d.batch.id, s.generation, s.busy))
    }) else {
        return;
    };
    let Some(text) = form_text(&form) else {
        return;
    };
    if busy {
        return;
    }
    let request = FileReportRequest {
        application_id: text("application_id").parse().unwrap_or_default(),
        reporter_name: text("reporter_name"),
        reporter_contact: text("reporter_contact"),
        content: text("content"),
    };
    clear_errors(&form);
    if request.reporter_name.is_empty()
        || request.reporter_contact.is_empty()
        || request.content.is_empty()
    {
        flash(false, tr(Key::FieldsRequired), &form);
        return;
    }
    set_busy(&dialog, true, Key::Saving, Key::PubReportSubmit);
    let locale = super::locale();
    spawn_local(async move {
        let path = "/api/v1/public/publicity/".to_owned() + &batch.to_string() + "/reports";
        let answer = net::post(&path, &request, locale, read::receipt).await;
        if !current(generation) {
            return;
        }
        set_busy(&dialog, false, Key::Saving, Key::PubReportSubmit);
        match answer {
            Ok(_) => {
                close_dialog();
                if let Some(section) = doc()
                    .query_selector("#main-content > section")
                    .ok()
                    .flatten()
                {
                    flash(true, tr(Key::PubReportFiled), &section);
                    // After the heading, as in the Yew pages.
                    if let (Some(p), Some(heading)) = (
                        find(&section, ":scope > .page-alert"),
                        find(&section, ":scope > .page-heading"),
                    ) {
                        let _ = heading.after_with_node_1(&p);
                    }
                }
            }
            Err(refused) => show_error(&form, &refused.error),
        }
    });
}

/// Removes the errors a form shows (at its fields and under it).
pub(super) fn clear_errors(form: &Element) {
    remove_all(form, ".field-error, :scope > .page-alert");
    each(form, "[aria-invalid]", &|e| {
        let _ = e.remove_attribute("aria-invalid");
    });
}

/// Shows `message` at the field `name` of `form` (`<id>-error` under its control, which it
/// describes); false when the form has no such field.
pub(super) fn field_error(form: &Element, name: &str, message: &str) -> bool {
    let selector = "[data-field='".to_owned() + name + "']";
    let Some((field, control)) = form
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|field| find(&field, "[name]").map(|control| (field, control)))
    else {
        return false;
    };
    let id = control.id() + "-error";
    let p = el("p")
        .c("field-error")
        .a("id", &id)
        .a("role", "alert")
        .id(&id)
        .t(message);
    let _ = field.append_with_node_1(&p.0);
    let _ = control.set_attribute("aria-invalid", "true");
    let _ = control.set_attribute("aria-describedby", &id);
    true
}

/// The server's refusal: at the field it names, else under the form.
pub(super) fn show_error(form: &Element, error: &ApiError) {
    let message = error.message(super::locale());
    if !error
        .field()
        .is_some_and(|name| field_error(form, name, &message))
    {
        flash(false, &message, form);
    }
}

/// A form (or the dialog around it) while its request runs: its buttons disabled, the submit
/// button saying `busy_text` (保存中…), then `idle_text` again.
pub(super) fn set_busy(root: &Element, busy: bool, busy_text: Key, idle_text: Key) {
    STATE.with(|s| s.borrow_mut().busy = busy);
    let flag = if busy { "true" } else { "false" };
    let form = find(root, "form").map_or_else(|| root.clone(), Element::from);
    let _ = form.set_attribute("aria-busy", flag);
    each(
        root,
        "[data-testid='dialog-cancel'], [type='submit']",
        &|button| {
            if busy {
                let _ = button.set_attribute("disabled", "");
            } else {
                let _ = button.remove_attribute("disabled");
            }
            if button.get_attribute("type").as_deref() == Some("submit") {
                let _ = button.set_attribute("aria-busy", flag);
                button.set_text_content(Some(tr(if busy { busy_text } else { idle_text })));
            }
        },
    );
}

/// Shown for any other address.
pub(super) fn not_found() -> E {
    el("section")
        .c("page")
        .id("page-not-found")
        .k(el("h1").c("page-title").t(tr(Key::NotFoundHeading)))
        .k(el("div")
            .c("panel")
            .k(el("p").c("lead").t(tr(Key::NotFoundText)))
            .k(el("p").k(el("a")
                .a("href", "/")
                .c("button button-primary")
                .t(tr(Key::BackHome)))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_address_carries_the_filter_and_a_page_after_the_first() {
        assert_eq!(list_url(None, 1), "/public/publicity");
        assert_eq!(
            list_url(Some(PublicityKind::Result), 1),
            "/public/publicity?kind=result"
        );
        assert_eq!(list_url(None, 3), "/public/publicity?page=3");
        assert_eq!(
            list_url(Some(PublicityKind::Nominee), 2),
            "/public/publicity?kind=nominee&page=2"
        );
        // Only the kinds the public site shows are a filter.
        assert_eq!(public_kind("failure"), Some(PublicityKind::Failure));
        assert_eq!(public_kind("application"), None);
        assert_eq!(public_kind("<b>"), None);
    }
}
