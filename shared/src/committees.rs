//! Committees (评委会), their review authority filings (评审权备案, SPEC §5, manual §6.4) and
//! policy-review accounts (政策性审查账号, SPEC §2 and §4.5, manual §6.1.1 and §6.2.6): the wire
//! shapes of `/api/v1/review-authority-filings`, `/api/v1/committees` and
//! `/api/v1/policy-reviewers`. Dates are `YYYY-MM-DD`, timestamps RFC 3339 (UTC).

use serde::{Deserialize, Serialize};

use crate::{
    application::{Level, Series},
    auth::UnitRef,
};

text_enum! {
    /// State of a review authority filing.
    FilingStatus {
        /// Waiting for the HRSS above the applying unit.
        Pending = "pending", "待审核", "Pending";
        /// Approved: the committee may review within series, levels and validity.
        Approved = "approved", "审核通过", "Approved";
        /// Rejected with an opinion.
        Rejected = "rejected", "审核不通过", "Rejected";
    }
}

/// A committee as other records name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitteeRef {
    /// Id.
    pub id: i64,
    /// Name (unique within its organising unit).
    pub name: String,
    /// The one series it reviews.
    pub series: Series,
    /// The organising unit (评委会组建单位).
    pub unit: UnitRef,
}

/// `POST /api/v1/review-authority-filings`: the caller's unit files for review authority of a
/// committee it organises; the committee is created with the first filing of its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateFilingRequest {
    /// Committee name (1–100 characters); an existing committee of the unit is reused.
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub committee_name: String,
    /// The series (must equal an existing committee's series).
    pub series: Series,
    /// Levels applied for (non-empty, no repeats).
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub levels: Vec<Level>,
    /// Specialties (each 1–50 characters, at most 100; repeats dropped); empty means every
    /// specialty of the series.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::openapi_support::SpecialtyName>, max_items = 100))]
    pub specialties: Vec<String>,
    /// The region served (评审范围), 1–200 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 200, format = "text"))]
    pub region_scope: String,
    /// First valid day, `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub valid_from: String,
    /// Last valid day, `YYYY-MM-DD`; at most three years after `valid_from` (minus one day).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub valid_until: String,
    /// Explanation (at most 2000 characters).
    #[serde(default)]
    pub description: String,
}

/// `POST /api/v1/review-authority-filings/{id}/decision`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FilingDecision {
    /// Approve (true) or reject (false).
    pub approve: bool,
    /// Opinion (at most 500 characters); required when rejecting.
    #[serde(default)]
    pub opinion: Option<String>,
    /// The `version` the caller read; a stale one is 409 `version_conflict`.
    pub version: i64,
}

/// A review authority filing (评审权备案).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewAuthorityFiling {
    /// Id.
    pub id: i64,
    /// The committee.
    pub committee: CommitteeRef,
    /// The applying (organising) unit.
    pub unit: UnitRef,
    /// Series.
    pub series: Series,
    /// Levels.
    pub levels: Vec<Level>,
    /// Specialties; empty means every specialty of the series.
    pub specialties: Vec<String>,
    /// Region served.
    pub region_scope: String,
    /// First valid day.
    pub valid_from: String,
    /// Last valid day.
    pub valid_until: String,
    /// Explanation.
    pub description: String,
    /// State.
    pub status: FilingStatus,
    /// Who applied (username).
    pub applied_by: String,
    /// When.
    pub applied_at: String,
    /// Who audited (username).
    pub audited_by: Option<String>,
    /// When.
    pub audited_at: Option<String>,
    /// The audit opinion.
    pub opinion: Option<String>,
    /// Optimistic-lock version, to send back with a decision.
    pub version: i64,
    /// Whether the caller may decide it now.
    pub can_decide: bool,
}

/// The approved filing in force today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrentAuthority {
    /// The filing.
    pub filing_id: i64,
    /// Levels.
    pub levels: Vec<Level>,
    /// Specialties; empty means every specialty of the series.
    pub specialties: Vec<String>,
    /// Region served.
    pub region_scope: String,
    /// First valid day.
    pub valid_from: String,
    /// Last valid day.
    pub valid_until: String,
}

/// A committee with the authority it holds today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Committee {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Series.
    pub series: Series,
    /// The organising unit.
    pub unit: UnitRef,
    /// The approved filing in force today, if any.
    pub authority: Option<CurrentAuthority>,
    /// Whether it may be assigned applications today (an approved, unexpired filing).
    pub active: bool,
}

/// `POST /api/v1/policy-reviewers`: one or more policy-review accounts of a committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreatePolicyReviewersRequest {
    /// A committee the caller's unit organises, with an approved filing in force.
    pub committee_id: i64,
    /// Review year (2000–2100).
    #[cfg_attr(feature = "openapi", schema(minimum = 2000, maximum = 2100))]
    pub year: i32,
    /// Must equal the committee's series.
    pub series: Series,
    /// Specialties (optional; each 1–50 characters, at most 100, repeats dropped; within the
    /// filing's when it names some).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::openapi_support::SpecialtyName>, max_items = 100))]
    pub specialties: Vec<String>,
    /// Name shown (1–90 characters); with `count` > 1 each account gets ` 001`, ` 002`, ….
    #[cfg_attr(feature = "openapi", schema(max_length = 90, format = "text"))]
    pub display_name: String,
    /// How many accounts (1–50, default 1).
    #[serde(default = "one")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 50))]
    pub count: u32,
}

fn one() -> u32 {
    1
}

/// A policy-review account with its scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyReviewer {
    /// Account id.
    pub account_id: i64,
    /// System-generated username (`pr<committee>_<year>_<seq>`).
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// The committee.
    pub committee: CommitteeRef,
    /// Review year.
    pub year: i32,
    /// Series.
    pub series: Series,
    /// Specialties; empty means every specialty of the series.
    pub specialties: Vec<String>,
    /// Whether it may sign in.
    pub enabled: bool,
    /// When it first acted in a policy review (then it can no longer be edited).
    pub first_used_at: Option<String>,
    /// Whether name and specialties may still be edited (not used yet).
    pub editable: bool,
    /// The account's optimistic-lock version.
    pub version: i64,
    /// When created.
    pub created_at: String,
}

/// One created account and its initial password, shown only in this answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedPolicyReviewer {
    /// The account.
    pub reviewer: PolicyReviewer,
    /// Generated initial password; must be changed at first sign-in. Never shown again.
    pub initial_password: String,
}

/// Answer of `POST /api/v1/policy-reviewers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedPolicyReviewers {
    /// The accounts, in username order.
    pub items: Vec<CreatedPolicyReviewer>,
}

/// `PATCH /api/v1/policy-reviewers/{account_id}`: only before first use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdatePolicyReviewerRequest {
    /// New name shown.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 90, format = "text"))]
    pub display_name: Option<String>,
    /// New specialties (as in the create request).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Vec<crate::openapi_support::SpecialtyName>>, max_items = 100))]
    pub specialties: Option<Vec<String>>,
    /// The account `version` the caller read (checked when given).
    #[serde(default)]
    pub version: Option<i64>,
}

/// `POST /api/v1/policy-reviewers/{account_id}/enabled`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetEnabledRequest {
    /// Enable (true) or disable (false).
    pub enabled: bool,
}
