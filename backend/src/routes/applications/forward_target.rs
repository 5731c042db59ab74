use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use shared::{application::ForwardTarget, workflow::Action, ErrorCode};

use super::batch::{check_ids, locale_of, refuse, refused_response};
use crate::{
    applications::{access, permission, route, rows::AppRow},
    auth::{AuthState, AuthUser},
    db::{schema::applications, Db},
    error::ApiError,
};
use diesel::prelude::*;

/// The applications asked about.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ForwardTargetQuery {
    /// Comma-separated application ids (1 to 200), e.g. `12,15`; a repeated id counts once.
    #[param(pattern = r"^[1-9][0-9]{0,17}(,[1-9][0-9]{0,17}){0,199}$")]
    pub ids: String,
}

/// Where 审核通过 (`superior_approve`) of these applications goes from the caller's unit, told
/// before acting (the approval dialog, one application or a batch): `may_assign` when the
/// caller's unit is an HRSS, the `committees` it may assign every one of them to today, and
/// `forward_to`, the unit an approval without a committee forwards them to (none at the top:
/// the provincial HRSS must assign). Every application must be one the caller may approve now;
/// the refusals are those of the batch action.
#[utoipa::path(
    tag = "applications",
    params(ForwardTargetQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The route", body = ForwardTarget),
        (status = 403, description = "`forbidden`: an application is not the caller's to approve", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: an application does not exist or is not visible", body = shared::ErrorBody),
        (status = 409, description = "`batch_not_applied`: some applications cannot be approved now (each one's verdict in `results`)", body = shared::application::BatchRefusal),
        (status = 422, description = "`validation_failed`: `ids` empty, malformed or more than 200", body = shared::ErrorBody),
    )
)]
#[get("/v1/applications/forward-target")]
pub async fn forward_target(
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<ForwardTargetQuery>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let mut ids = query
        .ids
        .split(',')
        .map(|p| p.trim().parse::<i64>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| {
            ApiError::validation(
                "ids",
                "须为以逗号分隔的申报编号",
                "must be comma-separated application ids",
            )
        })?;
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    check_ids(&ids, "ids")?;
    let locale = locale_of(&req);
    let today = crate::calendar::today(auth.clock.now());
    let answer = db
        .run(move |conn| {
            let mut rows = Vec::with_capacity(ids.len());
            let mut failures = Vec::new();
            for &id in &ids {
                let found = applications::table
                    .find(id)
                    .select(AppRow::as_select())
                    .first(conn)
                    .optional()?;
                let Some(row) = found else {
                    failures.push((id, ApiError::new(ErrorCode::NotFound)));
                    continue;
                };
                let app = row.access();
                if !access::sees(conn, &user, &app)? {
                    failures.push((id, ApiError::new(ErrorCode::NotFound)));
                    continue;
                }
                let facts = permission::facts_of(conn, &user, &app)?;
                match permission::authorize(&user, &app, &facts, Action::SuperiorApprove) {
                    Ok(()) => rows.push(row),
                    Err(e) => failures.push((id, e)),
                }
            }
            if !failures.is_empty() {
                return refuse(conn, &ids, failures, locale).map(Err);
            }
            // Every row is held by the caller's unit (the authoriser checked it).
            route::forward_target(conn, user.unit_id, &rows, today).map(Ok)
        })
        .await?;
    match answer {
        Ok(target) => Ok(HttpResponse::Ok().json(target)),
        Err(refused) => refused_response(refused),
    }
}
