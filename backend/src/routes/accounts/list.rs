use actix_web::{get, web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;
use shared::{org::Account, AccountKind, ErrorCode, Module, Page, PageQuery};

use crate::{
    auth::{AuthState, AuthUser},
    db::{
        schema::{accounts, units},
        Db, DbConnection,
    },
    error::ApiError,
    org::{
        jurisdiction,
        queries::{account_columns, accounts_to_dto, AccountRow},
    },
};

/// Filters of the account list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct AccountFilter {
    /// Only this unit (must be in the jurisdiction).
    pub unit_id: Option<i64>,
    /// Kind.
    pub kind: Option<AccountKind>,
    /// Display name or username contains; a username that is an ID number (an applicant's, an
    /// expert's `zj…`) is found by the whole number only.
    pub q: Option<String>,
    /// Enabled only / disabled only.
    pub enabled: Option<bool>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// Accounts of the caller's unit and every unit below it (扩展用户管理), filtered and
/// paginated. Unit administrators with 用户管理 only (no 扩展用户管理) see their own unit;
/// holders of 个人账号管理 only see applicants of their own unit.
#[utoipa::path(
    tag = "accounts",
    params(AccountFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page of accounts", body = Page<Account>),
        (status = 400, description = "`bad_request`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: `unit_id` outside the jurisdiction", body = shared::ErrorBody),
    )
)]
#[get("/v1/accounts")]
pub async fn list_accounts(
    user: AuthUser,
    filter: web::Query<AccountFilter>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let f = filter.into_inner();
    let scope = Scope::of(&user)?;
    let page = crate::http::pagination::query(f.page, f.per_page)?;
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| list_page(conn, &user, scope, &f, page, now))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Which accounts the caller reads, by module (403 with none of them).
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    /// The whole subtree (扩展用户管理 / 组织机构管理).
    extended: bool,
    /// Every account of the own unit (用户管理).
    own_unit: bool,
}

impl Scope {
    /// The caller's scope.
    pub fn of(user: &AuthUser) -> Result<Scope, ApiError> {
        let extended = user.modules.contains(&Module::ExtendedUsers)
            || user.modules.contains(&Module::OrgStructure);
        let own_unit = user.modules.contains(&Module::Users);
        let applicants_only = user.modules.contains(&Module::PersonalAccounts);
        if !(extended || own_unit || applicants_only) {
            return Err(ApiError::new(ErrorCode::Forbidden));
        }
        Ok(Scope { extended, own_unit })
    }
}

/// One page of the accounts the caller reads under `f` (the list's and the export's query).
pub fn list_page(
    conn: &mut DbConnection,
    user: &AuthUser,
    scope: Scope,
    f: &AccountFilter,
    page: PageQuery,
    now: NaiveDateTime,
) -> Result<Page<Account>, ApiError> {
    if let Some(unit) = f.unit_id {
        jurisdiction::require_visible(conn, user, unit)?;
    }
    let (start, end) = jurisdiction::range(user);
    let filtered = || {
        let mut q = accounts::table.inner_join(units::table).into_boxed();
        if scope.extended {
            q = q
                .filter(units::path.ge(start.clone()))
                .filter(units::path.lt(end.clone()));
        } else {
            q = q.filter(accounts::unit_id.eq(user.unit_id));
            if !scope.own_unit {
                q = q.filter(accounts::kind.eq(AccountKind::Applicant.as_str()));
            }
        }
        if let Some(unit) = f.unit_id {
            q = q.filter(accounts::unit_id.eq(unit));
        }
        if let Some(kind) = f.kind {
            q = q.filter(accounts::kind.eq(kind.as_str()));
        }
        if let Some(enabled) = f.enabled {
            q = q.filter(accounts::enabled.eq(enabled));
        }
        if let Some(text) = f.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            let pattern = format!("%{}%", text.replace(['%', '_'], ""));
            // A name containing the text, or a whole login name: an applicant's (its ID number)
            // and an expert's (`zj` and it) are stored as keys (`login_names`), found only whole.
            let ordinary_name = diesel::dsl::sql::<diesel::sql_types::Bool>(
                "(accounts.username NOT LIKE '%#%' AND accounts.username LIKE ",
            )
            .bind::<diesel::sql_types::Text, _>(pattern.clone())
            .sql(")");
            q = q.filter(
                ordinary_name
                    .or(accounts::username.eq(crate::login_names::name(text)))
                    .or(accounts::display_name.like(pattern)),
            );
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let (limit, offset) = crate::http::pagination::limit_offset(page);
    let rows: Vec<AccountRow> = filtered()
        .order((units::path.asc(), accounts::id.asc()))
        .limit(limit)
        .offset(offset)
        .select(account_columns())
        .load(conn)?;
    Ok(Page {
        items: accounts_to_dto(conn, rows, user.unit_id, now)?,
        total: u64::try_from(total).unwrap_or_default(),
        page: page.page,
        per_page: page.per_page,
        total_kind: shared::TotalKind::Exact,
    })
}
