use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;
use shared::{
    application::{Application, ApplicationInput},
    AccountKind, ErrorCode, Module,
};

use crate::{
    applications::{rows::AppRow, validate},
    audit::{self, Actor, Event},
    auth::{AuthState, AuthUser},
    db::{
        schema::{accounts, applications, units},
        Db, DbConnection,
    },
    error::ApiError,
    routes::auth::client_ip,
};

/// The applicant account an application is created for.
pub struct Applicant {
    pub id: i64,
    pub unit_id: i64,
}

/// Inserts a draft for `applicant` (checked content, one live application per year and
/// qualification) and audits it as `user`'s act. `started_by_unit` marks a draft the employer
/// started for the applicant.
pub fn insert_draft(
    conn: &mut DbConnection,
    user: &AuthUser,
    applicant: &Applicant,
    input: &ApplicationInput,
    started_by_unit: bool,
    ip: Option<String>,
    now: NaiveDateTime,
) -> Result<i64, ApiError> {
    let own_id: Option<String> = accounts::table
        .find(applicant.id)
        .select(accounts::id_number)
        .first(conn)?;
    let v = validate::check(input, own_id.as_deref(), crate::calendar::today(now))?;
    let employer_path: String = units::table
        .find(applicant.unit_id)
        .select(units::path)
        .first(conn)?;
    let live: i64 = applications::table
        .filter(applications::applicant_id.eq(applicant.id))
        .filter(applications::year.eq(input.year))
        .filter(applications::qualification.eq(&v.qualification))
        .filter(applications::stage.ne("voided"))
        .count()
        .get_result(conn)?;
    if live > 0 {
        return Err(ApiError::with_text(
            ErrorCode::AlreadyExists,
            "同一年度同一任职资格只能有一个进行中的申报",
            "There is already a live application for this year and qualification",
        ));
    }
    let id: i64 = diesel::insert_into(applications::table)
        .values((
            (
                applications::applicant_id.eq(applicant.id),
                applications::employer_id.eq(applicant.unit_id),
                applications::employer_path.eq(&employer_path),
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
            ),
            (
                applications::current_title.eq(&v.current_title),
                applications::current_title_date.eq(v.current_title_date),
                applications::years_of_service.eq(input.years_of_service),
                applications::achievements.eq(&v.achievements),
                applications::phone.eq(&v.phone),
                applications::stage.eq("draft"),
                applications::stage_entered_at.eq(Some(now)),
                applications::holder_unit_id.eq(applicant.unit_id),
                applications::resubmission.eq(false),
                applications::version.eq(1_i64),
                applications::created_at.eq(now),
                applications::updated_at.eq(now),
                applications::started_by_unit.eq(started_by_unit),
            ),
        ))
        .returning(applications::id)
        .get_result(conn)?;
    audit::append(
        conn,
        &Actor::of(user, ip),
        &Event {
            action: if started_by_unit {
                "application.create_for_applicant"
            } else {
                "application.create"
            },
            target_type: "application",
            target_id: Some(id.to_string()),
            success: true,
            before: None,
            after: Some(json!({
                "applicant_id": applicant.id,
                "started_by_unit": started_by_unit,
                "year": input.year,
                "series": input.series.as_str(),
                "level": input.level.as_str(),
                "qualification": v.qualification,
                "specialty": v.specialty,
            })),
        },
        now,
    )?;
    Ok(id)
}

/// The applicant creates a draft. The employer is the applicant account's unit; the ID number
/// must be the account holder's own; one live application per year and qualification.
#[utoipa::path(
    tag = "applications",
    request_body = ApplicationInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Draft created", body = Application),
        (status = 403, description = "`forbidden`: only applicants (`title.review.my_applications`)", body = shared::ErrorBody),
        (status = 409, description = "`already_exists`: a live application for this year and qualification exists", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed` naming the field", body = shared::ErrorBody),
    )
)]
#[post("/v1/applications")]
pub async fn create_application(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<ApplicationInput>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::MyApplications)?;
    if user.kind != AccountKind::Applicant {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    let input = body.into_inner();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let applicant = Applicant {
                    id: user.id,
                    unit_id: user.unit_id,
                };
                let id = insert_draft(conn, &user, &applicant, &input, false, ip, now)?;
                AppRow::load(conn, id)?.into_dto(conn, &user)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(answer))
}
