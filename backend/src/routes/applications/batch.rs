use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::{
    application::{ActionRequest, BatchActionRequest, BatchActionResponse, BatchItemResult},
    Locale,
};

use crate::{
    applications::write,
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    routes::auth::client_ip,
};

/// Most items in one batch.
const MAX_ITEMS: usize = 200;

/// One action on many applications (recommend many, approve many). Each item is applied in its
/// own transaction with the same checks as the single action; the answer reports each item.
#[utoipa::path(
    tag = "applications",
    request_body = BatchActionRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Per-item results", body = BatchActionResponse),
        (status = 422, description = "`validation_failed`: no items, too many, or duplicates", body = shared::ErrorBody),
    )
)]
#[post("/v1/applications/actions")]
pub async fn batch_act(
    req: HttpRequest,
    user: AuthUser,
    body: web::Json<BatchActionRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    if body.items.is_empty() || body.items.len() > MAX_ITEMS {
        return Err(ApiError::validation(
            "items",
            "须选择 1 至 200 条申报",
            "must hold 1 to 200 items",
        ));
    }
    let mut ids: Vec<i64> = body.items.iter().map(|i| i.id).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() != body.items.len() {
        return Err(ApiError::validation(
            "items",
            "同一申报不能重复出现",
            "must not repeat an application",
        ));
    }
    let locale = req
        .headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Locale::ZhCn, Locale::negotiate);
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            let mut results = Vec::with_capacity(body.items.len());
            for item in &body.items {
                let single = ActionRequest {
                    action: body.action,
                    version: item.version,
                    opinion: body.opinion.clone(),
                    fields: body.fields.clone(),
                };
                let outcome = conn.write_transaction(|conn| {
                    write::apply(conn, &user, item.id, &single, &actor, now)
                });
                results.push(match outcome {
                    Ok(row) => BatchItemResult {
                        id: item.id,
                        ok: true,
                        stage: Some(row.stage),
                        version: Some(row.version),
                        code: None,
                        message: None,
                    },
                    Err(e)
                        if e.code() == shared::ErrorCode::Internal
                            || e.code() == shared::ErrorCode::DatabaseUnavailable =>
                    {
                        return Err(e)
                    }
                    Err(e) => BatchItemResult {
                        id: item.id,
                        ok: false,
                        stage: None,
                        version: None,
                        code: Some(e.code()),
                        message: Some(e.message(locale).to_owned()),
                    },
                });
            }
            let succeeded = results.iter().filter(|r| r.ok).count() as u32;
            Ok(BatchActionResponse {
                succeeded,
                failed: results.len() as u32 - succeeded,
                results,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
