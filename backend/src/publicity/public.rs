//! The public site's view (no login): published and completed batches of the public kinds
//! (nominee, failure, result — application publicity stays inside the employer, manual
//! §6.2.2), with ID numbers masked and no phone numbers.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{
    application::Series,
    publicity::{PublicBatch, PublicItem, PublicOutcome, PublicityKind, PublicityStatus},
    ErrorCode,
};

use super::{items, reports::accepting, BatchRow};
use crate::{
    calendar,
    db::{schema::publicity_batches, schema::units, DbBackend, DbConnection},
    error::ApiError,
};

/// The kinds shown on the public site.
pub fn public_kinds() -> Vec<&'static str> {
    PublicityKind::ALL
        .iter()
        .filter(|k| k.is_public())
        .map(|k| k.as_str())
        .collect()
}

/// Batches the public may see.
pub fn query<'a>() -> publicity_batches::BoxedQuery<'a, DbBackend> {
    publicity_batches::table
        .filter(publicity_batches::status.eq_any([
            PublicityStatus::Published.as_str(),
            PublicityStatus::Completed.as_str(),
        ]))
        .filter(publicity_batches::kind.eq_any(public_kinds()))
        .into_boxed()
}

/// A public batch by id; 404 when it is not public.
pub fn find(conn: &mut DbConnection, id: i64) -> Result<BatchRow, ApiError> {
    query()
        .filter(publicity_batches::id.eq(id))
        .select(BatchRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// The public shape of a batch.
pub fn to_dto(
    conn: &mut DbConnection,
    row: &BatchRow,
    now: NaiveDateTime,
) -> Result<PublicBatch, ApiError> {
    Ok(PublicBatch {
        id: row.id,
        kind: row.kind,
        status: row.status,
        unit: units::table
            .find(row.unit_id)
            .select(units::name)
            .first(conn)?,
        year: row.year,
        series: row.series.as_deref().and_then(Series::parse),
        title: row.title.clone(),
        content: row.content.clone(),
        period_start: calendar::format_day(row.period_start),
        period_end: calendar::format_day(row.period_end),
        published_at: row.published_at.map(crate::clock::rfc3339),
        accepting_reports: accepting(row, now)?,
        committee: match row.committee_id {
            Some(c) => Some(
                crate::db::schema::committees::table
                    .find(c)
                    .select(crate::db::schema::committees::name)
                    .first(conn)?,
            ),
            None => None,
        },
    })
}

/// The people of a public batch (masked ID numbers, no phone); a result batch announces 通过
/// (an application failed on a report has left the batch).
pub fn public_items(conn: &mut DbConnection, row: &BatchRow) -> Result<Vec<PublicItem>, ApiError> {
    let outcome = (row.kind == PublicityKind::Result).then_some(PublicOutcome::Passed);
    Ok(items(conn, row.id)?
        .into_iter()
        .map(|i| PublicItem {
            application_id: i.application_id,
            name: i.name,
            id_number: i.id_number,
            employer: i.employer,
            series: i.series,
            specialty: i.specialty,
            level: i.level,
            qualification: i.qualification,
            outcome,
        })
        .collect())
}
