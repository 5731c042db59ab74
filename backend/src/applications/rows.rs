//! Stored applications and their conversion to the wire shapes.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::{
    application::{CommitteeRef, DeclarationType, Education, Gender, Level, Series},
    auth::UnitRef,
    workflow::Stage,
    UnitKind, UnitLevel,
};

use super::access::AppAccess;
use crate::{
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
    pub series: Series,
    pub specialty: String,
    pub level: Level,
    pub qualification: String,
    pub declaration_type: DeclarationType,
    pub name: String,
    pub id_number: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub education: Education,
    pub current_title: String,
    pub current_title_date: Option<NaiveDate>,
    pub years_of_service: i32,
    pub achievements: String,
    pub phone: String,
    pub stage: Stage,
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
    pub stage_entered_at: Option<NaiveDateTime>,
}

/// RFC 3339 UTC for the wire (the one format, `crate::clock::rfc3339`).
pub fn time(t: NaiveDateTime) -> String {
    crate::clock::rfc3339(t)
}

/// The unit as the DTOs refer to it.
pub fn unit_ref(conn: &mut DbConnection, id: i64) -> Result<UnitRef, ApiError> {
    let (name, kind, level): (String, UnitKind, UnitLevel) = units::table
        .find(id)
        .select((units::name, units::kind, units::level))
        .first(conn)?;
    Ok(UnitRef {
        id,
        name,
        kind,
        level,
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
            series: self.series,
            specialty: self.specialty.clone(),
            stage: self.stage,
            holder_unit_id: self.holder_unit_id,
            committee_id: self.committee_id,
            resubmission: self.resubmission,
            review_passed: self.review_passed,
            version: self.version,
            started_by_unit: self.started_by_unit,
            submitted_at: self.submitted_at,
        }
    }
}

/// The columns of a list row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = applications)]
pub struct SummaryRow {
    pub id: i64,
    pub version: i64,
    pub stage: Stage,
    pub name: String,
    pub id_number: String,
    pub applicant_id: i64,
    pub employer_id: i64,
    pub holder_unit_id: i64,
    pub committee_id: Option<i64>,
    pub year: i32,
    pub series: Series,
    pub specialty: String,
    pub level: Level,
    pub qualification: String,
    pub resubmission: bool,
    pub employer_path: String,
    pub review_passed: Option<bool>,
    pub updated_at: NaiveDateTime,
    pub started_by_unit: bool,
    pub submitted_at: Option<NaiveDateTime>,
}

impl SummaryRow {
    /// The access facts of this row.
    pub fn access(&self) -> AppAccess {
        AppAccess {
            id: self.id,
            applicant_id: self.applicant_id,
            employer_id: self.employer_id,
            employer_path: self.employer_path.clone(),
            year: self.year,
            series: self.series,
            specialty: self.specialty.clone(),
            stage: self.stage,
            holder_unit_id: self.holder_unit_id,
            committee_id: self.committee_id,
            resubmission: self.resubmission,
            review_passed: self.review_passed,
            version: self.version,
            started_by_unit: self.started_by_unit,
            submitted_at: self.submitted_at,
        }
    }
}
