//! The group leader's distribution (分发材料, manual §6.2.10.4): every dossier of the group goes
//! to two or more experts of the group, exactly one of them the chief reviewer (主审), never a
//! recused one ([`super::recusal::reason`]); "enter review" (进入评审) then locks it and opens
//! one review form per distribution. The organising unit marks the defense held (答辩结束).

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::{json, Map, Value};
use shared::{
    experts::SessionExpertStatus,
    notices::{NoticeKind, NoticeObject, NoticeParams},
    online_review::{
        Assignee, DistributionDossier, DistributionExpert, DistributionUpdate, GroupDistribution,
        Recusal, ReviewStatus,
    },
    ErrorCode, Locale,
};

use super::{count, recusal, time, GroupRow, SessionExpertRow, SessionRow};
use crate::{
    audit::Actor,
    db::{
        schema::{
            applications, distributions, expert_reviews, experts, group_applications,
            review_groups, session_experts, units,
        },
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    versioned::{no_effects, Change, Kind},
};

/// An expert of the group with what the screen shows.
struct Member {
    row: SessionExpertRow,
    name: String,
    employer: String,
    covers: Vec<String>,
}

/// A dossier of the group.
struct Dossier {
    id: i64,
    name: String,
    employer_id: i64,
    specialty: String,
    qualification: String,
}

fn members(conn: &mut DbConnection, group_id: i64) -> Result<Vec<Member>, ApiError> {
    let rows: Vec<(SessionExpertRow, String, String, String)> = session_experts::table
        .inner_join(experts::table.inner_join(units::table))
        .filter(session_experts::group_id.eq(group_id))
        .filter(session_experts::status.eq(SessionExpertStatus::Active))
        .order((session_experts::group_leader.desc(), experts::name.asc()))
        .select((
            SessionExpertRow::as_select(),
            experts::name,
            units::name,
            session_experts::covers,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(row, name, employer, covers)| Member {
            row,
            name,
            employer,
            covers: serde_json::from_str(&covers).unwrap_or_default(),
        })
        .collect())
}

fn dossiers(conn: &mut DbConnection, group_id: i64) -> Result<Vec<Dossier>, ApiError> {
    let rows: Vec<(i64, String, i64, String, String)> = group_applications::table
        .inner_join(applications::table)
        .filter(group_applications::group_id.eq(group_id))
        .order((applications::name.asc(), applications::id.asc()))
        .select((
            applications::id,
            applications::name,
            applications::employer_id,
            applications::specialty,
            applications::qualification,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, name, employer_id, specialty, qualification)| Dossier {
                id,
                name,
                employer_id,
                specialty,
                qualification,
            },
        )
        .collect())
}

/// The assignments of the group: application → experts.
fn assignments(
    conn: &mut DbConnection,
    group_id: i64,
) -> Result<HashMap<i64, Vec<Assignee>>, ApiError> {
    let rows: Vec<(i64, i64, bool)> = distributions::table
        .filter(distributions::group_id.eq(group_id))
        .order(distributions::id.asc())
        .select((
            distributions::application_id,
            distributions::session_expert_id,
            distributions::chief,
        ))
        .load(conn)?;
    let mut out: HashMap<i64, Vec<Assignee>> = HashMap::new();
    for (app, se, chief) in rows {
        out.entry(app).or_default().push(Assignee {
            session_expert_id: se,
            chief,
        });
    }
    Ok(out)
}

/// Recusals of the group: (session expert, application) → reason.
fn recusals(
    conn: &mut DbConnection,
    members: &[Member],
    dossiers: &[Dossier],
) -> Result<HashMap<(i64, i64), shared::online_review::RecusalReason>, ApiError> {
    let expert_ids: Vec<i64> = members.iter().map(|m| m.row.expert_id).collect();
    let app_ids: Vec<i64> = dossiers.iter().map(|d| d.id).collect();
    let experts = recusal::expert_facts(conn, &expert_ids)?;
    let applicants = recusal::applicant_facts(conn, &app_ids)?;
    let mut out = HashMap::new();
    for m in members {
        let Some(e) = experts.get(&m.row.expert_id) else {
            continue;
        };
        for d in dossiers {
            if let Some(a) = applicants.get(&d.id) {
                if let Some(reason) = recusal::reason(e, a) {
                    out.insert((m.row.id, d.id), reason);
                }
            }
        }
    }
    Ok(out)
}

/// The distribution screen of a group.
pub fn view(
    conn: &mut DbConnection,
    session: &SessionRow,
    group: &GroupRow,
    may_distribute: bool,
) -> Result<GroupDistribution, ApiError> {
    let members = members(conn, group.id)?;
    let dossiers = dossiers(conn, group.id)?;
    let mut assigned = assignments(conn, group.id)?;
    let recused = recusals(conn, &members, &dossiers)?;
    let employer_ids: Vec<i64> = dossiers.iter().map(|d| d.employer_id).collect();
    let employers: HashMap<i64, String> = units::table
        .filter(units::id.eq_any(employer_ids))
        .select((units::id, units::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let mut per_expert: HashMap<i64, (u32, u32)> = HashMap::new();
    for list in assigned.values() {
        for a in list {
            let e = per_expert.entry(a.session_expert_id).or_default();
            e.0 += 1;
            if a.chief {
                e.1 += 1;
            }
        }
    }
    let distributed = dossiers
        .iter()
        .filter(|d| assigned.get(&d.id).is_some_and(|l| !l.is_empty()))
        .count();
    Ok(GroupDistribution {
        group_id: group.id,
        group_name: group.name.clone(),
        session_id: session.id,
        session_name: session.name.clone(),
        session_status: session.status,
        version: group.version,
        review_started_at: time(group.review_started_at),
        dossiers: count(dossiers.len()),
        distributed: count(distributed),
        may_distribute: may_distribute
            && group.review_started_at.is_none()
            && session.status.review_open(),
        experts: members
            .iter()
            .map(|m| {
                let (assigned, chief) = per_expert.get(&m.row.id).copied().unwrap_or_default();
                DistributionExpert {
                    session_expert_id: m.row.id,
                    name: m.name.clone(),
                    employer: m.employer.clone(),
                    covers: m.covers.clone(),
                    group_leader: m.row.group_leader,
                    signed_in: m.row.signed_in(),
                    assigned,
                    chief,
                }
            })
            .collect(),
        applications: dossiers
            .into_iter()
            .map(|d| DistributionDossier {
                application_id: d.id,
                employer: employers.get(&d.employer_id).cloned().unwrap_or_default(),
                assignees: assigned.remove(&d.id).unwrap_or_default(),
                recused: members
                    .iter()
                    .filter_map(|m| {
                        recused.get(&(m.row.id, d.id)).map(|&reason| Recusal {
                            session_expert_id: m.row.id,
                            reason,
                        })
                    })
                    .collect(),
                name: d.name,
                specialty: d.specialty,
                qualification: d.qualification,
            })
            .collect(),
    })
}

fn invalid(zh: String, en: String) -> ApiError {
    ApiError::with_text(ErrorCode::DistributionInvalid, zh, en)
}

fn locked() -> ApiError {
    ApiError::new(ErrorCode::DistributionLocked)
}

/// The group as the guarded statements read it.
fn snapshot(conn: &mut DbConnection, id: i64) -> Result<GroupRow, ApiError> {
    super::group(conn, id)
}

/// Replaces the experts of each listed dossier, as the signed-in leader (checked by the
/// caller): the rules of the module documentation, all or nothing.
pub fn distribute(
    conn: &mut DbConnection,
    actor: &Actor,
    session: &SessionRow,
    group: &GroupRow,
    body: &DistributionUpdate,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let change = Change {
        kind: Kind::ReviewGroup,
        id: group.id,
        read_version: body.version,
        action: "online.distribute",
        actor,
        now,
    };
    change.expect(group.version)?;
    super::require_reviewing(session)?;
    if group.review_started_at.is_some() {
        return Err(locked());
    }
    if body.entries.is_empty() {
        return Err(ApiError::validation(
            "entries",
            "不能为空",
            "must not be empty",
        ));
    }
    let members = members(conn, group.id)?;
    let dossiers = dossiers(conn, group.id)?;
    let recused = recusals(conn, &members, &dossiers)?;
    let member_names: HashMap<i64, &str> = members
        .iter()
        .map(|m| (m.row.id, m.name.as_str()))
        .collect();
    let dossier_names: HashMap<i64, &str> =
        dossiers.iter().map(|d| (d.id, d.name.as_str())).collect();
    let mut seen_apps = BTreeSet::new();
    for entry in &body.entries {
        let Some(applicant) = dossier_names.get(&entry.application_id) else {
            return Err(invalid(
                format!("申报 {} 不在本小组中", entry.application_id),
                format!("Application {} is not in this group", entry.application_id),
            ));
        };
        if !seen_apps.insert(entry.application_id) {
            return Err(invalid(
                format!("{applicant}的材料重复出现"),
                format!("The dossier of {applicant} is listed twice"),
            ));
        }
        let mut seen = BTreeSet::new();
        for a in &entry.experts {
            let Some(expert) = member_names.get(&a.session_expert_id) else {
                return Err(invalid(
                    format!("专家 {} 不是本小组的在组专家", a.session_expert_id),
                    format!(
                        "Expert {} is not a serving expert of this group",
                        a.session_expert_id
                    ),
                ));
            };
            if !seen.insert(a.session_expert_id) {
                return Err(invalid(
                    format!("{applicant}的材料重复分给了{expert}"),
                    format!("{expert} is listed twice for {applicant}"),
                ));
            }
            if let Some(reason) = recused.get(&(a.session_expert_id, entry.application_id)) {
                return Err(ApiError::with_text(
                    ErrorCode::ExpertRecused,
                    format!(
                        "{expert}须回避申报人{applicant}：{}",
                        reason.label(Locale::ZhCn)
                    ),
                    format!(
                        "{expert} must not review {applicant}: {}",
                        reason.label(Locale::En)
                    ),
                ));
            }
        }
        let chiefs = entry.experts.iter().filter(|a| a.chief).count();
        if entry.experts.len() < 2 || chiefs != 1 {
            return Err(invalid(
                format!(
                    "{applicant}的材料须分给至少两名专家并指定一名主审（现为 {} 名专家、{chiefs} 名主审）",
                    entry.experts.len()
                ),
                format!(
                    "The dossier of {applicant} needs at least two experts and exactly one chief reviewer ({} experts, {chiefs} chiefs given)",
                    entry.experts.len()
                ),
            ));
        }
    }
    let user_id = actor.id.unwrap_or_default();
    let group_id = group.id;
    change.apply(
        conn,
        |conn| snapshot(conn, group_id),
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                review_groups,
                guard,
                review_groups::name.eq(review_groups::name)
            )?)
        },
        |conn| {
            let apps: Vec<i64> = body.entries.iter().map(|e| e.application_id).collect();
            diesel::delete(
                distributions::table
                    .filter(distributions::group_id.eq(group_id))
                    .filter(distributions::application_id.eq_any(&apps)),
            )
            .execute(conn)?;
            let rows: Vec<_> = body
                .entries
                .iter()
                .flat_map(|e| {
                    e.experts.iter().map(move |a| {
                        (
                            distributions::session_id.eq(session.id),
                            distributions::group_id.eq(group_id),
                            distributions::application_id.eq(e.application_id),
                            distributions::session_expert_id.eq(a.session_expert_id),
                            distributions::chief.eq(a.chief),
                            distributions::assigned_by.eq(user_id),
                            distributions::assigned_at.eq(now),
                        )
                    })
                })
                .collect();
            for chunk in rows.chunks(500) {
                let insert = diesel::insert_into(distributions::table).values(chunk.to_vec());
                crate::on_engine!(conn, |c| insert.execute(c))?;
            }
            let mut effects = Map::new();
            effects.insert(
                "distribution".into(),
                json!(body
                    .entries
                    .iter()
                    .map(|e| json!({"application_id": e.application_id, "experts": e.experts.iter().map(|a| json!({"session_expert_id": a.session_expert_id, "chief": a.chief})).collect::<Vec<Value>>()}))
                    .collect::<Vec<Value>>()),
            );
            Ok(effects)
        },
    )?;
    Ok(())
}

/// 进入评审: every dossier distributed by the rules, then the distribution locks and each
/// distribution gets its review form (draft).
pub fn enter_review(
    conn: &mut DbConnection,
    actor: &Actor,
    session: &SessionRow,
    group: &GroupRow,
    version: i64,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let change = Change {
        kind: Kind::ReviewGroup,
        id: group.id,
        read_version: version,
        action: "online.enter_review",
        actor,
        now,
    };
    change.expect(group.version)?;
    super::require_reviewing(session)?;
    if group.review_started_at.is_some() {
        return Err(locked());
    }
    let dossiers = dossiers(conn, group.id)?;
    let assigned = assignments(conn, group.id)?;
    let missing: Vec<&str> = dossiers
        .iter()
        .filter(|d| {
            assigned
                .get(&d.id)
                .is_none_or(|l| l.len() < 2 || l.iter().filter(|a| a.chief).count() != 1)
        })
        .map(|d| d.name.as_str())
        .collect();
    if dossiers.is_empty() || !missing.is_empty() {
        let names = missing
            .iter()
            .take(5)
            .copied()
            .collect::<Vec<_>>()
            .join("、");
        return Err(ApiError::with_text(
            ErrorCode::DistributionIncomplete,
            format!(
                "本组还有 {} 份材料未按规则分发（{names}），不能进入评审",
                missing.len()
            ),
            format!(
                "{} dossiers of the group are not distributed by the rules ({names})",
                missing.len()
            ),
        ));
    }
    let group_id = group.id;
    change.apply(
        conn,
        |conn| snapshot(conn, group_id),
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                review_groups,
                guard,
                review_groups::review_started_at.eq(Some(now))
            )?)
        },
        |conn| {
            let ids: Vec<i64> = distributions::table
                .filter(distributions::group_id.eq(group_id))
                .select(distributions::id)
                .load(conn)?;
            let rows: Vec<_> = ids
                .iter()
                .map(|&d| {
                    (
                        expert_reviews::distribution_id.eq(d),
                        expert_reviews::status.eq(ReviewStatus::Draft),
                        expert_reviews::created_at.eq(now),
                        expert_reviews::updated_at.eq(now),
                    )
                })
                .collect();
            for chunk in rows.chunks(500) {
                let insert = diesel::insert_into(expert_reviews::table).values(chunk.to_vec());
                crate::on_engine!(conn, |c| insert.execute(c))?;
            }
            // Each expert with an account learns how many dossiers wait for them.
            let per_expert: Vec<(Option<i64>, i64)> = distributions::table
                .inner_join(
                    session_experts::table
                        .on(session_experts::id.eq(distributions::session_expert_id)),
                )
                .inner_join(experts::table.on(experts::id.eq(session_experts::expert_id)))
                .filter(distributions::group_id.eq(group_id))
                .group_by(experts::account_id)
                .select((experts::account_id, diesel::dsl::count_star()))
                .load(conn)?;
            let notices: Vec<crate::notices::New> = per_expert
                .into_iter()
                .filter_map(|(account, count)| {
                    Some(crate::notices::New {
                        to: crate::notices::To::Account(account?),
                        kind: NoticeKind::DossierDistributed,
                        object: NoticeObject::ExpertReviews,
                        object_id: session.id,
                        params: NoticeParams {
                            label: Some(session.name.clone()),
                            count: Some(count),
                            ..NoticeParams::default()
                        },
                    })
                })
                .collect();
            crate::notices::write(conn, &notices, now)?;
            let mut effects = Map::new();
            effects.insert("reviews_opened".into(), json!(ids.len()));
            Ok(effects)
        },
    )?;
    Ok(())
}

/// 答辩结束: the organising unit marks the group's defense held (defense on, review started).
pub fn defense_held(
    conn: &mut DbConnection,
    actor: &Actor,
    session: &SessionRow,
    group: &GroupRow,
    version: i64,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let change = Change {
        kind: Kind::ReviewGroup,
        id: group.id,
        read_version: version,
        action: "online.defense_held",
        actor,
        now,
    };
    change.expect(group.version)?;
    super::require_reviewing(session)?;
    if !session.defense {
        return Err(ApiError::with_text(
            ErrorCode::InvalidTransition,
            "本次评审未设答辩",
            "The session has no defense",
        ));
    }
    if group.review_started_at.is_none() {
        return Err(ApiError::with_text(
            ErrorCode::ReviewNotOpen,
            "本组尚未进入评审",
            "The group has not entered review",
        ));
    }
    if group.defense_held_at.is_some() {
        return Err(ApiError::with_text(
            ErrorCode::InvalidTransition,
            "本组答辩已标记结束",
            "The group's defense is marked held already",
        ));
    }
    let group_id = group.id;
    change.apply(
        conn,
        |conn| snapshot(conn, group_id),
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                review_groups,
                guard,
                review_groups::defense_held_at.eq(Some(now))
            )?)
        },
        no_effects,
    )?;
    Ok(())
}
