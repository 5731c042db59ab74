//! The review session (评委会管理, manual §6.2.10.1): the wire shapes of sessions, groups,
//! needs, draws (抽取) with their verification, session experts and their positions, and the
//! committee-size rules (人社部令第40号) that starting a session checks.

use serde::{Deserialize, Serialize};

use crate::{
    application::Level,
    committees::CommitteeRef,
    experts::{CommitteePosition, DrawKind, SessionExpertStatus, SessionStatus},
};

text_enum! {
    /// How the committee is formed (40号令): by series (按系列组建) or by specialty (按专业组建).
    Formation {
        /// 按系列组建: a senior committee has at least `senior_by_series_min` members.
        Series = "series", "按系列组建", "By series";
        /// 按专业组建: a senior committee has at least `senior_by_specialty_min` members.
        Specialty = "specialty", "按专业组建", "By specialty";
    }
}

text_enum! {
    /// Why a candidate of a draw was left out of a group (回避 and the one-group rule).
    ExclusionReason {
        /// Already in another group (or drawn for one) of the same session.
        OtherGroup = "other_group", "已在本次评审其他小组", "In another group of this session";
        /// Works in an applicant's employer or a unit below it, or the applicant works in a
        /// unit below the expert's employer (an employing unit).
        Employer = "employer", "与申报人同单位（含下级单位）", "Same employer as an applicant (unit tree)";
        /// Declared a conflict with the applicant's unit (or a unit above it).
        ConflictUnit = "conflict_unit", "申报回避单位", "Declared conflict with the unit";
        /// Declared a conflict with the applicant (ID number).
        ConflictPerson = "conflict_person", "申报回避人员", "Declared conflict with the person";
    }
}

/// A review session as lists and the detail show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewSession {
    pub id: i64,
    pub committee: CommitteeRef,
    pub year: i32,
    pub name: String,
    /// `YYYY-MM-DD`.
    pub session_date: String,
    pub status: SessionStatus,
    /// 盲评.
    pub blind_review: bool,
    /// 答辩.
    pub defense: bool,
    /// How the committee is formed (the 40号令 size rule that applies).
    pub formed_by: Formation,
    pub group_count: i64,
    /// Experts serving (status `active`).
    pub expert_count: i64,
    pub created_by: String,
    pub created_at: String,
    pub version: i64,
    /// Whether the caller is the organising unit (may change it while it is set up).
    pub can_manage: bool,
}

/// `POST /api/v1/review-sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSession {
    pub committee_id: i64,
    /// The review year, 2000–2100.
    #[cfg_attr(feature = "openapi", schema(minimum = 2000, maximum = 2100))]
    pub year: i32,
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub name: String,
    /// `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub session_date: String,
}

/// `PATCH /api/v1/review-sessions/{id}`: the fields given change (setup only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionPatch {
    pub version: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub session_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blind_review: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defense: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formed_by: Option<Formation>,
}

/// A body that carries only the version read (start, delete).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VersionOnly {
    pub version: i64,
}

/// An application as a group shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupApplication {
    pub id: i64,
    pub name: String,
    pub specialty: String,
    pub level: Level,
    pub employer: String,
}

/// Experts needed in a group for one specialty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Need {
    /// The specialty, 1–50 characters; once per group.
    #[cfg_attr(feature = "openapi", schema(max_length = 50, format = "text"))]
    pub specialty: String,
    /// 0–100.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub count: i32,
}

/// A review group (评审小组) with its applications and needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewGroup {
    pub id: i64,
    pub session_id: i64,
    pub name: String,
    pub sort: i32,
    pub version: i64,
    pub applications: Vec<GroupApplication>,
    /// The distinct specialties of its applications, sorted.
    pub specialties: Vec<String>,
    pub needs: Vec<Need>,
}

/// `POST /api/v1/review-sessions/{id}/groups`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewGroup {
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub name: String,
}

/// `PATCH /api/v1/review-groups/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupPatch {
    pub version: i64,
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub name: String,
}

/// `POST /api/v1/review-groups/{id}/applications` (assign) and `…/applications/remove`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupApplications {
    /// The group's version.
    pub version: i64,
    pub application_ids: Vec<i64>,
}

/// `PUT /api/v1/review-groups/{id}/needs`: the group's needs, replaced as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PutNeeds {
    /// The group's version.
    pub version: i64,
    pub needs: Vec<Need>,
}

/// `POST /api/v1/review-sessions/{id}/draws`: draw every group (no `group_id`) or one. A group
/// that has a current draw is re-drawn, which needs a `reason`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DrawRequest {
    /// The session's version.
    pub version: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `POST /api/v1/review-groups/{id}/alternates`: draw `count` alternates (候补) for the group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AlternateRequest {
    /// The session's version.
    pub version: i64,
    /// 1–50.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 50))]
    pub count: i32,
}

/// One candidate left out of a group, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DrawExclusion {
    pub expert_id: i64,
    pub reason: ExclusionReason,
    /// The application that caused it (none for `other_group`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<i64>,
}

/// One expert a draw chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DrawPick {
    pub expert_id: i64,
    /// The group's needed specialties the expert covers.
    pub covers: Vec<String>,
    /// The alternate's rank (1 first) for an alternate draw.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<i32>,
}

/// A stored draw (the record, 抽取记录).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Draw {
    pub id: i64,
    pub session_id: i64,
    pub group_id: Option<i64>,
    pub group_name: String,
    pub kind: DrawKind,
    pub algorithm: String,
    /// The 32-byte seed from the operating system's CSPRNG, hex.
    pub seed: String,
    /// The candidates' expert ids in canonical order (ascending).
    pub candidates: Vec<i64>,
    pub exclusions: Vec<DrawExclusion>,
    pub result: Vec<DrawPick>,
    pub reason: Option<String>,
    pub superseded_by: Option<i64>,
    pub drawn_by: String,
    pub drawn_at: String,
    /// The experts the record names — those excluded and those drawn — with their employer,
    /// so that the record reads (and prints) without a lookup.
    #[serde(default)]
    pub names: Vec<DrawExpertName>,
}

/// A draw as the session's screen lists it: whom it chose, how many it considered and
/// excluded, who drew and why — without the candidate list and the exclusions, which the
/// record carries ([`Draw`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DrawSummary {
    pub id: i64,
    pub session_id: i64,
    pub group_id: Option<i64>,
    pub group_name: String,
    pub kind: DrawKind,
    pub algorithm: String,
    /// The seed, hex (as in the record).
    pub seed: String,
    /// How many candidates the draw considered.
    pub candidate_count: i64,
    /// How many of them it excluded (recusal, taken, term, …); the reasons are the record's.
    pub exclusion_count: i64,
    pub result: Vec<DrawPick>,
    pub reason: Option<String>,
    pub superseded_by: Option<i64>,
    pub drawn_by: String,
    pub drawn_at: String,
    /// The experts drawn, with their employer.
    #[serde(default)]
    pub names: Vec<DrawExpertName>,
}

/// An expert a draw record names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DrawExpertName {
    pub expert_id: i64,
    pub name: String,
    pub employer: String,
}

/// `GET /api/v1/draws/{id}/verify`: the draw re-run from its stored inputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DrawVerification {
    pub draw_id: i64,
    pub algorithm: String,
    /// Whether the re-run gives the stored exclusions and result.
    pub reproduced: bool,
    pub stored: Vec<DrawPick>,
    pub rerun: Vec<DrawPick>,
}

/// An expert of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionExpert {
    pub id: i64,
    pub expert_id: i64,
    pub name: String,
    pub employer: String,
    pub specialties: Vec<String>,
    pub group_id: Option<i64>,
    pub draw_id: i64,
    pub status: SessionExpertStatus,
    pub alternate_rank: Option<i32>,
    pub covers: Vec<String>,
    /// 评议组组长.
    pub group_leader: bool,
    pub committee_position: Option<CommitteePosition>,
    pub version: i64,
}

/// `PUT /api/v1/session-experts/{id}/position`: the expert's positions, replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PutPosition {
    pub version: i64,
    /// Makes the expert the group's leader (the previous leader stops being one).
    pub group_leader: bool,
    pub committee_position: Option<CommitteePosition>,
}

/// `POST /api/v1/session-experts/{id}/decline`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Decline {
    pub version: i64,
    #[cfg_attr(feature = "openapi", schema(max_length = 500, format = "text"))]
    pub reason: String,
}

/// A session with everything the step-by-step screen shows. For a drawn expert (`limited`)
/// only the session, their own group and themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionDetail {
    pub session: ReviewSession,
    pub limited: bool,
    pub groups: Vec<ReviewGroup>,
    pub experts: Vec<SessionExpert>,
    /// Every draw, current and superseded, newest first, as summaries: the candidate lists
    /// and exclusions are the record's (`GET /api/v1/review-sessions/{id}/draws`,
    /// `GET /api/v1/draws/{id}`), so that the screen's read does not grow with every re-draw.
    pub draws: Vec<DrawSummary>,
}

/// The committee-size rules of 人社部令第40号 that starting a session checks (an app setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionRules {
    /// Check the senior-committee size rules at all. On by default.
    pub senior_size_rules: bool,
    /// A senior committee formed by series has at least this many members (25).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 999))]
    pub senior_by_series_min: i32,
    /// A senior committee formed by specialty has at least this many members (11).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 999))]
    pub senior_by_specialty_min: i32,
}

impl SessionRules {
    /// The `app_settings` key.
    pub const KEY: &'static str = "session_rules";
}

impl Default for SessionRules {
    fn default() -> Self {
        SessionRules {
            senior_size_rules: true,
            senior_by_series_min: 25,
            senior_by_specialty_min: 11,
        }
    }
}
