//! `/api/v1/attachment-categories`: the kinds of application material. Every signed-in account
//! reads them (the applicant chooses one per upload, reviewers see files grouped by them); the
//! system administrator adds and edits them. Kinds are never deleted: a disabled one keeps its
//! files, takes no new ones and is never required.

use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use shared::{
    attachments::{AttachmentCategory, AttachmentCategoryInput},
    AccountKind, ErrorCode,
};

use crate::{
    attachments::categories,
    audit::{self, Actor, Event},
    auth::{AuthState, AuthUser},
    db::Db,
    error::ApiError,
    routes::auth::client_ip,
};

/// Only the system administrator maintains the kinds of material.
fn require_admin(user: &AuthUser) -> Result<(), ApiError> {
    if user.kind == AccountKind::SystemAdmin {
        Ok(())
    } else {
        Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "只有系统管理员可以维护附件类别",
            "Only the system administrator maintains the attachment categories",
        ))
    }
}

/// Every kind of material, in display order (disabled ones included, marked).
#[utoipa::path(
    tag = "attachments",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The kinds", body = Vec<AttachmentCategory>),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
    )
)]
#[get("/v1/attachment-categories")]
pub async fn list_attachment_categories(
    _user: AuthUser,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let all = db.run(categories::load_all).await?;
    Ok(HttpResponse::Ok().json(all))
}

/// Adds a kind of material. System administrator; audited.
#[utoipa::path(
    tag = "attachments",
    request_body = AttachmentCategoryInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Added", body = AttachmentCategory),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: not the system administrator", body = shared::ErrorBody),
        (status = 409, description = "`already_exists`: the code is taken", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: bad code, names or order", body = shared::ErrorBody),
    )
)]
#[post("/v1/attachment-categories")]
pub async fn create_attachment_category(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<AttachmentCategoryInput>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    require_admin(&user)?;
    let input = categories::check_input(&body.into_inner())?;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let created = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let created = categories::create(conn, &input, now)?;
                audit::append(
                    conn,
                    &Actor::of(&user, ip),
                    &Event {
                        action: "attachment_category.create",
                        target_type: "attachment_category",
                        target_id: Some(created.id.to_string()),
                        success: true,
                        before: None,
                        after: Some(categories::audit_json(&created)),
                    },
                    now,
                )?;
                Ok(created)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// Edits a kind's names, order, state and the series requiring it (the code stays). System
/// administrator; audited.
#[utoipa::path(
    tag = "attachments",
    params(("id" = i64, Path, description = "Category id")),
    request_body = AttachmentCategoryInput,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Stored", body = AttachmentCategory),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: not the system administrator", body = shared::ErrorBody),
        (status = 404, description = "`not_found`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: bad code, names or order; a different code", body = shared::ErrorBody),
    )
)]
#[put("/v1/attachment-categories/{id:[0-9]+}")]
pub async fn update_attachment_category(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    body: crate::http::Json<AttachmentCategoryInput>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    require_admin(&user)?;
    let id = path.into_inner();
    let input = categories::check_input(&body.into_inner())?;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let updated = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let before = categories::require(conn, id)?;
                if before.code != input.code {
                    return Err(ApiError::validation(
                        "code",
                        "附件类别代码不能修改",
                        "cannot be changed",
                    ));
                }
                let after = categories::update(conn, id, &input, now)?;
                audit::append(
                    conn,
                    &Actor::of(&user, ip),
                    &Event {
                        action: "attachment_category.update",
                        target_type: "attachment_category",
                        target_id: Some(id.to_string()),
                        success: true,
                        before: Some(categories::audit_json(&before)),
                        after: Some(categories::audit_json(&after)),
                    },
                    now,
                )?;
                Ok(after)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(updated))
}
