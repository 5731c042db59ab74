//! Creating a session, changing its settings, and the list both the screen and the export read.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;
use shared::{
    experts::{SessionExpertStatus, SessionStatus},
    sessions::{NewSession, ReviewSession, SessionPatch},
    AccountKind, ErrorCode, Module, Page, PageQuery,
};

use super::{Access, SessionRow};
use crate::{
    audit::{self, Actor, Event},
    auth::AuthUser,
    committees,
    db::{
        schema::{committees as committees_t, experts, review_sessions, session_experts, units},
        DbConnection,
    },
    error::ApiError,
    guarded_update,
    http::pagination,
    org::units::subtree_end,
    versioned::{Change, Kind},
};

/// The answer for one session as `user` sees it.
pub fn answer(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<ReviewSession, ApiError> {
    let (row, committee, access) = super::require_visible(conn, user, id)?;
    super::view::session(conn, &row, &committee, access)
}

fn year(y: i32) -> Result<i32, ApiError> {
    if (2000..=2100).contains(&y) {
        Ok(y)
    } else {
        Err(ApiError::validation(
            "year",
            "评审年度须在 2000 至 2100 之间",
            "The year must be between 2000 and 2100",
        ))
    }
}

/// Creates a session of a committee the caller's unit organises (404 for another's).
pub fn create(
    conn: &mut DbConnection,
    user: &AuthUser,
    body: &NewSession,
    actor: &Actor,
    now: NaiveDateTime,
) -> Result<ReviewSession, ApiError> {
    user.require(Module::Sessions)?;
    if !committees::is_unit_side(user) {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    let committee = committees::find(conn, body.committee_id)?
        .filter(|c| c.unit_id == user.unit_id)
        .ok_or_else(|| {
            ApiError::with_text(
                ErrorCode::NotFound,
                "没有找到本单位组建的该评委会",
                "No such committee organised by your unit",
            )
            .at_field("committee_id")
        })?;
    let name = super::name(&body.name, "name", 100)?;
    let date = super::parse_date(&body.session_date, "session_date")?;
    let year = year(body.year)?;
    conn.write_transaction(|conn| {
        let id: i64 = diesel::insert_into(review_sessions::table)
            .values((
                review_sessions::committee_id.eq(committee.id),
                review_sessions::year.eq(year),
                review_sessions::name.eq(&name),
                review_sessions::session_date.eq(date),
                review_sessions::status.eq(SessionStatus::Setup),
                review_sessions::created_by.eq(user.id),
                review_sessions::created_at.eq(now),
                review_sessions::updated_at.eq(now),
            ))
            .returning(review_sessions::id)
            .get_result(conn)?;
        let row = super::find(conn, id)?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
        let after = super::view::session(conn, &row, &committee, Access::Organiser)?;
        audit::append(
            conn,
            actor,
            &Event {
                action: "session.create",
                target_type: Kind::Session.target_type(),
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

/// Changes name, date and settings (blind review, defense, formation) while set up.
pub fn patch(
    conn: &mut DbConnection,
    user: &AuthUser,
    row: &SessionRow,
    p: &SessionPatch,
    change: &Change,
) -> Result<ReviewSession, ApiError> {
    change.expect(row.version)?;
    super::require_setup(row)?;
    let name = match &p.name {
        Some(n) => super::name(n, "name", 100)?,
        None => row.name.clone(),
    };
    let date = match &p.session_date {
        Some(d) => super::parse_date(d, "session_date")?,
        None => row.session_date,
    };
    let id = row.id;
    let u = user.clone();
    change.apply(
        conn,
        move |c| answer(c, &u, id),
        |c, guard| {
            Ok(guarded_update!(
                c,
                review_sessions,
                guard,
                (
                    review_sessions::name.eq(&name),
                    review_sessions::session_date.eq(date),
                    review_sessions::blind_review.eq(p.blind_review.unwrap_or(row.blind_review)),
                    review_sessions::defense.eq(p.defense.unwrap_or(row.defense)),
                    review_sessions::formed_by.eq(p.formed_by.unwrap_or(row.formed_by)),
                    review_sessions::updated_at.eq(change.now),
                )
            )?)
        },
        crate::versioned::no_effects,
    )
}

/// Filters of the session list.
#[derive(Debug, Clone, serde::Deserialize, utoipa::IntoParams)]
pub struct SessionFilter {
    pub committee_id: Option<i64>,
    pub year: Option<i32>,
    pub status: Option<SessionStatus>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// One page of the sessions the caller sees, newest first: the organising unit's own; for an
/// HRSS, also those of committees organised below it; for an expert, the sessions they were
/// drawn into.
pub fn list_page(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &SessionFilter,
    page: PageQuery,
) -> Result<Page<ReviewSession>, ApiError> {
    super::require_reader(user)?;
    let hrss = user.kind != AccountKind::Expert && committees::caller_is_hrss(conn, user)?;
    let expert = user.kind == AccountKind::Expert;
    let lo = user.unit_path.clone();
    let hi = subtree_end(&user.unit_path);
    let uid = user.id;
    let unit = user.unit_id;
    let filtered = || {
        let mut q = review_sessions::table.into_boxed();
        if expert {
            q = q.filter(
                review_sessions::id.eq_any(
                    session_experts::table
                        .inner_join(experts::table)
                        .filter(experts::account_id.eq(uid))
                        .filter(session_experts::status.ne(SessionExpertStatus::Declined))
                        .select(session_experts::session_id),
                ),
            );
        } else if hrss {
            q = q.filter(
                review_sessions::committee_id.eq_any(
                    committees_t::table
                        .inner_join(units::table)
                        .filter(units::path.ge(lo.clone()))
                        .filter(units::path.lt(hi.clone()))
                        .select(committees_t::id),
                ),
            );
        } else {
            q = q.filter(
                review_sessions::committee_id.eq_any(
                    committees_t::table
                        .filter(committees_t::unit_id.eq(unit))
                        .select(committees_t::id),
                ),
            );
        }
        if let Some(c) = f.committee_id {
            q = q.filter(review_sessions::committee_id.eq(c));
        }
        if let Some(y) = f.year {
            q = q.filter(review_sessions::year.eq(y));
        }
        if let Some(s) = f.status {
            q = q.filter(review_sessions::status.eq(s));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let (limit, offset) = pagination::limit_offset(page);
    let rows: Vec<SessionRow> = filtered()
        .order(review_sessions::id.desc())
        .limit(limit)
        .offset(offset)
        .select(SessionRow::as_select())
        .load(conn)?;
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        let committee = committees::find(conn, r.committee_id)?
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
        let access = super::access(conn, user, r.id, &committee)?.unwrap_or(Access::Above);
        items.push(super::view::session(conn, &r, &committee, access)?);
    }
    Ok(pagination::page(items, total, page))
}
