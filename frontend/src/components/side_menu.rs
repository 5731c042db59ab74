//! The left menu, described as data: groups of items, each a route and an i18n key.
//!
//! The §8 menu tree (module codes) is added by appending groups to [`MENU`].

use yew::prelude::*;

use super::nav_link::NavLink;
use crate::app::Route;
use crate::i18n::{use_i18n, Key};

/// One menu entry: one route of the SPA.
pub struct MenuItem {
    /// Where it leads.
    pub route: Route,
    /// Its label.
    pub label: Key,
    /// Stable selector for browser tests.
    pub testid: &'static str,
}

/// A titled (or, for the top entries, untitled) list of items.
pub struct MenuGroup {
    /// Group heading; `None` for the entries above every group.
    pub title: Option<Key>,
    /// The entries, in menu order.
    pub items: &'static [MenuItem],
}

/// The whole menu, in display order.
pub const MENU: &[MenuGroup] = &[
    MenuGroup {
        title: None,
        items: &[MenuItem {
            route: Route::Home,
            label: Key::NavHome,
            testid: "nav-home",
        }],
    },
    MenuGroup {
        title: Some(Key::MenuGroupSystem),
        items: &[MenuItem {
            route: Route::About,
            label: Key::NavAbout,
            testid: "nav-about",
        }],
    },
];

/// The group and item of `route`, if it is in the menu (breadcrumbs use this).
pub fn find(route: Route) -> Option<(&'static MenuGroup, &'static MenuItem)> {
    MENU.iter()
        .find_map(|g| g.items.iter().find(|i| i.route == route).map(|i| (g, i)))
}

/// The side menu landmark.
#[component]
pub fn SideMenu() -> Html {
    let i18n = use_i18n();
    let groups = MENU.iter().enumerate().map(|(index, group)| {
        let heading_id = format!("menu-group-{index}");
        let heading = group.title.map(|title| {
            html! { <h2 class="menu-group-title" id={heading_id.clone()}>{ i18n.t(title) }</h2> }
        });
        let items = group.items.iter().map(|item| {
            html! {
                <li key={item.testid}>
                    <NavLink to={item.route} classes="menu-link" testid={item.testid}>
                        { i18n.t(item.label) }
                    </NavLink>
                </li>
            }
        });
        html! {
            <div class="menu-group" key={index}>
                { for heading }
                <ul
                    class="menu-items"
                    aria-labelledby={group.title.is_some().then_some(heading_id)}
                >
                    { for items }
                </ul>
            </div>
        }
    });
    html! {
        <nav class="side-menu" aria-label={i18n.t(Key::MenuLabel)}>
            { for groups }
        </nav>
    }
}
