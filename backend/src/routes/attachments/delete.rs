use actix_web::{delete, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use shared::ErrorCode;

use crate::{
    attachments,
    audit::{self, Actor, Event},
    auth::{AuthState, AuthUser},
    db::{schema::attachments as table, Db},
    error::ApiError,
    routes::auth::client_ip,
    storage::FileStore,
};

/// Removes a file from the caller's own application while its section is editable
/// (`materials` in draft or returned, `supplementary` in supplement). A unit's recommendation
/// proof is never deleted.
#[utoipa::path(
    tag = "attachments",
    params(("id" = i64, Path, description = "Attachment id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "`forbidden`: not the applicant, or a unit's proof", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such file in the caller's sight", body = shared::ErrorBody),
        (status = 409, description = "`invalid_transition`: the stage no longer allows changing this section", body = shared::ErrorBody),
    )
)]
#[delete("/v1/attachments/{id:[0-9]+}")]
pub async fn delete_attachment(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
    files: web::Data<FileStore>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let key = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let row = attachments::require_readable(conn, &user, id)?;
                let Some(application_id) = row.application_id else {
                    return Err(ApiError::with_text(
                        ErrorCode::Forbidden,
                        "单位证明材料上传后不能删除",
                        "A unit's recommendation proof cannot be deleted",
                    ));
                };
                attachments::require_changeable(conn, &user, application_id, row.section)?;
                diesel::delete(table::table.find(id)).execute(conn)?;
                audit::append(
                    conn,
                    &Actor::of(&user, ip),
                    &Event {
                        action: "attachment.delete",
                        target_type: "attachment",
                        target_id: Some(id.to_string()),
                        success: true,
                        before: Some(row.audit_json()),
                        after: None,
                    },
                    now,
                )?;
                Ok(row.storage_key)
            })
        })
        .await?;
    // After the commit: a failure here leaves an unreferenced file (logged), never a record
    // without its file.
    attachments::discard(&files, &key).await;
    Ok(HttpResponse::NoContent().finish())
}
