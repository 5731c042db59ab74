//! Rows → answers: sessions, groups, session experts and draws as the API shows them.

use std::collections::{BTreeMap, BTreeSet};

use diesel::prelude::*;
use shared::{
    experts::{CommitteePosition, DrawKind, SessionExpertStatus, SessionStatus},
    sessions::{
        Draw, DrawExclusion, DrawExpertName, DrawPick, DrawSummary, GroupApplication, Need,
        ReviewGroup, ReviewSession, SessionDetail, SessionExpert,
    },
};

use super::{draw::DrawInput, Access, SessionRow};
use crate::{
    committees::{self, CommitteeRow},
    db::{
        schema::{
            accounts, applications, draws, expert_specialties, experts, group_applications,
            group_needs, review_groups, session_experts, units,
        },
        DbConnection,
    },
    error::ApiError,
};

/// A stored group.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = review_groups)]
pub struct GroupRow {
    pub id: i64,
    pub session_id: i64,
    pub name: String,
    pub sort: i32,
    pub version: i64,
}

/// A stored session expert.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = session_experts)]
pub struct ExpertRow {
    pub id: i64,
    pub session_id: i64,
    pub expert_id: i64,
    pub group_id: Option<i64>,
    pub draw_id: i64,
    pub status: SessionExpertStatus,
    pub alternate_rank: Option<i32>,
    pub covers: String,
    pub group_leader: bool,
    pub committee_position: Option<CommitteePosition>,
    pub version: i64,
}

/// A stored draw.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = draws)]
pub struct DrawRow {
    pub id: i64,
    pub session_id: i64,
    pub group_id: Option<i64>,
    pub kind: DrawKind,
    pub algorithm: String,
    pub seed: String,
    pub candidates: String,
    pub exclusions: String,
    pub result: String,
    pub reason: Option<String>,
    pub superseded_by: Option<i64>,
    pub drawn_by: i64,
    pub drawn_at: chrono::NaiveDateTime,
}

fn corrupt(what: &str) -> ApiError {
    ApiError::internal(anyhow::anyhow!("stored {what} is not valid JSON"))
}

/// The stored JSON of a draw, parsed.
pub fn parse_draw(d: &DrawRow) -> Result<(DrawInput, Vec<DrawExclusion>, Vec<DrawPick>), ApiError> {
    Ok((
        serde_json::from_str(&d.candidates).map_err(|_| corrupt("draw input"))?,
        serde_json::from_str(&d.exclusions).map_err(|_| corrupt("draw exclusions"))?,
        serde_json::from_str(&d.result).map_err(|_| corrupt("draw result"))?,
    ))
}

/// The API form of a session.
pub fn session(
    conn: &mut DbConnection,
    row: &SessionRow,
    committee: &CommitteeRow,
    access: Access,
) -> Result<ReviewSession, ApiError> {
    let group_count: i64 = review_groups::table
        .filter(review_groups::session_id.eq(row.id))
        .count()
        .get_result(conn)?;
    let expert_count: i64 = session_experts::table
        .filter(session_experts::session_id.eq(row.id))
        .filter(session_experts::status.eq(SessionExpertStatus::Active))
        .count()
        .get_result(conn)?;
    Ok(ReviewSession {
        id: row.id,
        committee: committees::committee_ref(conn, committee)?,
        year: row.year,
        name: row.name.clone(),
        session_date: committees::day(row.session_date),
        status: row.status,
        blind_review: row.blind_review,
        defense: row.defense,
        formed_by: row.formed_by,
        group_count,
        expert_count,
        created_by: committees::username(conn, Some(row.created_by))?.unwrap_or_default(),
        created_at: committees::instant(row.created_at),
        version: row.version,
        can_manage: access == Access::Organiser && row.status == SessionStatus::Setup,
    })
}

/// The groups of a session (or the listed ones), in order, with applications and needs.
pub fn groups(
    conn: &mut DbConnection,
    session_id: i64,
    only: Option<&BTreeSet<i64>>,
) -> Result<Vec<ReviewGroup>, ApiError> {
    let rows: Vec<GroupRow> = review_groups::table
        .filter(review_groups::session_id.eq(session_id))
        .order((review_groups::sort.asc(), review_groups::id.asc()))
        .select(GroupRow::as_select())
        .load(conn)?;
    let apps: Vec<(i64, i64, String, String, shared::application::Level, String)> =
        group_applications::table
            .inner_join(applications::table)
            .inner_join(units::table.on(units::id.eq(applications::employer_id)))
            .filter(group_applications::session_id.eq(session_id))
            .order(applications::id.asc())
            .select((
                group_applications::group_id,
                applications::id,
                applications::name,
                applications::specialty,
                applications::level,
                units::name,
            ))
            .load(conn)?;
    let needs: Vec<(i64, String, i32)> = group_needs::table
        .inner_join(review_groups::table)
        .filter(review_groups::session_id.eq(session_id))
        .order(group_needs::specialty.asc())
        .select((
            group_needs::group_id,
            group_needs::specialty,
            group_needs::count,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|g| only.is_none_or(|o| o.contains(&g.id)))
        .map(|g| {
            let applications: Vec<GroupApplication> = apps
                .iter()
                .filter(|a| a.0 == g.id)
                .map(|a| GroupApplication {
                    id: a.1,
                    name: a.2.clone(),
                    specialty: a.3.clone(),
                    level: a.4,
                    employer: a.5.clone(),
                })
                .collect();
            let specialties: BTreeSet<String> =
                applications.iter().map(|a| a.specialty.clone()).collect();
            ReviewGroup {
                id: g.id,
                session_id: g.session_id,
                name: g.name,
                sort: g.sort,
                version: g.version,
                applications,
                specialties: specialties.into_iter().collect(),
                needs: needs
                    .iter()
                    .filter(|n| n.0 == g.id)
                    .map(|n| Need {
                        specialty: n.1.clone(),
                        count: n.2,
                    })
                    .collect(),
            }
        })
        .collect())
}

/// The experts of a session (or only `only`), by group then id.
pub fn experts_of(
    conn: &mut DbConnection,
    session_id: i64,
    only: Option<i64>,
) -> Result<Vec<SessionExpert>, ApiError> {
    let mut q = session_experts::table
        .inner_join(experts::table)
        .inner_join(units::table.on(units::id.eq(experts::employer_id)))
        .filter(session_experts::session_id.eq(session_id))
        .into_boxed();
    if let Some(id) = only {
        q = q.filter(session_experts::id.eq(id));
    }
    let rows: Vec<(ExpertRow, String, String)> = q
        .order((session_experts::group_id.asc(), session_experts::id.asc()))
        .select((ExpertRow::as_select(), experts::name, units::name))
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0.expert_id).collect();
    let specs: Vec<(i64, String)> = expert_specialties::table
        .filter(expert_specialties::expert_id.eq_any(&ids))
        .order((expert_specialties::expert_id, expert_specialties::specialty))
        .select((expert_specialties::expert_id, expert_specialties::specialty))
        .load(conn)?;
    let mut by: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (e, s) in specs {
        by.entry(e).or_default().push(s);
    }
    rows.into_iter()
        .map(|(r, name, employer)| {
            Ok(SessionExpert {
                id: r.id,
                expert_id: r.expert_id,
                name,
                employer,
                specialties: by.get(&r.expert_id).cloned().unwrap_or_default(),
                group_id: r.group_id,
                draw_id: r.draw_id,
                status: r.status,
                alternate_rank: r.alternate_rank,
                covers: serde_json::from_str(&r.covers).map_err(|_| corrupt("covers"))?,
                group_leader: r.group_leader,
                committee_position: r.committee_position,
                version: r.version,
            })
        })
        .collect()
}

/// The API form of a draw.
pub fn draw(conn: &mut DbConnection, d: &DrawRow) -> Result<Draw, ApiError> {
    let (input, exclusions, result) = parse_draw(d)?;
    let labels = Labels::of(conn, [(d.group_id, d.drawn_by)])?;
    let mut out = [labels.assemble(d, &input, exclusions, result)];
    name_experts(conn, &mut out)?;
    let [out] = out;
    Ok(out)
}

/// Every draw of a session in full (the record, 抽取记录), newest first: each stored input
/// parsed once, the groups, accounts and experts named in one query each.
pub fn session_draws(conn: &mut DbConnection, session_id: i64) -> Result<Vec<Draw>, ApiError> {
    let rows: Vec<DrawRow> = draws::table
        .filter(draws::session_id.eq(session_id))
        .order(draws::id.desc())
        .select(DrawRow::as_select())
        .load(conn)?;
    let labels = Labels::of(conn, rows.iter().map(|d| (d.group_id, d.drawn_by)))?;
    let mut out = Vec::with_capacity(rows.len());
    for d in &rows {
        let (input, exclusions, result) = parse_draw(d)?;
        out.push(labels.assemble(d, &input, exclusions, result));
    }
    name_experts(conn, &mut out)?;
    Ok(out)
}

/// The columns of a draw that its summary needs besides its result: not the stored input or
/// exclusions.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = draws)]
struct SummaryRow {
    id: i64,
    session_id: i64,
    group_id: Option<i64>,
    kind: DrawKind,
    algorithm: String,
    seed: String,
    reason: Option<String>,
    superseded_by: Option<i64>,
    drawn_by: i64,
    drawn_at: chrono::NaiveDateTime,
    candidate_count: i32,
    exclusion_count: i32,
}

/// Every draw of a session as the session's screen lists it, newest first: read without the
/// stored inputs, so that it costs the same after the twentieth re-draw as after the first.
pub fn draw_summaries(
    conn: &mut DbConnection,
    session_id: i64,
) -> Result<Vec<DrawSummary>, ApiError> {
    let rows: Vec<(SummaryRow, String)> = draws::table
        .filter(draws::session_id.eq(session_id))
        .order(draws::id.desc())
        .select((SummaryRow::as_select(), draws::result))
        .load(conn)?;
    let rows = rows
        .into_iter()
        .map(|(d, result)| {
            let result: Vec<DrawPick> =
                serde_json::from_str(&result).map_err(|_| corrupt("draw result"))?;
            Ok((d, result))
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    summaries(conn, rows)
}

/// Summaries of draws given with their results, the groups, accounts and drawn experts named
/// in one query each.
fn summaries(
    conn: &mut DbConnection,
    rows: Vec<(SummaryRow, Vec<DrawPick>)>,
) -> Result<Vec<DrawSummary>, ApiError> {
    let labels = Labels::of(conn, rows.iter().map(|(d, _)| (d.group_id, d.drawn_by)))?;
    let mut out = Vec::with_capacity(rows.len());
    for (d, result) in rows {
        out.push(DrawSummary {
            id: d.id,
            session_id: d.session_id,
            group_id: d.group_id,
            group_name: labels.group(d.group_id),
            kind: d.kind,
            algorithm: d.algorithm,
            seed: d.seed,
            candidate_count: i64::from(d.candidate_count),
            exclusion_count: i64::from(d.exclusion_count),
            result,
            reason: d.reason,
            superseded_by: d.superseded_by,
            drawn_by: labels.user(d.drawn_by),
            drawn_at: committees::instant(d.drawn_at),
            names: Vec::new(),
        });
    }
    let ids: BTreeSet<i64> = out
        .iter()
        .flat_map(|d| d.result.iter().map(|p| p.expert_id))
        .collect();
    let known = expert_names(conn, ids)?;
    for d in &mut out {
        d.names = named(&known, d.result.iter().map(|p| p.expert_id));
    }
    Ok(out)
}

/// Experts by id: name and employer.
type Known = BTreeMap<i64, (String, String)>;

fn expert_names(conn: &mut DbConnection, ids: BTreeSet<i64>) -> Result<Known, ApiError> {
    if ids.is_empty() {
        return Ok(Known::new());
    }
    let ids: Vec<i64> = ids.into_iter().collect();
    Ok(experts::table
        .inner_join(units::table.on(units::id.eq(experts::employer_id)))
        .filter(experts::id.eq_any(&ids))
        .select((experts::id, experts::name, units::name))
        .load::<(i64, String, String)>(conn)?
        .into_iter()
        .map(|(id, name, employer)| (id, (name, employer)))
        .collect())
}

/// The names of `ids` (each once, ascending) that `known` has.
fn named(known: &Known, ids: impl Iterator<Item = i64>) -> Vec<DrawExpertName> {
    ids.collect::<BTreeSet<i64>>()
        .into_iter()
        .filter_map(|id| {
            known.get(&id).map(|(name, employer)| DrawExpertName {
                expert_id: id,
                name: name.clone(),
                employer: employer.clone(),
            })
        })
        .collect()
}

/// Fills each draw's `names`: the experts it excluded or drew, with their employer, in one
/// query for all the draws.
fn name_experts(conn: &mut DbConnection, draws: &mut [Draw]) -> Result<(), ApiError> {
    let mentioned = |d: &Draw| -> Vec<i64> {
        d.exclusions
            .iter()
            .map(|e| e.expert_id)
            .chain(d.result.iter().map(|p| p.expert_id))
            .collect()
    };
    let ids: BTreeSet<i64> = draws.iter().flat_map(mentioned).collect();
    let known = expert_names(conn, ids)?;
    for d in draws.iter_mut() {
        d.names = named(&known, mentioned(d).into_iter());
    }
    Ok(())
}

/// The names of the groups and of the accounts that drew a set of draws, each read once.
struct Labels {
    groups: BTreeMap<i64, String>,
    users: BTreeMap<i64, String>,
}

impl Labels {
    /// For draws given as (group, drawn by).
    fn of(
        conn: &mut DbConnection,
        draws: impl IntoIterator<Item = (Option<i64>, i64)>,
    ) -> Result<Labels, ApiError> {
        let (groups, users): (BTreeSet<Option<i64>>, BTreeSet<i64>) = draws.into_iter().unzip();
        let groups: Vec<i64> = groups.into_iter().flatten().collect();
        let users: Vec<i64> = users.into_iter().collect();
        Ok(Labels {
            groups: review_groups::table
                .filter(review_groups::id.eq_any(&groups))
                .select((review_groups::id, review_groups::name))
                .load(conn)?
                .into_iter()
                .collect(),
            users: accounts::table
                .filter(accounts::id.eq_any(&users))
                .select((accounts::id, accounts::username, accounts::id_number))
                .load::<(i64, String, Option<String>)>(conn)?
                .into_iter()
                .map(|(id, stored, id_number)| {
                    (
                        id,
                        crate::login_names::shown_masked(&stored, id_number.as_deref()),
                    )
                })
                .collect(),
        })
    }

    fn group(&self, id: Option<i64>) -> String {
        id.and_then(|g| self.groups.get(&g).cloned())
            .unwrap_or_default()
    }

    fn user(&self, id: i64) -> String {
        self.users.get(&id).cloned().unwrap_or_default()
    }

    fn assemble(
        &self,
        d: &DrawRow,
        input: &DrawInput,
        exclusions: Vec<DrawExclusion>,
        result: Vec<DrawPick>,
    ) -> Draw {
        assemble(
            d,
            input,
            exclusions,
            result,
            self.group(d.group_id),
            self.user(d.drawn_by),
        )
    }
}

/// Draws just stored as their summaries (the answer of a draw: the full record is
/// `GET /api/v1/draws/{id}`), from what the draw had in hand rather than read back.
pub fn stored_summaries(
    conn: &mut DbConnection,
    stored: Vec<super::draws::Stored>,
) -> Result<Vec<DrawSummary>, ApiError> {
    let rows = stored
        .into_iter()
        .map(|d| {
            let row = SummaryRow {
                id: d.row.id,
                session_id: d.row.session_id,
                group_id: d.row.group_id,
                kind: d.row.kind,
                algorithm: d.row.algorithm,
                seed: d.row.seed,
                reason: d.row.reason,
                superseded_by: d.row.superseded_by,
                drawn_by: d.row.drawn_by,
                drawn_at: d.row.drawn_at,
                candidate_count: super::draws::count(d.input.candidates.len()),
                exclusion_count: super::draws::count(d.outcome.exclusions.len()),
            };
            (row, d.outcome.result)
        })
        .collect();
    summaries(conn, rows)
}

fn assemble(
    d: &DrawRow,
    input: &DrawInput,
    exclusions: Vec<DrawExclusion>,
    result: Vec<DrawPick>,
    group_name: String,
    drawn_by: String,
) -> Draw {
    Draw {
        id: d.id,
        session_id: d.session_id,
        group_id: d.group_id,
        group_name,
        kind: d.kind,
        algorithm: d.algorithm.clone(),
        seed: d.seed.clone(),
        candidates: input.candidates.iter().map(|c| c.expert_id).collect(),
        exclusions,
        result,
        reason: d.reason.clone(),
        superseded_by: d.superseded_by,
        drawn_by,
        drawn_at: committees::instant(d.drawn_at),
        names: Vec::new(),
    }
}

/// The whole session as the step-by-step screen shows it (limited for a drawn expert).
pub fn detail(
    conn: &mut DbConnection,
    user: &crate::auth::AuthUser,
    row: &SessionRow,
    committee: &CommitteeRow,
    access: Access,
) -> Result<SessionDetail, ApiError> {
    let session = session(conn, row, committee, access)?;
    if access == Access::Expert {
        let mine: Vec<(i64, Option<i64>)> = session_experts::table
            .inner_join(experts::table)
            .filter(session_experts::session_id.eq(row.id))
            .filter(experts::account_id.eq(user.id))
            .select((session_experts::id, session_experts::group_id))
            .load(conn)?;
        let groups_of: BTreeSet<i64> = mine.iter().filter_map(|m| m.1).collect();
        let mut experts = Vec::new();
        for (id, _) in &mine {
            experts.extend(experts_of(conn, row.id, Some(*id))?);
        }
        let mut groups = groups(conn, row.id, Some(&groups_of))?;
        for g in &mut groups {
            g.needs.clear();
        }
        return Ok(SessionDetail {
            session,
            limited: true,
            groups,
            experts,
            draws: Vec::new(),
        });
    }
    let draws = draw_summaries(conn, row.id)?;
    Ok(SessionDetail {
        session,
        limited: false,
        groups: groups(conn, row.id, None)?,
        experts: experts_of(conn, row.id, None)?,
        draws,
    })
}
