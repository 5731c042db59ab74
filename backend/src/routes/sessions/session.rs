use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use shared::{
    sessions::{
        GroupApplication, NewSession, ReviewSession, SessionDetail, SessionPatch, VersionOnly,
    },
    Page,
};

use super::{snapshot, Writer};
use crate::{
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    http::pagination,
    sessions::{
        self, groups, rules, view,
        write::{self, SessionFilter},
    },
    versioned::Kind,
};

/// Review sessions the caller sees, newest first: the organising unit its own, an HRSS also
/// those of committees below it, an expert those they were drawn into.
#[utoipa::path(
    tag = "sessions",
    params(SessionFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<ReviewSession>),
        (status = 403, description = "`forbidden`: needs `title.online.sessions` (unit side) or an expert account", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-sessions")]
pub async fn list_sessions(
    user: AuthUser,
    filter: web::Query<SessionFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let f = filter.into_inner();
    let page = pagination::query(f.page, f.per_page)?;
    let answer = db
        .run(move |conn| write::list_page(conn, &user, &f, page))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Creates a session (组建评委会) for a committee the caller's unit organises, status `setup`.
#[utoipa::path(
    tag = "sessions",
    request_body = NewSession,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = ReviewSession),
        (status = 403, description = "`forbidden`: needs `title.online.sessions`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such committee of the caller's unit", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: name, year or date", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-sessions")]
pub async fn create_session(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<NewSession>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let w = Writer::of(&req, user, &auth);
    let body = body.into_inner();
    let answer = db
        .run(move |conn| write::create(conn, &w.user, &body, &w.actor, w.now))
        .await?;
    Ok(HttpResponse::Created().json(answer))
}

/// The session with its groups, experts and draws (a drawn expert: the limited view).
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Session id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The session", body = SessionDetail),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such session in the caller's sight", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-sessions/{id:[0-9]+}")]
pub async fn get_session(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            let (row, committee, access) = sessions::require_visible(conn, &user, id)?;
            view::detail(conn, &user, &row, &committee, access)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Changes the name, date and settings (盲评, 答辩, how the committee is formed); setup only.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Session id")),
    request_body = SessionPatch,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Changed", body = ReviewSession),
        (status = 403, description = "`forbidden`: only the organising unit", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`session_not_in_setup`, `version_conflict`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`", body = shared::ErrorBody),
    )
)]
#[patch("/v1/review-sessions/{id:[0-9]+}")]
pub async fn update_session(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<SessionPatch>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let w = Writer::of(&req, user, &auth);
    let body = body.into_inner();
    let answer = db
        .run(move |conn| {
            let (row, _) = sessions::require_organiser(conn, &w.user, id)?;
            let change = w.change(Kind::Session, row.id, body.version, "session.update");
            write::patch(conn, &w.user, &row, &body, &change)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Starts the review (setup → reviewing) when every rule holds: each group ≥ 3 serving experts
/// with one leader and an up-to-date draw, an odd committee with one director, and the 40号令
/// size of a senior committee (the `session_rules` setting).
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Session id")),
    request_body = VersionOnly,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Reviewing", body = ReviewSession),
        (status = 403, description = "`forbidden`: only the organising unit", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`session_not_in_setup`, `version_conflict`, `group_too_small`, `group_leader_missing`, `draw_outdated`, `committee_size_even`, `director_required`, `committee_too_small`", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-sessions/{id:[0-9]+}/start")]
pub async fn start_session(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<VersionOnly>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let w = Writer::of(&req, user, &auth);
    let version = body.into_inner().version;
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let (row, _) = sessions::require_organiser(conn, &w.user, id)?;
                let change = w.change(Kind::Session, row.id, version, "session.start");
                change.expect(row.version)?;
                sessions::require_setup(&row)?;
                rules::check(conn, &row)?;
                change.apply(
                    conn,
                    snapshot(&w.user, id),
                    |c, guard| rules::start_update(c, guard, w.now),
                    rules::started,
                )
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Applications of the session's committee and year in `online_review` in no group yet.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Session id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Unassigned candidates, by id", body = Vec<GroupApplication>),
        (status = 403, description = "`forbidden`: only the organising unit", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-sessions/{id:[0-9]+}/unassigned-applications")]
pub async fn unassigned_applications(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            let (row, _) = sessions::require_organiser(conn, &user, id)?;
            groups::unassigned(conn, &row)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
