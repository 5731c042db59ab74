//! The demo review session (issue 10): one session of the demo committee, built by its
//! organising unit (`county_hrss_unit`) through the session code the API runs — the session,
//! two groups with their needs, the draw ([`draws::draw_main`], the API's own, stored and
//! re-verifiable; fixed seeds so that the demo is the same on every machine), the positions (a
//! leader per group, a director, a vice director and members: an odd committee with one
//! director) — and left in `setup`, ready for 开始评审, which its checks ([`rules::check`])
//! already pass. `demo --json` lists every demo expert's place in it ([`places`]).
//!
//! Its groups hold no application. The session code allows it (the draw then recuses nobody,
//! and starting checks experts, leaders and the committee, not dossiers), and it keeps the demo
//! session out of everything else the demo shows: the one demo application in online review
//! stays unassigned for the session journey, which builds its own session around it; no new
//! application enters a stage list, a to-do count or a publicity; `generate vote-session` makes
//! its own applications as before. A clerk may still assign that application to a group here
//! (the draw must then be made again, as for any change after a draw).

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use shared::{
    experts::{CommitteePosition, SessionExpertStatus},
    sessions::{Need, NewSession},
};

use crate::{
    audit::Actor,
    auth::{extractor, AuthUser},
    db::{
        schema::{accounts, experts, review_groups, review_sessions, session_experts},
        DbConnection,
    },
    error::ApiError,
    sessions::{
        self, draws, groups, positions, rules,
        view::{ExpertRow, GroupRow},
        write,
    },
    versioned::{Change, Kind},
};

/// The organising unit's account that builds it.
pub const ORGANISER: &str = "county_hrss_unit";

/// The groups: name and needs (specialty, count). Seven experts in all.
pub const GROUPS: &[(&str, &[(&str, i32)])] = &[
    ("中学数学组", &[("中学数学", 3)]),
    (
        "理化语文组",
        &[("中学物理", 2), ("中学化学", 1), ("中学语文", 1)],
    ),
];

/// The session's name in `year`.
pub fn name(year: i32) -> String {
    format!("{year}年度评审会（示范）")
}

/// The seed of the `n`-th group's draw (from 1): fixed, so the demo draws the same experts
/// everywhere; the draw record keeps it like any other, and re-running it verifies.
fn seed(n: u8) -> [u8; 32] {
    let mut seed = [0x5e_u8; 32];
    seed[31] = n;
    seed
}

/// Builds the session (one transaction). Answers its id.
pub fn seed_session(conn: &mut DbConnection, now: NaiveDateTime) -> Result<i64, ApiError> {
    conn.write_transaction(|conn| {
        let user = organiser(conn)?;
        let actor = Actor::of(&user, None);
        let year = now.date().year();
        let committee = crate::demo_workflow::committee_id(conn)?;
        let date = now.date() + Duration::days(14);
        let request = NewSession {
            committee_id: committee,
            year,
            name: name(year),
            session_date: date.format("%Y-%m-%d").to_string(),
        };
        let id = write::create(conn, &user, &request, &actor, now)?.id;
        let change = |kind, id, version, action| Change {
            kind,
            id,
            read_version: version,
            action,
            actor: &actor,
            now,
        };
        // Groups and their needs.
        for (group, needs) in GROUPS {
            let (s, _) = sessions::require_organiser(conn, &user, id)?;
            let g = groups::create(conn, &s, group, &actor, now)?;
            let row = groups::find(conn, g.id)?;
            let needs: Vec<Need> = needs
                .iter()
                .map(|(specialty, count)| Need {
                    specialty: (*specialty).to_owned(),
                    count: *count,
                })
                .collect();
            let c = change(
                Kind::ReviewGroup,
                row.id,
                row.version,
                "session.group_needs",
            );
            groups::put_needs(conn, &row, &needs, &c)?;
        }
        // The draw of every group, as 抽取专家 makes it.
        let (s, _) = sessions::require_organiser(conn, &user, id)?;
        let mut n = 0_u8;
        let mut seeds = move || {
            n = n.wrapping_add(1);
            seed(n)
        };
        let c = change(Kind::Session, id, s.version, "session.draw");
        let snapshot = |conn: &mut DbConnection| write::answer(conn, &user, id);
        draws::draw_main(conn, &s, None, None, user.id, &c, &snapshot, &mut seeds)?;
        // Positions: each group's first expert leads it; the first group's leader directs the
        // committee and the second's is vice director; the first group's other experts and one
        // of the second's are members. Five of seven: an odd committee, one director.
        for (n, experts) in serving(conn, id)?.into_iter().enumerate() {
            for (i, r) in experts.into_iter().enumerate() {
                let position = match (n, i) {
                    (0, 0) => Some(CommitteePosition::Director),
                    (_, 0) => Some(CommitteePosition::ViceDirector),
                    (0, _) | (_, 1) => Some(CommitteePosition::Member),
                    _ => None,
                };
                if i > 0 && position.is_none() {
                    continue;
                }
                let (s, _) = sessions::require_organiser(conn, &user, id)?;
                sessions::require_setup(&s)?;
                let c = change(
                    Kind::SessionExpert,
                    r.id,
                    r.version,
                    "session.expert_position",
                );
                positions::put(conn, &r, i == 0, position, &c)?;
            }
        }
        // What 开始评审 checks holds: the demo session may be started as it stands.
        let (s, _) = sessions::require_organiser(conn, &user, id)?;
        rules::check(conn, &s)?;
        Ok(id)
    })
}

/// The organising unit's account as the API would see it signed in.
fn organiser(conn: &mut DbConnection) -> Result<AuthUser, ApiError> {
    let id: i64 = accounts::table
        .filter(accounts::username.eq(crate::login_names::name(ORGANISER)))
        .select(accounts::id)
        .first(conn)?;
    extractor::fetch(conn, id)?
        .map(|(user, _, _)| user)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("demo account {ORGANISER} is missing")))
}

/// The serving experts of each group of the session, groups and experts in order.
fn serving(conn: &mut DbConnection, id: i64) -> Result<Vec<Vec<ExpertRow>>, ApiError> {
    let groups: Vec<GroupRow> = review_groups::table
        .filter(review_groups::session_id.eq(id))
        .order((review_groups::sort.asc(), review_groups::id.asc()))
        .select(GroupRow::as_select())
        .load(conn)?;
    let mut out = Vec::with_capacity(groups.len());
    for g in groups {
        let rows: Vec<ExpertRow> = session_experts::table
            .filter(session_experts::group_id.eq(g.id))
            .filter(session_experts::status.eq(SessionExpertStatus::Active.as_str()))
            .order(session_experts::id.asc())
            .select(ExpertRow::as_select())
            .load(conn)?;
        out.push(rows);
    }
    Ok(out)
}

/// A demo expert's place in the demo session, as `demo --json` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The session's id.
    pub session_id: i64,
    /// Its name.
    pub session: String,
    /// The group's id.
    pub group_id: i64,
    /// Its name.
    pub group: String,
    /// Whether the expert leads the group (评议组组长).
    pub group_leader: bool,
    /// The committee position, if any.
    pub committee_position: Option<CommitteePosition>,
}

/// The place of every expert account serving in the demo session, by login name (none for
/// the others; none at all in a database seeded before the demo had a session).
pub fn places(conn: &mut DbConnection) -> Result<BTreeMap<String, Place>, ApiError> {
    let Some(committee) = crate::demo_workflow::find_committee(conn)? else {
        // No demo in this database (DEMO=0): nobody has a place.
        return Ok(BTreeMap::new());
    };
    type Line = (
        (String, Option<String>),
        i64,
        String,
        i64,
        String,
        bool,
        Option<CommitteePosition>,
    );
    let rows: Vec<Line> = session_experts::table
        .inner_join(review_sessions::table.on(review_sessions::id.eq(session_experts::session_id)))
        .inner_join(
            review_groups::table.on(review_groups::id.nullable().eq(session_experts::group_id)),
        )
        .inner_join(experts::table)
        .inner_join(accounts::table.on(accounts::id.nullable().eq(experts::account_id)))
        .filter(review_sessions::committee_id.eq(committee))
        .filter(review_sessions::name.like("%年度评审会（示范）"))
        .filter(session_experts::status.eq(SessionExpertStatus::Active.as_str()))
        .order(session_experts::id.asc())
        .select((
            (accounts::username, accounts::id_number),
            review_sessions::id,
            review_sessions::name,
            review_groups::id,
            review_groups::name,
            session_experts::group_leader,
            session_experts::committee_position,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(
                (stored, id_number),
                session_id,
                session,
                group_id,
                group,
                group_leader,
                position,
            )| {
                (
                    // The name the expert signs in with (the demo prints it whole).
                    crate::login_names::shown(&stored, id_number.as_deref()),
                    Place {
                        session_id,
                        session,
                        group_id,
                        group,
                        group_leader,
                        committee_position: position,
                    },
                )
            },
        )
        .collect())
}
