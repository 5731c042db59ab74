//! The signed-in user as an extractor: a handler that takes [`AuthUser`] can only be reached
//! with a valid, unrevoked access token of an enabled account that has no pending forced
//! password change or two-factor enrollment. [`PendingUser`] admits those (password change,
//! enrollment, logout, the current user).

use std::{collections::BTreeSet, future::Future, pin::Pin};

use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};
use diesel::prelude::*;
use shared::{AccountKind, ErrorCode, Module, UnitKind};

use super::{modules, AuthState};
use crate::{
    db::{
        schema::{account_mfa, accounts, refresh_tokens, units},
        Db,
    },
    error::ApiError,
};

/// A signed-in account allowed to use the API.
#[derive(Debug, Clone)]
pub struct AuthUser {
    /// Account id.
    pub id: i64,
    /// The login name as others may see it: one that is an ID number (an applicant's, an
    /// expert's `zj…`) masked (`login_names::shown_masked`).
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Account kind.
    pub kind: AccountKind,
    /// The account's unit.
    pub unit_id: i64,
    /// The unit's materialised path (for jurisdiction filters).
    pub unit_path: String,
    /// Token version (for issuing fresh tokens).
    pub token_version: i64,
    /// Modules held now.
    pub modules: BTreeSet<Module>,
    /// Whether a password change is pending.
    pub must_change_password: bool,
    /// Whether the security policy requires MFA of the account and it is not on yet.
    pub mfa_enrollment_pending: bool,
}

impl AuthUser {
    /// Refuses with 403 `forbidden` unless the account holds `module`.
    pub fn require(&self, module: Module) -> Result<(), ApiError> {
        if self.modules.contains(&module) {
            Ok(())
        } else {
            Err(ApiError::new(ErrorCode::Forbidden))
        }
    }
}

/// A signed-in account that may still have to change its password.
#[derive(Debug, Clone)]
pub struct PendingUser(pub AuthUser);

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// The account `id` as a request would see it, with whether it is enabled and its lock; `None`
/// when no such account exists. Also used by the CLI and the demo to act as an account.
pub fn fetch(
    conn: &mut crate::db::DbConnection,
    id: i64,
) -> Result<Option<(AuthUser, bool, Option<chrono::NaiveDateTime>)>, ApiError> {
    type Row = (
        String,
        String,
        String,
        i64,
        String,
        i64,
        bool,
        bool,
        Option<chrono::NaiveDateTime>,
        String,
        Option<chrono::NaiveDateTime>,
        Option<String>,
    );
    let row: Option<Row> = accounts::table
        .inner_join(units::table)
        .left_join(account_mfa::table)
        .filter(accounts::id.eq(id))
        .select((
            accounts::username,
            accounts::display_name,
            accounts::kind,
            accounts::unit_id,
            units::path,
            accounts::token_version,
            accounts::enabled,
            accounts::must_change_password,
            accounts::locked_until,
            units::kind,
            account_mfa::confirmed_at.nullable(),
            accounts::id_number,
        ))
        .first(conn)
        .optional()?;
    let Some((
        stored_name,
        display_name,
        kind,
        unit_id,
        unit_path,
        version,
        enabled,
        must_change,
        locked,
        unit_kind,
        mfa_on,
        id_number,
    )) = row
    else {
        return Ok(None);
    };
    // As others may see it (the audit log's actor, the authenticator's label): a login name
    // that is an ID number masked.
    let username = crate::login_names::shown_masked(&stored_name, id_number.as_deref());
    let kind = AccountKind::parse(&kind)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("stored account kind {kind:?}")))?;
    let unit_kind = UnitKind::parse(&unit_kind)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("stored unit kind {unit_kind:?}")))?;
    // The policy is read only for an account of a group that may need MFA and has none.
    let mfa_enrollment_pending = mfa_on.is_none()
        && shared::auth::MfaGroup::of(kind, unit_kind).is_some()
        && super::mfa::required(&super::flows::policy(conn)?, kind, unit_kind);
    let modules = modules::effective(conn, id, kind, unit_id)?;
    Ok(Some((
        AuthUser {
            id,
            username,
            display_name,
            kind,
            unit_id,
            unit_path,
            token_version: version,
            modules,
            must_change_password: must_change,
            mfa_enrollment_pending,
        },
        enabled,
        locked,
    )))
}

async fn load(req: HttpRequest) -> Result<AuthUser, ApiError> {
    let state = req
        .app_data::<web::Data<AuthState>>()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("AuthState is not configured")))?
        .clone();
    let db = req
        .app_data::<web::Data<Db>>()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("Db is not configured")))?
        .clone();
    let token = bearer(&req).ok_or_else(|| ApiError::new(ErrorCode::Unauthenticated))?;
    let now = state.clock.now();
    let claims = state
        .keys
        .verify(&token, now)
        .ok_or_else(|| ApiError::new(ErrorCode::Unauthenticated))?;
    let id: i64 = claims
        .sub
        .parse()
        .map_err(|_| ApiError::new(ErrorCode::Unauthenticated))?;
    db.run(move |conn| {
        let Some((user, enabled, locked)) = fetch(conn, id)? else {
            return Err(ApiError::new(ErrorCode::Unauthenticated));
        };
        // A disable, reset or password change bumps the version: older tokens die here.
        if user.token_version != claims.ver || !enabled || locked.is_some_and(|until| until > now) {
            return Err(ApiError::new(ErrorCode::Unauthenticated));
        }
        // The token's session must still be live: sign-out, a reused refresh token or the
        // end of the absolute session revoke the family, and its access tokens die with it
        // on their next request rather than when they expire.
        let live: bool = diesel::select(diesel::dsl::exists(
            refresh_tokens::table
                .filter(refresh_tokens::family.eq(&claims.sid))
                .filter(refresh_tokens::account_id.eq(id))
                .filter(refresh_tokens::revoked_at.is_null())
                .filter(refresh_tokens::absolute_expires_at.gt(now)),
        ))
        .get_result(conn)?;
        if !live {
            return Err(ApiError::new(ErrorCode::Unauthenticated));
        }
        Ok(user)
    })
    .await
}

impl FromRequest for PendingUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { load(req).await.map(PendingUser) })
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let user = load(req).await?;
            if user.must_change_password {
                return Err(ApiError::new(ErrorCode::PasswordChangeRequired));
            }
            if user.mfa_enrollment_pending {
                return Err(ApiError::new(ErrorCode::MfaEnrollmentRequired));
            }
            Ok(user)
        })
    }
}
