use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::{
    online_review::{BlindGrade, BlindOpinion},
    AccountKind, ErrorCode, Module,
};

use crate::{
    attachments,
    audit::Actor,
    auth::{AuthState, AuthUser},
    db::{schema::group_applications, Db, DbConnection},
    error::ApiError,
    online::{self, access, blind, SessionRow},
    routes::auth::client_ip,
    storage::FileStore,
};

/// The modules that let a unit read blind opinions.
const READ: &[Module] = &[Module::BlindOpinions, Module::Sessions];

/// The session and, for an expert, the applications whose opinions it may read (its group's);
/// `None` for the organising unit and an HRSS above it (every applicant of the session).
fn reader(
    conn: &mut DbConnection,
    user: &AuthUser,
    session_id: i64,
) -> Result<(SessionRow, Option<Vec<i64>>), ApiError> {
    if user.kind == AccountKind::Expert {
        access::require_expert_module(user, Module::ExpertReview)?;
        let session = online::session(conn, session_id)?;
        let place = access::my_place(conn, user, session_id)?
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
        place.require_signed_in()?;
        let apps: Vec<i64> = match place.group_id {
            Some(g) => group_applications::table
                .filter(group_applications::group_id.eq(g))
                .select(group_applications::application_id)
                .load(conn)?,
            None => Vec::new(),
        };
        return Ok((session, Some(apps)));
    }
    let (session, _) = access::require_unit_reader(conn, user, session_id, READ)?;
    Ok((session, None))
}

/// Filter of the list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// Only this applicant's opinions.
    pub application_id: Option<i64>,
}

/// The blind opinions of a session: every applicant's for the organising unit and an HRSS
/// above it; for a signed-in expert of the session only those of its group's applicants.
#[utoipa::path(
    tag = "online",
    params(("id" = i64, Path, description = "Session id"), ListQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The opinions, by applicant", body = Vec<BlindOpinion>),
        (status = 403, description = "`forbidden`: needs `title.online.blind_opinions` / `sessions` (units) or `title.review.expert_review` (experts)", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such session in the caller's sight", body = shared::ErrorBody),
        (status = 409, description = "`expert_not_signed_in`", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-sessions/{id:[0-9]+}/blind-opinions")]
pub async fn list_blind_opinions(
    user: AuthUser,
    path: web::Path<i64>,
    query: web::Query<ListQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let only = query.into_inner().application_id;
    let answer = db
        .run(move |conn| {
            let (session, allowed) = reader(conn, &user, id)?;
            let filter = match (allowed, only) {
                (Some(apps), Some(app)) => Some(apps.into_iter().filter(|a| *a == app).collect()),
                (Some(apps), None) => Some(apps),
                (None, Some(app)) => Some(vec![app]),
                (None, None) => None,
            };
            blind::list(conn, session.id, filter)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// What is uploaded.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct UploadQuery {
    /// The applicant's application (in a group of the session).
    pub application_id: i64,
    /// `excellent`, `good`, `qualified` or `unqualified` (优秀/良好/合格/不合格).
    pub grade: BlindGrade,
    /// The file's name, 1–200 characters; its extension must match the content.
    pub file_name: String,
    /// A short note (at most 500 characters).
    pub note: Option<String>,
}

/// Uploads one external anonymous opinion (盲评意见) of an applicant, as the organising unit of
/// a session with blind review on (setting up or reviewing). The body is the raw file: PDF,
/// JPEG, PNG or Office, typed by its content; at most `ATTACHMENT_MAX_BYTES`. Audited.
#[utoipa::path(
    tag = "online",
    params(("id" = i64, Path, description = "Session id"), UploadQuery),
    request_body(content = inline(crate::routes::attachments::FileBytes), content_type = "application/octet-stream", description = "The file's bytes"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Stored", body = BlindOpinion),
        (status = 403, description = "`forbidden`: not the organising unit, or needs `title.online.blind_opinions`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such session in the caller's sight", body = shared::ErrorBody),
        (status = 409, description = "`blind_review_off`; `invalid_transition`: the session is past its review", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_file_type`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: bad file name or note, empty file, or the application is not in a group of the session", body = shared::ErrorBody),
    )
)]
#[post("/v1/review-sessions/{id:[0-9]+}/blind-opinions")]
#[expect(
    clippy::too_many_arguments,
    reason = "one extractor per input of the handler"
)]
pub async fn upload_blind_opinion(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    query: web::Query<UploadQuery>,
    payload: web::Payload,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
    files: web::Data<FileStore>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let query = query.into_inner();
    let meta = attachments::check_meta(&query.file_name, None)?;
    let new = blind::NewOpinion {
        application_id: query.application_id,
        grade: query.grade,
        note: blind::check_note(query.note.as_deref())?,
        file_name: meta.file_name.clone(),
    };
    attachments::check_declared_length(&req, files.max_bytes)?;
    {
        let user = user.clone();
        let app = new.application_id;
        db.run(move |conn| {
            let session = access::require_organiser(conn, &user, id, &[Module::BlindOpinions])?;
            blind::require_changeable(conn, &session, Some(app))
        })
        .await?;
    }
    let ip = client_ip(&req);
    let now = auth.clock.now();
    attachments::store(
        &db,
        &files,
        payload,
        &meta.file_name,
        move |conn, received| {
            let session = access::require_organiser(conn, &user, id, &[Module::BlindOpinions])?;
            blind::require_changeable(conn, &session, Some(new.application_id))?;
            blind::record(
                conn,
                &Actor::of(&user, ip),
                &session,
                &new,
                received,
                user.id,
                now,
            )
        },
    )
    .await
}

/// The opinion's file, streamed as a download; for the readers of the list.
#[utoipa::path(
    tag = "online",
    params(("id" = i64, Path, description = "Session id"), ("opinion_id" = i64, Path, description = "Opinion id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file's bytes", content_type = "application/octet-stream", body = inline(crate::routes::attachments::FileBytes)),
        (status = 403, description = "`forbidden`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such opinion in the caller's sight", body = shared::ErrorBody),
        (status = 409, description = "`expert_not_signed_in`", body = shared::ErrorBody),
    )
)]
#[get("/v1/review-sessions/{id:[0-9]+}/blind-opinions/{opinion_id:[0-9]+}/content")]
pub async fn download_blind_opinion(
    user: AuthUser,
    path: web::Path<(i64, i64)>,
    db: web::Data<Db>,
    files: web::Data<FileStore>,
) -> Result<HttpResponse, ApiError> {
    let (id, opinion_id) = path.into_inner();
    let row = db
        .run(move |conn| {
            let (session, allowed) = reader(conn, &user, id)?;
            let row = blind::find(conn, session.id, opinion_id)?;
            if allowed.is_some_and(|apps| !apps.contains(&row.application_id)) {
                return Err(ApiError::new(ErrorCode::NotFound));
            }
            Ok(row)
        })
        .await?;
    attachments::download(
        &files,
        attachments::Download {
            what: &format!("blind opinion {}", row.id),
            key: &row.storage_key,
            size: row.size,
            content_type: &row.content_type,
            file_name: &row.file_name,
        },
    )
    .await
}

/// Removes an opinion, as the organising unit, while opinions may change. Audited.
#[utoipa::path(
    tag = "online",
    params(("id" = i64, Path, description = "Session id"), ("opinion_id" = i64, Path, description = "Opinion id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "`forbidden`: not the organising unit", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 409, description = "`blind_review_off`; `invalid_transition`: the session is past its review", body = shared::ErrorBody),
    )
)]
#[delete("/v1/review-sessions/{id:[0-9]+}/blind-opinions/{opinion_id:[0-9]+}")]
pub async fn delete_blind_opinion(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<(i64, i64)>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
    files: web::Data<FileStore>,
) -> Result<HttpResponse, ApiError> {
    let (id, opinion_id) = path.into_inner();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let key = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let session = access::require_organiser(conn, &user, id, &[Module::BlindOpinions])?;
                blind::remove(conn, &Actor::of(&user, ip), &session, opinion_id, now)
            })
        })
        .await?;
    attachments::discard(&files, &key).await;
    Ok(HttpResponse::NoContent().finish())
}
