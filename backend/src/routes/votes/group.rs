use actix_web::{get, post, web, HttpRequest, HttpResponse};
use shared::{
    sessions::VersionOnly,
    votes::{CastAnswer, GroupVote, VoteRequest},
    AccountKind, ErrorCode, Module,
};

use super::UNIT_VOTES;
use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::{Db, DbConnection},
    error::ApiError,
    online::{self, access, GroupRow, SessionExpertRow, SessionRow},
    routes::auth::client_ip,
    votes::group,
};

/// The caller as a serving expert of group `id` (holding `title.review.group_vote`): 403
/// without the module, 404 when not of the group.
fn expert_of_group(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<(SessionRow, GroupRow, SessionExpertRow), ApiError> {
    access::require_expert_module(user, Module::GroupVote)?;
    let group = online::group(conn, id)?;
    let place = access::my_place(conn, user, group.session_id)?
        .filter(|p| p.group_id == Some(group.id))
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let session = online::session(conn, group.session_id)?;
    Ok((session, group, place))
}

/// The signed-in leader of group `id`: 403 when not the leader, 409 `expert_not_signed_in`.
fn leader_of_group(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<(SessionRow, GroupRow), ApiError> {
    let (session, group, place) = expert_of_group(conn, user, id)?;
    if !place.group_leader {
        return Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "只有本组组长可以开启或结束组内投票",
            "Only the group leader opens and closes the group vote",
        ));
    }
    place.require_signed_in()?;
    Ok((session, group))
}

/// The group vote (组内投票) of a group: its applicants with the number of votes cast, the
/// caller's own "voted" marks and, once closed, the group's recommendation. Experts of the
/// group read it; so do the organising unit and an HRSS above it.
#[utoipa::path(
    tag = "votes",
    params(("id" = i64, Path, description = "Group id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The group vote", body = GroupVote),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such group in the caller's sight", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-groups/{id:[0-9]+}/group-vote")]
pub async fn get_group_vote(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            if user.kind == AccountKind::Expert {
                let (session, group, place) = expert_of_group(conn, &user, id)?;
                return group::view(conn, &session, &group, Some(&place));
            }
            access::require_unit_module(&user, UNIT_VOTES)?;
            let group = online::group(conn, id)?;
            let (session, _) =
                access::require_unit_reader(conn, &user, group.session_id, UNIT_VOTES)?;
            group::view(conn, &session, &group, None)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// 进入组内投票: the signed-in leader opens the group's vote once every review of the group is
/// completed. Audited; the last group to open moves the session to `group_voting`.
#[utoipa::path(
    tag = "votes",
    params(("id" = i64, Path, description = "Group id")),
    request_body = VersionOnly,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Open; the group vote", body = GroupVote),
        (status = 403, description = "`forbidden`: not the leader", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`group_reviews_incomplete`; `group_vote_not_open`: the session is past group voting; `invalid_transition`: open already; `expert_not_signed_in`; `version_conflict`", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-groups/{id:[0-9]+}/group-vote/open")]
pub async fn open_group_vote(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<VersionOnly>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let version = body.into_inner().version;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let (session, group) = leader_of_group(conn, &user, id)?;
                group::open(conn, &Actor::of(&user, ip), &session, &group, version, now)?;
                let (session, group, place) = expert_of_group(conn, &user, id)?;
                group::view(conn, &session, &group, Some(&place))
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// 组内投票: a signed-in expert of the group votes on one or more applicants of the group
/// (agree / disagree / abstain), once each, all or nothing. Audited.
#[utoipa::path(
    tag = "votes",
    params(("id" = i64, Path, description = "Group id")),
    request_body = VoteRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Cast", body = CastAnswer),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: not an expert of the group", body = shared::ErrorBody),
        (status = 409, description = "`group_vote_not_open`; `vote_already_cast`; `expert_not_signed_in`", body = shared::ErrorBody),
        (status = 422, description = "`ballot_invalid`: none, a duplicate, or an applicant not of the group", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-groups/{id:[0-9]+}/group-vote/votes")]
pub async fn cast_group_votes(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<VoteRequest>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let body = body.into_inner();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let (session, group, place) = expert_of_group(conn, &user, id)?;
                let cast = group::cast(
                    conn,
                    &Actor::of(&user, ip),
                    &session,
                    &group,
                    &place,
                    &body.votes,
                    now,
                )?;
                Ok::<_, ApiError>(CastAnswer {
                    cast,
                    application_ids: body.votes.iter().map(|v| v.application_id).collect(),
                })
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// 组内统票: the signed-in leader closes the group's vote; the recommendation per applicant
/// (counts and majority view) is recorded. Audited.
#[utoipa::path(
    tag = "votes",
    params(("id" = i64, Path, description = "Group id")),
    request_body = VersionOnly,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Closed; the group vote", body = GroupVote),
        (status = 403, description = "`forbidden`: not the leader", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`group_vote_not_open`; `expert_not_signed_in`; `version_conflict`", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-groups/{id:[0-9]+}/group-vote/close")]
pub async fn close_group_vote(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<VersionOnly>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let version = body.into_inner().version;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let (session, group) = leader_of_group(conn, &user, id)?;
                group::close(conn, &Actor::of(&user, ip), &session, &group, version, now)?;
                let (session, group, place) = expert_of_group(conn, &user, id)?;
                group::view(conn, &session, &group, Some(&place))
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
