//! The public site (no sign-in): 公示查询 at `/public/publicity` and `/public/publicity/{id}`,
//! 证书核验 at `/public/certificates` and `/public/certificates/v/{token}` (the QR code's link),
//! rendered with web-sys directly, without Yew, so that its wasm stays small (budget 120 KiB
//! gzipped; docs/PERFORMANCE.md, "The public entry without Yew").
//!
//! A page is built once from its data ([`dom`]); events are handled by a few listeners on the
//! document (`data-act` on a button says what it does), installed once, so that re-rendering
//! leaks no closures. Moving between the list and a batch is `pushState` (with `popstate`):
//! the same document, no reload. Texts are the SPA's i18n keys and the `shared` labels.

mod certificates;
mod dom;
mod net;
mod pages;
mod read;

use std::cell::RefCell;
use std::rc::Rc;

use shared::publicity::PublicBatchDetail;
use shared::telemetry::ClientErrorKind;
use shared::Locale;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlElement, KeyboardEvent, MouseEvent};

use crate::i18n::{self, t, Key};
use dom::{by_id, doc, el, E};

/// What the current page needs between events.
#[derive(Default)]
struct State {
    locale: Locale,
    /// Bumped by every render: an answer for an older one is dropped.
    generation: u32,
    /// The batch shown, for the report dialog.
    detail: Option<Rc<PublicBatchDetail>>,
    /// The element that had the focus when the dialog opened.
    opener: Option<HtmlElement>,
    /// A report or a check is being sent.
    busy: bool,
    /// The last certificate check by number shown.
    shown: Option<Rc<certificates::Shown>>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn locale() -> Locale {
    STATE.with(|s| s.borrow().locale)
}

fn tr(key: Key) -> &'static str {
    t(locale(), key)
}

/// Starts the public site: panic reports, the boot screen away, the listeners, the page.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        let report = crate::api::client_errors::report(ClientErrorKind::Panic, &message);
        if let Ok(body) = crate::api::to_json(&report) {
            let _ = net::start("POST", "/api/v1/client-errors", Some(&body), locale());
        }
    }));
    if let Some(loading) = by_id("boot-loading") {
        loading.remove();
    }
    let locale = i18n::stored_locale().unwrap_or_default();
    STATE.with(|s| s.borrow_mut().locale = locale);
    listen();
    render();
}

/// Adds a listener for the whole life of the document.
fn on(target: &web_sys::EventTarget, event: &str, capture: bool, handler: fn(Event)) {
    let closure = Closure::<dyn Fn(Event)>::new(handler);
    let _ = target.add_event_listener_with_callback_and_bool(
        event,
        closure.as_ref().unchecked_ref(),
        capture,
    );
    closure.forget();
}

fn listen() {
    let document = doc();
    on(&document, "click", false, on_click);
    on(&document, "change", false, on_change);
    on(&document, "submit", false, on_submit);
    on(&document, "keydown", false, on_keydown);
    // `cancel` (Esc in a modal dialog) does not bubble: caught on the way down.
    on(&document, "cancel", true, on_cancel);
    if let Some(window) = web_sys::window() {
        on(&window, "popstate", false, |_| render());
    }
}

/// The element an event happened on, or its nearest ancestor matching `selector`.
fn closest(e: &Event, selector: &str) -> Option<Element> {
    e.target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()?
}

fn on_click(e: Event) {
    if let Some(button) = closest(&e, "[data-act]") {
        let value = button.get_attribute("data-value").unwrap_or_default();
        match button.get_attribute("data-act").as_deref() {
            Some("locale") => {
                let next = match locale() {
                    Locale::ZhCn => Locale::En,
                    Locale::En => Locale::ZhCn,
                };
                i18n::remember(next);
                STATE.with(|s| s.borrow_mut().locale = next);
                render();
                // The frame is built anew: the focus stays on the switch.
                if let Some(switch) =
                    by_id("public-site").and_then(|site| dom::find(&site, "[data-act='locale']"))
                {
                    let _ = switch.focus();
                }
            }
            Some("retry") => render(),
            Some("page") => {
                let (kind, _) = pages::list_query();
                go(&pages::list_url(kind, value.parse().unwrap_or(1)));
            }
            Some("report") => pages::open_report(value.parse().unwrap_or_default()),
            Some("close") => close_dialog(),
            _ => {}
        }
        return;
    }
    // A link inside the public site: the same document (a modified click is the browser's).
    let Some(link) = closest(&e, "a[href^='/public/']") else {
        return;
    };
    let plain = e.dyn_ref::<MouseEvent>().is_some_and(|m| {
        m.button() == 0 && !(m.meta_key() || m.ctrl_key() || m.shift_key() || m.alt_key())
    });
    if let (true, Some(href)) = (plain, link.get_attribute("href")) {
        e.prevent_default();
        go(&href);
    }
}

fn on_change(e: Event) {
    if let Some(select) = closest(&e, "#input-filter-kind") {
        let value = select
            .dyn_into::<web_sys::HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default();
        go(&pages::list_url(pages::public_kind(&value), 1));
    }
}

fn on_submit(e: Event) {
    if closest(&e, "#dialog-report-form").is_some() {
        e.prevent_default();
        pages::submit_report();
    } else if closest(&e, "#cert-form").is_some() {
        e.prevent_default();
        certificates::submit();
    }
}

fn on_keydown(e: Event) {
    let (Some(dialog), Some(key)) = (closest(&e, "dialog"), e.dyn_ref::<KeyboardEvent>()) else {
        return;
    };
    crate::focus::wrap_tab(&dialog, key);
}

fn on_cancel(e: Event) {
    if closest(&e, "dialog").is_some() {
        e.prevent_default();
        close_dialog();
    }
}

/// Closes the report dialog (unless a report is on its way) and gives the focus back.
fn close_dialog() {
    let Some(dialog) = by_id("dialog-report") else {
        return;
    };
    if STATE.with(|s| s.borrow().busy) {
        return;
    }
    if let Ok(dialog) = dialog.clone().dyn_into::<web_sys::HtmlDialogElement>() {
        dialog.close();
    }
    dialog.remove();
    if let Some(opener) = STATE.with(|s| s.borrow_mut().opener.take()) {
        let _ = opener.focus();
    }
}

/// Shows `url` (a public-site address) in this document.
fn go(url: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(url));
    }
    render();
}

/// A new render: the ones before it are stale.
fn next_generation() -> u32 {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.generation = s.generation.wrapping_add(1);
        s.detail = None;
        s.opener = None;
        s.busy = false;
        s.generation
    })
}

fn current(generation: u32) -> bool {
    STATE.with(|s| s.borrow().generation == generation)
}

/// Builds the frame and the page of the current address.
fn render() {
    let generation = next_generation();
    let locale = locale();
    i18n::apply_to_document(locale);
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let main = el("main")
        .a("id", "main-content")
        .c("main")
        .a("tabindex", "-1");
    let path = path.trim_end_matches('/');
    let token = path
        .strip_prefix("/public/certificates/v/")
        .filter(|t| certificates::token_ok(t));
    let batch = path
        .strip_prefix("/public/publicity/")
        .and_then(|id| id.parse::<i64>().ok());
    let page = match (path, token, batch) {
        ("/public/publicity", ..) => pages::list(generation),
        ("/public/certificates", ..) => certificates::by_number(),
        (_, Some(token), _) => certificates::by_token(token, generation),
        (_, _, Some(id)) => pages::batch(id, generation),
        _ => pages::not_found(),
    };
    let shell = frame(locale, path, main.k(page));
    let body = doc().body();
    match by_id("public-site") {
        Some(old) => {
            let _ = old.replace_with_with_node_1(&shell.0);
        }
        None => {
            if let Some(body) = body {
                let _ = body.append_with_node_1(&shell.0);
            }
        }
    }
}

/// The top bar (name, 登录, language) and the links between the site's services around `main`.
fn frame(locale: Locale, path: &str, main: E) -> E {
    let other = match locale {
        Locale::ZhCn => "en",
        Locale::En => "zh-CN",
    };
    el("div")
        .a("id", "public-site")
        .c("app-shell")
        .k(el("a")
            .c("skip-link")
            .a("href", "#main-content")
            .t(tr(Key::SkipToContent)))
        .k(el("header")
            .c("top-bar")
            .k(el("span").c("brand-mark").a("aria-hidden", "true"))
            .k(el("p").c("app-title").id("app-title").t(tr(Key::AppTitle)))
            .k(el("div")
                .c("top-bar-actions")
                .k(el("a")
                    .a("href", "/login")
                    .c("top-bar-button")
                    .id("public-login")
                    .t(tr(Key::LoginSubmit)))
                .k(el("button")
                    .a("type", "button")
                    .c("top-bar-button")
                    .id("locale-switch")
                    .a("data-act", "locale")
                    .a("title", tr(Key::LocaleSwitchLabel))
                    .k(el("span").a("lang", other).t(tr(Key::LocaleSwitchText))))))
        .k(el("div")
            .c("app-body")
            .k(el("div").c("content").k(nav(path)).k(main)))
}

/// 公示查询 | 证书核验, the current one marked.
fn nav(path: &str) -> E {
    let link = |href: &str, key: Key, testid: &str| {
        el("a")
            .a("href", href)
            .c("public-nav-link")
            .id(testid)
            .a_if(path.starts_with(href), "aria-current", "page")
            .t(tr(key))
    };
    el("nav")
        .c("public-nav")
        .a("aria-label", tr(Key::PublicSiteNav))
        .k(link(
            "/public/publicity",
            Key::NavPublicSite,
            "public-nav-publicity",
        ))
        .k(link(
            "/public/certificates",
            Key::NavCertificates,
            "public-nav-certificates",
        ))
}
