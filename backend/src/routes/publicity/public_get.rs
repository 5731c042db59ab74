use actix_web::{get, web, HttpResponse};
use shared::publicity::PublicBatchDetail;

use crate::{auth::AuthState, db::Db, error::ApiError, publicity::public};

/// One public batch (no login) with its people: names, employer, series, specialty, level,
/// qualification, ID numbers masked (`5201**********1234`), never a phone number.
#[utoipa::path(
    tag = "publicity",
    params(("id" = i64, Path, description = "Batch id")),
    responses(
        (status = 200, description = "The batch", body = PublicBatchDetail),
        (status = 404, description = "`not_found`: no such public batch", body = shared::ErrorBody),
    )
)]
#[get("/v1/public/publicity/{id:[0-9]+}")]
pub async fn public_publicity_get(
    path: web::Path<i64>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            let row = public::find(conn, id)?;
            Ok(PublicBatchDetail {
                batch: public::to_dto(conn, &row, now)?,
                items: public::public_items(conn, &row)?,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
