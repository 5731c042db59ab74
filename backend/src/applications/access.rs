//! Who may see an application (SPEC §7), decided in SQL for lists and by one indexed lookup for
//! single reads:
//!
//! - an applicant sees only their own applications;
//! - unit-side accounts holding a workflow module see the applications of employers in their
//!   subtree, and those assigned to a committee organised in their subtree;
//! - a policy-review account sees the applications of its committee, year and series (and
//!   specialties, when its scope names some);
//! - an expert sees the dossiers distributed to it once its group entered review, while it is
//!   signed in to the session (`online::access::expert_dossiers`);
//! - nobody else (administrators, auditors) sees any;
//! - an application never submitted (`submitted_at IS NULL`) is private: only its applicant
//!   and, when the employer started it (`started_by_unit`), the employer's own accounts see it.
//!
//! Outside the caller's sight an application does not exist (404).

use diesel::{dsl::not, prelude::*};
use shared::{application::Series, workflow::Stage, AccountKind, ErrorCode, Module};

use crate::{
    auth::AuthUser,
    db::{
        schema::{applications, committees, policy_review_scopes, units},
        DbConnection,
    },
    error::ApiError,
    org::jurisdiction,
};

/// The modules that let a unit-side account read applications.
pub const READER_MODULES: &[Module] = &[
    Module::UnitVerification,
    Module::ApplicationPublicity,
    Module::UnitRecommendation,
    Module::SuperiorReview,
    Module::MaterialReceipt,
    Module::NomineePublicity,
    Module::FailurePublicity,
    Module::Sessions,
    Module::ResultPublicity,
];

/// The facts about one application that access and workflow decisions need.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = applications)]
pub struct AppAccess {
    pub id: i64,
    pub applicant_id: i64,
    pub employer_id: i64,
    pub employer_path: String,
    pub year: i32,
    pub series: Series,
    pub specialty: String,
    pub stage: Stage,
    pub holder_unit_id: i64,
    pub committee_id: Option<i64>,
    pub resubmission: bool,
    pub review_passed: Option<bool>,
    pub version: i64,
    pub started_by_unit: bool,
    pub submitted_at: Option<chrono::NaiveDateTime>,
}

/// The scope of a policy-review account.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = policy_review_scopes)]
pub struct ReviewerScope {
    pub account_id: i64,
    pub committee_id: i64,
    pub year: i32,
    pub series: String,
    pub specialties: String,
    pub first_used_at: Option<chrono::NaiveDateTime>,
}

impl ReviewerScope {
    /// The specialties of the scope; empty means every specialty of the series.
    pub fn specialty_list(&self) -> Vec<String> {
        serde_json::from_str(&self.specialties).unwrap_or_default()
    }

    /// Whether the application falls in this scope.
    pub fn covers(&self, app: &AppAccess) -> bool {
        let specialties = self.specialty_list();
        app.committee_id == Some(self.committee_id)
            && app.year == self.year
            && app.series.as_str() == self.series
            && (specialties.is_empty() || specialties.contains(&app.specialty))
    }
}

/// Whether the caller is a unit-side account that may read applications at all.
pub fn is_unit_reader(user: &AuthUser) -> bool {
    matches!(
        user.kind,
        AccountKind::Unit | AccountKind::UnitAdmin | AccountKind::Handler
    ) && READER_MODULES.iter().any(|m| user.modules.contains(m))
}

/// The caller's policy-review scope, if the caller is a policy-review account.
pub fn reviewer_scope(
    conn: &mut DbConnection,
    user: &AuthUser,
) -> Result<Option<ReviewerScope>, ApiError> {
    if user.kind != AccountKind::PolicyReviewer {
        return Ok(None);
    }
    Ok(policy_review_scopes::table
        .find(user.id)
        .select(ReviewerScope::as_select())
        .first(conn)
        .optional()?)
}

/// Whether a unit-side caller sees `app`: its employer, or its committee's organising unit, is
/// in the caller's subtree.
fn unit_sees(conn: &mut DbConnection, user: &AuthUser, app: &AppAccess) -> Result<bool, ApiError> {
    let (lo, hi) = jurisdiction::range(user);
    if app.employer_path >= lo && app.employer_path < hi {
        return Ok(true);
    }
    let Some(committee_id) = app.committee_id else {
        return Ok(false);
    };
    let inside: i64 = committees::table
        .inner_join(units::table)
        .filter(committees::id.eq(committee_id))
        .filter(units::path.ge(&lo))
        .filter(units::path.lt(&hi))
        .count()
        .get_result(conn)?;
    Ok(inside > 0)
}

/// Loads the application if the caller may see it; 404 otherwise.
pub fn require_visible(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: i64,
) -> Result<AppAccess, ApiError> {
    let app = applications::table
        .find(id)
        .select(AppAccess::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound))?;
    if sees(conn, user, &app)? {
        Ok(app)
    } else {
        Err(ApiError::new(ErrorCode::NotFound))
    }
}

/// Whether a unit-side caller may see `app` as far as draft privacy goes: it has been
/// submitted, or the caller's unit is the employer that started it.
fn past_private_draft(user: &AuthUser, app: &AppAccess) -> bool {
    app.submitted_at.is_some() || (app.started_by_unit && app.employer_id == user.unit_id)
}

/// Whether the caller sees `app`.
pub fn sees(conn: &mut DbConnection, user: &AuthUser, app: &AppAccess) -> Result<bool, ApiError> {
    Ok(match user.kind {
        AccountKind::Applicant => app.applicant_id == user.id,
        AccountKind::PolicyReviewer => {
            app.submitted_at.is_some() && reviewer_scope(conn, user)?.is_some_and(|s| s.covers(app))
        }
        AccountKind::Expert => {
            !crate::online::access::expert_dossiers(conn, user.id, Some(app.id))?.is_empty()
        }
        _ if is_unit_reader(user) => past_private_draft(user, app) && unit_sees(conn, user, app)?,
        _ => false,
    })
}

/// Records the first submission (the end of draft privacy). Called by the engine in the
/// transaction of a `submit`; later submissions keep the first time.
pub fn record_submission(
    conn: &mut DbConnection,
    id: i64,
    action: shared::workflow::Action,
    now: chrono::NaiveDateTime,
) -> Result<(), ApiError> {
    if action == shared::workflow::Action::Submit {
        diesel::update(
            applications::table
                .find(id)
                .filter(applications::submitted_at.is_null()),
        )
        .set(applications::submitted_at.eq(now))
        .execute(conn)?;
    }
    Ok(())
}

/// Whether the caller is one of those who must see the whole ID number: the applicant, the
/// employer, the unit holding it, the committee's organising unit, or a policy reviewer in
/// scope (the caller must already see the application).
pub fn sees_whole_id(
    conn: &mut DbConnection,
    user: &AuthUser,
    app: &AppAccess,
) -> Result<bool, ApiError> {
    Ok(match user.kind {
        AccountKind::Applicant | AccountKind::PolicyReviewer => true,
        _ => {
            user.unit_id == app.employer_id
                || user.unit_id == app.holder_unit_id
                || match app.committee_id {
                    Some(c) => {
                        committees::table
                            .find(c)
                            .select(committees::unit_id)
                            .first::<i64>(conn)
                            .optional()?
                            == Some(user.unit_id)
                    }
                    None => false,
                }
        }
    })
}

/// The boxed list query restricted to what the caller may see (the filter is in SQL).
pub fn visible_query<'a>(
    conn: &mut DbConnection,
    user: &AuthUser,
) -> Result<applications::BoxedQuery<'a, crate::db::DbBackend>, ApiError> {
    let base = applications::table.into_boxed();
    Ok(match user.kind {
        AccountKind::Applicant => base.filter(applications::applicant_id.eq(user.id)),
        AccountKind::PolicyReviewer => match reviewer_scope(conn, user)? {
            Some(scope) => {
                let specialties = scope.specialty_list();
                let q = base
                    .filter(applications::submitted_at.is_not_null())
                    .filter(applications::committee_id.eq(scope.committee_id))
                    .filter(applications::year.eq(scope.year))
                    .filter(applications::series.eq(scope.series));
                if specialties.is_empty() {
                    q
                } else {
                    q.filter(applications::specialty.eq_any(specialties))
                }
            }
            None => base.filter(applications::id.eq(-1)),
        },
        AccountKind::Expert => base.filter(
            applications::id.eq_any(crate::online::access::expert_dossiers(conn, user.id, None)?),
        ),
        _ if is_unit_reader(user) => {
            let (lo, hi) = jurisdiction::range(user);
            // The committees organised in the subtree are few: fetch their ids first, so that
            // both halves of the condition are plain index lookups (no correlated subquery).
            let organised: Vec<i64> = committees::table
                .inner_join(units::table)
                .filter(units::path.ge(&lo))
                .filter(units::path.lt(&hi))
                .select(committees::id)
                .load(conn)?;
            let in_subtree = applications::employer_path
                .ge(lo)
                .and(applications::employer_path.lt(hi));
            // Draft privacy: never-submitted applications only for the employer that started
            // them.
            let base = base.filter(
                applications::submitted_at
                    .is_not_null()
                    .or(applications::started_by_unit
                        .eq(true)
                        .and(applications::employer_id.eq(user.unit_id))),
            );
            if organised.is_empty() {
                base.filter(in_subtree)
            } else {
                base.filter(
                    in_subtree.or(applications::committee_id
                        .eq_any(organised.into_iter().map(Some).collect::<Vec<_>>())),
                )
            }
        }
        _ => base.filter(not(applications::id.eq(applications::id))),
    })
}
