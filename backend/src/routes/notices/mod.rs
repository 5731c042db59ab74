//! `/api/v1/notices`: the caller's notices (站内通知) — list, unread count, mark read.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared::notices::{Notice, NoticeKind, NoticeSummary, Todo};

use crate::{
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    http::{errors::request_locale, pagination},
    notices,
};

/// The filters of the notice list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct NoticeQuery {
    /// Only unread notices.
    #[serde(default)]
    pub unread: bool,
    pub kind: Option<NoticeKind>,
    /// Page (1-based).
    pub page: Option<u32>,
    /// Page size (1–100).
    pub per_page: Option<u32>,
}

/// The caller's notices, newest first: those to the account, and those to its unit that its
/// modules cover (unit-side accounts). The text is in the request's language.
#[utoipa::path(
    tag = "notices",
    params(NoticeQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = shared::Page<Notice>),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
    )
)]
#[get("/v1/notices")]
pub async fn list_notices(
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<NoticeQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let page = pagination::query(q.page, q.per_page)?;
    let locale = request_locale(&req);
    let answer = db
        .run(move |conn| notices::list(conn, &user, q.unread, q.kind, page, locale))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// What waits for the caller beside its application queues (the home page's to-dos): review
/// forms to complete and votes to cast (experts), sessions in progress (organising units),
/// filings to audit (HRSS), open reports per publicity kind (batch owners) — only the kinds the
/// caller can act on, each with the page where it is done.
#[utoipa::path(
    tag = "notices",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The to-dos", body = Vec<Todo>),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
    )
)]
#[get("/v1/todos")]
pub async fn list_todos(user: AuthUser, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    let answer = db
        .run(move |conn| notices::todos::todos(conn, &user))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// How many of the caller's notices are unread (the top bar's count).
#[utoipa::path(
    tag = "notices",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The unread count", body = NoticeSummary),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
    )
)]
#[get("/v1/notices/summary")]
pub async fn notice_summary(user: AuthUser, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    let answer = db.run(move |conn| notices::summary(conn, &user)).await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Marks one notice read (for the caller only; reading it again changes nothing).
#[utoipa::path(
    tag = "notices",
    params(("id" = i64, Path, description = "Notice id", minimum = 1)),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Read"),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such notice for the caller", body = shared::ErrorBody),
    )
)]
#[post("/v1/notices/{id:[0-9]+}/read")]
pub async fn read_notice(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let now = auth.clock.now();
    db.run(move |conn| notices::read_one(conn, &user, id, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Marks every unread notice of the caller read; answers the unread count after (0).
#[utoipa::path(
    tag = "notices",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "All read", body = NoticeSummary),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
    )
)]
#[post("/v1/notices/read-all")]
pub async fn read_all_notices(
    user: AuthUser,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                notices::read_all(conn, &user, now)?;
                notices::summary(conn, &user)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
