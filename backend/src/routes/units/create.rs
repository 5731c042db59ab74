use actix_web::{post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde_json::json;
use shared::{
    ids::CreditCode,
    org::{CreateUnitRequest, CreatedUnit},
    AccountKind, ErrorCode, Module,
};

use crate::{
    audit::{self, Actor, Event},
    auth::{password, AuthState, AuthUser},
    db::{
        schema::{accounts, units},
        Db,
    },
    error::ApiError,
    org::{
        accounts::{self as org_accounts, NewAccount},
        jurisdiction::{self, Relation},
        queries::{account_columns, accounts_to_dto, AccountRow, UnitRow},
        unit_roles,
        units::{self as org_units, NewUnit},
    },
    routes::auth::client_ip,
};

/// Creates a unit below the caller's unit (or below a unit under it), optionally with its
/// administrator (initial password 123@abc, forced change at first login).
#[utoipa::path(
    tag = "units",
    request_body = CreateUnitRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = CreatedUnit),
        (status = 403, description = "`forbidden`: needs `config.units.create`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: the parent is not in the caller's jurisdiction", body = shared::ErrorBody),
        (status = 409, description = "`already_exists`: credit code or username taken", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`", body = shared::ErrorBody),
    )
)]
#[post("/v1/units")]
pub async fn create_unit(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<CreateUnitRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::UnitCreate)?;
    let body = body.into_inner();
    let name = crate::http::text::required("name", &body.name, 100)?;
    let region = crate::http::text::required("region", &body.region, 100)?;
    let contact_name = crate::http::text::required("contact_name", &body.contact_name, 50)?;
    let contact_phone = crate::http::text::required("contact_phone", &body.contact_phone, 30)?;
    crate::org::account_admin::check_phone_field("contact_phone", &contact_phone)?;
    let credit_code = CreditCode::parse(&body.credit_code)
        .map_err(|e| ApiError::validation_pair("credit_code", e))?;
    let admin = match (&body.admin_username, &body.admin_display_name) {
        (Some(u), d) => Some((
            crate::http::text::required("admin_username", u, 64)?,
            crate::http::text::required("admin_display_name", d.as_deref().unwrap_or(u), 100)?,
        )),
        (None, _) => None,
    };
    let hash = match admin {
        Some(_) => Some(
            web::block(|| password::hash(password::INITIAL_PASSWORD))
                .await
                .map_err(ApiError::internal)??,
        ),
        None => None,
    };
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            jurisdiction::require_visible(conn, &user, body.parent_id)?;
            let parent: UnitRow = units::table
                .find(body.parent_id)
                .select(UnitRow::as_select())
                .first(conn)?;
            let parent = parent.into_dto()?;
            org_units::check_placement(parent.kind, parent.level, body.kind, body.level)
                .map_err(|e| e.at_field("parent_id"))?;
            let roles = unit_roles::ensure_defaults(conn, now)?;
            let role_id = roles
                .iter()
                .find(|(k, _)| *k == body.kind)
                .map(|(_, id)| *id);
            conn.write_transaction(|conn| {
                let unit_id = org_units::create(
                    conn,
                    &NewUnit {
                        parent_id: Some(parent.id),
                        kind: body.kind,
                        level: body.level,
                        name,
                        credit_code,
                        region,
                        contact_name,
                        contact_phone,
                        unit_role_id: role_id,
                    },
                    now,
                )?;
                let unit = units::table
                    .find(unit_id)
                    .select(UnitRow::as_select())
                    .first(conn)?
                    .into_dto()?;
                let actor = Actor::of(&user, ip.clone());
                audit::append(
                    conn,
                    &actor,
                    &Event {
                        action: "unit.create",
                        target_type: "unit",
                        target_id: Some(unit_id.to_string()),
                        success: true,
                        before: None,
                        after: Some(json!(unit)),
                    },
                    now,
                )?;
                let admin = match (admin, hash) {
                    (Some((username, display_name)), Some(password_hash)) => {
                        // The new unit is below the caller's unit whatever `relation` was.
                        let allowed = jurisdiction::creatable_kinds(&user, Relation::Below);
                        if !allowed.contains(&AccountKind::UnitAdmin) {
                            return Err(ApiError::new(ErrorCode::Forbidden));
                        }
                        let id = org_accounts::create(
                            conn,
                            &NewAccount {
                                username,
                                display_name,
                                kind: AccountKind::UnitAdmin,
                                unit_id,
                                id_number: None,
                                phone: None,
                                password_hash,
                                must_change_password: true,
                                role_ids: vec![],
                                created_by: Some(user.id),
                            },
                            now,
                        )?;
                        let rows: Vec<AccountRow> = accounts::table
                            .inner_join(units::table)
                            .filter(accounts::id.eq(id))
                            .select(account_columns())
                            .load(conn)?;
                        let dto = accounts_to_dto(conn, rows, user.unit_id, now)?.pop();
                        audit::append(
                            conn,
                            &actor,
                            &Event {
                                action: "account.create",
                                target_type: "account",
                                target_id: Some(id.to_string()),
                                success: true,
                                before: None,
                                after: Some(json!(dto)),
                            },
                            now,
                        )?;
                        dto
                    }
                    _ => None,
                };
                Ok(CreatedUnit { unit, admin })
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}
