use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::application::{ActionRequest, Application};

use crate::{
    applications::write,
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    routes::auth::client_ip,
};

/// Applies one workflow action (SPEC §4.2) in one transaction: checks module, jurisdiction,
/// version and the transition table, updates the application, appends the timeline event and
/// the audit row. Send the `version` you read; a stale one answers 409 `version_conflict` and
/// changes nothing.
#[utoipa::path(
    tag = "applications",
    params(("id" = i64, Path, description = "Application id")),
    request_body = ActionRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Applied; the updated application", body = Application),
        (status = 403, description = "`forbidden`: module missing, not the caller's to act on, or a system action", body = shared::ErrorBody),
        (status = 404, description = "`not_found` (or not visible)", body = shared::ErrorBody),
        (status = 409, description = "`version_conflict`: someone acted first; `invalid_transition`: not allowed in this stage", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed` (opinion required, fields), `no_review_authority`", body = shared::ErrorBody),
    )
)]
#[post("/v1/applications/{id:[0-9]+}/actions")]
pub async fn act_on_application(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<ActionRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let body = body.into_inner();
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            let row =
                conn.write_transaction(|conn| write::apply(conn, &user, id, &body, &actor, now))?;
            row.into_dto(conn, &user)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
