//! Stored applications and their conversion to the wire shapes.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::{
    application::{
        Application, ApplicationSummary, CommitteeRef, DeclarationType, Education, Gender, Level,
        Series,
    },
    auth::UnitRef,
    ids::mask_id_number,
    workflow::{Action, Ctx, Stage},
    UnitKind, UnitLevel,
};

use super::{access::AppAccess, engine};
use crate::{
    auth::AuthUser,
    db::{
        schema::{applications, committees, units},
        DbConnection,
    },
    error::ApiError,
};

/// One stored application, every column.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = applications)]
pub struct AppRow {
    pub id: i64,
    pub applicant_id: i64,
    pub employer_id: i64,
    pub employer_path: String,
    pub year: i32,
    pub series: String,
    pub specialty: String,
    pub level: String,
    pub qualification: String,
    pub declaration_type: String,
    pub name: String,
    pub id_number: String,
    pub gender: String,
    pub birth_date: NaiveDate,
    pub education: String,
    pub current_title: String,
    pub current_title_date: Option<NaiveDate>,
    pub years_of_service: i32,
    pub achievements: String,
    pub phone: String,
    pub stage: String,
    pub holder_unit_id: i64,
    pub committee_id: Option<i64>,
    pub resubmission: bool,
    pub return_opinion: Option<String>,
    pub review_passed: Option<bool>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub started_by_unit: bool,
    pub submitted_at: Option<NaiveDateTime>,
}

fn bad(what: &str, value: &str) -> ApiError {
    ApiError::internal(anyhow::anyhow!("stored application has {what} {value:?}"))
}

/// Parses a stored text enum or reports the corrupt value.
pub fn parse<T>(what: &str, value: &str, f: fn(&str) -> Option<T>) -> Result<T, ApiError> {
    f(value).ok_or_else(|| bad(what, value))
}

/// RFC 3339 UTC for the wire.
pub fn time(t: NaiveDateTime) -> String {
    t.and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The unit as the DTOs refer to it.
pub fn unit_ref(conn: &mut DbConnection, id: i64) -> Result<UnitRef, ApiError> {
    let (name, kind, level): (String, String, String) = units::table
        .find(id)
        .select((units::name, units::kind, units::level))
        .first(conn)?;
    Ok(UnitRef {
        id,
        name,
        kind: parse("unit kind", &kind, UnitKind::parse)?,
        level: parse("unit level", &level, UnitLevel::parse)?,
    })
}

/// A committee as applications refer to it.
pub fn committee_ref(conn: &mut DbConnection, id: i64) -> Result<CommitteeRef, ApiError> {
    let (name, unit_id): (String, i64) = committees::table
        .find(id)
        .select((committees::name, committees::unit_id))
        .first(conn)?;
    Ok(CommitteeRef {
        id,
        name,
        unit: unit_ref(conn, unit_id)?,
    })
}

impl AppRow {
    /// Loads one row.
    pub fn load(conn: &mut DbConnection, id: i64) -> Result<AppRow, ApiError> {
        Ok(applications::table
            .find(id)
            .select(AppRow::as_select())
            .first(conn)?)
    }

    /// The access facts of this row.
    pub fn access(&self) -> AppAccess {
        AppAccess {
            id: self.id,
            applicant_id: self.applicant_id,
            employer_id: self.employer_id,
            employer_path: self.employer_path.clone(),
            year: self.year,
            series: self.series.clone(),
            specialty: self.specialty.clone(),
            stage: self.stage.clone(),
            holder_unit_id: self.holder_unit_id,
            committee_id: self.committee_id,
            resubmission: self.resubmission,
            review_passed: self.review_passed,
            version: self.version,
            started_by_unit: self.started_by_unit,
            submitted_at: self.submitted_at,
        }
    }

    /// The stored stage.
    pub fn stage(&self) -> Result<Stage, ApiError> {
        parse("stage", &self.stage, Stage::parse)
    }

    /// The full wire shape for `user`, who must see the application.
    pub fn into_dto(
        self,
        conn: &mut DbConnection,
        user: &AuthUser,
    ) -> Result<Application, ApiError> {
        let access = self.access();
        let whole = super::access::sees_whole_id(conn, user, &access)?;
        let stage = self.stage()?;
        let ctx = engine::context(conn, user, &access, stage)?;
        let allowed_actions = engine::allowed_actions(conn, user, &access, stage, &ctx)?;
        Ok(Application {
            id: self.id,
            version: self.version,
            stage,
            holder_unit: unit_ref(conn, self.holder_unit_id)?,
            employer: unit_ref(conn, self.employer_id)?,
            applicant_id: self.applicant_id,
            committee: self
                .committee_id
                .map(|c| committee_ref(conn, c))
                .transpose()?,
            resubmission: self.resubmission,
            return_opinion: self.return_opinion,
            review_passed: self.review_passed,
            year: self.year,
            series: parse("series", &self.series, Series::parse)?,
            specialty: self.specialty,
            level: parse("level", &self.level, Level::parse)?,
            qualification: self.qualification,
            declaration_type: parse(
                "declaration type",
                &self.declaration_type,
                DeclarationType::parse,
            )?,
            name: self.name,
            id_number: if whole {
                self.id_number
            } else {
                mask_id_number(&self.id_number)
            },
            gender: parse("gender", &self.gender, Gender::parse)?,
            birth_date: self.birth_date.format("%Y-%m-%d").to_string(),
            education: parse("education", &self.education, Education::parse)?,
            current_title: self.current_title,
            current_title_date: self
                .current_title_date
                .map(|d| d.format("%Y-%m-%d").to_string()),
            years_of_service: self.years_of_service,
            achievements: self.achievements,
            phone: if whole { self.phone } else { "***".to_owned() },
            created_at: time(self.created_at),
            updated_at: time(self.updated_at),
            started_by_unit: self.started_by_unit,
            submitted_at: self.submitted_at.map(time),
            ctx,
            allowed_actions,
        })
    }
}

/// The columns of a list row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = applications)]
pub struct SummaryRow {
    pub id: i64,
    pub version: i64,
    pub stage: String,
    pub name: String,
    pub id_number: String,
    pub applicant_id: i64,
    pub employer_id: i64,
    pub holder_unit_id: i64,
    pub committee_id: Option<i64>,
    pub year: i32,
    pub series: String,
    pub specialty: String,
    pub level: String,
    pub qualification: String,
    pub resubmission: bool,
    pub updated_at: NaiveDateTime,
}

impl SummaryRow {
    /// The list row; `names` resolves unit ids, `actions` are computed by the caller.
    pub fn into_dto(
        self,
        employer: String,
        holder: String,
        allowed_actions: Vec<Action>,
    ) -> Result<ApplicationSummary, ApiError> {
        Ok(ApplicationSummary {
            id: self.id,
            version: self.version,
            stage: parse("stage", &self.stage, Stage::parse)?,
            name: self.name,
            id_number: mask_id_number(&self.id_number),
            employer,
            holder_unit: holder,
            year: self.year,
            series: parse("series", &self.series, Series::parse)?,
            specialty: self.specialty,
            level: parse("level", &self.level, Level::parse)?,
            qualification: self.qualification,
            resubmission: self.resubmission,
            updated_at: time(self.updated_at),
            allowed_actions,
        })
    }
}

/// The default context for list rows (no database lookups): enough to tell which buttons exist.
pub fn light_ctx(resubmission: bool) -> Ctx {
    Ctx {
        resubmission,
        ..Ctx::default()
    }
}
