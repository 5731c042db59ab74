//! The rules of a batch, in two passes: [`rows`] checks each row on its own (required fields,
//! lengths, formats, applicants' ID numbers, duplicates inside the file); [`against_database`]
//! checks what needs the database (the unit exists and is in the caller's jurisdiction, the
//! caller may create this kind there, the username is free, the business roles exist in that
//! unit). Every broken rule of every row is reported; nothing stops at the first.

use std::collections::{BTreeSet, HashMap, HashSet};

use diesel::prelude::*;
use shared::{
    ids::{CreditCode, IdNumber},
    AccountKind, ErrorCode, Locale,
};

use super::{Field, ImportedAccount, RawRow, RowError};
use crate::{
    auth::AuthUser,
    db::{
        schema::{accounts, business_roles, units},
        DbConnection,
    },
    error::ApiError,
    org::{
        account_admin,
        jurisdiction::{self, Relation},
    },
};

/// Rows per `IN (...)` list: well under SQLite's bound-variable limit.
const CHUNK: usize = 500;

/// A row after the row rules: each value is `Some` when it passed.
#[derive(Debug, Clone)]
pub struct Candidate {
    row: u32,
    /// The username as listed in the report (normalised when valid, else as typed).
    listed: String,
    username: Option<String>,
    display_name: Option<String>,
    kind: Option<AccountKind>,
    unit_id: Option<i64>,
    unit_code: Option<String>,
    phone: Option<String>,
    id_number: Option<String>,
    roles: Vec<String>,
}

/// A row that passed every rule, ready to insert.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Row number.
    pub row: u32,
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Kind.
    pub kind: AccountKind,
    /// Unit.
    pub unit_id: i64,
    /// Phone.
    pub phone: Option<String>,
    /// ID number (normalised).
    pub id_number: Option<String>,
    /// Business roles (ids in the unit).
    pub roles: Vec<i64>,
}

/// The database pass's result.
#[derive(Debug, Default)]
pub struct Plan {
    /// Broken rules.
    pub errors: Vec<RowError>,
    /// Rows that passed every rule (all rows when `errors` is empty).
    pub accounts: Vec<Planned>,
}

fn err(
    row: u32,
    field: Field,
    code: ErrorCode,
    zh: impl Into<String>,
    en: impl Into<String>,
) -> RowError {
    RowError::new(row, field, code, zh.into(), en.into())
}

fn invalid(row: u32, field: Field, zh: impl Into<String>, en: impl Into<String>) -> RowError {
    err(row, field, ErrorCode::ValidationFailed, zh, en)
}

/// `shared::ids` messages are "中文 / English".
fn split_message(message: &str) -> (String, String) {
    match message.split_once(" / ") {
        Some((zh, en)) => (zh.to_owned(), en.to_owned()),
        None => (message.to_owned(), message.to_owned()),
    }
}

/// A kind by wire name (`handler`) or Chinese label (经办人).
fn parse_kind(text: &str) -> Option<AccountKind> {
    AccountKind::parse(text).or_else(|| {
        AccountKind::ALL
            .iter()
            .copied()
            .find(|k| k.label(Locale::ZhCn) == text)
    })
}

/// The row rules. Returns a candidate per row (in order) and the broken rules.
pub fn rows(raw: Vec<RawRow>) -> (Vec<Candidate>, Vec<RowError>) {
    let mut errors = Vec::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::with_capacity(raw.len());
    for r in raw {
        let n = r.row;
        errors.extend(r.problems);

        let kind = match r.kind.as_deref() {
            None => {
                errors.push(invalid(n, Field::Kind, "不能为空", "is required"));
                None
            }
            Some(text) => {
                let kind = parse_kind(text);
                if kind.is_none() {
                    errors.push(invalid(
                        n,
                        Field::Kind,
                        format!("无法识别的账号类型“{text}”（如：经办人、申报人、单位管理员、单位账号）"),
                        format!("unknown account kind \"{text}\" (e.g. handler, applicant, unit_admin, unit)"),
                    ));
                }
                kind
            }
        };
        let applicant = kind == Some(AccountKind::Applicant);

        let id_number = match r.id_number.as_deref() {
            None if applicant => {
                errors.push(invalid(
                    n,
                    Field::IdNumber,
                    "申报人须填写身份证号",
                    "is required for applicants",
                ));
                None
            }
            None => None,
            Some(text) => match IdNumber::parse(text) {
                Ok(id) => Some(id.as_str().to_owned()),
                Err(why) => {
                    let (zh, en) = split_message(why);
                    errors.push(invalid(n, Field::IdNumber, zh, en));
                    None
                }
            },
        };

        let listed = r.username.clone().unwrap_or_default();
        let username = match r.username {
            None => {
                errors.push(invalid(n, Field::Username, "不能为空", "is required"));
                None
            }
            Some(name) => {
                // An applicant's username is the ID number; compare it as the ID is stored.
                let name = if applicant {
                    name.to_ascii_uppercase()
                } else {
                    name
                };
                if let Err(rule) = shared::rules::username(&name) {
                    errors.push(invalid(n, Field::Username, rule.zh(), rule.en()));
                    None
                } else if applicant && id_number.as_ref().is_some_and(|id| *id != name) {
                    errors.push(invalid(
                        n,
                        Field::Username,
                        "申报人的用户名须为其身份证号",
                        "an applicant's username must be the ID number",
                    ));
                    None
                } else if let Some(first) = seen.get(&name) {
                    errors.push(err(
                        n,
                        Field::Username,
                        ErrorCode::AlreadyExists,
                        format!("与第 {first} 行重复"),
                        format!("repeats row {first}"),
                    ));
                    None
                } else {
                    seen.insert(name.clone(), n);
                    Some(name)
                }
            }
        };

        let display_name = match r.display_name {
            None => {
                errors.push(invalid(n, Field::DisplayName, "不能为空", "is required"));
                None
            }
            Some(name) if name.chars().count() > 100 => {
                errors.push(invalid(
                    n,
                    Field::DisplayName,
                    "不能超过 100 个字符",
                    "must have at most 100 characters",
                ));
                None
            }
            Some(name) => Some(name),
        };

        let unit_id = match r.unit_id.as_deref().map(str::parse::<i64>) {
            None => None,
            Some(Ok(id)) if id > 0 => Some(id),
            Some(_) => {
                errors.push(invalid(
                    n,
                    Field::UnitId,
                    "须为正整数",
                    "must be a positive integer",
                ));
                None
            }
        };
        let unit_code = match r.unit_credit_code.as_deref().map(CreditCode::parse) {
            None => None,
            Some(Ok(code)) => Some(code.as_str().to_owned()),
            Some(Err(why)) => {
                let (zh, en) = split_message(why);
                errors.push(invalid(n, Field::UnitCreditCode, zh, en));
                None
            }
        };
        if r.unit_id.is_none() && r.unit_credit_code.is_none() {
            errors.push(invalid(
                n,
                Field::UnitCreditCode,
                "须填写单位统一社会信用代码（或单位ID）",
                "is required (or unit_id)",
            ));
        }

        let phone = match r.phone {
            Some(p) if account_admin::check_phone(&p).is_err() => {
                errors.push(invalid(
                    n,
                    Field::Phone,
                    "须为 11 位手机号或固定电话（如 0851-12345678）",
                    "must be a mainland mobile number or a landline (e.g. 0851-12345678)",
                ));
                None
            }
            p => p,
        };

        let mut roles: Vec<String> = Vec::new();
        for role in r.roles {
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        if !roles.is_empty() && kind.is_some_and(|k| k != AccountKind::Handler) {
            errors.push(invalid(
                n,
                Field::Roles,
                "只有经办人可以分配业务角色",
                "only handlers have business roles",
            ));
            roles.clear();
        }

        out.push(Candidate {
            row: n,
            listed: username.clone().unwrap_or(listed),
            username,
            display_name,
            kind,
            unit_id,
            unit_code,
            phone,
            id_number,
            roles,
        });
    }
    (out, errors)
}

/// Each row's username for the report, before anything is created.
pub fn listing(candidates: &[Candidate]) -> Vec<ImportedAccount> {
    candidates
        .iter()
        .map(|c| ImportedAccount {
            row: c.row,
            id: None,
            username: c.listed.clone(),
        })
        .collect()
}

/// Report order: by row, then by field in column order.
pub fn report_order(a: &RowError, b: &RowError) -> std::cmp::Ordering {
    let rank = |e: &RowError| {
        Field::ALL
            .iter()
            .position(|f| f.name() == e.field)
            .unwrap_or(Field::ALL.len())
    };
    (a.row, rank(a)).cmp(&(b.row, rank(b)))
}

/// What the caller may do in one unit.
struct UnitAccess {
    visible: bool,
    enabled: bool,
    kinds: Vec<AccountKind>,
}

/// The database rules. Reads only; run it inside the write transaction that inserts.
pub fn against_database(
    conn: &mut DbConnection,
    user: &AuthUser,
    candidates: &[Candidate],
) -> Result<Plan, ApiError> {
    let mut plan = Plan::default();

    let codes: BTreeSet<&str> = candidates
        .iter()
        .filter_map(|c| c.unit_code.as_deref())
        .collect();
    let mut by_code: HashMap<String, i64> = HashMap::new();
    for chunk in codes.into_iter().collect::<Vec<_>>().chunks(CHUNK) {
        let found: Vec<(String, i64)> = units::table
            .filter(units::credit_code.eq_any(chunk))
            .select((units::credit_code, units::id))
            .load(conn)?;
        by_code.extend(found);
    }

    // Resolve each row's unit: by id, by code, or both (which must agree).
    let unit_of: Vec<Option<i64>> = candidates
        .iter()
        .map(|c| {
            let coded = c
                .unit_code
                .as_ref()
                .and_then(|code| by_code.get(code).copied());
            (c.unit_id, coded)
        })
        .map(|pair| match pair {
            (Some(id), _) | (None, Some(id)) => Some(id),
            (None, None) => None,
        })
        .collect();

    let ids: BTreeSet<i64> = unit_of.iter().flatten().copied().collect();
    let mut found_units: HashMap<i64, bool> = HashMap::new();
    for chunk in ids.iter().copied().collect::<Vec<_>>().chunks(CHUNK) {
        let found: Vec<(i64, bool)> = units::table
            .filter(units::id.eq_any(chunk))
            .select((units::id, units::enabled))
            .load(conn)?;
        found_units.extend(found);
    }
    let mut access: HashMap<i64, UnitAccess> = HashMap::new();
    for &id in &ids {
        let relation = jurisdiction::relation(conn, user, id)?;
        let kinds = jurisdiction::creatable_kinds(user, relation);
        access.insert(
            id,
            UnitAccess {
                visible: relation != Relation::Outside && found_units.contains_key(&id),
                enabled: found_units.get(&id).copied().unwrap_or(false),
                kinds,
            },
        );
    }

    // Compared in their stored form (an ID number as its key, `login_names`).
    let names: Vec<crate::login_names::StoredName> = candidates
        .iter()
        .filter_map(|c| c.username.as_deref())
        .map(crate::login_names::name)
        .collect();
    let mut taken: HashSet<String> = HashSet::new();
    for chunk in names.chunks(CHUNK) {
        let found: Vec<String> = accounts::table
            .filter(accounts::username.eq_any(chunk))
            .select(accounts::username)
            .load(conn)?;
        taken.extend(found);
    }

    let role_units: BTreeSet<i64> = candidates
        .iter()
        .zip(&unit_of)
        .filter(|(c, _)| !c.roles.is_empty())
        .filter_map(|(_, u)| *u)
        .filter(|u| access.get(u).is_some_and(|a| a.visible))
        .collect();
    let mut roles: HashMap<(i64, String), i64> = HashMap::new();
    for chunk in role_units.into_iter().collect::<Vec<_>>().chunks(CHUNK) {
        let found: Vec<(i64, String, i64)> = business_roles::table
            .filter(business_roles::unit_id.eq_any(chunk))
            .select((
                business_roles::unit_id,
                business_roles::name,
                business_roles::id,
            ))
            .load(conn)?;
        roles.extend(found.into_iter().map(|(unit, name, id)| ((unit, name), id)));
    }

    for (c, unit) in candidates.iter().zip(&unit_of) {
        let before = plan.errors.len();
        let n = c.row;
        let unit_field = if c.unit_id.is_some() {
            Field::UnitId
        } else {
            Field::UnitCreditCode
        };
        let not_found = |field: Field| {
            err(
                n,
                field,
                ErrorCode::NotFound,
                "单位不存在或不在您的管辖范围内",
                "no such unit in your jurisdiction",
            )
        };
        if let Some(code) = &c.unit_code {
            if !by_code.contains_key(code) {
                plan.errors.push(not_found(Field::UnitCreditCode));
            }
        }
        let unit_access = unit.and_then(|u| access.get(&u)).filter(|a| a.visible);
        match (unit, unit_access) {
            (None, _) => {}
            (Some(_), None) => plan.errors.push(not_found(unit_field)),
            (Some(id), Some(a)) => {
                let code_unit = c.unit_code.as_ref().and_then(|code| by_code.get(code));
                if c.unit_id.is_some() && code_unit.is_some_and(|u| u != id) {
                    plan.errors.push(invalid(
                        n,
                        Field::UnitCreditCode,
                        "与单位ID不是同一个单位",
                        "names another unit than unit_id",
                    ));
                }
                if !a.enabled {
                    plan.errors
                        .push(invalid(n, unit_field, "单位已停用", "the unit is disabled"));
                }
                if let Some(kind) = c.kind.filter(|k| !a.kinds.contains(k)) {
                    plan.errors.push(err(
                        n,
                        Field::Kind,
                        ErrorCode::Forbidden,
                        format!("您无权在该单位创建“{}”", kind.label(Locale::ZhCn)),
                        format!(
                            "you may not create a {} account in this unit",
                            kind.as_str()
                        ),
                    ));
                }
            }
        }
        if let Some(name) = c
            .username
            .as_ref()
            .filter(|u| taken.contains(&crate::login_names::key(u)))
        {
            plan.errors.push(err(
                n,
                Field::Username,
                ErrorCode::AlreadyExists,
                format!("{name} 已被使用"),
                format!("{name} is taken"),
            ));
        }
        let mut role_ids = Vec::with_capacity(c.roles.len());
        if let (Some(id), Some(_)) = (unit, unit_access) {
            for role in &c.roles {
                match roles.get(&(*id, role.clone())) {
                    Some(rid) => role_ids.push(*rid),
                    None => plan.errors.push(err(
                        n,
                        Field::Roles,
                        ErrorCode::NotFound,
                        format!("该单位没有业务角色“{role}”"),
                        format!("the unit has no business role \"{role}\""),
                    )),
                }
            }
        }
        if plan.errors.len() > before {
            continue;
        }
        if let (Some(username), Some(display_name), Some(kind), Some(unit_id), Some(_)) =
            (&c.username, &c.display_name, c.kind, *unit, unit_access)
        {
            plan.accounts.push(Planned {
                row: n,
                username: username.clone(),
                display_name: display_name.clone(),
                kind,
                unit_id,
                phone: c.phone.clone(),
                id_number: c.id_number.clone(),
                roles: role_ids,
            });
        }
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(row: u32, f: impl FnOnce(&mut RawRow)) -> RawRow {
        let mut r = RawRow {
            row,
            username: Some("zhangsan".into()),
            display_name: Some("张三".into()),
            kind: Some("handler".into()),
            unit_id: Some("3".into()),
            ..RawRow::default()
        };
        f(&mut r);
        r
    }

    fn broken(rows_in: Vec<RawRow>) -> Vec<(u32, String, ErrorCode)> {
        let (_, errors) = rows(rows_in);
        errors
            .into_iter()
            .map(|e| (e.row, e.field, e.code))
            .collect()
    }

    #[test]
    fn kinds_by_wire_name_or_chinese_label() {
        assert_eq!(parse_kind("handler"), Some(AccountKind::Handler));
        assert_eq!(parse_kind("申报人"), Some(AccountKind::Applicant));
        assert_eq!(parse_kind("单位管理员"), Some(AccountKind::UnitAdmin));
        assert_eq!(parse_kind("Handler"), None);
    }

    #[test]
    fn every_row_rule_is_reported_not_just_the_first() {
        let id = "520121199001011230";
        let valid_id = format!(
            "{}{}",
            &id[..17],
            IdNumber::check_char(&id[..17])
                .map(char::from)
                .unwrap_or('0')
        );
        let got = broken(vec![
            raw(1, |_| {}),
            raw(2, |r| r.username = Some("zhangsan".into())),
            raw(3, |r| {
                r.username = Some("x".into());
                r.phone = Some("123".into());
                r.kind = Some("boss".into());
            }),
            raw(4, |r| {
                r.username = Some("someone".into());
                r.kind = Some("申报人".into());
                r.id_number = Some(valid_id.clone());
            }),
            raw(5, |r| {
                r.username = Some(valid_id.to_lowercase());
                r.kind = Some("applicant".into());
                r.id_number = Some(valid_id.to_lowercase());
                r.roles = vec!["业务经办".into()];
            }),
            raw(6, |r| {
                r.username = Some("zhaoliu".into());
                r.unit_id = None;
                r.display_name = None;
            }),
            raw(7, |r| {
                r.kind = Some("applicant".into());
                r.username = Some("wangwu".into());
            }),
        ]);
        assert_eq!(
            got,
            [
                (2, "username".into(), ErrorCode::AlreadyExists),
                (3, "kind".into(), ErrorCode::ValidationFailed),
                (3, "username".into(), ErrorCode::ValidationFailed),
                (3, "phone".into(), ErrorCode::ValidationFailed),
                (4, "username".into(), ErrorCode::ValidationFailed),
                (5, "roles".into(), ErrorCode::ValidationFailed),
                (6, "display_name".into(), ErrorCode::ValidationFailed),
                (6, "unit_credit_code".into(), ErrorCode::ValidationFailed),
                (7, "id_number".into(), ErrorCode::ValidationFailed),
            ]
        );
    }

    #[test]
    fn an_applicant_username_is_stored_as_the_normalised_id_number() {
        let id = "52012119900101123";
        let full = format!(
            "{id}{}",
            IdNumber::check_char(id).map(char::from).unwrap_or('0')
        );
        let (c, errors) = rows(vec![raw(1, |r| {
            r.kind = Some("applicant".into());
            r.username = Some(full.to_lowercase());
            r.id_number = Some(full.clone());
        })]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(c[0].username.as_deref(), Some(full.as_str()));
    }
}
