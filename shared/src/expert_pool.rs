//! The expert pool (专家库, manual §6.5): the wire shapes of `/api/v1/experts`,
//! `/api/v1/pool-members`, `/api/v1/pool-updates`, `/api/v1/expert-recommendations` and
//! `/api/v1/me/expert-profile`. Dates are `YYYY-MM-DD`, timestamps RFC 3339 (UTC). ID numbers
//! are masked on output (first 4 and last 4 characters).

use serde::{Deserialize, Serialize};

use crate::{
    application::{Gender, Level, Series},
    auth::UnitRef,
    committees::CommitteeRef,
    experts::{ConflictKind, PoolStatus},
};

text_enum! {
    /// State of a pool update filing (专家库更新备案).
    PoolUpdateStatus {
        /// Waiting for the HRSS above the organising unit.
        Pending = "pending", "待审核", "Pending";
        /// Approved: every change was applied.
        Approved = "approved", "审核通过", "Approved";
        /// Rejected with an opinion; nothing changed.
        Rejected = "rejected", "审核不通过", "Rejected";
    }
}

text_enum! {
    /// One change of a pool update filing.
    PoolUpdateAction {
        /// 增补: an expert joins the pool (pre-entry).
        Add = "add", "增补", "Add";
        /// 移出: a pool member is removed.
        Remove = "remove", "移出", "Remove";
    }
}

text_enum! {
    /// State of a recommendation (专家推荐).
    RecommendationStatus {
        /// Waiting for the committee's organising unit or HRSS.
        Pending = "pending", "待受理", "Pending";
        /// Accepted into pre-entry.
        Accepted = "accepted", "已受理", "Accepted";
        /// Declined with an opinion.
        Declined = "declined", "不予受理", "Declined";
    }
}

/// The pre-entry fields of a person (专家预入库), also those of a recommendation and of an
/// `add` change of a pool update filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExpertEntry {
    /// Name, 1–50 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 50, format = "text"))]
    pub name: String,
    /// Resident ID number (checked; its birth date and check character must be valid).
    #[cfg_attr(feature = "openapi", schema(format = "id-number"))]
    pub id_number: String,
    /// Gender.
    pub gender: Gender,
    /// The employer: a unit of the tree.
    pub employer_id: i64,
    /// Professional title, e.g. 高级教师 (1–50 characters).
    #[cfg_attr(feature = "openapi", schema(max_length = 50, format = "text"))]
    pub title: String,
    /// Its level.
    pub title_level: Level,
    /// Series.
    pub series: Series,
    /// One or more specialties (each 1–50 characters, at most 100, repeats dropped).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::openapi_support::SpecialtyName>, min_items = 1, max_items = 100))]
    pub specialties: Vec<String>,
    /// Phone (5–20 characters: digits, `-`, `+`, spaces).
    #[cfg_attr(feature = "openapi", schema(format = "contact-phone"))]
    pub phone: String,
    /// E-mail (optional).
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 100, format = "contact-email")
    )]
    pub email: String,
    /// First day of the term in the pool.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub term_start: String,
    /// Last day of the term: at most three years after `term_start` (less one day).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub term_end: String,
}

/// `POST /api/v1/experts`: pre-enter a person into a committee's pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PreEntryRequest {
    /// The committee whose pool it is.
    pub committee_id: i64,
    /// The person.
    pub entry: ExpertEntry,
}

/// An integrity record (违规记录), kept with the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IntegrityRecord {
    /// What happened.
    pub record: String,
    /// Who recorded it (username).
    pub recorded_by: String,
    /// When.
    pub recorded_at: String,
}

/// A person in the expert pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpertSummary {
    /// Expert id (one per person).
    pub id: i64,
    /// Name.
    pub name: String,
    /// ID number, masked.
    pub id_number: String,
    /// Gender.
    pub gender: Gender,
    /// Employer.
    pub employer: UnitRef,
    /// Professional title.
    pub title: String,
    /// Title level.
    pub title_level: Level,
    /// Series.
    pub series: Series,
    /// Specialties, sorted.
    pub specialties: Vec<String>,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// The `expert` account, once invited.
    pub username: Option<String>,
    /// Whether the expert completed the profile.
    pub profile_completed: bool,
    /// The integrity record (违规), if any: such a person is in no pool.
    pub integrity_record: Option<IntegrityRecord>,
    /// For `version_conflict` on edits and integrity records.
    pub version: i64,
}

/// A membership of a committee's pool: one row of the pool list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PoolMember {
    /// Pool member id.
    pub id: i64,
    /// The committee.
    pub committee: CommitteeRef,
    /// The person.
    pub expert: ExpertSummary,
    /// Status in this pool.
    pub status: PoolStatus,
    /// Term start.
    pub term_start: String,
    /// Term end.
    pub term_end: String,
    /// The reason of the last suspension or removal.
    pub status_reason: Option<String>,
    /// For `version_conflict`.
    pub version: i64,
    /// Whether the caller may invite, suspend, resume or remove.
    pub can_manage: bool,
}

/// A declared conflict of interest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Conflict {
    /// Unit or person.
    pub kind: ConflictKind,
    /// The unit (with its subtree), for `unit`.
    pub unit: Option<UnitRef>,
    /// The person's name, for `person`.
    pub person_name: String,
    /// The person's ID number, for `person` (masked, except in the expert's own profile).
    pub person_id_number: Option<String>,
    /// Why.
    pub reason: String,
}

/// A person with the profile and every membership the caller sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpertDetail {
    /// The person.
    pub expert: ExpertSummary,
    /// Education.
    pub education: String,
    /// Field of work.
    pub field_of_work: String,
    /// Availability.
    pub availability: String,
    /// Declared conflicts of interest.
    pub conflicts: Vec<Conflict>,
    /// Memberships of pools.
    pub memberships: Vec<PoolMember>,
}

/// `PATCH /api/v1/experts/{id}`: edit a person's pre-entry fields (not the ID number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExpertEdit {
    /// Name, 1–50 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 50, format = "text"))]
    pub name: String,
    /// Employer.
    pub employer_id: i64,
    /// Professional title (1–50 characters).
    #[cfg_attr(feature = "openapi", schema(max_length = 50, format = "text"))]
    pub title: String,
    /// Title level.
    pub title_level: Level,
    /// Series.
    pub series: Series,
    /// Specialties (one or more; as in [`ExpertEntry`]).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::openapi_support::SpecialtyName>, min_items = 1, max_items = 100))]
    pub specialties: Vec<String>,
    /// Phone (5–20 characters: digits, `-`, `+`, spaces).
    #[cfg_attr(feature = "openapi", schema(format = "contact-phone"))]
    pub phone: String,
    /// E-mail (optional).
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 100, format = "contact-email")
    )]
    pub email: String,
    /// The version read.
    pub version: i64,
}

/// `POST /api/v1/pool-members/{id}/status`: suspend, resume or remove, with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PoolStatusChange {
    /// `suspended`, `active` (resume) or `removed`.
    pub to: PoolStatus,
    /// Why (1–500 characters).
    #[cfg_attr(feature = "openapi", schema(max_length = 500, format = "text"))]
    pub reason: String,
    /// The version read.
    pub version: i64,
}

/// `POST /api/v1/pool-members/{id}/invite`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    /// The version read.
    pub version: i64,
}

/// The answer of an invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteAnswer {
    /// The membership, now `invited` (or `active` when the person already completed a profile).
    pub member: PoolMember,
    /// The expert's login name.
    pub username: String,
    /// Whether an account was created now (with the initial password and a forced change).
    pub account_created: bool,
}

/// `POST /api/v1/experts/{id}/integrity-record`: records 违规; removes from every pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IntegrityRecordRequest {
    /// What happened (1–1000 characters).
    pub record: String,
    /// The person's version read.
    pub version: i64,
}

/// A declared conflict in the profile form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConflictInput {
    /// Unit or person.
    pub kind: ConflictKind,
    /// For `unit`: a unit of the tree.
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// For `person`: the name (1–50 characters).
    #[serde(default)]
    pub person_name: String,
    /// For `person`: a valid ID number.
    #[serde(default)]
    pub person_id_number: Option<String>,
    /// Why (at most 200 characters).
    #[serde(default)]
    pub reason: String,
}

/// `PUT /api/v1/me/expert-profile`: the expert's own profile (专家个人信息).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfileInput {
    /// Education (1–200 characters).
    #[cfg_attr(feature = "openapi", schema(max_length = 200, format = "text"))]
    pub education: String,
    /// Field of work (1–500 characters).
    #[cfg_attr(feature = "openapi", schema(max_length = 500, format = "text"))]
    pub field_of_work: String,
    /// Availability (1–200 characters).
    #[cfg_attr(feature = "openapi", schema(max_length = 200, format = "text"))]
    pub availability: String,
    /// Phone (5–20 characters: digits, `-`, `+`, spaces).
    #[cfg_attr(feature = "openapi", schema(format = "contact-phone"))]
    pub phone: String,
    /// E-mail (optional).
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 100, format = "contact-email")
    )]
    pub email: String,
    /// Conflicts of interest (at most 50); replaces the declared list.
    #[serde(default)]
    pub conflicts: Vec<ConflictInput>,
    /// The version read.
    pub version: i64,
}

/// `POST …/decision` of pool updates and recommendations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PoolDecision {
    /// Approve / accept (true) or reject / decline (false).
    pub approve: bool,
    /// Opinion (at most 500 characters); required to reject or decline.
    #[serde(default)]
    pub opinion: Option<String>,
    /// The version read.
    pub version: i64,
}

/// One change asked for in a pool update filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PoolUpdateItemInput {
    /// Add or remove.
    pub action: PoolUpdateAction,
    /// `add` of an existing person.
    #[serde(default)]
    pub expert_id: Option<i64>,
    /// `add` of a new pre-entry record (with its term).
    #[serde(default)]
    pub entry: Option<ExpertEntry>,
    /// `remove`: a pool member of the committee.
    #[serde(default)]
    pub pool_member_id: Option<i64>,
    /// `add` of an existing person: term start.
    #[serde(default)]
    pub term_start: Option<String>,
    /// `add` of an existing person: term end.
    #[serde(default)]
    pub term_end: Option<String>,
    /// Why (1–500 characters).
    #[cfg_attr(feature = "openapi", schema(max_length = 500, format = "text"))]
    pub reason: String,
}

/// `POST /api/v1/pool-updates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreatePoolUpdate {
    /// The committee (organised by the caller's unit).
    pub committee_id: i64,
    /// Explanation (at most 1000 characters).
    #[serde(default)]
    pub reason: String,
    /// The changes (1–500).
    pub items: Vec<PoolUpdateItemInput>,
}

/// One change of a pool update filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PoolUpdateItem {
    /// Add or remove.
    pub action: PoolUpdateAction,
    /// The person's name.
    pub name: String,
    /// The person's ID number, masked.
    pub id_number: String,
    /// The existing person, if any.
    pub expert_id: Option<i64>,
    /// The membership removed, or the one the approval created.
    pub pool_member_id: Option<i64>,
    /// Term of an `add`.
    pub term_start: Option<String>,
    /// Term of an `add`.
    pub term_end: Option<String>,
    /// Why.
    pub reason: String,
}

/// A pool update filing (专家库更新备案).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PoolUpdate {
    /// Id.
    pub id: i64,
    /// The committee.
    pub committee: CommitteeRef,
    /// The applying (organising) unit.
    pub unit: UnitRef,
    /// Explanation.
    pub reason: String,
    /// State.
    pub status: PoolUpdateStatus,
    /// The changes, in order.
    pub items: Vec<PoolUpdateItem>,
    /// Who applied (username).
    pub applied_by: String,
    /// When.
    pub applied_at: String,
    /// Who audited.
    pub audited_by: Option<String>,
    /// When.
    pub audited_at: Option<String>,
    /// The auditor's opinion.
    pub opinion: Option<String>,
    /// For `version_conflict`.
    pub version: i64,
    /// Whether the caller may audit it now.
    pub can_decide: bool,
}

/// `POST /api/v1/expert-recommendations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateRecommendation {
    /// The committee.
    pub committee_id: i64,
    /// The person (pre-entry fields).
    pub entry: ExpertEntry,
    /// The recommending unit's reason (1–1000 characters).
    pub reason: String,
}

/// A recommendation (专家推荐).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recommendation {
    /// Id.
    pub id: i64,
    /// The committee.
    pub committee: CommitteeRef,
    /// The recommending unit.
    pub unit: UnitRef,
    /// The person (ID number masked).
    pub entry: ExpertEntry,
    /// The employer's name.
    pub employer: String,
    /// Why.
    pub reason: String,
    /// State.
    pub status: RecommendationStatus,
    /// Who recommended (username).
    pub applied_by: String,
    /// When.
    pub applied_at: String,
    /// Who decided.
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<String>,
    /// Opinion.
    pub opinion: Option<String>,
    /// The pre-entry membership an acceptance created.
    pub pool_member_id: Option<i64>,
    /// For `version_conflict`.
    pub version: i64,
    /// Whether the caller may accept or decline it now.
    pub can_decide: bool,
    /// The recommending unit's proof files (证明材料), in upload order.
    pub files: Vec<RecommendationFile>,
    /// Whether the caller may add or remove proof files now: the recommending unit, while the
    /// recommendation is pending.
    pub can_attach: bool,
}

/// At most this many proof files per recommendation.
pub const MAX_RECOMMENDATION_FILES: usize = 10;

/// A proof file (证明材料) of a recommendation: typed by its content on upload, like every
/// other file; downloaded from
/// `GET /api/v1/expert-recommendations/{id}/files/{file_id}/content`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecommendationFile {
    /// Id.
    pub id: i64,
    /// The name it was uploaded under.
    pub file_name: String,
    /// Its type, read from the content.
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the content (hex).
    pub sha256: String,
    /// When.
    pub uploaded_at: String,
    /// Who uploaded it (username).
    pub uploaded_by: String,
}
