use actix_web::{post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde_json::json;
use shared::ErrorCode;

use crate::{
    audit::{self, Actor, Event},
    auth::{password, AuthState, AuthUser},
    db::{
        schema::{accounts, refresh_tokens, units},
        Db,
    },
    error::ApiError,
    org::{
        account_admin,
        queries::{account_columns, accounts_to_dto, AccountRow},
    },
    routes::auth::client_ip,
};

/// Resets an account's password to the initial password 123@abc with a forced change, and
/// unlocks it. Every session of the account ends.
#[utoipa::path(
    tag = "accounts",
    params(("id" = i64, Path, description = "Account id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Reset and unlocked", body = shared::org::Account),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: not in the caller's jurisdiction", body = shared::ErrorBody),
    )
)]
#[post("/v1/accounts/{id}/reset-password")]
pub async fn reset_password(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let hash = web::block(|| password::hash(password::INITIAL_PASSWORD))
        .await
        .map_err(ApiError::internal)??;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            account_admin::require_any_manage(&user)?;
            let (kind, _) = account_admin::visible_account(conn, &user, id)?;
            account_admin::require_manage(&user, kind)?;
            conn.write_transaction(|conn| {
                diesel::update(accounts::table.find(id))
                    .set((
                        accounts::password_hash.eq(&hash),
                        accounts::must_change_password.eq(true),
                        accounts::failed_attempts.eq(0),
                        accounts::locked_until.eq(None::<chrono::NaiveDateTime>),
                        accounts::token_version.eq(accounts::token_version + 1),
                        accounts::updated_at.eq(now),
                        accounts::version.eq(accounts::version + 1),
                    ))
                    .execute(conn)?;
                diesel::update(
                    refresh_tokens::table
                        .filter(refresh_tokens::account_id.eq(id))
                        .filter(refresh_tokens::revoked_at.is_null()),
                )
                .set(refresh_tokens::revoked_at.eq(now))
                .execute(conn)?;
                let rows: Vec<AccountRow> = accounts::table
                    .inner_join(units::table)
                    .filter(accounts::id.eq(id))
                    .select(account_columns())
                    .load(conn)?;
                let dto = accounts_to_dto(conn, rows, now)?
                    .pop()
                    .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
                audit::append(
                    conn,
                    &Actor::of(&user, ip),
                    &Event {
                        action: "account.reset_password",
                        target_type: "account",
                        target_id: Some(id.to_string()),
                        success: true,
                        before: None,
                        after: Some(json!({"must_change_password": true, "unlocked": true})),
                    },
                    now,
                )?;
                Ok(dto)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
