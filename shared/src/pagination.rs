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
    /// Items matching the filter over all pages.
    pub total: u64,
    /// This page's number (1-based).
    pub page: u32,
    /// The page size used.
    pub per_page: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

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
