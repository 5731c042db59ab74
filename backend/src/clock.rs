//! Time comes from an injectable clock, so that tests of time-bound rules (lockout, token and
//! session expiry, publicity periods) move time instead of sleeping.

use std::sync::{Arc, Mutex};

use chrono::{Duration, NaiveDateTime, Utc};

/// The source of "now" (UTC, without zone, as stored).
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current UTC time.
    fn now(&self) -> NaiveDateTime;
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> NaiveDateTime {
        Utc::now().naive_utc()
    }
}

/// A clock tests can move: starts at the real time, advances only when told.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<NaiveDateTime>>);

impl Default for ManualClock {
    fn default() -> Self {
        ManualClock(Arc::new(Mutex::new(Utc::now().naive_utc())))
    }
}

impl ManualClock {
    /// Moves time forward.
    pub fn advance(&self, by: Duration) {
        let mut now = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> NaiveDateTime {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The real clock plus an offset that only moves forward: the server clock of browser journeys
/// (`TEST_CLOCK_CONTROL=1`), never of production.
#[derive(Debug, Clone, Default)]
pub struct OffsetClock(Arc<std::sync::atomic::AtomicI64>);

impl OffsetClock {
    /// Moves time forward by `by` (negative durations are ignored).
    pub fn advance(&self, by: Duration) {
        let secs = by.num_seconds().max(0);
        self.0.fetch_add(secs, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Clock for OffsetClock {
    fn now(&self) -> NaiveDateTime {
        Utc::now().naive_utc() + Duration::seconds(self.0.load(std::sync::atomic::Ordering::SeqCst))
    }
}

/// The clock handle shared by the app.
pub type SharedClock = Arc<dyn Clock>;
