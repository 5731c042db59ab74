use std::collections::HashMap;

use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use shared::application::TimelineEvent;

use crate::{
    applications::{access, events::EventRow, rows},
    auth::AuthUser,
    db::{
        schema::{application_events, committees, units},
        Db,
    },
    error::ApiError,
};

/// The timeline (追踪): every move of the application, oldest first — who, which unit, when,
/// the action, the opinion, and whether a later withdraw undid it.
#[utoipa::path(
    tag = "applications",
    params(("id" = i64, Path, description = "Application id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The events", body = Vec<TimelineEvent>),
        (status = 404, description = "`not_found` (or not visible)", body = shared::ErrorBody),
    )
)]
#[get("/v1/applications/{id:[0-9]+}/timeline")]
pub async fn application_timeline(
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let id = path.into_inner();
    let answer = db
        .run(move |conn| {
            access::require_visible(conn, &user, id)?;
            let events: Vec<EventRow> = application_events::table
                .filter(application_events::application_id.eq(id))
                .order(application_events::id.asc())
                .select(EventRow::as_select())
                .load(conn)?;
            let mut unit_ids: Vec<i64> = events
                .iter()
                .flat_map(|e| [e.from_holder_id, e.to_holder_id])
                .chain(events.iter().filter_map(|e| e.actor_unit_id))
                .collect();
            unit_ids.sort_unstable();
            unit_ids.dedup();
            let names: HashMap<i64, String> = units::table
                .filter(units::id.eq_any(&unit_ids))
                .select((units::id, units::name))
                .load::<(i64, String)>(conn)?
                .into_iter()
                .collect();
            let committee_names: HashMap<i64, String> = committees::table
                .select((committees::id, committees::name))
                .filter(
                    committees::id.eq_any(
                        events
                            .iter()
                            .filter_map(|e| e.detail().committee_id)
                            .collect::<Vec<_>>(),
                    ),
                )
                .load::<(i64, String)>(conn)?
                .into_iter()
                .collect();
            let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
            events
                .into_iter()
                .map(|e| {
                    let detail = e.detail();
                    Ok(TimelineEvent {
                        id: e.id,
                        action: e.action,
                        from_stage: e.from_stage,
                        to_stage: e.to_stage,
                        from_holder: name(e.from_holder_id),
                        to_holder: name(e.to_holder_id),
                        actor_name: e.actor_name,
                        actor_unit: e.actor_unit_id.map(name),
                        opinion: e.opinion,
                        pass: detail.pass,
                        committee: detail
                            .committee_id
                            .and_then(|c| committee_names.get(&c).cloned()),
                        handler: match (detail.handler_name, detail.handler_phone) {
                            (Some(n), Some(p)) => Some(format!("{n}（{p}）")),
                            (Some(n), None) => Some(n),
                            _ => None,
                        },
                        withdrawn: e.withdrawn,
                        created_at: rows::time(e.created_at),
                    })
                })
                .collect::<Result<Vec<_>, ApiError>>()
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
