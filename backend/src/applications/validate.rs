//! Validation of the applicant's content (SPEC §3). Every rule names its field.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use shared::{application::ApplicationInput, ids::IdNumber, rules, ErrorCode};

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

/// Checks the content with the rules of `shared::rules::check_application` (the SPA runs the
/// same ones before sending); the first broken rule answers 422 naming its field.
/// `account_id_number` is the applicant account's ID number: an application is always the
/// account holder's own.
pub fn check(
    input: &ApplicationInput,
    account_id_number: Option<&str>,
    today: NaiveDate,
) -> Result<Valid, ApiError> {
    // The number comes from the account and cannot be edited: an account without one cannot
    // apply (a different number is refused by the shared rule below).
    if account_id_number.is_none() {
        return Err(ApiError::validation(
            "id_number",
            "申报账号未登记身份证号，请联系单位管理员",
            "the applicant account has no ID number; ask the unit administrator",
        ));
    }
    let day = rules::Date {
        year: today.year(),
        month: today.month(),
        day: today.day(),
    };
    if let Some(p) = rules::check_application(input, account_id_number, day)
        .into_iter()
        .next()
    {
        return Err(ApiError::validation(p.field, &p.rule.zh(), &p.rule.en()));
    }
    let id = IdNumber::parse(&input.id_number)
        .map_err(|e| ApiError::internal(anyhow::anyhow!("checked ID number: {e}")))?;
    let date = |raw: &str| {
        NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
            .map_err(|e| ApiError::internal(anyhow::anyhow!("checked date {raw}: {e}")))
    };
    let current_title_date = match input.current_title_date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) => Some(date(d)?),
    };
    Ok(Valid {
        id_number: id.as_str().to_owned(),
        birth_date: date(&input.birth_date)?,
        current_title_date,
        name: input.name.trim().to_owned(),
        specialty: input.specialty.trim().to_owned(),
        qualification: input.qualification.trim().to_owned(),
        current_title: input.current_title.trim().to_owned(),
        achievements: input.achievements.trim().to_owned(),
        phone: input.phone.trim().to_owned(),
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
