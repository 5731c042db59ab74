//! Time comes from an injectable clock, so that tests of time-bound rules (lockout, token and
//! session expiry, publicity periods) move time instead of sleeping.

use std::sync::{Arc, Mutex};

use chrono::{Duration, NaiveDateTime, Utc};

/// The one wire format of a stored UTC timestamp: RFC 3339 in UTC with `Z`, whole seconds
/// (`2026-12-01T04:55:00Z`). Every timestamp the API answers goes through here.
pub fn rfc3339(t: NaiveDateTime) -> String {
    t.and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

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

#[cfg(test)]
mod wire_tests {
    #[test]
    fn one_wire_format_utc_with_z_whole_seconds() {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_micro_opt(4, 5, 6, 789_000));
        assert_eq!(
            t.map(super::rfc3339).as_deref(),
            Some("2026-12-01T04:05:06Z")
        );
    }
}
