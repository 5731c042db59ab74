//! `/api/v1/audit`: the auditor's reading of the audit log (审计日志). Read-only: the API has
//! no way to change or delete a row.

pub mod export;
pub mod export_xlsx;
pub mod list;
pub mod verify;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;
use shared::{org::AuditEntry, ErrorCode};

use crate::{
    audit::Row,
    db::{schema::audit_log, DbConnection},
    error::ApiError,
};

/// Filters of the audit log.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
pub struct AuditFilter {
    /// Actor username (exact).
    pub actor: Option<String>,
    /// Action (exact, e.g. `auth.login`) or prefix ending in `.` (e.g. `account.`).
    pub action: Option<String>,
    /// `success` or `failure`.
    pub outcome: Option<String>,
    /// From (inclusive), RFC 3339 or `YYYY-MM-DD`.
    pub from: Option<String>,
    /// To (exclusive), RFC 3339 or `YYYY-MM-DD`.
    pub to: Option<String>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

fn parse_time(field: &str, raw: &str) -> Result<NaiveDateTime, ApiError> {
    chrono::DateTime::parse_from_rfc3339(raw)
        .map(|t| t.naive_utc())
        .or_else(|_| {
            chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
        })
        .map_err(|_| {
            ApiError::with_text(
                ErrorCode::BadRequest,
                format!("{field} 须为 RFC 3339 时间或 YYYY-MM-DD"),
                format!("{field} must be RFC 3339 or YYYY-MM-DD"),
            )
        })
}

/// The filtered query (unordered, so that it can also be counted).
pub fn query(
    filter: &AuditFilter,
) -> Result<audit_log::BoxedQuery<'static, crate::db::MultiBackend>, ApiError> {
    let mut q = audit_log::table.into_boxed();
    if let Some(actor) = filter.actor.clone().filter(|a| !a.is_empty()) {
        q = q.filter(audit_log::actor_name.eq(actor));
    }
    if let Some(action) = filter.action.clone().filter(|a| !a.is_empty()) {
        q = if action.ends_with('.') {
            q.filter(audit_log::action.like(format!("{}%", action.replace(['%', '_'], ""))))
        } else {
            q.filter(audit_log::action.eq(action))
        };
    }
    if let Some(outcome) = filter.outcome.clone() {
        if outcome != "success" && outcome != "failure" {
            return Err(ApiError::with_text(
                ErrorCode::BadRequest,
                "outcome 须为 success 或 failure",
                "outcome must be success or failure",
            ));
        }
        q = q.filter(audit_log::outcome.eq(outcome));
    }
    if let Some(from) = &filter.from {
        q = q.filter(audit_log::created_at.ge(parse_time("from", from)?));
    }
    if let Some(to) = &filter.to {
        q = q.filter(audit_log::created_at.lt(parse_time("to", to)?));
    }
    Ok(q)
}

/// The API form of a row.
pub fn to_entry(r: Row) -> AuditEntry {
    AuditEntry {
        id: r.id,
        created_at: r.created_at.and_utc().to_rfc3339(),
        actor_id: r.actor_id,
        actor_name: r.actor_name,
        actor_unit_id: r.actor_unit_id,
        action: r.action,
        target_type: r.target_type,
        target_id: r.target_id,
        outcome: r.outcome,
        before: r.before_data,
        after: r.after_data,
        ip: r.ip,
        hash: r.hash,
    }
}

/// Loads one page.
pub fn load(
    conn: &mut DbConnection,
    filter: &AuditFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<AuditEntry>, i64), ApiError> {
    let total: i64 = query(filter)?.count().get_result(conn)?;
    let rows: Vec<Row> = query(filter)?
        .order(audit_log::id.desc())
        .limit(limit)
        .offset(offset)
        .select(Row::as_select())
        .load(conn)?;
    Ok((rows.into_iter().map(to_entry).collect(), total))
}
