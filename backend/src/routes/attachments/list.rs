use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use shared::attachments::Attachment;

use crate::{
    applications::access,
    attachments,
    auth::AuthUser,
    db::{schema::attachments as table, Db},
    error::ApiError,
};

/// The files of an application, in upload order, for everyone who may see the application.
#[utoipa::path(
    tag = "attachments",
    params(("id" = i64, Path, description = "Application id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The files (at most 50)", body = Vec<Attachment>),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such application in the caller's sight", body = shared::ErrorBody),
    )
)]
#[get("/v1/applications/{id:[0-9]+}/attachments")]
pub async fn list_attachments(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let application_id = path.into_inner();
    let answer = db
        .run(move |conn| {
            let app = access::require_visible(conn, &user, application_id)?;
            let owner = attachments::is_owner(&user, &app);
            let stage = app.stage;
            let rows = attachments::load_with_names(
                conn,
                table::table
                    .filter(table::application_id.eq(application_id))
                    .into_boxed(),
            )?;
            rows.into_iter()
                .map(|(row, name)| {
                    let can_delete = owner && attachments::editable(stage, row.section);
                    attachments::to_dto(row, name, can_delete)
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
