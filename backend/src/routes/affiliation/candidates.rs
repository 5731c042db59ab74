use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use shared::{auth::UnitRef, Module, UnitKind};

use crate::{
    auth::AuthUser,
    db::{schema::units, Db},
    error::ApiError,
    org::{affiliation, queries::UnitRow},
};

/// Search text for candidate parents.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct CandidateQuery {
    /// Name contains.
    pub q: Option<String>,
}

/// Units the caller's unit may ask to move under (right kind and level, enabled, not itself or
/// below it), by name, at most 50. Only names, kinds and levels are shown.
#[utoipa::path(
    tag = "units",
    params(CandidateQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Candidates", body = Vec<UnitRef>),
        (status = 403, description = "`forbidden`: needs `config.units.affiliation`", body = shared::ErrorBody),
    )
)]
#[get("/v1/affiliation-candidates")]
pub async fn affiliation_candidates(
    user: AuthUser,
    query: web::Query<CandidateQuery>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::Affiliation)?;
    let q = query.into_inner().q.unwrap_or_default();
    let answer = db
        .run(move |conn| {
            let own: UnitRow = units::table
                .find(user.unit_id)
                .select(UnitRow::as_select())
                .first(conn)?;
            let mut query = units::table
                .filter(units::enabled.eq(true))
                .filter(units::kind.ne(UnitKind::Employer))
                .into_boxed();
            let text = q.trim().replace(['%', '_'], "");
            if !text.is_empty() {
                query = query.filter(units::name.like(format!("%{text}%")));
            }
            let rows: Vec<UnitRow> = query
                .order(units::path.asc())
                .limit(500)
                .select(UnitRow::as_select())
                .load(conn)?;
            let mut out = Vec::new();
            for row in rows {
                if out.len() == 50 {
                    break;
                }
                if affiliation::check_target(conn, &own, row.id).is_ok() {
                    out.push(UnitRef {
                        id: row.id,
                        name: row.name,
                        kind: row.kind,
                        level: row.level,
                    });
                }
            }
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
