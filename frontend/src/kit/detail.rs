//! What a detail page needs from the list it was opened from: the way back to it with its
//! filter kept, the next item of that page, and a proper page when the object is missing.
//!
//! The list page remembers its URL and the keys of its rows in `sessionStorage` (per tab) each
//! time rows arrive; a detail page reads them.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::ApiError;
use crate::components::table::load_error;
use crate::hooks::{Load, Loaded};
use crate::i18n::{use_i18n, I18n, Key};
use crate::routes::Route;

const STORAGE_KEY: &str = "kit.list";

/// The list a detail page was opened from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListTrail {
    /// The list's path.
    pub path: String,
    /// Its query (filters, sort, page), without `?`.
    pub query: String,
    /// The keys of the rows it showed, in order.
    pub keys: Vec<String>,
}

impl ListTrail {
    /// The key after `current` on that page.
    pub fn next_after(&self, current: &str) -> Option<&str> {
        let at = self.keys.iter().position(|k| k == current)?;
        self.keys.get(at + 1).map(String::as_str)
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Remembers the list on screen (called by the list page when its rows arrive).
pub fn remember(trail: &ListTrail) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(trail)) {
        let _ = storage.set_item(STORAGE_KEY, &text);
    }
}

/// The list remembered last, if any.
pub fn trail() -> Option<ListTrail> {
    let text = storage()?.get_item(STORAGE_KEY).ok()??;
    serde_json::from_str(&text).ok()
}

/// Props of [`DetailNav`].
#[derive(Properties, PartialEq)]
pub struct DetailNavProps {
    /// The shown object's key (as in the list's `row-<key>`).
    pub current: AttrValue,
    /// The route of another object of the list, by key.
    pub route_of: Callback<String, Option<Route>>,
}

/// 返回列表 (the list as it was: filter, sort, page) and 下一条 (the next row of that page),
/// when the page was opened from a list.
#[component]
pub fn DetailNav(props: &DetailNavProps) -> Html {
    let i18n = use_i18n();
    let navigator = use_navigator();
    let Some(trail) = trail() else {
        return Html::default();
    };
    let Some(list) = Route::recognize(&trail.path) else {
        return Html::default();
    };
    let back = {
        let (navigator, query) = (navigator.clone(), trail.query.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(navigator) = &navigator {
                let pairs: Vec<(String, String)> = super::query::ListQuery::parse(&query)
                    .pairs()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect();
                let _ = navigator.push_with_query(&list, &pairs);
            }
        })
    };
    let next = trail
        .next_after(&props.current)
        .and_then(|k| props.route_of.emit(k.to_owned()));
    html! {
        <nav class="detail-nav no-print" aria-label={i18n.t(Key::KitDetailNav)}>
            <button type="button" class="button" data-testid="back-to-list" onclick={back}>{ i18n.t(Key::KitBackToList) }</button>
            if let Some(next) = next {
                <Link<Route> to={next} classes="button"><span data-testid="next-item">{ i18n.t(Key::KitNextItem) }</span></Link<Route>>
            }
        </nav>
    }
}

/// The object a page loaded, or the page to show instead: a loading line while it loads, and
/// when the load failed the error (a not-found page for a missing object, [`load_failed`]) with
/// the way `back`, inside `<section class="page" data-testid=testid>`.
///
/// `let s = match loaded_or_page(&i18n, &loaded, "page-vote-sheet", back) { Ok(s) => s, Err(page) => return page };`
pub fn loaded_or_page<T>(
    i18n: &I18n,
    loaded: &Loaded<T>,
    testid: &'static str,
    back: Html,
) -> Result<Rc<T>, Html> {
    match &loaded.state {
        Load::Ready(value) => Ok(Rc::clone(value)),
        Load::Loading => Err(html! {
            <section class="page"><p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p></section>
        }),
        Load::Failed(e) => Err(html! {
            <section class="page" data-testid={testid}>{ load_failed(i18n, e, &loaded.reload, back) }</section>
        }),
    }
}

/// The object a screen loaded, or the line to show instead: 加载中 while it loads, the API's
/// error with 重试 when it failed (no page around it: the caller's own heading stays).
///
/// `let s = match loaded_or_line(&i18n, &loaded) { Ok(s) => s, Err(line) => return line };`
pub fn loaded_or_line<T>(i18n: &I18n, loaded: &Loaded<T>) -> Result<Rc<T>, Html> {
    match &loaded.state {
        Load::Ready(value) => Ok(Rc::clone(value)),
        Load::Loading => {
            Err(html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> })
        }
        Load::Failed(e) => Err(load_error(i18n, e, &loaded.reload)),
    }
}

/// A detail page's load that failed: a missing object (or one outside the caller's reach,
/// which the API answers the same way) is a not-found page, not an error code with 重试.
pub fn load_failed(i18n: &I18n, error: &ApiError, reload: &Callback<()>, back: Html) -> Html {
    if error.is(shared::ErrorCode::NotFound) {
        return html! {
            <div class="panel" data-testid="object-not-found">
                <h1 class="page-title">{ i18n.t(Key::KitObjectNotFound) }</h1>
                <p class="lead">{ i18n.t(Key::KitObjectNotFoundText) }</p>
                <p>{ back }</p>
            </div>
        };
    }
    html! { <>{ load_error(i18n, error, reload) }{ back }</> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_item_is_the_following_row_of_the_same_page() {
        let trail = ListTrail {
            path: "/title/queue/unit_verification".into(),
            query: "q=%E5%BC%A0&page=2".into(),
            keys: vec!["7".into(), "5".into(), "3".into()],
        };
        assert_eq!(trail.next_after("7"), Some("5"));
        assert_eq!(trail.next_after("3"), None);
        assert_eq!(trail.next_after("9"), None);
    }
}
