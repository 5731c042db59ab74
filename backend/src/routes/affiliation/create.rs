use actix_web::{post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde_json::json;
use shared::{org::CreateAffiliationRequest, ErrorCode, Module};

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

/// The caller's unit asks to move under another parent (主管部门更改). One pending request per
/// unit at a time.
#[utoipa::path(
    tag = "units",
    request_body = CreateAffiliationRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Requested", body = shared::org::AffiliationRequest),
        (status = 403, description = "`forbidden`: needs `config.units.affiliation`; an HRSS only audits and cannot file for itself", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: a request of this unit is already pending", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: wrong kind or level of parent, own subtree, …", body = shared::ErrorBody),
    )
)]
#[post("/v1/affiliation-requests")]
pub async fn create_affiliation_request(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<CreateAffiliationRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::Affiliation)?;
    let body = body.into_inner();
    let reason = crate::http::text::required("reason", &body.reason, 500)?;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let unit: UnitRow = units::table
                    .find(user.unit_id)
                    .select(UnitRow::as_select())
                    .first(conn)?;
                // 人社经办账号只能审核，不能做主管单位更改 (manual §7.1.2.2): an HRSS's place
                // follows the administrative divisions; it audits the changes of units below.
                if unit.kind == shared::UnitKind::Hrss {
                    return Err(ApiError::with_text(
                        ErrorCode::Forbidden,
                        "人社机构只能审核下级单位的主管部门更改，不能为本单位申请更改",
                        "An HRSS only audits the affiliation changes of units below it; it cannot file one for itself",
                    ));
                }
                let Some(from) = unit.parent_id else {
                    return Err(ApiError::with_text(
                        ErrorCode::ValidationFailed,
                        "省级人社机构没有上级单位",
                        "The provincial HRSS has no parent",
                    ));
                };
                affiliation::check_target(conn, &unit, body.to_parent_id)?;
                if affiliation::pending_of(conn, unit.id)?.is_some() {
                    return Err(ApiError::with_text(
                        ErrorCode::Conflict,
                        "本单位已有待审核的主管部门更改申请",
                        "This unit already has a pending request",
                    ));
                }
                let new_id: i64 = diesel::insert_into(affiliation_requests::table)
                    .values((
                        affiliation_requests::unit_id.eq(unit.id),
                        affiliation_requests::from_parent_id.eq(from),
                        affiliation_requests::to_parent_id.eq(body.to_parent_id),
                        affiliation_requests::reason.eq(&reason),
                        affiliation_requests::status.eq(shared::org::AffiliationStatus::Pending),
                        affiliation_requests::requested_by.eq(user.id),
                        affiliation_requests::requested_at.eq(now),
                    ))
                    .returning(affiliation_requests::id)
                    .get_result(conn)?;
                let row = affiliation_requests::table
                    .find(new_id)
                    .select(affiliation::RequestRow::as_select())
                    .first(conn)?;
                let dto = affiliation::to_dto(conn, &user, row)?;
                audit::append(
                    conn,
                    &Actor::of(&user, ip),
                    &Event {
                        action: "unit.affiliation_request",
                        target_type: "unit",
                        target_id: Some(unit.id.to_string()),
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
