//! The pool (专家库): pre-entry, the search list, invitation, suspension / resumption /
//! removal, integrity records and edits of a person. Every state change of a membership or a
//! person is a versioned change (`versioned::Change`) with its audit row.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::{json, Map, Value};
use shared::{
    application::{Level, Series},
    expert_pool::{ExpertDetail, ExpertEdit, InviteAnswer, PoolMember},
    experts::PoolStatus,
    AccountKind, ErrorCode, Module, Page, PageQuery,
};

use super::{entry, views, ExpertRow, MemberRow};
use crate::{
    audit::{self, Actor, Event},
    auth::{password, AuthUser},
    committees,
    db::{
        schema::{committees as committees_t, expert_specialties, experts, pool_members, units},
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    http::pagination,
    org::{accounts, jurisdiction},
    versioned::{self, Change},
};

/// Pre-enters a person into a committee's pool (the caller may act on it); audited
/// `expert.pre_entry`. Returns the membership.
pub fn pre_enter(
    conn: &mut DbConnection,
    user: &AuthUser,
    actor: &Actor,
    committee_id: i64,
    v: &entry::ValidEntry,
    now: NaiveDateTime,
) -> Result<PoolMember, ApiError> {
    conn.write_transaction(|conn| {
        super::require_committee(conn, user, Module::ExpertPool, committee_id)?;
        let expert_id = entry::find_or_create_person(conn, v, user.id, now)?;
        let member_id = entry::join_pool(conn, committee_id, expert_id, v.term, user.id, now)?;
        let answer = views::member_by_id(conn, user, member_id)?;
        audit::append(
            conn,
            actor,
            &Event {
                action: "expert.pre_entry",
                target_type: "pool_member",
                target_id: Some(member_id.to_string()),
                success: true,
                before: None,
                after: Some(json!(answer)),
            },
            now,
        )?;
        Ok(answer)
    })
}

/// Filters of the pool list (专家查询); the export takes the same.
#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
pub struct PoolFilter {
    /// One committee's pool.
    pub committee_id: Option<i64>,
    /// Status in the pool.
    pub status: Option<PoolStatus>,
    /// Has this specialty (exact).
    pub specialty: Option<String>,
    /// Series.
    pub series: Option<Series>,
    /// Title level.
    pub title_level: Option<Level>,
    /// Employer (exactly this unit).
    pub employer_id: Option<i64>,
    /// Term covers this day (`YYYY-MM-DD`).
    #[param(format = Date)]
    pub term_on: Option<String>,
    /// Name contains.
    pub name: Option<String>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// 403 unless the caller may read pools: unit-side with `title.experts.pool`.
pub fn require_reader(user: &AuthUser) -> Result<(), ApiError> {
    if !committees::is_unit_side(user) {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    user.require(Module::ExpertPool)
}

/// The ids of the committees whose pools the caller sees: its own unit's; for an HRSS, also
/// those organised below it.
fn visible_committees(conn: &mut DbConnection, user: &AuthUser) -> Result<Vec<i64>, ApiError> {
    if committees::caller_is_hrss(conn, user)? {
        let (lo, hi) = jurisdiction::range(user);
        Ok(committees_t::table
            .inner_join(units::table)
            .filter(units::path.ge(lo))
            .filter(units::path.lt(hi))
            .select(committees_t::id)
            .load(conn)?)
    } else {
        Ok(committees_t::table
            .filter(committees_t::unit_id.eq(user.unit_id))
            .select(committees_t::id)
            .load(conn)?)
    }
}

/// One page of the pool list under its filter, by committee then name.
pub fn list_page(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &PoolFilter,
    page: PageQuery,
) -> Result<Page<PoolMember>, ApiError> {
    let visible = visible_committees(conn, user)?;
    let term_on = match f.term_on.as_deref() {
        Some(raw) => Some(
            NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
                ApiError::with_text(
                    ErrorCode::BadRequest,
                    "日期格式须为 YYYY-MM-DD",
                    "must be YYYY-MM-DD",
                )
                .at_field("term_on")
            })?,
        ),
        None => None,
    };
    let filtered = || {
        let mut q = pool_members::table
            .inner_join(experts::table)
            .filter(pool_members::committee_id.eq_any(visible.clone()))
            .into_boxed();
        if let Some(c) = f.committee_id {
            q = q.filter(pool_members::committee_id.eq(c));
        }
        if let Some(s) = f.status {
            q = q.filter(pool_members::status.eq(s.as_str()));
        }
        if let Some(s) = f
            .specialty
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            q = q.filter(
                pool_members::expert_id.eq_any(
                    expert_specialties::table
                        .filter(expert_specialties::specialty.eq(s.to_owned()))
                        .select(expert_specialties::expert_id),
                ),
            );
        }
        if let Some(s) = f.series {
            q = q.filter(experts::series.eq(s.as_str()));
        }
        if let Some(l) = f.title_level {
            q = q.filter(experts::title_level.eq(l.as_str()));
        }
        if let Some(u) = f.employer_id {
            q = q.filter(experts::employer_id.eq(u));
        }
        if let Some(d) = term_on {
            q = q
                .filter(pool_members::term_start.le(d))
                .filter(pool_members::term_end.ge(d));
        }
        if let Some(n) = f.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            q = q.filter(experts::name.like(format!("%{}%", n.replace(['%', '_'], ""))));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let (limit, offset) = pagination::limit_offset(page);
    let rows: Vec<(MemberRow, ExpertRow)> = filtered()
        .order((
            pool_members::committee_id.asc(),
            experts::name.asc(),
            pool_members::id.asc(),
        ))
        .limit(limit)
        .offset(offset)
        .select((MemberRow::as_select(), ExpertRow::as_select()))
        .load(conn)?;
    let items = rows
        .iter()
        .map(|(m, e)| {
            let s = views::summary(conn, e)?;
            views::member(conn, user, m, s)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(pagination::page(items, total, page))
}

/// A person with the memberships the caller sees; 404 when it sees none.
pub fn get(conn: &mut DbConnection, user: &AuthUser, id: i64) -> Result<ExpertDetail, ApiError> {
    let e = super::expert(conn, id)?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let visible = visible_committees(conn, user)?;
    let memberships: Vec<MemberRow> = pool_members::table
        .filter(pool_members::expert_id.eq(id))
        .filter(pool_members::committee_id.eq_any(visible))
        .order(pool_members::id.asc())
        .select(MemberRow::as_select())
        .load(conn)?;
    if memberships.is_empty() {
        return Err(ApiError::new(ErrorCode::NotFound));
    }
    views::detail(conn, user, &e, &memberships)
}

/// A membership the caller may manage: 404 outside its sight, 403 when it sees but may not act.
fn managed_member(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<(MemberRow, ExpertRow), ApiError> {
    let m = super::member(conn, id)?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    super::require_committee(conn, user, Module::ExpertPool, m.committee_id)?;
    let e = super::expert(conn, m.expert_id)?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    Ok((m, e))
}

fn invalid_move(from: PoolStatus, to: PoolStatus) -> ApiError {
    ApiError::with_text(
        ErrorCode::InvalidTransition,
        format!(
            "专家库状态不能从“{}”变为“{}”",
            from.label(shared::Locale::ZhCn),
            to.label(shared::Locale::ZhCn)
        ),
        format!(
            "A pool member cannot move from {} to {}",
            from.label(shared::Locale::En),
            to.label(shared::Locale::En)
        ),
    )
}

/// The login name of an invited expert: `zj` (专家) and the ID number, unique per person.
pub fn expert_username(id_number: &str) -> String {
    format!("zj{id_number}")
}

/// Invites a pre-entered member (专家邀请): creates the person's `expert` account (initial
/// password, forced change at first sign-in) unless they have one, links it, and moves the
/// membership to `invited` (to `active` when the person already completed the profile).
pub fn invite(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
    change: &Change<'_>,
) -> Result<InviteAnswer, ApiError> {
    let (m, e) = managed_member(conn, user, id)?;
    change.expect(m.version)?;
    if m.status != PoolStatus::PreEntry {
        return Err(invalid_move(m.status, PoolStatus::Invited));
    }
    if e.integrity_record.is_some() {
        return Err(super::barred());
    }
    let to = if e.profile_completed_at.is_some() {
        PoolStatus::Active
    } else {
        PoolStatus::Invited
    };
    let username = expert_username(&e.id_number);
    let mut created = false;
    let member = change.apply(
        conn,
        |conn| views::member_by_id(conn, user, id),
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                pool_members,
                guard,
                (
                    pool_members::status.eq(to),
                    pool_members::updated_at.eq(change.now),
                )
            )?)
        },
        |conn| {
            if e.account_id.is_none() {
                let account = accounts::create(
                    conn,
                    &accounts::NewAccount {
                        username: username.clone(),
                        display_name: e.name.clone(),
                        kind: AccountKind::Expert,
                        unit_id: e.employer_id,
                        id_number: Some(e.id_number.clone()),
                        phone: Some(e.phone.clone()),
                        password_hash: password::hash(password::INITIAL_PASSWORD)?,
                        must_change_password: true,
                        role_ids: Vec::new(),
                        created_by: Some(user.id),
                    },
                    change.now,
                )?;
                diesel::update(experts::table.find(e.id))
                    .set((
                        experts::account_id.eq(account),
                        experts::updated_at.eq(change.now),
                        experts::version.eq(experts::version + 1_i64),
                    ))
                    .execute(conn)?;
                created = true;
            }
            let mut out = Map::new();
            out.insert("account_created".into(), Value::Bool(created));
            Ok(out)
        },
    )?;
    // The login name in full, once, for the inviter to pass on (lists show it masked).
    let account: Option<i64> = experts::table
        .find(e.id)
        .select(experts::account_id)
        .first(conn)?;
    let stored: Option<(String, Option<String>)> = match account {
        Some(id) => crate::db::schema::accounts::table
            .find(id)
            .select((
                crate::db::schema::accounts::username,
                crate::db::schema::accounts::id_number,
            ))
            .first(conn)
            .optional()?,
        None => None,
    };
    let username = stored.map_or(username, |(stored, id_number)| {
        crate::login_names::shown(&stored, id_number.as_deref())
    });
    Ok(InviteAnswer {
        member,
        username,
        account_created: created,
    })
}

/// Suspends, resumes or removes a membership with a reason.
pub fn set_status(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
    to: PoolStatus,
    reason: &str,
    change: &Change<'_>,
) -> Result<PoolMember, ApiError> {
    let (m, e) = managed_member(conn, user, id)?;
    change.expect(m.version)?;
    if !m.status.may_move_to(to) {
        return Err(invalid_move(m.status, to));
    }
    if to == PoolStatus::Active && e.integrity_record.is_some() {
        return Err(super::barred());
    }
    if shared::rules::text(reason, 1, 500).is_err() {
        return Err(ApiError::validation(
            "reason",
            "须填写原因（不超过 500 个字符）",
            "is required (at most 500 characters)",
        ));
    }
    let reason = reason.trim();
    change.apply(
        conn,
        |conn| views::member_by_id(conn, user, id),
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                pool_members,
                guard,
                (
                    pool_members::status.eq(to),
                    pool_members::status_reason.eq(reason),
                    pool_members::updated_at.eq(change.now),
                )
            )?)
        },
        versioned::no_effects,
    )
}

/// Whether the caller manages at least one membership of the person.
fn manages_person(
    conn: &mut DbConnection,
    user: &AuthUser,
    expert_id: i64,
) -> Result<bool, ApiError> {
    let committees_of: Vec<i64> = pool_members::table
        .filter(pool_members::expert_id.eq(expert_id))
        .select(pool_members::committee_id)
        .load(conn)?;
    for c in committees_of {
        let c = super::committee(conn, c)?;
        if super::may_act(conn, user, Module::ExpertPool, c.unit_id)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn person_in_sight(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<ExpertRow, ApiError> {
    let e = super::expert(conn, id)?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    if !manages_person(conn, user, id)? {
        // Not 403: whether the person exists elsewhere is not the caller's business.
        return Err(ApiError::new(ErrorCode::NotFound));
    }
    Ok(e)
}

/// Records an integrity violation (违规) on a person: kept with who and when, and every
/// membership not yet removed is removed. Only an HRSS managing one of the person's pools.
pub fn record_integrity(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
    record: &str,
    change: &Change<'_>,
) -> Result<ExpertDetail, ApiError> {
    let e = person_in_sight(conn, user, id)?;
    if !committees::caller_is_hrss(conn, user)? {
        return Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "违规记录由人社部门登记",
            "Integrity records are made by an HRSS",
        ));
    }
    change.expect(e.version)?;
    if e.integrity_record.is_some() {
        return Err(ApiError::with_text(
            ErrorCode::Conflict,
            "该专家已有违规记录",
            "This expert already has an integrity record",
        ));
    }
    let record = record.trim();
    if record.is_empty() || record.chars().count() > 1000 {
        return Err(ApiError::validation(
            "record",
            "须填写违规情况（不超过 1000 个字符）",
            "is required (at most 1000 characters)",
        ));
    }
    let reason = format!("违规：{record}");
    let snapshot = |conn: &mut DbConnection| {
        let e = super::expert(conn, id)?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
        let all: Vec<MemberRow> = pool_members::table
            .filter(pool_members::expert_id.eq(id))
            .order(pool_members::id.asc())
            .select(MemberRow::as_select())
            .load(conn)?;
        views::detail(conn, user, &e, &all)
    };
    change.apply(
        conn,
        snapshot,
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                experts,
                guard,
                (
                    experts::integrity_record.eq(record),
                    experts::integrity_recorded_by.eq(user.id),
                    experts::integrity_recorded_at.eq(change.now),
                    experts::updated_at.eq(change.now),
                )
            )?)
        },
        |conn| {
            let removed: Vec<i64> = pool_members::table
                .filter(pool_members::expert_id.eq(id))
                .filter(pool_members::status.ne(PoolStatus::Removed))
                .select(pool_members::id)
                .load(conn)?;
            diesel::update(pool_members::table.filter(pool_members::id.eq_any(&removed)))
                .set((
                    pool_members::status.eq(PoolStatus::Removed),
                    pool_members::status_reason.eq(&reason),
                    pool_members::updated_at.eq(change.now),
                    pool_members::version.eq(pool_members::version + 1_i64),
                ))
                .execute(conn)?;
            let mut out = Map::new();
            out.insert("removed_pool_members".into(), json!(removed));
            Ok(out)
        },
    )
}

/// Edits a person's fields (not the ID number; specialties replaced).
pub fn edit(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
    req: &ExpertEdit,
    change: &Change<'_>,
) -> Result<ExpertDetail, ApiError> {
    person_in_sight(conn, user, id)?;
    let e = super::expert(conn, id)?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    change.expect(e.version)?;
    let name = crate::http::text::required("name", &req.name, 50)?;
    let title = crate::http::text::required("title", &req.title, 50)?;
    let specialties = entry::specialties(&req.specialties)?;
    let phone = entry::phone(&req.phone)?;
    let email = entry::email(&req.email)?;
    entry::require_unit(conn, "employer_id", req.employer_id)?;
    let snapshot = |conn: &mut DbConnection| get(conn, user, id);
    change.apply(
        conn,
        snapshot,
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                experts,
                guard,
                (
                    experts::name.eq(name),
                    experts::employer_id.eq(req.employer_id),
                    experts::title.eq(title),
                    experts::title_level.eq(req.title_level),
                    experts::series.eq(req.series),
                    experts::phone.eq(&phone),
                    experts::email.eq(&email),
                    experts::updated_at.eq(change.now),
                )
            )?)
        },
        |conn| {
            diesel::delete(expert_specialties::table.filter(expert_specialties::expert_id.eq(id)))
                .execute(conn)?;
            entry::add_specialties(conn, id, &specialties)?;
            Ok(Map::new())
        },
    )
}
