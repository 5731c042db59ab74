//! The timeline's stored events (`application_events`) and the JSON detail they carry.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use shared::workflow::{Action, Stage};

use crate::{
    db::{schema::application_events, DbConnection},
    error::ApiError,
};

/// One stored timeline event.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = application_events)]
pub struct EventRow {
    pub id: i64,
    pub application_id: i64,
    pub action: Action,
    pub from_stage: Stage,
    pub to_stage: Stage,
    pub from_holder_id: i64,
    pub to_holder_id: i64,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub actor_unit_id: Option<i64>,
    pub opinion: Option<String>,
    pub detail: Option<String>,
    pub withdrawn: bool,
    pub created_at: NaiveDateTime,
}

/// What an event records beyond its columns (JSON in `detail`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Detail {
    /// The committee before this move (restored by `withdraw`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev_committee_id: Option<i64>,
    /// The committee after this move, when it changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee_id: Option<i64>,
    /// `policy_initial` result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass: Option<bool>,
    /// `recommend`: handler and proofs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handler_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handler_phone: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proof_attachment_ids: Vec<i64>,
    /// `withdraw`: the event it undid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrew_event: Option<i64>,
}

impl EventRow {
    /// The parsed detail (empty when absent or unreadable).
    pub fn detail(&self) -> Detail {
        self.detail
            .as_deref()
            .and_then(|d| serde_json::from_str(d).ok())
            .unwrap_or_default()
    }
}

/// The events of one application still in force (not withdrawn, not a withdraw), newest first.
pub fn in_force(conn: &mut DbConnection, id: i64) -> Result<Vec<EventRow>, ApiError> {
    in_force_of(conn, &[id])
}

/// The events in force of several applications, newest first.
pub fn in_force_of(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<EventRow>, ApiError> {
    Ok(application_events::table
        .filter(application_events::application_id.eq_any(ids))
        .filter(application_events::withdrawn.eq(false))
        .filter(application_events::action.ne(Action::Withdraw))
        .order(application_events::id.desc())
        .select(EventRow::as_select())
        .load(conn)?)
}
