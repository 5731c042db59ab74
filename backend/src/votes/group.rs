//! The group vote (组内投票, manual §6.2.10.6): once every review of the group is completed its
//! leader opens it (进入组内投票); each signed-in expert of the group votes agree / disagree /
//! abstain per applicant of the group, once; the leader closes it (组内统票) and the group's
//! recommendation per applicant (the counts and the majority view) is recorded. Advisory
//! (40号令): shown to the committee, it decides nothing. When the last group of a session opens
//! its vote (every review of the session completed) the session moves to `group_voting`.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::{json, Map, Value};
use shared::{
    experts::{SessionExpertStatus, SessionStatus},
    notices::NoticeObject,
    online_review::ReviewStatus,
    votes::{group_view, Counts, GroupVote, GroupVoteStatus, VoteChoice, VoteEntry},
    ErrorCode,
};

use super::{applicant_view, applicants, check_entries, recommendations, stored};
use crate::{
    audit::{self, Actor, Event},
    db::{
        schema::{
            distributions, expert_reviews, experts, group_recommendations, group_votes,
            review_groups, review_sessions, session_experts,
        },
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    online::{count, GroupRow, SessionExpertRow, SessionRow},
    versioned::{no_effects, Change, Kind},
};

/// Where the group's vote stands.
pub fn status(conn: &mut DbConnection, group_id: i64) -> Result<GroupVoteStatus, ApiError> {
    let (opened, closed): (Option<NaiveDateTime>, Option<NaiveDateTime>) = review_groups::table
        .find(group_id)
        .select((review_groups::vote_opened_at, review_groups::vote_closed_at))
        .first(conn)?;
    Ok(match (opened, closed) {
        (_, Some(_)) => GroupVoteStatus::Closed,
        (Some(_), None) => GroupVoteStatus::Open,
        (None, None) => GroupVoteStatus::NotOpen,
    })
}

/// (all, completed) review forms of a group.
fn reviews(conn: &mut DbConnection, group_id: i64) -> Result<(u32, u32), ApiError> {
    let forms: Vec<ReviewStatus> = expert_reviews::table
        .inner_join(distributions::table)
        .filter(distributions::group_id.eq(group_id))
        .select(expert_reviews::status)
        .load(conn)?;
    let done = forms
        .iter()
        .filter(|s| **s == ReviewStatus::Completed)
        .count();
    Ok((count(forms.len()), count(done)))
}

/// Group votes happen while the session reviews (groups finish at their own pace) or is in
/// group voting.
fn session_open(session: &SessionRow) -> Result<(), ApiError> {
    if matches!(
        session.status,
        SessionStatus::Reviewing | SessionStatus::GroupVoting
    ) {
        Ok(())
    } else {
        Err(ApiError::with_text(
            ErrorCode::GroupVoteNotOpen,
            format!(
                "评审会当前为“{}”，不能进行组内投票",
                session.status.label(shared::Locale::ZhCn)
            ),
            format!(
                "The session is {}; groups do not vote now",
                session.status.label(shared::Locale::En)
            ),
        ))
    }
}

/// The group vote screen; `me` is the caller's place when an expert of the group.
pub fn view(
    conn: &mut DbConnection,
    session: &SessionRow,
    group: &GroupRow,
    me: Option<&SessionExpertRow>,
) -> Result<GroupVote, ApiError> {
    let status = status(conn, group.id)?;
    let (all, done) = reviews(conn, group.id)?;
    let experts: Vec<SessionExpertRow> = session_experts::table
        .filter(session_experts::group_id.eq(group.id))
        .filter(session_experts::status.eq(SessionExpertStatus::Active))
        .select(SessionExpertRow::as_select())
        .load(conn)?;
    let votes: Vec<(i64, i64)> = group_votes::table
        .filter(group_votes::group_id.eq(group.id))
        .select((group_votes::application_id, group_votes::session_expert_id))
        .load(conn)?;
    let mut cast: HashMap<i64, u32> = HashMap::new();
    let mut mine = HashSet::new();
    for (app, se) in votes {
        *cast.entry(app).or_default() += 1;
        if me.is_some_and(|m| m.id == se) {
            mine.insert(app);
        }
    }
    let recs = recommendations(conn, session.id)?;
    let may_vote = me.is_some_and(|m| m.signed_in())
        && status == GroupVoteStatus::Open
        && session_open(session).is_ok();
    Ok(GroupVote {
        group_id: group.id,
        group_name: group.name.clone(),
        session_id: session.id,
        session_name: session.name.clone(),
        session_status: session.status,
        status,
        version: group.version,
        reviews: all,
        reviews_completed: done,
        experts: count(experts.len()),
        experts_signed_in: count(experts.iter().filter(|e| e.signed_in()).count()),
        is_leader: me.is_some_and(|m| m.group_leader),
        may_vote,
        applicants: applicants(conn, session.id, Some(group.id))?
            .into_iter()
            .map(|a| {
                let id = a.application_id;
                applicant_view(
                    a,
                    recs.get(&id).copied(),
                    mine.contains(&id),
                    cast.get(&id).copied().unwrap_or(0),
                )
            })
            .collect(),
    })
}

fn group_change<'a>(
    group: &GroupRow,
    version: i64,
    action: &'a str,
    actor: &'a Actor,
    now: NaiveDateTime,
) -> Change<'a> {
    Change {
        kind: Kind::ReviewGroup,
        id: group.id,
        read_version: version,
        action,
        actor,
        now,
    }
}

fn snapshot(id: i64) -> impl Fn(&mut DbConnection) -> Result<Value, ApiError> {
    move |conn| {
        let (opened, closed, version): (Option<NaiveDateTime>, Option<NaiveDateTime>, i64) =
            review_groups::table
                .find(id)
                .select((
                    review_groups::vote_opened_at,
                    review_groups::vote_closed_at,
                    review_groups::version,
                ))
                .first(conn)?;
        Ok(json!({
            "id": id,
            "vote_opened_at": opened.map(crate::clock::rfc3339),
            "vote_closed_at": closed.map(crate::clock::rfc3339),
            "version": version,
        }))
    }
}

/// 进入组内投票, by the signed-in leader (checked by the caller): every review of the group is
/// completed. The last group to open moves the session to `group_voting`.
pub fn open(
    conn: &mut DbConnection,
    actor: &Actor,
    session: &SessionRow,
    group: &GroupRow,
    version: i64,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let change = group_change(group, version, "vote.group_open", actor, now);
    change.expect(group.version)?;
    session_open(session)?;
    if status(conn, group.id)? != GroupVoteStatus::NotOpen {
        return Err(ApiError::with_text(
            ErrorCode::InvalidTransition,
            "本组已进入组内投票",
            "The group vote is open already",
        ));
    }
    let (all, done) = reviews(conn, group.id)?;
    if group.review_started_at.is_none() || all == 0 || done < all {
        return Err(ApiError::with_text(
            ErrorCode::GroupReviewsIncomplete,
            format!("本组评审意见已完成 {done} 份，共 {all} 份；全部完成后方可进入组内投票"),
            format!("{done} of {all} reviews of the group are completed; all must be"),
        ));
    }
    let id = group.id;
    change.apply(
        conn,
        snapshot(id),
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                review_groups,
                guard,
                review_groups::vote_opened_at.eq(Some(now))
            )?)
        },
        no_effects,
    )?;
    let voters: Vec<Option<i64>> = session_experts::table
        .inner_join(experts::table.on(experts::id.eq(session_experts::expert_id)))
        .filter(session_experts::group_id.eq(group.id))
        .filter(session_experts::status.eq(SessionExpertStatus::Active))
        .select(experts::account_id)
        .load(conn)?;
    super::notify_vote_opened(
        conn,
        voters,
        NoticeObject::GroupVote,
        group.id,
        format!("{}·{}", session.name, group.name),
        now,
    )?;
    if session.status == SessionStatus::Reviewing && all_reviews_done(conn, session.id)? {
        let change = Change {
            kind: Kind::Session,
            id: session.id,
            read_version: session.version,
            action: "vote.session_group_voting",
            actor,
            now,
        };
        change.apply(
            conn,
            |conn| {
                Ok(review_sessions::table
                    .find(session.id)
                    .select((review_sessions::status, review_sessions::version))
                    .first::<(SessionStatus, i64)>(conn)?)
            },
            |conn, guard| {
                Ok(guarded_update!(
                    conn,
                    review_sessions,
                    guard,
                    (
                        review_sessions::status.eq(SessionStatus::GroupVoting),
                        review_sessions::updated_at.eq(now),
                    )
                )?)
            },
            no_effects,
        )?;
    }
    Ok(())
}

/// Every group of the session entered review and opened its vote, and every review form of
/// the session is completed.
fn all_reviews_done(conn: &mut DbConnection, session_id: i64) -> Result<bool, ApiError> {
    let waiting_groups: i64 = review_groups::table
        .filter(review_groups::session_id.eq(session_id))
        .filter(review_groups::vote_opened_at.is_null())
        .count()
        .get_result(conn)?;
    let open_forms: i64 = expert_reviews::table
        .inner_join(distributions::table)
        .filter(distributions::session_id.eq(session_id))
        .filter(expert_reviews::status.ne(ReviewStatus::Completed))
        .count()
        .get_result(conn)?;
    Ok(waiting_groups == 0 && open_forms == 0)
}

/// One expert's votes in the group (the caller is `me`, a serving expert of the group).
pub fn cast(
    conn: &mut DbConnection,
    actor: &Actor,
    session: &SessionRow,
    group: &GroupRow,
    me: &SessionExpertRow,
    entries: &[VoteEntry],
    now: NaiveDateTime,
) -> Result<u32, ApiError> {
    me.require_signed_in()?;
    session_open(session)?;
    if status(conn, group.id)? != GroupVoteStatus::Open {
        return Err(ApiError::new(ErrorCode::GroupVoteNotOpen));
    }
    let allowed: HashSet<i64> = applicants(conn, session.id, Some(group.id))?
        .into_iter()
        .map(|a| a.application_id)
        .collect();
    let votes = check_entries(entries, &allowed)?;
    let ids: Vec<i64> = votes.iter().map(|v| v.0).collect();
    let already: i64 = group_votes::table
        .filter(group_votes::group_id.eq(group.id))
        .filter(group_votes::session_expert_id.eq(me.id))
        .filter(group_votes::application_id.eq_any(&ids))
        .count()
        .get_result(conn)?;
    if already > 0 {
        return Err(ApiError::new(ErrorCode::VoteAlreadyCast));
    }
    let rows: Vec<_> = votes
        .iter()
        .map(|(app, choice)| {
            (
                group_votes::session_id.eq(session.id),
                group_votes::group_id.eq(group.id),
                group_votes::application_id.eq(*app),
                group_votes::session_expert_id.eq(me.id),
                group_votes::choice.eq(*choice),
                group_votes::cast_at.eq(now),
            )
        })
        .collect();
    for chunk in rows.chunks(500) {
        crate::on_engine!(&mut *conn, |c| diesel::insert_into(group_votes::table)
            .values(chunk)
            .execute(c))
        .map_err(super::committee::unique_is_cast)?;
    }
    audit::append(
        conn,
        actor,
        &Event {
            action: "vote.group_cast",
            target_type: Kind::ReviewGroup.target_type(),
            target_id: Some(group.id.to_string()),
            success: true,
            before: None,
            after: Some(json!({
                "session_expert_id": me.id,
                "votes": votes.iter().map(|(a, c)| json!({"application_id": a, "choice": c})).collect::<Vec<_>>(),
            })),
        },
        now,
    )?;
    Ok(count(votes.len()))
}

/// 组内统票, by the signed-in leader: records the recommendation per applicant.
pub fn close(
    conn: &mut DbConnection,
    actor: &Actor,
    session: &SessionRow,
    group: &GroupRow,
    version: i64,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let change = group_change(group, version, "vote.group_close", actor, now);
    change.expect(group.version)?;
    session_open(session)?;
    if status(conn, group.id)? != GroupVoteStatus::Open {
        return Err(ApiError::new(ErrorCode::GroupVoteNotOpen));
    }
    let apps = applicants(conn, session.id, Some(group.id))?;
    let votes: Vec<(i64, VoteChoice)> = group_votes::table
        .filter(group_votes::group_id.eq(group.id))
        .select((group_votes::application_id, group_votes::choice))
        .load(conn)?;
    let mut counts: HashMap<i64, Counts> = HashMap::new();
    for (app, choice) in votes {
        counts.entry(app).or_default().add(choice);
    }
    let (group_id, session_id) = (group.id, session.id);
    change.apply(
        conn,
        snapshot(group_id),
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                review_groups,
                guard,
                review_groups::vote_closed_at.eq(Some(now))
            )?)
        },
        |conn| {
            let mut recorded = Vec::new();
            for a in &apps {
                let c = counts.get(&a.application_id).copied().unwrap_or_default();
                let view = group_view(c);
                diesel::insert_into(group_recommendations::table)
                    .values((
                        group_recommendations::group_id.eq(group_id),
                        group_recommendations::session_id.eq(session_id),
                        group_recommendations::application_id.eq(a.application_id),
                        group_recommendations::agree.eq(stored(c.agree)),
                        group_recommendations::disagree.eq(stored(c.disagree)),
                        group_recommendations::abstain.eq(stored(c.abstain)),
                        group_recommendations::view.eq(view),
                    ))
                    .execute(conn)?;
                recorded.push(json!({
                    "application_id": a.application_id,
                    "agree": c.agree,
                    "disagree": c.disagree,
                    "abstain": c.abstain,
                    "view": view,
                }));
            }
            let mut m = Map::new();
            m.insert("recommendations".to_owned(), Value::Array(recorded));
            Ok(m)
        },
    )?;
    Ok(())
}
