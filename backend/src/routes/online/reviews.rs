use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use shared::{
    online_review::{ExpertReview, ReviewForm},
    Module,
};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    online::{access, review},
    routes::auth::client_ip,
};

/// The caller's review form with the dossier, its files and the applicant's blind opinions;
/// only for the expert it was distributed to, while signed in.
#[utoipa::path(
    tag = "online",
    params(("id" = i64, Path, description = "Review id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The form", body = ExpertReview),
        (status = 403, description = "`forbidden`: needs `title.review.expert_review`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: not the caller's review", body = shared::ErrorBody),
        (status = 409, description = "`expert_not_signed_in`", body = shared::ErrorBody),
    )
)]
#[get("/v1/expert-reviews/{id:[0-9]+}")]
pub async fn get_review(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    access::require_expert_module(&user, Module::ExpertReview)?;
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            let ctx = review::require_own(conn, &user, id)?;
            ctx.place.require_signed_in()?;
            review::view(conn, &ctx)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

async fn write(
    req: HttpRequest,
    user: AuthUser,
    id: i64,
    form: ReviewForm,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
    complete: bool,
) -> Result<HttpResponse, ApiError> {
    access::require_expert_module(&user, Module::ExpertReview)?;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let ctx = review::require_own(conn, &user, id)?;
                review::save(conn, &Actor::of(&user, ip), &ctx, &form, complete, now)?;
                let ctx = review::require_own(conn, &user, id)?;
                review::view(conn, &ctx)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// 暂存: saves the form as a draft. Fields the expert does not fill must be empty (an
/// assistant fills the overall evaluation only; the defense fields need defense on, the defense
/// evaluation and score its end). Audited.
#[utoipa::path(
    tag = "online",
    params(("id" = i64, Path, description = "Review id")),
    request_body = ReviewForm,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved; the form", body = ExpertReview),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: not the caller's review", body = shared::ErrorBody),
        (status = 409, description = "`review_locked`: completed; `defense_not_held`; `review_not_open`; `expert_not_signed_in`; `version_conflict`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: a field the expert does not fill, too long, a score outside 0–100", body = shared::ErrorBody),
    )
)]
#[put("/v1/expert-reviews/{id:[0-9]+}")]
pub async fn save_review(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<ReviewForm>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    write(
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

/// 完成材料审查: saves the form, checks every field the expert fills is filled, and locks it.
/// Audited.
#[utoipa::path(
    tag = "online",
    params(("id" = i64, Path, description = "Review id")),
    request_body = ReviewForm,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Completed; the form", body = ExpertReview),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: not the caller's review", body = shared::ErrorBody),
        (status = 409, description = "`review_locked`; `defense_not_held`: a chief with defense on completes after the defense; `review_not_open`; `expert_not_signed_in`; `version_conflict`", body = shared::ErrorBody),
        (status = 422, description = "`review_incomplete`: a field is missing (named); `validation_failed`", body = shared::ErrorBody),
    )
)]
#[post("/v1/expert-reviews/{id:[0-9]+}/complete")]
pub async fn complete_review(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<ReviewForm>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    write(
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
