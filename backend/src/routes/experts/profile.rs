use actix_web::{get, put, web, HttpRequest, HttpResponse};
use shared::expert_pool::{ExpertDetail, ProfileInput};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    experts::profile,
    routes::auth::client_ip,
};

/// The signed-in expert's own profile (专家个人信息) with every membership.
#[utoipa::path(
    tag = "experts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The profile", body = ExpertDetail),
        (status = 403, description = "`forbidden`: not an expert account", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no person is linked to the account", body = shared::ErrorBody),
    )
)]
#[get("/v1/me/expert-profile")]
pub async fn get_profile(user: AuthUser, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    let answer = db.run(move |conn| profile::get(conn, &user)).await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Saves the signed-in expert's profile: education, field of work, availability, contact and
/// the declared conflicts of interest (units of the tree, persons by ID number; the list is
/// replaced). The first save completes the profile and makes every `invited` membership
/// `active`.
#[utoipa::path(
    tag = "experts",
    request_body = ProfileInput,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved", body = ExpertDetail),
        (status = 403, description = "`forbidden`: not an expert account", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no person is linked to the account", body = shared::ErrorBody),
        (status = 409, description = "`version_conflict`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`", body = shared::ErrorBody),
    )
)]
#[put("/v1/me/expert-profile")]
pub async fn put_profile(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<ProfileInput>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| profile::save(conn, &user, &body, &actor, now))
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// `GET /api/v1/me/expert-profile/units?q=…`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitSearch {
    /// 1–50 characters of the unit's name.
    #[param(min_length = 1, max_length = 50)]
    pub q: String,
}

/// Units whose name contains `q` (at most 20, enabled ones, employers first), for the
/// signed-in expert to declare a unit they must not review (回避单位) in their profile.
#[utoipa::path(
    tag = "experts",
    params(UnitSearch),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The units found", body = Vec<shared::auth::UnitRef>),
        (status = 403, description = "`forbidden`: not an expert account", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no person is linked to the account", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: `q` is empty or longer than 50 characters", body = shared::ErrorBody),
    )
)]
#[get("/v1/me/expert-profile/units")]
pub async fn profile_units(
    user: AuthUser,
    query: web::Query<UnitSearch>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner().q;
    let answer = db
        .run(move |conn| profile::units_named(conn, &user, &q))
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
