use actix_web::{post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use shared::{
    application::{Application, CreateForApplicantRequest},
    AccountKind, ErrorCode, Module,
};

use super::create::{insert_draft, Applicant};
use crate::{
    applications::rows::AppRow,
    auth::{AuthState, AuthUser},
    db::{schema::accounts, Db},
    error::ApiError,
    routes::auth::client_ip,
};

/// The employer starts an application for a person (由单位发起, manual §6.2): a unit-side
/// account holding 单位内部核验 (`title.review.unit_verification`) fills a draft for an enabled
/// applicant account of its own unit. The draft is marked `started_by_unit`; the applicant sees
/// it and edits and submits it as any draft; until it is submitted only the applicant and the
/// employer see it.
#[utoipa::path(
    tag = "applications",
    request_body = CreateForApplicantRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Draft created for the applicant", body = Application),
        (status = 403, description = "`forbidden`: not a unit-side account with `title.review.unit_verification`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no enabled applicant account with this id in the caller's unit", body = shared::ErrorBody),
        (status = 409, description = "`already_exists`: a live application for this year and qualification exists", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed` naming the field", body = shared::ErrorBody),
    )
)]
#[post("/v1/applications/for-applicant")]
pub async fn create_for_applicant(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<CreateForApplicantRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::UnitVerification)?;
    if !matches!(
        user.kind,
        AccountKind::Unit | AccountKind::UnitAdmin | AccountKind::Handler
    ) {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    let body = body.into_inner();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let found: Option<i64> = accounts::table
                    .find(body.applicant_id)
                    .filter(accounts::kind.eq(AccountKind::Applicant.as_str()))
                    .filter(accounts::unit_id.eq(user.unit_id))
                    .filter(accounts::enabled.eq(true))
                    .select(accounts::unit_id)
                    .first(conn)
                    .optional()?;
                let unit_id = found.ok_or_else(|| {
                    ApiError::with_text(
                        ErrorCode::NotFound,
                        "本单位没有该申报人账号（或已停用）",
                        "No enabled applicant account with this id in your unit",
                    )
                })?;
                let applicant = Applicant {
                    id: body.applicant_id,
                    unit_id,
                };
                let id = insert_draft(conn, &user, &applicant, &body.application, true, ip, now)?;
                AppRow::load(conn, id)?.into_dto(conn, &user)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}
