use actix_web::{get, web, HttpResponse};
use diesel::{dsl::exists, prelude::*};
use serde::Deserialize;
use shared::{
    application::{Level, Series},
    committees::Committee,
    ErrorCode, Module, Page, PageQuery,
};

use crate::{
    applications::access,
    auth::AuthUser,
    committees::{self, authority, CommitteeRow},
    db::{
        schema::{applications, committees as committees_table, review_authority_filings, units},
        Db, DbConnection,
    },
    error::ApiError,
    http::pagination,
    org::jurisdiction,
};

/// The modules that let a unit-side account list committees.
const LISTERS: &[Module] = &[
    Module::AuthorityApply,
    Module::AuthorityAudit,
    Module::SuperiorReview,
    Module::MaterialReceipt,
    Module::PersonalAccounts,
];

/// 403 unless the caller is unit-side with one of [`LISTERS`].
pub fn require_lister(user: &AuthUser) -> Result<(), ApiError> {
    require_one_of(user, LISTERS)
}

/// 403 unless the caller is unit-side with one of `modules`.
fn require_one_of(user: &AuthUser, modules: &[Module]) -> Result<(), ApiError> {
    if !committees::is_unit_side(user) || !modules.iter().any(|m| user.modules.contains(m)) {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    Ok(())
}

/// Filters of the committee list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct CommitteeFilter {
    /// Series.
    pub series: Option<Series>,
    /// Only committees whose filing in force today covers this level.
    pub level: Option<Level>,
    /// Instead of the caller's jurisdiction: the committees the caller may assign this
    /// application (in sight of the caller) to today.
    pub assignable_for: Option<i64>,
    /// Instead of the caller's jurisdiction: the committees the caller's unit may recommend
    /// experts to (专家推荐) — organised by its unit, a unit above it or a unit below it, never
    /// a sibling region's. Needs `title.experts.recommend_apply` instead of a listing module.
    #[serde(default)]
    pub recommend: bool,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// Committees organised by the caller's unit and the units below it, each with the approved
/// filing in force today (by the server's clock) and `active`; with `assignable_for`, the
/// committees the caller may assign that application to instead; with `recommend=true`, those
/// its unit may recommend experts to.
#[utoipa::path(
    tag = "committees",
    params(CommitteeFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page, by id", body = Page<Committee>),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs a committee, review or personal-accounts module on a unit-side account (`title.experts.recommend_apply` with `recommend=true`)", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: `assignable_for` names no application in sight", body = shared::ErrorBody),
    )
)]
#[get("/v1/committees")]
pub async fn list_committees(
    user: AuthUser,
    filter: web::Query<CommitteeFilter>,
    db: web::Data<Db>,
    auth: web::Data<crate::auth::AuthState>,
) -> Result<HttpResponse, ApiError> {
    let f = filter.into_inner();
    if f.recommend {
        require_one_of(&user, &[Module::RecommendApply])?;
    } else {
        require_lister(&user)?;
    }
    let page = pagination::query(f.page, f.per_page)?;
    let today = crate::calendar::today(auth.clock.now());
    let answer = db
        .run(move |conn| list_page(conn, &user, &f, today, page))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// One page of the list under its filter (the list's and the export's query).
pub fn list_page(
    conn: &mut DbConnection,
    user: &AuthUser,
    f: &CommitteeFilter,
    today: chrono::NaiveDate,
    page: PageQuery,
) -> Result<Page<Committee>, ApiError> {
    let assignable: Option<Vec<i64>> = match f.assignable_for {
        Some(app_id) => {
            let app = access::require_visible(conn, user, app_id)?;
            let level: Level = applications::table
                .find(app.id)
                .select(applications::level)
                .first(conn)?;
            let series = app.series;
            let rows = authority::assignable_committees(
                conn,
                &user.unit_path,
                series,
                level,
                &app.specialty,
                today,
            )?;
            Some(rows.into_iter().map(|c| c.id).collect())
        }
        None => None,
    };
    let (lo, hi) = jurisdiction::range(user);
    let above = authority::ancestor_paths(&user.unit_path);
    let filtered = || {
        let mut q = committees_table::table.into_boxed();
        q = match assignable.clone() {
            Some(ids) => q.filter(committees_table::id.eq_any(ids)),
            None if f.recommend => q.filter(
                committees_table::unit_id.eq_any(
                    units::table
                        .filter(
                            units::path
                                .ge(lo.clone())
                                .and(units::path.lt(hi.clone()))
                                .or(units::path.eq_any(above.clone())),
                        )
                        .select(units::id),
                ),
            ),
            None => q.filter(
                committees_table::unit_id.eq_any(
                    units::table
                        .filter(units::path.ge(lo.clone()))
                        .filter(units::path.lt(hi.clone()))
                        .select(units::id),
                ),
            ),
        };
        if let Some(series) = f.series {
            q = q.filter(committees_table::series.eq(series.as_str()));
        }
        if let Some(level) = f.level {
            // Levels are stored as a JSON array of their codes: `"<code>"` matches one.
            q = q.filter(exists(
                review_authority_filings::table
                    .filter(review_authority_filings::committee_id.eq(committees_table::id))
                    .filter(review_authority_filings::status.eq("approved"))
                    .filter(review_authority_filings::valid_from.le(today))
                    .filter(review_authority_filings::valid_until.ge(today))
                    .filter(
                        review_authority_filings::levels.like(format!("%\"{}\"%", level.as_str())),
                    ),
            ));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let (limit, offset) = pagination::limit_offset(page);
    let rows: Vec<CommitteeRow> = filtered()
        .order(committees_table::id.asc())
        .limit(limit)
        .offset(offset)
        .select(CommitteeRow::as_select())
        .load(conn)?;
    let items = rows
        .iter()
        .map(|c| authority::to_dto(conn, c, today))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(pagination::page(items, total, page))
}
