use actix_web::{patch, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde_json::json;
use shared::{org::UpdateUnitRequest, ErrorCode, Module};

use crate::{
    audit::{self, Actor, Event},
    auth::{AuthState, AuthUser},
    db::{schema::units, Db},
    error::ApiError,
    org::{
        jurisdiction::{self, Relation},
        queries::UnitRow,
    },
    routes::auth::client_ip,
};

/// Edits a unit below the caller's unit (name, region, contact, enabled). The parent is never
/// changed here: that is an affiliation change, which needs approval.
#[utoipa::path(
    tag = "units",
    params(("id" = i64, Path, description = "Unit id")),
    request_body = UpdateUnitRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated", body = shared::org::Unit),
        (status = 403, description = "`forbidden`: needs `config.units.create`; a unit never edits itself here", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: not in the caller's jurisdiction", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: `version` is stale", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`", body = shared::ErrorBody),
    )
)]
#[patch("/v1/units/{id}")]
pub async fn update_unit(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: web::Json<UpdateUnitRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::UnitCreate)?;
    let id = path.into_inner();
    let body = body.into_inner();
    for (field, value, max) in [
        ("name", &body.name, 100),
        ("region", &body.region, 100),
        ("contact_name", &body.contact_name, 50),
        ("contact_phone", &body.contact_phone, 30),
    ] {
        if value
            .as_deref()
            .is_some_and(|v| v.trim().is_empty() || v.chars().count() > max)
        {
            return Err(ApiError::validation(
                field,
                &format!("不能为空且不超过 {max} 个字符"),
                &format!("must have 1-{max} characters"),
            ));
        }
    }
    if let Some(phone) = &body.contact_phone {
        crate::org::account_admin::check_phone_field("contact_phone", phone)?;
    }
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            if jurisdiction::require_visible(conn, &user, id)? == Relation::Own {
                return Err(ApiError::new(ErrorCode::Forbidden));
            }
            conn.write_transaction(|conn| {
                let before = units::table
                    .find(id)
                    .select(UnitRow::as_select())
                    .first(conn)?
                    .into_dto()?;
                let changed = diesel::update(
                    units::table
                        .find(id)
                        .filter(units::version.eq(body.version)),
                )
                .set((
                    units::name.eq(body
                        .name
                        .as_deref()
                        .map_or(before.name.clone(), |v| v.trim().to_owned())),
                    units::region.eq(body
                        .region
                        .as_deref()
                        .map_or(before.region.clone(), |v| v.trim().to_owned())),
                    units::contact_name.eq(body
                        .contact_name
                        .as_deref()
                        .map_or(before.contact_name.clone(), |v| v.trim().to_owned())),
                    units::contact_phone.eq(body
                        .contact_phone
                        .as_deref()
                        .map_or(before.contact_phone.clone(), |v| v.trim().to_owned())),
                    units::enabled.eq(body.enabled.unwrap_or(before.enabled)),
                    units::updated_at.eq(now),
                    units::version.eq(body.version + 1),
                ))
                .execute(conn)?;
                if changed == 0 {
                    return Err(ApiError::new(ErrorCode::Conflict));
                }
                let after = units::table
                    .find(id)
                    .select(UnitRow::as_select())
                    .first(conn)?
                    .into_dto()?;
                audit::append(
                    conn,
                    &Actor::of(&user, ip),
                    &Event {
                        action: "unit.update",
                        target_type: "unit",
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
