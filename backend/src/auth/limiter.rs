//! A per-client-address limit on login attempts (sliding window, in memory). One server
//! instance holds its own counts; behind several instances the limit applies per instance.

use std::{
    collections::{HashMap, VecDeque},
    sync::Mutex,
    time::{Duration, Instant},
};

/// Remembers recent attempts per address.
#[derive(Debug, Default)]
pub struct LoginLimiter {
    attempts: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    /// Records an attempt from `addr`; `false` when it exceeds `limit` within `window`.
    pub fn allow(&self, addr: &str, limit: u32, window: Duration) -> bool {
        let now = Instant::now();
        let mut map = self
            .attempts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() > 100_000 {
            // Bound the memory an address scan could take: forget windows that have passed.
            map.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < window));
        }
        let queue = map.entry(addr.to_owned()).or_default();
        while queue
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            queue.pop_front();
        }
        if queue.len() >= limit as usize {
            return false;
        }
        queue.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_per_address() {
        let l = LoginLimiter::default();
        let w = Duration::from_secs(60);
        assert!((0..3).all(|_| l.allow("10.0.0.1", 3, w)));
        assert!(!l.allow("10.0.0.1", 3, w));
        assert!(l.allow("10.0.0.2", 3, w));
    }
}
