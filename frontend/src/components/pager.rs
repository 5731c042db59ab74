//! "共 35 条 · 第 1 / 2 页 · 上一页 下一页" under a table; for a list too long to count on every
//! page, "约 332,500 条 · 第 3 页" or "超过 10,000 条 · 第 3 页" (`shared::TotalKind`).

use shared::{pagination::has_next, TotalKind};
use yew::prelude::*;

use crate::i18n::{fill, fill_n, use_i18n, Key};
use crate::kit::format::thousands;

/// Props of [`Pager`].
#[derive(Properties, PartialEq)]
pub struct PagerProps {
    /// The current page (1-based).
    pub page: u32,
    /// Page size.
    pub per_page: u32,
    /// Rows over all pages (exact, estimated or a lower bound, as `total_kind` says).
    pub total: u64,
    /// How exact `total` is.
    #[prop_or_default]
    pub total_kind: TotalKind,
    /// Rows on this page (whether a next page exists when the total is not exact).
    #[prop_or_default]
    pub items: usize,
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
    let exact = props.total_kind == TotalKind::Exact;
    let next = has_next(
        props.total,
        props.total_kind,
        props.page,
        props.per_page,
        props.items,
    );
    let total = match props.total_kind {
        TotalKind::Exact => fill(i18n.t(Key::PagerTotal), &props.total.to_string()),
        TotalKind::Estimate => fill(i18n.t(Key::PagerTotalEstimate), &thousands(props.total)),
        TotalKind::AtLeast => fill(i18n.t(Key::PagerTotalAtLeast), &thousands(props.total)),
    };
    let go = |to: u32| {
        let on_page = props.on_page.clone();
        Callback::from(move |_: MouseEvent| on_page.emit(to))
    };
    html! {
        <nav class="pager" aria-label={i18n.t(Key::PagerLabel)} data-testid="pager">
            <span class="pager-total" data-testid="pager-total" data-total-kind={kind_name(props.total_kind)}>
                { total }
            </span>
            <span class="pager-page">
                if exact {
                    { fill_n(i18n.t(Key::PagerPage), &[&props.page.to_string(), &pages.to_string()]) }
                } else {
                    { fill(i18n.t(Key::PagerPageOnly), &props.page.to_string()) }
                }
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
                disabled={!next}
                onclick={go(props.page.saturating_add(1))}
            >
                { i18n.t(Key::PagerNext) }
            </button>
        </nav>
    }
}

fn kind_name(kind: TotalKind) -> &'static str {
    match kind {
        TotalKind::Exact => "exact",
        TotalKind::Estimate => "estimate",
        TotalKind::AtLeast => "at_least",
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
