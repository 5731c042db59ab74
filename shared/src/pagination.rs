//! Pagination shared by every list endpoint: `?page=&per_page=` in, `{items, total, page,
//! per_page}` out.

use serde::{Deserialize, Serialize};

/// Query parameters of a paginated list. Pages count from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
pub struct PageQuery {
    /// 1-based page number (default 1).
    #[serde(default = "PageQuery::default_page")]
    pub page: u32,
    /// Items per page, 1..=100 (default 20).
    #[serde(default = "PageQuery::default_per_page")]
    pub per_page: u32,
}

impl Default for PageQuery {
    fn default() -> Self {
        PageQuery {
            page: Self::default_page(),
            per_page: Self::default_per_page(),
        }
    }
}

impl PageQuery {
    /// Largest accepted `per_page`.
    pub const MAX_PER_PAGE: u32 = 100;
    /// Largest accepted `page` (ten million rows at the largest page size): a bound the
    /// document declares and the server enforces, not a real list's length.
    pub const MAX_PAGE: u32 = 100_000;

    fn default_page() -> u32 {
        1
    }

    fn default_per_page() -> u32 {
        20
    }

    /// Checks the bounds; the error names the offending parameter.
    pub fn validate(self) -> Result<Self, &'static str> {
        if self.page == 0 || self.page > Self::MAX_PAGE {
            return Err("page");
        }
        if self.per_page == 0 || self.per_page > Self::MAX_PER_PAGE {
            return Err("per_page");
        }
        Ok(self)
    }

    /// Rows to skip for this page.
    pub fn offset(self) -> u64 {
        u64::from(self.page.saturating_sub(1)) * u64::from(self.per_page)
    }
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// Items matching the filter over all pages: exact, or as `total_kind` says.
    pub total: u64,
    /// This page's number (1-based).
    pub page: u32,
    /// The page size used.
    pub per_page: u32,
    /// Whether `total` is exact (`exact`, the default), a recent count rounded to four digits
    /// (`estimate`) or a lower bound (`at_least`): a long list counts exactly up to 10,000
    /// matches only (`EXACT_TOTAL_BOUND`).
    #[serde(default)]
    pub total_kind: TotalKind,
}

/// Up to how many matches a long list counts exactly; beyond it the total is an estimate
/// ([`TotalKind::Estimate`], rounded by [`rounded_estimate`]) or, until one is known, the bound
/// itself ([`TotalKind::AtLeast`]).
pub const EXACT_TOTAL_BOUND: u64 = 10_000;

/// How exact a page's `total` is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TotalKind {
    /// Counted: "共 35 条".
    #[default]
    Exact,
    /// More than [`EXACT_TOTAL_BOUND`], from a recent count, rounded: "约 332,500 条".
    Estimate,
    /// More than `total` (the bound); no estimate yet: "超过 10,000 条".
    AtLeast,
}

/// An estimate as the screens show it: four significant digits (332,518 → 332,500).
pub fn rounded_estimate(n: u64) -> u64 {
    let mut step = 1_u64;
    while n / step >= 10_000 {
        step *= 10;
    }
    (n + step / 2) / step * step
}

impl<T> Page<T> {
    /// Whether a page follows this one: by the total when it is exact, else by this page
    /// being full (an estimate may be off by a page or two either way).
    pub fn has_next(&self) -> bool {
        has_next(
            self.total,
            self.total_kind,
            self.page,
            self.per_page,
            self.items.len(),
        )
    }
}

/// [`Page::has_next`] from its parts (the pager has no items).
pub fn has_next(total: u64, kind: TotalKind, page: u32, per_page: u32, items: usize) -> bool {
    match kind {
        TotalKind::Exact => u64::from(page) * u64::from(per_page) < total,
        TotalKind::Estimate | TotalKind::AtLeast => {
            u32::try_from(items).is_ok_and(|n| n >= per_page && n > 0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_keep_four_digits_and_pages_follow_by_kind() {
        assert_eq!(rounded_estimate(332_518), 332_500);
        assert_eq!(rounded_estimate(664_798), 664_800);
        assert_eq!(rounded_estimate(9_999), 9_999);
        assert_eq!(rounded_estimate(10_004), 10_000);
        assert_eq!(rounded_estimate(10_005), 10_010);
        assert_eq!(rounded_estimate(1_234_567), 1_235_000);
        assert!(has_next(41, TotalKind::Exact, 2, 20, 20));
        assert!(!has_next(40, TotalKind::Exact, 2, 20, 20));
        assert!(has_next(10_000, TotalKind::AtLeast, 500, 20, 20));
        assert!(!has_next(332_500, TotalKind::Estimate, 3, 20, 7));
        assert!(!has_next(0, TotalKind::AtLeast, 1, 20, 0));
        let old: Page<u8> =
            serde_json::from_str(r#"{"items":[],"total":0,"page":1,"per_page":20}"#)
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(old.total_kind, TotalKind::Exact);
    }

    #[test]
    fn bounds_and_offsets() {
        assert_eq!(PageQuery::default().offset(), 0);
        let q = PageQuery {
            page: 3,
            per_page: 20,
        };
        assert_eq!(q.validate().map(PageQuery::offset), Ok(40));
        assert_eq!(
            PageQuery {
                page: 0,
                per_page: 20
            }
            .validate(),
            Err("page")
        );
        assert_eq!(
            PageQuery {
                page: 1,
                per_page: 0
            }
            .validate(),
            Err("per_page")
        );
        assert_eq!(
            PageQuery {
                page: 1,
                per_page: 101
            }
            .validate(),
            Err("per_page")
        );
        let last = PageQuery {
            page: PageQuery::MAX_PAGE,
            per_page: 100,
        };
        assert_eq!(last.validate(), Ok(last));
        assert_eq!(
            PageQuery {
                page: PageQuery::MAX_PAGE + 1,
                per_page: 20
            }
            .validate(),
            Err("page")
        );
    }
}
