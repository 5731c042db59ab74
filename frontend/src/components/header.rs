//! The top bar: platform name, the signed-in user and unit, the language switch and logout.

use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::hooks::use_api;
use crate::i18n::{use_i18n, Key, Locale};
use crate::routes::Route;
use crate::state::session::{use_session, Notice};

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// Whether the side menu is shown in a narrow window.
    #[prop_or_default]
    pub menu_open: bool,
    /// Shows or hides the side menu; no menu button without it (e.g. during a forced password
    /// change, which has no menu).
    #[prop_or_default]
    pub on_toggle_menu: Option<Callback<()>>,
}

/// The top bar. In narrow windows it has the button that opens the side menu.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let navigator = use_navigator();
    let toggle = {
        let i18n = i18n.clone();
        Callback::from(move |_: MouseEvent| {
            i18n.set(match i18n.locale {
                Locale::ZhCn => Locale::En,
                Locale::En => Locale::ZhCn,
            });
        })
    };
    let user = session.status.signed_in().map(|signed_in| {
        let user = &signed_in.user;
        let logout = {
            let (api, store) = (api.clone(), session.store.clone());
            let navigator = navigator.clone();
            Callback::from(move |_: MouseEvent| {
                let (api, store, navigator) = (api.clone(), store.clone(), navigator.clone());
                spawn_local(async move {
                    // Whatever the server says, this tab forgets the session.
                    let _ = api::auth::logout(&api).await;
                    store.end(Some(Notice::LoggedOut));
                    if let Some(navigator) = navigator {
                        navigator.push(&Route::Login);
                    }
                });
            })
        };
        html! {
            <>
                <div class="top-bar-user" role="group" aria-label={i18n.t(Key::CurrentUserLabel)}>
                    <span class="user-unit" data-testid="user-unit">{ &user.unit.name }</span>
                    <span class="user-name" data-testid="user-name">{ &user.display_name }</span>
                    <span class="user-kind" data-testid="user-kind">{ user.kind.label(i18n.locale) }</span>
                </div>
                <button type="button" class="top-bar-button" data-testid="logout" onclick={logout}>
                    { i18n.t(Key::Logout) }
                </button>
            </>
        }
    });
    let menu_button = props.on_toggle_menu.clone().map(|toggle| {
        html! {
            <button
                type="button"
                class="top-bar-button menu-toggle"
                data-testid="menu-toggle"
                aria-controls="side-menu"
                aria-expanded={props.menu_open.to_string()}
                onclick={Callback::from(move |_: MouseEvent| toggle.emit(()))}
            >
                <span class="menu-toggle-icon" aria-hidden="true"></span>
                { i18n.t(Key::MenuToggle) }
            </button>
        }
    });
    html! {
        <header class="top-bar">
            { for menu_button }
            <span class="brand-mark" aria-hidden="true"></span>
            <p class="app-title" data-testid="app-title">{ i18n.t(Key::AppTitle) }</p>
            <div class="top-bar-actions">
                { for user }
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
    }
}
