//! Applications (SPEC §3) and the wire shapes of `/api/v1/applications`.

use serde::{Deserialize, Serialize};

use crate::{
    auth::UnitRef,
    workflow::{Action, Ctx, Stage},
};

text_enum! {
    /// Title series (职称系列). Committees are per series, never across series.
    Series {
        Engineering = "engineering", "工程系列", "Engineering";
        Agriculture = "agriculture", "农业系列", "Agriculture";
        Health = "health", "卫生系列", "Health";
        HigherEducation = "higher_education", "高等学校教师系列", "University teachers";
        SchoolTeachers = "school_teachers", "中小学教师系列", "School teachers";
        VocationalTeachers = "vocational_teachers", "技工院校教师系列", "Vocational school teachers";
        Research = "research", "自然科学研究系列", "Natural science research";
        SocialResearch = "social_research", "哲学社会科学研究系列", "Social science research";
        Economics = "economics", "经济系列", "Economics";
        Accounting = "accounting", "会计系列", "Accounting";
        Statistics = "statistics", "统计系列", "Statistics";
        Audit = "audit", "审计系列", "Audit";
        Journalism = "journalism", "新闻系列", "Journalism";
        Publishing = "publishing", "出版系列", "Publishing";
        Library = "library", "图书资料系列", "Library";
        Archives = "archives", "档案系列", "Archives";
        Museums = "museums", "文物博物系列", "Museums";
        Arts = "arts", "艺术系列", "Arts";
        Sports = "sports", "体育系列", "Sports";
        Translation = "translation", "翻译系列", "Translation";
        LegalServices = "legal_services", "公共法律服务系列", "Public legal services";
        Laboratory = "laboratory", "实验技术系列", "Laboratory technology";
    }
}

text_enum! {
    /// Title level (级别).
    Level {
        Junior = "junior", "初级", "Junior";
        Intermediate = "intermediate", "中级", "Intermediate";
        AssociateSenior = "associate_senior", "副高级", "Associate senior";
        Senior = "senior", "正高级", "Senior";
    }
}

text_enum! {
    /// Normal or exceptional (破格) declaration.
    DeclarationType {
        Normal = "normal", "正常申报", "Normal";
        Exceptional = "exceptional", "破格申报", "Exceptional";
    }
}

text_enum! {
    /// Gender as on the ID card.
    Gender {
        Male = "male", "男", "Male";
        Female = "female", "女", "Female";
    }
}

text_enum! {
    /// Highest education.
    Education {
        Doctorate = "doctorate", "博士研究生", "Doctorate";
        Master = "master", "硕士研究生", "Master";
        Bachelor = "bachelor", "大学本科", "Bachelor";
        College = "college", "大学专科", "College";
        Secondary = "secondary", "中专及以下", "Secondary or below";
    }
}

/// The applicant's content of an application (create and edit while in draft, returned or
/// supplement). The employer is the applicant account's unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplicationInput {
    /// Review year, e.g. 2026.
    pub year: i32,
    pub series: Series,
    /// 专业, e.g. 电气工程.
    pub specialty: String,
    pub level: Level,
    /// 任职资格, e.g. 高级工程师.
    pub qualification: String,
    pub declaration_type: DeclarationType,
    /// Name as on the ID card.
    pub name: String,
    /// 18-character resident ID number (checksum and birth date are verified).
    #[cfg_attr(feature = "openapi", schema(format = "id-number"))]
    pub id_number: String,
    pub gender: Gender,
    /// `YYYY-MM-DD`; must match the ID number.
    pub birth_date: String,
    pub education: Education,
    /// Current title (现任职称), may be empty for a first title.
    pub current_title: String,
    /// `YYYY-MM-DD` the current title was obtained, if any.
    pub current_title_date: Option<String>,
    /// Years of professional service (0–60).
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 60))]
    pub years_of_service: i32,
    /// Achievements (业绩成果), free text.
    pub achievements: String,
    /// Contact phone.
    pub phone: String,
}

/// A committee as applications refer to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitteeRef {
    pub id: i64,
    pub name: String,
    /// The organising unit.
    pub unit: UnitRef,
}

/// One application as the caller may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Application {
    pub id: i64,
    /// Optimistic-concurrency version: send it back with every action.
    pub version: i64,
    pub stage: Stage,
    /// The unit that must act next (the employer while the applicant holds it).
    pub holder_unit: UnitRef,
    pub employer: UnitRef,
    pub applicant_id: i64,
    pub committee: Option<CommitteeRef>,
    /// Came back after a failed policy review (补充材料); unit approval goes to re-review.
    pub resubmission: bool,
    /// The opinion of the last return, shown to the applicant.
    pub return_opinion: Option<String>,
    /// Set when the session is tallied.
    pub review_passed: Option<bool>,
    pub year: i32,
    pub series: Series,
    pub specialty: String,
    pub level: Level,
    pub qualification: String,
    pub declaration_type: DeclarationType,
    pub name: String,
    /// Whole for the applicant and the units that must see it, else masked `5201**********1234`.
    pub id_number: String,
    pub gender: Gender,
    pub birth_date: String,
    pub education: Education,
    pub current_title: String,
    pub current_title_date: Option<String>,
    pub years_of_service: i32,
    pub achievements: String,
    pub phone: String,
    pub created_at: String,
    pub updated_at: String,
    /// Started by the employer's handler for the applicant (由单位发起, manual §6.2).
    #[serde(default)]
    pub started_by_unit: bool,
    /// The first submission (RFC 3339); `None` while it has never been submitted — such a
    /// draft is seen only by its applicant and, if it started it, the employer.
    #[serde(default)]
    pub submitted_at: Option<String>,
    /// The facts `transition` needs, so the SPA can evaluate it.
    pub ctx: Ctx,
    /// The actions this caller may post now (same checks as the backend's).
    pub allowed_actions: Vec<Action>,
}

/// One row of an application list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationSummary {
    pub id: i64,
    pub version: i64,
    pub stage: Stage,
    pub name: String,
    /// Always masked in lists.
    pub id_number: String,
    pub employer: String,
    pub holder_unit: String,
    pub year: i32,
    pub series: Series,
    pub specialty: String,
    pub level: Level,
    pub qualification: String,
    pub resubmission: bool,
    pub updated_at: String,
    /// The actions this caller may post now (for row and batch buttons).
    pub allowed_actions: Vec<Action>,
    /// Started by the employer for the applicant (单位代为发起).
    #[serde(default)]
    pub started_by_unit: bool,
}

/// Filters of `GET /api/v1/applications`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ApplicationFilter {
    /// Only this stage.
    pub stage: Option<Stage>,
    pub year: Option<i32>,
    pub series: Option<Series>,
    pub level: Option<Level>,
    /// Only applications of employers in this unit's subtree.
    pub unit: Option<i64>,
    /// Name or whole ID number (at most 50 characters).
    #[cfg_attr(feature = "openapi", param(max_length = 50))]
    pub q: Option<String>,
    /// `true`: only the caller's to-do queue (what the caller's unit must act on now).
    pub todo: Option<bool>,
    /// `-id` (default: newest first), `id`, `name`, `-updated`.
    #[cfg_attr(feature = "openapi", param(pattern = "^(-id|id|name|-updated)$"))]
    pub sort: Option<String>,
    /// 1-based page (default 1).
    pub page: Option<u32>,
    /// Page size 1–100 (default 20).
    pub per_page: Option<u32>,
    /// `true`: only applications the employer started for the applicant (单位代为发起).
    #[serde(default)]
    pub started_by_unit: Option<bool>,
}

/// `POST /api/v1/applications/for-applicant`: the employer's handler starts an application
/// for an applicant account of its own unit (由单位发起, manual §6.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateForApplicantRequest {
    /// The applicant account (kind `applicant`, same unit as the caller, enabled).
    pub applicant_id: i64,
    pub application: ApplicationInput,
}

/// `PUT /api/v1/applications/{id}`: new content with the version read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateApplicationRequest {
    pub version: i64,
    pub application: ApplicationInput,
}

/// `POST /api/v1/applications/{id}/actions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActionRequest {
    pub action: Action,
    /// The version the caller read.
    pub version: i64,
    /// Opinion; required for rejections, returns, termination and failures.
    #[serde(default)]
    pub opinion: Option<String>,
    #[serde(flatten)]
    pub fields: ActionFields,
}

/// Fields some actions need.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionFields {
    /// `superior_approve` at an HRSS: assign this committee (else forward to the parent HRSS).
    /// `recommend`: send to this own committee (self-review authority).
    #[serde(default)]
    pub committee_id: Option<i64>,
    /// `policy_initial`: the initial result.
    #[serde(default)]
    pub pass: Option<bool>,
    /// `recommend`: the unit's handler (经办人) name.
    #[serde(default)]
    pub handler_name: Option<String>,
    /// `recommend`: the handler's phone.
    #[serde(default)]
    pub handler_phone: Option<String>,
    /// `recommend`: proof attachments uploaded by the unit (section `recommendation_proof`).
    /// `revoke`: the HRSS's proofs of the violation (section `revocation_proof`, at least one).
    #[serde(default)]
    pub proof_attachment_ids: Option<Vec<i64>>,
}

/// One item of a batch action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BatchItem {
    pub id: i64,
    pub version: i64,
}

/// `POST /api/v1/applications/actions`: one action on many applications (recommend many,
/// approve many), all or nothing: every item takes the same fields (handler, proofs,
/// committee) and either all change or none does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BatchActionRequest {
    pub action: Action,
    /// 1..=200 items.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 200))]
    pub items: Vec<BatchItem>,
    #[serde(default)]
    pub opinion: Option<String>,
    #[serde(flatten)]
    pub fields: ActionFields,
}

/// The result for one item of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchItemResult {
    pub id: i64,
    pub ok: bool,
    /// The new stage and version when `ok`.
    pub stage: Option<Stage>,
    pub version: Option<i64>,
    /// The error code and message when not `ok`.
    pub code: Option<crate::ErrorCode>,
    pub message: Option<String>,
}

/// Answer of a batch action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchActionResponse {
    pub succeeded: u32,
    pub failed: u32,
    pub results: Vec<BatchItemResult>,
}

/// The 409 answer of a batch refused as a whole (`code` = `batch_not_applied`): the error
/// envelope plus each item's verdict. The message names the applications that cannot take the
/// action and why; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchRefusal {
    pub code: crate::ErrorCode,
    pub message: String,
    /// Every item: `ok` for those that could have taken the action, else its code and reason.
    pub results: Vec<BatchItemResult>,
}

/// `GET /api/v1/applications/forward-target?ids=…`: where 审核通过 (`superior_approve`) of
/// these applications goes from the caller's unit, so the dialog can say it before acting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ForwardTarget {
    /// The caller's unit is an HRSS: it may assign a committee (分配评委会).
    pub may_assign: bool,
    /// The unit an approval without a committee forwards them to (the holder's parent); none
    /// at the top, where a committee must be assigned.
    pub forward_to: Option<UnitRef>,
    /// The committees the caller may assign every one of them to today (empty unless
    /// `may_assign`).
    pub committees: Vec<crate::committees::Committee>,
}

/// One step of the timeline (追踪).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEvent {
    pub id: i64,
    pub action: Action,
    pub from_stage: Stage,
    pub to_stage: Stage,
    /// Unit holding the application before / after.
    pub from_holder: String,
    pub to_holder: String,
    pub actor_name: String,
    pub actor_unit: Option<String>,
    pub opinion: Option<String>,
    /// `policy_initial` result.
    pub pass: Option<bool>,
    /// Committee assigned by this move.
    pub committee: Option<String>,
    /// Handler information of a recommendation.
    pub handler: Option<String>,
    /// Undone by a later `withdraw`.
    pub withdrawn: bool,
    pub created_at: String,
}

/// Qualification names offered for a series and level (the applicant may type another).
pub fn suggested_qualification(series: Series, level: Level) -> &'static str {
    use Level as L;
    use Series as S;
    match (series, level) {
        (S::Engineering, L::Junior) => "助理工程师",
        (S::Engineering, L::Intermediate) => "工程师",
        (S::Engineering, L::AssociateSenior) => "高级工程师",
        (S::Engineering, L::Senior) => "正高级工程师",
        (S::Agriculture, L::Junior) => "助理农艺师",
        (S::Agriculture, L::Intermediate) => "农艺师",
        (S::Agriculture, L::AssociateSenior) => "高级农艺师",
        (S::Agriculture, L::Senior) => "正高级农艺师",
        (S::Health, L::Junior) => "医师",
        (S::Health, L::Intermediate) => "主治医师",
        (S::Health, L::AssociateSenior) => "副主任医师",
        (S::Health, L::Senior) => "主任医师",
        (S::HigherEducation, L::Junior) => "助教",
        (S::HigherEducation, L::Intermediate) => "讲师",
        (S::HigherEducation, L::AssociateSenior) => "副教授",
        (S::HigherEducation, L::Senior) => "教授",
        (S::Economics, L::Junior) => "助理经济师",
        (S::Economics, L::Intermediate) => "经济师",
        (S::Economics, L::AssociateSenior) => "高级经济师",
        (S::Economics, L::Senior) => "正高级经济师",
        (S::Accounting, L::Junior) => "助理会计师",
        (S::Accounting, L::Intermediate) => "会计师",
        (S::Accounting, L::AssociateSenior) => "高级会计师",
        (S::Accounting, L::Senior) => "正高级会计师",
        (S::SchoolTeachers, L::Junior) => "二级教师",
        (S::SchoolTeachers, L::Intermediate) => "一级教师",
        (S::SchoolTeachers, L::AssociateSenior) => "高级教师",
        (S::SchoolTeachers, L::Senior) => "正高级教师",
        (_, L::Junior) => "初级职称",
        (_, L::Intermediate) => "中级职称",
        (_, L::AssociateSenior) => "副高级职称",
        (_, L::Senior) => "正高级职称",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_request_parses() {
        let r: Result<BatchActionRequest, _> = serde_json::from_str(
            r#"{"action":"unit_approve","opinion":"同意","items":[{"id":1,"version":2}]}"#,
        );
        assert!(r.is_ok(), "{r:?}");
    }
}

/// `GET /api/v1/applications/for-applicant/candidates`: an enabled applicant account of the
/// caller's unit that the unit may start an application for (由单位发起). The ID number is
/// whole: the form needs it and it must be the account holder's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicantCandidate {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub id_number: Option<String>,
    pub phone: Option<String>,
}
