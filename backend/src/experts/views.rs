//! Rows to API types (ID numbers masked on output).

use diesel::prelude::*;
use shared::{
    expert_pool::{Conflict, ExpertDetail, ExpertSummary, IntegrityRecord, PoolMember},
    ids::mask_id_number,
    Module,
};

use super::{ConflictRow, ExpertRow, MemberRow};
use crate::{
    auth::AuthUser,
    committees::{self, day, instant, unit_ref},
    db::{
        schema::{accounts, expert_conflicts},
        DbConnection,
    },
    error::ApiError,
};

/// The API form of a person.
pub fn summary(conn: &mut DbConnection, e: &ExpertRow) -> Result<ExpertSummary, ApiError> {
    let username: Option<String> = match e.account_id {
        Some(id) => accounts::table
            .find(id)
            .select(accounts::username)
            .first(conn)
            .optional()?,
        None => None,
    };
    // The invited login name carries the ID number (stored as its key): masked like the ID
    // number itself.
    let username =
        username.map(|u| crate::login_names::shown_masked(&u, Some(e.id_number.as_str())));
    let integrity_record = match &e.integrity_record {
        Some(record) => Some(IntegrityRecord {
            record: record.clone(),
            recorded_by: committees::username(conn, e.integrity_recorded_by)?.unwrap_or_default(),
            recorded_at: e.integrity_recorded_at.map(instant).unwrap_or_default(),
        }),
        None => None,
    };
    Ok(ExpertSummary {
        id: e.id,
        name: e.name.clone(),
        id_number: mask_id_number(&e.id_number),
        gender: e.gender,
        employer: unit_ref(conn, e.employer_id)?,
        title: e.title.clone(),
        title_level: e.title_level,
        series: e.series,
        specialties: super::specialties(conn, e.id)?,
        phone: e.phone.clone(),
        email: e.email.clone(),
        username,
        profile_completed: e.profile_completed_at.is_some(),
        integrity_record,
        version: e.version,
    })
}

/// The API form of a membership (`expert` already converted).
pub fn member(
    conn: &mut DbConnection,
    user: &AuthUser,
    m: &MemberRow,
    expert: ExpertSummary,
) -> Result<PoolMember, ApiError> {
    let c = super::committee(conn, m.committee_id)?;
    let can_manage = super::may_act(conn, user, Module::ExpertPool, c.unit_id)?;
    Ok(PoolMember {
        id: m.id,
        committee: committees::committee_ref(conn, &c)?,
        expert,
        status: m.status,
        term_start: day(m.term_start),
        term_end: day(m.term_end),
        status_reason: m.status_reason.clone(),
        version: m.version,
        can_manage,
    })
}

/// The API form of a membership by id.
pub fn member_by_id(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<PoolMember, ApiError> {
    let m = super::member(conn, id)?.ok_or_else(|| ApiError::new(shared::ErrorCode::NotFound))?;
    let e = super::expert(conn, m.expert_id)?
        .ok_or_else(|| ApiError::new(shared::ErrorCode::NotFound))?;
    let s = summary(conn, &e)?;
    member(conn, user, &m, s)
}

/// A person's declared conflicts (the person's own ID numbers unmasked only for the expert).
pub fn conflicts(
    conn: &mut DbConnection,
    expert_id: i64,
    mask: bool,
) -> Result<Vec<Conflict>, ApiError> {
    let rows: Vec<ConflictRow> = expert_conflicts::table
        .filter(expert_conflicts::expert_id.eq(expert_id))
        .order(expert_conflicts::id.asc())
        .select(ConflictRow::as_select())
        .load(conn)?;
    rows.into_iter()
        .map(|r| {
            Ok(Conflict {
                kind: r.kind,
                unit: match r.unit_id {
                    Some(u) => Some(unit_ref(conn, u)?),
                    None => None,
                },
                person_name: r.person_name,
                person_id_number: if mask {
                    r.person_id_number.as_deref().map(mask_id_number)
                } else {
                    r.person_id_number
                },
                reason: r.reason,
            })
        })
        .collect()
}

/// A person with profile and the given memberships.
pub fn detail(
    conn: &mut DbConnection,
    user: &AuthUser,
    e: &ExpertRow,
    memberships: &[MemberRow],
) -> Result<ExpertDetail, ApiError> {
    let s = summary(conn, e)?;
    let memberships = memberships
        .iter()
        .map(|m| member(conn, user, m, s.clone()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ExpertDetail {
        expert: s,
        education: e.education.clone(),
        field_of_work: e.field_of_work.clone(),
        availability: e.availability.clone(),
        conflicts: conflicts(conn, e.id, true)?,
        memberships,
    })
}
