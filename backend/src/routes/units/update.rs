use actix_web::{patch, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use shared::{org::UpdateUnitRequest, ErrorCode, Module};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::{schema::units, Db, DbConnection},
    error::ApiError,
    guarded_update,
    org::{
        jurisdiction::{self, Relation},
        queries::UnitRow,
    },
    routes::auth::client_ip,
    versioned::{self, Change, Kind},
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
        (status = 409, description = "`version_conflict`: `version` is stale", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`", body = shared::ErrorBody),
    )
)]
#[patch("/v1/units/{id:[0-9]+}")]
pub async fn update_unit(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<UpdateUnitRequest>,
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
        if let Some(v) = value {
            crate::http::text::required(field, v, max)?;
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
            let load = |conn: &mut DbConnection| {
                units::table
                    .find(id)
                    .select(UnitRow::as_select())
                    .first(conn)?
                    .into_dto()
            };
            conn.write_transaction(|conn| {
                let before = load(conn)?;
                let actor = Actor::of(&user, ip);
                let change = Change {
                    kind: Kind::Unit,
                    id,
                    read_version: body.version,
                    action: "unit.update",
                    actor: &actor,
                    now,
                };
                change.expect(before.version)?;
                let text = |new: &Option<String>, old: &str| {
                    new.as_deref()
                        .map_or(old.to_owned(), |v| v.trim().to_owned())
                };
                let changes = (
                    units::name.eq(text(&body.name, &before.name)),
                    units::region.eq(text(&body.region, &before.region)),
                    units::contact_name.eq(text(&body.contact_name, &before.contact_name)),
                    units::contact_phone.eq(text(&body.contact_phone, &before.contact_phone)),
                    units::enabled.eq(body.enabled.unwrap_or(before.enabled)),
                    units::updated_at.eq(now),
                );
                change.apply(
                    conn,
                    load,
                    |conn, guard| Ok(guarded_update!(conn, units, guard, changes)?),
                    versioned::no_effects,
                )
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
