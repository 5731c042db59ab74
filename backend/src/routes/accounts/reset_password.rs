use actix_web::{post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use shared::ErrorCode;

use crate::{
    audit::Actor,
    auth::{password, AuthState, AuthUser},
    db::{
        schema::{accounts, refresh_tokens, units},
        Db, DbConnection,
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
#[post("/v1/accounts/{id:[0-9]+}/reset-password")]
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
                let load = |conn: &mut DbConnection| -> Result<shared::org::Account, ApiError> {
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
                // The request carries no version: the one read here guards the update. The
                // snapshots never hold the hash; the after-image shows the forced change.
                let change = Change {
                    kind: Kind::Account,
                    id,
                    read_version: before.version,
                    action: "account.reset_password",
                    actor: &actor,
                    now,
                };
                change.apply(
                    conn,
                    load,
                    |conn, guard| {
                        Ok(guarded_update!(
                            conn,
                            accounts,
                            guard,
                            (
                                accounts::password_hash.eq(&hash),
                                accounts::must_change_password.eq(true),
                                accounts::failed_attempts.eq(0),
                                accounts::locked_until.eq(None::<chrono::NaiveDateTime>),
                                accounts::token_version.eq(accounts::token_version + 1),
                                accounts::updated_at.eq(now),
                            )
                        )?)
                    },
                    |conn| {
                        diesel::update(
                            refresh_tokens::table
                                .filter(refresh_tokens::account_id.eq(id))
                                .filter(refresh_tokens::revoked_at.is_null()),
                        )
                        .set(refresh_tokens::revoked_at.eq(now))
                        .execute(conn)?;
                        crate::notices::write(
                            conn,
                            &[crate::notices::New {
                                to: crate::notices::To::Account(id),
                                kind: shared::notices::NoticeKind::PasswordReset,
                                object: shared::notices::NoticeObject::Account,
                                object_id: id,
                                params: shared::notices::NoticeParams::default(),
                            }],
                            now,
                        )?;
                        Ok(serde_json::Map::from_iter([(
                            "sessions_revoked".to_owned(),
                            serde_json::Value::Bool(true),
                        )]))
                    },
                )
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
