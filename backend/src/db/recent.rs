//! Recent answers of expensive reads, per process: a value computed for a key is served while
//! it is [`Recent::fresh`]; an older one is still served while one background computation on its
//! own pooled connection replaces it (at most [`Recent::MAX_RUNNING`] at a time, one per key).
//! The long lists' totals (`db::totals`) and the dashboards use it; each says on its answer how
//! old it may be.
//!
//! Nothing is shared between instances: each computes for itself, so nothing has to be
//! invalidated between them, and an answer is as good as the age it states.

use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex, MutexGuard, PoisonError},
    time::{Duration, Instant},
};

use super::{DbConnection, Pool};
use crate::error::ApiError;

/// A computation of one key's value, run on its own connection (owned: it outlives the
/// request that started it).
pub type Job<V> = Box<dyn FnOnce(&mut DbConnection) -> Result<V, ApiError> + Send>;

/// Recent values by key.
pub struct Recent<V> {
    pool: Pool,
    fresh: Duration,
    inner: Arc<Mutex<Inner<V>>>,
}

impl<V> Clone for Recent<V> {
    fn clone(&self) -> Self {
        Recent {
            pool: self.pool.clone(),
            fresh: self.fresh,
            inner: self.inner.clone(),
        }
    }
}

struct Inner<V> {
    known: HashMap<String, (V, Instant)>,
    running: HashSet<String>,
}

impl<V: Clone + Send + 'static> Recent<V> {
    /// Values older than this are dropped when the cache is full.
    const KEEP: Duration = Duration::from_secs(600);
    /// Keys kept at most.
    const MAX_KEYS: usize = 10_000;
    /// Background computations at once (each holds one pooled connection).
    pub const MAX_RUNNING: usize = 2;

    /// An empty cache whose values are fresh for `fresh`, computing on `pool`.
    pub fn new(pool: Pool, fresh: Duration) -> Self {
        Recent {
            pool,
            fresh,
            inner: Arc::new(Mutex::new(Inner {
                known: HashMap::new(),
                running: HashSet::new(),
            })),
        }
    }

    /// How long a value is served without asking for a new one.
    pub fn fresh(&self) -> Duration {
        self.fresh
    }

    fn lock(&self) -> MutexGuard<'_, Inner<V>> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The value of `key` (any age) and whether it is still fresh.
    fn lookup(&self, key: &str) -> Option<(V, bool)> {
        self.lock()
            .known
            .get(key)
            .map(|(v, at)| (v.clone(), at.elapsed() < self.fresh))
    }

    /// The value of `key` (any age), starting `job` in the background when there is none or
    /// it is no longer fresh.
    pub fn get_or_refresh(&self, key: &str, job: impl FnOnce() -> Job<V>) -> Option<V> {
        let known = self.lookup(key);
        if !known.as_ref().is_some_and(|(_, fresh)| *fresh) {
            self.refresh(key.to_owned(), job());
        }
        known.map(|(v, _)| v)
    }

    /// The value of `key`: a fresh one as it is; an older one while `job` replaces it in the
    /// background; none computed now on `conn` by `job` and kept.
    pub fn get_or_compute(
        &self,
        conn: &mut DbConnection,
        key: &str,
        job: impl FnOnce() -> Job<V>,
    ) -> Result<V, ApiError> {
        match self.lookup(key) {
            Some((v, true)) => Ok(v),
            Some((v, false)) => {
                self.refresh(key.to_owned(), job());
                Ok(v)
            }
            None => {
                let v = job()(conn)?;
                self.put(key.to_owned(), v.clone());
                Ok(v)
            }
        }
    }

    fn put(&self, key: String, v: V) {
        let mut inner = self.lock();
        if inner.known.len() >= Self::MAX_KEYS {
            inner.known.retain(|_, (_, at)| at.elapsed() < Self::KEEP);
        }
        if inner.known.len() < Self::MAX_KEYS || inner.known.contains_key(&key) {
            inner.known.insert(key, (v, Instant::now()));
        }
    }

    /// Computes `key` on a thread of its own unless it is being computed or enough run.
    fn refresh(&self, key: String, job: Job<V>) {
        {
            let mut inner = self.lock();
            if inner.running.contains(&key) || inner.running.len() >= Self::MAX_RUNNING {
                return;
            }
            inner.running.insert(key.clone());
        }
        let this = self.clone();
        let name = key.clone();
        let spawned = std::thread::Builder::new()
            .name("recent-answer".to_owned())
            .spawn(move || {
                let started = Instant::now();
                let computed = this
                    .pool
                    .get()
                    .map_err(ApiError::database_unavailable)
                    .and_then(|mut conn| job(&mut conn));
                match computed {
                    Ok(v) => {
                        tracing::debug!(
                            ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
                            "recent answer computed"
                        );
                        this.put(key.clone(), v);
                    }
                    Err(e) => tracing::warn!(error = %e, "computing a recent answer failed"),
                }
                this.lock().running.remove(&key);
            });
        if spawned.is_err() {
            self.lock().running.remove(&name);
        }
    }

    /// Waits until no computation runs (tests).
    pub fn settle(&self) {
        while !self.lock().running.is_empty() {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn pool() -> Pool {
        let url = crate::config::DatabaseUrl::parse("sqlite://:memory:")
            .unwrap_or_else(|e| panic!("{e}"));
        super::super::build_pool(&url, 2, Duration::from_secs(5)).unwrap_or_else(|e| panic!("{e}"))
    }

    fn job(v: i64) -> impl Fn() -> Job<i64> {
        move || Box::new(move |_: &mut DbConnection| Ok(v))
    }

    #[test]
    fn a_missing_value_is_computed_now_or_in_the_background() {
        let recent = Recent::new(pool(), Duration::from_secs(60));
        assert_eq!(recent.get_or_refresh("a", job(1)), None);
        recent.settle();
        assert_eq!(recent.get_or_refresh("a", job(2)), Some(1), "fresh: kept");
        let mut conn = pool().get().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(recent.get_or_compute(&mut conn, "b", job(7)).ok(), Some(7));
        assert_eq!(recent.get_or_compute(&mut conn, "b", job(8)).ok(), Some(7));
    }

    #[test]
    fn a_stale_value_is_served_while_it_is_replaced() {
        let recent = Recent::new(pool(), Duration::ZERO);
        let mut conn = pool().get().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(recent.get_or_compute(&mut conn, "k", job(1)).ok(), Some(1));
        assert_eq!(
            recent.get_or_compute(&mut conn, "k", job(2)).ok(),
            Some(1),
            "stale"
        );
        recent.settle();
        assert_eq!(recent.get_or_refresh("k", job(3)), Some(2), "replaced");
        recent.settle();
    }

    #[test]
    fn a_failed_computation_keeps_what_was_known() {
        let recent: Recent<i64> = Recent::new(pool(), Duration::ZERO);
        let failing = || -> Job<i64> {
            Box::new(|_: &mut DbConnection| Err(ApiError::internal(anyhow::anyhow!("gone"))))
        };
        assert_eq!(recent.get_or_refresh("x", failing), None);
        recent.settle();
        assert_eq!(recent.get_or_refresh("x", failing), None);
        recent.settle();
        let mut conn = pool().get().unwrap_or_else(|e| panic!("{e}"));
        assert!(recent.get_or_compute(&mut conn, "x", failing).is_err());
    }
}
