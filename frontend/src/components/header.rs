//! The top bar: platform name, the signed-in user and unit, the language switch and logout.

use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::i18n::{use_i18n, Key, Locale};
use crate::routes::Route;
use crate::state::session::{use_session, Notice};

/// The top bar.
#[component]
pub fn Header() -> Html {
    let i18n = use_i18n();
    let session = use_session();
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
            let store = session.store.clone();
            let navigator = navigator.clone();
            let locale = i18n.locale;
            Callback::from(move |_: MouseEvent| {
                let (store, navigator) = (store.clone(), navigator.clone());
                spawn_local(async move {
                    // Whatever the server says, this tab forgets the session.
                    let _ = api::auth::logout(&store, locale).await;
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
    html! {
        <header class="top-bar">
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
