use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use shared::{
    application::{Level, Series},
    publicity::PublicityTemplate,
    ErrorCode, Module,
};

use crate::{
    auth::AuthUser,
    calendar,
    db::Db,
    error::ApiError,
    publicity::{
        self,
        template::{self, FailureFacts},
        Caller,
    },
};

/// The facts the template cannot know.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct TemplateQuery {
    /// `YYYY-MM-DD`.
    pub period_start: String,
    /// `YYYY-MM-DD`.
    pub period_end: String,
    /// `YYYY-MM-DD`; 5 working days after `period_end` when omitted.
    pub supplement_deadline: Option<String>,
    /// The level publicised (XX 专业技术职务任职资格).
    pub level: Option<Level>,
    /// Where paper materials go (the committee unit's name when omitted).
    pub address: Option<String>,
    /// Contact phone (the committee unit's contact phone when omitted).
    pub phone: Option<String>,
}

/// The standard failure-publicity title and content (manual §6.2.8) with the caller's
/// committee unit, year and series filled in. Policy-review accounts only.
#[utoipa::path(
    tag = "publicity",
    params(TemplateQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The filled template", body = PublicityTemplate),
        (status = 400, description = "`bad_request`: a parameter is missing", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: not a policy-review account with `title.review.failure_publicity`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: a date is malformed or the period is reversed", body = shared::ErrorBody),
    )
)]
#[get("/v1/publicity-batches/failure-template")]
pub async fn failure_template(
    user: AuthUser,
    query: web::Query<TemplateQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::FailurePublicity)?;
    let q = query.into_inner();
    let start = calendar::parse_day("period_start", &q.period_start)?;
    let end = calendar::parse_day("period_end", &q.period_end)?;
    if end < start {
        return Err(ApiError::validation(
            "period_end",
            "公示结束日期不能早于开始日期",
            "must not be before period_start",
        ));
    }
    let deadline = q
        .supplement_deadline
        .as_deref()
        .map(|d| calendar::parse_day("supplement_deadline", d))
        .transpose()?;
    for (field, value) in [("address", &q.address), ("phone", &q.phone)] {
        if value.as_ref().is_some_and(|v| v.chars().count() > 200) {
            return Err(ApiError::validation(
                field,
                "不能超过 200 个字符",
                "must have at most 200 characters",
            ));
        }
    }
    let answer = db
        .run(move |conn| {
            let Caller::Reviewer(scope) = publicity::caller(conn, &user)? else {
                return Err(ApiError::new(ErrorCode::Forbidden));
            };
            let (unit, unit_phone) = FailureFacts::of_scope(conn, &scope)?;
            let supplement_deadline = match deadline {
                Some(d) => d,
                None => calendar::add_working_days(conn, end, 5)?,
            };
            Ok(template::failure(&FailureFacts {
                unit,
                year: scope.year,
                series: Series::parse(&scope.series),
                levels: q.level.into_iter().collect(),
                period_start: start,
                period_end: end,
                supplement_deadline,
                address: q.address.filter(|a| !a.trim().is_empty()),
                phone: q
                    .phone
                    .filter(|p| !p.trim().is_empty())
                    .unwrap_or(unit_phone),
            }))
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
