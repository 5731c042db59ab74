use actix_web::{get, post, web, HttpRequest, HttpResponse};
use shared::{
    expert_pool::{CreatePoolUpdate, PoolDecision, PoolUpdate},
    Page,
};

use crate::{
    audit::{self, Actor, Event},
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    experts::updates::{self, UpdateFilter},
    http::pagination,
    routes::auth::client_ip,
    versioned::{Change, Kind},
};

/// Files a pool update (专家库更新申请): a list of changes with reasons — `add` an existing
/// person (`expert_id` + term) or a new pre-entry record (`entry`), `remove` a pool member. By
/// the committee's organising unit holding `title.experts.pool_update_apply`.
#[utoipa::path(
    tag = "experts",
    request_body = CreatePoolUpdate,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Filed, pending", body = PoolUpdate),
        (status = 403, description = "`forbidden`: not the organising unit, or no `pool_update_apply`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such committee", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: a person has an integrity record", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: a change is invalid (field `items[i]…`)", body = shared::ErrorBody),
    )
)]
#[post("/v1/pool-updates")]
pub async fn create_pool_update(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<CreatePoolUpdate>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let id = updates::apply(conn, &user, &body, now)?;
                let row = updates::require_visible(conn, &user, id)?;
                let dto = updates::to_dto(conn, &user, row)?;
                audit::append(
                    conn,
                    &actor,
                    &Event {
                        action: "pool_update.apply",
                        target_type: "pool_update",
                        target_id: Some(id.to_string()),
                        success: true,
                        before: None,
                        after: Some(serde_json::json!(dto)),
                    },
                    now,
                )?;
                Ok(dto)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}

/// Pool update filings the caller sees (备案查询), newest first: its own unit's; for an HRSS
/// holding the audit or query module, also those of units below it.
#[utoipa::path(
    tag = "experts",
    params(UpdateFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<PoolUpdate>),
        (status = 403, description = "`forbidden`: needs a `title.experts.pool_update_*` module", body = shared::ErrorBody),
    )
)]
#[get("/v1/pool-updates")]
pub async fn list_pool_updates(
    user: AuthUser,
    filter: web::Query<UpdateFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    updates::require_reader(&user)?;
    let f = filter.into_inner();
    let page = pagination::query(f.page, f.per_page)?;
    let answer = db
        .run(move |conn| updates::list_page(conn, &user, &f, page))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// One pool update filing.
#[utoipa::path(
    tag = "experts",
    params(("id" = i64, Path, description = "Pool update id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The filing", body = PoolUpdate),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
    )
)]
#[get("/v1/pool-updates/{id:[0-9]+}")]
pub async fn get_pool_update(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    updates::require_reader(&user)?;
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            let row = updates::require_visible(conn, &user, id)?;
            updates::to_dto(conn, &user, row)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Approves (applying every change in one transaction — one change that no longer applies
/// fails them all) or rejects with an opinion (nothing changes). By the nearest HRSS above the
/// organising unit holding `title.experts.pool_update_audit`, not the applicant.
#[utoipa::path(
    tag = "experts",
    params(("id" = i64, Path, description = "Pool update id")),
    request_body = PoolDecision,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Decided", body = PoolUpdate),
        (status = 403, description = "`forbidden`: not the auditing HRSS; `four_eyes_required`: the applicant", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: already decided, or a change no longer applies; `already_exists`; `version_conflict`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: an opinion is required to reject", body = shared::ErrorBody),
    )
)]
#[post("/v1/pool-updates/{id:[0-9]+}/decision")]
pub async fn decide_pool_update(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<PoolDecision>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(shared::Module::PoolUpdateAudit)?;
    let id = path.into_inner();
    let body = body.into_inner();
    let opinion = crate::http::opinion::decision_opinion(body.opinion.as_deref(), body.approve)?;
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let row = updates::require_visible(conn, &user, id)?;
                let change = Change {
                    kind: Kind::PoolUpdate,
                    id,
                    read_version: body.version,
                    action: if body.approve {
                        "pool_update.approve"
                    } else {
                        "pool_update.reject"
                    },
                    actor: &actor,
                    now,
                };
                updates::decide(conn, &user, &row, body.approve, opinion.as_deref(), &change)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
