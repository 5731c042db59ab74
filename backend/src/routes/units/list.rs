use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::{org::Unit, Page, PageQuery};

use crate::{
    auth::AuthUser,
    db::{schema::units, Db, DbConnection},
    error::ApiError,
    org::{jurisdiction, queries::UnitRow},
};

/// Filters of the unit list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UnitFilter {
    /// Name contains.
    pub q: Option<String>,
    /// Kind.
    pub kind: Option<shared::UnitKind>,
    /// Level.
    pub level: Option<shared::UnitLevel>,
    /// Enabled only / disabled only.
    pub enabled: Option<bool>,
    /// Direct children of this unit.
    pub parent_id: Option<i64>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// The caller's unit and every unit below it, in tree order, filtered and paginated.
#[utoipa::path(
    tag = "units",
    params(UnitFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of units", body = Page<Unit>),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: no organisation module", body = shared::ErrorBody),
    )
)]
#[get("/v1/units")]
pub async fn list_units(
    user: AuthUser,
    filter: web::Query<UnitFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    super::require_read(&user)?;
    let f = filter.into_inner();
    let page = crate::http::pagination::query(f.page, f.per_page)?;
    let answer = db.run(move |conn| list_page(conn, &user, &f, page)).await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// One page of the caller's units under `f` (the list's and the export's query).
pub fn list_page(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &UnitFilter,
    page: PageQuery,
) -> Result<Page<Unit>, ApiError> {
    let (start, end) = jurisdiction::range(user);
    let filtered = || {
        let mut q = units::table
            .filter(units::path.ge(start.clone()))
            .filter(units::path.lt(end.clone()))
            .into_boxed();
        if let Some(text) = f.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            q = q.filter(units::name.like(format!("%{}%", text.replace(['%', '_'], ""))));
        }
        if let Some(kind) = f.kind {
            q = q.filter(units::kind.eq(kind.as_str()));
        }
        if let Some(level) = f.level {
            q = q.filter(units::level.eq(level.as_str()));
        }
        if let Some(enabled) = f.enabled {
            q = q.filter(units::enabled.eq(enabled));
        }
        if let Some(parent) = f.parent_id {
            q = q.filter(units::parent_id.eq(parent));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let (limit, offset) = crate::http::pagination::limit_offset(page);
    let rows: Vec<UnitRow> = filtered()
        .order(units::path.asc())
        .limit(limit)
        .offset(offset)
        .select(UnitRow::as_select())
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(UnitRow::into_dto)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(crate::http::pagination::page(items, total, page))
}
