//! "首页 › 职称评审子系统 › 职称申报评审管理 › 单位内部核验": where the user is, from the route
//! ([`crate::nav::trail`]).

use yew::prelude::*;
use yew_router::prelude::*;

use super::nav_link::NavLink;
use crate::i18n::{use_i18n, Key};
use crate::nav::{trail, Crumb};
use crate::routes::Route;

/// The breadcrumb trail of the current route.
#[component]
pub fn Breadcrumbs() -> Html {
    let i18n = use_i18n();
    let route = use_route::<Route>().unwrap_or(Route::NotFound);
    let locale = i18n.locale;

    let steps = trail(&route);
    let last = steps.len().saturating_sub(1);
    let mut items: Vec<Html> = Vec::new();
    if route != Route::Home {
        items.push(html! {
            <li><NavLink to={Route::Home}>{ i18n.t(Key::NavHome) }</NavLink></li>
        });
    }
    for (index, crumb) in steps.into_iter().enumerate() {
        // A module above the current page is a link to it, with the list's filter when the
        // page was opened from that list.
        if let (Crumb::Module(module), false) = (crumb, index == last) {
            let to = crate::nav::module_route(module);
            let query: Vec<(String, String)> = crate::kit::detail::trail()
                .filter(|t| t.path == to.to_path())
                .map(|t| {
                    crate::kit::query::ListQuery::parse(&t.query)
                        .pairs()
                        .map(|(k, v)| (k.to_owned(), v.to_owned()))
                        .collect()
                })
                .unwrap_or_default();
            items.push(html! {
                <li><Link<Route, Vec<(String, String)>> {to} query={Some(query)}>{ module.name(locale) }</Link<Route, Vec<(String, String)>>></li>
            });
            continue;
        }
        let text = match crumb {
            Crumb::Text(key) => i18n.t(key),
            Crumb::Subsystem(subsystem) => subsystem.name(locale),
            Crumb::Group(group) => group.name(locale),
            Crumb::Module(module) => module.name(locale),
        };
        items.push(if index == last {
            html! { <li aria-current="page">{ text }</li> }
        } else {
            html! { <li>{ text }</li> }
        });
    }

    html! {
        <nav class="breadcrumbs" aria-label={i18n.t(Key::BreadcrumbLabel)}>
            <ol>{ for items }</ol>
        </nav>
    }
}
