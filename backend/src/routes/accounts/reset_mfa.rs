use actix_web::{post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde_json::json;
use shared::ErrorCode;

use crate::{
    audit::{self, Actor, Event},
    auth::{mfa, AuthState, AuthUser},
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

/// Removes an account's two-factor authentication and recovery codes (a lost or replaced
/// phone), with the same authority as a password reset. Every session of the account ends;
/// where the policy requires MFA, the holder enrolls a new authenticator at the next sign-in.
#[utoipa::path(
    tag = "accounts",
    params(("id" = i64, Path, description = "Account id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Removed; the account", body = shared::org::Account),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: not in the caller's jurisdiction", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: the account has no two-factor authentication", body = shared::ErrorBody),
    )
)]
#[post("/v1/accounts/{id:[0-9]+}/reset-mfa")]
pub async fn reset_mfa(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            account_admin::require_any_manage(&user)?;
            let (kind, _) = account_admin::visible_account(conn, &user, id)?;
            account_admin::require_manage(&user, kind)?;
            conn.write_transaction(|conn| {
                if !mfa::remove(conn, id)? {
                    return Err(ApiError::with_text(
                        ErrorCode::Conflict,
                        "该账号未启用双因素认证",
                        "The account has no two-factor authentication",
                    ));
                }
                diesel::update(
                    refresh_tokens::table
                        .filter(refresh_tokens::account_id.eq(id))
                        .filter(refresh_tokens::revoked_at.is_null()),
                )
                .set(refresh_tokens::revoked_at.eq(now))
                .execute(conn)?;
                audit::append(
                    conn,
                    &Actor::of(&user, ip),
                    &Event {
                        action: "account.mfa_reset",
                        target_type: "account",
                        target_id: Some(id.to_string()),
                        success: true,
                        before: Some(json!({ "mfa": "on" })),
                        after: Some(json!({ "mfa": "off", "sessions_revoked": true })),
                    },
                    now,
                )?;
                let rows: Vec<AccountRow> = accounts::table
                    .inner_join(units::table)
                    .filter(accounts::id.eq(id))
                    .select(account_columns())
                    .load(conn)?;
                accounts_to_dto(conn, rows, user.unit_id, now)?
                    .pop()
                    .ok_or_else(|| ApiError::new(ErrorCode::NotFound))
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
