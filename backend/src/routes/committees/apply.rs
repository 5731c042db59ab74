use actix_web::{post, web, HttpRequest, HttpResponse};
use serde_json::json;
use shared::{committees::CreateFilingRequest, ErrorCode, Module};

use crate::{
    audit::{self, Actor, Event},
    auth::{AuthState, AuthUser},
    committees::{self, filings},
    db::Db,
    error::ApiError,
    routes::auth::client_ip,
};

/// The caller's unit files for review authority (评审权备案申请) of a committee it organises.
/// The committee is created with its first filing and reused by name afterwards (same series
/// only). The nearest HRSS above the unit audits.
#[utoipa::path(
    tag = "committees",
    request_body = CreateFilingRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Filed, pending audit", body = shared::committees::ReviewAuthorityFiling),
        (status = 403, description = "`forbidden`: needs `title.committees.authority_apply` on a unit-side account", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: the committee already has a pending filing", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: name, levels, dates (at most 3 years), series differing from the committee's, …", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-authority-filings")]
pub async fn apply_filing(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<CreateFilingRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    if !committees::is_unit_side(&user) {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    user.require(Module::AuthorityApply)?;
    let valid = filings::validate(body.into_inner())?;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let row = filings::apply(conn, &user, &valid, now)?;
                let dto = filings::to_dto(conn, &user, row)?;
                audit::append(
                    conn,
                    &Actor::of(&user, ip),
                    &Event {
                        action: "committee.authority_apply",
                        target_type: "review_authority_filing",
                        target_id: Some(dto.id.to_string()),
                        success: true,
                        before: None,
                        after: Some(json!(dto)),
                    },
                    now,
                )?;
                Ok(dto)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}
