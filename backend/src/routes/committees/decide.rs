use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::{committees::FilingDecision, Module};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    committees::filings,
    db::Db,
    error::ApiError,
    routes::auth::client_ip,
    versioned::{Change, Kind},
};

/// Approves or rejects a pending filing (评审权备案审核). The auditor is the nearest HRSS strictly
/// above the applying unit; the provincial HRSS, having none above it, audits its own filings
/// through an account other than the applicant's.
#[utoipa::path(
    tag = "committees",
    params(("id" = i64, Path, description = "Filing id")),
    request_body = FilingDecision,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Decided", body = shared::committees::ReviewAuthorityFiling),
        (status = 403, description = "`forbidden`: needs `title.committees.authority_audit`, or the filing is not the caller's to audit", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such filing in the caller's sight", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: already decided; `version_conflict`: stale `version`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: an opinion is required to reject", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-authority-filings/{id:[0-9]+}/decision")]
pub async fn decide_filing(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<FilingDecision>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::AuthorityAudit)?;
    let id = path.into_inner();
    let body = body.into_inner();
    let opinion = crate::http::opinion::decision_opinion(body.opinion.as_deref(), body.approve)?;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let row = filings::require_visible(conn, &user, id)?;
                let actor = Actor::of(&user, ip);
                let change = Change {
                    kind: Kind::Filing,
                    id,
                    read_version: body.version,
                    action: if body.approve {
                        "committee.authority_approve"
                    } else {
                        "committee.authority_reject"
                    },
                    actor: &actor,
                    now,
                };
                filings::decide(conn, &user, &row, body.approve, opinion.as_deref(), &change)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
