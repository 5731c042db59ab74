use actix_web::{patch, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use shared::{committees::UpdatePolicyReviewerRequest, ErrorCode};

use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    committees::{authority, reviewers},
    db::{
        schema::{accounts, policy_review_scopes},
        Db,
    },
    error::ApiError,
    guarded_update,
    routes::auth::client_ip,
    versioned::{Change, Kind},
};

/// Edits a policy-review account's name and specialties — only before its first policy-review
/// action (then 409 `conflict`). Only the committee's organising unit edits.
#[utoipa::path(
    tag = "committees",
    params(("account_id" = i64, Path, description = "Account id")),
    request_body = UpdatePolicyReviewerRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated", body = shared::committees::PolicyReviewer),
        (status = 403, description = "`forbidden`: needs `title.accounts.personal_accounts` in the organising unit", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such policy-review account in the caller's sight", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: already used in a policy review; `version_conflict`: stale `version`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: name or specialties", body = shared::ErrorBody),
    )
)]
#[patch("/v1/policy-reviewers/{account_id:[0-9]+}")]
pub async fn update_policy_reviewer(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<UpdatePolicyReviewerRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    reviewers::require_module(&user)?;
    let id = path.into_inner();
    let body = body.into_inner();
    let display_name = body
        .display_name
        .as_deref()
        .map(reviewers::check_display_name)
        .transpose()?;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let (scope, relation) = reviewers::visible_scope(conn, &user, id)?;
                reviewers::require_own(relation)?;
                if scope.first_used_at.is_some() {
                    return Err(ApiError::with_text(
                        ErrorCode::Conflict,
                        "已开始政策性审查，不能再修改",
                        "The account has started policy review and can no longer be edited",
                    ));
                }
                let before = reviewers::load_dto(conn, id)?;
                let actor = Actor::of(&user, ip);
                let change = Change {
                    kind: Kind::Account,
                    id,
                    // Without a version the one read here still guards the update.
                    read_version: body.version.unwrap_or(before.version),
                    action: "policy_reviewer.update",
                    actor: &actor,
                    now,
                };
                change.expect(before.version)?;
                let specialties = match &body.specialties {
                    Some(list) => {
                        let in_force = authority::filings_in_force(
                            conn,
                            scope.committee_id,
                            crate::calendar::today(now),
                        )?;
                        Some(match in_force.first() {
                            Some(filing) => reviewers::check_specialties(filing, list)?,
                            None => crate::committees::filings::clean_specialties(list)?,
                        })
                    }
                    None => None,
                };
                let name = display_name.unwrap_or(before.display_name);
                change.apply(
                    conn,
                    |conn| reviewers::load_dto(conn, id),
                    |conn, guard| {
                        Ok(guarded_update!(
                            conn,
                            accounts,
                            guard,
                            (
                                accounts::display_name.eq(name),
                                accounts::updated_at.eq(now)
                            )
                        )?)
                    },
                    |conn| {
                        if let Some(cleaned) = specialties {
                            diesel::update(policy_review_scopes::table.find(id))
                                .set(
                                    policy_review_scopes::specialties
                                        .eq(crate::committees::to_json(&cleaned)?),
                                )
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
