use actix_web::{post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde_json::json;
use shared::org::CreateAccountRequest;

use crate::{
    audit::{self, Actor, Event},
    auth::{password, AuthState, AuthUser},
    db::{
        schema::{accounts, units},
        Db,
    },
    error::ApiError,
    org::{
        account_admin,
        accounts::{self as org_accounts, NewAccount},
        queries::{account_columns, accounts_to_dto, AccountRow},
    },
    routes::auth::client_ip,
};

/// Creates one account with the initial password 123@abc (forced change at first login).
/// Which kinds the caller may create where: see `org::jurisdiction::creatable_kinds`.
#[utoipa::path(
    tag = "accounts",
    request_body = CreateAccountRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = shared::org::Account),
        (status = 403, description = "`forbidden`: that kind in that unit is not the caller's to create", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: unit outside the jurisdiction", body = shared::ErrorBody),
        (status = 409, description = "`already_exists`: username taken", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`", body = shared::ErrorBody),
    )
)]
#[post("/v1/accounts")]
pub async fn create_account(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<CreateAccountRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let hash = web::block(|| password::hash(password::INITIAL_PASSWORD))
        .await
        .map_err(ApiError::internal)??;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            let id_number = account_admin::check_new(conn, &user, &body)?;
            conn.write_transaction(|conn| {
                let id = org_accounts::create(
                    conn,
                    &NewAccount {
                        username: body.username.trim().to_owned(),
                        display_name: body.display_name.trim().to_owned(),
                        kind: body.kind,
                        unit_id: body.unit_id,
                        id_number,
                        phone: body.phone.as_deref().map(str::trim).map(str::to_owned),
                        password_hash: hash,
                        must_change_password: true,
                        role_ids: body.role_ids.clone(),
                        created_by: Some(user.id),
                    },
                    now,
                )?;
                let rows: Vec<AccountRow> = accounts::table
                    .inner_join(units::table)
                    .filter(accounts::id.eq(id))
                    .select(account_columns())
                    .load(conn)?;
                let dto = accounts_to_dto(conn, rows, user.unit_id, now)?
                    .pop()
                    .ok_or_else(|| ApiError::internal(anyhow::anyhow!("account {id} vanished")))?;
                audit::append(
                    conn,
                    &Actor::of(&user, ip),
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
                Ok(dto)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}
