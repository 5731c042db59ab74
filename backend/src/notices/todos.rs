//! The home page's to-dos: the application queues (counted by the list's own `todo=true`
//! query), review forms to complete, votes to cast, sessions in progress, filings to audit,
//! reports to resolve — each only for a caller who can act on it, by the same rules the pages
//! apply.

use std::collections::BTreeMap;

use diesel::prelude::*;
use shared::{
    experts::{SessionExpertStatus, SessionStatus},
    notices::{Todo, TodoKind},
    online_review::ReviewStatus,
    publicity::{PublicityKind, PublicityStatus, ReportStatus},
    review_filing::ReviewFilingStatus,
    workflow::QUEUES,
    AccountKind, Module,
};

use crate::{
    applications::query::todo_count,
    auth::AuthUser,
    committees::{filings::auditor_unit, is_unit_side},
    db::{
        schema::{
            committee_voted, committees, distributions, expert_reviews, experts,
            group_applications, group_votes, publicity_batches, publicity_reports, review_filings,
            review_groups, review_sessions, session_experts,
        },
        DbConnection,
    },
    error::ApiError,
    publicity::module_of,
};

/// The caller's to-dos, in a fixed order.
pub fn todos(conn: &mut DbConnection, user: &AuthUser) -> Result<Vec<Todo>, ApiError> {
    let mut out = Vec::new();
    let todo = |kind, count, path: &str| Todo {
        kind,
        stage: None,
        publicity: None,
        count,
        path: path.to_owned(),
    };
    // Before anything else, an expert completes the profile (the home page's first card).
    if user.kind == AccountKind::Expert && user.modules.contains(&Module::ExpertProfile) {
        let incomplete: i64 = experts::table
            .filter(experts::account_id.eq(user.id))
            .filter(experts::profile_completed_at.is_null())
            .count()
            .get_result(conn)?;
        if incomplete > 0 {
            out.push(todo(TodoKind::ExpertProfile, 1, "/experts/profile"));
        }
    }
    if user.modules.contains(&Module::MyApplications) {
        out.push(todo(
            TodoKind::MyApplications,
            todo_count(conn, user, None)?,
            "/title/my-applications",
        ));
    }
    for &(module, stage) in QUEUES {
        if user.modules.contains(&module) {
            out.push(Todo {
                stage: Some(stage),
                ..todo(
                    TodoKind::Queue,
                    todo_count(conn, user, Some(stage))?,
                    &format!("/title/queue/{}", stage.as_str()),
                )
            });
        }
    }
    if user.kind == AccountKind::Expert && user.modules.contains(&Module::ExpertReview) {
        out.push(todo(
            TodoKind::ExpertReviews,
            expert_reviews(conn, user)?,
            "/online/reviews",
        ));
        out.push(todo(
            TodoKind::OpenVotes,
            open_votes(conn, user)?,
            "/online/reviews",
        ));
    }
    if is_unit_side(user) && user.modules.contains(&Module::Sessions) {
        let count: i64 = review_sessions::table
            .inner_join(committees::table.on(committees::id.eq(review_sessions::committee_id)))
            .filter(committees::unit_id.eq(user.unit_id))
            .filter(review_sessions::status.ne(SessionStatus::Closed))
            .count()
            .get_result(conn)?;
        out.push(todo(TodoKind::Sessions, count, "/online/sessions"));
    }
    if is_unit_side(user) && user.modules.contains(&Module::FilingAudit) {
        out.push(todo(
            TodoKind::FilingsToAudit,
            filings_to_audit(conn, user)?,
            "/online/filings?status=submitted",
        ));
    }
    // Reports to resolve: on the batches the caller manages (`publicity::can_manage`): its
    // unit's application and result publicity, or the nominee and failure publicity it made.
    let (owned, mine): (&[PublicityKind], bool) = if is_unit_side(user) {
        (&[PublicityKind::Application, PublicityKind::Result], false)
    } else if user.kind == AccountKind::PolicyReviewer {
        (&[PublicityKind::Nominee, PublicityKind::Failure], true)
    } else {
        (&[], false)
    };
    let held: Vec<PublicityKind> = owned
        .iter()
        .copied()
        .filter(|k| user.modules.contains(&module_of(*k)))
        .collect();
    if !held.is_empty() {
        let mut q = publicity_reports::table
            .inner_join(publicity_batches::table)
            .filter(publicity_batches::status.eq(PublicityStatus::Published))
            .filter(publicity_batches::kind.eq_any(held.clone()))
            .filter(publicity_reports::status.eq(ReportStatus::Open))
            .into_boxed();
        q = if mine {
            q.filter(publicity_batches::created_by.eq(user.id))
        } else {
            q.filter(publicity_batches::unit_id.eq(user.unit_id))
        };
        let kinds: Vec<PublicityKind> = q.select(publicity_batches::kind).load(conn)?;
        let mut open: BTreeMap<PublicityKind, i64> = BTreeMap::new();
        for k in kinds {
            *open.entry(k).or_default() += 1;
        }
        for kind in held {
            out.push(Todo {
                kind: TodoKind::ReportsToResolve,
                stage: None,
                publicity: Some(kind),
                count: open.get(&kind).copied().unwrap_or(0),
                path: format!("/publicity/{}", kind.as_str()),
            });
        }
    }
    Ok(out)
}

/// An expert's place in a session: (place, session, group, committee position, status).
type Place = (i64, i64, Option<i64>, Option<String>, SessionStatus);

/// The caller's places (active, sessions not closed).
fn places(conn: &mut DbConnection, user: &AuthUser) -> Result<Vec<Place>, ApiError> {
    Ok(session_experts::table
        .inner_join(experts::table)
        .inner_join(review_sessions::table.on(review_sessions::id.eq(session_experts::session_id)))
        .filter(experts::account_id.eq(user.id))
        .filter(session_experts::status.eq(SessionExpertStatus::Active))
        .filter(review_sessions::status.ne(SessionStatus::Closed))
        .select((
            session_experts::id,
            session_experts::session_id,
            session_experts::group_id,
            session_experts::committee_position,
            review_sessions::status,
        ))
        .load(conn)?)
}

/// Draft review forms of the caller's places.
fn expert_reviews(conn: &mut DbConnection, user: &AuthUser) -> Result<i64, ApiError> {
    let mine: Vec<i64> = places(conn, user)?.into_iter().map(|p| p.0).collect();
    Ok(expert_reviews::table
        .inner_join(distributions::table)
        .filter(distributions::session_expert_id.eq_any(mine))
        .filter(expert_reviews::status.eq(ReviewStatus::Draft))
        .count()
        .get_result(conn)?)
}

/// Open votes (a group's, the committee's) in which the caller has not voted on everyone.
fn open_votes(conn: &mut DbConnection, user: &AuthUser) -> Result<i64, ApiError> {
    let mut open = 0;
    for (place, session, group, position, status) in places(conn, user)? {
        if let Some(group) = group {
            let (opened, closed): (Option<_>, Option<_>) = review_groups::table
                .find(group)
                .select((review_groups::vote_opened_at, review_groups::vote_closed_at))
                .first::<(Option<chrono::NaiveDateTime>, Option<chrono::NaiveDateTime>)>(conn)?;
            if opened.is_some() && closed.is_none() {
                let applicants: i64 = group_applications::table
                    .filter(group_applications::group_id.eq(group))
                    .count()
                    .get_result(conn)?;
                let cast: i64 = group_votes::table
                    .filter(group_votes::group_id.eq(group))
                    .filter(group_votes::session_expert_id.eq(place))
                    .count()
                    .get_result(conn)?;
                open += i64::from(cast < applicants);
            }
        }
        if position.is_some() && status == SessionStatus::CommitteeVoting {
            let applicants: i64 = group_applications::table
                .inner_join(review_groups::table)
                .filter(review_groups::session_id.eq(session))
                .count()
                .get_result(conn)?;
            let cast: i64 = committee_voted::table
                .filter(committee_voted::session_id.eq(session))
                .filter(committee_voted::session_expert_id.eq(place))
                .count()
                .get_result(conn)?;
            open += i64::from(cast < applicants);
        }
    }
    Ok(open)
}

/// Submitted filings whose auditor is the caller's unit, not submitted by the caller.
fn filings_to_audit(conn: &mut DbConnection, user: &AuthUser) -> Result<i64, ApiError> {
    let submitted: Vec<(i64, Option<i64>)> = crate::review_filing::visible_query(user)
        .filter(review_filings::status.eq(ReviewFilingStatus::Submitted))
        .select((review_filings::unit_id, review_filings::submitted_by))
        .load(conn)?;
    let mut count = 0;
    for (unit, by) in submitted {
        if by != Some(user.id) && auditor_unit(conn, unit)? == user.unit_id {
            count += 1;
        }
    }
    Ok(count)
}
