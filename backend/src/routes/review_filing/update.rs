use actix_web::{patch, web, HttpRequest, HttpResponse};
use shared::review_filing::{ReviewFiling, UpdateReviewFiling};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    review_filing::{self, write},
    routes::auth::client_ip,
    versioned::{Change, Kind},
};

/// Saves the note of a draft or rejected filing, as its organising unit. Audited.
#[utoipa::path(
    tag = "filing",
    params(("id" = i64, Path, description = "Filing id")),
    request_body = UpdateReviewFiling,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved", body = ReviewFiling),
        (status = 403, description = "`forbidden`: not the organising unit with `title.filing.submit`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such filing in the caller's sight", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: submitted or approved; `version_conflict`: stale `version`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: the note", body = shared::ErrorBody),
    )
)]
#[patch("/v1/review-filings/{id:[0-9]+}")]
pub async fn update_review_filing(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<UpdateReviewFiling>,
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
                let row = review_filing::require_visible(conn, &user, id)?;
                let actor = Actor::of(&user, ip);
                let change = Change {
                    kind: Kind::ReviewFiling,
                    id,
                    read_version: body.version,
                    action: "filing.update",
                    actor: &actor,
                    now,
                };
                write::update(conn, &user, &row, &body.note, &change)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
