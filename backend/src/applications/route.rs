//! Where `superior_approve` sends an application from the unit holding it — the rule of the
//! single action ([`super::write`]) told before acting, for one application or a batch: an HRSS
//! may assign a committee it may assign (its subtree's or one above it, with authority covering
//! the application); without a committee the approval forwards to the holder's parent unit; at
//! the top (the provincial HRSS) a committee must be assigned.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use shared::{application::ForwardTarget, UnitKind};

use super::{permission, rows::AppRow};
use crate::{
    committees::{authority, CommitteeRow},
    db::{schema::units, DbConnection},
    error::ApiError,
};
use diesel::prelude::*;

/// The unit an approval without a committee forwards to: the holder's parent, if any.
pub fn forward_unit(conn: &mut DbConnection, holder_unit_id: i64) -> Result<Option<i64>, ApiError> {
    Ok(units::table
        .find(holder_unit_id)
        .select(units::parent_id)
        .first::<Option<i64>>(conn)?)
}

/// The route of `rows`, all held by `holder_unit_id`: its parent, whether it may assign, and
/// the committees it may assign every row to today (the intersection over their series, level
/// and specialty).
pub fn forward_target(
    conn: &mut DbConnection,
    holder_unit_id: i64,
    rows: &[AppRow],
    today: NaiveDate,
) -> Result<ForwardTarget, ApiError> {
    let may_assign = permission::unit_kind(conn, holder_unit_id)? == UnitKind::Hrss;
    let forward_to = match forward_unit(conn, holder_unit_id)? {
        Some(parent) => Some(super::rows::unit_ref(conn, parent)?),
        None => None,
    };
    let mut committees = Vec::new();
    if may_assign && !rows.is_empty() {
        let path: String = units::table
            .find(holder_unit_id)
            .select(units::path)
            .first(conn)?;
        let kinds: BTreeSet<_> = rows
            .iter()
            .map(|r| (r.series, r.level, r.specialty.clone()))
            .collect();
        let mut common: Option<Vec<CommitteeRow>> = None;
        for (series, level, specialty) in kinds {
            let offered =
                authority::assignable_committees(conn, &path, series, level, &specialty, today)?;
            common = Some(match common {
                None => offered,
                Some(before) => before
                    .into_iter()
                    .filter(|c| offered.iter().any(|o| o.id == c.id))
                    .collect(),
            });
        }
        for c in common.unwrap_or_default() {
            committees.push(authority::to_dto(conn, &c, today)?);
        }
    }
    Ok(ForwardTarget {
        may_assign,
        forward_to,
        committees,
    })
}
