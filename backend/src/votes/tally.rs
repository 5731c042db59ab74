//! The tally (统票, manual §6.2.10.7) by the director or the organising unit: the counts per
//! applicant from the secret ballots, the members attending, the pure rule of
//! `shared::votes::tally`, then in one transaction: the tally results, the session →
//! `tallied` (with the ballots' digest and the rules applied), and each application moved —
//! passed → `result_publicity`, not passed → `failed` — with its timeline event and audit row.
//!
//! Attending (出席) = the members signed in at the tally together with every member who cast a
//! ballot (a member who voted and then signed out attended the vote).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use shared::{
    experts::SessionStatus,
    votes::{self as rules_mod, Counts, TallyRefusal, VoteChoice},
    workflow::Stage,
    ErrorCode,
};

use super::{applicants, committee, stored};
use crate::{
    applications::write::apply_tally_all,
    audit::Actor,
    db::{
        schema::{
            accounts, applications, committee_ballots, committee_voted, review_sessions,
            tally_results,
        },
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    online::{count, SessionRow},
    versioned::{Change, Kind},
};

/// SHA-256 (hex) of the session's ballots in canonical order: a header line, then one line
/// `application_id<TAB>choice` per ballot sorted by application and choice. Anyone holding the
/// ballots (and nothing else) can recompute it.
pub fn digest(conn: &mut DbConnection, session_id: i64) -> Result<(String, u32), ApiError> {
    let mut ballots: Vec<(i64, VoteChoice)> = committee_ballots::table
        .filter(committee_ballots::session_id.eq(session_id))
        .select((committee_ballots::application_id, committee_ballots::choice))
        .load(conn)?;
    ballots.sort();
    let mut h = Sha256::new();
    h.update(format!("ballots of session {session_id}\n").as_bytes());
    for (app, choice) in &ballots {
        h.update(format!("{app}\t{}\n", choice.as_str()).as_bytes());
    }
    Ok((hex::encode(h.finalize()), count(ballots.len())))
}

/// Counts per application of the session's ballots.
pub fn counts(conn: &mut DbConnection, session_id: i64) -> Result<HashMap<i64, Counts>, ApiError> {
    let rows: Vec<(i64, VoteChoice, i64)> = committee_ballots::table
        .filter(committee_ballots::session_id.eq(session_id))
        .group_by((committee_ballots::application_id, committee_ballots::choice))
        .select((
            committee_ballots::application_id,
            committee_ballots::choice,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    let mut out: HashMap<i64, Counts> = HashMap::new();
    for (app, choice, n) in rows {
        let c = out.entry(app).or_default();
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        match choice {
            VoteChoice::Agree => c.agree = n,
            VoteChoice::Disagree => c.disagree = n,
            VoteChoice::Abstain => c.abstain = n,
        }
    }
    Ok(out)
}

/// Tallies the session (the caller checked who may). Answers (passed, failed).
pub fn run(
    conn: &mut DbConnection,
    actor: &Actor,
    session: &SessionRow,
    version: i64,
    now: NaiveDateTime,
) -> Result<(u32, u32), ApiError> {
    let change = Change {
        kind: Kind::Session,
        id: session.id,
        read_version: version,
        action: "vote.tally",
        actor,
        now,
    };
    change.expect(session.version)?;
    committee::require_open(session)?;
    let members = committee::members(conn, session.id)?;
    let voted: HashSet<i64> = committee_voted::table
        .filter(committee_voted::session_id.eq(session.id))
        .select(committee_voted::session_expert_id)
        .distinct()
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    let attending = count(
        members
            .iter()
            .filter(|m| m.signed_in() || voted.contains(&m.id))
            .count(),
    );
    let size = count(members.len());
    let rules = super::rules(conn)?;
    let counts = counts(conn, session.id)?;
    // Applications still in online review are tallied (one terminated meanwhile is not).
    let ids: Vec<i64> = applicants(conn, session.id, None)?
        .into_iter()
        .map(|a| a.application_id)
        .collect();
    let in_review: HashSet<i64> = applications::table
        .filter(applications::id.eq_any(&ids))
        .filter(applications::stage.eq(Stage::OnlineReview))
        .select(applications::id)
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    let votes: Vec<(i64, Counts)> = ids
        .iter()
        .filter(|id| in_review.contains(id))
        .map(|id| (*id, counts.get(id).copied().unwrap_or_default()))
        .collect();
    let outcomes = rules_mod::tally(&rules, size, attending, &votes).map_err(|r| match r {
        TallyRefusal::QuorumNotMet { attending, quorum } => ApiError::with_text(
            ErrorCode::QuorumNotMet,
            format!(
                "评委会共 {size} 名委员，出席 {attending} 名，不足 {quorum} 名，会议无效，不能统票"
            ),
            format!(
                "{attending} of {size} members attend; {quorum} are needed for a valid meeting"
            ),
        ),
        TallyRefusal::TooManyVotes { application_id } => ApiError::internal(anyhow::anyhow!(
            "application {application_id} has more ballots than members attending"
        )),
    })?;
    let (digest, _) = digest(conn, session.id)?;
    let rules_json = serde_json::to_string(&rules).map_err(ApiError::internal)?;
    let display: Option<String> = match actor.id {
        Some(id) => accounts::table
            .find(id)
            .select(accounts::display_name)
            .first(conn)
            .optional()?,
        None => None,
    };
    let passed = count(outcomes.iter().filter(|o| o.passed).count());
    let failed = count(outcomes.len()) - passed;
    let sid = session.id;
    change.apply(
        conn,
        |conn| {
            Ok(review_sessions::table
                .find(sid)
                .select((review_sessions::status, review_sessions::version))
                .first::<(SessionStatus, i64)>(conn)?)
        },
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                review_sessions,
                guard,
                (
                    review_sessions::status.eq(SessionStatus::Tallied),
                    review_sessions::tallied_at.eq(Some(now)),
                    review_sessions::committee_size.eq(Some(stored(size))),
                    review_sessions::attending.eq(Some(stored(attending))),
                    review_sessions::ballots_digest.eq(Some(digest.clone())),
                    review_sessions::vote_rules.eq(Some(rules_json.clone())),
                    review_sessions::updated_at.eq(now),
                )
            )?)
        },
        |conn| {
            let rows: Vec<_> = outcomes
                .iter()
                .map(|o| {
                    (
                        tally_results::session_id.eq(sid),
                        tally_results::application_id.eq(o.application_id),
                        tally_results::agree.eq(stored(o.counts.agree)),
                        tally_results::disagree.eq(stored(o.counts.disagree)),
                        tally_results::abstain.eq(stored(o.counts.abstain)),
                        tally_results::attending.eq(stored(attending)),
                        tally_results::passed.eq(o.passed),
                    )
                })
                .collect();
            for chunk in rows.chunks(500) {
                crate::on_engine!(&mut *conn, |c| diesel::insert_into(tally_results::table)
                    .values(chunk)
                    .execute(c))?;
            }
            let moves: Vec<(i64, bool)> = outcomes
                .iter()
                .map(|o| (o.application_id, o.passed))
                .collect();
            apply_tally_all(conn, &moves, actor, display.as_deref(), now)?;
            let mut m = Map::new();
            m.insert("committee_size".to_owned(), json!(size));
            m.insert("attending".to_owned(), json!(attending));
            m.insert("passed".to_owned(), json!(passed));
            m.insert("failed".to_owned(), json!(failed));
            m.insert("ballots_digest".to_owned(), Value::String(digest.clone()));
            Ok(m)
        },
    )?;
    Ok((passed, failed))
}
