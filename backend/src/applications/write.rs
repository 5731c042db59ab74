//! The write of one action: the move it makes (holder, committee, fields) and its commit —
//! the update conditional on the version read, the timeline event and the audit row, in the
//! caller's transaction. Who may post it is decided before, by [`super::permission`].
//!
//! Order of checks (each refusal changes nothing): visible (404) → the authoriser (403, 409
//! `invalid_transition`) → version (409 `version_conflict`) → action fields (422). The update
//! itself is conditional on the version read (`WHERE version = ?`), so of two concurrent
//! identical actions exactly one commits.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;
use shared::{
    application::{ActionFields, ActionRequest},
    attachments::AttachmentSection,
    publicity::PublicityStatus,
    workflow::{self, Action, Ctx, Refusal, Stage},
    AccountKind, ErrorCode, UnitKind,
};

use super::{
    access,
    events::{self, Detail},
    permission::{self, refusal},
    rows::AppRow,
};
use crate::{
    audit::{self, Actor, Event},
    auth::AuthUser,
    committees::authority,
    db::{
        schema::{
            application_events, applications, attachments, publicity_batches, publicity_items,
            units,
        },
        DbConnection,
    },
    error::ApiError,
};

/// Longest opinion accepted.
pub const MAX_OPINION: usize = 1000;

fn unit_parent(conn: &mut DbConnection, id: i64) -> Result<Option<i64>, ApiError> {
    Ok(units::table
        .find(id)
        .select(units::parent_id)
        .first::<Option<i64>>(conn)?)
}

/// Trims an opinion, requires it when the action does, bounds its length.
pub fn clean_opinion(action: Action, opinion: Option<&str>) -> Result<Option<String>, ApiError> {
    let opinion = opinion.map(str::trim).filter(|o| !o.is_empty());
    if action.requires_opinion() && opinion.is_none() {
        return Err(ApiError::validation(
            "opinion",
            "此操作必须填写意见",
            "is required for this action",
        ));
    }
    if opinion.is_some_and(|o| o.chars().count() > MAX_OPINION) {
        return Err(ApiError::validation(
            "opinion",
            "不能超过 1000 个字符",
            "must have at most 1000 characters",
        ));
    }
    Ok(opinion.map(str::to_owned))
}

/// The change one action makes.
struct Move {
    action: Action,
    to: Stage,
    holder: i64,
    committee_id: Option<i64>,
    resubmission: bool,
    return_opinion: Option<String>,
    review_passed: Option<bool>,
    opinion: Option<String>,
    detail: Detail,
    /// The event a withdraw undoes.
    undo_event: Option<i64>,
}

/// Applies a person's action (`POST /applications/{id}/actions`). Returns the updated row.
pub fn apply(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
    req: &ActionRequest,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<AppRow, ApiError> {
    // One read: every decision below is taken on this row, and the update only lands if the
    // row still has this version (a concurrent action that committed meanwhile makes it miss).
    let row = applications::table
        .find(id)
        .select(AppRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let app = row.access();
    if !access::sees(conn, user, &app)? {
        return Err(ApiError::new(ErrorCode::NotFound));
    }
    let facts = permission::facts_of(conn, user, &app)?;
    permission::authorize(user, &app, &facts, req.action)?;
    if req.version != row.version {
        return Err(ApiError::new(ErrorCode::VersionConflict));
    }
    let opinion = clean_opinion(req.action, req.opinion.as_deref())?;
    let mut ctx = facts.ctx;
    let mv = plan(
        conn,
        &row,
        facts.stage,
        req.action,
        &req.fields,
        &mut ctx,
        opinion,
        user.unit_id,
        now,
    )?;
    commit(
        conn,
        &row,
        facts.stage,
        mv,
        actor,
        Some(&user.display_name),
        now,
    )?;
    if req.action == Action::Revoke {
        // 职称撤销 revokes the certificate issued for it, in the same transaction.
        crate::certificates::entry::revoke_for_application(
            conn,
            id,
            req.opinion.as_deref().map(str::trim),
            actor,
            now,
        )?;
    }
    if user.kind == AccountKind::PolicyReviewer {
        // Its first review freezes the account's scope (manual §6.2.6).
        crate::committees::reviewers::mark_used(conn, user.id, now)?;
    }
    AppRow::load(conn, id)
}

/// Applies a system move (a publicity batch completes, a report is upheld, a session is
/// tallied) inside the caller's transaction. The caller has checked its own permission.
pub fn apply_system(
    conn: &mut DbConnection,
    application_id: i64,
    action: Action,
    actor: &Actor,
    opinion: Option<&str>,
    now: NaiveDateTime,
) -> Result<Stage, ApiError> {
    let row = AppRow::load(conn, application_id)?;
    let stage = row.stage;
    let opinion = clean_opinion(action, opinion)?;
    let ctx = Ctx {
        resubmission: row.resubmission,
        passed: row.review_passed.unwrap_or(false),
        ..Ctx::default()
    };
    let to = workflow::transition(stage, action, &ctx).map_err(refusal)?;
    let mv = system_move(&row, action, to, opinion);
    // The timeline names the account that completed the batch by its display name.
    let display: Option<String> = match actor.id {
        Some(id) => crate::db::schema::accounts::table
            .find(id)
            .select(crate::db::schema::accounts::display_name)
            .first(conn)
            .optional()?,
        None => actor.name.clone(),
    };
    commit(conn, &row, stage, mv, actor, display.as_deref(), now)?;
    Ok(to)
}

/// Moves every tallied application of a session at once (统票): passed → `result_publicity`,
/// not passed → `failed`. The same move as one action, written in bulk: the rows read in one
/// query, one conditional update per outcome (each row must still be in online review, else
/// nothing is written: `version_conflict`), the timeline events in multi-row inserts and the
/// audit rows through one chain append. The caller's transaction holds it all.
pub fn apply_tally_all(
    conn: &mut DbConnection,
    outcomes: &[(i64, bool)],
    actor: &Actor,
    display_name: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let ids: Vec<i64> = outcomes.iter().map(|(id, _)| *id).collect();
    let mut rows: std::collections::HashMap<i64, AppRow> = std::collections::HashMap::new();
    for chunk in ids.chunks(MAX_IDS_PER_QUERY) {
        for row in applications::table
            .filter(applications::id.eq_any(chunk))
            .select(AppRow::as_select())
            .load::<AppRow>(conn)?
        {
            rows.insert(row.id, row);
        }
    }
    let mut moves = Vec::with_capacity(outcomes.len());
    for &(id, passed) in outcomes {
        let row = rows
            .remove(&id)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
        let ctx = Ctx {
            resubmission: row.resubmission,
            passed,
            ..Ctx::default()
        };
        let to = workflow::transition(row.stage, Action::SessionTallied, &ctx).map_err(refusal)?;
        let mut mv = system_move(&row, Action::SessionTallied, to, None);
        mv.review_passed = Some(passed);
        moves.push((row, mv));
    }
    let mut targets: Vec<(Stage, bool)> = moves
        .iter()
        .map(|(_, mv)| (mv.to, mv.review_passed == Some(true)))
        .collect();
    targets.sort_by_key(|(to, passed)| (to.as_str(), *passed));
    targets.dedup();
    for (to, passed) in targets {
        let group: Vec<i64> = moves
            .iter()
            .filter(|(_, mv)| mv.to == to && mv.review_passed == Some(passed))
            .map(|(row, _)| row.id)
            .collect();
        for chunk in group.chunks(MAX_IDS_PER_QUERY) {
            let updated = diesel::update(
                applications::table
                    .filter(applications::id.eq_any(chunk))
                    .filter(applications::stage.eq(Stage::OnlineReview)),
            )
            .set((
                applications::stage.eq(to),
                applications::stage_entered_at.eq(Some(now)),
                applications::review_passed.eq(Some(passed)),
                applications::version.eq(applications::version + 1),
                applications::updated_at.eq(now),
            ))
            .execute(conn)?;
            if updated != chunk.len() {
                return Err(ApiError::new(ErrorCode::VersionConflict));
            }
        }
    }
    let events = moves
        .iter()
        .map(|(row, mv)| event_row(row, row.stage, mv, actor, display_name, now))
        .collect::<Result<Vec<_>, _>>()?;
    for chunk in events.chunks(EVENTS_PER_INSERT) {
        let insert = diesel::insert_into(application_events::table).values(chunk.to_vec());
        crate::on_engine!(&mut *conn, |c| insert.execute(c))?;
    }
    let audits: Vec<Event<'_>> = moves
        .iter()
        .map(|(row, mv)| audit_event(row, row.stage, mv))
        .collect();
    audit::append_many(conn, actor, &audits, now)
}

/// Ids per `IN (…)` list (far below both engines' limits on bound values).
const MAX_IDS_PER_QUERY: usize = 1000;

/// Timeline events per multi-row insert (13 values each).
const EVENTS_PER_INSERT: usize = 500;

fn system_move(row: &AppRow, action: Action, to: Stage, opinion: Option<String>) -> Move {
    let mut mv = Move {
        action,
        to,
        holder: row.holder_unit_id,
        committee_id: row.committee_id,
        resubmission: row.resubmission,
        return_opinion: row.return_opinion.clone(),
        review_passed: row.review_passed,
        opinion: opinion.clone(),
        detail: Detail {
            prev_committee_id: row.committee_id,
            ..Detail::default()
        },
        undo_event: None,
    };
    match action {
        Action::FailurePublicityComplete => {
            // Back to the applicant to supplement; the unit's approval then goes to re-review.
            mv.holder = row.employer_id;
            mv.resubmission = true;
        }
        Action::ReportReturn => {
            // A return before the online review starts the path again, publicity included.
            mv.holder = row.employer_id;
            mv.committee_id = None;
            mv.resubmission = false;
            mv.return_opinion = opinion;
        }
        Action::ReportTerminate => mv.return_opinion = opinion,
        // The upheld report's finding is the reason of the failure.
        Action::ReportFail => {
            mv.review_passed = Some(false);
            mv.return_opinion = opinion;
        }
        // The stage alone changes.
        Action::ApplicationPublicityComplete
        | Action::NomineePublicityComplete
        | Action::SessionTallied
        | Action::ResultPublicityComplete => {}
        // Posted by people: `apply_system` is called with system actions only.
        Action::Submit
        | Action::UnitApprove
        | Action::UnitReject
        | Action::Recommend
        | Action::ReturnToVerification
        | Action::SuperiorApprove
        | Action::SuperiorReject
        | Action::Terminate
        | Action::ReceiveAccept
        | Action::ReceiveReject
        | Action::PolicyInitial
        | Action::PolicyRecheckPass
        | Action::PolicyRecheckFail
        | Action::SubmitSupplement
        | Action::RereviewPass
        | Action::RereviewFail
        | Action::Void
        | Action::Withdraw
        | Action::Revoke => {}
    }
    mv
}

/// Decides the move of a person's action: the transition plus holder, committee and fields.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site; every piece is distinct"
)]
fn plan(
    conn: &mut DbConnection,
    row: &AppRow,
    stage: Stage,
    action: Action,
    fields: &ActionFields,
    ctx: &mut Ctx,
    opinion: Option<String>,
    caller_unit: i64,
    now: NaiveDateTime,
) -> Result<Move, ApiError> {
    let (series, level) = (row.series, row.level);
    let today = crate::calendar::today(now);
    let mut mv = Move {
        action,
        to: stage,
        holder: row.holder_unit_id,
        committee_id: row.committee_id,
        resubmission: row.resubmission,
        return_opinion: row.return_opinion.clone(),
        review_passed: row.review_passed,
        opinion: opinion.clone(),
        detail: Detail {
            prev_committee_id: row.committee_id,
            ..Detail::default()
        },
        undo_event: None,
    };
    let no_committee = |field_used: bool| {
        if field_used {
            Err(ApiError::validation(
                "committee_id",
                "此操作不能指定评委会",
                "is not accepted by this action",
            ))
        } else {
            Ok(())
        }
    };
    match action {
        Action::Submit | Action::SubmitSupplement => {
            no_committee(fields.committee_id.is_some())?;
            super::validate::require_complete(conn, row)?;
            if action == Action::Submit {
                crate::attachments::categories::require_present(conn, row.id, series)?;
            }
            super::access::record_submission(conn, row.id, action, now)?;
            crate::publicity::deadlines::require_supplement_open(conn, row.id, action, now)?;
            // What verification compares the next submission with (manual §6.2.1).
            super::review::record_snapshot(conn, row, now)?;
            mv.holder = row.employer_id;
            mv.return_opinion = None;
        }
        // A resubmission goes straight to the committee's re-review.
        Action::UnitApprove if row.resubmission => {
            let committee = row.committee_id.ok_or_else(|| {
                ApiError::internal(anyhow::anyhow!("resubmission {} has no committee", row.id))
            })?;
            mv.holder = committee_unit(conn, committee)?;
        }
        Action::UnitReject | Action::ReturnToVerification => {
            mv.holder = row.employer_id;
            if action == Action::UnitReject {
                mv.return_opinion = opinion;
            }
        }
        Action::Recommend => {
            let handler_name = required_text(&fields.handler_name, "handler_name", 50)?;
            let handler_phone = required_text(&fields.handler_phone, "handler_phone", 30)?;
            let proofs = fields.proof_attachment_ids.clone().unwrap_or_default();
            check_unit_proofs(
                conn,
                row.employer_id,
                AttachmentSection::RecommendationProof,
                &proofs,
            )?;
            mv.detail.handler_name = Some(handler_name);
            mv.detail.handler_phone = Some(handler_phone);
            mv.detail.proof_attachment_ids = proofs;
            if let Some(committee_id) = fields.committee_id {
                // Self-review authority (自主评审): the employer's own committee.
                let committee = authority::require_authority(
                    conn,
                    committee_id,
                    series,
                    level,
                    &row.specialty,
                    today,
                )?;
                if committee.unit_id != row.employer_id {
                    return Err(ApiError::validation(
                        "committee_id",
                        "只能分配给本单位的评委会",
                        "must be a committee of the employer itself",
                    ));
                }
                ctx.own_committee = true;
                mv.holder = committee.unit_id;
                mv.committee_id = Some(committee.id);
                mv.detail.committee_id = Some(committee.id);
            } else {
                mv.holder = unit_parent(conn, row.employer_id)?.ok_or_else(|| {
                    ApiError::with_text(
                        ErrorCode::InvalidTransition,
                        "本单位没有上级单位，无法推荐上报",
                        "The unit has no superior to recommend to",
                    )
                })?;
            }
        }
        Action::SuperiorApprove => {
            let holder_kind = permission::unit_kind(conn, row.holder_unit_id)?;
            match (fields.committee_id, holder_kind) {
                (Some(committee_id), UnitKind::Hrss) => {
                    let holder_path: String = units::table
                        .find(row.holder_unit_id)
                        .select(units::path)
                        .first(conn)?;
                    let committee = authority::require_authority(
                        conn,
                        committee_id,
                        series,
                        level,
                        &row.specialty,
                        today,
                    )?;
                    let offered = authority::assignable_committees(
                        conn,
                        &holder_path,
                        series,
                        level,
                        &row.specialty,
                        today,
                    )?;
                    if !offered.iter().any(|c| c.id == committee.id) {
                        return Err(ApiError::new(ErrorCode::NoReviewAuthority));
                    }
                    ctx.assign_committee = true;
                    mv.holder = committee.unit_id;
                    mv.committee_id = Some(committee.id);
                    mv.detail.committee_id = Some(committee.id);
                }
                (Some(_), _) => {
                    return Err(ApiError::validation(
                        "committee_id",
                        "只有人社机构可以分配评委会",
                        "only an HRSS assigns a committee",
                    ))
                }
                (None, kind) => {
                    // The rule `GET /applications/forward-target` tells before acting.
                    let parent = super::route::forward_unit(conn, row.holder_unit_id)?;
                    match parent {
                        Some(parent) => mv.holder = parent,
                        None => {
                            return Err(ApiError::validation(
                                "committee_id",
                                if kind == UnitKind::Hrss {
                                    "省级人社机构须分配评委会"
                                } else {
                                    "没有上级单位，须分配评委会"
                                },
                                "is required: there is no superior to forward to",
                            ))
                        }
                    }
                }
            }
        }
        Action::SuperiorReject | Action::ReceiveReject => {
            let in_force = events::in_force(conn, row.id)?;
            let in_force: Vec<&events::EventRow> = in_force.iter().collect();
            let arrived = permission::arrival(&row.access(), &in_force).ok_or_else(|| {
                ApiError::internal(anyhow::anyhow!("application {} has no arrival", row.id))
            })?;
            ctx.previous_is_employer = arrived.from_stage == Stage::UnitRecommendation;
            mv.holder = arrived.from_holder_id;
            if action == Action::ReceiveReject {
                mv.committee_id = None;
            }
        }
        Action::Terminate | Action::RereviewFail => {
            mv.return_opinion = opinion;
        }
        Action::PolicyInitial => {
            let pass = fields.pass.ok_or_else(|| {
                ApiError::validation("pass", "请选择初审结果", "is required (true or false)")
            })?;
            mv.detail.pass = Some(pass);
        }
        Action::PolicyRecheckFail => {
            // The reasons the applicant reads when the failure publicity completes.
            mv.return_opinion = opinion;
        }
        Action::Withdraw => {
            let last = events::in_force(conn, row.id)?
                .into_iter()
                .next()
                .ok_or_else(|| refusal(Refusal::NotWithdrawable))?;
            mv.holder = last.from_holder_id;
            mv.committee_id = last.detail().prev_committee_id;
            mv.undo_event = Some(last.id);
            mv.detail.withdrew_event = Some(last.id);
            if last.action == Action::PolicyRecheckFail {
                mv.return_opinion = None;
            }
            // Out of a draft publicity batch it was put in.
            diesel::delete(
                publicity_items::table
                    .filter(publicity_items::application_id.eq(row.id))
                    .filter(
                        publicity_items::batch_id.eq_any(
                            publicity_batches::table
                                .filter(publicity_batches::status.eq(PublicityStatus::Draft))
                                .select(publicity_batches::id),
                        ),
                    ),
            )
            .execute(conn)?;
        }
        Action::Revoke => {
            // 职称撤销 (manual §6.2): the HRSS's proofs of the verified violation. When
            // certificates exist, the certificate is marked revoked here too.
            let proofs = fields.proof_attachment_ids.clone().unwrap_or_default();
            if proofs.is_empty() {
                return Err(ApiError::validation(
                    "proof_attachment_ids",
                    "请上传撤销证明材料",
                    "at least one revocation proof is required",
                ));
            }
            check_unit_proofs(
                conn,
                caller_unit,
                AttachmentSection::RevocationProof,
                &proofs,
            )?;
            mv.detail.proof_attachment_ids = proofs;
        }
        // The stage alone changes (a first approval stays with the employer for its publicity).
        Action::UnitApprove
        | Action::Void
        | Action::ReceiveAccept
        | Action::PolicyRecheckPass
        | Action::RereviewPass => {}
        // Refused by the authoriser: nobody posts them.
        Action::ApplicationPublicityComplete
        | Action::FailurePublicityComplete
        | Action::NomineePublicityComplete
        | Action::SessionTallied
        | Action::ResultPublicityComplete
        | Action::ReportReturn
        | Action::ReportTerminate
        | Action::ReportFail => return Err(refusal(Refusal::SystemOnly)),
    }
    if action != Action::Recommend && action != Action::SuperiorApprove {
        no_committee(fields.committee_id.is_some())?;
    }
    if action != Action::PolicyInitial && fields.pass.is_some() {
        return Err(ApiError::validation(
            "pass",
            "此操作不接受该字段",
            "is not accepted by this action",
        ));
    }
    mv.to = workflow::transition(stage, action, ctx).map_err(refusal)?;
    Ok(mv)
}

fn committee_unit(conn: &mut DbConnection, committee_id: i64) -> Result<i64, ApiError> {
    use crate::db::schema::committees;
    Ok(committees::table
        .find(committee_id)
        .select(committees::unit_id)
        .first(conn)?)
}

fn required_text(value: &Option<String>, field: &str, max: usize) -> Result<String, ApiError> {
    let v = value.as_deref().map(str::trim).unwrap_or("");
    if v.is_empty() {
        return Err(ApiError::validation(field, "不能为空", "is required"));
    }
    if v.chars().count() > max {
        return Err(ApiError::validation(
            field,
            &format!("不能超过 {max} 个字符"),
            &format!("must have at most {max} characters"),
        ));
    }
    Ok(v.to_owned())
}

/// Proofs must be the acting unit's own proofs of the section (recommendation proofs of the
/// employer, revocation proofs of the revoking HRSS).
fn check_unit_proofs(
    conn: &mut DbConnection,
    unit_id: i64,
    section: AttachmentSection,
    ids: &[i64],
) -> Result<(), ApiError> {
    if ids.is_empty() {
        return Ok(());
    }
    let found: i64 = attachments::table
        .filter(attachments::id.eq_any(ids))
        .filter(attachments::unit_id.eq(unit_id))
        .filter(attachments::section.eq(section.as_str()))
        .count()
        .get_result(conn)?;
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    if found != unique.len() as i64 {
        return Err(ApiError::validation(
            "proof_attachment_ids",
            "证明材料不存在或不属于本单位",
            "must be this unit's proofs",
        ));
    }
    Ok(())
}

/// Writes the move: the conditional update, the timeline event and the audit row. The timeline
/// names the actor by display name (an applicant's username is the ID number: never shown).
fn commit(
    conn: &mut DbConnection,
    row: &AppRow,
    from: Stage,
    mv: Move,
    actor: &Actor,
    display_name: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let updated = diesel::update(
        applications::table
            .find(row.id)
            .filter(applications::version.eq(row.version)),
    )
    .set((
        applications::stage.eq(mv.to),
        applications::stage_entered_at.eq(if mv.to == row.stage {
            row.stage_entered_at
        } else {
            Some(now)
        }),
        applications::holder_unit_id.eq(mv.holder),
        applications::committee_id.eq(mv.committee_id),
        applications::resubmission.eq(mv.resubmission),
        applications::return_opinion.eq(&mv.return_opinion),
        applications::review_passed.eq(mv.review_passed),
        applications::version.eq(row.version + 1),
        applications::updated_at.eq(now),
    ))
    .execute(conn)?;
    if updated != 1 {
        return Err(ApiError::new(ErrorCode::VersionConflict));
    }
    if let Some(undo) = mv.undo_event {
        diesel::update(application_events::table.find(undo))
            .set(application_events::withdrawn.eq(true))
            .execute(conn)?;
    }
    diesel::insert_into(application_events::table)
        .values(event_row(row, from, &mv, actor, display_name, now)?)
        .execute(conn)?;
    audit::append(conn, actor, &audit_event(row, from, &mv), now)?;
    crate::notices::write(conn, &move_notices(row, from, &mv), now)?;
    Ok(())
}

/// The notices of one move: the unit whose queue it arrives in (when it changes hands or
/// stage), the applicant when it comes back to them, the unit it was withdrawn from.
fn move_notices(row: &AppRow, from: Stage, mv: &Move) -> Vec<crate::notices::New> {
    use crate::notices::{New, To};
    use shared::notices::{NoticeKind, NoticeObject, NoticeParams};
    let params = NoticeParams {
        name: Some(row.name.clone()),
        qualification: Some(row.qualification.clone()),
        stage: Some(mv.to),
        opinion: mv.opinion.clone(),
        ..NoticeParams::default()
    };
    let notice = |to, kind| New {
        to,
        kind,
        object: NoticeObject::Application,
        object_id: row.id,
        params: params.clone(),
    };
    let mut out = Vec::new();
    if mv.action == Action::Withdraw {
        if let Some(module) = from.queue_module() {
            out.push(notice(
                To::Unit(row.holder_unit_id, Some(module)),
                NoticeKind::ApplicationWithdrawn,
            ));
        }
        return out;
    }
    if mv.to.is_editable() && !from.is_editable() {
        out.push(notice(
            To::Account(row.applicant_id),
            NoticeKind::ApplicationReturned,
        ));
    }
    let moved = mv.to != from || mv.holder != row.holder_unit_id;
    // Queues worked by units; a policy reviewer's scope is narrower than its unit.
    let unit_queue = !matches!(
        mv.to,
        Stage::PolicyReview | Stage::PolicyRereview | Stage::OnlineReview
    );
    if let Some(module) = mv.to.queue_module().filter(|_| moved && unit_queue) {
        out.push(notice(
            To::Unit(mv.holder, Some(module)),
            NoticeKind::ApplicationArrived,
        ));
    }
    out
}

/// The values of one timeline event.
type EventRow = (
    diesel::dsl::Eq<application_events::application_id, i64>,
    diesel::dsl::Eq<application_events::action, Action>,
    diesel::dsl::Eq<application_events::from_stage, Stage>,
    diesel::dsl::Eq<application_events::to_stage, Stage>,
    diesel::dsl::Eq<application_events::from_holder_id, i64>,
    diesel::dsl::Eq<application_events::to_holder_id, i64>,
    diesel::dsl::Eq<application_events::actor_id, Option<i64>>,
    diesel::dsl::Eq<application_events::actor_name, String>,
    diesel::dsl::Eq<application_events::actor_unit_id, Option<i64>>,
    diesel::dsl::Eq<application_events::opinion, Option<String>>,
    diesel::dsl::Eq<application_events::detail, Option<String>>,
    diesel::dsl::Eq<application_events::withdrawn, bool>,
    diesel::dsl::Eq<application_events::created_at, NaiveDateTime>,
);

/// The timeline event of a move (the applicant reads it; the actor by display name).
fn event_row(
    row: &AppRow,
    from: Stage,
    mv: &Move,
    actor: &Actor,
    display_name: Option<&str>,
    now: NaiveDateTime,
) -> Result<EventRow, ApiError> {
    let detail = serde_json::to_string(&mv.detail).map_err(ApiError::internal)?;
    Ok((
        application_events::application_id.eq(row.id),
        application_events::action.eq(mv.action),
        application_events::from_stage.eq(from),
        application_events::to_stage.eq(mv.to),
        application_events::from_holder_id.eq(row.holder_unit_id),
        application_events::to_holder_id.eq(mv.holder),
        application_events::actor_id.eq(actor.id),
        application_events::actor_name.eq(display_name.unwrap_or("系统").to_owned()),
        application_events::actor_unit_id.eq(actor.unit_id),
        application_events::opinion.eq(mv.opinion.clone()),
        application_events::detail.eq(Some(detail)),
        application_events::withdrawn.eq(false),
        application_events::created_at.eq(now),
    ))
}

/// The audit row of a move.
fn audit_event(row: &AppRow, from: Stage, mv: &Move) -> Event<'static> {
    Event {
        action: "application.action",
        target_type: "application",
        target_id: Some(row.id.to_string()),
        success: true,
        before: Some(json!({
            "stage": from.as_str(),
            "holder_unit_id": row.holder_unit_id,
            "committee_id": row.committee_id,
            "version": row.version,
        })),
        after: Some(json!({
            "action": mv.action.as_str(),
            "stage": mv.to.as_str(),
            "holder_unit_id": mv.holder,
            "committee_id": mv.committee_id,
            "version": row.version + 1,
            "opinion": mv.opinion,
        })),
    }
}
