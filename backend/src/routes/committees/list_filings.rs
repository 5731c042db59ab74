use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::{
    application::{Level, Series},
    committees::{FilingStatus, ReviewAuthorityFiling},
    ErrorCode, Module, Page, PageQuery,
};

use crate::{
    auth::AuthUser,
    committees::{self, filings},
    db::{
        schema::{review_authority_filings, units},
        Db, DbConnection,
    },
    error::ApiError,
    http::pagination,
    org::jurisdiction,
};

/// 403 unless the caller is unit-side with `authority_apply` or `authority_audit`; whether it
/// audits.
pub fn require_reader(user: &AuthUser) -> Result<bool, ApiError> {
    let auditor = user.modules.contains(&Module::AuthorityAudit);
    if !committees::is_unit_side(user)
        || !(auditor || user.modules.contains(&Module::AuthorityApply))
    {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    Ok(auditor)
}

/// Filters of the filing list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct FilingFilter {
    /// State.
    pub status: Option<FilingStatus>,
    /// Series.
    pub series: Option<Series>,
    /// Filings valid at some time in this year (1900–2100).
    #[param(minimum = 1900, maximum = 2100)]
    pub year: Option<i32>,
    /// Filings covering this title level.
    pub level: Option<Level>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// Filings the caller sees (filtered by status, series, year of validity, title level), newest
/// first: its own unit's; for an HRSS holding
/// `title.committees.authority_audit`, also those of every unit below it.
#[utoipa::path(
    tag = "committees",
    params(FilingFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<ReviewAuthorityFiling>),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.committees.authority_apply` or `…authority_audit`", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-authority-filings")]
pub async fn list_filings(
    user: AuthUser,
    filter: web::Query<FilingFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let auditor = require_reader(&user)?;
    let f = filter.into_inner();
    let page = pagination::query(f.page, f.per_page)?;
    let answer = db
        .run(move |conn| list_page(conn, &user, &f, auditor, page))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// One page of the list under its filter (the list's and the export's query).
pub fn list_page(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &FilingFilter,
    auditor: bool,
    page: PageQuery,
) -> Result<Page<ReviewAuthorityFiling>, ApiError> {
    let subtree = auditor && committees::caller_is_hrss(conn, user)?;
    let (lo, hi) = jurisdiction::range(user);
    let filtered = || {
        let mut q = review_authority_filings::table.into_boxed();
        q = if subtree {
            q.filter(
                review_authority_filings::unit_id.eq_any(
                    units::table
                        .filter(units::path.ge(lo.clone()))
                        .filter(units::path.lt(hi.clone()))
                        .select(units::id),
                ),
            )
        } else {
            q.filter(review_authority_filings::unit_id.eq(user.unit_id))
        };
        if let Some(status) = f.status {
            q = q.filter(review_authority_filings::status.eq(status.as_str()));
        }
        if let Some(series) = f.series {
            q = q.filter(review_authority_filings::series.eq(series.as_str()));
        }
        if let Some(year) = f.year {
            let (first, last) = year_bounds(year)?;
            q = q
                .filter(review_authority_filings::valid_from.le(last))
                .filter(review_authority_filings::valid_until.ge(first));
        }
        if let Some(level) = f.level {
            // `levels` is a JSON array of level codes: match the quoted code.
            q = q
                .filter(review_authority_filings::levels.like(format!("%\"{}\"%", level.as_str())));
        }
        Ok::<_, ApiError>(q)
    };
    let total: i64 = filtered()?.count().get_result(conn)?;
    let (limit, offset) = pagination::limit_offset(page);
    let rows: Vec<filings::FilingRow> = filtered()?
        .order(review_authority_filings::id.desc())
        .limit(limit)
        .offset(offset)
        .select(filings::FilingRow::as_select())
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(|r| filings::to_dto(conn, user, r))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(pagination::page(items, total, page))
}

/// The first and last day of `year`; 400 outside 1900–2100.
fn year_bounds(year: i32) -> Result<(chrono::NaiveDate, chrono::NaiveDate), ApiError> {
    let bad = || {
        ApiError::with_text(
            ErrorCode::BadRequest,
            "年度须在 1900 至 2100 之间",
            "year must be between 1900 and 2100",
        )
        .at_field("year")
    };
    if !(1900..=2100).contains(&year) {
        return Err(bad());
    }
    let first = chrono::NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?;
    let last = chrono::NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(bad)?;
    Ok((first, last))
}
