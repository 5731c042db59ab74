//! Pre-entry (专家预入库): the checks of a person's fields and the one write that puts a person
//! into a committee's pool, used by direct pre-entry, bulk pre-entry, approved pool updates
//! and accepted recommendations.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::{
    application::{Gender, Level, Series},
    expert_pool::ExpertEntry,
    experts::PoolStatus,
    ids::IdNumber,
    ErrorCode,
};

use super::{ExpertRow, MemberRow};
use crate::{
    committees::filings::{clean_specialties, latest_end},
    db::{
        schema::{expert_specialties, experts, pool_members, units},
        DbConnection,
    },
    error::ApiError,
};

/// A term in a pool: at most three years (人社部令第40号).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// An [`ExpertEntry`] that passed every check that needs no database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEntry {
    pub name: String,
    pub id_number: IdNumber,
    pub gender: Gender,
    pub employer_id: i64,
    pub title: String,
    pub title_level: Level,
    pub series: Series,
    pub specialties: Vec<String>,
    pub phone: String,
    pub email: String,
    pub term: Term,
}

fn day(field: &str, raw: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| ApiError::validation(field, "日期格式须为 YYYY-MM-DD", "must be YYYY-MM-DD"))
}

/// Checks a term: `YYYY-MM-DD` days, the end not before the start, at most three years.
pub fn term(start: &str, end: &str) -> Result<Term, ApiError> {
    let start = day("term_start", start)?;
    let end = day("term_end", end)?;
    if end < start {
        return Err(ApiError::validation(
            "term_end",
            "任期结束日期不能早于开始日期",
            "must not be before term_start",
        ));
    }
    if latest_end(start).is_none_or(|last| end > last) {
        return Err(ApiError::validation(
            "term_end",
            "专家任期最长 3 年（人社部令第40号）",
            "a term is at most 3 years (MOHRSS Order No. 40)",
        ));
    }
    Ok(Term { start, end })
}

/// An expert's contact phone ([`shared::rules::contact_phone`]), trimmed.
pub fn phone(raw: &str) -> Result<String, ApiError> {
    shared::rules::contact_phone(raw)
        .map(str::to_owned)
        .ok_or_else(|| ApiError::validation("phone", "电话须为 5-20 位数字", "must be 5-20 digits"))
}

/// An optional e-mail address ([`shared::rules::email`]), trimmed; empty when none.
pub fn email(raw: &str) -> Result<String, ApiError> {
    shared::rules::email(raw).map(str::to_owned).ok_or_else(|| {
        ApiError::validation("email", "电子邮箱格式不正确", "is not an e-mail address")
    })
}

/// Checks the specialties of a person: one or more.
pub fn specialties(list: &[String]) -> Result<Vec<String>, ApiError> {
    let out = clean_specialties(list)?;
    if out.is_empty() {
        return Err(ApiError::validation(
            "specialties",
            "至少填写一个专业",
            "must name at least one specialty",
        ));
    }
    Ok(out)
}

/// Checks a person's fields (the ID number by the shared rule; the gender must be the one the
/// ID number encodes).
pub fn validate(e: &ExpertEntry) -> Result<ValidEntry, ApiError> {
    let name = crate::http::text::required("name", &e.name, 50)?;
    let id_number =
        IdNumber::parse(&e.id_number).map_err(|msg| ApiError::validation_pair("id_number", msg))?;
    let encoded = if id_number.is_male() {
        Gender::Male
    } else {
        Gender::Female
    };
    if e.gender != encoded {
        return Err(ApiError::validation(
            "gender",
            "性别与身份证号不符",
            "does not match the ID number",
        ));
    }
    Ok(ValidEntry {
        name,
        id_number,
        gender: e.gender,
        employer_id: e.employer_id,
        title: crate::http::text::required("title", &e.title, 50)?,
        title_level: e.title_level,
        series: e.series,
        specialties: specialties(&e.specialties)?,
        phone: phone(&e.phone)?,
        email: email(&e.email)?,
        term: term(&e.term_start, &e.term_end)?,
    })
}

/// 422 unless `unit_id` is a unit of the tree.
pub fn require_unit(conn: &mut DbConnection, field: &str, unit_id: i64) -> Result<(), ApiError> {
    let n: i64 = units::table
        .filter(units::id.eq(unit_id))
        .count()
        .get_result(conn)?;
    if n == 0 {
        return Err(not_a_unit(field));
    }
    Ok(())
}

/// The unit named at `field` is not a unit of the tree.
pub fn not_a_unit(field: &str) -> ApiError {
    ApiError::validation(field, "不是组织机构中的单位", "is not a unit of the tree")
}

/// The ID number is a registered expert's of another name.
pub fn other_name() -> ApiError {
    ApiError::validation(
        "name",
        "该身份证号已登记为另一姓名的专家",
        "this ID number is registered for an expert of another name",
    )
}

/// `name` is a member of the pool already (in any status but removed).
pub fn already_in_pool(name: &str) -> ApiError {
    ApiError::with_text(
        ErrorCode::AlreadyExists,
        format!("{name} 已在该评委会专家库中"),
        format!("{name} is already in this committee's pool"),
    )
}

/// A new person as stored: the one definition direct and bulk pre-entry both insert.
///
/// `treat_none_as_default_value = false` (it has no optional field, so nothing else changes):
/// with diesel's default every field may stand for `DEFAULT`, which SQLite's `VALUES` cannot
/// say, so diesel inserts a batch of them there row by row inside a savepoint — measured, 100,000
/// persons took 8–10 s, most of it SQLite walking the savepoint's journal at every row's end
/// (`docs/PERFORMANCE.md`). Without it a batch is one multi-row `INSERT`.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = experts, treat_none_as_default_value = false)]
pub struct NewExpert<'a> {
    pub id_number: crate::pii::Pii,
    pub id_number_hash: String,
    pub name: &'a str,
    pub gender: Gender,
    pub employer_id: i64,
    pub title: &'a str,
    pub title_level: Level,
    pub series: Series,
    pub phone: &'a str,
    pub email: &'a str,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl<'a> NewExpert<'a> {
    /// The person of `v`, entered by `by`.
    pub fn of(v: &'a ValidEntry, by: i64, now: NaiveDateTime) -> Self {
        NewExpert {
            id_number: crate::pii::Pii::new(v.id_number.as_str()),
            id_number_hash: crate::pii::hash(v.id_number.as_str()),
            name: &v.name,
            gender: v.gender,
            employer_id: v.employer_id,
            title: &v.title,
            title_level: v.title_level,
            series: v.series,
            phone: &v.phone,
            email: &v.email,
            created_by: by,
            created_at: now,
            updated_at: now,
        }
    }
}

/// A new membership as stored: `pre_entry` for `term`. One multi-row `INSERT` per batch on
/// SQLite too, as [`NewExpert`].
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = pool_members, treat_none_as_default_value = false)]
pub struct NewMember {
    pub committee_id: i64,
    pub expert_id: i64,
    pub status: PoolStatus,
    pub term_start: NaiveDate,
    pub term_end: NaiveDate,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl NewMember {
    /// `expert_id` pre-entered into the pool of `committee_id` by `by`.
    pub fn of(committee_id: i64, expert_id: i64, term: Term, by: i64, now: NaiveDateTime) -> Self {
        NewMember {
            committee_id,
            expert_id,
            status: PoolStatus::PreEntry,
            term_start: term.start,
            term_end: term.end,
            created_by: by,
            created_at: now,
            updated_at: now,
        }
    }
}

/// A membership removed earlier comes back as `pre_entry` with the new term.
pub fn rejoin(
    conn: &mut DbConnection,
    member_id: i64,
    term: Term,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::update(pool_members::table.find(member_id))
        .set((
            pool_members::status.eq(PoolStatus::PreEntry),
            pool_members::term_start.eq(term.start),
            pool_members::term_end.eq(term.end),
            pool_members::status_reason.eq(None::<String>),
            pool_members::updated_at.eq(now),
            pool_members::version.eq(pool_members::version + 1_i64),
        ))
        .execute(conn)?;
    Ok(())
}

/// Adds specialties a person does not have yet.
pub fn add_specialties(
    conn: &mut DbConnection,
    expert_id: i64,
    list: &[String],
) -> Result<(), ApiError> {
    let have = super::specialties(conn, expert_id)?;
    for s in list.iter().filter(|s| !have.contains(s)) {
        diesel::insert_into(expert_specialties::table)
            .values((
                expert_specialties::expert_id.eq(expert_id),
                expert_specialties::specialty.eq(s),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The person with this ID number, or a new one. An existing person keeps their fields (the
/// name must match) and gains the entry's new specialties; one with an integrity record is
/// refused.
pub fn find_or_create_person(
    conn: &mut DbConnection,
    v: &ValidEntry,
    by: i64,
    now: NaiveDateTime,
) -> Result<i64, ApiError> {
    require_unit(conn, "employer_id", v.employer_id)?;
    let existing: Option<ExpertRow> = experts::table
        .filter(experts::id_number_hash.eq(crate::pii::hash(v.id_number.as_str())))
        .select(ExpertRow::as_select())
        .first(conn)
        .optional()?;
    if let Some(p) = existing {
        if p.name != v.name {
            return Err(other_name());
        }
        if p.integrity_record.is_some() {
            return Err(super::barred());
        }
        add_specialties(conn, p.id, &v.specialties)?;
        return Ok(p.id);
    }
    let id: i64 = diesel::insert_into(experts::table)
        .values(NewExpert::of(v, by, now))
        .returning(experts::id)
        .get_result(conn)?;
    add_specialties(conn, id, &v.specialties)?;
    Ok(id)
}

/// Puts a person into a committee's pool as `pre_entry`: 409 `already_exists` when they are a
/// member of it already; a member removed earlier (without an integrity record) comes back as
/// `pre_entry` with the new term. Returns the membership id.
pub fn join_pool(
    conn: &mut DbConnection,
    committee_id: i64,
    expert_id: i64,
    term: Term,
    by: i64,
    now: NaiveDateTime,
) -> Result<i64, ApiError> {
    let person =
        super::expert(conn, expert_id)?.ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    if person.integrity_record.is_some() {
        return Err(super::barred());
    }
    let existing: Option<MemberRow> = pool_members::table
        .filter(pool_members::committee_id.eq(committee_id))
        .filter(pool_members::expert_id.eq(expert_id))
        .select(MemberRow::as_select())
        .first(conn)
        .optional()?;
    match existing {
        Some(m) if m.status == PoolStatus::Removed => {
            rejoin(conn, m.id, term, now)?;
            Ok(m.id)
        }
        Some(_) => Err(already_in_pool(&person.name)),
        None => Ok(diesel::insert_into(pool_members::table)
            .values(NewMember::of(committee_id, expert_id, term, by, now))
            .returning(pool_members::id)
            .get_result(conn)?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_is_at_most_three_years() {
        assert!(term("2026-01-01", "2028-12-31").is_ok());
        assert!(term("2026-01-01", "2029-01-01").is_err());
        assert!(term("2026-01-02", "2026-01-01").is_err());
        assert!(term("2026-1-x", "2026-01-01").is_err());
    }

    #[test]
    fn phones_and_mails() {
        assert!(phone("13800000000").is_ok());
        assert!(phone("abc").is_err());
        assert!(email("").is_ok());
        assert!(email("a@b.cn").is_ok());
        assert!(email("a@b").is_err());
    }
}
