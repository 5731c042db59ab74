//! Administering accounts: the checks shared by create, update and reset.

use diesel::prelude::*;
use shared::{ids::IdNumber, org::CreateAccountRequest, AccountKind, ErrorCode, Module};

use super::jurisdiction::{self, Relation};
use crate::{
    auth::AuthUser,
    db::{
        schema::{accounts, business_roles},
        DbConnection,
    },
    error::ApiError,
};

/// Managing existing accounts needs `portal.system.users` (unit administrators, system
/// administrators) or, for applicant accounts, `title.accounts.personal_accounts`.
pub fn require_manage(user: &AuthUser, target_kind: AccountKind) -> Result<(), ApiError> {
    let ok = user.modules.contains(&Module::Users)
        || (target_kind == AccountKind::Applicant
            && user.modules.contains(&Module::PersonalAccounts));
    if ok {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Forbidden))
    }
}

/// Refuses callers who manage no accounts at all, before anything about the target is
/// looked at.
pub fn require_any_manage(user: &AuthUser) -> Result<(), ApiError> {
    if user.modules.contains(&Module::Users) || user.modules.contains(&Module::PersonalAccounts) {
        Ok(())
    } else {
        Err(ApiError::new(ErrorCode::Forbidden))
    }
}

/// The target account's kind and unit, if the caller may see it (its unit is the caller's or
/// below); otherwise 404. Unit administrators manage their own unit only.
pub fn visible_account(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<(AccountKind, i64), ApiError> {
    let row: Option<(String, i64)> = accounts::table
        .find(id)
        .select((accounts::kind, accounts::unit_id))
        .first(conn)
        .optional()?;
    let (kind, unit_id) = row.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    let relation = jurisdiction::require_visible(conn, user, unit_id)?;
    let kind = AccountKind::parse(&kind)
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("stored kind {kind:?}")))?;
    // Unit administrators manage their own unit; an HRSS unit administrator also the unit
    // administrators of the units below it (manual §5.5).
    if user.kind == AccountKind::UnitAdmin
        && relation != Relation::Own
        && !(relation == Relation::Below
            && kind == AccountKind::UnitAdmin
            && super::unit_roles::is_hrss_unit_admin(conn, user)?)
    {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    if id == user.id {
        // Nobody administers their own account here (use 密码修改 for the password).
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    Ok((kind, unit_id))
}

/// Checks a create request; returns the normalised ID number.
pub fn check_new(
    conn: &mut DbConnection,
    user: &AuthUser,
    req: &CreateAccountRequest,
) -> Result<Option<String>, ApiError> {
    let creators = [Module::Users, Module::PersonalAccounts, Module::UnitCreate];
    if !creators.iter().any(|m| user.modules.contains(m)) {
        return Err(ApiError::new(ErrorCode::Forbidden));
    }
    let relation = jurisdiction::require_visible(conn, user, req.unit_id)?;
    let delegated = relation == Relation::Below
        && req.kind == AccountKind::UnitAdmin
        && super::unit_roles::is_hrss_unit_admin(conn, user)?;
    if !delegated && !jurisdiction::creatable_kinds(user, relation).contains(&req.kind) {
        return Err(ApiError::with_text(
            ErrorCode::Forbidden,
            format!(
                "无权在该单位创建“{}”账号",
                req.kind.label(shared::Locale::ZhCn)
            ),
            format!(
                "You may not create {} accounts in that unit",
                req.kind.label(shared::Locale::En)
            ),
        ));
    }
    let username = shared::rules::username(&req.username)
        .map_err(|rule| ApiError::validation("username", &rule.zh(), &rule.en()))?;
    crate::http::text::required("display_name", &req.display_name, 100)?;
    if let Some(phone) = &req.phone {
        check_phone(phone)?;
    }
    let id_number = match (&req.id_number, req.kind) {
        (Some(raw), _) => {
            Some(IdNumber::parse(raw).map_err(|e| ApiError::validation_pair("id_number", e))?)
        }
        (None, AccountKind::Applicant) => {
            return Err(ApiError::validation(
                "id_number",
                "申报人账号须填写身份证号",
                "is required for applicants",
            ));
        }
        (None, _) => None,
    };
    if req.kind == AccountKind::Applicant
        && id_number.as_ref().map(IdNumber::as_str) != Some(username)
    {
        return Err(ApiError::validation(
            "username",
            "申报人账号的用户名须为其身份证号",
            "must be the ID number for applicants",
        ));
    }
    check_roles(conn, req.kind, req.unit_id, &req.role_ids)?;
    Ok(id_number.map(String::from))
}

/// Business roles go to handlers only, and only roles of the account's own unit.
pub fn check_roles(
    conn: &mut DbConnection,
    kind: AccountKind,
    unit_id: i64,
    role_ids: &[i64],
) -> Result<(), ApiError> {
    if role_ids.is_empty() {
        return Ok(());
    }
    if kind != AccountKind::Handler {
        return Err(ApiError::validation(
            "role_ids",
            "只有经办人账号可以分配业务角色",
            "only handlers hold business roles",
        ));
    }
    let found: i64 = business_roles::table
        .filter(business_roles::id.eq_any(role_ids))
        .filter(business_roles::unit_id.eq(unit_id))
        .count()
        .get_result(conn)?;
    let mut unique = role_ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    if usize::try_from(found).unwrap_or_default() != unique.len() {
        return Err(ApiError::validation(
            "role_ids",
            "业务角色不存在或不属于该单位",
            "a role does not exist in that unit",
        ));
    }
    Ok(())
}

/// A mainland mobile number or a landline with area code (`shared::rules::Phone`).
pub fn check_phone(phone: &str) -> Result<(), ApiError> {
    check_phone_field("phone", phone)
}

/// The same rule for a field of another name (a unit's `contact_phone`).
pub fn check_phone_field(field: &str, phone: &str) -> Result<(), ApiError> {
    shared::rules::Phone::parse(phone)
        .map(|_| ())
        .map_err(|rule| ApiError::validation(field, &rule.zh(), &rule.en()))
}
