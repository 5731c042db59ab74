//! Creating, editing, publishing and completing a batch. Each function runs inside the
//! caller's write transaction, checks before it writes, and appends its audit row.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::{json, Map};
use shared::{
    application::Series,
    publicity::{
        CompleteBlocked, CreatePublicityBatch, PublicityKind, PublicityStatus, UpdatePublicityBatch,
    },
    Action, ErrorCode, Locale,
};

use super::{
    deadlines::{self, Deadlines, Given},
    require_owned, result_session,
    rules::{self, ItemPlan},
    template::{self, FailureFacts},
    BatchRow, Caller,
};
use crate::{
    applications::write,
    audit::{self, Actor, Event},
    auth::AuthUser,
    calendar,
    db::{
        schema::{applications, publicity_batches, publicity_items},
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    versioned::{self, Change, Kind},
};

fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    action: &str,
    id: i64,
    before: Option<serde_json::Value>,
    after: serde_json::Value,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    audit::append(
        conn,
        actor,
        &Event {
            action,
            target_type: "publicity_batch",
            target_id: Some(id.to_string()),
            success: true,
            before,
            after: Some(after),
        },
        now,
    )
}

/// The stored shape an audit row keeps.
fn snapshot(conn: &mut DbConnection, id: i64) -> Result<serde_json::Value, ApiError> {
    let row = BatchRow::find(conn, id)?;
    let items: Vec<i64> = publicity_items::table
        .filter(publicity_items::batch_id.eq(id))
        .order(publicity_items::application_id.asc())
        .select(publicity_items::application_id)
        .load(conn)?;
    Ok(json!({
        "kind": row.kind,
        "status": row.status,
        "unit_id": row.unit_id,
        "committee_id": row.committee_id,
        "year": row.year,
        "series": row.series,
        "title": row.title,
        "content": row.content,
        "period_start": calendar::format_day(row.period_start),
        "period_end": calendar::format_day(row.period_end),
        "version": row.version,
        "application_ids": items,
        "deadlines": deadlines::load(conn, id)?.map(|d| d.audit_json()),
        "session_id": row.session_id,
    }))
}

/// The committee unit's name and contact phone behind a reviewer's failure batch.
fn committee_unit(conn: &mut DbConnection, caller: &Caller) -> Result<(String, String), ApiError> {
    let Caller::Reviewer(scope) = caller else {
        return Err(ApiError::new(ErrorCode::Forbidden));
    };
    FailureFacts::of_scope(conn, scope)
}

/// The generated failure text for a plan (the template endpoint uses the same facts).
fn failure_text(
    unit: String,
    plan: &ItemPlan,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    d: &Deadlines,
) -> shared::publicity::PublicityTemplate {
    template::failure(&FailureFacts {
        unit,
        year: plan.year,
        series: plan.series.as_deref().and_then(Series::parse),
        levels: plan.levels.clone(),
        period_start: start,
        period_end: end,
        supplement_deadline: d.supplement,
        paper_deadline: d.paper,
        address: Some(d.address.clone()),
        phone: d.phone.clone(),
    })
}

fn given_of_create(req: &CreatePublicityBatch) -> Given<'_> {
    Given {
        supplement: req.supplement_deadline.as_deref(),
        paper: req.paper_deadline.as_deref(),
        address: req.paper_address.as_deref(),
        phone: req.paper_phone.as_deref(),
    }
}

/// Creates a draft; answers its id.
pub fn create(
    conn: &mut DbConnection,
    user: &AuthUser,
    caller: &Caller,
    req: &CreatePublicityBatch,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<i64, ApiError> {
    rules::require_creator(user, caller, req.kind)?;
    let start = calendar::parse_day("period_start", &req.period_start)?;
    let end = calendar::parse_day("period_end", &req.period_end)?;
    rules::check_period(conn, start, end, calendar::today(now))?;
    let given = given_of_create(req);
    deadlines::refuse_for_other_kinds(req.kind, &given)?;
    let requested = match (req.kind, req.session_id) {
        (PublicityKind::Result, Some(session)) => {
            if !req.application_ids.is_empty() {
                return Err(ApiError::validation(
                    "application_ids",
                    "评审结果公示的人员取自所选评审会，不能另行指定",
                    "a result batch takes the applications of its session; do not name them",
                ));
            }
            result_session::plan(conn, user, session)?
        }
        (PublicityKind::Result, None) => {
            return Err(ApiError::validation(
                "session_id",
                "评审结果公示须选择已统票的评审会",
                "a result batch is made from a tallied session",
            ))
        }
        (_, Some(_)) => {
            return Err(ApiError::validation(
                "session_id",
                "只有评审结果公示可选择评审会",
                "only a result batch takes a session",
            ))
        }
        (_, None) => req.application_ids.clone(),
    };
    let plan = rules::check_items(conn, user, caller, req.kind, &requested, None)?;
    let (failure, generated) = if req.kind == PublicityKind::Failure {
        let (unit, phone) = committee_unit(conn, caller)?;
        let d = deadlines::resolve(conn, end, &given, None, (&unit, &phone))?;
        let text = (req.title.is_none() || req.content.is_none())
            .then(|| failure_text(unit, &plan, start, end, &d));
        (Some(d), text)
    } else {
        (None, None)
    };
    let required = |field: &str| ApiError::validation(field, "不能为空", "is required");
    let title = match (&req.title, &generated) {
        (Some(t), _) => rules::check_title(t)?,
        (None, Some(g)) => g.title.clone(),
        (None, None) => return Err(required("title")),
    };
    let content = match (&req.content, &generated) {
        (Some(c), _) => rules::check_content(c)?,
        (None, Some(g)) => g.content.clone(),
        (None, None) => return Err(required("content")),
    };
    let id: i64 = diesel::insert_into(publicity_batches::table)
        .values((
            publicity_batches::kind.eq(req.kind),
            publicity_batches::unit_id.eq(user.unit_id),
            publicity_batches::committee_id.eq(plan.committee_id),
            publicity_batches::year.eq(plan.year),
            publicity_batches::series.eq(&plan.series),
            publicity_batches::title.eq(&title),
            publicity_batches::content.eq(&content),
            publicity_batches::period_start.eq(start),
            publicity_batches::period_end.eq(end),
            publicity_batches::status.eq(PublicityStatus::Draft),
            publicity_batches::created_by.eq(user.id),
            publicity_batches::created_at.eq(now),
            publicity_batches::updated_at.eq(now),
            publicity_batches::version.eq(1_i64),
            publicity_batches::session_id.eq(req.session_id),
        ))
        .returning(publicity_batches::id)
        .get_result(conn)?;
    rules::replace_items(conn, id, &plan.ids)?;
    if let Some(d) = &failure {
        deadlines::store(conn, id, d)?;
    }
    let after = snapshot(conn, id)?;
    record(conn, actor, "publicity.create", id, None, after, now)?;
    Ok(id)
}

fn require_status(row: &BatchRow, want: PublicityStatus) -> Result<(), ApiError> {
    let status = row.status;
    if status == want {
        return Ok(());
    }
    let (zh, en) = match want {
        PublicityStatus::Draft => (
            "只能修改或发布草稿状态的公示批次",
            "only a draft batch can be edited or published",
        ),
        PublicityStatus::Published => (
            "只能完成公示中的批次",
            "only a published batch can be completed",
        ),
        PublicityStatus::Completed => ("公示尚未完成", "the batch has not completed"),
    };
    Err(ApiError::with_text(
        ErrorCode::InvalidTransition,
        format!("{zh}（当前状态：{}）", status.label(Locale::ZhCn)),
        format!("{en} (status: {})", status.as_str()),
    ))
}

fn change<'a>(
    id: i64,
    read_version: i64,
    action: &'a str,
    actor: &'a Actor,
    now: NaiveDateTime,
) -> Change<'a> {
    Change {
        kind: Kind::PublicityBatch,
        id,
        read_version,
        action,
        actor,
        now,
    }
}

/// Edits a draft.
pub fn update(
    conn: &mut DbConnection,
    user: &AuthUser,
    caller: &Caller,
    id: i64,
    req: &UpdatePublicityBatch,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let row = require_owned(conn, user, caller, id)?;
    let change = change(id, req.version, "publicity.update", actor, now);
    change.expect(row.version)?;
    require_status(&row, PublicityStatus::Draft)?;
    let kind = row.kind;
    let title = req.title.as_deref().map(rules::check_title).transpose()?;
    let content = req
        .content
        .as_deref()
        .map(rules::check_content)
        .transpose()?;
    let start = match &req.period_start {
        Some(s) => calendar::parse_day("period_start", s)?,
        None => row.period_start,
    };
    let end = match &req.period_end {
        Some(s) => calendar::parse_day("period_end", s)?,
        None => row.period_end,
    };
    if req.period_start.is_some() || req.period_end.is_some() {
        rules::check_period(conn, start, end, calendar::today(now))?;
    }
    let given = Given {
        supplement: req.supplement_deadline.as_deref(),
        paper: req.paper_deadline.as_deref(),
        address: req.paper_address.as_deref(),
        phone: req.paper_phone.as_deref(),
    };
    deadlines::refuse_for_other_kinds(kind, &given)?;
    let failure = if kind == PublicityKind::Failure {
        let (unit, phone) = committee_unit(conn, caller)?;
        let stored = deadlines::load(conn, id)?;
        Some(deadlines::resolve(
            conn,
            end,
            &given,
            stored.as_ref(),
            (&unit, &phone),
        )?)
    } else {
        None
    };
    if kind == PublicityKind::Result && req.application_ids.is_some() {
        return Err(ApiError::validation(
            "application_ids",
            "评审结果公示的人员取自所选评审会，不能另行修改",
            "a result batch holds the applications of its session; they cannot be replaced",
        ));
    }
    let plan = match &req.application_ids {
        Some(ids) => Some(rules::check_items(conn, user, caller, kind, ids, Some(id))?),
        None => None,
    };
    change.apply(
        conn,
        |conn| snapshot(conn, id),
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                publicity_batches,
                guard,
                (
                    publicity_batches::title.eq(title.unwrap_or(row.title)),
                    publicity_batches::content.eq(content.unwrap_or(row.content)),
                    publicity_batches::period_start.eq(start),
                    publicity_batches::period_end.eq(end),
                    publicity_batches::updated_at.eq(now),
                )
            )?)
        },
        |conn| {
            if let Some(plan) = plan {
                diesel::update(publicity_batches::table.find(id))
                    .set((
                        publicity_batches::year.eq(plan.year),
                        publicity_batches::series.eq(&plan.series),
                        publicity_batches::committee_id.eq(plan.committee_id),
                    ))
                    .execute(conn)?;
                rules::replace_items(conn, id, &plan.ids)?;
            }
            if let Some(d) = &failure {
                deadlines::store(conn, id, d)?;
            }
            Ok(Map::new())
        },
    )?;
    Ok(())
}

fn item_ids(conn: &mut DbConnection, id: i64) -> Result<Vec<i64>, ApiError> {
    Ok(publicity_items::table
        .filter(publicity_items::batch_id.eq(id))
        .order(publicity_items::application_id.asc())
        .select(publicity_items::application_id)
        .load(conn)?)
}

/// Publishes a draft whose period has not ended.
pub fn publish(
    conn: &mut DbConnection,
    user: &AuthUser,
    caller: &Caller,
    id: i64,
    version: i64,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let row = require_owned(conn, user, caller, id)?;
    let change = change(id, version, "publicity.publish", actor, now);
    change.expect(row.version)?;
    require_status(&row, PublicityStatus::Draft)?;
    let today = calendar::today(now);
    if row.period_end < today {
        return Err(ApiError::validation(
            "period_end",
            &format!("公示期已于 {} 结束，请修改公示期后再发布", row.period_end),
            &format!(
                "the period ended on {}; change it before publishing",
                row.period_end
            ),
        ));
    }
    let stage = row.kind.stage().as_str();
    let ids = item_ids(conn, id)?;
    let moved: Vec<i64> = applications::table
        .filter(applications::id.eq_any(&ids))
        .filter(applications::stage.ne(stage))
        .select(applications::id)
        .load(conn)?;
    if !moved.is_empty() || ids.is_empty() {
        let list = moved
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        return Err(ApiError::with_text(
            ErrorCode::InvalidTransition,
            format!("批次中没有申报，或以下申报已不在公示环节：{list}"),
            format!("the batch is empty or these applications left the publicity stage: {list}"),
        ));
    }
    change.apply(
        conn,
        |conn| snapshot(conn, id),
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                publicity_batches,
                guard,
                (
                    publicity_batches::status.eq(PublicityStatus::Published),
                    publicity_batches::published_at.eq(now),
                    publicity_batches::updated_at.eq(now),
                )
            )?)
        },
        versioned::no_effects,
    )?;
    Ok(())
}

/// The system action that completes a kind's publicity.
pub fn completing_action(kind: PublicityKind) -> Action {
    match kind {
        PublicityKind::Application => Action::ApplicationPublicityComplete,
        PublicityKind::Nominee => Action::NomineePublicityComplete,
        PublicityKind::Failure => Action::FailurePublicityComplete,
        PublicityKind::Result => Action::ResultPublicityComplete,
    }
}

/// Why a published batch ending on `period_end`, with `open` reports, cannot be completed on
/// `today` (China date); `None` when it can: the period must have fully elapsed and every
/// report be resolved. The batch answers it (`complete_blocked`) and [`complete`] refuses by it.
pub fn complete_blocked(
    period_end: NaiveDate,
    today: NaiveDate,
    open: i64,
) -> Option<CompleteBlocked> {
    if today <= period_end {
        Some(CompleteBlocked::PeriodRunning {
            from: calendar::format_day(period_end + chrono::Duration::days(1)),
        })
    } else if open > 0 {
        Some(CompleteBlocked::OpenReports { count: open })
    } else {
        None
    }
}

/// The 409 `publicity_not_finished` of a refused completion.
fn not_finished(blocked: &CompleteBlocked, period_end: NaiveDate) -> ApiError {
    match blocked {
        CompleteBlocked::PeriodRunning { from } => ApiError::with_text(
            ErrorCode::PublicityNotFinished,
            format!("公示期至 {period_end} 结束，期满后（{from} 起）方可完成公示"),
            format!("The period runs until {period_end}; the batch can be completed from {from}"),
        ),
        CompleteBlocked::OpenReports { count } => ApiError::with_text(
            ErrorCode::PublicityNotFinished,
            format!("尚有 {count} 条举报未处理，处理后方可完成公示"),
            format!("{count} report(s) are still open; resolve them first"),
        ),
    }
}

/// Completes a published batch whose period has fully elapsed and whose reports are all
/// resolved, moving every application on in the same transaction.
pub fn complete(
    conn: &mut DbConnection,
    user: &AuthUser,
    caller: &Caller,
    id: i64,
    version: i64,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let row = require_owned(conn, user, caller, id)?;
    let change = change(id, version, "publicity.complete", actor, now);
    change.expect(row.version)?;
    require_status(&row, PublicityStatus::Published)?;
    let open = super::open_reports(conn, id)?;
    if let Some(blocked) = complete_blocked(row.period_end, calendar::today(now), open) {
        return Err(not_finished(&blocked, row.period_end));
    }
    let action = completing_action(row.kind);
    // A failure publicity's completion carries its deadlines onto each timeline.
    let note = deadlines::load(conn, id)?.map(|d| d.timeline_note());
    change.apply(
        conn,
        |conn| snapshot(conn, id),
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                publicity_batches,
                guard,
                (
                    publicity_batches::status.eq(PublicityStatus::Completed),
                    publicity_batches::completed_at.eq(now),
                    publicity_batches::updated_at.eq(now),
                )
            )?)
        },
        |conn| {
            // After the guarded update: a lost race never moves an application.
            let mut moved = Vec::new();
            for app in item_ids(conn, id)? {
                let stage = write::apply_system(conn, app, action, actor, note.as_deref(), now)?;
                moved.push(json!({"application_id": app, "stage": stage.as_str()}));
            }
            Ok(Map::from_iter([("moved".to_owned(), json!(moved))]))
        },
    )?;
    Ok(())
}
