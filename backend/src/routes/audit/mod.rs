//! `/api/v1/audit`: the auditor's reading of the audit log (审计日志). Read-only: the API has
//! no way to change or delete a row.

pub mod checkpoints;
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
        created_at: crate::clock::rfc3339(r.created_at),
        actor_id: r.actor_id,
        actor_name: r.actor_name,
        actor_unit_id: r.actor_unit_id,
        action: r.action,
        target_type: r.target_type,
        target_id: r.target_id,
        target_name: None,
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
    let mut entries: Vec<AuditEntry> = rows.into_iter().map(to_entry).collect();
    name_targets(conn, &mut entries)?;
    Ok((entries, total))
}

/// Fills `target_name` for a page: one query per target kind present, never one per row.
pub fn name_targets(conn: &mut DbConnection, entries: &mut [AuditEntry]) -> Result<(), ApiError> {
    use crate::db::schema::{
        accounts, affiliation_requests, applications, attachments, business_roles, committees,
        publicity_batches, review_authority_filings, unit_roles, units,
    };
    use std::collections::HashMap;
    let ids = |kind: &str| -> Vec<i64> {
        let mut v: Vec<i64> = entries
            .iter()
            .filter(|e| e.target_type == kind)
            .filter_map(|e| e.target_id.as_deref()?.parse().ok())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut names: HashMap<(&'static str, i64), String> = HashMap::new();
    let mut put = |kind: &'static str, rows: Vec<(i64, String)>| {
        for (id, name) in rows {
            names.insert((kind, id), name);
        }
    };
    let want = ids("unit");
    if !want.is_empty() {
        put(
            "unit",
            units::table
                .filter(units::id.eq_any(&want))
                .select((units::id, units::name))
                .load(conn)?,
        );
    }
    let want = ids("account");
    if !want.is_empty() {
        put(
            "account",
            accounts::table
                .filter(accounts::id.eq_any(&want))
                .select((accounts::id, accounts::display_name))
                .load(conn)?,
        );
    }
    let want = ids("application");
    if !want.is_empty() {
        let rows: Vec<(i64, String, String)> = applications::table
            .filter(applications::id.eq_any(&want))
            .select((
                applications::id,
                applications::name,
                applications::qualification,
            ))
            .load(conn)?;
        put(
            "application",
            rows.into_iter()
                .map(|(id, n, q)| (id, format!("{n}（{q}）")))
                .collect(),
        );
    }
    let want = ids("business_role");
    if !want.is_empty() {
        put(
            "business_role",
            business_roles::table
                .filter(business_roles::id.eq_any(&want))
                .select((business_roles::id, business_roles::name))
                .load(conn)?,
        );
    }
    let want = ids("unit_role");
    if !want.is_empty() {
        put(
            "unit_role",
            unit_roles::table
                .filter(unit_roles::id.eq_any(&want))
                .select((unit_roles::id, unit_roles::name))
                .load(conn)?,
        );
    }
    let want = ids("publicity_batch");
    if !want.is_empty() {
        put(
            "publicity_batch",
            publicity_batches::table
                .filter(publicity_batches::id.eq_any(&want))
                .select((publicity_batches::id, publicity_batches::title))
                .load(conn)?,
        );
    }
    let want = ids("attachment");
    if !want.is_empty() {
        put(
            "attachment",
            attachments::table
                .filter(attachments::id.eq_any(&want))
                .select((attachments::id, attachments::file_name))
                .load(conn)?,
        );
    }
    let want = ids("review_authority_filing");
    if !want.is_empty() {
        put(
            "review_authority_filing",
            review_authority_filings::table
                .inner_join(committees::table)
                .filter(review_authority_filings::id.eq_any(&want))
                .select((review_authority_filings::id, committees::name))
                .load(conn)?,
        );
    }
    let want = ids("affiliation_request");
    if !want.is_empty() {
        put(
            "affiliation_request",
            affiliation_requests::table
                .inner_join(units::table.on(units::id.eq(affiliation_requests::unit_id)))
                .filter(affiliation_requests::id.eq_any(&want))
                .select((affiliation_requests::id, units::name))
                .load(conn)?,
        );
    }
    for e in entries.iter_mut() {
        let id = e.target_id.as_deref().and_then(|t| t.parse::<i64>().ok());
        e.target_name = match (e.target_type.as_str(), id) {
            // A calendar day and a setting are named by their id (the date, the key).
            ("calendar_day" | "setting", _) => e.target_id.clone(),
            (kind, Some(id)) => shared::audit::TARGETS
                .iter()
                .find(|(k, _, _)| *k == kind)
                .and_then(|(k, _, _)| names.get(&(*k, id)).cloned()),
            _ => None,
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// Every action code the backend writes (a literal after `action` or in a publicity
    /// `record(` call) has its label in `shared::audit::ACTIONS`.
    #[test]
    fn every_written_action_has_a_label() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut found = std::collections::BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let b = text.as_bytes();
            for (start, _) in text.match_indices('"') {
                let len = b[start + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_lowercase() || **c == b'_' || **c == b'.')
                    .count();
                let lit = &text[start + 1..start + 1 + len];
                let closed = b.get(start + 1 + len) == Some(&b'"');
                let code_like = lit
                    .split_once('.')
                    .is_some_and(|(x, y)| !x.is_empty() && !y.is_empty() && !y.contains('.'));
                let mut from = start.saturating_sub(160);
                while !text.is_char_boundary(from) {
                    from += 1;
                }
                let before = &text[from..start];
                if closed && code_like && (before.contains("action") || before.contains("record("))
                {
                    found.insert(lit.to_owned());
                }
            }
        }
        assert!(found.len() >= 30, "the scan finds the codes: {found:?}");
        let missing: Vec<_> = found
            .iter()
            .filter(|c| shared::audit::action_label(c, shared::Locale::ZhCn).is_none())
            .collect();
        assert!(missing.is_empty(), "actions without a label: {missing:?}");
    }
}
