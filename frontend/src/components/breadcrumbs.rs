//! "首页 › 系统信息 › 系统状态": where the user is, derived from the route and the menu.

use yew::prelude::*;
use yew_router::prelude::*;

use super::nav_link::NavLink;
use super::side_menu;
use crate::app::Route;
use crate::i18n::{use_i18n, Key};

/// The breadcrumb trail of the current route.
#[component]
pub fn Breadcrumbs() -> Html {
    let i18n = use_i18n();
    let route = use_route::<Route>().unwrap_or(Route::NotFound);

    let mut trail: Vec<Html> = Vec::new();
    if route != Route::Home {
        trail.push(html! {
            <li><NavLink to={Route::Home}>{ i18n.t(Key::NavHome) }</NavLink></li>
        });
    }
    let (group, current) = match side_menu::find(route) {
        Some((group, item)) => (group.title, item.label),
        None => (None, Key::NotFoundHeading),
    };
    if let Some(group) = group {
        trail.push(html! { <li>{ i18n.t(group) }</li> });
    }
    trail.push(html! { <li aria-current="page">{ i18n.t(current) }</li> });

    html! {
        <nav class="breadcrumbs" aria-label={i18n.t(Key::BreadcrumbLabel)}>
            <ol>{ for trail }</ol>
        </nav>
    }
}
