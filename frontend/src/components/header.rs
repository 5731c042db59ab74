//! The top bar: platform name, the signed-in user and unit, the inbox with its unread count,
//! the language switch and logout.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use yew::platform::{spawn_local, time::sleep};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::api::Api;
use crate::components::nav_link::NavLink;
use crate::hooks::use_api;
use crate::i18n::{fill, use_i18n, I18n, Key, Locale};
use crate::routes::Route;
use crate::state::inbox::use_inbox_reads;
use crate::state::session::{use_session, Notice};

/// How often the unread count is asked for while a page stays open.
const POLL: Duration = Duration::from_secs(60);

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
    // During a forced password change or MFA enrollment nothing else can be opened.
    let inbox = session.status.signed_in().is_some_and(|s| !s.forced());
    let unread = use_unread(&api, inbox);
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
                if inbox {
                    { inbox_link(&i18n, unread) }
                }
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

/// The caller's unread count while `active` (signed in, no forced password change): asked
/// for when that begins, on every route change, after the inbox page marked notices read
/// ([`use_inbox_reads`]), and every minute (quietly: [`api::notices::summary`]).
#[hook]
fn use_unread(api: &Api, active: bool) -> Option<i64> {
    let unread = use_state(|| None::<i64>);
    let path = use_location().map(|l| l.path().to_owned());
    let reads = use_inbox_reads();
    {
        let (api, unread) = (api.clone(), unread.clone());
        use_effect_with((active, path, reads), move |&(active, _, _)| {
            if !active {
                unread.set(None);
                return;
            }
            spawn_local(async move {
                if let Ok(summary) = api::notices::summary(&api).await {
                    unread.set(Some(summary.unread));
                }
            });
        });
    }
    {
        let unread = unread.clone();
        use_effect_with((active, api.clone()), move |(active, api)| {
            let live = Rc::new(Cell::new(*active));
            let (alive, api) = (live.clone(), api.clone());
            spawn_local(async move {
                while alive.get() {
                    sleep(POLL).await;
                    if !alive.get() {
                        break;
                    }
                    if let Ok(summary) = api::notices::summary(&api).await {
                        if alive.get() {
                            unread.set(Some(summary.unread));
                        }
                    }
                }
            });
            // Signed out, or a new handle (language switch): this timer stops.
            move || live.set(false)
        });
    }
    *unread
}

/// 通知 N: the link to the inbox (`inbox-link`) with the unread count (`inbox-unread`, with
/// `data-count` once known; hidden at 0, the link stays).
fn inbox_link(i18n: &I18n, unread: Option<i64>) -> Html {
    let count = unread.unwrap_or(0);
    html! {
        <NavLink to={Route::Inbox} classes={classes!("top-bar-button", "inbox-link")} testid="inbox-link">
            { i18n.t(Key::InboxLink) }
            <span class="inbox-badge" data-testid="inbox-unread" data-count={unread.map(|n| n.to_string())}
                hidden={count <= 0} aria-hidden="true">
                { badge(count) }
            </span>
            if count > 0 {
                <span class="visually-hidden">{ fill(i18n.t(Key::InboxUnreadCount), &count.to_string()) }</span>
            }
        </NavLink>
    }
}

/// The badge's text: the count, or `99+` above 99 (the hidden label says the exact number).
fn badge(count: i64) -> String {
    if count > 99 {
        "99+".to_owned()
    } else {
        count.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_badge_stays_narrow() {
        assert_eq!(badge(0), "0");
        assert_eq!(badge(7), "7");
        assert_eq!(badge(99), "99");
        assert_eq!(badge(100), "99+");
    }
}
