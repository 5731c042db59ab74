//! Who may post which action on which application now: the ONE authoriser.
//!
//! [`authorize`] is pure: it decides from the caller and the [`Facts`] of the application, which
//! [`facts`] loads for one or many applications with the same few queries. The act endpoint
//! calls [`authorize`] for the posted action; the detail view and every list row call
//! [`allowed_actions`], which is [`authorize`] over every action — so what a button offers and
//! what the endpoint accepts cannot drift apart.
//!
//! Order of checks (each refusal changes nothing): posted by people (403) → module (403) →
//! actor identity (403) → transition (409 `invalid_transition`).

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use shared::{
    publicity::PublicityStatus,
    workflow::{self, Action, Actor as WfActor, Ctx, LastMove, Refusal, Stage},
    AccountKind, ErrorCode, Locale, UnitKind,
};

use super::{
    access::{self, AppAccess, ReviewerScope},
    events::{self, EventRow},
};
use crate::{
    auth::AuthUser,
    db::{
        schema::{publicity_batches, publicity_items, units},
        DbConnection,
    },
    error::ApiError,
};

/// What the authoriser needs to know about one application beyond its row.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The stored stage.
    pub stage: Stage,
    /// The facts `transition` needs, as seen by the caller.
    pub ctx: Ctx,
    /// The unit holding the application is an HRSS (it may terminate in `superior_review`).
    pub holder_is_hrss: bool,
    /// The caller is a policy-review account whose scope covers the application.
    pub in_reviewer_scope: bool,
    /// The account that recorded the initial check (初审) of the current policy-review round.
    pub initial_reviewer_id: Option<i64>,
    /// The four-eyes rule of `workflow_policy` is on (issue 9 point 7).
    pub four_eyes: bool,
    /// The caller's unit is an HRSS above the organising unit of the application's committee:
    /// it may revoke a passed title (职称撤销, issue 9 point 10).
    pub caller_revokes: bool,
}

/// The refusal of a transition as the API answers it.
pub fn refusal(r: Refusal) -> ApiError {
    let code = match r {
        Refusal::Final | Refusal::WrongStage | Refusal::SystemOnly | Refusal::NotWithdrawable => {
            ErrorCode::InvalidTransition
        }
        Refusal::InitialReviewMissing => ErrorCode::InitialReviewMissing,
        Refusal::InitialReviewRecorded => ErrorCode::InitialReviewRecorded,
    };
    ApiError::with_text(code, r.message(Locale::ZhCn), r.message(Locale::En))
}

fn forbidden(zh: &str, en: &str) -> ApiError {
    ApiError::with_text(ErrorCode::Forbidden, zh, en)
}

fn is_unit_side(user: &AuthUser) -> bool {
    match user.kind {
        AccountKind::Unit | AccountKind::UnitAdmin | AccountKind::Handler => true,
        AccountKind::Applicant
        | AccountKind::Expert
        | AccountKind::PolicyReviewer
        | AccountKind::SystemAdmin
        | AccountKind::SecurityAdmin
        | AccountKind::Auditor => false,
    }
}

/// Whether `user` may post `action` on `app` now. Pure: every fact comes in `facts`.
pub fn authorize(
    user: &AuthUser,
    app: &AppAccess,
    facts: &Facts,
    action: Action,
) -> Result<(), ApiError> {
    let stage = facts.stage;
    if !action.is_posted() {
        return Err(forbidden(
            "该操作由系统在公示完成、举报处理或评审结束时执行",
            "The system performs this action",
        ));
    }
    let module_stage = match (action, facts.ctx.last_move) {
        (Action::Withdraw, Some(last)) => last.from,
        _ => stage,
    };
    let module = action.module_in(module_stage);
    if !module.is_some_and(|m| user.modules.contains(&m)) {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    let ok = match action.actor() {
        WfActor::Applicant => user.kind == AccountKind::Applicant && app.applicant_id == user.id,
        WfActor::Employer => is_unit_side(user) && user.unit_id == app.employer_id,
        WfActor::Holder | WfActor::CommitteeUnit => {
            is_unit_side(user) && user.unit_id == app.holder_unit_id
        }
        WfActor::TerminatingUnit => {
            is_unit_side(user)
                && user.unit_id == app.holder_unit_id
                && (stage == Stage::MaterialReceipt || facts.holder_is_hrss)
        }
        WfActor::PolicyReviewer => {
            user.kind == AccountKind::PolicyReviewer && facts.in_reviewer_scope
        }
        // `transition` checks that the last move is the caller's.
        WfActor::LastMover => true,
        WfActor::RevokingHrss => is_unit_side(user) && facts.caller_revokes,
        WfActor::System => false,
    };
    if !ok {
        return Err(forbidden(
            "该申报当前不由您处理",
            "This application is not yours to act on now",
        ));
    }
    workflow::transition(stage, action, &facts.ctx).map_err(refusal)?;
    // Four eyes (manual §6.2.6, §6.2.9): the recheck is another account's than the initial
    // check of the same round, while the rule is on.
    if matches!(
        action,
        Action::PolicyRecheckPass | Action::PolicyRecheckFail
    ) && facts.four_eyes
        && facts.initial_reviewer_id == Some(user.id)
    {
        return Err(ApiError::new(ErrorCode::FourEyesRequired));
    }
    Ok(())
}

/// The actions `user` may post now: [`authorize`] over every action, in display order.
pub fn allowed_actions(user: &AuthUser, app: &AppAccess, facts: &Facts) -> Vec<Action> {
    Action::ALL
        .iter()
        .copied()
        .filter(|&a| authorize(user, app, facts, a).is_ok())
        .collect()
}

/// The facts of one application (see [`facts`]).
pub fn facts_of(
    conn: &mut DbConnection,
    user: &AuthUser,
    app: &AppAccess,
) -> Result<Facts, ApiError> {
    facts(conn, user, std::slice::from_ref(app))?
        .pop()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("no facts for application {}", app.id)))
}

/// The facts of many applications, in their order, with a fixed number of queries (the
/// events of the applications in force, the published publicity items, the holders' kinds and
/// the caller's reviewer scope).
pub fn facts(
    conn: &mut DbConnection,
    user: &AuthUser,
    apps: &[AppAccess],
) -> Result<Vec<Facts>, ApiError> {
    if apps.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = apps.iter().map(|a| a.id).collect();
    // Every event in force, newest first (withdrawn ones and withdraws themselves excluded).
    let events = events::in_force_of(conn, &ids)?;
    let mut by_app: HashMap<i64, Vec<&EventRow>> = HashMap::new();
    for e in &events {
        by_app.entry(e.application_id).or_default().push(e);
    }
    let published: HashSet<i64> = publicity_items::table
        .inner_join(publicity_batches::table)
        .filter(publicity_items::application_id.eq_any(&ids))
        .filter(publicity_batches::status.ne(PublicityStatus::Draft))
        .select(publicity_items::application_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    let mut holders: Vec<i64> = apps.iter().map(|a| a.holder_unit_id).collect();
    holders.sort_unstable();
    holders.dedup();
    let hrss: HashSet<i64> = units::table
        .filter(units::id.eq_any(&holders))
        .filter(units::kind.eq(UnitKind::Hrss))
        .select(units::id)
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    let scope: Option<ReviewerScope> = access::reviewer_scope(conn, user)?;
    let four_eyes = super::review::workflow_policy(conn)?.four_eyes_policy_review;
    let revoking_committees = revoking_committees(conn, user, apps)?;
    apps.iter()
        .map(|app| {
            let stage = app.stage;
            let events = by_app.get(&app.id).map(Vec::as_slice).unwrap_or(&[]);
            Ok(Facts {
                stage,
                ctx: context(user, app, stage, events, published.contains(&app.id))?,
                holder_is_hrss: hrss.contains(&app.holder_unit_id),
                in_reviewer_scope: scope.as_ref().is_some_and(|s| s.covers(app)),
                initial_reviewer_id: initial_reviewer(stage, events),
                four_eyes,
                caller_revokes: app
                    .committee_id
                    .is_some_and(|c| revoking_committees.contains(&c)),
            })
        })
        .collect()
}

/// The committees (of `apps`) whose organising unit lies strictly below the
/// caller's unit, when that unit is an HRSS: the HRSS above may revoke their titles.
fn revoking_committees(
    conn: &mut DbConnection,
    user: &AuthUser,
    apps: &[AppAccess],
) -> Result<HashSet<i64>, ApiError> {
    let mut ids: Vec<i64> = apps.iter().filter_map(|a| a.committee_id).collect();
    if ids.is_empty() || !is_unit_side(user) || unit_kind(conn, user.unit_id)? != UnitKind::Hrss {
        return Ok(HashSet::new());
    }
    ids.sort_unstable();
    ids.dedup();
    let (lo, hi) = crate::org::jurisdiction::range(user);
    Ok(crate::db::schema::committees::table
        .inner_join(units::table)
        .filter(crate::db::schema::committees::id.eq_any(&ids))
        .filter(units::path.ge(&lo))
        .filter(units::path.lt(&hi))
        .filter(units::id.ne(user.unit_id))
        .select(crate::db::schema::committees::id)
        .load::<i64>(conn)?
        .into_iter()
        .collect())
}

/// The account that recorded the initial check of the current policy-review round, from the
/// events in force (newest first).
fn initial_reviewer(stage: Stage, events: &[&EventRow]) -> Option<i64> {
    if stage != Stage::PolicyReview {
        return None;
    }
    for e in events {
        if e.action == Action::PolicyInitial {
            return e.actor_id;
        }
        if e.to_stage == Stage::PolicyReview && e.from_stage != Stage::PolicyReview {
            return None;
        }
    }
    None
}

/// How the application arrived at its current holder from below (recommendation or a
/// superior's approval), for the "one hop back" of `superior_reject` and `receive_reject`.
/// `events` are the application's events in force, newest first.
pub fn arrival<'a>(app: &AppAccess, events: &[&'a EventRow]) -> Option<&'a EventRow> {
    events.iter().copied().find(|e| {
        e.to_stage == app.stage
            && e.to_holder_id == app.holder_unit_id
            && matches!(e.action, Action::Recommend | Action::SuperiorApprove)
    })
}

/// The facts `transition` needs, from the application's events in force (newest first).
fn context(
    user: &AuthUser,
    app: &AppAccess,
    stage: Stage,
    events: &[&EventRow],
    in_published_batch: bool,
) -> Result<Ctx, ApiError> {
    let mut ctx = Ctx {
        resubmission: app.resubmission,
        passed: app.review_passed.unwrap_or(false),
        ..Ctx::default()
    };
    if matches!(stage, Stage::SuperiorReview | Stage::MaterialReceipt) {
        if let Some(arrived) = arrival(app, events) {
            ctx.previous_is_employer = arrived.from_stage == Stage::UnitRecommendation;
        }
    }
    if stage == Stage::PolicyReview {
        // This round of policy review starts with the last move into it from another stage.
        for e in events {
            if e.action == Action::PolicyInitial {
                ctx.initial_review = true;
                break;
            }
            if e.to_stage == Stage::PolicyReview && e.from_stage != Stage::PolicyReview {
                break;
            }
        }
    }
    if let Some(last) = events.first() {
        let current = last.to_stage == app.stage && last.to_holder_id == app.holder_unit_id;
        let publicity_locked = stage.is_publicity() && in_published_batch;
        if current && !publicity_locked {
            let by_caller = match user.kind {
                AccountKind::Applicant => last.actor_id == Some(user.id),
                _ => last.actor_unit_id == Some(user.unit_id) && last.actor_id.is_some(),
            };
            ctx.last_move = Some(LastMove {
                action: last.action,
                from: last.from_stage,
                by_caller,
            });
        }
    }
    Ok(ctx)
}

/// The kind of a unit.
pub fn unit_kind(conn: &mut DbConnection, id: i64) -> Result<UnitKind, ApiError> {
    Ok(units::table.find(id).select(units::kind).first(conn)?)
}
