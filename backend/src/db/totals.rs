//! The totals of long lists. A page counts its matches exactly up to
//! [`EXACT_TOTAL_BOUND`] (one bounded index read, a few milliseconds); beyond it the total is a
//! recent exact count of the same query, kept for [`Totals::FRESH`] and refreshed off the
//! request path by one background count, and the page says so ([`TotalKind::Estimate`], "约
//! 332,500 条"). Until the first count of a query is in, the page answers the bound as a lower
//! bound ([`TotalKind::AtLeast`], "超过 10,000 条"). Counting 330,000–660,000 rows on every page
//! cost 100–570 ms (docs/PERFORMANCE.md); a clerk paging a province's year needs the rows, not
//! the last digit of their number.
//!
//! The counts are [`Recent`] values: per process, at most two counted at a time.

use std::time::Duration;

use shared::{pagination::rounded_estimate, TotalKind, EXACT_TOTAL_BOUND};

use super::{
    recent::{Job, Recent},
    Pool,
};

/// How a list answers its total.
#[derive(Clone)]
pub enum Count {
    /// Always exact (the export, which refuses more rows than it holds).
    Exact,
    /// Exact up to the bound, else from [`Totals`].
    Bounded(Totals),
}

/// Recent exact counts of long lists, by query key.
#[derive(Clone)]
pub struct Totals(Recent<i64>);

/// A count of one query.
pub type Counter = Job<i64>;

impl Totals {
    /// How long a count is served before a page asks for a new one.
    pub const FRESH: Duration = Duration::from_secs(60);

    /// No counts yet, counting on `pool`.
    pub fn new(pool: Pool) -> Self {
        Totals(Recent::new(pool, Self::FRESH))
    }

    /// The total of a page whose bounded count found `seen` matches (at most the bound plus
    /// one): exact when within the bound, else the recent count of `key` (starting `count`
    /// in the background when there is none or it is stale).
    pub fn total(&self, key: &str, seen: u64, count: impl FnOnce() -> Counter) -> (u64, TotalKind) {
        if seen <= EXACT_TOTAL_BOUND {
            return (seen, TotalKind::Exact);
        }
        match self
            .0
            .get_or_refresh(key, count)
            .and_then(|n| u64::try_from(n).ok())
        {
            Some(n) if n > EXACT_TOTAL_BOUND => (rounded_estimate(n), TotalKind::Estimate),
            _ => (EXACT_TOTAL_BOUND, TotalKind::AtLeast),
        }
    }

    /// Waits until no count runs (tests).
    pub fn settle(&self) {
        self.0.settle();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{db::DbConnection, error::ApiError};

    fn totals() -> Totals {
        Totals::new(crate::db::recent::tests::pool())
    }

    fn counter(n: i64) -> impl FnOnce() -> Counter {
        move || Box::new(move |_: &mut DbConnection| Ok(n))
    }

    #[test]
    fn exact_within_the_bound_then_at_least_then_the_estimate() {
        let t = totals();
        assert_eq!(t.total("a", 35, counter(35)), (35, TotalKind::Exact));
        assert_eq!(
            t.total("a", EXACT_TOTAL_BOUND, counter(0)),
            (EXACT_TOTAL_BOUND, TotalKind::Exact)
        );
        let over = EXACT_TOTAL_BOUND + 1;
        assert_eq!(
            t.total("b", over, counter(332_518)),
            (EXACT_TOTAL_BOUND, TotalKind::AtLeast)
        );
        t.settle();
        assert_eq!(
            t.total("b", over, counter(1)),
            (332_500, TotalKind::Estimate)
        );
        // Another query's count is its own.
        assert_eq!(
            t.total("c", over, counter(20_000)),
            (EXACT_TOTAL_BOUND, TotalKind::AtLeast)
        );
        t.settle();
        assert_eq!(
            t.total("c", over, counter(1)),
            (20_000, TotalKind::Estimate)
        );
    }

    #[test]
    fn a_failed_count_leaves_the_lower_bound() {
        let t = totals();
        let over = EXACT_TOTAL_BOUND + 1;
        let failing = || -> Counter {
            Box::new(|_: &mut DbConnection| Err(ApiError::internal(anyhow::anyhow!("gone"))))
        };
        assert_eq!(
            t.total("x", over, failing),
            (EXACT_TOTAL_BOUND, TotalKind::AtLeast)
        );
        t.settle();
        assert_eq!(
            t.total("x", over, failing),
            (EXACT_TOTAL_BOUND, TotalKind::AtLeast)
        );
    }
}
