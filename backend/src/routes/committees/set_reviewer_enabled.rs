use actix_web::{post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use shared::committees::SetEnabledRequest;

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    committees::reviewers,
    db::{
        schema::{accounts, refresh_tokens},
        Db,
    },
    error::ApiError,
    guarded_update,
    routes::auth::client_ip,
    versioned::{Change, Kind},
};

/// Enables or disables a policy-review account, at any time (e.g. a reviewer who did not come
/// to the review session). Disabling ends every session of the account at once. Accounts are
/// never deleted.
#[utoipa::path(
    tag = "committees",
    params(("account_id" = i64, Path, description = "Account id")),
    request_body = SetEnabledRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Done", body = shared::committees::PolicyReviewer),
        (status = 403, description = "`forbidden`: needs `title.accounts.personal_accounts` in the organising unit", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such policy-review account in the caller's sight", body = shared::ErrorBody),
    )
)]
#[post("/v1/policy-reviewers/{account_id:[0-9]+}/enabled")]
pub async fn set_policy_reviewer_enabled(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<SetEnabledRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    reviewers::require_module(&user)?;
    let id = path.into_inner();
    let enabled = body.into_inner().enabled;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let (_, relation) = reviewers::visible_scope(conn, &user, id)?;
                reviewers::require_own(relation)?;
                let before = reviewers::load_dto(conn, id)?;
                let actor = Actor::of(&user, ip);
                // The request carries no version: the one read here guards the update.
                let change = Change {
                    kind: Kind::Account,
                    id,
                    read_version: before.version,
                    action: if enabled {
                        "policy_reviewer.enable"
                    } else {
                        "policy_reviewer.disable"
                    },
                    actor: &actor,
                    now,
                };
                change.apply(
                    conn,
                    |conn| reviewers::load_dto(conn, id),
                    |conn, guard| {
                        Ok(guarded_update!(
                            conn,
                            accounts,
                            guard,
                            (accounts::enabled.eq(enabled), accounts::updated_at.eq(now))
                        )?)
                    },
                    |conn| {
                        if before.enabled && !enabled {
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
                        Ok(serde_json::Map::new())
                    },
                )
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
