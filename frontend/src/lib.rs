//! 职称评审子系统 SPA: a Yew app rendered in the browser (wasm32). The library holds everything;
//! the entry binaries (`src/bin/<entry>.rs`, one per audience, see [`entries`]) only start it.

pub mod api;
pub mod app;
pub mod components;
pub mod download;
pub mod entries;
pub mod focus;
pub mod guard;
pub mod hooks;
pub mod i18n;
pub mod kit;
pub mod nav;
pub mod pages;
pub mod public_site;
pub mod routes;
pub mod state;
pub mod switch;

use shared::telemetry::ClientErrorKind;

/// Reports panics to the server and removes the static loading state of the entry's HTML.
/// Every entry calls it before mounting its application.
pub fn boot() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        let locale = i18n::stored_locale().unwrap_or_default();
        api::client_errors::report_now(ClientErrorKind::Panic, &message, locale);
    }));
    if let Some(loading) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot-loading"))
    {
        loading.remove();
    }
}

/// Mounts the signed-in shell (session, guard, menu) with the pages of `entry`.
pub fn start(entry: entries::EntryPages) {
    boot();
    yew::Renderer::<app::App>::with_props(app::AppProps { entry }).render();
}
