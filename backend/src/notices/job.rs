//! The notice job: the time-driven notices, then the delivery beyond the app.
//!
//! Every `NOTICE_JOB_SECONDS` each instance ticks; one of them wins the run
//! ([`crate::jobs::claim`]). A run:
//! 1. walks the published publicity batches and writes, once each (`publicity_milestones`'
//!    primary key, in the same transaction as the notices):
//!    - **started** — the period has begun: to each applicant in the batch;
//!    - **ending** — the period ends on the next working day: to the batch's owner
//!      ([`crate::publicity::owner`]: the unit's holders of the kind's module, or the policy
//!      reviewer who made it), with the count of open reports;
//!    - **ended** — the period is over and the batch not completed: to the owner;
//!    - **supplement deadline passed** — a failure publicity's online supplement deadline is
//!      over: to the owner, with how many of its applicants are still to supplement;
//!
//!    a run that missed a day does not send what no longer holds (no "ending" after the end);
//! 2. hands the outbox to the [`Deliver`] implementation: each notice is claimed by a
//!    conditional update of its `delivered_at`, put back if the delivery fails (the run stops
//!    there and the next run retries), so no notice is sent twice by overlapping runs.

use std::sync::Arc;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use shared::{
    notices::{text, NoticeKind, NoticeObject, NoticeParams},
    publicity::{PublicityKind, PublicityStatus, ReportStatus},
    Locale, Module, Stage,
};

use super::delivery::{Deliver, Outgoing};
use super::{New, To};
use crate::{
    calendar,
    clock::SharedClock,
    db::{
        schema::{
            applications, notices, publicity_batches, publicity_deadlines, publicity_items,
            publicity_milestones, publicity_reports,
        },
        Db, DbConnection,
    },
    error::ApiError,
    publicity::{owner, BatchRow},
};

/// The job's name in `job_runs`.
pub const JOB: &str = "notices";

/// Notices handed to the delivery per run at most.
const DELIVERIES_PER_RUN: i64 = 500;

/// A batch's milestones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Milestone {
    Started,
    Ending,
    Ended,
    SupplementDeadline,
}

impl Milestone {
    fn as_str(self) -> &'static str {
        match self {
            Milestone::Started => "started",
            Milestone::Ending => "ending",
            Milestone::Ended => "ended",
            Milestone::SupplementDeadline => "supplement_deadline",
        }
    }
}

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunReport {
    /// Batches whose milestone was reached in this run, per milestone.
    pub started: usize,
    pub ending: usize,
    pub ended: usize,
    pub deadlines: usize,
    /// Notices handed to the delivery, and whether one failed.
    pub delivered: usize,
    pub failed: usize,
}

/// Runs the job if this instance wins the run due at `now`; `None` when another did.
pub fn run_if_due(
    conn: &mut DbConnection,
    holder: &str,
    now: NaiveDateTime,
    every: Duration,
    deliver: &dyn Deliver,
) -> Result<Option<RunReport>, ApiError> {
    if !crate::jobs::claim(conn, JOB, holder, now, every)? {
        return Ok(None);
    }
    run(conn, now, deliver).map(Some)
}

/// One run (the caller has won it).
pub fn run(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    deliver: &dyn Deliver,
) -> Result<RunReport, ApiError> {
    let mut report = RunReport::default();
    let today = calendar::today(now);
    let batches: Vec<BatchRow> = publicity_batches::table
        .filter(publicity_batches::status.eq(PublicityStatus::Published))
        .filter(publicity_batches::period_start.le(today))
        .order(publicity_batches::id.asc())
        .select(BatchRow::as_select())
        .load(conn)?;
    let next_working_day = calendar::add_working_days(conn, today, 1)?;
    for batch in &batches {
        if today <= batch.period_end && reach(conn, batch, Milestone::Started, now, None)? {
            report.started += 1;
        }
        if today < batch.period_end
            && next_working_day >= batch.period_end
            && reach(conn, batch, Milestone::Ending, now, None)?
        {
            report.ending += 1;
        }
        if today > batch.period_end && reach(conn, batch, Milestone::Ended, now, None)? {
            report.ended += 1;
        }
    }
    // Failure publicity whose online supplement deadline is over (completed or not).
    let overdue: Vec<(BatchRow, chrono::NaiveDate)> = publicity_batches::table
        .inner_join(publicity_deadlines::table)
        .filter(publicity_batches::kind.eq(PublicityKind::Failure))
        .filter(publicity_batches::status.ne(PublicityStatus::Draft))
        .filter(publicity_deadlines::supplement_deadline.lt(today))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            publicity_milestones::table
                .filter(publicity_milestones::batch_id.eq(publicity_batches::id))
                .filter(publicity_milestones::milestone.eq(Milestone::SupplementDeadline.as_str())),
        )))
        .order(publicity_batches::id.asc())
        .select((
            BatchRow::as_select(),
            publicity_deadlines::supplement_deadline,
        ))
        .load(conn)?;
    for (batch, deadline) in &overdue {
        if reach(
            conn,
            batch,
            Milestone::SupplementDeadline,
            now,
            Some(*deadline),
        )? {
            report.deadlines += 1;
        }
    }
    (report.delivered, report.failed) = deliver_pending(conn, now, deliver)?;
    Ok(report)
}

/// Records `milestone` of `batch` with its notices, unless it was recorded already (`deadline`:
/// the supplement deadline that passed).
fn reach(
    conn: &mut DbConnection,
    batch: &BatchRow,
    milestone: Milestone,
    now: NaiveDateTime,
    deadline: Option<chrono::NaiveDate>,
) -> Result<bool, ApiError> {
    conn.write_transaction(|conn| {
        let insert = diesel::insert_into(publicity_milestones::table)
            .values((
                publicity_milestones::batch_id.eq(batch.id),
                publicity_milestones::milestone.eq(milestone.as_str()),
                publicity_milestones::done_at.eq(now),
            ))
            .on_conflict_do_nothing();
        if crate::on_engine!(&mut *conn, |c| insert.execute(c))? == 0 {
            return Ok(false);
        }
        let notices = milestone_notices(conn, batch, milestone, deadline)?;
        super::write(conn, &notices, now)?;
        Ok(true)
    })
}

/// Who learns of a milestone, and what.
fn milestone_notices(
    conn: &mut DbConnection,
    batch: &BatchRow,
    milestone: Milestone,
    deadline: Option<chrono::NaiveDate>,
) -> Result<Vec<New>, ApiError> {
    let base = NoticeParams {
        label: Some(batch.title.clone()),
        date: Some(calendar::format_day(batch.period_end)),
        publicity: Some(batch.kind),
        ..NoticeParams::default()
    };
    let owner = |kind, params| New {
        to: owner(batch),
        kind,
        object: NoticeObject::PublicityBatch,
        object_id: batch.id,
        params,
    };
    Ok(match milestone {
        Milestone::Started => {
            let applicants: Vec<(i64, i64, String)> = publicity_items::table
                .inner_join(applications::table)
                .filter(publicity_items::batch_id.eq(batch.id))
                .order(applications::id.asc())
                .select((
                    applications::id,
                    applications::applicant_id,
                    applications::qualification,
                ))
                .load(conn)?;
            applicants
                .into_iter()
                .map(|(application, account, qualification)| New {
                    to: To::Account(account),
                    kind: NoticeKind::PublicityStarted,
                    object: NoticeObject::Application,
                    object_id: application,
                    params: NoticeParams {
                        qualification: Some(qualification),
                        ..base.clone()
                    },
                })
                .collect()
        }
        Milestone::Ending => {
            let open: i64 = publicity_reports::table
                .filter(publicity_reports::batch_id.eq(batch.id))
                .filter(publicity_reports::status.eq(ReportStatus::Open))
                .count()
                .get_result(conn)?;
            vec![owner(
                NoticeKind::PublicityEnding,
                NoticeParams {
                    count: Some(open),
                    ..base
                },
            )]
        }
        Milestone::Ended => vec![owner(NoticeKind::PublicityEnded, base)],
        Milestone::SupplementDeadline => {
            let waiting: i64 = publicity_items::table
                .inner_join(applications::table)
                .filter(publicity_items::batch_id.eq(batch.id))
                .filter(applications::stage.eq(Stage::Supplement))
                .count()
                .get_result(conn)?;
            vec![owner(
                NoticeKind::SupplementDeadlinePassed,
                NoticeParams {
                    date: deadline.map(calendar::format_day),
                    count: Some(waiting),
                    ..base
                },
            )]
        }
    })
}

type Pending = (
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
    NoticeKind,
    String,
);

/// Hands the outbox to `deliver`, oldest first; answers (delivered, failed).
pub fn deliver_pending(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    deliver: &dyn Deliver,
) -> Result<(usize, usize), ApiError> {
    let pending: Vec<Pending> = notices::table
        .filter(notices::delivered_at.is_null())
        .order(notices::id.asc())
        .limit(DELIVERIES_PER_RUN)
        .select((
            notices::id,
            notices::account_id,
            notices::unit_id,
            notices::module,
            notices::kind,
            notices::params,
        ))
        .load(conn)?;
    let mut delivered = 0;
    for (id, account, unit, module, kind, params) in pending {
        let claimed = diesel::update(
            notices::table
                .filter(notices::id.eq(id))
                .filter(notices::delivered_at.is_null()),
        )
        .set(notices::delivered_at.eq(Some(now)))
        .execute(conn)?;
        if claimed == 0 {
            continue;
        }
        let to = match (account, unit) {
            (Some(a), _) => To::Account(a),
            (None, Some(u)) => To::Unit(u, module.as_deref().and_then(Module::from_code)),
            (None, None) => continue,
        };
        let params: NoticeParams = serde_json::from_str(&params).unwrap_or_default();
        let outgoing = Outgoing {
            notice_id: id,
            to,
            kind,
            text: text(kind, &params, Locale::ZhCn),
        };
        if let Err(e) = deliver.deliver(&outgoing) {
            tracing::warn!(notice = id, error = %e, "a notice could not be delivered; retried at the next run");
            diesel::update(notices::table.find(id))
                .set(notices::delivered_at.eq(None::<NaiveDateTime>))
                .execute(conn)?;
            return Ok((delivered, 1));
        }
        delivered += 1;
    }
    Ok((delivered, 0))
}

/// Starts the periodic job (`every_secs` = 0: off). The first tick comes one interval after
/// the start.
pub fn spawn(db: Db, clock: SharedClock, every_secs: u64, deliver: Arc<dyn Deliver>) {
    if every_secs == 0 {
        tracing::info!("NOTICE_JOB_SECONDS=0: no time-driven notices and no delivery");
        return;
    }
    let holder = crate::jobs::instance_name();
    let every = Duration::seconds(i64::try_from(every_secs).unwrap_or(i64::MAX / 1000));
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(every_secs));
        tick.tick().await;
        loop {
            tick.tick().await;
            let (holder, deliver) = (holder.clone(), deliver.clone());
            let now = clock.now();
            match db
                .run(move |conn| run_if_due(conn, &holder, now, every, &*deliver))
                .await
            {
                Ok(Some(r)) if r != RunReport::default() => tracing::info!(
                    started = r.started,
                    ending = r.ending,
                    ended = r.ended,
                    deadlines = r.deadlines,
                    delivered = r.delivered,
                    failed = r.failed,
                    "the notice job ran"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "the notice job failed"),
            }
        }
    });
}
