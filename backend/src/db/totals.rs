//! The totals of long lists. A page counts its matches exactly up to
//! [`EXACT_TOTAL_BOUND`] (one bounded index read, a few milliseconds); beyond it the total is a
//! recent exact count of the same query, kept here for [`Totals::FRESH`] and refreshed off the
//! request path by one background count, and the page says so ([`TotalKind::Estimate`], "约
//! 332,500 条"). Until the first count of a query is in, the page answers the bound as a lower
//! bound ([`TotalKind::AtLeast`], "超过 10,000 条"). Counting 330,000–660,000 rows on every page
//! cost 100–570 ms (docs/PERFORMANCE.md); a clerk paging a province's year needs the rows, not
//! the last digit of their number.
//!
//! The cache is per process: each instance counts for itself, at most [`Totals::MAX_COUNTING`]
//! queries at a time, and an entry is as good as its age says whichever instance answers.

use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, Instant},
};

use shared::{pagination::rounded_estimate, TotalKind, EXACT_TOTAL_BOUND};

use super::{DbConnection, Pool};
use crate::error::ApiError;

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
pub struct Totals {
    pool: Pool,
    inner: Arc<Mutex<Inner>>,
}

#[derive(Default)]
struct Inner {
    counted: HashMap<String, (u64, Instant)>,
    counting: HashSet<String>,
}

/// A count of one query, run on its own connection (owned: it outlives the request).
pub type Counter = Box<dyn FnOnce(&mut DbConnection) -> Result<i64, ApiError> + Send>;

impl Totals {
    /// How long a count is served before a page asks for a new one.
    pub const FRESH: Duration = Duration::from_secs(60);
    /// Counts older than this are dropped when the cache is full.
    const KEEP: Duration = Duration::from_secs(600);
    /// Queries kept at most.
    const MAX_KEYS: usize = 10_000;
    /// Background counts at once (each holds one pooled connection for a fraction of a second).
    pub const MAX_COUNTING: usize = 2;

    /// An empty cache counting on `pool`.
    pub fn new(pool: Pool) -> Self {
        Totals {
            pool,
            inner: Arc::new(Mutex::new(Inner::default())),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The total of a page whose bounded count found `seen` matches (at most the bound plus
    /// one): exact when within the bound, else the recent count of `key` (starting `count`
    /// in the background when there is none or it is stale).
    pub fn total(
        &self,
        key: String,
        seen: u64,
        count: impl FnOnce() -> Counter,
    ) -> (u64, TotalKind) {
        if seen <= EXACT_TOTAL_BOUND {
            return (seen, TotalKind::Exact);
        }
        let known = self.lock().counted.get(&key).copied();
        let fresh = known.is_some_and(|(_, at)| at.elapsed() < Self::FRESH);
        if !fresh {
            self.refresh(key, count());
        }
        match known {
            Some((n, _)) if n > EXACT_TOTAL_BOUND => (rounded_estimate(n), TotalKind::Estimate),
            _ => (EXACT_TOTAL_BOUND, TotalKind::AtLeast),
        }
    }

    /// Counts `key` on a thread of its own unless it is being counted or enough counts run.
    fn refresh(&self, key: String, count: Counter) {
        {
            let mut inner = self.lock();
            if inner.counting.contains(&key) || inner.counting.len() >= Self::MAX_COUNTING {
                return;
            }
            inner.counting.insert(key.clone());
        }
        let this = self.clone();
        let spawned = std::thread::Builder::new()
            .name("list-total".to_owned())
            .spawn(move || {
                let started = Instant::now();
                let counted = this
                    .pool
                    .get()
                    .map_err(ApiError::database_unavailable)
                    .and_then(|mut conn| count(&mut conn));
                let mut inner = this.lock();
                inner.counting.remove(&key);
                match counted {
                    Ok(n) => {
                        tracing::debug!(
                            ms = started.elapsed().as_millis() as u64,
                            n,
                            "list total counted"
                        );
                        if inner.counted.len() >= Self::MAX_KEYS {
                            inner.counted.retain(|_, (_, at)| at.elapsed() < Self::KEEP);
                        }
                        if inner.counted.len() < Self::MAX_KEYS {
                            inner.counted.insert(
                                key,
                                (u64::try_from(n).unwrap_or_default(), Instant::now()),
                            );
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "counting a list's total failed"),
                }
            });
        if spawned.is_err() {
            self.lock().counting.clear();
        }
    }

    /// Waits until no count runs (tests).
    pub fn settle(&self) {
        while !self.lock().counting.is_empty() {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn totals() -> Totals {
        let url = crate::config::DatabaseUrl::parse("sqlite://:memory:")
            .unwrap_or_else(|e| panic!("{e}"));
        let pool = super::super::build_pool(&url, 2, Duration::from_secs(5))
            .unwrap_or_else(|e| panic!("{e}"));
        Totals::new(pool)
    }

    fn counter(n: i64) -> impl FnOnce() -> Counter {
        move || Box::new(move |_: &mut DbConnection| Ok(n))
    }

    #[test]
    fn exact_within_the_bound_then_at_least_then_the_estimate() {
        let t = totals();
        assert_eq!(t.total("a".into(), 35, counter(35)), (35, TotalKind::Exact));
        assert_eq!(
            t.total("a".into(), EXACT_TOTAL_BOUND, counter(0)),
            (EXACT_TOTAL_BOUND, TotalKind::Exact)
        );
        let over = EXACT_TOTAL_BOUND + 1;
        assert_eq!(
            t.total("b".into(), over, counter(332_518)),
            (EXACT_TOTAL_BOUND, TotalKind::AtLeast)
        );
        t.settle();
        assert_eq!(
            t.total("b".into(), over, counter(1)),
            (332_500, TotalKind::Estimate)
        );
        // Another query's count is its own.
        assert_eq!(
            t.total("c".into(), over, counter(20_000)),
            (EXACT_TOTAL_BOUND, TotalKind::AtLeast)
        );
        t.settle();
        assert_eq!(
            t.total("c".into(), over, counter(1)),
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
            t.total("x".into(), over, failing),
            (EXACT_TOTAL_BOUND, TotalKind::AtLeast)
        );
        t.settle();
        assert_eq!(
            t.total("x".into(), over, failing),
            (EXACT_TOTAL_BOUND, TotalKind::AtLeast)
        );
    }
}
