//! "共 35 条 · 第 1 / 2 页 · 上一页 下一页" under a table.

use yew::prelude::*;

use crate::i18n::{fill, fill_n, use_i18n, Key};

/// Props of [`Pager`].
#[derive(Properties, PartialEq)]
pub struct PagerProps {
    /// The current page (1-based).
    pub page: u32,
    /// Page size.
    pub per_page: u32,
    /// Rows over all pages.
    pub total: u64,
    /// Go to a page.
    pub on_page: Callback<u32>,
}

/// The number of pages for `total` rows of `per_page` (at least 1).
pub fn page_count(total: u64, per_page: u32) -> u32 {
    let per_page = u64::from(per_page.max(1));
    u32::try_from(total.div_ceil(per_page).max(1)).unwrap_or(u32::MAX)
}

/// The pagination bar.
#[component]
pub fn Pager(props: &PagerProps) -> Html {
    let i18n = use_i18n();
    let pages = page_count(props.total, props.per_page);
    let go = |to: u32| {
        let on_page = props.on_page.clone();
        Callback::from(move |_: MouseEvent| on_page.emit(to))
    };
    html! {
        <nav class="pager" aria-label={i18n.t(Key::PagerLabel)} data-testid="pager">
            <span class="pager-total" data-testid="pager-total">
                { fill(i18n.t(Key::PagerTotal), &props.total.to_string()) }
            </span>
            <span class="pager-page">
                { fill_n(i18n.t(Key::PagerPage), &[&props.page.to_string(), &pages.to_string()]) }
            </span>
            <button
                type="button"
                class="button button-small"
                data-testid="btn-prev-page"
                disabled={props.page <= 1}
                onclick={go(props.page.saturating_sub(1).max(1))}
            >
                { i18n.t(Key::PagerPrev) }
            </button>
            <button
                type="button"
                class="button button-small"
                data-testid="btn-next-page"
                disabled={props.page >= pages}
                onclick={go(props.page.saturating_add(1))}
            >
                { i18n.t(Key::PagerNext) }
            </button>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_round_up_and_an_empty_list_has_one() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
        assert_eq!(page_count(5, 0), 5);
    }
}
