use actix_web::{post, web, HttpRequest, HttpResponse};
use serde_json::json;
use shared::committees::{
    CreatePolicyReviewersRequest, CreatedPolicyReviewer, CreatedPolicyReviewers,
};

use crate::{
    audit::{self, Actor, Event},
    auth::{password, AuthState, AuthUser},
    committees::reviewers,
    db::Db,
    error::ApiError,
    routes::auth::client_ip,
};

/// Creates `count` policy-review accounts (政策性审查账号) of a committee the caller's unit
/// organises, which must hold an approved filing in force. Usernames are generated
/// (`pr<committee>_<year>_<seq>`); each account gets its own random initial password, returned
/// here once and to be changed at first sign-in.
#[utoipa::path(
    tag = "committees",
    request_body = CreatePolicyReviewersRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created; the passwords are never shown again", body = CreatedPolicyReviewers),
        (status = 403, description = "`forbidden`: needs `title.accounts.personal_accounts`; only the organising unit creates them", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such committee in the caller's sight", body = shared::ErrorBody),
        (status = 422, description = "`no_review_authority`: the committee has no approved filing in force; `validation_failed`: count, year, series, specialties, name", body = shared::ErrorBody),
    )
)]
#[post("/v1/policy-reviewers")]
pub async fn create_policy_reviewers(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<CreatePolicyReviewersRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    reviewers::require_module(&user)?;
    let body = body.into_inner();
    if !(1..=50).contains(&body.count) {
        return Err(ApiError::validation("count", "须为 1-50", "must be 1-50"));
    }
    if !(2000..=2100).contains(&body.year) {
        return Err(ApiError::validation(
            "year",
            "须为 2000-2100",
            "must be 2000-2100",
        ));
    }
    let display_name = reviewers::check_display_name(&body.display_name)?;
    let now = auth.clock.now();
    let ip = client_ip(&req);
    // Check before paying for the hashes; checked again inside the transaction.
    let (check_user, check_body) = (user.clone(), body.clone());
    db.run(move |conn| {
        reviewers::check_create(conn, &check_user, &check_body, crate::calendar::today(now))
    })
    .await?;
    let count = usize::try_from(body.count).unwrap_or(1);
    let credentials = web::block(move || {
        (0..count)
            .map(|_| {
                let plain = reviewers::generate_password();
                password::hash(&plain).map(|hash| (plain, hash))
            })
            .collect::<Result<Vec<_>, ApiError>>()
    })
    .await
    .map_err(ApiError::internal)??;
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let (_, specialties) =
                    reviewers::check_create(conn, &user, &body, crate::calendar::today(now))?;
                let hashes: Vec<String> = credentials.iter().map(|(_, h)| h.clone()).collect();
                let ids = reviewers::create(
                    conn,
                    &user,
                    &body,
                    &display_name,
                    &specialties,
                    &hashes,
                    now,
                )?;
                let mut items = Vec::with_capacity(ids.len());
                for (id, (plain, _)) in ids.into_iter().zip(credentials) {
                    let reviewer = reviewers::load_dto(conn, id)?;
                    audit::append(
                        conn,
                        &Actor::of(&user, ip.clone()),
                        &Event {
                            action: "policy_reviewer.create",
                            target_type: "account",
                            target_id: Some(id.to_string()),
                            success: true,
                            before: None,
                            after: Some(json!(reviewer)),
                        },
                        now,
                    )?;
                    items.push(CreatedPolicyReviewer {
                        reviewer,
                        initial_password: plain,
                    });
                }
                Ok(CreatedPolicyReviewers { items })
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}
