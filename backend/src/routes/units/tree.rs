use std::collections::HashMap;

use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::org::OrgNode;

use crate::{
    auth::{AuthState, AuthUser},
    db::{
        schema::{accounts, units},
        Db,
    },
    error::ApiError,
    org::{
        jurisdiction,
        queries::{account_columns, accounts_to_dto, AccountRow, UnitRow},
        units::subtree_end,
    },
};

/// Which part of the tree to show.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct TreeQuery {
    /// The unit at the top (default: the caller's unit); must be in the caller's jurisdiction.
    pub root: Option<i64>,
    /// Levels below the top to include (0–5, default 3).
    #[param(minimum = 0, maximum = 5)]
    pub depth: Option<i32>,
}

/// The organisation structure: the caller's jurisdiction as a tree, with each unit's accounts
/// (组织机构管理).
#[utoipa::path(
    tag = "units",
    params(TreeQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The tree", body = OrgNode),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: root outside the jurisdiction", body = shared::ErrorBody),
    )
)]
#[get("/v1/org/tree")]
pub async fn org_tree(
    user: AuthUser,
    query: web::Query<TreeQuery>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    super::require_read(&user)?;
    let depth = query.depth.unwrap_or(3);
    if !(0..=5).contains(&depth) {
        return Err(ApiError::with_text(
            shared::ErrorCode::BadRequest,
            "depth 须在 0 到 5 之间",
            "depth must be 0-5",
        ));
    }
    let root_id = query.root.unwrap_or(user.unit_id);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            jurisdiction::require_visible(conn, &user, root_id)?;
            let root: UnitRow = units::table
                .find(root_id)
                .select(UnitRow::as_select())
                .first(conn)?;
            let end = subtree_end(&root.path);
            let rows: Vec<UnitRow> = units::table
                .filter(units::path.ge(&root.path))
                .filter(units::path.lt(&end))
                .filter(units::depth.le(root.depth + depth))
                .order(units::path.asc())
                .select(UnitRow::as_select())
                .load(conn)?;
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let account_rows: Vec<AccountRow> = accounts::table
                .inner_join(units::table)
                .filter(accounts::unit_id.eq_any(&ids))
                .order(accounts::id.asc())
                .select(account_columns())
                .load(conn)?;
            let mut by_unit: HashMap<i64, Vec<shared::org::Account>> = HashMap::new();
            for a in accounts_to_dto(conn, account_rows, user.unit_id, now)? {
                by_unit.entry(a.unit_id).or_default().push(a);
            }
            let mut children: HashMap<Option<i64>, Vec<UnitRow>> = HashMap::new();
            for r in rows {
                children.entry(r.parent_id).or_default().push(r);
            }
            build(root, &mut children, &mut by_unit)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

fn build(
    row: UnitRow,
    children: &mut HashMap<Option<i64>, Vec<UnitRow>>,
    accounts: &mut HashMap<i64, Vec<shared::org::Account>>,
) -> Result<OrgNode, ApiError> {
    let id = row.id;
    let kids = children.remove(&Some(id)).unwrap_or_default();
    Ok(OrgNode {
        unit: row.into_dto()?,
        accounts: accounts.remove(&id).unwrap_or_default(),
        children: kids
            .into_iter()
            .map(|k| build(k, children, accounts))
            .collect::<Result<_, _>>()?,
    })
}
