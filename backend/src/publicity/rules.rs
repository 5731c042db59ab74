//! The checks of creating and editing a batch: who may publicise which kind, the period
//! (40号令: at least five working days), the title and content, and the applications.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use diesel::prelude::*;
use shared::{
    application::Level,
    publicity::{PublicityKind, PublicityStatus},
    ErrorCode, Locale,
};

use super::{module_of, Caller};
use crate::{
    applications::access::AppAccess,
    auth::AuthUser,
    calendar,
    db::{
        schema::{applications, committees, publicity_batches, publicity_items},
        DbConnection,
    },
    error::ApiError,
};

/// The fewest working days of a period (40号令 for application and result publicity; the
/// same default for nominee and failure publicity).
pub const MIN_WORKING_DAYS: i64 = 5;

/// The most applications of one batch.
pub const MAX_ITEMS: usize = 500;

/// 403 unless the caller may create batches of `kind`.
pub fn require_creator(
    user: &AuthUser,
    caller: &Caller,
    kind: PublicityKind,
) -> Result<(), ApiError> {
    user.require(module_of(kind))?;
    let fits = match kind {
        PublicityKind::Application | PublicityKind::Result => matches!(caller, Caller::Unit),
        PublicityKind::Nominee | PublicityKind::Failure => matches!(caller, Caller::Reviewer(_)),
    };
    if fits {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Forbidden))
    }
}

/// Checks the period: ordered, not in the past, at least [`MIN_WORKING_DAYS`] working days.
pub fn check_period(
    conn: &mut DbConnection,
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
) -> Result<(), ApiError> {
    if end < start {
        return Err(ApiError::validation(
            "period_end",
            "公示结束日期不能早于开始日期",
            "must not be before period_start",
        ));
    }
    if start < today {
        return Err(ApiError::validation(
            "period_start",
            &format!("公示开始日期不能早于今天（{today}）"),
            &format!("must not be before today ({today})"),
        ));
    }
    let found = calendar::working_days_between(conn, start, end)?;
    if found < MIN_WORKING_DAYS {
        return Err(ApiError::validation(
            "period_end",
            &format!(
                "公示期须不少于 {MIN_WORKING_DAYS} 个工作日（人社部第40号令），{start} 至 {end} 只有 {found} 个工作日"
            ),
            &format!(
                "the period must hold at least {MIN_WORKING_DAYS} working days; {start} to {end} holds {found}"
            ),
        ));
    }
    Ok(())
}

/// Trims and checks a title (1–200 characters).
pub fn check_title(raw: &str) -> Result<String, ApiError> {
    let t = raw.trim();
    if t.is_empty() || t.chars().count() > 200 {
        return Err(ApiError::validation(
            "title",
            "不能为空且不超过 200 个字符",
            "must have 1-200 characters",
        ));
    }
    Ok(t.to_owned())
}

/// Trims and checks a content (1–10 000 characters).
pub fn check_content(raw: &str) -> Result<String, ApiError> {
    let t = raw.trim();
    if t.is_empty() || t.chars().count() > 10_000 {
        return Err(ApiError::validation(
            "content",
            "不能为空且不超过 10000 个字符",
            "must have 1-10000 characters",
        ));
    }
    Ok(t.to_owned())
}

/// What the chosen applications decide about the batch.
#[derive(Debug, Clone)]
pub struct ItemPlan {
    /// Distinct, ascending.
    pub ids: Vec<i64>,
    pub year: i32,
    pub series: Option<String>,
    pub committee_id: Option<i64>,
    /// The distinct levels, for the failure template.
    pub levels: Vec<Level>,
}

fn id_list(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks the applications of a batch: each in the kind's stage, the caller's own, and not in
/// another batch that has not completed (`exclude` is the batch being edited).
pub fn check_items(
    conn: &mut DbConnection,
    user: &AuthUser,
    caller: &Caller,
    kind: PublicityKind,
    requested: &[i64],
    exclude: Option<i64>,
) -> Result<ItemPlan, ApiError> {
    let ids: Vec<i64> = requested
        .iter()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if ids.is_empty() || ids.len() > MAX_ITEMS {
        return Err(ApiError::validation(
            "application_ids",
            &format!("须选择 1-{MAX_ITEMS} 个申报"),
            &format!("must name 1-{MAX_ITEMS} applications"),
        ));
    }
    // Lock the applications' rows first (a no-op update): two batches drafted at once over the
    // same application then run one after the other, and the second sees the first's items
    // (PostgreSQL; SQLite's write transactions are serial anyway).
    diesel::update(
        crate::db::schema::applications::table
            .filter(crate::db::schema::applications::id.eq_any(&ids)),
    )
    .set(crate::db::schema::applications::version.eq(crate::db::schema::applications::version))
    .execute(conn)?;
    let rows: Vec<(AppAccess, String)> = applications::table
        .filter(applications::id.eq_any(&ids))
        .select((AppAccess::as_select(), applications::level))
        .load(conn)?;
    let committee_units: Vec<(i64, i64)> = committees::table
        .filter(
            committees::id.eq_any(
                rows.iter()
                    .filter_map(|(a, _)| a.committee_id)
                    .collect::<Vec<_>>(),
            ),
        )
        .select((committees::id, committees::unit_id))
        .load(conn)?;
    let stage = kind.stage();
    let owned = |a: &AppAccess| match (kind, caller) {
        (PublicityKind::Application, Caller::Unit) => a.employer_id == user.unit_id,
        (PublicityKind::Result, Caller::Unit) => a.committee_id.is_some_and(|c| {
            committee_units
                .iter()
                .any(|(id, unit)| *id == c && *unit == user.unit_id)
        }),
        (PublicityKind::Nominee | PublicityKind::Failure, Caller::Reviewer(scope)) => {
            scope.covers(a)
        }
        _ => false,
    };
    let ineligible: Vec<i64> = ids
        .iter()
        .copied()
        .filter(|id| {
            !rows
                .iter()
                .any(|(a, _)| a.id == *id && a.stage == stage && owned(a))
        })
        .collect();
    if !ineligible.is_empty() {
        return Err(ApiError::validation(
            "application_ids",
            &format!(
                "以下申报不在“{}”环节或不属本账号公示：{}",
                kind.stage().label(Locale::ZhCn),
                id_list(&ineligible)
            ),
            &format!(
                "these applications are not in stage {} or not the caller's to publicise: {}",
                kind.stage().as_str(),
                id_list(&ineligible)
            ),
        ));
    }
    let mut busy: Vec<i64> = publicity_items::table
        .inner_join(publicity_batches::table)
        .filter(publicity_items::application_id.eq_any(&ids))
        .filter(publicity_batches::status.ne(PublicityStatus::Completed))
        .filter(publicity_batches::id.ne(exclude.unwrap_or(-1)))
        .select(publicity_items::application_id)
        .load(conn)?;
    busy.sort_unstable();
    busy.dedup();
    if !busy.is_empty() {
        return Err(ApiError::validation(
            "application_ids",
            &format!("以下申报已在其他未完成的公示批次中：{}", id_list(&busy)),
            &format!(
                "these applications are already in another batch that has not completed: {}",
                id_list(&busy)
            ),
        ));
    }
    let apps: Vec<&AppAccess> = rows.iter().map(|(a, _)| a).collect();
    let common = |f: &dyn Fn(&AppAccess) -> String| {
        let first = f(apps[0]);
        apps.iter().all(|a| f(a) == first).then_some(first)
    };
    let (year, series, committee_id) = match caller {
        Caller::Reviewer(scope) => (
            scope.year,
            Some(scope.series.clone()),
            Some(scope.committee_id),
        ),
        Caller::Unit => {
            let Some(year) = common(&|a| a.year.to_string()).and_then(|y| y.parse().ok()) else {
                return Err(ApiError::validation(
                    "application_ids",
                    "同一批次的申报须属于同一年度",
                    "the applications of one batch must share the year",
                ));
            };
            let committee_id = match kind {
                PublicityKind::Result => {
                    if common(&|a| format!("{:?}", a.committee_id)).is_none() {
                        return Err(ApiError::validation(
                            "application_ids",
                            "同一评审结果公示批次的申报须属于同一评委会",
                            "the applications of one result batch must share the committee",
                        ));
                    }
                    apps[0].committee_id
                }
                _ => None,
            };
            (
                year,
                common(&|a| a.series.as_str().to_owned()),
                committee_id,
            )
        }
    };
    let levels: Vec<Level> = rows
        .iter()
        .filter_map(|(_, l)| Level::parse(l))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    Ok(ItemPlan {
        ids,
        year,
        series,
        committee_id,
        levels,
    })
}

/// Replaces the items of a batch.
pub fn replace_items(conn: &mut DbConnection, batch_id: i64, ids: &[i64]) -> Result<(), ApiError> {
    diesel::delete(publicity_items::table.filter(publicity_items::batch_id.eq(batch_id)))
        .execute(conn)?;
    for id in ids {
        diesel::insert_into(publicity_items::table)
            .values((
                publicity_items::batch_id.eq(batch_id),
                publicity_items::application_id.eq(id),
            ))
            .execute(conn)?;
    }
    Ok(())
}
