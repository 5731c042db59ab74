use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use shared::{
    online_review::{DistributionUpdate, GroupAction, GroupDistribution},
    AccountKind,
};

use super::{require_leader, UNIT_REVIEW};
use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    online::{self, access, distribution},
    routes::auth::client_ip,
};

/// The distribution screen of a group (分发材料): its experts (with how many dossiers each has,
/// as chief and in all, and whether signed in) and its dossiers (their experts, who is recused
/// and why). The signed-in leader reads it to distribute; the organising unit and an HRSS
/// above it read it to follow.
#[utoipa::path(
    tag = "online",
    params(("id" = i64, Path, description = "Group id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The screen", body = GroupDistribution),
        (status = 403, description = "`forbidden`: not the leader, or the module is missing", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such group in the caller's sight", body = shared::ErrorBody),
        (status = 409, description = "`expert_not_signed_in`", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-groups/{id:[0-9]+}/distribution")]
pub async fn get_distribution(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            if user.kind == AccountKind::Expert {
                let (session, group, _) = require_leader(conn, &user, id)?;
                return distribution::view(conn, &session, &group, true);
            }
            access::require_unit_module(&user, UNIT_REVIEW)?;
            let group = online::group(conn, id)?;
            let (session, _) =
                access::require_unit_reader(conn, &user, group.session_id, UNIT_REVIEW)?;
            distribution::view(conn, &session, &group, false)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Distributes dossiers of the group (分发材料), as its signed-in leader: each listed dossier
/// goes to the listed experts (two or more of the group, exactly one chief, none recused),
/// replacing its previous experts; dossiers not listed keep theirs. All or nothing; audited.
#[utoipa::path(
    tag = "online",
    params(("id" = i64, Path, description = "Group id")),
    request_body = DistributionUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Distributed; the screen", body = GroupDistribution),
        (status = 403, description = "`forbidden`: not the leader", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`expert_not_signed_in`; `distribution_locked`: the group entered review; `review_not_open`: the session is not reviewing; `version_conflict`", body = shared::ErrorBody),
        (status = 422, description = "`distribution_invalid`: fewer than two experts, not exactly one chief, an expert or application not of the group, a duplicate; `expert_recused`; `validation_failed`: no entries", body = shared::ErrorBody),
    )
)]
#[put("/v1/review-groups/{id:[0-9]+}/distribution")]
pub async fn put_distribution(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<DistributionUpdate>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let body = body.into_inner();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let (session, group, _) = require_leader(conn, &user, id)?;
                distribution::distribute(
                    conn,
                    &Actor::of(&user, ip),
                    &session,
                    &group,
                    &body,
                    now,
                )?;
                let group = online::group(conn, id)?;
                distribution::view(conn, &session, &group, true)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// 进入评审: the signed-in leader opens the review of the group once every dossier is
/// distributed by the rules; the distribution locks and each distributed expert gets a review
/// form. Audited.
#[utoipa::path(
    tag = "online",
    params(("id" = i64, Path, description = "Group id")),
    request_body = GroupAction,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Review open; the screen", body = GroupDistribution),
        (status = 403, description = "`forbidden`: not the leader", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`distribution_incomplete`; `distribution_locked`: entered already; `review_not_open`; `expert_not_signed_in`; `version_conflict`", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-groups/{id:[0-9]+}/enter-review")]
pub async fn enter_review(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<GroupAction>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let version = body.into_inner().version;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let (session, group, _) = require_leader(conn, &user, id)?;
                distribution::enter_review(
                    conn,
                    &Actor::of(&user, ip),
                    &session,
                    &group,
                    version,
                    now,
                )?;
                let group = online::group(conn, id)?;
                distribution::view(conn, &session, &group, true)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// 答辩结束: the organising unit marks the group's defense held; from then on its chief
/// reviewers fill the defense evaluation and score. Audited.
#[utoipa::path(
    tag = "online",
    params(("id" = i64, Path, description = "Group id")),
    request_body = GroupAction,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Marked; the screen", body = GroupDistribution),
        (status = 403, description = "`forbidden`: not the organising unit", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: no defense in this session, or marked already; `review_not_open`: the group has not entered review; `version_conflict`", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-groups/{id:[0-9]+}/defense-held")]
pub async fn defense_held(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<GroupAction>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let version = body.into_inner().version;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                access::require_unit_module(&user, UNIT_REVIEW)?;
                let group = online::group(conn, id)?;
                let session =
                    access::require_organiser(conn, &user, group.session_id, UNIT_REVIEW)?;
                distribution::defense_held(
                    conn,
                    &Actor::of(&user, ip),
                    &session,
                    &group,
                    version,
                    now,
                )?;
                let group = online::group(conn, id)?;
                distribution::view(conn, &session, &group, false)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
