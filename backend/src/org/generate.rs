//! Synthetic organisation data for load and scale tests (`backend generate units`): competent
//! departments and employers spread under the existing HRSS units, inserted in batches with
//! their ids and paths computed up front.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::{ids::CreditCode, UnitKind};

use crate::{
    db::{schema::units, DbConnection},
    error::ApiError,
    on_engine,
};

/// Units per multi-row `INSERT` (14 values each; SQLite allows 32,766 per statement).
const PER_INSERT: usize = 1_000;
/// Employers under each generated department.
const EMPLOYERS_PER_DEPARTMENT: usize = 49;

fn code(n: usize) -> Result<CreditCode, ApiError> {
    let body = format!("93{n:015}");
    let check = CreditCode::check_char(&body).map(char::from).unwrap_or('0');
    CreditCode::parse(&format!("{body}{check}"))
        .map_err(|e| ApiError::internal(anyhow::anyhow!("generated code: {e}")))
}

/// Adds `count` units (one department per 50, the rest employers under it), round-robin over
/// the existing HRSS units. Returns how many were added.
pub fn units(conn: &mut DbConnection, count: usize, now: NaiveDateTime) -> Result<usize, ApiError> {
    conn.write_transaction(|conn| {
        let hrss: Vec<(i64, String, String, i32)> = units::table
            .filter(units::kind.eq(UnitKind::Hrss))
            .order(units::id.asc())
            .select((units::id, units::path, units::level, units::depth))
            .load(conn)?;
        if hrss.is_empty() {
            return Err(ApiError::internal(anyhow::anyhow!(
                "no HRSS unit to hang generated units under"
            )));
        }
        let next_id: i64 = units::table
            .select(diesel::dsl::max(units::id))
            .first::<Option<i64>>(conn)?
            .unwrap_or(0)
            + 1;
        let first_code = usize::try_from(next_id).unwrap_or_default();
        type Row = (
            i64,
            Option<i64>,
            &'static str,
            String,
            String,
            String,
            String,
            String,
            String,
            bool,
            String,
            i32,
            NaiveDateTime,
            NaiveDateTime,
        );
        let mut batch: Vec<Row> = Vec::with_capacity(PER_INSERT);
        let mut department: Option<(i64, String, String, i32)> = None;
        let mut under_department = 0;
        let flush = |conn: &mut DbConnection, batch: &mut Vec<Row>| -> Result<(), ApiError> {
            let values: Vec<_> = batch
                .drain(..)
                .map(
                    |(
                        id,
                        parent,
                        kind,
                        level,
                        name,
                        credit,
                        region,
                        contact,
                        phone,
                        enabled,
                        path,
                        depth,
                        created,
                        updated,
                    )| {
                        (
                            units::id.eq(id),
                            units::parent_id.eq(parent),
                            units::kind.eq(kind),
                            units::level.eq(level),
                            units::name.eq(name),
                            units::credit_code.eq(credit),
                            units::region.eq(region),
                            units::contact_name.eq(contact),
                            units::contact_phone.eq(phone),
                            units::enabled.eq(enabled),
                            units::path.eq(path),
                            units::depth.eq(depth),
                            units::created_at.eq(created),
                            units::updated_at.eq(updated),
                        )
                    },
                )
                .collect();
            let insert = diesel::insert_into(units::table).values(values);
            on_engine!(conn, |c| insert.execute(c))?;
            Ok(())
        };
        for (n, id) in (0..count).zip(next_id..) {
            let serial = first_code + n;
            let (parent, kind, level, path, depth) = match &department {
                Some((dept_id, dept_path, dept_level, dept_depth))
                    if under_department < EMPLOYERS_PER_DEPARTMENT =>
                {
                    under_department += 1;
                    (
                        *dept_id,
                        "employer",
                        dept_level.clone(),
                        format!("{dept_path}{id}/"),
                        dept_depth + 1,
                    )
                }
                _ => {
                    let (hid, hpath, hlevel, hdepth) = &hrss[n % hrss.len()];
                    let path = format!("{hpath}{id}/");
                    department = Some((id, path.clone(), hlevel.clone(), hdepth + 1));
                    under_department = 0;
                    (
                        *hid,
                        "competent_department",
                        hlevel.clone(),
                        path,
                        hdepth + 1,
                    )
                }
            };
            batch.push((
                id,
                Some(parent),
                kind,
                level,
                format!("生成单位{serial:07}"),
                code(serial)?.as_str().to_owned(),
                "生成数据".to_owned(),
                "联系人".to_owned(),
                "0851-0000000".to_owned(),
                true,
                path,
                depth,
                now,
                now,
            ));
            if batch.len() == PER_INSERT {
                flush(conn, &mut batch)?;
            }
        }
        if !batch.is_empty() {
            flush(conn, &mut batch)?;
        }
        if let DbConnection::Pg(pg) = conn {
            // Explicit ids bypass the sequence: move it past them.
            diesel::sql_query(
                "SELECT setval(pg_get_serial_sequence('units', 'id'), (SELECT MAX(id) FROM units))",
            )
            .execute(pg)?;
        }
        Ok(count)
    })
}
