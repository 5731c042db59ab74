//! Synthetic applicants and applications for load and scale measurements
//! (`backend generate applications`). Applicants are spread over the employers that exist
//! (generate units first for a realistic tree); each applicant holds one application per year,
//! so the one-live-application rule holds. Stages cycle through the whole workflow with a
//! holder that matches the stage. Everything is inserted in multi-row batches with ids computed
//! up front, in one transaction per batch.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::{ids::IdNumber, workflow::Stage};

use crate::{
    auth::password,
    db::{
        schema::{accounts, applications, committees, units},
        DbConnection,
    },
    error::ApiError,
    on_engine,
};

/// Rows per multi-row `INSERT` (29 values per application; SQLite allows 32,766 per statement).
const PER_INSERT: usize = 1_000;
/// Password of every generated applicant.
pub const PASSWORD: &str = "Gen#Applicant2026";

/// How many of this year's drafts a run names in [`Generated::drafts`].
pub const NAMED_DRAFTS: usize = 2_000;

/// What a run added.
#[derive(Debug, Clone)]
pub struct Generated {
    pub accounts: usize,
    pub applications: usize,
    /// The first [`NAMED_DRAFTS`] of this year's drafts with their applicants' sign-in names
    /// (the load test's applicants submit and withdraw them; the password is [`PASSWORD`]).
    pub drafts: Vec<GeneratedDraft>,
}

/// A generated draft and the sign-in name of its applicant.
#[derive(Debug, Clone, serde::Serialize)]
pub struct GeneratedDraft {
    pub application_id: i64,
    pub username: String,
}

/// The synthetic ID number of the `n`-th generated applicant (unique for n < 3,650,000).
pub fn id_number(n: usize) -> String {
    let base = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let born = base + Duration::days(i64::try_from(n / 1000).unwrap_or(0));
    let body = format!("529900{}{:03}", born.format("%Y%m%d"), n % 1000);
    let check = IdNumber::check_char(&body).map(char::from).unwrap_or('0');
    format!("{body}{check}")
}

/// Stage of the `i`-th application: mostly finished years, the current year spread over the
/// pipeline.
fn stage_of(i: usize) -> Stage {
    const PIPELINE: &[Stage] = &[
        Stage::Draft,
        Stage::UnitVerification,
        Stage::ApplicationPublicity,
        Stage::UnitRecommendation,
        Stage::SuperiorReview,
        Stage::MaterialReceipt,
        Stage::PolicyReview,
        Stage::NomineePublicity,
        Stage::FailurePublicity,
        Stage::Supplement,
        Stage::PolicyRereview,
        Stage::OnlineReview,
        Stage::Passed,
        Stage::Failed,
        Stage::Terminated,
        Stage::Voided,
        Stage::Returned,
    ];
    PIPELINE[i % PIPELINE.len()]
}

/// Adds `account_count` applicants and `count` applications.
pub fn applications(
    conn: &mut DbConnection,
    count: usize,
    account_count: usize,
    now: NaiveDateTime,
) -> Result<Generated, ApiError> {
    let employers: Vec<(i64, String, Option<i64>)> = units::table
        .filter(units::kind.eq("employer"))
        .order(units::id.asc())
        .select((units::id, units::path, units::parent_id))
        .load(conn)?;
    if count > account_count.saturating_mul(10) {
        return Err(ApiError::internal(anyhow::anyhow!(
            "at most 10 applications per applicant (one per year): raise --accounts"
        )));
    }
    if employers.is_empty() || account_count == 0 {
        return Err(ApiError::internal(anyhow::anyhow!(
            "no employer (or no account) to generate applications for"
        )));
    }
    // One committee per HRSS (the existing one, or a generated one): an application goes to
    // the committee of the nearest HRSS above its employer, as the routing of SPEC §4.4 does.
    let mut hrss: Vec<(i64, String)> = units::table
        .filter(units::kind.eq("hrss"))
        .select((units::id, units::path))
        .load(conn)?;
    hrss.sort_by_key(|(_, path)| std::cmp::Reverse(path.len()));
    let mut committee_of_hrss: Vec<(String, i64, i64)> = Vec::new();
    for (unit, path) in &hrss {
        let existing: Option<i64> = committees::table
            .filter(committees::unit_id.eq(unit))
            .order(committees::id.asc())
            .select(committees::id)
            .first(conn)
            .optional()?;
        let id = match existing {
            Some(id) => id,
            None => diesel::insert_into(committees::table)
                .values((
                    committees::unit_id.eq(unit),
                    committees::name.eq(format!("生成评委会{unit}")),
                    committees::series.eq("engineering"),
                    committees::created_by.eq(0_i64),
                    committees::created_at.eq(now),
                ))
                .returning(committees::id)
                .get_result(conn)?,
        };
        committee_of_hrss.push((path.clone(), id, *unit));
    }
    let committee_for = |employer_path: &str| -> Option<(i64, i64)> {
        committee_of_hrss
            .iter()
            .find(|(path, _, _)| employer_path.starts_with(path.as_str()))
            .map(|(_, committee, unit)| (*committee, *unit))
    };
    let hash = password::hash(PASSWORD)?;
    let first_account: i64 = accounts::table
        .select(diesel::dsl::max(accounts::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0)
        + 1;
    // Applicants, in batches.
    let mut start = 0;
    while start < account_count {
        let end = (start + PER_INSERT).min(account_count);
        let rows: Vec<_> = (start..end)
            .map(|n| {
                let (unit, _, _) = &employers[n % employers.len()];
                let id = id_number(n);
                (
                    accounts::id.eq(first_account + i64::try_from(n).unwrap_or(0)),
                    accounts::username.eq(crate::login_names::name(id.clone())),
                    accounts::display_name.eq(format!("生成申报人{n:06}")),
                    accounts::kind.eq("applicant"),
                    accounts::unit_id.eq(*unit),
                    accounts::id_number_hash.eq(Some(crate::pii::hash(&id))),
                    accounts::id_number.eq(Some(crate::pii::Pii::new(id))),
                    accounts::password_hash.eq(hash.clone()),
                    accounts::must_change_password.eq(false),
                    accounts::created_at.eq(now),
                    accounts::updated_at.eq(now),
                )
            })
            .collect();
        conn.write_transaction(|conn| {
            let insert = diesel::insert_into(accounts::table).values(rows);
            on_engine!(conn, |c| insert.execute(c))?;
            Ok::<(), ApiError>(())
        })?;
        start = end;
    }
    let first_app: i64 = applications::table
        .select(diesel::dsl::max(applications::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0)
        + 1;
    let birth = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap_or_default();
    // One application per applicant and year: `years` years, ending with 2026.
    let years = i32::try_from(count.div_ceil(account_count)).unwrap_or(10);
    let mut drafts = Vec::new();
    let mut start = 0;
    while start < count {
        let end = (start + PER_INSERT).min(count);
        let rows: Vec<_> = (start..end)
            .map(|i| {
                let applicant = i % account_count;
                let (employer, path, parent) = &employers[applicant % employers.len()];
                // Oldest year first, as a real database fills: a year's ids are contiguous and
                // this year's are the newest (the lists' plans depend on it, issue 14).
                let block = i32::try_from(i / account_count).unwrap_or(0);
                let year = 2026 - (years - 1) + block;
                let stage = if year == 2026 {
                    stage_of(i / 7)
                } else {
                    Stage::Passed
                };
                let assigned = matches!(
                    stage,
                    Stage::MaterialReceipt
                        | Stage::PolicyReview
                        | Stage::NomineePublicity
                        | Stage::FailurePublicity
                        | Stage::Supplement
                        | Stage::PolicyRereview
                        | Stage::OnlineReview
                        | Stage::Passed
                        | Stage::Failed
                );
                let committee = committee_for(path);
                let holder = match (stage, committee) {
                    (Stage::SuperiorReview, _) => parent.unwrap_or(*employer),
                    (_, Some((_, unit))) if assigned && stage != Stage::Supplement => unit,
                    _ => *employer,
                };
                let id = id_number(applicant);
                let application_id = first_app + i64::try_from(i).unwrap_or(0);
                if stage == Stage::Draft && drafts.len() < NAMED_DRAFTS {
                    drafts.push(GeneratedDraft {
                        application_id,
                        username: id.clone(),
                    });
                }
                (
                    (
                        applications::id.eq(application_id),
                        applications::applicant_id
                            .eq(first_account + i64::try_from(applicant).unwrap_or(0)),
                        applications::employer_id.eq(*employer),
                        applications::employer_path.eq(path.clone()),
                        applications::year.eq(year),
                        applications::series.eq("engineering"),
                        applications::specialty.eq(["电气工程", "土木工程", "机械工程"][i % 3]),
                        applications::level.eq("intermediate"),
                        applications::qualification.eq("工程师"),
                        applications::declaration_type.eq("normal"),
                        applications::name.eq(format!("生成申报人{applicant:06}")),
                        applications::id_number.eq(crate::pii::Pii::new(id)),
                        applications::gender.eq("male"),
                        applications::birth_date.eq(birth),
                    ),
                    (
                        applications::education.eq("bachelor"),
                        applications::current_title.eq("助理工程师"),
                        applications::years_of_service.eq(10),
                        applications::achievements.eq("生成数据"),
                        applications::phone.eq("13800000000"),
                        applications::stage.eq(stage.as_str()),
                        applications::holder_unit_id.eq(holder),
                        applications::committee_id.eq(if assigned {
                            committee.map(|c| c.0)
                        } else {
                            None
                        }),
                        applications::resubmission.eq(false),
                        applications::version.eq(1_i64),
                        applications::created_at.eq(now),
                        applications::updated_at.eq(now),
                        // Spread over the past year and the last 40 days, so that the
                        // dashboards' months and waits are not one bar.
                        applications::submitted_at.eq((stage != Stage::Draft)
                            .then(|| now - chrono::Duration::days(spread(i, 300)))),
                        applications::stage_entered_at
                            .eq(Some(now - chrono::Duration::days(spread(i, 40)))),
                        applications::review_passed.eq(match stage {
                            Stage::Passed => Some(true),
                            Stage::Failed => Some(false),
                            _ => None,
                        }),
                    ),
                )
            })
            .collect();
        conn.write_transaction(|conn| {
            let insert = diesel::insert_into(applications::table).values(rows);
            on_engine!(conn, |c| insert.execute(c))?;
            Ok::<(), ApiError>(())
        })?;
        start = end;
    }
    // A timeline entry for every generated application past its draft (the applicant's
    // submission), so that the events table has the size and spread of a real one: the action
    // path reads it by application, and a planner that sees it near empty scans it (issue 14,
    // goal 2: `application_events` read by sequential scans made 27 % of PostgreSQL's time).
    diesel::sql_query(format!(
        "INSERT INTO application_events (application_id, action, from_stage, to_stage, \
         from_holder_id, to_holder_id, actor_id, actor_name, actor_unit_id, opinion, detail, \
         withdrawn, created_at) \
         SELECT id, 'submit', 'draft', stage, employer_id, holder_unit_id, applicant_id, name, \
         employer_id, NULL, NULL, FALSE, COALESCE(submitted_at, created_at) \
         FROM applications WHERE id >= {first_app} AND stage <> 'draft' ORDER BY id",
    ))
    .execute(conn)?;
    if let DbConnection::Pg(pg) = conn {
        // Explicit ids bypass the sequences: move them past them.
        for table in ["accounts", "applications"] {
            diesel::sql_query(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .execute(pg)?;
        }
        diesel::sql_query("ANALYZE").execute(pg)?;
    } else {
        diesel::sql_query("ANALYZE").execute(conn)?;
    }
    Ok(Generated {
        accounts: account_count,
        applications: count,
        drafts,
    })
}

/// A deterministic spread of `i` over `0..days` days.
fn spread(i: usize, days: usize) -> i64 {
    i64::try_from((i.wrapping_mul(7919)) % days).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_id_numbers_are_valid_and_unique() {
        let ids: Vec<String> = (0..5_000).map(id_number).collect();
        for id in &ids {
            assert!(IdNumber::parse(id).is_ok(), "{id}");
        }
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len());
    }
}
