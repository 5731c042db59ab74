//! The expert's own profile (专家个人信息, manual §6.5.2): at first sign-in (after the forced
//! password change) the expert completes education, field of work, availability and the
//! declared conflicts of interest; completing it makes every `invited` membership `active`.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::{json, Map};
use shared::{
    expert_pool::{ConflictInput, ExpertDetail, ProfileInput},
    experts::{ConflictKind, PoolStatus},
    ids::IdNumber,
    AccountKind, ErrorCode, Module,
};

use super::{entry, views, ExpertRow, MemberRow};
use crate::{
    audit::Actor,
    auth::AuthUser,
    db::{
        schema::{expert_conflicts, experts, pool_members},
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    versioned::{Change, Kind},
};

/// The caller's own person: 403 unless an expert account holding `title.experts.profile`,
/// 404 when no person is linked to it.
pub fn mine(conn: &mut DbConnection, user: &AuthUser) -> Result<ExpertRow, ApiError> {
    if user.kind != AccountKind::Expert {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    user.require(Module::ExpertProfile)?;
    experts::table
        .filter(experts::account_id.eq(user.id))
        .select(ExpertRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// The caller's profile with every membership.
pub fn get(conn: &mut DbConnection, user: &AuthUser) -> Result<ExpertDetail, ApiError> {
    let e = mine(conn, user)?;
    let all: Vec<MemberRow> = pool_members::table
        .filter(pool_members::expert_id.eq(e.id))
        .order(pool_members::id.asc())
        .select(MemberRow::as_select())
        .load(conn)?;
    let mut detail = views::detail(conn, user, &e, &all)?;
    // The expert declared them: they read their own list whole, to edit it.
    detail.conflicts = views::conflicts(conn, e.id, false)?;
    Ok(detail)
}

/// A checked conflict: (kind, unit, person ID number, person name, reason).
type ValidConflict = (ConflictKind, Option<i64>, Option<String>, String, String);

fn conflict(
    conn: &mut DbConnection,
    i: usize,
    c: &ConflictInput,
) -> Result<ValidConflict, ApiError> {
    let field = |f: &str| format!("conflicts[{i}].{f}");
    let reason = c.reason.trim().to_owned();
    if reason.chars().count() > 200 {
        return Err(ApiError::validation(
            &field("reason"),
            "不能超过 200 个字符",
            "must have at most 200 characters",
        ));
    }
    match c.kind {
        ConflictKind::Unit => {
            let unit = c.unit_id.ok_or_else(|| {
                ApiError::validation(&field("unit_id"), "须选择单位", "is required for a unit")
            })?;
            entry::require_unit(conn, &field("unit_id"), unit)?;
            Ok((c.kind, Some(unit), None, String::new(), reason))
        }
        ConflictKind::Person => {
            let name = c.person_name.trim().to_owned();
            if name.is_empty() || name.chars().count() > 50 {
                return Err(ApiError::validation(
                    &field("person_name"),
                    "不能为空且不超过 50 个字符",
                    "must have 1-50 characters",
                ));
            }
            let id = IdNumber::parse(c.person_id_number.as_deref().unwrap_or_default())
                .map_err(|m| ApiError::validation_pair(&field("person_id_number"), m))?;
            Ok((c.kind, None, Some(id.as_str().to_owned()), name, reason))
        }
    }
}

/// Saves the caller's profile (a versioned change of the person, audited
/// `expert.profile_update`); the first save completes it and activates every `invited`
/// membership of the person.
pub fn save(
    conn: &mut DbConnection,
    user: &AuthUser,
    req: &ProfileInput,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<ExpertDetail, ApiError> {
    let e = mine(conn, user)?;
    let change = Change {
        kind: Kind::Expert,
        id: e.id,
        read_version: req.version,
        action: "expert.profile_update",
        actor,
        now,
    };
    change.expect(e.version)?;
    let education = crate::http::text::required("education", &req.education, 200)?;
    let field_of_work = crate::http::text::required("field_of_work", &req.field_of_work, 500)?;
    let availability = crate::http::text::required("availability", &req.availability, 200)?;
    let phone = entry::phone(&req.phone)?;
    let email = entry::email(&req.email)?;
    if req.conflicts.len() > 50 {
        return Err(ApiError::validation(
            "conflicts",
            "最多 50 项",
            "at most 50 entries",
        ));
    }
    let conflicts = req
        .conflicts
        .iter()
        .enumerate()
        .map(|(i, c)| conflict(conn, i, c))
        .collect::<Result<Vec<_>, _>>()?;
    let completed_at = e.profile_completed_at.unwrap_or(change.now);
    let id = e.id;
    change.apply(
        conn,
        |conn| get(conn, user),
        |conn, guard| {
            Ok(guarded_update!(
                conn,
                experts,
                guard,
                (
                    experts::education.eq(&education),
                    experts::field_of_work.eq(&field_of_work),
                    experts::availability.eq(&availability),
                    experts::phone.eq(&phone),
                    experts::email.eq(&email),
                    experts::profile_completed_at.eq(completed_at),
                    experts::updated_at.eq(change.now),
                )
            )?)
        },
        |conn| {
            diesel::delete(expert_conflicts::table.filter(expert_conflicts::expert_id.eq(id)))
                .execute(conn)?;
            for (kind, unit, person, name, reason) in &conflicts {
                diesel::insert_into(expert_conflicts::table)
                    .values((
                        expert_conflicts::expert_id.eq(id),
                        expert_conflicts::kind.eq(kind),
                        expert_conflicts::unit_id.eq(unit),
                        expert_conflicts::person_id_number_hash
                            .eq(person.as_deref().map(crate::pii::hash)),
                        expert_conflicts::person_id_number
                            .eq(crate::pii::Pii::opt(person.as_deref())),
                        expert_conflicts::person_name.eq(name),
                        expert_conflicts::reason.eq(reason),
                    ))
                    .execute(conn)?;
            }
            let invited: Vec<i64> = pool_members::table
                .filter(pool_members::expert_id.eq(id))
                .filter(pool_members::status.eq(PoolStatus::Invited))
                .select(pool_members::id)
                .load(conn)?;
            diesel::update(pool_members::table.filter(pool_members::id.eq_any(&invited)))
                .set((
                    pool_members::status.eq(PoolStatus::Active),
                    pool_members::updated_at.eq(change.now),
                    pool_members::version.eq(pool_members::version + 1_i64),
                ))
                .execute(conn)?;
            let mut out = Map::new();
            out.insert("activated_pool_members".into(), json!(invited));
            Ok(out)
        },
    )
}

/// At most this many units answer one search of [`units_named`].
pub const UNIT_MATCHES: i64 = 20;

/// Units whose name contains `q` (enabled ones; the deepest — employers — first, then by
/// name), for the expert to declare a unit they must not review: the expert's own profile only.
pub fn units_named(
    conn: &mut DbConnection,
    user: &AuthUser,
    q: &str,
) -> Result<Vec<shared::auth::UnitRef>, ApiError> {
    mine(conn, user)?;
    let q = q.trim();
    if q.is_empty() || q.chars().count() > 50 {
        return Err(ApiError::validation(
            "q",
            "请输入 1 至 50 个字的单位名称",
            "give 1 to 50 characters of the unit's name",
        ));
    }
    let pattern = crate::db::like_contains(q);
    use crate::db::schema::units;
    let rows: Vec<(i64, String, shared::UnitKind, shared::UnitLevel)> = units::table
        .filter(units::enabled.eq(true))
        .filter(units::name.like(pattern).escape('\\'))
        .order((units::depth.desc(), units::name.asc()))
        .limit(UNIT_MATCHES)
        .select((units::id, units::name, units::kind, units::level))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, kind, level)| shared::auth::UnitRef {
            id,
            name,
            kind,
            level,
        })
        .collect())
}
