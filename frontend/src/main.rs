//! 职称评审子系统 SPA: a Yew app rendered in the browser (wasm32).

mod api;
mod app;
mod components;
mod download;
mod guard;
mod hooks;
mod i18n;
mod kit;
mod nav;
mod pages;
mod state;

use shared::telemetry::ClientErrorKind;

fn main() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        let locale = i18n::stored_locale().unwrap_or_default();
        api::client_errors::report_now(ClientErrorKind::Panic, &message, locale);
    }));
    yew::Renderer::<app::App>::new().render();
}
