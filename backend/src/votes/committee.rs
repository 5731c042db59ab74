//! The committee vote (评委会投票, manual §6.2.10.7): the organising unit opens it once every
//! group has closed its vote; each signed-in member (a serving expert with a committee
//! position) votes once per applicant by **secret ballot**.
//!
//! Secrecy: a ballot row is (random id, session, application, choice) — no voter, no time,
//! and a key that does not follow the order of casting (SQLite stores it `WITHOUT ROWID`).
//! `committee_voted` (session, application, member) says who has voted on whom; its key makes
//! a second vote fail in the same transaction. The audit row of a cast names the member and
//! the applicants, never the choices; answers say how many ballots a member cast, never which.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rand_core::RngCore;
use serde_json::json;
use shared::{
    experts::{SessionExpertStatus, SessionStatus},
    notices::NoticeObject,
    votes::{CommitteeVote, GroupVoteStatus, VoteEntry},
    ErrorCode,
};

use super::{applicant_view, applicants, check_entries, recommendations};
use crate::{
    audit::{self, Actor, Event},
    db::{
        schema::{
            committee_ballots, committee_voted, experts, review_groups, review_sessions,
            session_experts,
        },
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    online::{count, SessionExpertRow, SessionRow},
    versioned::{no_effects, Change, Kind},
};

/// A unique-key violation on a vote table is a second vote: 409 `vote_already_cast`.
pub fn unique_is_cast(e: diesel::result::Error) -> ApiError {
    use diesel::result::{DatabaseErrorKind, Error};
    match e {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
            ApiError::new(ErrorCode::VoteAlreadyCast)
        }
        e => e.into(),
    }
}

/// The serving members of the committee (experts with a committee position).
pub fn members(
    conn: &mut DbConnection,
    session_id: i64,
) -> Result<Vec<SessionExpertRow>, ApiError> {
    Ok(session_experts::table
        .filter(session_experts::session_id.eq(session_id))
        .filter(session_experts::status.eq(SessionExpertStatus::Active))
        .filter(session_experts::committee_position.is_not_null())
        .select(SessionExpertRow::as_select())
        .load(conn)?)
}

/// 409 `committee_vote_not_open` unless the session is in committee voting.
pub fn require_open(session: &SessionRow) -> Result<(), ApiError> {
    if session.status == SessionStatus::CommitteeVoting {
        Ok(())
    } else {
        Err(ApiError::with_text(
            ErrorCode::CommitteeVoteNotOpen,
            format!(
                "评审会当前为“{}”，不在评委会投票阶段",
                session.status.label(shared::Locale::ZhCn)
            ),
            format!(
                "The session is {}, not in committee voting",
                session.status.label(shared::Locale::En)
            ),
        ))
    }
}

/// The committee vote screen. `me`: the caller's place when an expert of the session;
/// `organiser`: the caller is the organising unit (may tally).
pub fn view(
    conn: &mut DbConnection,
    session: &SessionRow,
    me: Option<&SessionExpertRow>,
    organiser: bool,
) -> Result<CommitteeVote, ApiError> {
    let members = members(conn, session.id)?;
    let rules = super::rules(conn)?;
    let size = count(members.len());
    let mine: HashSet<i64> = match me {
        Some(m) => committee_voted::table
            .filter(committee_voted::session_id.eq(session.id))
            .filter(committee_voted::session_expert_id.eq(m.id))
            .select(committee_voted::application_id)
            .load::<i64>(conn)?
            .into_iter()
            .collect(),
        None => HashSet::new(),
    };
    let cast: HashMap<i64, u32> = committee_voted::table
        .filter(committee_voted::session_id.eq(session.id))
        .group_by(committee_voted::application_id)
        .select((committee_voted::application_id, diesel::dsl::count_star()))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .map(|(a, n)| (a, u32::try_from(n).unwrap_or(0)))
        .collect();
    let is_member = me.is_some_and(|m| m.committee_position.is_some());
    let open = session.status == SessionStatus::CommitteeVoting;
    let director = me.is_some_and(|m| {
        m.committee_position == Some(shared::experts::CommitteePosition::Director) && m.signed_in()
    });
    let recs = recommendations(conn, session.id)?;
    Ok(CommitteeVote {
        session_id: session.id,
        session_name: session.name.clone(),
        status: session.status,
        version: session.version,
        committee_size: size,
        members_signed_in: count(members.iter().filter(|m| m.signed_in()).count()),
        quorum: rules.quorum(size),
        rules,
        is_member,
        may_vote: is_member && open && me.is_some_and(SessionExpertRow::signed_in),
        may_tally: open && (organiser || director),
        applicants: applicants(conn, session.id, None)?
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

/// 进入评委会投票, by the organising unit (checked by the caller): every group closed its vote.
pub fn open(
    conn: &mut DbConnection,
    actor: &Actor,
    session: &SessionRow,
    version: i64,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let change = Change {
        kind: Kind::Session,
        id: session.id,
        read_version: version,
        action: "vote.committee_open",
        actor,
        now,
    };
    change.expect(session.version)?;
    if session.status != SessionStatus::GroupVoting {
        return Err(ApiError::with_text(
            ErrorCode::GroupVotesPending,
            format!(
                "评审会当前为“{}”，各小组完成组内投票后方可进入评委会投票",
                session.status.label(shared::Locale::ZhCn)
            ),
            format!(
                "The session is {}; the committee votes after every group voted",
                session.status.label(shared::Locale::En)
            ),
        ));
    }
    let groups: Vec<(i64, String)> = review_groups::table
        .filter(review_groups::session_id.eq(session.id))
        .order(review_groups::sort.asc())
        .select((review_groups::id, review_groups::name))
        .load(conn)?;
    for (id, name) in groups {
        if super::group::status(conn, id)? != GroupVoteStatus::Closed {
            return Err(ApiError::with_text(
                ErrorCode::GroupVotesPending,
                format!("小组“{name}”尚未完成组内统票"),
                format!("Group “{name}” has not closed its vote"),
            ));
        }
    }
    let id = session.id;
    change.apply(
        conn,
        |conn| {
            Ok(review_sessions::table
                .find(id)
                .select((review_sessions::status, review_sessions::version))
                .first::<(SessionStatus, i64)>(conn)?)
        },
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                review_sessions,
                guard,
                (
                    review_sessions::status.eq(SessionStatus::CommitteeVoting),
                    review_sessions::committee_vote_opened_at.eq(Some(now)),
                    review_sessions::updated_at.eq(now),
                )
            )?)
        },
        no_effects,
    )?;
    let voters: Vec<Option<i64>> = session_experts::table
        .inner_join(experts::table.on(experts::id.eq(session_experts::expert_id)))
        .filter(session_experts::session_id.eq(session.id))
        .filter(session_experts::status.eq(SessionExpertStatus::Active))
        .filter(session_experts::committee_position.is_not_null())
        .select(experts::account_id)
        .load(conn)?;
    super::notify_vote_opened(
        conn,
        voters,
        NoticeObject::CommitteeVote,
        session.id,
        session.name.clone(),
        now,
    )?;
    Ok(())
}

/// A random ballot key (128 bits from the OS): its order says nothing of the order of casting.
fn ballot_id() -> String {
    let mut bytes = [0_u8; 16];
    rand_core::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Casts the member's ballots (all or nothing). The caller is `me`, a serving expert of the
/// session (checked by the caller); here: a member, signed in, the vote open, each applicant
/// of the session once and not voted on before by this member.
pub fn cast(
    conn: &mut DbConnection,
    actor: &Actor,
    session: &SessionRow,
    me: &SessionExpertRow,
    entries: &[VoteEntry],
    now: NaiveDateTime,
) -> Result<Vec<i64>, ApiError> {
    if me.committee_position.is_none() {
        return Err(ApiError::new(ErrorCode::NotCommitteeMember));
    }
    me.require_signed_in()?;
    require_open(session)?;
    let allowed: HashSet<i64> = applicants(conn, session.id, None)?
        .into_iter()
        .map(|a| a.application_id)
        .collect();
    let votes = check_entries(entries, &allowed)?;
    let ids: Vec<i64> = votes.iter().map(|v| v.0).collect();
    let already: i64 = committee_voted::table
        .filter(committee_voted::session_id.eq(session.id))
        .filter(committee_voted::session_expert_id.eq(me.id))
        .filter(committee_voted::application_id.eq_any(&ids))
        .count()
        .get_result(conn)?;
    if already > 0 {
        return Err(ApiError::new(ErrorCode::VoteAlreadyCast));
    }
    let voted: Vec<_> = ids
        .iter()
        .map(|app| {
            (
                committee_voted::session_id.eq(session.id),
                committee_voted::application_id.eq(*app),
                committee_voted::session_expert_id.eq(me.id),
            )
        })
        .collect();
    for chunk in voted.chunks(500) {
        crate::on_engine!(&mut *conn, |c| diesel::insert_into(committee_voted::table)
            .values(chunk)
            .execute(c))
        .map_err(unique_is_cast)?;
    }
    // The ballots go in sorted by their random key, not in the request's order.
    let mut keyed: Vec<(String, i64, shared::votes::VoteChoice)> = votes
        .iter()
        .map(|(app, choice)| (ballot_id(), *app, *choice))
        .collect();
    keyed.sort();
    let ballots: Vec<_> = keyed
        .into_iter()
        .map(|(key, app, choice)| {
            (
                committee_ballots::id.eq(key),
                committee_ballots::session_id.eq(session.id),
                committee_ballots::application_id.eq(app),
                committee_ballots::choice.eq(choice),
            )
        })
        .collect();
    for chunk in ballots.chunks(500) {
        crate::on_engine!(&mut *conn, |c| diesel::insert_into(
            committee_ballots::table
        )
        .values(chunk)
        .execute(c))?;
    }
    audit::append(
        conn,
        actor,
        &Event {
            action: "vote.committee_cast",
            target_type: Kind::Session.target_type(),
            target_id: Some(session.id.to_string()),
            success: true,
            before: None,
            after: Some(json!({
                "session_expert_id": me.id,
                "ballots": ids.len(),
                "application_ids": ids,
            })),
        },
        now,
    )?;
    Ok(ids)
}
