//! Issue 9 points 6 and 7: the submission snapshots behind "what changed since the last
//! submission" (manual §6.2.1) and the workflow policy setting (four eyes, §6.2.6/§6.2.9).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{
    attachments::AttachmentSection,
    ids::mask_id_number,
    review::{
        ApplicationChanges, FieldChange, SubmittedAttachment, WorkflowPolicy, SUBMITTED_FIELDS,
    },
};

use super::rows::{time, AppRow};
use crate::{
    db::{
        schema::{application_submissions, attachments},
        settings, DbConnection,
    },
    error::ApiError,
};

/// The workflow policy in force (the defaults until an administrator changes it).
pub fn workflow_policy(conn: &mut DbConnection) -> Result<WorkflowPolicy, ApiError> {
    settings::current(conn, WorkflowPolicy::KEY)
}

/// The recorded content of `row`: wire values by field name.
fn fields_of(row: &AppRow) -> BTreeMap<String, String> {
    let date = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let values: [(&str, String); 16] = [
        ("year", row.year.to_string()),
        ("series", row.series.as_str().to_owned()),
        ("specialty", row.specialty.clone()),
        ("level", row.level.as_str().to_owned()),
        ("qualification", row.qualification.clone()),
        ("declaration_type", row.declaration_type.as_str().to_owned()),
        ("name", row.name.clone()),
        ("id_number", row.id_number.clone()),
        ("gender", row.gender.as_str().to_owned()),
        ("birth_date", date(row.birth_date)),
        ("education", row.education.as_str().to_owned()),
        ("current_title", row.current_title.clone()),
        (
            "current_title_date",
            row.current_title_date.map(date).unwrap_or_default(),
        ),
        ("years_of_service", row.years_of_service.to_string()),
        ("achievements", row.achievements.clone()),
        ("phone", row.phone.clone()),
    ];
    values.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// Records a submission of `row` (`submit`, `submit_supplement`): its content and its files,
/// numbered after the previous one. Runs in the action's transaction.
pub fn record_snapshot(
    conn: &mut DbConnection,
    row: &AppRow,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let last: Option<i32> = application_submissions::table
        .filter(application_submissions::application_id.eq(row.id))
        .select(diesel::dsl::max(application_submissions::number))
        .first(conn)?;
    let files: Vec<(i64, AttachmentSection, String)> = attachments::table
        .filter(attachments::application_id.eq(row.id))
        .order(attachments::id.asc())
        .select((
            attachments::id,
            attachments::section,
            attachments::file_name,
        ))
        .load(conn)?;
    let files: Vec<SubmittedAttachment> = files
        .into_iter()
        .map(|(id, section, file_name)| SubmittedAttachment {
            id,
            section,
            file_name,
        })
        .collect();
    let fields = serde_json::to_string(&fields_of(row)).map_err(ApiError::internal)?;
    let files = serde_json::to_string(&files).map_err(ApiError::internal)?;
    diesel::insert_into(application_submissions::table)
        .values((
            application_submissions::application_id.eq(row.id),
            application_submissions::number.eq(last.unwrap_or(0) + 1),
            application_submissions::submitted_at.eq(now),
            application_submissions::fields.eq(fields),
            application_submissions::attachments.eq(files),
        ))
        .execute(conn)?;
    Ok(())
}

type Snapshot = (i32, NaiveDateTime, String, String);

fn parse(
    snap: &Snapshot,
) -> Result<(BTreeMap<String, String>, Vec<SubmittedAttachment>), ApiError> {
    Ok((
        serde_json::from_str(&snap.2).map_err(ApiError::internal)?,
        serde_json::from_str(&snap.3).map_err(ApiError::internal)?,
    ))
}

/// What changed between the last two submissions of application `id` (the caller must see
/// it; `whole_id` says whether it sees the whole ID number and phone).
pub fn changes(
    conn: &mut DbConnection,
    id: i64,
    whole_id: bool,
) -> Result<ApplicationChanges, ApiError> {
    let snaps: Vec<Snapshot> = application_submissions::table
        .filter(application_submissions::application_id.eq(id))
        .order(application_submissions::number.desc())
        .limit(2)
        .select((
            application_submissions::number,
            application_submissions::submitted_at,
            application_submissions::fields,
            application_submissions::attachments,
        ))
        .load(conn)?;
    let mut answer = ApplicationChanges {
        submission: snaps.first().map_or(0, |s| s.0),
        submitted_at: snaps.first().map(|s| time(s.1)),
        previous_submitted_at: snaps.get(1).map(|s| time(s.1)),
        fields: Vec::new(),
        attachments_added: Vec::new(),
        attachments_removed: Vec::new(),
    };
    let (Some(latest), Some(previous)) = (snaps.first(), snaps.get(1)) else {
        return Ok(answer);
    };
    let (now_fields, now_files) = parse(latest)?;
    let (then_fields, then_files) = parse(previous)?;
    let hide = |field: &str, v: String| match field {
        "id_number" if !whole_id => mask_id_number(&v),
        "phone" if !whole_id => "***".to_owned(),
        _ => v,
    };
    for field in SUBMITTED_FIELDS {
        let before = then_fields.get(*field).cloned().unwrap_or_default();
        let after = now_fields.get(*field).cloned().unwrap_or_default();
        if before != after {
            answer.fields.push(FieldChange {
                field: (*field).to_owned(),
                before: hide(field, before),
                after: hide(field, after),
            });
        }
    }
    let then_ids: BTreeSet<i64> = then_files.iter().map(|f| f.id).collect();
    let now_ids: BTreeSet<i64> = now_files.iter().map(|f| f.id).collect();
    answer.attachments_added = now_files
        .into_iter()
        .filter(|f| !then_ids.contains(&f.id))
        .collect();
    answer.attachments_removed = then_files
        .into_iter()
        .filter(|f| !now_ids.contains(&f.id))
        .collect();
    Ok(answer)
}
