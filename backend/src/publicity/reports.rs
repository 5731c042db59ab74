//! Reports (举报) during a publicity period: filed by signed-in units in sight or on the public
//! site, resolved by the batch owner (dismissed, or the application returned / terminated).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;
use shared::{
    notices::{NoticeKind, NoticeObject, NoticeParams},
    publicity::{
        FileReportRequest, PublicityStatus, ReportOutcome, ReportReceipt, ReportStatus,
        ResolveReportRequest,
    },
    Action, ErrorCode,
};

use super::{require_owned, BatchRow, Caller};
use crate::{
    applications::write,
    audit::{self, Actor, Event},
    auth::AuthUser,
    calendar,
    db::{
        schema::{applications, publicity_items, publicity_reports},
        DbConnection,
    },
    error::ApiError,
};

/// One stored report.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = publicity_reports)]
pub struct ReportRow {
    pub id: i64,
    pub batch_id: i64,
    pub application_id: i64,
    pub reporter_name: String,
    pub reporter_contact: String,
    pub content: String,
    pub filed_by: Option<i64>,
    pub filed_at: NaiveDateTime,
    pub status: ReportStatus,
    pub resolution: Option<String>,
    pub resolved_by: Option<i64>,
    pub resolved_at: Option<NaiveDateTime>,
}

/// A checked report, before any database work.
#[derive(Debug, Clone)]
pub struct CheckedReport {
    pub application_id: i64,
    pub reporter_name: String,
    pub reporter_contact: String,
    pub content: String,
}

/// Checks the fields of a report.
pub fn check(req: &FileReportRequest) -> Result<CheckedReport, ApiError> {
    Ok(CheckedReport {
        application_id: req.application_id,
        reporter_name: crate::http::text::required("reporter_name", &req.reporter_name, 50)?,
        reporter_contact: crate::http::text::required(
            "reporter_contact",
            &req.reporter_contact,
            100,
        )?,
        content: crate::http::text::required("content", &req.content, 2000)?,
    })
}

/// Whether reports are accepted now: published and within the period.
pub fn accepting(row: &BatchRow, now: NaiveDateTime) -> Result<bool, ApiError> {
    let today = calendar::today(now);
    Ok(row.status == PublicityStatus::Published
        && row.period_start <= today
        && today <= row.period_end)
}

/// Files a report on an application of `batch` (the caller has checked sight).
pub fn file(
    conn: &mut DbConnection,
    batch: &BatchRow,
    report: &CheckedReport,
    filed_by: Option<i64>,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<ReportReceipt, ApiError> {
    if !accepting(batch, now)? {
        return Err(ApiError::with_text(
            ErrorCode::Conflict,
            format!(
                "只能在公示期内（{} 至 {}）对公示中的批次举报",
                batch.period_start, batch.period_end
            ),
            format!(
                "Reports are accepted only while the batch is published, from {} to {}",
                batch.period_start, batch.period_end
            ),
        ));
    }
    let in_batch: i64 = publicity_items::table
        .filter(publicity_items::batch_id.eq(batch.id))
        .filter(publicity_items::application_id.eq(report.application_id))
        .count()
        .get_result(conn)?;
    if in_batch == 0 {
        return Err(ApiError::validation(
            "application_id",
            "不是该公示批次中的申报",
            "is not an application of this batch",
        ));
    }
    let id: i64 = diesel::insert_into(publicity_reports::table)
        .values((
            publicity_reports::batch_id.eq(batch.id),
            publicity_reports::application_id.eq(report.application_id),
            publicity_reports::reporter_name.eq(&report.reporter_name),
            publicity_reports::reporter_contact.eq(&report.reporter_contact),
            publicity_reports::content.eq(&report.content),
            publicity_reports::filed_by.eq(filed_by),
            publicity_reports::filed_at.eq(now),
            publicity_reports::status.eq(ReportStatus::Open),
        ))
        .returning(publicity_reports::id)
        .get_result(conn)?;
    // The batch's owner learns of it, in this transaction.
    let applicant: String = applications::table
        .find(report.application_id)
        .select(applications::name)
        .first(conn)?;
    crate::notices::write(
        conn,
        &[crate::notices::New {
            to: super::owner(batch),
            kind: NoticeKind::ReportFiled,
            object: NoticeObject::PublicityBatch,
            object_id: batch.id,
            params: NoticeParams {
                name: Some(applicant),
                label: Some(batch.title.clone()),
                publicity: Some(batch.kind),
                ..NoticeParams::default()
            },
        }],
        now,
    )?;
    // The reporter's contact stays out of the audit trail; the report row keeps it.
    audit::append(
        conn,
        actor,
        &Event {
            action: "publicity.report",
            target_type: "publicity_report",
            target_id: Some(id.to_string()),
            success: true,
            before: None,
            after: Some(json!({
                "batch_id": batch.id,
                "application_id": report.application_id,
                "reporter_name": report.reporter_name,
                "content": report.content,
                "public_site": filed_by.is_none(),
            })),
        },
        now,
    )?;
    Ok(ReportReceipt {
        id,
        filed_at: crate::clock::rfc3339(now),
    })
}

/// Resolves an open report of a published batch the caller owns. A return or termination
/// moves the application and takes it out of the batch; the other open reports on the same
/// application in this batch are closed with the same outcome.
pub fn resolve(
    conn: &mut DbConnection,
    user: &AuthUser,
    caller: &Caller,
    report_id: i64,
    req: &ResolveReportRequest,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<i64, ApiError> {
    let resolution = crate::http::text::required("resolution", &req.resolution, 500)?;
    let report: ReportRow = publicity_reports::table
        .find(report_id)
        .select(ReportRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let batch = require_owned(conn, user, caller, report.batch_id)?;
    if report.status != ReportStatus::Open {
        return Err(ApiError::with_text(
            ErrorCode::Conflict,
            "该举报已处理",
            "This report has already been resolved",
        ));
    }
    if batch.status != PublicityStatus::Published {
        return Err(ApiError::new(ErrorCode::InvalidTransition));
    }
    if !batch.kind.report_outcomes().contains(&req.outcome) {
        return Err(ApiError::validation(
            "outcome",
            "评审结果公示的举报查实后为“查实不予通过”或“终止申报”，其他公示不能选“查实不予通过”",
            "a result publicity's upheld report fails or terminates the application; other kinds return or terminate it",
        ));
    }
    let (status, action) = match req.outcome {
        ReportOutcome::Dismissed => (ReportStatus::Dismissed, None),
        ReportOutcome::Returned => (ReportStatus::Returned, Some(Action::ReportReturn)),
        ReportOutcome::Terminated => (ReportStatus::Terminated, Some(Action::ReportTerminate)),
        ReportOutcome::Failed => (ReportStatus::Failed, Some(Action::ReportFail)),
    };
    let mut stage = None;
    let targets = publicity_reports::table
        .filter(publicity_reports::batch_id.eq(batch.id))
        .filter(publicity_reports::status.eq(ReportStatus::Open))
        .into_boxed();
    let targets = if let Some(action) = action {
        stage = Some(write::apply_system(
            conn,
            report.application_id,
            action,
            actor,
            Some(&resolution),
            now,
        )?);
        diesel::delete(
            publicity_items::table
                .filter(publicity_items::batch_id.eq(batch.id))
                .filter(publicity_items::application_id.eq(report.application_id)),
        )
        .execute(conn)?;
        targets.filter(publicity_reports::application_id.eq(report.application_id))
    } else {
        targets.filter(publicity_reports::id.eq(report_id))
    };
    let ids: Vec<i64> = targets.select(publicity_reports::id).load(conn)?;
    diesel::update(publicity_reports::table.filter(publicity_reports::id.eq_any(&ids)))
        .set((
            publicity_reports::status.eq(status),
            publicity_reports::resolution.eq(&resolution),
            publicity_reports::resolved_by.eq(user.id),
            publicity_reports::resolved_at.eq(now),
        ))
        .execute(conn)?;
    audit::append(
        conn,
        actor,
        &Event {
            action: "publicity.resolve",
            target_type: "publicity_report",
            target_id: Some(report_id.to_string()),
            success: true,
            before: Some(
                json!({"status": report.status, "batch_id": batch.id, "application_id": report.application_id}),
            ),
            after: Some(json!({
                "status": status.as_str(),
                "resolution": resolution,
                "reports_closed": ids,
                "application_stage": stage.map(|s| s.as_str()),
            })),
        },
        now,
    )?;
    Ok(batch.id)
}
