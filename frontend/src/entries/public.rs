//! The public site (no login): 公示查询. `/public/certificates` is reserved (404 for now).
//!
//! This entry has its own small frame instead of the signed-in shell: no session, no side menu,
//! no guard, so none of their code reaches its bundle (budget 120 KiB gzipped, see
//! docs/PERFORMANCE.md). A link elsewhere (登录, 首页) is a full page load into that entry.

use shared::spa::SpaEntry;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::nav_link::NavLink;
use crate::i18n::{use_i18n, Key, Locale, LocaleProvider};
use crate::pages::not_found::NotFound;
use crate::pages::public::publicity::{PublicPublicity, PublicPublicityBatch};
use crate::routes::Route;
use crate::switch::FullLoad;

/// Mounts the public site.
pub fn start() {
    crate::boot();
    yew::Renderer::<PublicApp>::new().render();
}

/// The public site's root: locale, router and the public frame.
#[component]
fn PublicApp() -> Html {
    html! {
        <LocaleProvider>
            <BrowserRouter>
                <PublicFrame>
                    <Switch<Route> render={page} />
                </PublicFrame>
            </BrowserRouter>
        </LocaleProvider>
    }
}

fn page(route: Route) -> Html {
    // The address decides, not the route: an unknown `/public/…` path is this entry's 404.
    let here = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .map(|path| SpaEntry::for_path(&path));
    if here.is_some_and(|entry| entry != SpaEntry::Public) {
        return html! { <FullLoad /> };
    }
    match route {
        Route::PublicPublicity => html! { <PublicPublicity /> },
        Route::PublicPublicityBatch { id } => html! { <PublicPublicityBatch {id} /> },
        _ => html! { <NotFound /> },
    }
}

/// Props of [`PublicFrame`].
#[derive(Properties, PartialEq)]
struct PublicFrameProps {
    children: Html,
}

/// The top bar (name, language, 登录) and the `<main>` landmark.
#[component]
fn PublicFrame(props: &PublicFrameProps) -> Html {
    let i18n = use_i18n();
    let toggle = {
        let i18n = i18n.clone();
        Callback::from(move |_: MouseEvent| {
            i18n.set(match i18n.locale {
                Locale::ZhCn => Locale::En,
                Locale::En => Locale::ZhCn,
            });
        })
    };
    html! {
        <div class="app-shell">
            <a class="skip-link" href="#main-content">{ i18n.t(Key::SkipToContent) }</a>
            <header class="top-bar">
                <span class="brand-mark" aria-hidden="true"></span>
                <p class="app-title" data-testid="app-title">{ i18n.t(Key::AppTitle) }</p>
                <div class="top-bar-actions">
                    <NavLink to={Route::Login} classes="top-bar-button" testid="public-login">
                        { i18n.t(Key::LoginSubmit) }
                    </NavLink>
                    <button
                        type="button"
                        class="top-bar-button"
                        data-testid="locale-switch"
                        title={i18n.t(Key::LocaleSwitchLabel)}
                        onclick={toggle}
                    >
                        <span lang={match i18n.locale { Locale::ZhCn => "en", Locale::En => "zh-CN" }}>
                            { i18n.t(Key::LocaleSwitchText) }
                        </span>
                    </button>
                </div>
            </header>
            <div class="app-body">
                <div class="content">
                    <main id="main-content" class="main" tabindex="-1">
                        { props.children.clone() }
                    </main>
                </div>
            </div>
        </div>
    }
}
