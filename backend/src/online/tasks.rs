//! The expert's home page (what waits for them) and an application's review progress (its
//! group and how many reviews are complete — never who wrote what).

use std::collections::HashMap;

use diesel::prelude::*;
use shared::{
    experts::{SessionExpertStatus, SessionStatus},
    online_review::{ExpertTasks, ReviewProgress, ReviewStatus, TaskReview, TaskSession},
};

use super::{attendance, count, review::DistributionRow, SessionExpertRow};
use crate::{
    auth::AuthUser,
    db::{
        schema::{
            applications, distributions, expert_reviews, experts, group_applications,
            review_groups, review_sessions, session_experts,
        },
        DbConnection,
    },
    error::ApiError,
};

/// The caller's sessions (not closed) and review forms.
pub fn expert_tasks(conn: &mut DbConnection, user: &AuthUser) -> Result<ExpertTasks, ApiError> {
    let places: Vec<(SessionExpertRow, String, SessionStatus)> = session_experts::table
        .inner_join(experts::table)
        .inner_join(review_sessions::table.on(review_sessions::id.eq(session_experts::session_id)))
        .filter(experts::account_id.eq(user.id))
        .filter(session_experts::status.eq(SessionExpertStatus::Active))
        .filter(review_sessions::status.ne(SessionStatus::Closed))
        .order(review_sessions::id.desc())
        .select((
            SessionExpertRow::as_select(),
            review_sessions::name,
            review_sessions::status,
        ))
        .load(conn)?;
    let mut sessions = Vec::with_capacity(places.len());
    let mut names: HashMap<i64, String> = HashMap::new();
    for (place, session_name, status) in &places {
        let progress = attendance::progress(conn, place.session_id)?;
        let group = place
            .group_id
            .and_then(|g| progress.into_iter().find(|p| p.group_id == g));
        names.insert(place.id, session_name.clone());
        sessions.push(TaskSession {
            session_id: place.session_id,
            session_name: session_name.clone(),
            status: *status,
            group_id: place.group_id,
            group_name: group.as_ref().map(|g| g.name.clone()),
            group_leader: place.group_leader,
            signed_in: place.signed_in(),
            review_started: group
                .as_ref()
                .is_some_and(|g| g.review_started_at.is_some()),
            dossiers: group.as_ref().map_or(0, |g| g.dossiers),
            distributed: group.as_ref().map_or(0, |g| g.distributed),
        });
    }
    let place_ids: Vec<i64> = places.iter().map(|p| p.0.id).collect();
    let rows: Vec<(i64, ReviewStatus, DistributionRow, String, String, String)> =
        expert_reviews::table
            .inner_join(distributions::table.inner_join(applications::table))
            .inner_join(review_groups::table.on(review_groups::id.eq(distributions::group_id)))
            .filter(distributions::session_expert_id.eq_any(&place_ids))
            .order((expert_reviews::status.desc(), applications::name.asc()))
            .select((
                expert_reviews::id,
                expert_reviews::status,
                DistributionRow::as_select(),
                applications::name,
                applications::specialty,
                review_groups::name,
            ))
            .load(conn)?;
    let mut reviews: Vec<TaskReview> = rows
        .into_iter()
        .map(|(id, status, d, name, specialty, group_name)| TaskReview {
            review_id: id,
            application_id: d.application_id,
            applicant_name: name,
            specialty,
            session_name: names.get(&d.session_expert_id).cloned().unwrap_or_default(),
            group_name,
            role: d.role(),
            status,
        })
        .collect();
    // Drafts (waiting) first.
    reviews.sort_by_key(|r| r.status == ReviewStatus::Completed);
    Ok(ExpertTasks { sessions, reviews })
}

/// Where the application stands in online review sessions (the caller must see it).
pub fn review_progress(
    conn: &mut DbConnection,
    application_id: i64,
) -> Result<Vec<ReviewProgress>, ApiError> {
    let groups: Vec<(
        i64,
        String,
        SessionStatus,
        String,
        i64,
        Option<chrono::NaiveDateTime>,
    )> = group_applications::table
        .inner_join(review_groups::table)
        .inner_join(
            review_sessions::table.on(review_sessions::id.eq(group_applications::session_id)),
        )
        .filter(group_applications::application_id.eq(application_id))
        .order(review_sessions::id.asc())
        .select((
            review_sessions::id,
            review_sessions::name,
            review_sessions::status,
            review_groups::name,
            review_groups::id,
            review_groups::review_started_at,
        ))
        .load(conn)?;
    let mut out = Vec::with_capacity(groups.len());
    for (session_id, session_name, status, group_name, group_id, started) in groups {
        let forms: Vec<(i64, Option<ReviewStatus>)> = distributions::table
            .left_join(expert_reviews::table)
            .filter(distributions::group_id.eq(group_id))
            .filter(distributions::application_id.eq(application_id))
            .select((distributions::id, expert_reviews::status.nullable()))
            .load(conn)?;
        out.push(ReviewProgress {
            session_id,
            session_name,
            session_status: status,
            group_name,
            reviewers: count(forms.len()),
            completed: count(
                forms
                    .iter()
                    .filter(|f| f.1 == Some(ReviewStatus::Completed))
                    .count(),
            ),
            review_started_at: super::time(started),
        });
    }
    Ok(out)
}
