//! Validation of the applicant's content (SPEC §3). Every rule names its field.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use shared::{
    application::{ApplicationInput, Gender},
    ids::IdNumber,
    ErrorCode,
};

use super::rows::AppRow;
use crate::{
    db::{schema::units, DbConnection},
    error::ApiError,
};

/// The checked content, ready to store.
#[derive(Debug, Clone)]
pub struct Valid {
    pub id_number: String,
    pub birth_date: NaiveDate,
    pub current_title_date: Option<NaiveDate>,
    pub name: String,
    pub specialty: String,
    pub qualification: String,
    pub current_title: String,
    pub achievements: String,
    pub phone: String,
}

fn text(field: &str, value: &str, min: usize, max: usize) -> Result<String, ApiError> {
    let v = value.trim();
    let n = v.chars().count();
    if n < min {
        return Err(if min <= 1 {
            ApiError::validation(field, "不能为空", "is required")
        } else {
            ApiError::validation(
                field,
                &format!("至少 {min} 个字符"),
                &format!("must have at least {min} characters"),
            )
        });
    }
    if n > max {
        return Err(ApiError::validation(
            field,
            &format!("不能超过 {max} 个字符"),
            &format!("must have at most {max} characters"),
        ));
    }
    if v.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(ApiError::validation(
            field,
            "含有不可见的控制字符",
            "contains control characters",
        ));
    }
    Ok(v.to_owned())
}

fn date(field: &str, value: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        ApiError::validation(
            field,
            "日期格式应为 YYYY-MM-DD",
            "must be a date YYYY-MM-DD",
        )
    })
}

/// Whether a phone number looks like a mainland mobile or landline number.
pub fn phone_ok(p: &str) -> bool {
    let digits: String = p.chars().filter(|c| *c != '-').collect();
    let all_digits = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    let mobile = digits.len() == 11 && digits.starts_with('1');
    let landline = digits.starts_with('0') && (10..=12).contains(&digits.len());
    all_digits && (mobile || landline)
}

/// Checks the content. `account_id_number` is the applicant account's ID number: an
/// application is always the account holder's own, and its number is the account's.
pub fn check(
    input: &ApplicationInput,
    account_id_number: Option<&str>,
    today: NaiveDate,
) -> Result<Valid, ApiError> {
    if !(today.year() - 1..=today.year() + 1).contains(&input.year) {
        return Err(ApiError::validation(
            "year",
            &format!(
                "申报年度须在 {} 至 {} 之间",
                today.year() - 1,
                today.year() + 1
            ),
            &format!(
                "must be between {} and {}",
                today.year() - 1,
                today.year() + 1
            ),
        ));
    }
    let name = text("name", &input.name, 2, 50)?;
    let id = IdNumber::parse(&input.id_number).map_err(|e| {
        let (zh, en) = e.split_once(" / ").unwrap_or((e, e));
        ApiError::validation("id_number", zh, en)
    })?;
    // The number comes from the account and cannot be edited: a different one is refused
    // (not silently replaced), and an account without one cannot apply.
    match account_id_number {
        None => {
            return Err(ApiError::validation(
                "id_number",
                "申报账号未登记身份证号，请联系单位管理员",
                "the applicant account has no ID number; ask the unit administrator",
            ))
        }
        Some(own) if !own.eq_ignore_ascii_case(id.as_str()) => {
            return Err(ApiError::validation(
                "id_number",
                "须为申报账号本人的身份证号，不能修改",
                "must be the account holder's own ID number and cannot be changed",
            ))
        }
        Some(_) => {}
    }
    let birth_date = date("birth_date", &input.birth_date)?;
    if birth_date.format("%Y-%m-%d").to_string() != id.birth_date() {
        return Err(ApiError::validation(
            "birth_date",
            "与身份证号中的出生日期不一致",
            "does not match the ID number",
        ));
    }
    if (input.gender == Gender::Male) != id.is_male() {
        return Err(ApiError::validation(
            "gender",
            "与身份证号中的性别不一致",
            "does not match the ID number",
        ));
    }
    let specialty = text("specialty", &input.specialty, 1, 50)?;
    let qualification = text("qualification", &input.qualification, 1, 50)?;
    let current_title = text("current_title", &input.current_title, 0, 50)?;
    let current_title_date = match input.current_title_date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) => {
            let d = date("current_title_date", d)?;
            if d > today || d < birth_date {
                return Err(ApiError::validation(
                    "current_title_date",
                    "取得现职称的日期不合理",
                    "is not a plausible date",
                ));
            }
            Some(d)
        }
    };
    if !(0..=60).contains(&input.years_of_service) {
        return Err(ApiError::validation(
            "years_of_service",
            "须在 0 至 60 之间",
            "must be between 0 and 60",
        ));
    }
    let achievements = text("achievements", &input.achievements, 1, 5000)?;
    let phone = text("phone", &input.phone, 1, 20)?;
    if !phone_ok(&phone) {
        return Err(ApiError::validation(
            "phone",
            "请输入 11 位手机号或带区号的固定电话",
            "must be an 11-digit mobile or a landline with area code",
        ));
    }
    Ok(Valid {
        id_number: id.as_str().to_owned(),
        birth_date,
        current_title_date,
        name,
        specialty,
        qualification,
        current_title,
        achievements,
        phone,
    })
}

/// Before a submission: the employer must still be enabled.
pub fn require_complete(conn: &mut DbConnection, row: &AppRow) -> Result<(), ApiError> {
    let enabled: bool = units::table
        .find(row.employer_id)
        .select(units::enabled)
        .first(conn)?;
    if !enabled {
        return Err(ApiError::with_text(
            ErrorCode::InvalidTransition,
            "所在单位已停用，不能提交申报",
            "The employer is disabled; the application cannot be submitted",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert!(phone_ok("13800138000"));
        assert!(phone_ok("0851-85551234"));
        assert!(!phone_ok("12345"));
        assert!(!phone_ok("1380013800a"));
    }
}
