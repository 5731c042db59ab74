//! `/api/v1/vote-rules`: the thresholds of the committee vote (人社部令第40号: a meeting is
//! valid with at least 2/3 of the committee attending, an applicant passes with the agree
//! votes of at least 2/3 of the members attending), read and changed by the system
//! administrator like the session rules.

use actix_web::{get, put, web, HttpRequest, HttpResponse};
use shared::votes::VoteRules;

use crate::{
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    routes::admin_setting::{self, AdminSetting},
    votes,
};

impl AdminSetting for VoteRules {
    const KEY: &'static str = VoteRules::KEY;
    /// The audit action of a change.
    const ACTION: &'static str = "vote_rules.update";
    const NAME: (&'static str, &'static str) = ("表决规则", "the vote rules");

    fn validate(&self) -> Result<(), ApiError> {
        votes::validate_rules(self)
    }
}

/// The vote rules in force (2/3 and 2/3 until changed): the quorum `quorum_num/quorum_den` of
/// the committee and the pass mark `pass_num/pass_den` of the members attending.
#[utoipa::path(
    tag = "votes",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The rules in force", body = VoteRules),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: only the system administrator; `password_change_required`", body = shared::ErrorBody),
    )
)]
#[get("/v1/vote-rules")]
pub async fn get_vote_rules(user: AuthUser, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    admin_setting::read::<VoteRules>(&user, &db).await
}

/// Replaces the vote rules (the whole object; an unknown field is refused), audited
/// `vote_rules.update` with before and after. Each fraction must be above 0 and at most 1: a
/// denominator of 1–100 and a numerator of 1 to the denominator.
///
/// The next tally of any session applies the rules in force at that moment, also in a
/// committee vote already open. A session already tallied keeps the rules it was tallied
/// with: the tally stores them on the session (`review_sessions.vote_rules`), and its vote
/// sheet shows those, not these.
#[utoipa::path(
    tag = "votes",
    request_body = VoteRules,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The rules now in force", body = VoteRules),
        (status = 400, description = "`malformed_json`", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: only the system administrator; `password_change_required`", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = shared::ErrorBody),
        (status = 422, description = "`invalid_body`: a field missing, unknown or mistyped; `validation_failed`: a denominator outside 1–100 or a numerator outside 1–its denominator (the field named)", body = shared::ErrorBody),
    )
)]
#[put("/v1/vote-rules")]
pub async fn put_vote_rules(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<VoteRules>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    admin_setting::replace(&req, user, body.into_inner(), &db, &auth).await
}
