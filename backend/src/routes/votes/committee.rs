use actix_web::{get, http::header, post, web, HttpRequest, HttpResponse};
use shared::{
    experts::CommitteePosition,
    sessions::VersionOnly,
    votes::{CastAnswer, CommitteeVote, VoteRequest, VoteSheet},
    AccountKind, ErrorCode, Module,
};

use super::UNIT_VOTES;
use crate::{
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::{Db, DbConnection},
    error::ApiError,
    http::{errors::request_locale, export},
    online::{self, access, SessionExpertRow, SessionRow},
    routes::auth::client_ip,
    votes::{committee, sheet, tally},
};

/// The caller as a serving expert of the session holding `title.online.committee_vote`: 403
/// without the module, 404 outside the session, 403 `not_committee_member` without a
/// committee position.
fn member(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<(SessionRow, SessionExpertRow), ApiError> {
    access::require_expert_module(user, Module::CommitteeVote)?;
    let session = online::session(conn, id)?;
    let place =
        access::my_place(conn, user, id)?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    if place.committee_position.is_none() {
        return Err(ApiError::new(ErrorCode::NotCommitteeMember));
    }
    Ok((session, place))
}

/// Who reads a session's votes: a member (expert) or the unit side (organiser or above).
enum Reader {
    Member(SessionExpertRow),
    Unit { organiser: bool },
}

fn reader(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<(SessionRow, Reader), ApiError> {
    if user.kind == AccountKind::Expert {
        let (session, place) = member(conn, user, id)?;
        return Ok((session, Reader::Member(place)));
    }
    let (session, sight) = access::require_unit_reader(conn, user, id, UNIT_VOTES)?;
    Ok((
        session,
        Reader::Unit {
            organiser: sight == access::UnitSight::Organiser,
        },
    ))
}

/// The committee vote (评委会投票) of a session: its applicants with the groups'
/// recommendations, how many ballots each has (never which), the caller's own "voted" marks,
/// the committee's size, members signed in and the quorum. Members and the unit side read it.
#[utoipa::path(
    tag = "votes",
    params(("id" = i64, Path, description = "Session id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The committee vote", body = CommitteeVote),
        (status = 403, description = "`forbidden`; `not_committee_member`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-sessions/{id:[0-9]+}/committee-vote")]
pub async fn get_committee_vote(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| match reader(conn, &user, id)? {
            (session, Reader::Member(place)) => {
                committee::view(conn, &session, Some(&place), false)
            }
            (session, Reader::Unit { organiser }) => {
                committee::view(conn, &session, None, organiser)
            }
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// 进入评委会投票: the organising unit opens the committee vote once every group closed its
/// vote (session `group_voting` → `committee_voting`). Audited.
#[utoipa::path(
    tag = "votes",
    params(("id" = i64, Path, description = "Session id")),
    request_body = VersionOnly,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Open; the committee vote", body = CommitteeVote),
        (status = 403, description = "`forbidden`: only the organising unit (with `title.online.committee_vote`)", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`group_votes_pending`; `version_conflict`", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-sessions/{id:[0-9]+}/committee-vote/open")]
pub async fn open_committee_vote(
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
                let session = access::require_organiser(conn, &user, id, &[Module::CommitteeVote])?;
                committee::open(conn, &Actor::of(&user, ip), &session, version, now)?;
                let session = online::session(conn, id)?;
                committee::view(conn, &session, None, true)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// 评委会投票 (secret ballot): a signed-in member votes on one or more applicants of the
/// session, once each, all or nothing, in person (no proxy). The answer and the audit row say
/// on whom, never how.
#[utoipa::path(
    tag = "votes",
    params(("id" = i64, Path, description = "Session id")),
    request_body = VoteRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Cast", body = CastAnswer),
        (status = 403, description = "`forbidden`: not an expert with the module; `not_committee_member`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: not an expert of the session", body = shared::ErrorBody),
        (status = 409, description = "`committee_vote_not_open` (not opened or tallied); `vote_already_cast`; `expert_not_signed_in`", body = shared::ErrorBody),
        (status = 422, description = "`ballot_invalid`", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-sessions/{id:[0-9]+}/committee-vote/ballots")]
pub async fn cast_ballots(
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
                let (session, place) = member(conn, &user, id)?;
                let ids = committee::cast(
                    conn,
                    &Actor::of(&user, ip),
                    &session,
                    &place,
                    &body.votes,
                    now,
                )?;
                Ok::<_, ApiError>(CastAnswer {
                    cast: online::count(ids.len()),
                    application_ids: ids,
                })
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// 统票: the signed-in director or the organising unit tallies the committee vote. In one
/// transaction: the tally results, the session → `tallied`, each application moved (passed →
/// result publicity, otherwise failed) with its timeline event and audit row. Answers the
/// vote sheet.
#[utoipa::path(
    tag = "votes",
    params(("id" = i64, Path, description = "Session id")),
    request_body = VersionOnly,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Tallied; the vote sheet", body = VoteSheet),
        (status = 403, description = "`forbidden`: neither the director nor the organising unit", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`committee_vote_not_open`; `quorum_not_met`; `expert_not_signed_in`; `version_conflict`", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-sessions/{id:[0-9]+}/tally")]
pub async fn tally_session(
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
                let session = if user.kind == AccountKind::Expert {
                    let (session, place) = member(conn, &user, id)?;
                    if place.committee_position != Some(CommitteePosition::Director) {
                        return Err(ApiError::with_text(
                            ErrorCode::Forbidden,
                            "只有主任委员或评委会组建单位可以统票",
                            "Only the director or the organising unit tallies",
                        ));
                    }
                    place.require_signed_in()?;
                    session
                } else {
                    access::require_organiser(conn, &user, id, &[Module::CommitteeVote])?
                };
                tally::run(conn, &Actor::of(&user, ip), &session, version, now)?;
                let session = online::session(conn, id)?;
                sheet::load(conn, &session)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// The vote sheet (评审表决表) of a tallied session, for the print view: members and the unit
/// side read it.
#[utoipa::path(
    tag = "votes",
    params(("id" = i64, Path, description = "Session id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The vote sheet", body = VoteSheet),
        (status = 403, description = "`forbidden`; `not_committee_member`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: not tallied yet", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-sessions/{id:[0-9]+}/vote-sheet")]
pub async fn get_vote_sheet(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            let (session, _) = reader(conn, &user, id)?;
            sheet::load(conn, &session)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// The vote sheet as XLSX (导出, from the session row).
#[utoipa::path(
    tag = "votes",
    params(("id" = i64, Path, description = "Session id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: not tallied yet", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-sessions/{id:[0-9]+}/vote-sheet/export")]
pub async fn export_vote_sheet(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let locale = request_locale(&req);
    let bytes = db
        .run(move |conn| {
            let (session, _) = reader(conn, &user, id)?;
            let s = sheet::load(conn, &session)?;
            sheet::xlsx(&s, locale)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, export::XLSX))
        .insert_header((
            header::CONTENT_DISPOSITION,
            export::disposition("评审表决表", "vote-sheet"),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(bytes))
}
