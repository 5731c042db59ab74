//! The answers about applications: the detail (with the caller's `allowed_actions` and the
//! context the SPA needs) and the list rows (the same `allowed_actions`, computed by the same
//! authoriser over facts loaded for the whole page at once).

use std::collections::HashMap;

use diesel::prelude::*;
use shared::{
    application::{Application, ApplicationSummary},
    ids::mask_id_number,
};

use super::{
    permission,
    rows::{committee_ref, time, unit_ref, AppRow, SummaryRow},
};
use crate::{
    auth::AuthUser,
    db::{schema::units, DbConnection},
    error::ApiError,
};

impl AppRow {
    /// The full wire shape for `user`, who must see the application.
    pub fn into_dto(
        self,
        conn: &mut DbConnection,
        user: &AuthUser,
    ) -> Result<Application, ApiError> {
        let access = self.access();
        let whole = super::access::sees_whole_id(conn, user, &access)?;
        let stage = self.stage;
        let facts = permission::facts_of(conn, user, &access)?;
        let allowed_actions = permission::allowed_actions(user, &access, &facts);
        let ctx = facts.ctx;
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
            series: self.series,
            specialty: self.specialty,
            level: self.level,
            qualification: self.qualification,
            declaration_type: self.declaration_type,
            name: self.name,
            id_number: if whole {
                self.id_number
            } else {
                mask_id_number(&self.id_number)
            },
            gender: self.gender,
            birth_date: self.birth_date.format("%Y-%m-%d").to_string(),
            education: self.education,
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

/// The list rows for `user`: unit names and every row's facts are loaded once for the page.
pub fn summaries(
    conn: &mut DbConnection,
    user: &AuthUser,
    rows: Vec<SummaryRow>,
) -> Result<Vec<ApplicationSummary>, ApiError> {
    let mut ids: Vec<i64> = rows
        .iter()
        .flat_map(|r| [r.employer_id, r.holder_unit_id])
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let names: HashMap<i64, String> = units::table
        .filter(units::id.eq_any(&ids))
        .select((units::id, units::name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    let access: Vec<_> = rows.iter().map(SummaryRow::access).collect();
    let facts = permission::facts(conn, user, &access)?;
    rows.into_iter()
        .zip(access.iter().zip(facts.iter()))
        .map(|(r, (app, facts))| {
            Ok(ApplicationSummary {
                id: r.id,
                version: r.version,
                stage: r.stage,
                name: r.name,
                id_number: mask_id_number(&r.id_number),
                employer: names.get(&r.employer_id).cloned().unwrap_or_default(),
                holder_unit: names.get(&r.holder_unit_id).cloned().unwrap_or_default(),
                year: r.year,
                series: r.series,
                specialty: r.specialty,
                level: r.level,
                qualification: r.qualification,
                resubmission: r.resubmission,
                updated_at: time(r.updated_at),
                allowed_actions: permission::allowed_actions(user, app, facts),
                started_by_unit: r.started_by_unit,
            })
        })
        .collect()
}
