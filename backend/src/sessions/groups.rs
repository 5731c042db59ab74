//! Groups (评审小组) of a session: create, rename, delete, the applications they hold (each
//! application of the committee and year in `online_review` in exactly one group) and the
//! experts they need per specialty. Everything here needs the session in `setup`.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::{json, Map, Value};
use shared::{
    sessions::{GroupApplication, Need, ReviewGroup},
    ErrorCode, Stage,
};

use super::{view::GroupRow, SessionRow};
use crate::{
    audit::{self, Actor, Event},
    db::{
        schema::{
            applications, draws, group_applications, group_needs, review_groups, session_experts,
            units,
        },
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    versioned::{Change, Kind},
};

/// A group by id with its session.
pub fn find(conn: &mut DbConnection, id: i64) -> Result<GroupRow, ApiError> {
    review_groups::table
        .find(id)
        .select(GroupRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

/// One group's answer.
pub fn one(conn: &mut DbConnection, g: &GroupRow) -> Result<ReviewGroup, ApiError> {
    let only = BTreeSet::from([g.id]);
    super::view::groups(conn, g.session_id, Some(&only))?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
}

fn snapshot(conn: &mut DbConnection, id: i64) -> Result<ReviewGroup, ApiError> {
    let g = find(conn, id)?;
    one(conn, &g)
}

fn name_taken(
    conn: &mut DbConnection,
    session_id: i64,
    name: &str,
    except: i64,
) -> Result<(), ApiError> {
    let n: i64 = review_groups::table
        .filter(review_groups::session_id.eq(session_id))
        .filter(review_groups::name.eq(name))
        .filter(review_groups::id.ne(except))
        .count()
        .get_result(conn)?;
    if n > 0 {
        Err(ApiError::with_text(
            ErrorCode::AlreadyExists,
            "本次评审已有同名小组",
            "The session has a group of this name already",
        )
        .at_field("name"))
    } else {
        Ok(())
    }
}

/// Creates a group at the end of the session's order.
pub fn create(
    conn: &mut DbConnection,
    s: &SessionRow,
    name: &str,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<ReviewGroup, ApiError> {
    let name = super::name(name, "name", 100)?;
    conn.write_transaction(|conn| {
        name_taken(conn, s.id, &name, 0)?;
        let sort: Option<i32> = review_groups::table
            .filter(review_groups::session_id.eq(s.id))
            .select(diesel::dsl::max(review_groups::sort))
            .first(conn)?;
        let id: i64 = diesel::insert_into(review_groups::table)
            .values((
                review_groups::session_id.eq(s.id),
                review_groups::name.eq(&name),
                review_groups::sort.eq(sort.unwrap_or(0) + 1),
            ))
            .returning(review_groups::id)
            .get_result(conn)?;
        let after = snapshot(conn, id)?;
        audit::append(
            conn,
            actor,
            &Event {
                action: "session.group_create",
                target_type: Kind::ReviewGroup.target_type(),
                target_id: Some(id.to_string()),
                success: true,
                before: None,
                after: Some(json!(after)),
            },
            now,
        )?;
        Ok(after)
    })
}

/// Renames a group.
pub fn rename(
    conn: &mut DbConnection,
    g: &GroupRow,
    name: &str,
    change: &Change,
) -> Result<ReviewGroup, ApiError> {
    let name = super::name(name, "name", 100)?;
    change.expect(g.version)?;
    name_taken(conn, g.session_id, &name, g.id)?;
    change.apply(
        conn,
        |c| snapshot(c, g.id),
        |c, guard| {
            Ok(guarded_update!(
                c,
                review_groups,
                guard,
                review_groups::name.eq(&name)
            )?)
        },
        crate::versioned::no_effects,
    )
}

/// Deletes a group that was never drawn (its draws are kept for ever, so a drawn group stays).
pub fn delete(
    conn: &mut DbConnection,
    g: &GroupRow,
    version: i64,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    if version != g.version {
        return Err(Kind::ReviewGroup.conflict());
    }
    conn.write_transaction(|conn| {
        let drawn: i64 = draws::table
            .filter(draws::group_id.eq(g.id))
            .count()
            .get_result(conn)?;
        if drawn > 0 {
            return Err(ApiError::with_text(
                ErrorCode::Conflict,
                "该小组已抽取过专家，抽取记录须永久保留，不能删除",
                "Experts were drawn for this group; its draws are kept, so it cannot be deleted",
            ));
        }
        let before = snapshot(conn, g.id)?;
        diesel::delete(group_needs::table.filter(group_needs::group_id.eq(g.id))).execute(conn)?;
        diesel::delete(group_applications::table.filter(group_applications::group_id.eq(g.id)))
            .execute(conn)?;
        let n = diesel::delete(
            review_groups::table
                .filter(review_groups::id.eq(g.id))
                .filter(review_groups::version.eq(version)),
        )
        .execute(conn)?;
        if n != 1 {
            return Err(Kind::ReviewGroup.conflict());
        }
        audit::append(
            conn,
            actor,
            &Event {
                action: "session.group_delete",
                target_type: Kind::ReviewGroup.target_type(),
                target_id: Some(g.id.to_string()),
                success: true,
                before: Some(json!(before)),
                after: None,
            },
            now,
        )
    })
}

/// Applications of the session's committee and year in `online_review` not yet in a group of
/// the session, by id.
pub fn unassigned(
    conn: &mut DbConnection,
    s: &SessionRow,
) -> Result<Vec<GroupApplication>, ApiError> {
    let rows: Vec<(i64, String, String, shared::application::Level, String)> = applications::table
        .inner_join(units::table.on(units::id.eq(applications::employer_id)))
        .filter(applications::committee_id.eq(s.committee_id))
        .filter(applications::year.eq(s.year))
        .filter(applications::stage.eq(Stage::OnlineReview.as_str()))
        .filter(
            applications::id.ne_all(
                group_applications::table
                    .filter(group_applications::session_id.eq(s.id))
                    .select(group_applications::application_id),
            ),
        )
        .order(applications::id.asc())
        .select((
            applications::id,
            applications::name,
            applications::specialty,
            applications::level,
            units::name,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| GroupApplication {
            id: r.0,
            name: r.1,
            specialty: r.2,
            level: r.3,
            employer: r.4,
        })
        .collect())
}

fn bump(conn: &mut DbConnection, guard: crate::versioned::Guard) -> Result<usize, ApiError> {
    Ok(guarded_update!(
        conn,
        review_groups,
        guard,
        review_groups::sort.eq(review_groups::sort)
    )?)
}

/// Puts applications into the group: each must be of the session's committee and year, in
/// `online_review`, and in no group of the session yet (all or nothing).
pub fn assign(
    conn: &mut DbConnection,
    s: &SessionRow,
    g: &GroupRow,
    ids: &[i64],
    change: &Change,
) -> Result<ReviewGroup, ApiError> {
    change.expect(g.version)?;
    let wanted: BTreeSet<i64> = ids.iter().copied().collect();
    if wanted.is_empty() {
        return Err(ApiError::validation(
            "application_ids",
            "请选择申报材料",
            "Choose at least one application",
        ));
    }
    let open: BTreeSet<i64> = unassigned(conn, s)?.into_iter().map(|a| a.id).collect();
    if let Some(bad) = wanted.iter().find(|id| !open.contains(id)) {
        return Err(ApiError::with_text(
            ErrorCode::ValidationFailed,
            format!("申报 {bad} 不是本评委会本年度处于线上评审环节且尚未分组的申报"),
            format!(
                "Application {bad} is not an unassigned application of this committee and year in online review"
            ),
        )
        .at_field("application_ids"));
    }
    change.apply(
        conn,
        |c| snapshot(c, g.id),
        |c, guard| {
            let n = bump(c, guard)?;
            for id in &wanted {
                diesel::insert_into(group_applications::table)
                    .values((
                        group_applications::group_id.eq(g.id),
                        group_applications::session_id.eq(s.id),
                        group_applications::application_id.eq(id),
                    ))
                    .execute(c)?;
            }
            Ok(n)
        },
        crate::versioned::no_effects,
    )
}

/// Takes applications out of the group (each must be in it).
pub fn unassign(
    conn: &mut DbConnection,
    g: &GroupRow,
    ids: &[i64],
    change: &Change,
) -> Result<ReviewGroup, ApiError> {
    change.expect(g.version)?;
    let wanted: BTreeSet<i64> = ids.iter().copied().collect();
    let held: BTreeSet<i64> = group_applications::table
        .filter(group_applications::group_id.eq(g.id))
        .select(group_applications::application_id)
        .load::<i64>(conn)?
        .into_iter()
        .collect();
    if wanted.is_empty() || !wanted.is_subset(&held) {
        return Err(ApiError::validation(
            "application_ids",
            "所选申报不在该小组中",
            "An application chosen is not in this group",
        ));
    }
    change.apply(
        conn,
        |c| snapshot(c, g.id),
        |c, guard| {
            let n = bump(c, guard)?;
            diesel::delete(
                group_applications::table
                    .filter(group_applications::group_id.eq(g.id))
                    .filter(group_applications::application_id.eq_any(&wanted)),
            )
            .execute(c)?;
            Ok(n)
        },
        crate::versioned::no_effects,
    )
}

/// Replaces the group's needs: specialties distinct, texts of 1–50 characters, counts 0–100.
pub fn put_needs(
    conn: &mut DbConnection,
    g: &GroupRow,
    needs: &[Need],
    change: &Change,
) -> Result<ReviewGroup, ApiError> {
    change.expect(g.version)?;
    let mut seen = BTreeSet::new();
    let mut clean = Vec::new();
    for (i, n) in needs.iter().enumerate() {
        let s = shared::rules::text(&n.specialty, 1, shared::rules::MAX_SPECIALTY_CHARS);
        let Some(s) = s.ok().filter(|s| seen.insert((*s).to_owned())) else {
            return Err(ApiError::validation(
                &format!("needs[{i}].specialty"),
                "专业须为 1 至 50 个字、不含控制字符且不能重复",
                "A specialty has 1 to 50 characters, no control characters, and appears once",
            ));
        };
        if !(0..=100).contains(&n.count) {
            return Err(ApiError::validation(
                &format!("needs[{i}].count"),
                "专家人数须在 0 至 100 之间",
                "The count must be between 0 and 100",
            ));
        }
        clean.push((s.to_owned(), n.count));
    }
    change.apply(
        conn,
        |c| snapshot(c, g.id),
        |c, guard| {
            let n = bump(c, guard)?;
            diesel::delete(group_needs::table.filter(group_needs::group_id.eq(g.id))).execute(c)?;
            for (s, count) in &clean {
                diesel::insert_into(group_needs::table)
                    .values((
                        group_needs::group_id.eq(g.id),
                        group_needs::specialty.eq(s),
                        group_needs::count.eq(count),
                    ))
                    .execute(c)?;
            }
            Ok(n)
        },
        crate::versioned::no_effects,
    )
}

/// Whether any expert of the session serves in this group (for the answers' hints).
pub fn has_experts(conn: &mut DbConnection, group_id: i64) -> Result<bool, ApiError> {
    let n: i64 = session_experts::table
        .filter(session_experts::group_id.eq(group_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// No extra audit fields.
pub fn none(_: &mut DbConnection) -> Result<Map<String, Value>, ApiError> {
    Ok(Map::new())
}
