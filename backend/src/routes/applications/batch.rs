use actix_web::{post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use shared::{
    application::{
        ActionRequest, BatchActionRequest, BatchActionResponse, BatchItemResult, BatchRefusal,
    },
    ErrorCode, Locale,
};

use crate::{
    applications::write,
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::{schema::applications, Db, DbConnection},
    error::ApiError,
    routes::auth::client_ip,
};

/// Most items in one batch.
pub const MAX_ITEMS: usize = 200;

/// The locale of the request's `Accept-Language`.
pub fn locale_of(req: &HttpRequest) -> Locale {
    req.headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Locale::ZhCn, Locale::negotiate)
}

/// 1..=200 distinct ids.
pub fn check_ids(ids: &[i64], field: &str) -> Result<(), ApiError> {
    if ids.is_empty() || ids.len() > MAX_ITEMS {
        return Err(ApiError::validation(
            field,
            "须选择 1 至 200 条申报",
            "must hold 1 to 200 items",
        ));
    }
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted.len() != ids.len() {
        return Err(ApiError::validation(
            field,
            "同一申报不能重复出现",
            "must not repeat an application",
        ));
    }
    Ok(())
}

/// A batch that cannot be applied whole: either one error answered as is, or the 409
/// `batch_not_applied` with every item's verdict.
pub enum Refused {
    /// 404 (an item not visible), 403 (an item not the caller's to act on), or the one error
    /// every item shares (a missing handler, a single stale item).
    Error(ApiError),
    /// Items failed for different reasons, or some would have passed.
    NotApplied(BatchRefusal),
}

/// How the failures of a batch are answered. Order: any item not visible → 404 naming it; any
/// item the caller may not act on → 403; every item failed with the same error → that error;
/// otherwise 409 `batch_not_applied` naming each failed application (by applicant name and id)
/// and its reason.
pub fn refuse(
    conn: &mut DbConnection,
    ids: &[i64],
    mut failures: Vec<(i64, ApiError)>,
    locale: Locale,
) -> Result<Refused, ApiError> {
    if let Some((id, _)) = failures
        .iter()
        .find(|(_, e)| e.code() == ErrorCode::NotFound)
    {
        return Ok(Refused::Error(ApiError::with_text(
            ErrorCode::NotFound,
            format!("申报 #{id} 不存在或无权查看，全部未处理"),
            format!("Application #{id} does not exist or is not visible; none was changed"),
        )));
    }
    if let Some(i) = failures
        .iter()
        .position(|(_, e)| e.code() == ErrorCode::Forbidden)
    {
        return Ok(Refused::Error(failures.swap_remove(i).1));
    }
    let same = failures.len() == ids.len()
        && failures.windows(2).all(|w| {
            w[0].1.code() == w[1].1.code()
                && w[0].1.field() == w[1].1.field()
                && w[0].1.message(Locale::ZhCn) == w[1].1.message(Locale::ZhCn)
        });
    if same {
        if let Some((_, e)) = failures.into_iter().next() {
            return Ok(Refused::Error(e));
        }
        return Err(ApiError::internal(anyhow::anyhow!(
            "a refusal without failures"
        )));
    }
    let failed: Vec<i64> = failures.iter().map(|(id, _)| *id).collect();
    let names: Vec<(i64, String)> = applications::table
        .filter(applications::id.eq_any(&failed))
        .select((applications::id, applications::name))
        .load(conn)?;
    let name_of = |id: i64| {
        names
            .iter()
            .find(|(i, _)| *i == id)
            .map_or_else(String::new, |(_, n)| n.clone())
    };
    let reasons: Vec<String> = failures
        .iter()
        .map(|(id, e)| match locale {
            Locale::ZhCn => format!("{}（#{id}）：{}", name_of(*id), e.message(locale)),
            Locale::En => format!("{} (#{id}): {}", name_of(*id), e.message(locale)),
        })
        .collect();
    let message = match locale {
        Locale::ZhCn => format!(
            "以下 {} 条申报不能执行此操作，全部 {} 条均未处理：{}",
            failures.len(),
            ids.len(),
            reasons.join("；")
        ),
        Locale::En => format!(
            "{} of {} applications cannot take this action, so none was changed: {}",
            failures.len(),
            ids.len(),
            reasons.join("; ")
        ),
    };
    let results = ids
        .iter()
        .map(|id| match failures.iter().find(|(f, _)| f == id) {
            Some((_, e)) => BatchItemResult {
                id: *id,
                ok: false,
                stage: None,
                version: None,
                code: Some(e.code()),
                message: Some(e.message(locale).to_owned()),
            },
            None => BatchItemResult {
                id: *id,
                ok: true,
                stage: None,
                version: None,
                code: None,
                message: None,
            },
        })
        .collect();
    Ok(Refused::NotApplied(BatchRefusal {
        code: ErrorCode::BatchNotApplied,
        message,
        results,
    }))
}

/// The answer of a refused batch.
pub fn refused_response(refused: Refused) -> Result<HttpResponse, ApiError> {
    match refused {
        Refused::Error(e) => Err(e),
        Refused::NotApplied(body) => {
            let mut res = HttpResponse::Conflict()
                .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
                .json(body);
            res.extensions_mut().insert(crate::http::errors::Enveloped);
            Ok(res)
        }
    }
}

/// One action on many applications (recommend many, approve many), all or nothing. Every item
/// takes the same opinion and fields — the handler, the unit's proofs, the committee (own
/// committee on `recommend`, assigned on `superior_approve`) — with the same checks as the
/// single action, in one transaction: if one item cannot take it, none changes.
#[utoipa::path(
    tag = "applications",
    request_body = BatchActionRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every item took the action (`failed` is 0)", body = BatchActionResponse),
        (status = 403, description = "`forbidden`: an item is not the caller's to act on; none changed", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: an item does not exist or is not visible; none changed", body = shared::ErrorBody),
        (status = 409, description = "`batch_not_applied`: some items cannot take the action (each item's verdict in `results`), none changed; or the one 409 every item shares", body = BatchRefusal),
        (status = 422, description = "`validation_failed`: no items, too many, duplicates, or a field every item refuses", body = shared::ErrorBody),
    )
)]
#[post("/v1/applications/actions")]
pub async fn batch_act(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<BatchActionRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let ids: Vec<i64> = body.items.iter().map(|i| i.id).collect();
    check_ids(&ids, "items")?;
    let locale = locale_of(&req);
    let actor = Actor::of(&user, client_ip(&req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            let mut results = Vec::with_capacity(body.items.len());
            let mut failures: Vec<(i64, ApiError)> = Vec::new();
            let applied = conn.write_transaction(|conn| {
                for item in &body.items {
                    let single = ActionRequest {
                        action: body.action,
                        version: item.version,
                        opinion: body.opinion.clone(),
                        fields: body.fields.clone(),
                    };
                    // A savepoint per item: a failed one is undone alone, so the others are
                    // still tried and every reason can be reported.
                    let outcome = conn.write_transaction(|conn| {
                        write::apply(conn, &user, item.id, &single, &actor, now)
                    });
                    match outcome {
                        Ok(row) => results.push(BatchItemResult {
                            id: item.id,
                            ok: true,
                            stage: Some(row.stage),
                            version: Some(row.version),
                            code: None,
                            message: None,
                        }),
                        Err(e)
                            if e.code() == ErrorCode::Internal
                                || e.code() == ErrorCode::DatabaseUnavailable =>
                        {
                            return Err(e);
                        }
                        Err(e) => failures.push((item.id, e)),
                    }
                }
                if failures.is_empty() {
                    Ok(())
                } else {
                    // Undoes every item.
                    Err(ApiError::new(ErrorCode::BatchNotApplied))
                }
            });
            match applied {
                Ok(()) => {
                    let succeeded = results.len() as u32;
                    Ok(Ok(BatchActionResponse {
                        succeeded,
                        failed: 0,
                        results,
                    }))
                }
                Err(e) if e.code() == ErrorCode::BatchNotApplied && !failures.is_empty() => {
                    refuse(conn, &ids, failures, locale).map(Err)
                }
                Err(e) => Err(e),
            }
        })
        .await?;
    match answer {
        Ok(response) => Ok(HttpResponse::Ok().json(response)),
        Err(refused) => refused_response(refused),
    }
}
