use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use shared::{
    expert_pool::{
        ExpertDetail, ExpertEdit, IntegrityRecordRequest, InviteAnswer, InviteRequest, PoolMember,
        PoolStatusChange, PreEntryRequest,
    },
    Page,
};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    experts::{
        entry,
        pool::{self, PoolFilter},
    },
    http::pagination,
    routes::auth::client_ip,
    versioned::{Change, Kind},
};

/// Pre-enters a person into a committee's pool (专家预入库): one person per ID number (a
/// person already known is linked, keeping their fields and gaining new specialties); the
/// membership starts `pre_entry`. By the committee's organising unit or an HRSS above it,
/// holding `title.experts.pool`.
#[utoipa::path(
    tag = "experts",
    request_body = PreEntryRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Pre-entered", body = PoolMember),
        (status = 403, description = "`forbidden`: needs `title.experts.pool` in the organising unit or an HRSS above it", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such committee in the caller's sight", body = shared::ErrorBody),
        (status = 409, description = "`already_exists`: already in this pool; `conflict`: the person has an integrity record", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: a field is invalid (ID number, gender, term over 3 years, …)", body = shared::ErrorBody),
    )
)]
#[post("/v1/experts")]
pub async fn pre_enter(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<PreEntryRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    pool::require_reader(&user)?;
    let body = body.into_inner();
    let v = entry::validate(&body.entry)?;
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| pool::pre_enter(conn, &user, &actor, body.committee_id, &v, now))
        .await?;
    Ok(HttpResponse::Created().json(answer))
}

/// The pools the caller sees (专家查询): one row per membership, by committee and name, filtered
/// by committee, status, specialty, series, title level, employer, term and name. Its own
/// unit's committees; an HRSS's also those organised below it.
#[utoipa::path(
    tag = "experts",
    params(PoolFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<PoolMember>),
        (status = 400, description = "`bad_request`: a filter is malformed", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.experts.pool`", body = shared::ErrorBody),
    )
)]
#[get("/v1/experts")]
pub async fn list_pool(
    user: AuthUser,
    filter: web::Query<PoolFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    pool::require_reader(&user)?;
    let f = filter.into_inner();
    let page = pagination::query(f.page, f.per_page)?;
    let answer = db
        .run(move |conn| pool::list_page(conn, &user, &f, page))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// A person with profile, declared conflicts and the memberships the caller sees.
#[utoipa::path(
    tag = "experts",
    params(("id" = i64, Path, description = "Expert id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The person", body = ExpertDetail),
        (status = 403, description = "`forbidden`: needs `title.experts.pool`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: in no pool the caller sees", body = shared::ErrorBody),
    )
)]
#[get("/v1/experts/{id:[0-9]+}")]
pub async fn get_expert(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    pool::require_reader(&user)?;
    let id = path.into_inner();
    let answer = db.run(move |conn| pool::get(conn, &user, id)).await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Edits a person's fields (not the ID number); specialties are replaced. By a manager of one
/// of the person's pools.
#[utoipa::path(
    tag = "experts",
    params(("id" = i64, Path, description = "Expert id")),
    request_body = ExpertEdit,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Edited", body = ExpertDetail),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: in no pool the caller manages", body = shared::ErrorBody),
        (status = 409, description = "`version_conflict`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`", body = shared::ErrorBody),
    )
)]
#[patch("/v1/experts/{id:[0-9]+}")]
pub async fn edit_expert(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<ExpertEdit>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    pool::require_reader(&user)?;
    let id = path.into_inner();
    let body = body.into_inner();
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let change = Change {
                    kind: Kind::Expert,
                    id,
                    read_version: body.version,
                    action: "expert.update",
                    actor: &actor,
                    now,
                };
                pool::edit(conn, &user, id, &body, &change)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Records an integrity violation (违规) on a person: kept (who, when, what) and every
/// membership is removed. By an HRSS managing one of the person's pools.
#[utoipa::path(
    tag = "experts",
    params(("id" = i64, Path, description = "Expert id")),
    request_body = IntegrityRecordRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded; every membership removed", body = ExpertDetail),
        (status = 403, description = "`forbidden`: not an HRSS", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: in no pool the caller manages", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: already recorded; `version_conflict`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: no record", body = shared::ErrorBody),
    )
)]
#[post("/v1/experts/{id:[0-9]+}/integrity-record")]
pub async fn record_integrity(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<IntegrityRecordRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    pool::require_reader(&user)?;
    let id = path.into_inner();
    let body = body.into_inner();
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let change = Change {
                    kind: Kind::Expert,
                    id,
                    read_version: body.version,
                    action: "expert.integrity_record",
                    actor: &actor,
                    now,
                };
                pool::record_integrity(conn, &user, id, &body.record, &change)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Invites a pre-entered member (邀请): creates the person's `expert` account — username `zj` +
/// ID number, the initial password, a forced change at first sign-in — unless they have one,
/// and moves the membership to `invited` (`active` when the profile is already complete).
#[utoipa::path(
    tag = "experts",
    params(("id" = i64, Path, description = "Pool member id")),
    request_body = InviteRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Invited", body = InviteAnswer),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: not `pre_entry`; `conflict`: integrity record; `version_conflict`; `already_exists`: the username is taken", body = shared::ErrorBody),
    )
)]
#[post("/v1/pool-members/{id:[0-9]+}/invite")]
pub async fn invite(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<InviteRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    pool::require_reader(&user)?;
    let id = path.into_inner();
    let version = body.into_inner().version;
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let change = Change {
                    kind: Kind::PoolMember,
                    id,
                    read_version: version,
                    action: "expert.invite",
                    actor: &actor,
                    now,
                };
                pool::invite(conn, &user, id, &change)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Suspends (`suspended`), resumes (`active`) or removes (`removed`) a membership, with a
/// reason. Allowed moves: active ↔ suspended, anything but removed → removed.
#[utoipa::path(
    tag = "experts",
    params(("id" = i64, Path, description = "Pool member id")),
    request_body = PoolStatusChange,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Changed", body = PoolMember),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`; `conflict`: integrity record; `version_conflict`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: no reason", body = shared::ErrorBody),
    )
)]
#[post("/v1/pool-members/{id:[0-9]+}/status")]
pub async fn set_status(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<PoolStatusChange>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    pool::require_reader(&user)?;
    let id = path.into_inner();
    let body = body.into_inner();
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let change = Change {
                    kind: Kind::PoolMember,
                    id,
                    read_version: body.version,
                    action: "expert.status_change",
                    actor: &actor,
                    now,
                };
                pool::set_status(conn, &user, id, body.to, &body.reason, &change)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
