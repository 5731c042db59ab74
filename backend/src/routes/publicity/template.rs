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
        self, deadlines,
        template::{self, FailureFacts},
        Caller,
    },
};

/// The facts the template cannot know.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct TemplateQuery {
    /// `YYYY-MM-DD`.
    #[param(format = Date)]
    pub period_start: String,
    /// `YYYY-MM-DD`.
    #[param(format = Date)]
    pub period_end: String,
    /// `YYYY-MM-DD`, after `period_end`; 5 working days after it when omitted.
    #[param(format = Date)]
    pub supplement_deadline: Option<String>,
    /// `YYYY-MM-DD`, after `period_end`; the online deadline when omitted.
    #[param(format = Date)]
    pub paper_deadline: Option<String>,
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
        (status = 422, description = "`validation_failed`: a date is malformed, the period is reversed, a deadline is not after the period, the phone is malformed", body = shared::ErrorBody),
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
    let answer = db
        .run(move |conn| {
            let Caller::Reviewer(scope) = publicity::caller(conn, &user)? else {
                return Err(ApiError::new(ErrorCode::Forbidden));
            };
            let (unit, unit_phone) = FailureFacts::of_scope(conn, &scope)?;
            let given = deadlines::Given {
                supplement: q.supplement_deadline.as_deref(),
                paper: q.paper_deadline.as_deref(),
                address: q.address.as_deref().filter(|a| !a.trim().is_empty()),
                phone: q.phone.as_deref().filter(|p| !p.trim().is_empty()),
            };
            let d = deadlines::resolve(conn, end, &given, None, (&unit, &unit_phone))?;
            Ok(template::failure(&FailureFacts {
                unit,
                year: scope.year,
                series: Series::parse(&scope.series),
                levels: q.level.into_iter().collect(),
                period_start: start,
                period_end: end,
                supplement_deadline: d.supplement,
                paper_deadline: d.paper,
                address: Some(d.address),
                phone: d.phone,
            }))
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
