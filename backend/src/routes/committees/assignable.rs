use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use shared::{
    application::{Level, Series},
    committees::Committee,
    ErrorCode, Module,
};

use crate::{
    auth::{AuthState, AuthUser},
    committees::{self, authority},
    db::Db,
    error::ApiError,
};

/// What is to be assigned.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct AssignableQuery {
    /// Series of the application.
    pub series: Series,
    /// Level of the application.
    pub level: Level,
    /// Specialty of the application.
    pub specialty: String,
}

/// The committees the caller's HRSS may assign an application of this series, level and
/// specialty to today: organised in its subtree or by a unit above it, with an approved filing
/// in force that covers them. Sibling regions' committees are never offered. A short pick list,
/// not paginated.
#[utoipa::path(
    tag = "committees",
    params(AssignableQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The committees, by id", body = Vec<Committee>),
        (status = 400, description = "`bad_request`: series, level or specialty missing or malformed", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.review.superior_review` at an HRSS", body = shared::ErrorBody),
    )
)]
#[get("/v1/committees/assignable")]
pub async fn assignable_committees(
    user: AuthUser,
    query: web::Query<AssignableQuery>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    if !committees::is_unit_side(&user) {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    user.require(Module::SuperiorReview)?;
    let q = query.into_inner();
    let today = crate::calendar::today(auth.clock.now());
    let answer = db
        .run(move |conn| {
            if !committees::caller_is_hrss(conn, &user)? {
                return Err(ApiError::with_text(
                    ErrorCode::Forbidden,
                    "只有人社部门分配评委会",
                    "Only an HRSS assigns committees",
                ));
            }
            let rows = authority::assignable_committees(
                conn,
                &user.unit_path,
                q.series,
                q.level,
                q.specialty.trim(),
                today,
            )?;
            rows.iter()
                .map(|c| authority::to_dto(conn, c, today))
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
