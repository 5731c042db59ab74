use actix_web::{get, post, web, HttpRequest, HttpResponse};
use shared::online_review::{Attendance, AttendanceChange};

use super::UNIT_REVIEW;
use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    online::{access, attendance},
    routes::auth::client_ip,
};

/// The attendance sheet (签到表) of a session and each group's progress (dossiers, distributed,
/// reviews). The organising unit and an HRSS above it read it.
#[utoipa::path(
    tag = "online",
    params(("id" = i64, Path, description = "Session id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The sheet", body = Attendance),
        (status = 403, description = "`forbidden`: needs `title.online.sessions` or `title.online.distribution`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such session in the caller's sight", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-sessions/{id:[0-9]+}/attendance")]
pub async fn get_attendance(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            let (session, sight) = access::require_unit_reader(conn, &user, id, UNIT_REVIEW)?;
            attendance::sheet(conn, &session, sight == access::UnitSight::Organiser)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

async fn change(
    req: HttpRequest,
    user: AuthUser,
    id: i64,
    body: AttendanceChange,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
    entering: bool,
) -> Result<HttpResponse, ApiError> {
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let session = access::require_organiser(conn, &user, id, UNIT_REVIEW)?;
                attendance::change(conn, &Actor::of(&user, ip), &session, &body, entering, now)?;
                attendance::sheet(conn, &session, true)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Signs an expert of the session in (签到), as its organising unit; a signed-out expert may
/// sign in again. Audited.
#[utoipa::path(
    tag = "online",
    params(("id" = i64, Path, description = "Session id")),
    request_body = AttendanceChange,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Signed in; the sheet", body = Attendance),
        (status = 403, description = "`forbidden`: not the organising unit, or the module is missing", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such session or expert of it", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: signed in already, or the session does not review or vote; `version_conflict`", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-sessions/{id:[0-9]+}/attendance/sign-in")]
pub async fn sign_in(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<AttendanceChange>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    change(
        req,
        user,
        path.into_inner(),
        body.into_inner(),
        db,
        auth,
        true,
    )
    .await
}

/// Signs an expert of the session out (签退), as its organising unit. Audited.
#[utoipa::path(
    tag = "online",
    params(("id" = i64, Path, description = "Session id")),
    request_body = AttendanceChange,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Signed out; the sheet", body = Attendance),
        (status = 403, description = "`forbidden`: not the organising unit, or the module is missing", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such session or expert of it", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: not signed in, or the session does not review or vote; `version_conflict`", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-sessions/{id:[0-9]+}/attendance/sign-out")]
pub async fn sign_out(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<AttendanceChange>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    change(
        req,
        user,
        path.into_inner(),
        body.into_inner(),
        db,
        auth,
        false,
    )
    .await
}
