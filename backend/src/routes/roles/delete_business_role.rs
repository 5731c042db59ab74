use actix_web::{delete, web, HttpRequest, HttpResponse};
use diesel::{
    prelude::*,
    result::{DatabaseErrorKind, Error as DieselError},
};
use serde_json::json;
use shared::{ErrorCode, Module};

use super::{actor, business};
use crate::{
    audit::{self, Event},
    auth::{AuthState, AuthUser},
    db::{
        schema::{account_roles, business_role_modules, business_roles},
        Db,
    },
    error::ApiError,
    routes::auth::client_ip,
};

/// Deletes a business role that no account holds (take it from its holders first, so that
/// nobody loses modules without an edit of their own account on record).
#[utoipa::path(
    tag = "roles",
    params(("id" = i64, Path, description = "Business role id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `portal.system.business_roles`; unit administrators manage their own unit only; `password_change_required`", body = shared::ErrorBody),
        (status = 404, description = "`not_found`: no such role in the caller's jurisdiction", body = shared::ErrorBody),
        (status = 409, description = "`conflict`: accounts still hold the role (the message says how many)", body = shared::ErrorBody),
    )
)]
#[delete("/v1/business-roles/{id:[0-9]+}")]
pub async fn delete_business_role(
    req: HttpRequest,
    user: AuthUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::BusinessRoles)?;
    let id = path.into_inner();
    let ip = client_ip(&req);
    let now = auth.clock.now();
    db.run(move |conn| {
        business::managed_role_unit(conn, &user, id)?;
        conn.write_transaction(|conn| {
            let holders: i64 = account_roles::table
                .filter(account_roles::role_id.eq(id))
                .count()
                .get_result(conn)?;
            if holders > 0 {
                return Err(ApiError::with_text(
                    ErrorCode::Conflict,
                    format!("该业务角色仍有 {holders} 个账号持有，请先取消分配后再删除"),
                    format!("{holders} account(s) still hold this role; take it from them first"),
                ));
            }
            let before = business::one(conn, id)?;
            diesel::delete(
                business_role_modules::table.filter(business_role_modules::role_id.eq(id)),
            )
            .execute(conn)?;
            diesel::delete(business_roles::table.find(id))
                .execute(conn)
                .map_err(|e| match e {
                    // Granted to an account after the count above (PostgreSQL only).
                    DieselError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
                        ApiError::with_text(
                            ErrorCode::Conflict,
                            "该业务角色刚被分配给账号，请先取消分配后再删除",
                            "The role was just given to an account; take it back first",
                        )
                    }
                    other => other.into(),
                })?;
            audit::append(
                conn,
                &actor(&user, ip),
                &Event {
                    action: "business_role.delete",
                    target_type: "business_role",
                    target_id: Some(id.to_string()),
                    success: true,
                    before: Some(json!(before)),
                    after: None,
                },
                now,
            )
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
