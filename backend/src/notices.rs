//! Notices (站内通知, issue 12): written by the event's own transaction through [`write`], read
//! by [`list`] and [`summary`], marked read per reader.
//!
//! Sight: a notice to an account is that account's; a notice to a unit is seen by the unit's
//! own unit-side accounts (unit, unit administrator, handler) that hold its module — never by a
//! parent, a sibling or a unit below, so nobody reads a notice outside their jurisdiction.

pub mod delivery;
pub mod job;
pub mod todos;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{
    notices::{path, text, Notice, NoticeKind, NoticeObject, NoticeParams, NoticeSummary},
    ErrorCode, Locale, Module, Page, PageQuery,
};

use crate::{
    auth::AuthUser,
    committees::is_unit_side,
    db::{
        schema::{notice_reads, notices},
        DbBackend, DbConnection,
    },
    error::ApiError,
    http::pagination,
};

/// Whom a notice is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum To {
    /// One account.
    Account(i64),
    /// One unit's accounts holding `module` (any unit-side account when `None`).
    Unit(i64, Option<Module>),
}

/// One notice to write.
#[derive(Debug, Clone)]
pub struct New {
    pub to: To,
    pub kind: NoticeKind,
    pub object: NoticeObject,
    pub object_id: i64,
    pub params: NoticeParams,
}

/// Rows per multi-row insert.
const ROWS_PER_INSERT: usize = 500;

/// Writes notices in the caller's transaction.
pub fn write(conn: &mut DbConnection, all: &[New], now: NaiveDateTime) -> Result<(), ApiError> {
    let rows = all
        .iter()
        .map(|n| {
            let (account, unit, module) = match n.to {
                To::Account(a) => (Some(a), None, None),
                To::Unit(u, m) => (None, Some(u), m),
            };
            Ok((
                notices::account_id.eq(account),
                notices::unit_id.eq(unit),
                notices::module.eq(module.map(Module::code)),
                notices::kind.eq(n.kind),
                notices::object_type.eq(n.object),
                notices::object_id.eq(n.object_id),
                notices::params.eq(serde_json::to_string(&n.params).map_err(ApiError::internal)?),
                notices::created_at.eq(now),
            ))
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let insert = diesel::insert_into(notices::table).values(chunk.to_vec());
        crate::on_engine!(&mut *conn, |c| insert.execute(c))?;
    }
    Ok(())
}

/// The notices `user` sees.
fn visible<'a>(user: &AuthUser) -> notices::BoxedQuery<'a, DbBackend> {
    let mine = notices::account_id.eq(user.id);
    if is_unit_side(user) {
        let modules: Vec<String> = user.modules.iter().map(|m| m.code().to_owned()).collect();
        notices::table.into_boxed().filter(
            mine.or(notices::unit_id.eq(user.unit_id).and(
                notices::module
                    .is_null()
                    .or(notices::module.eq_any(modules)),
            )),
        )
    } else {
        notices::table.into_boxed().filter(mine)
    }
}

type Row = (
    i64,
    NoticeKind,
    NoticeObject,
    i64,
    String,
    NaiveDateTime,
    Option<NaiveDateTime>,
);

/// One page of the caller's notices, newest first; `unread` keeps only unread ones.
pub fn list(
    conn: &mut DbConnection,
    user: &AuthUser,
    unread: bool,
    kind: Option<NoticeKind>,
    page: PageQuery,
    locale: Locale,
) -> Result<Page<Notice>, ApiError> {
    let filtered = || {
        let mut q = visible(user);
        if let Some(k) = kind {
            q = q.filter(notices::kind.eq(k));
        }
        if unread {
            q = q.filter(diesel::dsl::not(diesel::dsl::exists(
                notice_reads::table
                    .filter(notice_reads::notice_id.eq(notices::id))
                    .filter(notice_reads::account_id.eq(user.id)),
            )));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let (limit, offset) = pagination::limit_offset(page);
    let rows: Vec<Row> = filtered()
        .left_join(
            notice_reads::table.on(notice_reads::notice_id
                .eq(notices::id)
                .and(notice_reads::account_id.eq(user.id))),
        )
        .order(notices::id.desc())
        .limit(limit)
        .offset(offset)
        .select((
            notices::id,
            notices::kind,
            notices::object_type,
            notices::object_id,
            notices::params,
            notices::created_at,
            notice_reads::read_at.nullable(),
        ))
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(|(id, kind, object, object_id, params, at, read)| {
            let params: NoticeParams = serde_json::from_str(&params).unwrap_or_default();
            Notice {
                id,
                kind,
                text: text(kind, &params, locale),
                object,
                object_id,
                path: path(object, object_id, &params),
                created_at: crate::clock::rfc3339(at),
                read: read.is_some(),
            }
        })
        .collect();
    Ok(pagination::page(items, total, page))
}

/// How many of the caller's notices are unread.
pub fn summary(conn: &mut DbConnection, user: &AuthUser) -> Result<NoticeSummary, ApiError> {
    let unread: i64 = visible(user)
        .filter(diesel::dsl::not(diesel::dsl::exists(
            notice_reads::table
                .filter(notice_reads::notice_id.eq(notices::id))
                .filter(notice_reads::account_id.eq(user.id)),
        )))
        .count()
        .get_result(conn)?;
    Ok(NoticeSummary { unread })
}

/// Marks `ids` read for the caller (those it sees and has not read); answers how many.
fn mark(
    conn: &mut DbConnection,
    user: &AuthUser,
    ids: &[i64],
    now: NaiveDateTime,
) -> Result<usize, ApiError> {
    let rows: Vec<_> = ids
        .iter()
        .map(|id| {
            (
                notice_reads::notice_id.eq(*id),
                notice_reads::account_id.eq(user.id),
                notice_reads::read_at.eq(now),
            )
        })
        .collect();
    let mut written = 0;
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        // A concurrent read of the same notice by the same reader: it is read either way.
        let inserted = conn.write_transaction(|conn| {
            let insert = diesel::insert_into(notice_reads::table).values(chunk.to_vec());
            crate::on_engine!(conn, |c| insert.execute(c))
        });
        match inserted {
            Ok(n) => written += n,
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(written)
}

/// Marks one notice read; 404 when the caller does not see it.
pub fn read_one(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let unread: Vec<i64> = visible(user)
        .filter(notices::id.eq(id))
        .select(notices::id)
        .load(conn)?;
    if unread.is_empty() {
        return Err(ApiError::new(ErrorCode::NotFound));
    }
    let already: i64 = notice_reads::table
        .filter(notice_reads::notice_id.eq(id))
        .filter(notice_reads::account_id.eq(user.id))
        .count()
        .get_result(conn)?;
    if already == 0 {
        mark(conn, user, &unread, now)?;
    }
    Ok(())
}

/// Marks every unread notice of the caller read; answers how many.
pub fn read_all(
    conn: &mut DbConnection,
    user: &AuthUser,
    now: NaiveDateTime,
) -> Result<usize, ApiError> {
    let unread: Vec<i64> = visible(user)
        .filter(diesel::dsl::not(diesel::dsl::exists(
            notice_reads::table
                .filter(notice_reads::notice_id.eq(notices::id))
                .filter(notice_reads::account_id.eq(user.id)),
        )))
        .select(notices::id)
        .load(conn)?;
    mark(conn, user, &unread, now)
}
