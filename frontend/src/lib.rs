//! 职称评审子系统 SPA: a Yew app rendered in the browser (wasm32). The library holds everything;
//! the entry binaries only start it.

pub mod api;
pub mod app;
pub mod components;
pub mod download;
pub mod guard;
pub mod hooks;
pub mod i18n;
pub mod kit;
pub mod nav;
pub mod pages;
pub mod routes;
pub mod state;
pub mod switch;

use shared::telemetry::ClientErrorKind;

/// Reports panics to the server and mounts the application on `<body>`.
pub fn start() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        let locale = i18n::stored_locale().unwrap_or_default();
        api::client_errors::report_now(ClientErrorKind::Panic, &message, locale);
    }));
    yew::Renderer::<app::App>::new().render();
}
