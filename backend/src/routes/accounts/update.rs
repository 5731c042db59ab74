use actix_web::{patch, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use shared::{org::UpdateAccountRequest, ErrorCode};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::{
        schema::{account_roles, accounts, refresh_tokens, units},
        Db,
    },
    error::ApiError,
    guarded_update,
    org::{
        account_admin,
        queries::{account_columns, accounts_to_dto, AccountRow},
    },
    routes::auth::client_ip,
    versioned::{Change, Kind},
};

/// Edits an account (display name, phone, enabled, business roles). Accounts are never
/// deleted: disable them. Disabling ends every session of the account at once.
#[utoipa::path(
    tag = "accounts",
    params(("id" = i64, Path, description = "Account id")),
    request_body = UpdateAccountRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated", body = shared::org::Account),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: not in the caller's jurisdiction", body = shared::ErrorBody),
        (status = 409, description = "`version_conflict`: `version` is stale; `conflict`: the account has business in flight", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`", body = shared::ErrorBody),
    )
)]
#[patch("/v1/accounts/{id:[0-9]+}")]
pub async fn update_account(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<UpdateAccountRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let body = body.into_inner();
    if let Some(name) = &body.display_name {
        crate::http::text::required("display_name", name, 100)?;
    }
    if let Some(phone) = &body.phone {
        account_admin::check_phone(phone)?;
    }
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            account_admin::require_any_manage(&user)?;
            let (kind, unit_id) = account_admin::visible_account(conn, &user, id)?;
            account_admin::require_manage(&user, kind)?;
            if let Some(roles) = &body.role_ids {
                account_admin::check_roles(conn, kind, unit_id, roles)?;
            }
            conn.write_transaction(|conn| {
                let load = |conn: &mut _| -> Result<shared::org::Account, ApiError> {
                    let rows: Vec<AccountRow> = accounts::table
                        .inner_join(units::table)
                        .filter(accounts::id.eq(id))
                        .select(account_columns())
                        .load(conn)?;
                    accounts_to_dto(conn, rows, user.unit_id, now)?
                        .pop()
                        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
                };
                let before = load(conn)?;
                let actor = Actor::of(&user, ip);
                let change = Change {
                    kind: Kind::Account,
                    id,
                    read_version: body.version,
                    action: "account.update",
                    actor: &actor,
                    now,
                };
                change.expect(before.version)?;
                let edits_content = body
                    .display_name
                    .as_deref()
                    .is_some_and(|n| n.trim() != before.display_name)
                    || body
                        .phone
                        .as_deref()
                        .is_some_and(|p| Some(p.trim()) != before.phone.as_deref());
                if edits_content && has_business_in_flight(conn, id)? {
                    // SPEC §2 / manual §6.1.1: editable until it has submitted business that is
                    // still in flight (enabling and disabling stay possible).
                    return Err(ApiError::with_text(
                        ErrorCode::Conflict,
                        "该账号有正在流转的申报，不能修改账号信息",
                        "The account has an application in flight; its details cannot be edited",
                    ));
                }
                let disabling = body.enabled == Some(false) && before.enabled;
                let changes = (
                    accounts::display_name.eq(body
                        .display_name
                        .as_deref()
                        .map_or(before.display_name.clone(), |v| v.trim().to_owned())),
                    accounts::phone.eq(body
                        .phone
                        .as_deref()
                        .map(str::trim)
                        .map(str::to_owned)
                        .or(before.phone.clone())),
                    accounts::enabled.eq(body.enabled.unwrap_or(before.enabled)),
                    accounts::updated_at.eq(now),
                );
                change.apply(
                    conn,
                    load,
                    |conn, guard| Ok(guarded_update!(conn, accounts, guard, changes)?),
                    |conn| {
                        if disabling {
                            diesel::update(accounts::table.find(id))
                                .set(accounts::token_version.eq(accounts::token_version + 1))
                                .execute(conn)?;
                            diesel::update(
                                refresh_tokens::table
                                    .filter(refresh_tokens::account_id.eq(id))
                                    .filter(refresh_tokens::revoked_at.is_null()),
                            )
                            .set(refresh_tokens::revoked_at.eq(now))
                            .execute(conn)?;
                        }
                        if let Some(roles) = &body.role_ids {
                            diesel::delete(
                                account_roles::table.filter(account_roles::account_id.eq(id)),
                            )
                            .execute(conn)?;
                            for role in roles {
                                diesel::insert_into(account_roles::table)
                                    .values((
                                        account_roles::account_id.eq(id),
                                        account_roles::role_id.eq(role),
                                    ))
                                    .execute(conn)?;
                            }
                        }
                        Ok(serde_json::Map::new())
                    },
                )
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Whether the account has submitted an application that is neither back with it nor closed.
fn has_business_in_flight(
    conn: &mut crate::db::DbConnection,
    account_id: i64,
) -> Result<bool, ApiError> {
    use crate::db::schema::applications;
    use shared::workflow::Stage;
    let resting = [
        Stage::Draft,
        Stage::Returned,
        Stage::Passed,
        Stage::Failed,
        Stage::Terminated,
        Stage::Voided,
        Stage::Revoked,
    ];
    let n: i64 = applications::table
        .filter(applications::applicant_id.eq(account_id))
        .filter(applications::stage.ne_all(resting))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}
