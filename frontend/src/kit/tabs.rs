//! Tabs that are views of one screen (`?view=<name>`): 审计日志 | 审计检查点, 单位角色 | 单位的单位
//!角色. The view is in the URL like a list's filter, so reload and back/forward keep it; the
//! first tab has no `view`.

use serde::Serialize;
use yew::prelude::*;
use yew_router::prelude::*;

use super::query::ListQuery;
use crate::i18n::{I18n, Key};
use crate::routes::Route;

/// One tab: its `view` (none for the first), its text and its `data-testid`.
pub struct Tab {
    /// `?view=` of the tab; `None` for the screen's first view.
    pub view: Option<&'static str>,
    /// The text.
    pub label: String,
    /// `data-testid` (`tab-<name>`).
    pub testid: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct View {
    view: &'static str,
}

/// The `view` of a URL query (`None` for the first tab).
pub fn view_of(query: &str) -> Option<String> {
    ListQuery::parse(query).get("view").map(str::to_owned)
}

/// The tab bar of `route`; `current` is [`view_of`] the URL.
pub fn view_tabs(i18n: &I18n, route: &Route, current: Option<&str>, tabs: Vec<Tab>) -> Html {
    let class = |on: bool| classes!("tab", on.then_some("tab-current"));
    html! {
        <nav class="tabs" aria-label={i18n.t(Key::TabsLabel)}>
            { for tabs.into_iter().map(|tab| html! {
                <Link<Route, View> to={route.clone()} query={tab.view.map(|view| View { view })}
                    classes={class(tab.view == current)}>
                    <span data-testid={tab.testid}>{ tab.label }</span>
                </Link<Route, View>>
            }) }
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_is_read_from_the_query() {
        assert_eq!(
            view_of("view=checkpoints&page=2").as_deref(),
            Some("checkpoints")
        );
        assert_eq!(view_of("page=2"), None);
    }
}
