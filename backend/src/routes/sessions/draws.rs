use actix_web::{get, post, web, HttpRequest, HttpResponse};
use shared::{
    sessions::{Draw, DrawRequest, DrawSummary, DrawVerification},
    ErrorCode,
};

use super::{snapshot, Writer};
use crate::{
    auth::{AuthState, AuthUser},
    db::{Db, DbConnection},
    error::ApiError,
    sessions::{self, draws, view::DrawRow, Access},
    versioned::Kind,
};

/// Draws experts (抽取) for every group or one. A group with a current draw is re-drawn: a
/// `reason` is required, the old draw is kept (superseded) and audited.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Session id")),
    request_body = DrawRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new draws, one per group, as summaries (the full record of each: `GET /api/v1/draws/{id}`)", body = Vec<DrawSummary>),
        (status = 403, description = "`forbidden`: only the organising unit", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`draw_shortfall` (names group, specialty, needed and found), `session_not_in_setup`, `version_conflict`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: a re-draw without a reason, an unknown group", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-sessions/{id:[0-9]+}/draws")]
pub async fn draw_experts(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<DrawRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let w = Writer::of(&req, user, &auth);
    let body = body.into_inner();
    let answer = db
        .run(move |conn| {
            let (s, _) = sessions::require_organiser(conn, &w.user, id)?;
            let action = if body.reason.as_deref().is_some_and(|r| !r.trim().is_empty()) {
                "session.redraw"
            } else {
                "session.draw"
            };
            let change = w.change(Kind::Session, s.id, body.version, action);
            let stored = draws::draw_main(
                conn,
                &s,
                body.group_id,
                body.reason.as_deref(),
                w.user.id,
                &change,
                &snapshot(&w.user, id),
                &mut draws::os_seeds(),
            )?;
            sessions::view::stored_summaries(conn, stored)
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}

/// Every draw of the session in full — candidates, exclusions with reasons, seed, algorithm,
/// result — newest first: the record (专家抽取记录) that is printed for the file. The session's
/// own answer lists the draws as summaries.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Session id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The session's draws, newest first", body = Vec<Draw>),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found` (also for a drawn expert: the record is the organisers')", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-sessions/{id:[0-9]+}/draws")]
pub async fn session_draws(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            require_record_reader(conn, &user, id)?;
            sessions::view::session_draws(conn, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// A session's draw records are for the organising unit and the HRSS above it; a drawn expert,
/// who sees the session, is answered as if they did not exist.
fn require_record_reader(
    conn: &mut DbConnection,
    user: &AuthUser,
    session_id: i64,
) -> Result<(), ApiError> {
    let (_, _, access) = sessions::require_visible(conn, user, session_id)?;
    if access == Access::Expert {
        return Err(ApiError::new(ErrorCode::NotFound));
    }
    Ok(())
}

/// The draw for the organising unit or the HRSS above it (not for experts).
fn readable(conn: &mut DbConnection, user: &AuthUser, id: i64) -> Result<DrawRow, ApiError> {
    sessions::require_reader(user)?;
    let d = draws::find(conn, id)?;
    require_record_reader(conn, user, d.session_id)?;
    Ok(d)
}

/// Runs `f` on draw `id` if the caller may read it.
async fn with_readable<T, F>(db: &Db, user: AuthUser, id: i64, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, &DrawRow) -> Result<T, ApiError> + Send + 'static,
{
    db.run(move |conn| {
        let d = readable(conn, &user, id)?;
        f(conn, &d)
    })
    .await
}

/// A draw's record (抽取记录): candidates, exclusions with reasons, seed, algorithm, result.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Draw id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The draw", body = Draw),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
    )
)]
#[get("/v1/draws/{id:[0-9]+}")]
pub async fn get_draw(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let answer = with_readable(&db, user, path.into_inner(), sessions::view::draw).await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Re-runs the draw from its stored inputs and seed: `reproduced` says whether it gives the
/// stored exclusions and result.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Draw id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The verification", body = DrawVerification),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
    )
)]
#[get("/v1/draws/{id:[0-9]+}/verify")]
pub async fn verify_draw(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let answer = with_readable(&db, user, path.into_inner(), |_, d| draws::verify(d)).await?;
    Ok(HttpResponse::Ok().json(answer))
}
