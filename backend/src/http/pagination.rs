//! `?page=&per_page=` in, `{items, total, page, per_page}` out — the same for every list.

use shared::{ErrorCode, Page, PageQuery};

use crate::error::ApiError;

/// Checks the page parameters (defaults 1 and 20; `per_page` at most 100).
pub fn query(page: Option<u32>, per_page: Option<u32>) -> Result<PageQuery, ApiError> {
    PageQuery {
        page: page.unwrap_or(1),
        per_page: per_page.unwrap_or(20),
    }
    .validate()
    .map_err(|field| {
        ApiError::with_text(
            ErrorCode::BadRequest,
            format!("查询参数 {field} 超出范围"),
            format!("Query parameter {field} is out of range"),
        )
        .at_field(field)
    })
}

/// `LIMIT` and `OFFSET` for diesel.
pub fn limit_offset(q: PageQuery) -> (i64, i64) {
    (
        i64::from(q.per_page),
        i64::try_from(q.offset()).unwrap_or(i64::MAX),
    )
}

/// One page of an answer.
pub fn page<T>(items: Vec<T>, total: i64, q: PageQuery) -> Page<T> {
    Page {
        items,
        total: u64::try_from(total).unwrap_or_default(),
        page: q.page,
        per_page: q.per_page,
        total_kind: shared::TotalKind::Exact,
    }
}
