//! Who may do what with accounts, as the screens need to know it to offer only sensible
//! buttons. The API decides (it refuses anything else with its own message); which kinds may be
//! created where is the API's own rule from `shared::rules`, and `can_manage` mirrors
//! `org::account_admin` so that users rarely meet a refusal.

use shared::auth::CurrentUser;
use shared::ids::IdNumber;
use shared::org::{Account, CreateAccountRequest};
use shared::rules::UnitRelation;
use shared::{AccountKind, Module};

use crate::i18n::Key;

/// The kinds of account `user` may create in its own unit (`own`) or in a unit below it: the
/// API's rule, `shared::rules::creatable_kinds`.
pub fn creatable_kinds(user: &CurrentUser, own: bool) -> Vec<AccountKind> {
    let relation = if own {
        UnitRelation::Own
    } else {
        UnitRelation::Below
    };
    shared::rules::creatable_kinds(user.kind, &user.modules, relation)
}

/// Whether `user` may edit, enable / disable and reset `account`: never its own account; unit
/// administrators only in their own unit; applicants also with 个人账号管理.
pub fn can_manage(user: &CurrentUser, account: &Account) -> bool {
    let holds = |m: Module| user.modules.contains(&m);
    account.id != user.id
        && (holds(Module::Users)
            || (account.kind == AccountKind::Applicant && holds(Module::PersonalAccounts)))
        && (user.kind != AccountKind::UnitAdmin || account.unit_id == user.unit.id)
}

/// What the 新增用户 form holds, trimmed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountDraft {
    /// The unit.
    pub unit_id: Option<i64>,
    /// The kind.
    pub kind: Option<AccountKind>,
    /// Username (not for applicants: theirs is the ID number).
    pub username: String,
    /// Name.
    pub display_name: String,
    /// Phone (optional).
    pub phone: String,
    /// ID number (applicants).
    pub id_number: String,
}

/// The request for a draft, or what to fix first. An applicant's ID number is checked here
/// (GB 11643) for a friendly message, and becomes the username.
pub fn account_request(draft: &AccountDraft) -> Result<CreateAccountRequest, Key> {
    let unit_id = draft.unit_id.ok_or(Key::AccountUnitRequired)?;
    let kind = draft.kind.ok_or(Key::AccountKindRequired)?;
    let (username, id_number) = if kind == AccountKind::Applicant {
        if draft.id_number.is_empty() || draft.display_name.is_empty() {
            return Err(Key::FieldsRequired);
        }
        let id = IdNumber::parse(&draft.id_number).map_err(|_| Key::IdNumberInvalid)?;
        (id.as_str().to_owned(), Some(id.as_str().to_owned()))
    } else {
        if draft.username.is_empty() || draft.display_name.is_empty() {
            return Err(Key::FieldsRequired);
        }
        shared::rules::username(&draft.username).map_err(|_| Key::UsernameInvalid)?;
        let id_number = Some(draft.id_number.clone()).filter(|v| !v.is_empty());
        if let Some(id) = &id_number {
            IdNumber::parse(id).map_err(|_| Key::IdNumberInvalid)?;
        }
        (draft.username.clone(), id_number)
    };
    Ok(CreateAccountRequest {
        username,
        display_name: draft.display_name.clone(),
        kind,
        unit_id,
        phone: Some(draft.phone.clone()).filter(|v| !v.is_empty()),
        id_number,
        role_ids: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use shared::auth::UnitRef;
    use shared::{UnitKind, UnitLevel};

    use super::*;

    fn user(kind: AccountKind, modules: Vec<Module>) -> CurrentUser {
        CurrentUser {
            id: 10,
            username: "me".into(),
            display_name: "我".into(),
            kind,
            unit: UnitRef {
                id: 3,
                name: "示范县第一中学".into(),
                kind: UnitKind::Employer,
                level: UnitLevel::County,
            },
            modules,
            mfa_enabled: false,
            mfa_required: false,
        }
    }

    fn account(id: i64, kind: AccountKind, unit_id: i64) -> Account {
        Account {
            id,
            username: format!("a{id}"),
            display_name: "某人".into(),
            kind,
            unit_id,
            unit_name: String::new(),
            phone: None,
            id_number_masked: None,
            enabled: true,
            locked: false,
            must_change_password: false,
            role_ids: vec![],
            mfa_enabled: false,
            last_login_at: None,
            version: 1,
        }
    }

    #[test]
    fn kinds_follow_the_api_rules() {
        let admin = user(
            AccountKind::UnitAdmin,
            vec![
                Module::Users,
                Module::PersonalAccounts,
                Module::ExtendedUsers,
            ],
        );
        assert_eq!(
            creatable_kinds(&admin, true),
            [AccountKind::Handler, AccountKind::Applicant]
        );
        assert!(creatable_kinds(&admin, false).is_empty());
        let hrss = user(
            AccountKind::Handler,
            vec![Module::UnitCreate, Module::PersonalAccounts],
        );
        assert_eq!(
            creatable_kinds(&hrss, false),
            [AccountKind::Unit, AccountKind::UnitAdmin]
        );
        assert_eq!(creatable_kinds(&hrss, true), [AccountKind::Applicant]);
        let sys = user(AccountKind::SystemAdmin, vec![Module::Users]);
        assert_eq!(
            creatable_kinds(&sys, false),
            [
                AccountKind::Unit,
                AccountKind::UnitAdmin,
                AccountKind::Handler
            ]
        );
    }

    #[test]
    fn nobody_manages_their_own_account_and_unit_admins_stay_home() {
        let admin = user(AccountKind::UnitAdmin, vec![Module::Users]);
        assert!(can_manage(&admin, &account(1, AccountKind::Handler, 3)));
        assert!(!can_manage(&admin, &account(10, AccountKind::UnitAdmin, 3)));
        assert!(!can_manage(&admin, &account(2, AccountKind::Handler, 4)));
        let handler = user(AccountKind::Handler, vec![Module::PersonalAccounts]);
        assert!(can_manage(&handler, &account(5, AccountKind::Applicant, 3)));
        assert!(!can_manage(&handler, &account(6, AccountKind::Handler, 3)));
    }

    #[test]
    fn an_applicant_is_named_by_a_checked_id_number() {
        let mut draft = AccountDraft {
            unit_id: Some(3),
            kind: Some(AccountKind::Applicant),
            display_name: "王五".into(),
            id_number: "52012119900101123x".into(),
            ..AccountDraft::default()
        };
        assert_eq!(account_request(&draft), Err(Key::IdNumberInvalid));
        draft.id_number = "520121199001011239".into();
        let request = account_request(&draft).unwrap_or_else(|k| panic!("{k:?}"));
        assert_eq!(request.username, "520121199001011239");
        assert_eq!(request.id_number.as_deref(), Some("520121199001011239"));
        assert_eq!(request.phone, None);
        let handler = AccountDraft {
            unit_id: Some(3),
            kind: Some(AccountKind::Handler),
            username: "zhang".into(),
            ..AccountDraft::default()
        };
        assert_eq!(account_request(&handler), Err(Key::FieldsRequired));
        let spaced = AccountDraft {
            username: "zhang san".into(),
            display_name: "张三".into(),
            ..handler.clone()
        };
        assert_eq!(account_request(&spaced), Err(Key::UsernameInvalid));
        assert_eq!(
            account_request(&AccountDraft::default()),
            Err(Key::AccountUnitRequired)
        );
    }
}
