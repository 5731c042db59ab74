//! The draw's database side: gathers one group's inputs (the committee's active pool members
//! whose term covers the session date, their specialties, employers and declared conflicts
//! through the unit tree as it stands now; the group's applicants and needs; the experts of
//! the other groups), takes a seed from the operating system's CSPRNG, runs the pure
//! [`super::draw::run`], and stores the draw (kept for ever; a re-draw supersedes it) and the
//! session experts it chose.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rand_core::{OsRng, RngCore};
use serde_json::{json, Map};
use shared::{
    experts::{DrawKind, PoolStatus, SessionExpertStatus},
    sessions::{DrawVerification, ReviewSession},
    ErrorCode, UnitKind,
};

use super::{
    draw::{self, Applicant, Candidate, DrawInput, Outcome, Shortfall},
    view::{self, DrawRow, GroupRow},
    SessionRow,
};
use crate::{
    db::{
        schema::{
            applications, draws, expert_conflicts, expert_specialties, experts, group_applications,
            group_needs, pool_members, review_groups, review_sessions, session_experts, units,
        },
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    versioned::Change,
};

/// The pool of a session: every drawable candidate in ascending expert id.
pub fn pool(conn: &mut DbConnection, s: &SessionRow) -> Result<Vec<Candidate>, ApiError> {
    let members = || {
        pool_members::table
            .filter(pool_members::committee_id.eq(s.committee_id))
            .filter(pool_members::status.eq(PoolStatus::Active.as_str()))
            .filter(pool_members::term_start.le(s.session_date))
            .filter(pool_members::term_end.ge(s.session_date))
    };
    let rows: Vec<(i64, String, UnitKind)> = members()
        .inner_join(experts::table.inner_join(units::table))
        .filter(experts::integrity_record.is_null())
        .order(experts::id.asc())
        .select((experts::id, units::path, units::kind))
        .load(conn)?;
    let specs: Vec<(i64, String)> = members()
        .inner_join(
            expert_specialties::table.on(expert_specialties::expert_id.eq(pool_members::expert_id)),
        )
        .select((expert_specialties::expert_id, expert_specialties::specialty))
        .load(conn)?;
    let conflicts: Vec<(i64, Option<String>, Option<String>)> = members()
        .inner_join(
            expert_conflicts::table.on(expert_conflicts::expert_id.eq(pool_members::expert_id)),
        )
        .left_join(units::table.on(units::id.nullable().eq(expert_conflicts::unit_id)))
        .select((
            expert_conflicts::expert_id,
            units::path.nullable(),
            expert_conflicts::person_id_number,
        ))
        .load(conn)?;
    let mut by_spec: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (e, s) in specs {
        by_spec.entry(e).or_default().push(s);
    }
    let mut by_unit: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    let mut by_person: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (e, unit, person) in conflicts {
        if let Some(u) = unit {
            by_unit.entry(e).or_default().push(u);
        }
        if let Some(p) = person {
            by_person.entry(e).or_default().push(draw::person_hash(&p));
        }
    }
    Ok(rows
        .into_iter()
        .map(|(id, path, kind)| {
            let mut specialties = by_spec.remove(&id).unwrap_or_default();
            specialties.sort();
            let mut conflict_units = by_unit.remove(&id).unwrap_or_default();
            conflict_units.sort();
            let mut conflict_persons = by_person.remove(&id).unwrap_or_default();
            conflict_persons.sort();
            Candidate {
                expert_id: id,
                specialties,
                employer_path: path,
                employer_is_employing_unit: kind == UnitKind::Employer,
                conflict_units,
                conflict_persons,
            }
        })
        .collect())
}

/// What a draw reads of one group: its needs and its applicants (ascending application id).
#[derive(Debug, Default)]
struct GroupFacts {
    needs: BTreeMap<String, i32>,
    applicants: Vec<Applicant>,
}

/// The needs and applicants of the groups, in two queries whatever their number.
fn group_facts(
    conn: &mut DbConnection,
    group_ids: &[i64],
) -> Result<BTreeMap<i64, GroupFacts>, ApiError> {
    let mut out: BTreeMap<i64, GroupFacts> = group_ids
        .iter()
        .map(|g| (*g, GroupFacts::default()))
        .collect();
    let needs: Vec<(i64, String, i32)> = group_needs::table
        .filter(group_needs::group_id.eq_any(group_ids))
        .select((
            group_needs::group_id,
            group_needs::specialty,
            group_needs::count,
        ))
        .load(conn)?;
    for (g, specialty, count) in needs {
        if let Some(f) = out.get_mut(&g) {
            f.needs.insert(specialty, count);
        }
    }
    let applicants: Vec<(i64, i64, String, String)> = group_applications::table
        .inner_join(applications::table)
        .inner_join(units::table.on(units::id.eq(applications::employer_id)))
        .filter(group_applications::group_id.eq_any(group_ids))
        .order((group_applications::group_id.asc(), applications::id.asc()))
        .select((
            group_applications::group_id,
            applications::id,
            units::path,
            applications::id_number,
        ))
        .load(conn)?;
    for (g, id, path, person) in applicants {
        if let Some(f) = out.get_mut(&g) {
            f.applicants.push(Applicant {
                application_id: id,
                employer_path: path,
                person: draw::person_hash(&person),
            });
        }
    }
    Ok(out)
}

/// One group's inputs (the candidates narrowed to those with a needed specialty).
fn input(
    facts: GroupFacts,
    group_id: i64,
    kind: DrawKind,
    alternates: i32,
    pool: &[Candidate],
    taken: BTreeSet<i64>,
) -> DrawInput {
    let GroupFacts { needs, applicants } = facts;
    let wanted: Vec<&String> = needs
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(s, _)| s)
        .collect();
    let candidates = pool
        .iter()
        .filter(|c| wanted.iter().any(|s| c.specialties.contains(s)))
        .cloned()
        .collect();
    DrawInput {
        kind,
        group_id,
        needs,
        alternates,
        applicants,
        taken,
        candidates,
    }
}

fn shortfall(conn: &mut DbConnection, s: Shortfall) -> Result<ApiError, ApiError> {
    let group: String = review_groups::table
        .find(s.group_id)
        .select(review_groups::name)
        .first(conn)?;
    let (zh_spec, en_spec) = match &s.specialty {
        Some(sp) => (format!("专业“{sp}”"), format!("specialty “{sp}”")),
        None => ("候补".to_owned(), "alternates".to_owned()),
    };
    Ok(ApiError::with_text(
        ErrorCode::DrawShortfall,
        format!(
            "小组“{group}”{zh_spec}需要 {} 名专家，符合条件的只有 {} 名",
            s.needed, s.found
        ),
        format!(
            "Group “{group}”, {en_spec}: {} experts needed, {} eligible found",
            s.needed, s.found
        ),
    ))
}

fn seed() -> [u8; 32] {
    let mut seed = [0_u8; 32];
    OsRng.fill_bytes(&mut seed);
    seed
}

/// A stored draw as the answer shows it, kept from the writing so that the answer needs no
/// second read and parse of the stored JSON.
pub struct Stored {
    pub row: DrawRow,
    pub input: DrawInput,
    pub outcome: Outcome,
}

/// One group's draw, run and not yet stored.
struct Planned {
    input: DrawInput,
    outcome: Outcome,
    seed: [u8; 32],
}

/// Runs one group's draw (a shortfall becomes the error naming the group and specialty).
fn plan(conn: &mut DbConnection, input: DrawInput, seed: [u8; 32]) -> Result<Planned, ApiError> {
    match draw::run(&input, seed) {
        Ok(outcome) => Ok(Planned {
            input,
            outcome,
            seed,
        }),
        Err(short) => Err(shortfall(conn, short)?),
    }
}

/// Stores draws already run — one per group — and the session experts they chose: one
/// multi-row insert for the draws and one for the experts, whatever the number of groups
/// (a session's groups and their needs are bounded far below the engines' parameter limits).
/// Alternates' ranks start at `first_rank`. Answers them in the order given.
fn store(
    conn: &mut DbConnection,
    s: &SessionRow,
    planned: Vec<Planned>,
    reason: Option<&str>,
    drawn_by: i64,
    now: NaiveDateTime,
    first_rank: i32,
) -> Result<Vec<Stored>, ApiError> {
    let mut out: Vec<Stored> = planned
        .into_iter()
        .map(|p| -> Result<Stored, ApiError> {
            Ok(Stored {
                row: DrawRow {
                    id: 0,
                    session_id: s.id,
                    group_id: Some(p.input.group_id),
                    kind: p.input.kind,
                    algorithm: draw::ALGORITHM.to_owned(),
                    seed: hex::encode(p.seed),
                    candidates: text(&p.input)?,
                    exclusions: text(&p.outcome.exclusions)?,
                    result: text(&p.outcome.result)?,
                    reason: reason.map(str::to_owned),
                    superseded_by: None,
                    drawn_by,
                    drawn_at: now,
                },
                input: p.input,
                outcome: p.outcome,
            })
        })
        .collect::<Result<_, _>>()?;
    if out.is_empty() {
        return Ok(out);
    }
    let rows: Vec<_> = out
        .iter()
        .map(|d| {
            let row = &d.row;
            (
                draws::session_id.eq(row.session_id),
                draws::group_id.eq(row.group_id),
                draws::kind.eq(row.kind.as_str()),
                draws::algorithm.eq(&row.algorithm),
                draws::seed.eq(&row.seed),
                draws::candidates.eq(&row.candidates),
                draws::exclusions.eq(&row.exclusions),
                draws::result.eq(&row.result),
                draws::reason.eq(&row.reason),
                draws::drawn_by.eq(drawn_by),
                draws::drawn_at.eq(now),
                draws::candidate_count.eq(count(d.input.candidates.len())),
                draws::exclusion_count.eq(count(d.outcome.exclusions.len())),
            )
        })
        .collect();
    // Each group is drawn once per statement: the new ids are matched to the draws by group
    // (the order of RETURNING rows is not promised).
    let insert = diesel::insert_into(draws::table)
        .values(rows)
        .returning((draws::id, draws::group_id));
    let ids: BTreeMap<Option<i64>, i64> = crate::on_engine!(conn, |c| insert
        .get_results::<(i64, Option<i64>)>(c))?
    .into_iter()
    .map(|(id, group)| (group, id))
    .collect();
    for d in &mut out {
        d.row.id = ids
            .get(&d.row.group_id)
            .copied()
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("a stored draw answered no id")))?;
    }
    let experts = out
        .iter()
        .flat_map(|d| {
            d.outcome
                .result
                .iter()
                .map(move |p| -> Result<_, ApiError> {
                    let (status, rank) = match d.input.kind {
                        DrawKind::Main => (SessionExpertStatus::Active, None),
                        DrawKind::Alternate => (
                            SessionExpertStatus::Alternate,
                            Some(first_rank + p.rank.unwrap_or(1) - 1),
                        ),
                    };
                    Ok((
                        session_experts::session_id.eq(s.id),
                        session_experts::expert_id.eq(p.expert_id),
                        session_experts::group_id.eq(d.input.group_id),
                        session_experts::draw_id.eq(d.row.id),
                        session_experts::status.eq(status.as_str()),
                        session_experts::alternate_rank.eq(rank),
                        session_experts::covers.eq(text(&p.covers)?),
                    ))
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if !experts.is_empty() {
        let insert = diesel::insert_into(session_experts::table).values(experts);
        crate::on_engine!(conn, |c| insert.execute(c))?;
    }
    Ok(out)
}

/// A stored JSON column, written straight from its type (building a `serde_json::Value` of a
/// draw's ~1.5 MB of inputs first cost as much again).
fn text<T: serde::Serialize + ?Sized>(v: &T) -> Result<String, ApiError> {
    serde_json::to_string(v).map_err(|e| ApiError::internal(anyhow::anyhow!(e)))
}

/// A stored count (a pool is far below `i32::MAX`).
pub(super) fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// The current (not superseded) main draw of each group of the session.
fn current_main(conn: &mut DbConnection, session_id: i64) -> Result<Vec<(i64, i64)>, ApiError> {
    Ok(draws::table
        .filter(draws::session_id.eq(session_id))
        .filter(draws::kind.eq(DrawKind::Main.as_str()))
        .filter(draws::superseded_by.is_null())
        .filter(draws::group_id.is_not_null())
        .select((draws::id, draws::group_id.assume_not_null()))
        .load(conn)?)
}

/// The reason of a re-draw: required (1–500 characters) when any group drawn has a current
/// draw; ignored otherwise.
fn redraw_reason(reason: Option<&str>, redraw: bool) -> Result<Option<String>, ApiError> {
    let text = reason.map(str::trim).filter(|r| !r.is_empty());
    if !redraw {
        return Ok(text.map(str::to_owned));
    }
    match text {
        Some(t) if t.chars().count() <= 500 => Ok(Some(t.to_owned())),
        _ => Err(ApiError::validation(
            "reason",
            "重新抽取须填写原因（不超过 500 字）",
            "A re-draw needs a reason (at most 500 characters)",
        )),
    }
}

fn bump_session(
    conn: &mut DbConnection,
    guard: crate::versioned::Guard,
    now: NaiveDateTime,
) -> Result<usize, ApiError> {
    Ok(guarded_update!(
        conn,
        review_sessions,
        guard,
        review_sessions::updated_at.eq(now)
    )?)
}

/// Draws every group of the session (`group_id` none) or one; a group with a current draw is
/// re-drawn (a reason is required, the old draws of the group are superseded and its experts,
/// alternates included, replaced). The session's version guards the whole draw. Answers the
/// new draws in the groups' order.
#[expect(clippy::too_many_arguments, reason = "the request's parts")]
pub fn draw_main(
    conn: &mut DbConnection,
    s: &SessionRow,
    group_id: Option<i64>,
    reason: Option<&str>,
    drawn_by: i64,
    change: &Change,
    snapshot: &dyn Fn(&mut DbConnection) -> Result<ReviewSession, ApiError>,
    seeds: &mut dyn FnMut() -> [u8; 32],
) -> Result<Vec<Stored>, ApiError> {
    change.expect(s.version)?;
    super::require_setup(s)?;
    let groups: Vec<GroupRow> = review_groups::table
        .filter(review_groups::session_id.eq(s.id))
        .order((review_groups::sort.asc(), review_groups::id.asc()))
        .select(GroupRow::as_select())
        .load(conn)?;
    let targets: Vec<i64> = match group_id {
        Some(g) if groups.iter().any(|x| x.id == g) => vec![g],
        Some(_) => {
            return Err(ApiError::validation(
                "group_id",
                "该小组不属于本次评审",
                "The group is not one of this session's",
            ))
        }
        None => groups.iter().map(|g| g.id).collect(),
    };
    if targets.is_empty() {
        return Err(ApiError::validation(
            "group_id",
            "请先设定评审小组",
            "Set up the groups first",
        ));
    }
    let current = current_main(conn, s.id)?;
    let redraw = current.iter().any(|(_, g)| targets.contains(g));
    let reason = redraw_reason(reason, redraw)?;
    let now = change.now;
    let mut out = Vec::new();
    change.apply(
        conn,
        snapshot,
        |c, guard| bump_session(c, guard, now),
        |c| {
            diesel::delete(
                session_experts::table
                    .filter(session_experts::session_id.eq(s.id))
                    .filter(session_experts::group_id.eq_any(&targets)),
            )
            .execute(c)?;
            let pool = pool(c, s)?;
            let mut taken: BTreeSet<i64> = session_experts::table
                .filter(session_experts::session_id.eq(s.id))
                .select(session_experts::expert_id)
                .load::<i64>(c)?
                .into_iter()
                .collect();
            let mut facts = group_facts(c, &targets)?;
            // Each group in turn, in memory: a group's experts are taken for the next.
            let mut planned = Vec::with_capacity(targets.len());
            for g in &targets {
                let facts = facts.remove(g).unwrap_or_default();
                let input = input(facts, *g, DrawKind::Main, 0, &pool, taken.clone());
                let p = plan(c, input, seeds())?;
                taken.extend(p.outcome.result.iter().map(|p| p.expert_id));
                planned.push(p);
            }
            out = store(c, s, planned, reason.as_deref(), drawn_by, now, 1)?;
            // A re-drawn group's earlier draws (main and alternates) are superseded by its new
            // main draw; a group drawn for the first time has none.
            for d in &out {
                if current.iter().any(|(_, g)| Some(*g) == d.row.group_id) {
                    diesel::update(
                        draws::table
                            .filter(draws::group_id.eq(d.row.group_id))
                            .filter(draws::superseded_by.is_null())
                            .filter(draws::id.ne(d.row.id)),
                    )
                    .set(draws::superseded_by.eq(d.row.id))
                    .execute(c)?;
                }
            }
            let ids: Vec<i64> = out.iter().map(|d| d.row.id).collect();
            let mut m = Map::new();
            m.insert("draws".to_owned(), json!(ids));
            m.insert("reason".to_owned(), json!(reason));
            Ok(m)
        },
    )?;
    Ok(out)
}

/// Draws `count` alternates (候补) for a group that has its main draw; their ranks follow the
/// group's alternates drawn before.
#[expect(clippy::too_many_arguments, reason = "the request's parts")]
pub fn draw_alternates(
    conn: &mut DbConnection,
    s: &SessionRow,
    g: &GroupRow,
    count: i32,
    drawn_by: i64,
    change: &Change,
    snapshot: &dyn Fn(&mut DbConnection) -> Result<ReviewSession, ApiError>,
    seeds: &mut dyn FnMut() -> [u8; 32],
) -> Result<Stored, ApiError> {
    change.expect(s.version)?;
    super::require_setup(s)?;
    if !(1..=50).contains(&count) {
        return Err(ApiError::validation(
            "count",
            "候补人数须在 1 至 50 之间",
            "Between 1 and 50 alternates",
        ));
    }
    if !current_main(conn, s.id)?.iter().any(|(_, x)| *x == g.id) {
        return Err(ApiError::with_text(
            ErrorCode::Conflict,
            "请先为该小组抽取专家，再抽取候补",
            "Draw the group's experts before its alternates",
        ));
    }
    let now = change.now;
    let mut out = None;
    change.apply(
        conn,
        snapshot,
        |c, guard| bump_session(c, guard, now),
        |c| {
            let pool = pool(c, s)?;
            let taken: BTreeSet<i64> = session_experts::table
                .filter(session_experts::session_id.eq(s.id))
                .select(session_experts::expert_id)
                .load::<i64>(c)?
                .into_iter()
                .collect();
            let last: Option<i32> = session_experts::table
                .filter(session_experts::group_id.eq(g.id))
                .select(diesel::dsl::max(session_experts::alternate_rank))
                .first(c)?;
            let facts = group_facts(c, &[g.id])?.remove(&g.id).unwrap_or_default();
            let input = input(facts, g.id, DrawKind::Alternate, count, &pool, taken);
            let planned = vec![plan(c, input, seeds())?];
            let stored = store(c, s, planned, None, drawn_by, now, last.unwrap_or(0) + 1)?;
            let stored = stored.into_iter().next().ok_or_else(|| {
                ApiError::internal(anyhow::anyhow!("the alternate draw stored nothing"))
            })?;
            let id = stored.row.id;
            out = Some(stored);
            let mut m = Map::new();
            m.insert("draw".to_owned(), json!(id));
            Ok(m)
        },
    )?;
    out.ok_or_else(|| ApiError::internal(anyhow::anyhow!("the alternate draw stored nothing")))
}

/// A fresh seed from the operating system's CSPRNG for each draw.
pub fn os_seeds() -> impl FnMut() -> [u8; 32] {
    seed
}

/// Re-runs a stored draw from its stored inputs and seed.
pub fn verify(d: &DrawRow) -> Result<DrawVerification, ApiError> {
    let (input, exclusions, result) = view::parse_draw(d)?;
    let seed: Option<[u8; 32]> = hex::decode(&d.seed)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok());
    let rerun = match (d.algorithm.as_str(), seed) {
        (draw::ALGORITHM, Some(seed)) => draw::run(&input, seed).ok(),
        _ => None,
    };
    let reproduced = rerun
        .as_ref()
        .is_some_and(|o| o.exclusions == exclusions && o.result == result);
    Ok(DrawVerification {
        draw_id: d.id,
        algorithm: d.algorithm.clone(),
        reproduced,
        stored: result,
        rerun: rerun.map(|o| o.result).unwrap_or_default(),
    })
}

/// A draw by id with its session (for the access check).
pub fn find(conn: &mut DbConnection, id: i64) -> Result<DrawRow, ApiError> {
    draws::table
        .find(id)
        .select(DrawRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// Whether each group's current main draw was made from its present applications and needs
/// (start review refuses otherwise: `draw_outdated`). Answers the first outdated group's name.
pub fn outdated_group(conn: &mut DbConnection, s: &SessionRow) -> Result<Option<String>, ApiError> {
    let rows: Vec<DrawRow> = draws::table
        .filter(draws::session_id.eq(s.id))
        .filter(draws::kind.eq(DrawKind::Main.as_str()))
        .filter(draws::superseded_by.is_null())
        .select(DrawRow::as_select())
        .load(conn)?;
    let groups: Vec<i64> = rows.iter().filter_map(|d| d.group_id).collect();
    let mut facts = group_facts(conn, &groups)?;
    for d in rows {
        let (stored, _, _) = view::parse_draw(&d)?;
        let Some(g) = d.group_id else { continue };
        let now = facts.remove(&g).unwrap_or_default();
        let ids = |a: &[Applicant]| a.iter().map(|a| a.application_id).collect::<Vec<_>>();
        if stored.needs != now.needs || ids(&stored.applicants) != ids(&now.applicants) {
            let name: String = review_groups::table
                .find(g)
                .select(review_groups::name)
                .first(conn)?;
            return Ok(Some(name));
        }
    }
    Ok(None)
}
