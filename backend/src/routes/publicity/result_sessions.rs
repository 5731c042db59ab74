use actix_web::{get, web, HttpResponse};
use shared::{publicity::ResultSession, Module};

use crate::{
    auth::AuthUser,
    db::Db,
    error::ApiError,
    publicity::{self, result_session, Caller},
};

/// The tallied sessions whose passed applicants the caller's unit may publicise (评审结果公示,
/// manual §6.2.10.9): sessions of committees the unit organises, tallied, with passed
/// applications in no batch yet. The creation dialog of a `result` batch offers these.
#[utoipa::path(
    tag = "publicity",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The sessions, newest first", body = Vec<ResultSession>),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `title.online.result_publicity` (unit-side)", body = shared::ErrorBody),
    )
)]
#[get("/v1/publicity-batches/result-sessions")]
pub async fn result_sessions(user: AuthUser, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    user.require(Module::ResultPublicity)?;
    let answer = db
        .run(move |conn| {
            match publicity::caller(conn, &user)? {
                Caller::Unit => {}
                Caller::Reviewer(_) => {
                    return Err(ApiError::new(shared::ErrorCode::Forbidden));
                }
            }
            result_session::choosable(conn, &user)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
