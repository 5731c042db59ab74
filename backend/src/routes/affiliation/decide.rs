use actix_web::{post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde_json::json;
use shared::{
    org::{AffiliationDecision, AffiliationStatus},
    ErrorCode, Module,
};

use crate::{
    audit::{self, Actor, Event},
    auth::{AuthState, AuthUser},
    db::{
        schema::{affiliation_requests, units},
        Db,
    },
    error::ApiError,
    org::{affiliation, queries::UnitRow},
    routes::auth::client_ip,
};

/// Approves or rejects a pending request. Deciders: the new parent itself, or an HRSS whose
/// jurisdiction holds the new parent. Approval moves the unit and everything below it.
#[utoipa::path(
    tag = "units",
    params(("id" = i64, Path, description = "Request id")),
    request_body = AffiliationDecision,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Decided", body = shared::org::AffiliationRequest),
        (status = 403, description = "`forbidden`: not the caller's to decide", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: already decided", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: an opinion is required to reject; the move is no longer valid", body = shared::ErrorBody),
    )
)]
#[post("/v1/affiliation-requests/{id:[0-9]+}/decision")]
pub async fn decide_affiliation_request(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<AffiliationDecision>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::Affiliation)?;
    let id = path.into_inner();
    let body = body.into_inner();
    let opinion = crate::http::opinion::decision_opinion(body.opinion.as_deref(), body.approve)?;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let row: affiliation::RequestRow = affiliation_requests::table
                    .find(id)
                    .select(affiliation::RequestRow::as_select())
                    .first(conn)
                    .optional()?
                    .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
                if !affiliation::may_decide(conn, &user, row.to_parent_id)? {
                    // Requests of the caller's own unit are visible, but not the caller's to decide.
                    return Err(if row.unit_id == user.unit_id {
                        ApiError::new(ErrorCode::Forbidden)
                    } else {
                        ApiError::new(ErrorCode::NotFound)
                    });
                }
                affiliation::require_pending(&row)?;
                let before = affiliation::to_dto(conn, &user, row.clone())?;
                // Guarded on `pending`, before any effect: of two concurrent decisions the
                // second changes no row (PostgreSQL: after waiting on the row lock) and fails.
                let decided = diesel::update(
                    affiliation_requests::table
                        .find(id)
                        .filter(affiliation_requests::status.eq(AffiliationStatus::Pending)),
                )
                .set((
                    affiliation_requests::status.eq(if body.approve {
                        AffiliationStatus::Approved
                    } else {
                        AffiliationStatus::Rejected
                    }),
                    affiliation_requests::decided_by.eq(user.id),
                    affiliation_requests::decided_at.eq(now),
                    affiliation_requests::opinion.eq(&opinion),
                ))
                .execute(conn)?;
                if decided != 1 {
                    return Err(affiliation::already_decided());
                }
                if body.approve {
                    let unit: UnitRow = units::table
                        .find(row.unit_id)
                        .select(UnitRow::as_select())
                        .first(conn)?;
                    if unit.parent_id != Some(row.from_parent_id) {
                        return Err(ApiError::with_text(
                            ErrorCode::Conflict,
                            "该单位的上级已发生变化，请重新申请",
                            "The unit's parent has changed since the request; request again",
                        ));
                    }
                    let parent = affiliation::check_target(conn, &unit, row.to_parent_id)?;
                    affiliation::move_subtree(conn, &unit, &parent, now)?;
                }
                let row = affiliation_requests::table
                    .find(id)
                    .select(affiliation::RequestRow::as_select())
                    .first(conn)?;
                let after = affiliation::to_dto(conn, &user, row)?;
                audit::append(
                    conn,
                    &Actor::of(&user, ip),
                    &Event {
                        action: if body.approve {
                            "unit.affiliation_approve"
                        } else {
                            "unit.affiliation_reject"
                        },
                        target_type: "affiliation_request",
                        target_id: Some(id.to_string()),
                        success: true,
                        before: Some(json!(before)),
                        after: Some(json!(after)),
                    },
                    now,
                )?;
                Ok(after)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
