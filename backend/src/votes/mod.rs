//! Votes (issue 11, manual §6.2.10.6–§6.2.10.8): the group vote, the committee's secret
//! ballot, the tally and the vote sheet, and the tally results.
//!
//! Where a rule lives:
//! - the tally and the group's majority view: `shared::votes::{tally, group_view}` (pure);
//! - the thresholds: the `vote_rules` setting ([`rules`]), 人社部令第40号 defaults;
//! - secrecy: `committee_ballots` has no voter column, no time and a random key;
//!   `committee_voted` records who voted on whom (once only, by its key) in the same
//!   transaction; no answer, export, log or audit row carries a committee member's choice.

pub mod committee;
pub mod group;
pub mod results;
pub mod sheet;
pub mod tally;

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use shared::{
    notices::{NoticeKind, NoticeObject, NoticeParams},
    votes::{Counts, GroupRecommendation, VoteApplicant, VoteChoice, VoteEntry, VoteRules},
    ErrorCode,
};

use crate::{
    db::{
        schema::{applications, group_applications, group_recommendations, review_groups, units},
        settings, DbConnection,
    },
    error::ApiError,
};

/// Tells each voter with an account that a vote opened (in the opening's transaction).
fn notify_vote_opened(
    conn: &mut DbConnection,
    voters: Vec<Option<i64>>,
    object: NoticeObject,
    object_id: i64,
    label: String,
    now: chrono::NaiveDateTime,
) -> Result<(), ApiError> {
    let notices: Vec<crate::notices::New> = voters
        .into_iter()
        .flatten()
        .collect::<std::collections::BTreeSet<i64>>()
        .into_iter()
        .map(|account| crate::notices::New {
            to: crate::notices::To::Account(account),
            kind: NoticeKind::VoteOpened,
            object,
            object_id,
            params: NoticeParams {
                label: Some(label.clone()),
                ..NoticeParams::default()
            },
        })
        .collect();
    crate::notices::write(conn, &notices, now)
}

/// The rules in force (the defaults until an administrator changes them). A tally stores the
/// rules it applied on its session (`review_sessions.vote_rules`), and the vote sheet reads
/// them from there: a change never reaches a session already tallied.
pub fn rules(conn: &mut DbConnection) -> Result<VoteRules, ApiError> {
    settings::current(conn, VoteRules::KEY)
}

/// 422 `validation_failed` naming the field and its bounds unless both fractions are within
/// those of [`VoteRules::valid`].
pub fn validate_rules(r: &VoteRules) -> Result<(), ApiError> {
    let max = VoteRules::MAX_DEN;
    let (field, den) = match r.fault() {
        None => return Ok(()),
        Some(f @ ("quorum_num" | "quorum_den")) => (f, r.quorum_den),
        Some(f) => (f, r.pass_den),
    };
    Err(if field.ends_with("_den") {
        ApiError::validation(
            field,
            &format!("分母须为 1 至 {max} 的整数"),
            &format!("the denominator must be a whole number from 1 to {max}"),
        )
    } else {
        ApiError::validation(
            field,
            &format!("分子须为 1 至分母 {den} 的整数（比例大于 0 且不超过 1）"),
            &format!(
                "the numerator must be a whole number from 1 to the denominator, {den} (a fraction above 0 and at most 1)"
            ),
        )
    })
}

/// An applicant of a session as the votes list it (application id first).
#[derive(Debug, Clone)]
pub struct Applicant {
    pub application_id: i64,
    pub group_id: i64,
    pub group_name: String,
    pub name: String,
    pub employer: String,
    pub specialty: String,
    pub qualification: String,
}

/// The applicants of a session (or of one group), by group order then application id.
pub fn applicants(
    conn: &mut DbConnection,
    session_id: i64,
    group: Option<i64>,
) -> Result<Vec<Applicant>, ApiError> {
    let mut q = group_applications::table
        .inner_join(review_groups::table)
        .inner_join(applications::table)
        .inner_join(units::table.on(units::id.eq(applications::employer_id)))
        .filter(group_applications::session_id.eq(session_id))
        .into_boxed();
    if let Some(g) = group {
        q = q.filter(group_applications::group_id.eq(g));
    }
    let rows: Vec<(i64, i64, String, String, String, String, String)> = q
        .order((
            review_groups::sort.asc(),
            review_groups::id.asc(),
            applications::id.asc(),
        ))
        .select((
            applications::id,
            review_groups::id,
            review_groups::name,
            applications::name,
            units::name,
            applications::specialty,
            applications::qualification,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(application_id, group_id, group_name, name, employer, specialty, qualification)| {
                Applicant {
                    application_id,
                    group_id,
                    group_name,
                    name,
                    employer,
                    specialty,
                    qualification,
                }
            },
        )
        .collect())
}

/// The recorded group recommendations of a session, by application.
pub fn recommendations(
    conn: &mut DbConnection,
    session_id: i64,
) -> Result<HashMap<i64, GroupRecommendation>, ApiError> {
    let rows: Vec<(i64, i32, i32, i32, shared::votes::GroupView)> = group_recommendations::table
        .filter(group_recommendations::session_id.eq(session_id))
        .select((
            group_recommendations::application_id,
            group_recommendations::agree,
            group_recommendations::disagree,
            group_recommendations::abstain,
            group_recommendations::view,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(app, a, d, x, view)| {
            (
                app,
                GroupRecommendation {
                    counts: Counts {
                        agree: count(a),
                        disagree: count(d),
                        abstain: count(x),
                    },
                    view,
                },
            )
        })
        .collect())
}

/// The wire row of an applicant.
pub fn applicant_view(
    a: Applicant,
    recommendation: Option<GroupRecommendation>,
    i_voted: bool,
    votes_cast: u32,
) -> VoteApplicant {
    VoteApplicant {
        application_id: a.application_id,
        name: a.name,
        employer: a.employer,
        specialty: a.specialty,
        qualification: a.qualification,
        group_name: a.group_name,
        recommendation,
        i_voted,
        votes_cast,
    }
}

/// 422 `ballot_invalid` unless the request names at least one applicant, each once, all of
/// `allowed`. Answers the entries as (application, choice).
pub fn check_entries(
    entries: &[VoteEntry],
    allowed: &HashSet<i64>,
) -> Result<Vec<(i64, VoteChoice)>, ApiError> {
    if entries.is_empty() {
        return Err(ApiError::with_text(
            ErrorCode::BallotInvalid,
            "请至少对一名申报人投票",
            "Vote on at least one applicant",
        )
        .at_field("votes"));
    }
    let mut seen = HashSet::new();
    for e in entries {
        if !allowed.contains(&e.application_id) {
            return Err(ApiError::with_text(
                ErrorCode::BallotInvalid,
                format!("申报 {} 不在本次表决范围内", e.application_id),
                format!("Application {} is not on this vote", e.application_id),
            )
            .at_field("votes"));
        }
        if !seen.insert(e.application_id) {
            return Err(ApiError::with_text(
                ErrorCode::BallotInvalid,
                format!("申报 {} 在一次提交中出现了两次", e.application_id),
                format!("Application {} appears twice", e.application_id),
            )
            .at_field("votes"));
        }
    }
    Ok(entries
        .iter()
        .map(|e| (e.application_id, e.choice))
        .collect())
}

/// A stored count as `u32`.
pub fn count(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// A `u32` count as stored.
pub fn stored(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}
