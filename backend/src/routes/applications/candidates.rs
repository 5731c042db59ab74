use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::{application::ApplicantCandidate, AccountKind, ErrorCode, Module};

use crate::{
    auth::AuthUser,
    db::{schema::accounts, Db, DbBackend},
    error::ApiError,
};

/// The search of the candidates.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct CandidateQuery {
    /// Part of the name, or a whole username (an applicant's is its ID number; up to 50
    /// characters); all when absent.
    pub q: Option<String>,
}

/// `(id, username, display_name, id_number, phone)` of an account.
type CandidateRow = (i64, String, String, Option<String>, Option<String>);

/// At most this many candidates are answered; refine `q` for more.
pub const MAX_CANDIDATES: i64 = 50;

/// The applicant accounts a unit may start an application for (由单位发起, manual §6.2): the
/// enabled applicant accounts of the caller's own unit, by name. Same standing as
/// `POST /api/v1/applications/for-applicant`.
#[utoipa::path(
    tag = "applications",
    params(CandidateQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Up to 50 accounts, by name", body = Vec<ApplicantCandidate>),
        (status = 400, description = "`bad_request`: `q` is too long", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: not a unit-side account with `title.review.unit_verification`", body = shared::ErrorBody),
    )
)]
#[get("/v1/applications/for-applicant/candidates")]
pub async fn for_applicant_candidates(
    user: AuthUser,
    query: web::Query<CandidateQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::UnitVerification)?;
    if !matches!(
        user.kind,
        AccountKind::Unit | AccountKind::UnitAdmin | AccountKind::Handler
    ) {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    let q = query
        .into_inner()
        .q
        .map(|q| q.trim().to_owned())
        .filter(|q| !q.is_empty());
    if q.as_ref().is_some_and(|q| q.chars().count() > 50) {
        return Err(
            ApiError::with_text(ErrorCode::BadRequest, "查询内容过长", "q is too long")
                .at_field("q"),
        );
    }
    let answer = db
        .run(move |conn| {
            let mut query = accounts::table
                .filter(accounts::kind.eq(AccountKind::Applicant.as_str()))
                .filter(accounts::unit_id.eq(user.unit_id))
                .filter(accounts::enabled.eq(true))
                .into_boxed::<DbBackend>();
            if let Some(q) = &q {
                let pattern = crate::db::like_contains(q);
                query = query.filter(
                    accounts::display_name
                        .like(pattern.clone())
                        .escape('\\')
                        .or(accounts::username.eq(crate::login_names::name(q))),
                );
            }
            let rows: Vec<CandidateRow> = query
                .order((accounts::display_name.asc(), accounts::id.asc()))
                .limit(MAX_CANDIDATES)
                .select((
                    accounts::id,
                    accounts::username,
                    accounts::display_name,
                    accounts::id_number,
                    accounts::phone,
                ))
                .load(conn)?;
            Ok::<_, ApiError>(
                rows.into_iter()
                    .map(
                        |(id, username, display_name, id_number, phone)| ApplicantCandidate {
                            id,
                            username: crate::login_names::shown(&username, id_number.as_deref()),
                            display_name,
                            id_number,
                            phone,
                        },
                    )
                    .collect::<Vec<_>>(),
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
