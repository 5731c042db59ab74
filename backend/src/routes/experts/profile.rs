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
    body: web::Json<ProfileInput>,
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
