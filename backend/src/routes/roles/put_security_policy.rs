use actix_web::{put, web, HttpRequest, HttpResponse};
use serde_json::{json, Value};
use shared::{ErrorCode, Module};

use super::actor;
use crate::{
    audit::{self, Event},
    auth::{flows, password::SecurityPolicy, AuthState, AuthUser},
    db::{settings, Db},
    error::ApiError,
    routes::auth::client_ip,
};

/// The whole policy must be sent: a missing setting would otherwise fall back to its default
/// without anyone having decided so, and a misspelt one would be ignored.
fn parse(body: Value) -> Result<SecurityPolicy, ApiError> {
    let template = json!(SecurityPolicy::default());
    let (Some(expected), Some(sent)) = (template.as_object(), body.as_object()) else {
        return Err(ApiError::with_text(
            ErrorCode::InvalidBody,
            "请求内容须为完整的安全策略对象",
            "The request body must be the whole security policy object",
        ));
    };
    if let Some(field) = sent.keys().find(|k| !expected.contains_key(*k)) {
        return Err(ApiError::validation(
            field,
            "不是安全策略的设置项",
            "is not a setting of the policy",
        ));
    }
    if let Some(field) = expected.keys().find(|k| !sent.contains_key(*k)) {
        return Err(ApiError::validation(
            field,
            "缺少该设置项（须提交完整策略）",
            "is missing (send the whole policy)",
        ));
    }
    serde_json::from_value(body).map_err(|e| {
        ApiError::with_text(
            ErrorCode::InvalidBody,
            format!("安全策略的字段类型不正确（{e}）"),
            format!("A setting of the policy has the wrong type ({e})"),
        )
    })
}

/// Refuses values out of range, and anything weaker than the 等保 baseline (at least 8
/// characters from at least 3 classes).
fn validate(p: &SecurityPolicy) -> Result<(), ApiError> {
    if p.min_length < 8 {
        return Err(ApiError::validation(
            "min_length",
            "不得低于等级保护要求的 8 位",
            "must not be below the 8 characters MLPS 2.0 (等保) requires",
        ));
    }
    if p.min_classes < 3 {
        return Err(ApiError::validation(
            "min_classes",
            "不得低于等级保护要求的 3 类字符",
            "must not be below the 3 character classes MLPS 2.0 (等保) requires",
        ));
    }
    let ranges: [(&str, i64, i64, i64); 8] = [
        (
            "min_length",
            i64::try_from(p.min_length).unwrap_or(i64::MAX),
            8,
            64,
        ),
        (
            "min_classes",
            i64::try_from(p.min_classes).unwrap_or(i64::MAX),
            1,
            4,
        ),
        ("min_strength", i64::from(p.min_strength), 0, 4),
        ("lockout_threshold", i64::from(p.lockout_threshold), 3, 20),
        ("lockout_minutes", p.lockout_minutes, 1, 1440),
        ("idle_timeout_minutes", p.idle_timeout_minutes, 5, 480),
        ("ip_login_limit", i64::from(p.ip_login_limit), 5, 10_000),
        (
            "ip_login_window_secs",
            i64::try_from(p.ip_login_window_secs).unwrap_or(i64::MAX),
            10,
            86_400,
        ),
    ];
    let mut groups = p.mfa_groups.clone();
    groups.sort();
    groups.dedup();
    if groups.len() != p.mfa_groups.len() {
        return Err(ApiError::validation(
            "mfa_groups",
            "不得重复列出同一类账号",
            "must not name a group twice",
        ));
    }
    for (field, value, min, max) in ranges {
        if !(min..=max).contains(&value) {
            return Err(ApiError::validation(
                field,
                &format!("须在 {min} 到 {max} 之间"),
                &format!("must be between {min} and {max}"),
            ));
        }
    }
    Ok(())
}

/// Replaces the whole security policy. Logins, password changes and new sessions follow it
/// from the next request on.
///
/// All nine settings must be sent (none is defaulted, none unknown is ignored), within:
/// `min_length` 8–64, `min_classes` 3–4 (1–2 would fall below 等保), `min_strength` 0–4,
/// `lockout_threshold` 3–20, `lockout_minutes` 1–1440, `idle_timeout_minutes` 5–480,
/// `ip_login_limit` 5–10000, `ip_login_window_secs` 10–86400, `mfa_groups` each group at most
/// once (the three administrators by default; a group added must enroll at its next request).
#[utoipa::path(
    tag = "roles",
    request_body = SecurityPolicy,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The policy now in force", body = SecurityPolicy),
        (status = 400, description = "`malformed_json`", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs `system.security_policy`; `password_change_required`", body = shared::ErrorBody),
        (status = 413, description = "`payload_too_large`", body = shared::ErrorBody),
        (status = 415, description = "`unsupported_media_type`", body = shared::ErrorBody),
        (status = 422, description = "`validation_failed`: a setting missing, unknown, out of range or weaker than 等保 (min_length ≥ 8, min_classes ≥ 3) / `invalid_body`", body = shared::ErrorBody),
    )
)]
#[put("/v1/security-policy")]
pub async fn put_security_policy(
    req: HttpRequest,
    user: AuthUser,
    body: crate::http::Json<Value>,
    db: web::Data<Db>,
    auth: web::Data<AuthState>,
) -> Result<HttpResponse, ApiError> {
    user.require(Module::SecurityPolicy)?;
    let policy = parse(body.into_inner())?;
    validate(&policy)?;
    let ip = client_ip(&req);
    let now = auth.clock.now();
    let answer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let before = flows::policy(conn)?;
                settings::put(
                    conn,
                    SecurityPolicy::KEY,
                    &json!(policy),
                    Some(user.id),
                    now,
                )?;
                audit::append(
                    conn,
                    &actor(&user, ip),
                    &Event {
                        action: "security_policy.update",
                        target_type: "setting",
                        target_id: Some(SecurityPolicy::KEY.to_owned()),
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
