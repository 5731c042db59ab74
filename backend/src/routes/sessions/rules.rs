//! `/api/v1/session-rules`: the committee-size rules of 人社部令第40号 that starting a session
//! checks, read and changed by the system administrator (like the workflow rules).

use actix_web::{get, put, web, HttpRequest, HttpResponse};
use serde_json::json;
use shared::{sessions::SessionRules, AccountKind, ErrorCode};

use super::Writer;
use crate::{
    audit::{self, Event},
    auth::{AuthState, AuthUser},
    db::{settings, Db},
    error::ApiError,
    sessions::rules,
};

fn require_admin(user: &AuthUser) -> Result<(), ApiError> {
    if user.kind == AccountKind::SystemAdmin {
        Ok(())
    } else {
        Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "只有系统管理员可以查看和修改评委会组建规则",
            "Only the system administrator reads and changes the session rules",
        ))
    }
}

/// The session rules in force (on, 25 by series, 11 by specialty until changed).
#[utoipa::path(
    tag = "sessions",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The rules in force", body = SessionRules),
        (status = 403, description = "`forbidden`: only the system administrator", body = shared::ErrorBody),
    )
)]
#[get("/v1/session-rules")]
pub async fn get_session_rules(
    user: AuthUser,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    require_admin(&user)?;
    let answer = db.run(rules::current).await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Replaces the session rules (audited `session_rules.update`).
#[utoipa::path(
    tag = "sessions",
    request_body = SessionRules,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The rules now in force", body = SessionRules),
        (status = 403, description = "`forbidden`: only the system administrator", body = shared::ErrorBody),
        (status = 422, description = "`invalid_body`, `validation_failed`: a minimum outside 1–999", body = shared::ErrorBody),
    )
)]
#[put("/v1/session-rules")]
pub async fn put_session_rules(
    req: HttpRequest,
    user: AuthUser,
    body: web::Json<SessionRules>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    require_admin(&user)?;
    let new = body.into_inner();
    rules::validate(&new)?;
    let w = Writer::of(&req, user, &auth);
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let before = rules::current(conn)?;
                settings::put(conn, SessionRules::KEY, &json!(new), Some(w.user.id), w.now)?;
                audit::append(
                    conn,
                    &w.actor,
                    &Event {
                        action: "session_rules.update",
                        target_type: "setting",
                        target_id: Some(SessionRules::KEY.to_owned()),
                        success: true,
                        before: Some(json!(before)),
                        after: Some(json!(new)),
                    },
                    w.now,
                )?;
                Ok(new)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
