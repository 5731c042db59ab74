//! The top bar: platform name and the language switch (unit, user and logout come with login).

use yew::prelude::*;

use crate::i18n::{use_i18n, Key, Locale};

/// The top bar.
#[component]
pub fn Header() -> Html {
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
        <header class="top-bar">
            <span class="brand-mark" aria-hidden="true"></span>
            <p class="app-title" data-testid="app-title">{ i18n.t(Key::AppTitle) }</p>
            <div class="top-bar-actions">
                <button
                    type="button"
                    class="locale-switch"
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
