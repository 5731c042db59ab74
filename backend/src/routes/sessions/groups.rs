use actix_web::{delete, patch, post, put, web, HttpRequest, HttpResponse};
use shared::sessions::{
    AlternateRequest, DrawSummary, GroupApplications, GroupPatch, NewGroup, PutNeeds, ReviewGroup,
    VersionOnly,
};

use super::{snapshot, Writer};
use crate::{
    auth::{AuthState, AuthUser},
    db::{Db, DbConnection},
    error::ApiError,
    sessions::{self, draws, groups, view::GroupRow, SessionRow},
    versioned::{Change, Kind},
};

/// The group and its session, for a change by the organising unit while set up.
fn managed(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<(GroupRow, SessionRow), ApiError> {
    let g = groups::find(conn, id)?;
    let (s, _) = sessions::require_organiser(conn, user, g.session_id)?;
    sessions::require_setup(&s)?;
    Ok((g, s))
}

/// Runs `write` on group `id`, managed by the caller (the organising unit, while set up), with
/// the group's change read at `version` and audited as `action`.
async fn group_write<T, F>(
    db: &Db,
    w: Writer,
    id: i64,
    version: i64,
    action: &'static str,
    write: F,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, &GroupRow, &SessionRow, &Change) -> Result<T, ApiError>
        + Send
        + 'static,
{
    db.run(move |conn| {
        let (g, s) = managed(conn, &w.user, id)?;
        let change = w.change(Kind::ReviewGroup, g.id, version, action);
        write(conn, &g, &s, &change)
    })
    .await
}

/// Adds a group (评审小组) at the end of the session's groups; setup only.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Session id")),
    request_body = NewGroup,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = ReviewGroup),
        (status = 403, description = "`forbidden`: only the organising unit", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`session_not_in_setup`; `already_exists`: the name is taken", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: the name", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-sessions/{id:[0-9]+}/groups")]
pub async fn create_group(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<NewGroup>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let w = Writer::of(&req, user, &auth);
    let answer = db
        .run(move |conn| {
            let (s, _) = sessions::require_organiser(conn, &w.user, id)?;
            sessions::require_setup(&s)?;
            groups::create(conn, &s, &body.name, &w.actor, w.now)
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}

/// Renames a group; setup only.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Group id")),
    request_body = GroupPatch,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Renamed", body = ReviewGroup),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`session_not_in_setup`, `version_conflict`, `already_exists`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`", body = shared::ErrorBody),
    )
)]
#[patch("/v1/review-groups/{id:[0-9]+}")]
pub async fn update_group(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<GroupPatch>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let answer = group_write(
        &db,
        Writer::of(&req, user, &auth),
        path.into_inner(),
        body.version,
        "session.group_update",
        move |conn, g, _, change| groups::rename(conn, g, &body.name, change),
    )
    .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Deletes a group never drawn (its applications become unassigned); setup only.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Group id"), ("version" = i64, Query, description = "The group's version")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`session_not_in_setup`, `version_conflict`; `conflict`: the group was drawn", body = shared::ErrorBody),
    )
)]
#[delete("/v1/review-groups/{id:[0-9]+}")]
pub async fn delete_group(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    query: web::Query<VersionOnly>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let w = Writer::of(&req, user, &auth);
    let version = query.into_inner().version;
    db.run(move |conn| {
        let (g, _) = managed(conn, &w.user, id)?;
        groups::delete(conn, &g, version, &w.actor, w.now)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Puts applications (of the committee and year, in `online_review`, in no group) into the
/// group, all or nothing; setup only.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Group id")),
    request_body = GroupApplications,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The group", body = ReviewGroup),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`session_not_in_setup`, `version_conflict`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: an application that cannot go into a group", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-groups/{id:[0-9]+}/applications")]
pub async fn assign_applications(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<GroupApplications>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let answer = group_write(
        &db,
        Writer::of(&req, user, &auth),
        path.into_inner(),
        body.version,
        "session.group_assign",
        move |conn, g, s, change| groups::assign(conn, s, g, &body.application_ids, change),
    )
    .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Takes applications out of the group; setup only.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Group id")),
    request_body = GroupApplications,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The group", body = ReviewGroup),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`session_not_in_setup`, `version_conflict`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: an application not in the group", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-groups/{id:[0-9]+}/applications/remove")]
pub async fn unassign_applications(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<GroupApplications>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let answer = group_write(
        &db,
        Writer::of(&req, user, &auth),
        path.into_inner(),
        body.version,
        "session.group_unassign",
        move |conn, g, _, change| groups::unassign(conn, g, &body.application_ids, change),
    )
    .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Replaces the group's experts needed per specialty (0 allowed); setup only.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Group id")),
    request_body = PutNeeds,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The group", body = ReviewGroup),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`session_not_in_setup`, `version_conflict`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: a specialty or count", body = shared::ErrorBody),
    )
)]
#[put("/v1/review-groups/{id:[0-9]+}/needs")]
pub async fn put_needs(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<PutNeeds>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let answer = group_write(
        &db,
        Writer::of(&req, user, &auth),
        path.into_inner(),
        body.version,
        "session.group_needs",
        move |conn, g, _, change| groups::put_needs(conn, g, &body.needs, change),
    )
    .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Draws alternates (候补) for a drawn group, in order (ranks follow earlier alternates); the
/// session's version guards it; setup only.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Group id")),
    request_body = AlternateRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The alternate draw as its summary (the full record: `GET /api/v1/draws/{id}`)", body = DrawSummary),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`session_not_in_setup`, `version_conflict`, `draw_shortfall`; `conflict`: the group has no draw yet", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: count 1–50", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-groups/{id:[0-9]+}/alternates")]
pub async fn draw_alternates(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<AlternateRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let w = Writer::of(&req, user, &auth);
    let answer = db
        .run(move |conn| {
            let g = groups::find(conn, id)?;
            let (s, _) = sessions::require_organiser(conn, &w.user, g.session_id)?;
            let change = w.change(Kind::Session, s.id, body.version, "session.draw_alternates");
            let stored = draws::draw_alternates(
                conn,
                &s,
                &g,
                body.count,
                w.user.id,
                &change,
                &snapshot(&w.user, s.id),
                &mut draws::os_seeds(),
            )?;
            let mut answer = sessions::view::stored_summaries(conn, vec![stored])?;
            answer.pop().ok_or_else(|| {
                ApiError::internal(anyhow::anyhow!("the alternate draw has no answer"))
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}
