//! The settings the system administrator reads and replaces whole (`GET`/`PUT`): the session
//! rules and the vote rules. One authorization, the setting's own validation, and one write
//! transaction that reads the value before, stores the new one and appends its audit row
//! (before and after). Each setting's route file implements [`AdminSetting`] and documents
//! its two handlers.

use actix_web::{HttpRequest, HttpResponse};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::json;
use shared::{AccountKind, ErrorCode};

use crate::{
    audit::{self, Actor, Event},
    auth::{AuthState, AuthUser},
    db::{settings, Db},
    error::ApiError,
    routes::auth::client_ip,
};

/// A setting of the system administrator's, stored whole under one `app_settings` key, its
/// defaults in force until it is first changed.
pub trait AdminSetting: Serialize + DeserializeOwned + Default + Send + 'static {
    /// The `app_settings` key.
    const KEY: &'static str;
    /// The audit action of a change (labelled in `shared::audit::ACTIONS`).
    const ACTION: &'static str;
    /// What a refusal calls the setting: (中文, English).
    const NAME: (&'static str, &'static str);

    /// 422 `validation_failed`, naming the field, unless the value is within its bounds.
    fn validate(&self) -> Result<(), ApiError>;
}

/// 403 `forbidden`, naming the setting, unless the caller is the system administrator.
fn require_admin<T: AdminSetting>(user: &AuthUser) -> Result<(), ApiError> {
    if user.kind == AccountKind::SystemAdmin {
        return Ok(());
    }
    let (zh, en) = T::NAME;
    Err(ApiError::with_text(
        ErrorCode::Forbidden,
        format!("只有系统管理员可以查看和修改{zh}"),
        format!("Only the system administrator reads and changes {en}"),
    ))
}

/// `GET`: the value in force.
pub async fn read<T: AdminSetting>(user: &AuthUser, db: &Db) -> Result<HttpResponse, ApiError> {
    require_admin::<T>(user)?;
    let answer: T = db.run(|conn| settings::current(conn, T::KEY)).await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// `PUT`: validates `new`, stores it and audits the change in one transaction; answers it.
pub async fn replace<T: AdminSetting>(
    req: &HttpRequest,
    user: AuthUser,
    new: T,
    db: &Db,
    auth: &AuthState,
) -> Result<HttpResponse, ApiError> {
    require_admin::<T>(&user)?;
    new.validate()?;
    let actor = Actor::of(&user, client_ip(req));
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let before: T = settings::current(conn, T::KEY)?;
                let after = json!(new);
                settings::put(conn, T::KEY, &after, Some(user.id), now)?;
                audit::append(
                    conn,
                    &actor,
                    &Event {
                        action: T::ACTION,
                        target_type: "setting",
                        target_id: Some(T::KEY.to_owned()),
                        success: true,
                        before: Some(json!(before)),
                        after: Some(after),
                    },
                    now,
                )?;
                Ok(new)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
