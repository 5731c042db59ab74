use actix_web::{get, web, HttpResponse};
use shared::{
    online_review::{ExpertTasks, ReviewProgress},
    Module,
};

use crate::{
    applications::access as app_access,
    auth::AuthUser,
    db::Db,
    error::ApiError,
    online::{access, tasks},
};

/// The expert's home page: the sessions it serves in (signed in or not, its group, whether it
/// leads it) and its review forms, drafts first.
#[utoipa::path(
    tag = "online",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What waits for the expert", body = ExpertTasks),
        (status = 403, description = "`forbidden`: not an expert account", body = shared::ErrorBody),
    )
)]
#[get("/v1/me/expert-tasks")]
pub async fn expert_tasks(user: AuthUser, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    access::require_expert_module(&user, Module::ExpertReview)?;
    let answer = db.run(move |conn| tasks::expert_tasks(conn, &user)).await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// The application's online review: its session and group, how many experts it went to and
/// how many completed their review — never who wrote what. For everyone who sees the
/// application.
#[utoipa::path(
    tag = "online",
    params(("id" = i64, Path, description = "Application id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One entry per session it is in", body = Vec<ReviewProgress>),
        (status = 404, description = "`not_found` (or not visible)", body = shared::ErrorBody),
    )
)]
#[get("/v1/applications/{id:[0-9]+}/review-progress")]
pub async fn review_progress(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            app_access::require_visible(conn, &user, id)?;
            tasks::review_progress(conn, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
