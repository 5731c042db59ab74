//! PLACEHOLDER until the lead's workflow engine lands on main (it replaces this file): moves an
//! application by a system action (publicity completed, report upheld) inside the caller's
//! transaction. Only the signature is relied upon.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{
    workflow::{transition, Action, Ctx, Stage},
    ErrorCode,
};

use crate::{
    audit::Actor,
    db::{
        schema::{application_events, applications},
        DbConnection,
    },
    error::ApiError,
};

/// Applies `action` (a system action) to the application and appends its timeline event;
/// returns the new stage. `invalid_transition` when the stage does not allow it.
pub fn apply_system(
    conn: &mut DbConnection,
    application_id: i64,
    action: Action,
    actor: &Actor,
    opinion: Option<&str>,
    now: NaiveDateTime,
) -> Result<Stage, ApiError> {
    let (stage, holder, resubmission, passed): (String, i64, bool, Option<bool>) =
        applications::table
            .find(application_id)
            .select((
                applications::stage,
                applications::holder_unit_id,
                applications::resubmission,
                applications::review_passed,
            ))
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let from =
        Stage::parse(&stage).ok_or_else(|| ApiError::internal(anyhow::anyhow!("stage {stage}")))?;
    let ctx = Ctx {
        resubmission,
        passed: passed.unwrap_or(false),
        ..Ctx::default()
    };
    let to =
        transition(from, action, &ctx).map_err(|_| ApiError::new(ErrorCode::InvalidTransition))?;
    diesel::update(applications::table.find(application_id))
        .set((
            applications::stage.eq(to.as_str()),
            applications::version.eq(applications::version + 1),
            applications::updated_at.eq(now),
        ))
        .execute(conn)?;
    if to == Stage::Returned {
        diesel::update(applications::table.find(application_id))
            .set(applications::return_opinion.eq(opinion))
            .execute(conn)?;
    }
    diesel::insert_into(application_events::table)
        .values((
            application_events::application_id.eq(application_id),
            application_events::action.eq(action.as_str()),
            application_events::from_stage.eq(from.as_str()),
            application_events::to_stage.eq(to.as_str()),
            application_events::from_holder_id.eq(holder),
            application_events::to_holder_id.eq(holder),
            application_events::actor_id.eq(actor.id),
            application_events::actor_name.eq(actor.name.clone().unwrap_or_default()),
            application_events::actor_unit_id.eq(actor.unit_id),
            application_events::opinion.eq(opinion),
            application_events::withdrawn.eq(false),
            application_events::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(to)
}
