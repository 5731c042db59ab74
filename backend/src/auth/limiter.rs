//! Attempt limits kept in the database (table `rate_limits`), so every server instance counts
//! the same attempts: the sign-in limit per client address and the public report limit.
//!
//! A fixed window per key. Each decision is one conditional `UPDATE` (start a new window, or
//! count one more within the current one while under the limit), which both engines apply
//! atomically on the key's row: of any number of concurrent attempts exactly `limit` pass in a
//! window, whichever instance receives them. A fixed window may let up to twice the limit
//! through across a window boundary; for a brute-force brake that is accepted.

use chrono::{Duration, NaiveDateTime};
use diesel::{
    prelude::*,
    result::{DatabaseErrorKind, Error as DieselError},
};

use crate::db::{schema::rate_limits, DbConnection};

/// Rows whose window started longer ago than this are removed (the longest configurable
/// window is a day).
const KEEP_DAYS: i64 = 2;

/// What the limiter decided for one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Counted; go on.
    Allowed,
    /// Over the limit: the window ends in this many seconds (for `Retry-After`).
    Refused {
        /// Seconds until the key's window ends (at least 1).
        retry_after_secs: u64,
    },
}

/// Counts an attempt under `key`: `limit` attempts per `window_secs` seconds.
pub fn hit(
    conn: &mut DbConnection,
    key: &str,
    limit: u32,
    window_secs: u64,
    now: NaiveDateTime,
) -> QueryResult<Verdict> {
    let window = Duration::seconds(i64::try_from(window_secs).unwrap_or(i64::MAX / 1000));
    let cutoff = now - window;
    let limit = i32::try_from(limit).unwrap_or(i32::MAX);
    // Two rounds at most: the second only after another instance created the key's row
    // between our updates and our insert.
    for _ in 0..2 {
        let restarted = diesel::update(
            rate_limits::table
                .filter(rate_limits::key.eq(key))
                .filter(rate_limits::window_start.le(cutoff)),
        )
        .set((rate_limits::window_start.eq(now), rate_limits::hits.eq(1)))
        .execute(conn)?;
        if restarted == 1 {
            diesel::delete(
                rate_limits::table
                    .filter(rate_limits::window_start.lt(now - Duration::days(KEEP_DAYS))),
            )
            .execute(conn)?;
            return Ok(Verdict::Allowed);
        }
        let counted = diesel::update(
            rate_limits::table
                .filter(rate_limits::key.eq(key))
                .filter(rate_limits::window_start.gt(cutoff))
                .filter(rate_limits::hits.lt(limit)),
        )
        .set(rate_limits::hits.eq(rate_limits::hits + 1))
        .execute(conn)?;
        if counted == 1 {
            return Ok(Verdict::Allowed);
        }
        let started: Option<NaiveDateTime> = rate_limits::table
            .find(key)
            .select(rate_limits::window_start)
            .first(conn)
            .optional()?;
        if let Some(started) = started {
            let left = (started + window - now).num_seconds().max(1);
            return Ok(Verdict::Refused {
                retry_after_secs: u64::try_from(left).unwrap_or(1),
            });
        }
        match diesel::insert_into(rate_limits::table)
            .values((
                rate_limits::key.eq(key),
                rate_limits::window_start.eq(now),
                rate_limits::hits.eq(1),
            ))
            .execute(conn)
        {
            Ok(_) => return Ok(Verdict::Allowed),
            Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => continue,
            Err(err) => return Err(err),
        }
    }
    // The row exists now (we lost the insert race twice): count against it once more.
    let counted = diesel::update(
        rate_limits::table
            .filter(rate_limits::key.eq(key))
            .filter(rate_limits::hits.lt(limit)),
    )
    .set(rate_limits::hits.eq(rate_limits::hits + 1))
    .execute(conn)?;
    Ok(if counted == 1 {
        Verdict::Allowed
    } else {
        Verdict::Refused {
            retry_after_secs: window_secs.max(1),
        }
    })
}
