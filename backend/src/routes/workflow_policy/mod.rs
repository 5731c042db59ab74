//! `/api/v1/workflow-policy`: the workflow rules that are settings (issue 9 point 7), read and
//! changed by the system administrator (流程规则).

use actix_web::{get, put, web, HttpRequest, HttpResponse};
use serde_json::json;
use shared::{review::WorkflowPolicy, AccountKind, ErrorCode};

use crate::{
    applications::review,
    audit::{self, Actor, Event},
    auth::{AuthState, AuthUser},
    db::{settings, Db},
    error::ApiError,
    routes::auth::client_ip,
};

fn require_admin(user: &AuthUser) -> Result<(), ApiError> {
    if user.kind == AccountKind::SystemAdmin {
        Ok(())
    } else {
        Err(ApiError::with_text(
            ErrorCode::Forbidden,
            "只有系统管理员可以查看和修改流程规则",
            "Only the system administrator reads and changes the workflow rules",
        ))
    }
}

/// The workflow rules in force (four-eyes policy review on until changed).
#[utoipa::path(
    tag = "applications",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The rules in force", body = WorkflowPolicy),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: only the system administrator", body = shared::ErrorBody),
    )
)]
#[get("/v1/workflow-policy")]
pub async fn get_workflow_policy(
    user: AuthUser,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    require_admin(&user)?;
    let answer = db.run(review::workflow_policy).await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Replaces the workflow rules (the whole object; an unknown field is refused). The change is
/// audited (`workflow_policy.update`, before and after) and applies from the next request on:
/// an application whose initial check was recorded under the other rule follows the new one.
#[utoipa::path(
    tag = "applications",
    request_body = WorkflowPolicy,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The rules now in force", body = WorkflowPolicy),
        (status = 400, description = "`malformed_json`", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: only the system administrator", body = shared::ErrorBody),
        (status = 422, description = "`invalid_body`: a field missing, unknown or mistyped", body = shared::ErrorBody),
    )
)]
#[put("/v1/workflow-policy")]
pub async fn put_workflow_policy(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<WorkflowPolicy>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    require_admin(&user)?;
    let policy = body.into_inner();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let before = review::workflow_policy(conn)?;
                settings::put(
                    conn,
                    WorkflowPolicy::KEY,
                    &json!(policy),
                    Some(user.id),
                    now,
                )?;
                audit::append(
                    conn,
                    &Actor {
                        id: Some(user.id),
                        name: Some(user.username.clone()),
                        unit_id: Some(user.unit_id),
                        ip,
                    },
                    &Event {
                        action: "workflow_policy.update",
                        target_type: "setting",
                        target_id: Some(WorkflowPolicy::KEY.to_owned()),
                        success: true,
                        before: Some(json!(before)),
                        after: Some(json!(policy)),
                    },
                    now,
                )?;
                Ok(policy)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
