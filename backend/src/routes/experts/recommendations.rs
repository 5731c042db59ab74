use actix_web::{get, post, web, HttpRequest, HttpResponse};
use shared::{
    expert_pool::{CreateRecommendation, PoolDecision, Recommendation},
    Page,
};

use crate::{
    audit::{self, Actor, Event},
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    experts::recommendations::{self, RecommendationFilter},
    http::pagination,
    routes::auth::client_ip,
    versioned::{Change, Kind},
};

/// Recommends a person as an expert to a committee (专家推荐申请): the pre-entry fields and the
/// unit's reason. Any unit-side account holding `title.experts.recommend_apply`.
#[utoipa::path(
    tag = "experts",
    request_body = CreateRecommendation,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Filed, pending", body = Recommendation),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such committee", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`", body = shared::ErrorBody),
    )
)]
#[post("/v1/expert-recommendations")]
pub async fn create_recommendation(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<CreateRecommendation>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let id = recommendations::create(conn, &user, &body, now)?;
                let row = recommendations::require_visible(conn, &user, id)?;
                let dto = recommendations::to_dto(conn, &user, row)?;
                audit::append(
                    conn,
                    &actor,
                    &Event {
                        action: "expert_recommendation.create",
                        target_type: "expert_recommendation",
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

/// Recommendations the caller sees, newest first: its own unit's, and those to committees it
/// accepts for (its own unit's; an HRSS's also those below it).
#[utoipa::path(
    tag = "experts",
    params(RecommendationFilter),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page", body = Page<Recommendation>),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
    )
)]
#[get("/v1/expert-recommendations")]
pub async fn list_recommendations(
    user: AuthUser,
    filter: web::Query<RecommendationFilter>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    recommendations::require_reader(&user)?;
    let f = filter.into_inner();
    let page = pagination::query(f.page, f.per_page)?;
    let answer = db
        .run(move |conn| recommendations::list_page(conn, &user, &f, page))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Accepts a recommendation (the person is pre-entered into the committee's pool in the same
/// transaction) or declines it with an opinion. By the committee's organising unit or an HRSS
/// above it holding `title.experts.recommend_accept`.
#[utoipa::path(
    tag = "experts",
    params(("id" = i64, Path, description = "Recommendation id")),
    request_body = PoolDecision,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Decided", body = Recommendation),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: already decided or an integrity record; `already_exists`: already in the pool; `version_conflict`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: an opinion is required to decline", body = shared::ErrorBody),
    )
)]
#[post("/v1/expert-recommendations/{id:[0-9]+}/decision")]
pub async fn decide_recommendation(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<PoolDecision>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(shared::Module::RecommendAccept)?;
    let id = path.into_inner();
    let body = body.into_inner();
    let opinion = crate::http::opinion::decision_opinion(body.opinion.as_deref(), body.approve)?;
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let row = recommendations::require_visible(conn, &user, id)?;
                let change = Change {
                    kind: Kind::Recommendation,
                    id,
                    read_version: body.version,
                    action: if body.approve {
                        "expert_recommendation.accept"
                    } else {
                        "expert_recommendation.decline"
                    },
                    actor: &actor,
                    now,
                };
                recommendations::decide(
                    conn,
                    &user,
                    &row,
                    body.approve,
                    opinion.as_deref(),
                    &change,
                )
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
