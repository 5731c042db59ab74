//! Periodic jobs that must run once however many server instances there are.
//!
//! Each job has a row in `job_runs`. Every instance ticks; a tick runs the job only if its
//! conditional update moves the row's `next_run_at` past now (`... WHERE next_run_at <= now`).
//! The database lets exactly one such update through per interval, on PostgreSQL and SQLite
//! alike, and nothing stays locked when the winner dies: the next interval is anyone's again.
//! Jobs are written so that an overlapping run (a run longer than its interval) is harmless:
//! each unit of work is claimed by a unique key or a conditional update of its own.
//!
//! Why not `SELECT … FOR UPDATE SKIP LOCKED` or a job-queue crate: these are a few periodic
//! sweeps, not a queue of jobs to share out; `SKIP LOCKED` does not exist on SQLite, and the
//! maintained queue crates serve PostgreSQL only, while both engines run every test here.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::{
    db::{schema::job_runs, DbConnection},
    error::ApiError,
};

/// A random name for this process (for `job_runs.holder`: who ran a job last).
pub fn instance_name() -> String {
    use rand_core::RngCore;
    let mut bytes = [0_u8; 8];
    rand_core::OsRng.fill_bytes(&mut bytes);
    format!("{}-{}", std::process::id(), hex::encode(bytes))
}

/// Claims the run of `job` due at `now` for `holder`; the next run is then due `every` later.
/// Answers whether this caller won (and must run the job).
pub fn claim(
    conn: &mut DbConnection,
    job: &str,
    holder: &str,
    now: NaiveDateTime,
    every: Duration,
) -> Result<bool, ApiError> {
    conn.write_transaction(|conn| {
        let insert = diesel::insert_into(job_runs::table)
            .values((
                job_runs::name.eq(job),
                job_runs::holder.eq(""),
                job_runs::next_run_at.eq(now),
            ))
            .on_conflict_do_nothing();
        crate::on_engine!(&mut *conn, |c| insert.execute(c))?;
        let won = diesel::update(
            job_runs::table
                .filter(job_runs::name.eq(job))
                .filter(job_runs::next_run_at.le(now)),
        )
        .set((
            job_runs::holder.eq(holder),
            job_runs::next_run_at.eq(now + every),
            job_runs::last_run_at.eq(Some(now)),
        ))
        .execute(conn)?;
        if won == 1 {
            tracing::debug!(job, holder, due = %now, "this instance runs the job");
        }
        Ok(won == 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_names_differ() {
        assert_ne!(instance_name(), instance_name());
    }
}
