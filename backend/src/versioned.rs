//! The one way a versioned object changes state (issue 9 point 13).
//!
//! A versioned row carries `version BIGINT`; every client that changes it sends the version it
//! read. A state change is then, in one write transaction:
//!
//! 1. [`Change::expect`] — the row as read now still has the caller's version, else 409
//!    `version_conflict`. Call it right after the authorisation checks and *before* any state
//!    check, so the losers of a race all read `version_conflict` (not `invalid_transition`).
//! 2. the guarded statement [`guarded_update!`]:
//!    `UPDATE t SET …, version = version + 1 WHERE id = ? AND version = ?` — exactly one row or
//!    `version_conflict`. On PostgreSQL a concurrent writer blocks on the row lock and then sees
//!    the new version (0 rows); on SQLite `BEGIN IMMEDIATE` already queues writers.
//! 3. the effects hook (further writes that follow the change: applications moved by a
//!    completed publicity, later a timeline or notice entry), after the guarded update so they
//!    run at most once;
//! 4. the audit row with the object's snapshot before and after (plus the hook's effects).
//!
//! Publicity batches, review-authority filings, units and accounts change state only through
//! [`Change::apply`]. Sessions, votes, filings and certificates of later issues use it too:
//! add a [`Kind`], a snapshot function, and call `apply` with a `guarded_update!`.

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::{json, Map, Value};
use shared::ErrorCode;

use crate::{
    audit::{self, Actor, Event},
    db::DbConnection,
    error::ApiError,
};

/// The kinds of versioned object: the audit target type and the words of a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `publicity_batches`.
    PublicityBatch,
    /// `review_authority_filings`.
    Filing,
    /// `units`.
    Unit,
    /// `accounts`.
    Account,
    /// `review_sessions`.
    Session,
    /// `review_groups` (setup; distribution, enter review, defense held).
    ReviewGroup,
    /// `session_experts` (positions, decline; attendance).
    SessionExpert,
    /// `expert_reviews`.
    ExpertReview,
    /// `experts` (a person of the expert pool).
    Expert,
    /// `pool_members`.
    PoolMember,
    /// `pool_updates`.
    PoolUpdate,
    /// `expert_recommendations`.
    Recommendation,
    /// `review_filings` (评审工作备案).
    ReviewFiling,
    /// `certificates` (revocation).
    Certificate,
}

impl Kind {
    /// The audit row's `target_type`.
    pub fn target_type(self) -> &'static str {
        match self {
            Kind::PublicityBatch => "publicity_batch",
            Kind::Filing => "review_authority_filing",
            Kind::Unit => "unit",
            Kind::Account => "account",
            Kind::Session => "review_session",
            Kind::ReviewGroup => "review_group",
            Kind::SessionExpert => "session_expert",
            Kind::ExpertReview => "expert_review",
            Kind::Expert => "expert",
            Kind::PoolMember => "pool_member",
            Kind::PoolUpdate => "pool_update",
            Kind::Recommendation => "expert_recommendation",
            Kind::ReviewFiling => "review_filing",
            Kind::Certificate => "certificate",
        }
    }

    fn noun(self) -> (&'static str, &'static str) {
        match self {
            Kind::PublicityBatch => ("公示批次", "publicity batch"),
            Kind::Filing => ("评审权备案", "filing"),
            Kind::Unit => ("单位", "unit"),
            Kind::Account => ("账号", "account"),
            Kind::Session => ("评委会", "review session"),
            Kind::ReviewGroup => ("评审小组", "review group"),
            Kind::SessionExpert => ("评审专家", "session expert"),
            Kind::ExpertReview => ("评审意见", "review"),
            Kind::Expert => ("专家", "expert"),
            Kind::PoolMember => ("专家库成员", "pool member"),
            Kind::PoolUpdate => ("专家库更新备案", "pool update"),
            Kind::Recommendation => ("专家推荐", "recommendation"),
            Kind::ReviewFiling => ("评审工作备案", "review filing"),
            Kind::Certificate => ("证书", "certificate"),
        }
    }

    /// 409 `version_conflict` for this kind.
    pub fn conflict(self) -> ApiError {
        let (zh, en) = self.noun();
        ApiError::with_text(
            ErrorCode::VersionConflict,
            format!("该{zh}已被他人修改，请刷新后重试"),
            format!("Someone else changed this {en} since you read it; reload and try again"),
        )
    }
}

/// Which row and which version the guarded statement may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guard {
    /// The row's id.
    pub id: i64,
    /// The version the caller read.
    pub version: i64,
}

/// `UPDATE $table SET $changes, version = version + 1 WHERE id = guard.id AND version =
/// guard.version`, returning the number of rows changed. `$table` is a schema module in scope,
/// `$changes` one assignment or a tuple of them.
#[macro_export]
macro_rules! guarded_update {
    ($conn:expr, $table:ident, $guard:expr, $changes:expr $(,)?) => {{
        let guard: $crate::versioned::Guard = $guard;
        diesel::update(
            $table::table
                .filter($table::id.eq(guard.id))
                .filter($table::version.eq(guard.version)),
        )
        .set(($changes, $table::version.eq($table::version + 1_i64)))
        .execute($conn)
    }};
}

/// One state change of one versioned row.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    /// What the row is.
    pub kind: Kind,
    /// Its id.
    pub id: i64,
    /// The version the caller read (the request's `version`).
    pub read_version: i64,
    /// The audit action, e.g. `publicity.publish`.
    pub action: &'a str,
    /// Who.
    pub actor: &'a Actor,
    /// When.
    pub now: NaiveDateTime,
}

impl Change<'_> {
    /// 409 `version_conflict` unless the row, as read now, still has the caller's version.
    pub fn expect(&self, current: i64) -> Result<(), ApiError> {
        if current == self.read_version {
            Ok(())
        } else {
            Err(self.kind.conflict())
        }
    }

    /// The guard for [`guarded_update!`].
    pub fn guard(&self) -> Guard {
        Guard {
            id: self.id,
            version: self.read_version,
        }
    }

    /// Performs the change in one write transaction (a savepoint inside the caller's):
    /// `snapshot` before, `update` (a [`guarded_update!`]: exactly one row or
    /// `version_conflict`), `effects` (fields added to the audit's after-image), `snapshot`
    /// after, the audit row. Returns the after-snapshot.
    pub fn apply<S, U, F>(
        &self,
        conn: &mut DbConnection,
        snapshot: impl Fn(&mut DbConnection) -> Result<S, ApiError>,
        update: U,
        effects: F,
    ) -> Result<S, ApiError>
    where
        S: Serialize,
        U: FnOnce(&mut DbConnection, Guard) -> Result<usize, ApiError>,
        F: FnOnce(&mut DbConnection) -> Result<Map<String, Value>, ApiError>,
    {
        conn.write_transaction(|conn| {
            let before = snapshot(conn)?;
            match update(conn, self.guard())? {
                1 => {}
                0 => return Err(self.kind.conflict()),
                n => {
                    return Err(ApiError::internal(anyhow::anyhow!(
                        "a guarded update of {} {} changed {n} rows",
                        self.kind.target_type(),
                        self.id
                    )))
                }
            }
            let effects = effects(conn)?;
            let after = snapshot(conn)?;
            let mut image = json!(after);
            if let Value::Object(fields) = &mut image {
                fields.extend(effects);
            }
            audit::append(
                conn,
                self.actor,
                &Event {
                    action: self.action,
                    target_type: self.kind.target_type(),
                    target_id: Some(self.id.to_string()),
                    success: true,
                    before: Some(json!(before)),
                    after: Some(image),
                },
                self.now,
            )?;
            Ok(after)
        })
    }
}

/// No effects beyond the row itself.
pub fn no_effects(_: &mut DbConnection) -> Result<Map<String, Value>, ApiError> {
    Ok(Map::new())
}
