//! Pool update filings (专家库更新备案, manual §6.5.3): the committee's organising unit applies
//! to add or remove experts of its pool; the nearest HRSS above the unit (the auditor of its
//! review authority filings) approves or rejects with an opinion. Approval applies every change
//! in the one transaction of the decision: one change that can no longer be applied fails the
//! whole approval and nothing changes. Filings are never deleted (备案查询).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::{json, Map};
use shared::{
    expert_pool::{
        CreatePoolUpdate, ExpertEntry, PoolUpdate, PoolUpdateAction, PoolUpdateItem,
        PoolUpdateStatus,
    },
    experts::PoolStatus,
    ids::mask_id_number,
    ErrorCode, Module, Page, PageQuery,
};

use super::{entry, ExpertRow, MemberRow};
use crate::{
    auth::AuthUser,
    committees::{self, day, filings::auditor_unit, instant, unit_ref},
    db::{
        schema::{pool_members, pool_update_items, pool_updates, units},
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    http::pagination,
    org::jurisdiction,
    versioned::Change,
};

/// A stored filing.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = pool_updates)]
pub struct UpdateRow {
    pub id: i64,
    pub committee_id: i64,
    pub unit_id: i64,
    pub reason: String,
    pub status: PoolUpdateStatus,
    pub applied_by: i64,
    pub applied_at: NaiveDateTime,
    pub audited_by: Option<i64>,
    pub audited_at: Option<NaiveDateTime>,
    pub opinion: Option<String>,
    pub version: i64,
}

/// A stored change.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = pool_update_items)]
pub struct ItemRow {
    pub id: i64,
    pub update_id: i64,
    pub sort: i32,
    pub action: PoolUpdateAction,
    pub expert_id: Option<i64>,
    pub entry: Option<String>,
    pub pool_member_id: Option<i64>,
    pub term_start: Option<chrono::NaiveDate>,
    pub term_end: Option<chrono::NaiveDate>,
    pub reason: String,
}

fn item_error(i: usize, field: &str, zh: &str, en: &str) -> ApiError {
    ApiError::validation(&format!("items[{i}].{field}"), zh, en)
}

/// Files a pool update for a committee the caller's unit organises (`pool_update_apply`).
/// Every change is checked now; approval checks them again.
pub fn apply(
    conn: &mut DbConnection,
    user: &AuthUser,
    req: &CreatePoolUpdate,
    now: NaiveDateTime,
) -> Result<i64, ApiError> {
    let c = super::committee(conn, req.committee_id)?;
    if !committees::is_unit_side(user)
        || !user.modules.contains(&Module::PoolUpdateApply)
        || c.unit_id != user.unit_id
    {
        return Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "专家库更新由评委会组建单位申请",
            "Pool updates are filed by the committee's organising unit",
        ));
    }
    let reason = req.reason.trim();
    if reason.chars().count() > 1000 {
        return Err(ApiError::validation(
            "reason",
            "不能超过 1000 个字符",
            "must have at most 1000 characters",
        ));
    }
    if req.items.is_empty() || req.items.len() > 500 {
        return Err(ApiError::validation(
            "items",
            "须有 1-500 项变更",
            "must have 1-500 changes",
        ));
    }
    let mut rows = Vec::new();
    let mut people: Vec<String> = Vec::new();
    for (i, it) in req.items.iter().enumerate() {
        let why = it.reason.trim().to_owned();
        if shared::rules::text(&it.reason, 1, 500).is_err() {
            return Err(item_error(
                i,
                "reason",
                "须填写原因（不超过 500 个字符）",
                "is required (at most 500 characters)",
            ));
        }
        let (expert_id, entry_json, member, term, id_number) = match it.action {
            PoolUpdateAction::Add => match (&it.entry, it.expert_id) {
                (Some(e), None) => {
                    let v = entry::validate(e)
                        .map_err(|err| err.at_field(format!("items[{i}].entry")))?;
                    entry::require_unit(
                        conn,
                        &format!("items[{i}].entry.employer_id"),
                        v.employer_id,
                    )?;
                    let mut stored = e.clone();
                    stored.id_number = v.id_number.as_str().to_owned();
                    let json = serde_json::to_string(&stored).map_err(ApiError::internal)?;
                    (
                        None,
                        Some(json),
                        None,
                        Some(v.term),
                        v.id_number.as_str().to_owned(),
                    )
                }
                (None, Some(x)) => {
                    let p = super::expert(conn, x)?.ok_or_else(|| {
                        item_error(i, "expert_id", "没有该专家", "no such expert")
                    })?;
                    if p.integrity_record.is_some() {
                        return Err(super::barred());
                    }
                    let t = entry::term(
                        it.term_start.as_deref().unwrap_or_default(),
                        it.term_end.as_deref().unwrap_or_default(),
                    )
                    .map_err(|err| {
                        let f = err.field().unwrap_or("term").to_owned();
                        err.at_field(format!("items[{i}].{f}"))
                    })?;
                    (Some(x), None, None, Some(t), p.id_number)
                }
                _ => {
                    return Err(item_error(
                        i,
                        "entry",
                        "增补须给出已有专家 expert_id 或预入库信息 entry 之一",
                        "an add names either expert_id or entry",
                    ))
                }
            },
            PoolUpdateAction::Remove => {
                let m = it
                    .pool_member_id
                    .and_then(|id| super::member(conn, id).transpose())
                    .transpose()?
                    .filter(|m| m.committee_id == c.id && m.status != PoolStatus::Removed)
                    .ok_or_else(|| {
                        item_error(
                            i,
                            "pool_member_id",
                            "不是该评委会专家库中的成员",
                            "is not a member of this committee's pool",
                        )
                    })?;
                let p = super::expert(conn, m.expert_id)?
                    .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
                (None, None, Some(m.id), None, p.id_number)
            }
        };
        if let (PoolUpdateAction::Add, Some(existing)) =
            (it.action, member_of(conn, c.id, &id_number)?)
        {
            if existing.status != PoolStatus::Removed {
                return Err(item_error(
                    i,
                    "entry",
                    "该专家已在该评委会专家库中",
                    "this expert is already in the committee's pool",
                ));
            }
        }
        if people.contains(&id_number) {
            return Err(item_error(
                i,
                "entry",
                "同一专家在本次申请中重复出现",
                "the same expert appears twice in this filing",
            ));
        }
        people.push(id_number);
        rows.push((it.action, expert_id, entry_json, member, term, why));
    }
    conn.write_transaction(|conn| {
        let id: i64 = diesel::insert_into(pool_updates::table)
            .values((
                pool_updates::committee_id.eq(c.id),
                pool_updates::unit_id.eq(c.unit_id),
                pool_updates::reason.eq(reason),
                pool_updates::status.eq(PoolUpdateStatus::Pending),
                pool_updates::applied_by.eq(user.id),
                pool_updates::applied_at.eq(now),
            ))
            .returning(pool_updates::id)
            .get_result(conn)?;
        for (sort, (action, expert_id, entry_json, member, term, why)) in rows.iter().enumerate() {
            diesel::insert_into(pool_update_items::table)
                .values((
                    pool_update_items::update_id.eq(id),
                    pool_update_items::sort.eq(i32::try_from(sort).unwrap_or(i32::MAX)),
                    pool_update_items::action.eq(action),
                    pool_update_items::expert_id.eq(expert_id),
                    pool_update_items::entry.eq(crate::pii::Pii::opt(entry_json.as_deref())),
                    pool_update_items::pool_member_id.eq(member),
                    pool_update_items::term_start.eq(term.map(|t| t.start)),
                    pool_update_items::term_end.eq(term.map(|t| t.end)),
                    pool_update_items::reason.eq(why),
                ))
                .execute(conn)?;
        }
        Ok(id)
    })
}

/// The membership of the person with this ID number in a committee's pool, if any.
fn member_of(
    conn: &mut DbConnection,
    committee_id: i64,
    id_number: &str,
) -> Result<Option<MemberRow>, ApiError> {
    use crate::db::schema::experts;
    Ok(pool_members::table
        .inner_join(experts::table)
        .filter(pool_members::committee_id.eq(committee_id))
        .filter(experts::id_number_hash.eq(crate::pii::hash(id_number)))
        .select(MemberRow::as_select())
        .first(conn)
        .optional()?)
}

fn entry_of(json: &str) -> Result<ExpertEntry, ApiError> {
    serde_json::from_str(json).map_err(ApiError::internal)
}

/// Whether the caller may audit the filing now: pending, `pool_update_audit` in the auditing
/// unit, and not the applicant.
pub fn may_decide(
    conn: &mut DbConnection,
    user: &AuthUser,
    u: &UpdateRow,
) -> Result<bool, ApiError> {
    Ok(u.status == PoolUpdateStatus::Pending
        && committees::is_unit_side(user)
        && user.modules.contains(&Module::PoolUpdateAudit)
        && u.applied_by != user.id
        && auditor_unit(conn, u.unit_id)? == user.unit_id)
}

/// Whether the caller sees the filing: its own unit's (apply, audit or query module), or an
/// HRSS's with the audit or query module for units below it.
pub fn sees(conn: &mut DbConnection, user: &AuthUser, u: &UpdateRow) -> Result<bool, ApiError> {
    let reader = [
        Module::PoolUpdateApply,
        Module::PoolUpdateAudit,
        Module::PoolUpdateQuery,
    ]
    .iter()
    .any(|m| user.modules.contains(m));
    if !committees::is_unit_side(user) || !reader {
        return Ok(false);
    }
    if u.unit_id == user.unit_id {
        return Ok(true);
    }
    let overseer = user.modules.contains(&Module::PoolUpdateAudit)
        || user.modules.contains(&Module::PoolUpdateQuery);
    Ok(overseer
        && committees::caller_is_hrss(conn, user)?
        && jurisdiction::relation(conn, user, u.unit_id)? == jurisdiction::Relation::Below)
}

/// A filing the caller sees; 404 otherwise.
pub fn require_visible(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<UpdateRow, ApiError> {
    let row = pool_updates::table
        .find(id)
        .select(UpdateRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    if sees(conn, user, &row)? {
        Ok(row)
    } else {
        Err(ApiError::new(ErrorCode::NotFound))
    }
}

/// The API form of a filing.
pub fn to_dto(
    conn: &mut DbConnection,
    user: &AuthUser,
    u: UpdateRow,
) -> Result<PoolUpdate, ApiError> {
    let items: Vec<ItemRow> = pool_update_items::table
        .filter(pool_update_items::update_id.eq(u.id))
        .order(pool_update_items::sort.asc())
        .select(ItemRow::as_select())
        .load(conn)?;
    let mut out = Vec::new();
    for it in items {
        let (name, id_number) = match (&it.entry, it.expert_id, it.pool_member_id) {
            (Some(json), _, _) => {
                let e = entry_of(json)?;
                (e.name, e.id_number)
            }
            (None, Some(x), _) => person(conn, x)?,
            (None, None, Some(m)) => {
                let m =
                    super::member(conn, m)?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
                person(conn, m.expert_id)?
            }
            (None, None, None) => (String::new(), String::new()),
        };
        out.push(PoolUpdateItem {
            action: it.action,
            name,
            id_number: mask_id_number(&id_number),
            expert_id: it.expert_id,
            pool_member_id: it.pool_member_id,
            term_start: it.term_start.map(day),
            term_end: it.term_end.map(day),
            reason: it.reason,
        });
    }
    let c = super::committee(conn, u.committee_id)?;
    let can_decide = may_decide(conn, user, &u)?;
    Ok(PoolUpdate {
        id: u.id,
        committee: committees::committee_ref(conn, &c)?,
        unit: unit_ref(conn, u.unit_id)?,
        reason: u.reason,
        status: u.status,
        items: out,
        applied_by: committees::username(conn, Some(u.applied_by))?.unwrap_or_default(),
        applied_at: instant(u.applied_at),
        audited_by: committees::username(conn, u.audited_by)?,
        audited_at: u.audited_at.map(instant),
        opinion: u.opinion,
        version: u.version,
        can_decide,
    })
}

fn person(conn: &mut DbConnection, id: i64) -> Result<(String, String), ApiError> {
    let p: ExpertRow =
        super::expert(conn, id)?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    Ok((p.name, p.id_number))
}

/// Filters of the filing list (备案查询).
#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
pub struct UpdateFilter {
    /// State.
    pub status: Option<PoolUpdateStatus>,
    /// One committee.
    pub committee_id: Option<i64>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// 403 unless unit-side with one of the pool update modules.
pub fn require_reader(user: &AuthUser) -> Result<(), ApiError> {
    let reader = [
        Module::PoolUpdateApply,
        Module::PoolUpdateAudit,
        Module::PoolUpdateQuery,
    ]
    .iter()
    .any(|m| user.modules.contains(m));
    if committees::is_unit_side(user) && reader {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Forbidden))
    }
}

/// One page of the filings the caller sees, newest first.
pub fn list_page(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &UpdateFilter,
    page: PageQuery,
) -> Result<Page<PoolUpdate>, ApiError> {
    let overseer = (user.modules.contains(&Module::PoolUpdateAudit)
        || user.modules.contains(&Module::PoolUpdateQuery))
        && committees::caller_is_hrss(conn, user)?;
    let (lo, hi) = jurisdiction::range(user);
    let filtered = || {
        let mut q = pool_updates::table.into_boxed();
        q = if overseer {
            q.filter(
                pool_updates::unit_id.eq_any(
                    units::table
                        .filter(units::path.ge(lo.clone()))
                        .filter(units::path.lt(hi.clone()))
                        .select(units::id),
                ),
            )
        } else {
            q.filter(pool_updates::unit_id.eq(user.unit_id))
        };
        if let Some(s) = f.status {
            q = q.filter(pool_updates::status.eq(s.as_str()));
        }
        if let Some(c) = f.committee_id {
            q = q.filter(pool_updates::committee_id.eq(c));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let (limit, offset) = pagination::limit_offset(page);
    let rows: Vec<UpdateRow> = filtered()
        .order(pool_updates::id.desc())
        .limit(limit)
        .offset(offset)
        .select(UpdateRow::as_select())
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(|r| to_dto(conn, user, r))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(pagination::page(items, total, page))
}

/// Approves (applying every change) or rejects a filing.
pub fn decide(
    conn: &mut DbConnection,
    user: &AuthUser,
    row: &UpdateRow,
    approve: bool,
    opinion: Option<&str>,
    change: &Change<'_>,
) -> Result<PoolUpdate, ApiError> {
    if row.status == PoolUpdateStatus::Pending && !may_decide(conn, user, row)? {
        if row.applied_by == user.id && auditor_unit(conn, row.unit_id)? == user.unit_id {
            return Err(ApiError::with_text(
                ErrorCode::FourEyesRequired,
                "不能审核本人提交的专家库更新申请",
                "You cannot audit a pool update you filed",
            ));
        }
        return Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "专家库更新由组建单位的上级人社部门审核",
            "Pool updates are audited by the HRSS above the organising unit",
        ));
    }
    change.expect(row.version)?;
    if row.status != PoolUpdateStatus::Pending {
        return Err(ApiError::with_text(
            ErrorCode::Conflict,
            "该专家库更新申请已审核",
            "This pool update has already been decided",
        ));
    }
    let status = if approve {
        PoolUpdateStatus::Approved
    } else {
        PoolUpdateStatus::Rejected
    };
    let (id, committee_id) = (row.id, row.committee_id);
    change.apply(
        conn,
        |conn| {
            let r = pool_updates::table
                .find(id)
                .select(UpdateRow::as_select())
                .first(conn)?;
            to_dto(conn, user, r)
        },
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                pool_updates,
                guard,
                (
                    pool_updates::status.eq(status),
                    pool_updates::audited_by.eq(user.id),
                    pool_updates::audited_at.eq(change.now),
                    pool_updates::opinion.eq(opinion),
                )
            )?)
        },
        |conn| {
            let mut out = Map::new();
            if approve {
                let applied = apply_items(conn, id, committee_id, row.applied_by, change.now)?;
                out.insert("applied".into(), json!(applied));
            }
            Ok(out)
        },
    )
}

/// Applies every change of an approved filing; the first that cannot be applied fails them all.
fn apply_items(
    conn: &mut DbConnection,
    id: i64,
    committee_id: i64,
    by: i64,
    now: NaiveDateTime,
) -> Result<Vec<i64>, ApiError> {
    let items: Vec<ItemRow> = pool_update_items::table
        .filter(pool_update_items::update_id.eq(id))
        .order(pool_update_items::sort.asc())
        .select(ItemRow::as_select())
        .load(conn)?;
    let mut touched = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let at = |e: ApiError| {
            let f = e.field().unwrap_or("entry").to_owned();
            e.at_field(format!("items[{i}].{f}"))
        };
        match it.action {
            PoolUpdateAction::Add => {
                let term = match (it.term_start, it.term_end) {
                    (Some(start), Some(end)) => entry::Term { start, end },
                    _ => return Err(ApiError::internal(anyhow::anyhow!("add without a term"))),
                };
                let expert_id = match (&it.entry, it.expert_id) {
                    (Some(json), _) => {
                        let v = entry::validate(&entry_of(json)?).map_err(at)?;
                        entry::find_or_create_person(conn, &v, by, now).map_err(at)?
                    }
                    (None, Some(x)) => x,
                    (None, None) => {
                        return Err(ApiError::internal(anyhow::anyhow!("add without a person")))
                    }
                };
                let member =
                    entry::join_pool(conn, committee_id, expert_id, term, by, now).map_err(at)?;
                diesel::update(pool_update_items::table.find(it.id))
                    .set(pool_update_items::pool_member_id.eq(member))
                    .execute(conn)?;
                touched.push(member);
            }
            PoolUpdateAction::Remove => {
                let m = it.pool_member_id.unwrap_or_default();
                let n = diesel::update(
                    pool_members::table
                        .filter(pool_members::id.eq(m))
                        .filter(pool_members::status.ne(PoolStatus::Removed)),
                )
                .set((
                    pool_members::status.eq(PoolStatus::Removed),
                    pool_members::status_reason.eq(&it.reason),
                    pool_members::updated_at.eq(now),
                    pool_members::version.eq(pool_members::version + 1_i64),
                ))
                .execute(conn)?;
                if n != 1 {
                    return Err(ApiError::with_text(
                        ErrorCode::Conflict,
                        format!("第 {} 项：该专家已不在专家库中，整份申请未生效", i + 1),
                        format!(
                            "Change {}: the expert is no longer in the pool; nothing was applied",
                            i + 1
                        ),
                    )
                    .at_field(format!("items[{i}].pool_member_id")));
                }
                touched.push(m);
            }
        }
    }
    Ok(touched)
}
