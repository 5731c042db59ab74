use actix_web::{put, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde_json::json;
use shared::{
    application::{Application, UpdateApplicationRequest},
    AccountKind, ErrorCode, Module,
};

use crate::{
    applications::{access, rows::AppRow, validate},
    audit::{self, Actor, Event},
    auth::{AuthState, AuthUser},
    db::{
        schema::{accounts, applications},
        Db,
    },
    error::ApiError,
    routes::auth::client_ip,
};

/// The applicant edits the content while the application is a draft, returned, or waiting for
/// the supplement after a failed policy review. The employer that started a draft for the
/// applicant (`started_by_unit`) may edit it too until it is first submitted.
#[utoipa::path(
    tag = "applications",
    params(("id" = i64, Path, description = "Application id")),
    request_body = UpdateApplicationRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved", body = Application),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`version_conflict`; `invalid_transition`: not editable in this stage; `already_exists`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed` naming the field", body = shared::ErrorBody),
    )
)]
#[put("/v1/applications/{id:[0-9]+}")]
pub async fn update_application(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<UpdateApplicationRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let as_applicant = user.kind == AccountKind::Applicant;
    if as_applicant {
        user.require(Module::MyApplications)?;
    } else {
        // The employer may keep filling a draft it started until it is first submitted.
        user.require(Module::UnitVerification)?;
    }
    let id = path.into_inner();
    let body = body.into_inner();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                access::require_visible(conn, &user, id)?;
                let row = AppRow::load(conn, id)?;
                let unit_may_edit = row.started_by_unit
                    && row.submitted_at.is_none()
                    && row.employer_id == user.unit_id
                    && row.stage == shared::workflow::Stage::Draft;
                if !(as_applicant || unit_may_edit) {
                    return Err(ApiError::with_text(
                        ErrorCode::Forbidden,
                        "单位只能修改本单位发起、尚未提交的申报草稿",
                        "A unit may only edit a draft it started that has never been submitted",
                    ));
                }
                if body.version != row.version {
                    return Err(ApiError::new(ErrorCode::VersionConflict));
                }
                if !row.stage.is_editable() {
                    return Err(ApiError::with_text(
                        ErrorCode::InvalidTransition,
                        "申报已提交，当前环节不能修改",
                        "The application cannot be edited in its current stage",
                    ));
                }
                let input = body.application;
                if row.resubmission
                    && (input.year != row.year
                        || input.series != row.series
                        || input.level != row.level)
                {
                    return Err(ApiError::validation(
                        "series",
                        "补充材料时不能更改年度、系列或级别",
                        "cannot change year, series or level when supplementing",
                    ));
                }
                let own_id: Option<String> = accounts::table
                    .find(row.applicant_id)
                    .select(accounts::id_number)
                    .first(conn)?;
                let v = validate::check(&input, own_id.as_deref(), crate::calendar::today(now))?;
                let clash: i64 = applications::table
                    .filter(applications::applicant_id.eq(row.applicant_id))
                    .filter(applications::year.eq(input.year))
                    .filter(applications::qualification.eq(&v.qualification))
                    .filter(applications::stage.ne("voided"))
                    .filter(applications::id.ne(id))
                    .count()
                    .get_result(conn)?;
                if clash > 0 {
                    return Err(ApiError::with_text(
                        ErrorCode::AlreadyExists,
                        "同一年度同一任职资格只能有一个进行中的申报",
                        "There is already a live application for this year and qualification",
                    ));
                }
                let updated = diesel::update(
                    applications::table
                        .find(id)
                        .filter(applications::version.eq(row.version)),
                )
                .set((
                    applications::year.eq(input.year),
                    applications::series.eq(input.series.as_str()),
                    applications::specialty.eq(&v.specialty),
                    applications::level.eq(input.level.as_str()),
                    applications::qualification.eq(&v.qualification),
                    applications::declaration_type.eq(input.declaration_type.as_str()),
                    applications::name.eq(&v.name),
                    applications::id_number.eq(crate::pii::Pii::new(&v.id_number)),
                    applications::gender.eq(input.gender.as_str()),
                    applications::birth_date.eq(v.birth_date),
                    applications::education.eq(input.education.as_str()),
                    applications::current_title.eq(&v.current_title),
                    applications::current_title_date.eq(v.current_title_date),
                    applications::years_of_service.eq(input.years_of_service),
                    applications::achievements.eq(&v.achievements),
                    applications::phone.eq(&v.phone),
                    applications::version.eq(row.version + 1),
                    applications::updated_at.eq(now),
                ))
                .execute(conn)?;
                if updated != 1 {
                    return Err(ApiError::new(ErrorCode::VersionConflict));
                }
                audit::append(
                    conn,
                    &Actor::of(&user, ip),
                    &Event {
                        action: "application.update",
                        target_type: "application",
                        target_id: Some(id.to_string()),
                        success: true,
                        before: Some(json!({
                            "version": row.version,
                            "specialty": row.specialty,
                            "qualification": row.qualification,
                        })),
                        after: Some(json!({
                            "version": row.version + 1,
                            "specialty": v.specialty,
                            "qualification": v.qualification,
                        })),
                    },
                    now,
                )?;
                AppRow::load(conn, id)?.into_dto(conn, &user)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
