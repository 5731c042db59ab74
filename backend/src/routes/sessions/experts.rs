use actix_web::{post, put, web, HttpRequest, HttpResponse};
use shared::sessions::{Decline, PutPosition, SessionExpert};

use super::Writer;
use crate::{
    auth::{AuthState, AuthUser},
    db::{Db, DbConnection},
    error::ApiError,
    sessions::{self, positions, view::ExpertRow},
    versioned::{Change, Kind},
};

fn managed(conn: &mut DbConnection, user: &AuthUser, id: i64) -> Result<ExpertRow, ApiError> {
    let r = positions::find(conn, id)?;
    let (s, _) = sessions::require_organiser(conn, user, r.session_id)?;
    sessions::require_setup(&s)?;
    Ok(r)
}

/// Runs `write` in one write transaction on session expert `id`, managed by the caller (the
/// organising unit, while set up), with its change read at `version` and audited as `action`.
async fn expert_write<T, F>(
    db: &Db,
    w: Writer,
    id: i64,
    version: i64,
    action: &'static str,
    write: F,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, &ExpertRow, &Change) -> Result<T, ApiError> + Send + 'static,
{
    db.run(move |conn| {
        conn.write_transaction(|conn| {
            let r = managed(conn, &w.user, id)?;
            let change = w.change(Kind::SessionExpert, r.id, version, action);
            write(conn, &r, &change)
        })
    })
    .await
}

/// Sets a serving expert's positions (职务): group leader (the group's previous leader stops
/// being one) and committee position; setup only.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Session expert id")),
    request_body = PutPosition,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The expert", body = SessionExpert),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`session_not_in_setup`, `version_conflict`; `conflict`: not serving", body = shared::ErrorBody),
    )
)]
#[put("/v1/session-experts/{id:[0-9]+}/position")]
pub async fn put_position(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<PutPosition>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let answer = expert_write(
        &db,
        Writer::of(&req, user, &auth),
        path.into_inner(),
        body.version,
        "session.expert_position",
        move |conn, r, change| {
            positions::put(conn, r, body.group_leader, body.committee_position, change)
        },
    )
    .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// A serving expert declines (谢绝): the group's next alternate covering one of their
/// specialties serves instead; setup only.
#[utoipa::path(
    tag = "sessions",
    params(("id" = i64, Path, description = "Session expert id")),
    request_body = Decline,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The declined expert", body = SessionExpert),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`no_alternate`, `session_not_in_setup`, `version_conflict`; `conflict`: not serving", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: the reason", body = shared::ErrorBody),
    )
)]
#[post("/v1/session-experts/{id:[0-9]+}/decline")]
pub async fn decline_expert(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<Decline>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let answer = expert_write(
        &db,
        Writer::of(&req, user, &auth),
        path.into_inner(),
        body.version,
        "session.expert_decline",
        move |conn, r, change| positions::decline(conn, r, &body.reason, change),
    )
    .await?;
    Ok(HttpResponse::Ok().json(answer))
}
