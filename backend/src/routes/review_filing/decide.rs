use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::review_filing::{ReviewFiling, ReviewFilingDecision};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    review_filing::{self, write},
    routes::auth::client_ip,
    versioned::{Change, Kind},
};

/// Approves or rejects a submitted filing (备案审核), as the HRSS above the organising unit
/// (`title.filing.audit`; the provincial HRSS audits its own through an account other than
/// the submitter's). Rejecting needs an opinion; a rejected filing goes back to its unit to be
/// corrected and submitted again. Approving issues, in the same transaction, the certificate of
/// every passed application of the session (numbered by the certificate numbering setting,
/// carrying the optional 批准文号 `approval_document`); the answer counts them. Audited.
#[utoipa::path(
    tag = "filing",
    params(("id" = i64, Path, description = "Filing id")),
    request_body = ReviewFilingDecision,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Decided", body = ReviewFiling),
        (status = 403, description = "`forbidden`: not the auditing HRSS with `title.filing.audit`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such filing in the caller's sight", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: not submitted; `version_conflict`: stale `version`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: an opinion is required to reject (at most 500 characters); `approval_document` at most 64 characters, only with an approval", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-filings/{id:[0-9]+}/decision")]
pub async fn decide_review_filing(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<ReviewFilingDecision>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let body = body.into_inner();
    let opinion = crate::http::opinion::decision_opinion(body.opinion.as_deref(), body.approve)?;
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
                    action: if body.approve {
                        "filing.approve"
                    } else {
                        "filing.reject"
                    },
                    actor: &actor,
                    now,
                };
                write::decide(
                    conn,
                    &user,
                    &row,
                    body.approve,
                    opinion.as_deref(),
                    body.approval_document.as_deref(),
                    &change,
                )
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
