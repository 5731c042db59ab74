//! Publicity batches (公示, SPEC §4.3) with their reports (举报), and the public site's view.

use serde::{Deserialize, Serialize};

use crate::{
    application::{Level, Series},
    workflow::Stage,
};

text_enum! {
    /// What a batch publicises; each kind belongs to one workflow stage.
    PublicityKind {
        Application = "application", "申报公示", "Application publicity";
        Nominee = "nominee", "拟送评人员名单公示", "Nominee publicity";
        Failure = "failure", "审查未通过公示", "Failure publicity";
        Result = "result", "评审结果公示", "Result publicity";
    }
}

impl PublicityKind {
    /// The stage its applications stand in.
    pub fn stage(self) -> Stage {
        match self {
            PublicityKind::Application => Stage::ApplicationPublicity,
            PublicityKind::Nominee => Stage::NomineePublicity,
            PublicityKind::Failure => Stage::FailurePublicity,
            PublicityKind::Result => Stage::ResultPublicity,
        }
    }

    /// How an upheld report on a batch of this kind may be resolved: a result publicity fails
    /// the application (查实不予通过) where the others return it to the applicant.
    pub fn report_outcomes(self) -> &'static [ReportOutcome] {
        match self {
            PublicityKind::Result => &[
                ReportOutcome::Dismissed,
                ReportOutcome::Failed,
                ReportOutcome::Terminated,
            ],
            PublicityKind::Application | PublicityKind::Nominee | PublicityKind::Failure => &[
                ReportOutcome::Dismissed,
                ReportOutcome::Returned,
                ReportOutcome::Terminated,
            ],
        }
    }

    /// Whether published batches of this kind appear on the public site. Application
    /// publicity is posted inside the employer (manual §6.2.2), so it is not.
    pub fn is_public(self) -> bool {
        match self {
            PublicityKind::Application => false,
            PublicityKind::Nominee | PublicityKind::Failure | PublicityKind::Result => true,
        }
    }
}

text_enum! {
    /// `draft → published → completed`.
    PublicityStatus {
        Draft = "draft", "草稿", "Draft";
        Published = "published", "公示中", "Published";
        Completed = "completed", "公示完成", "Completed";
    }
}

text_enum! {
    /// A report's state.
    ReportStatus {
        Open = "open", "待处理", "Open";
        Dismissed = "dismissed", "不予采纳", "Dismissed";
        Returned = "returned", "查实退回", "Returned";
        Terminated = "terminated", "查实终止", "Terminated";
        /// A result publicity's report upheld: the application failed.
        Failed = "failed", "查实不予通过", "Failed";
    }
}

text_enum! {
    /// How the batch owner resolves a report.
    ReportOutcome {
        Dismissed = "dismissed", "不予采纳", "Dismiss";
        Returned = "returned", "退回申报人", "Return the application";
        Terminated = "terminated", "终止申报", "Terminate the application";
        /// Result publicity only: the application fails with the finding as its reason.
        Failed = "failed", "查实不予通过", "Fail the application";
    }
}

text_enum! {
    /// The outcome a result publicity announces for its people.
    PublicOutcome {
        Passed = "passed", "通过", "Passed";
    }
}

/// `POST /api/v1/publicity-batches`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreatePublicityBatch {
    pub kind: PublicityKind,
    /// 1–200 characters; generated from the standard template for `failure` when omitted.
    #[serde(default)]
    pub title: Option<String>,
    /// Up to 10 000 characters; generated for `failure` when omitted.
    #[serde(default)]
    pub content: Option<String>,
    /// `YYYY-MM-DD`, today or later.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub period_start: String,
    /// `YYYY-MM-DD`; the period holds at least 5 working days.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub period_end: String,
    /// `failure` only: the online supplement deadline `YYYY-MM-DD`, after the period's end
    /// (default: 5 working days after it). A supplement later than this is refused.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub supplement_deadline: Option<String>,
    /// `failure` only: the paper materials deadline `YYYY-MM-DD`, after the period's end
    /// (default: the online deadline).
    #[serde(default)]
    pub paper_deadline: Option<String>,
    /// `failure` only: where paper materials go (default: the committee unit's name).
    #[serde(default)]
    pub paper_address: Option<String>,
    /// `failure` only: the contact phone for paper materials (default: the committee unit's
    /// contact phone); a mobile or a landline with area code.
    #[serde(default)]
    pub paper_phone: Option<String>,
    /// 1–500 applications in the kind's stage that the caller owns. Not for `result`: its
    /// applications are the session's.
    #[serde(default)]
    pub application_ids: Vec<i64>,
    /// `result` only (required): a tallied session of a committee the caller's unit organises;
    /// the batch holds every application of it still in `result_publicity` (the passed ones).
    #[serde(default)]
    pub session_id: Option<i64>,
}

/// `PATCH /api/v1/publicity-batches/{id}` (draft only). Absent fields stay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdatePublicityBatch {
    /// The version the caller read.
    pub version: i64,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub period_start: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub period_end: Option<String>,
    /// Replaces the applications of the batch.
    #[serde(default)]
    pub application_ids: Option<Vec<i64>>,
    /// `failure` only (see `CreatePublicityBatch`); the content is not rewritten — take the
    /// new text from the template endpoint.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub supplement_deadline: Option<String>,
    #[serde(default)]
    pub paper_deadline: Option<String>,
    #[serde(default)]
    pub paper_address: Option<String>,
    #[serde(default)]
    pub paper_phone: Option<String>,
}

/// The deadlines of a failure publicity (manual §6.2.8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FailureDeadlines {
    /// `YYYY-MM-DD`: the last day a supplement is accepted online (逾期不再受理).
    pub supplement_deadline: String,
    /// `YYYY-MM-DD`: the last day paper materials are accepted.
    pub paper_deadline: String,
    pub paper_address: String,
    pub paper_phone: String,
}

/// `POST .../publish` and `POST .../complete`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BatchVersion {
    /// The version the caller read.
    pub version: i64,
}

/// A batch as a signed-in caller sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicityBatch {
    pub id: i64,
    pub version: i64,
    pub kind: PublicityKind,
    pub status: PublicityStatus,
    /// The publishing unit.
    pub unit: String,
    /// The committee (nominee, failure, result).
    pub committee: Option<String>,
    pub year: i32,
    pub series: Option<Series>,
    pub title: String,
    pub content: String,
    pub period_start: String,
    pub period_end: String,
    /// Working days of the period, both ends included.
    pub working_days: i64,
    pub item_count: i64,
    pub open_reports: i64,
    pub created_at: String,
    pub published_at: Option<String>,
    pub completed_at: Option<String>,
    /// The caller owns it: may edit, publish, complete and resolve its reports.
    pub can_manage: bool,
    /// `failure` batches: the online supplement and paper materials deadlines.
    #[serde(default)]
    pub deadlines: Option<FailureDeadlines>,
    /// `result` batches: the tallied review session whose results are publicised.
    #[serde(default)]
    pub session_id: Option<i64>,
    /// A published batch that cannot be completed today, by the server's clock: why (the
    /// screens disable 完成公示 and say so). Absent when it can be, or is not published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complete_blocked: Option<CompleteBlocked>,
}

/// Why 完成公示 is refused now (`PublicityBatch::complete_blocked`; the same check refuses
/// `POST …/complete` with 409 `publicity_not_finished`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum CompleteBlocked {
    /// The period has not elapsed: possible from `from` (`YYYY-MM-DD`, the day after
    /// `period_end`).
    PeriodRunning { from: String },
    /// `count` reports are still open.
    OpenReports { count: i64 },
}

/// A tallied session the caller may publicise the results of
/// (`GET /api/v1/publicity-batches/result-sessions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultSession {
    pub id: i64,
    pub name: String,
    pub committee: String,
    pub year: i32,
    /// Its passed applications not yet in a batch.
    pub passed: i64,
}

/// One publicised application. The ID number is always masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicityItem {
    pub application_id: i64,
    pub name: String,
    /// `5201**********1234`.
    pub id_number: String,
    /// The employer's name.
    pub employer: String,
    pub series: Series,
    pub specialty: String,
    pub level: Level,
    pub qualification: String,
    pub stage: Stage,
    /// The unit's contact as the unit corrected it during the publicity (manual §6.2.2).
    #[serde(default)]
    pub unit_contact: Option<String>,
    /// The unit's contact phone as corrected during the publicity.
    #[serde(default)]
    pub unit_phone: Option<String>,
    /// The caller is the applicant's unit and the batch is published: it may correct the
    /// unit information (`PUT .../items/{application_id}`).
    #[serde(default)]
    pub can_edit_unit: bool,
}

/// A report (举报).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicityReport {
    pub id: i64,
    pub batch_id: i64,
    pub application_id: i64,
    /// The reported applicant.
    pub applicant_name: String,
    pub reporter_name: String,
    /// Shown to the batch owner only.
    pub reporter_contact: Option<String>,
    pub content: String,
    /// Filed on the public site (no account).
    pub anonymous_site: bool,
    pub filed_at: String,
    pub status: ReportStatus,
    pub resolution: Option<String>,
    pub resolved_at: Option<String>,
}

/// `GET /api/v1/publicity-batches/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicityBatchDetail {
    pub batch: PublicityBatch,
    pub items: Vec<PublicityItem>,
    pub reports: Vec<PublicityReport>,
}

/// `POST .../reports` (signed in or on the public site).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FileReportRequest {
    /// An application of the batch.
    pub application_id: i64,
    /// 1–50 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 50, format = "text"))]
    pub reporter_name: String,
    /// Phone or address, 1–100 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 100, format = "text"))]
    pub reporter_contact: String,
    /// 1–2000 characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 2000, format = "text"))]
    pub content: String,
}

/// `POST /api/v1/publicity-reports/{id}/resolve`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResolveReportRequest {
    pub outcome: ReportOutcome,
    /// 1–500 characters; the opinion of a return or termination.
    #[cfg_attr(feature = "openapi", schema(max_length = 500, format = "text"))]
    pub resolution: String,
}

/// `GET /api/v1/publicity-batches/failure-template`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicityTemplate {
    pub title: String,
    pub content: String,
}

/// A batch on the public site (no login): published and completed nominee, failure and
/// result batches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicBatch {
    pub id: i64,
    pub kind: PublicityKind,
    pub status: PublicityStatus,
    pub unit: String,
    pub year: i32,
    pub series: Option<Series>,
    pub title: String,
    pub content: String,
    pub period_start: String,
    pub period_end: String,
    pub published_at: Option<String>,
    /// Reports may be filed now (published and within the period).
    pub accepting_reports: bool,
    /// The committee (nominee, failure and result batches).
    #[serde(default)]
    pub committee: Option<String>,
}

/// One publicised person on the public site: no phone, ID number masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicItem {
    pub application_id: i64,
    pub name: String,
    /// `5201**********1234`.
    pub id_number: String,
    pub employer: String,
    pub series: Series,
    pub specialty: String,
    pub level: Level,
    pub qualification: String,
    /// `result` batches: the outcome announced (通过).
    #[serde(default)]
    pub outcome: Option<PublicOutcome>,
}

/// `GET /api/v1/public/publicity/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicBatchDetail {
    pub batch: PublicBatch,
    pub items: Vec<PublicItem>,
}

/// Answer of filing a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportReceipt {
    pub id: i64,
    pub filed_at: String,
}

/// `PUT /api/v1/publicity-batches/{id}/items/{application_id}`: during the publicity the
/// applicant's unit corrects its information shown in the batch (manual §6.2.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdatePublicityItem {
    /// The batch's version the caller read.
    pub version: i64,
    /// The unit's name as published, 1–100 characters.
    pub unit_name: String,
    /// The unit's contact person, 1–50 characters.
    pub unit_contact: String,
    /// A mobile or a landline with area code.
    pub unit_phone: String,
}

impl UpdatePublicityItem {
    /// The rule both ends apply: every field with the reason it is refused, empty when valid.
    pub fn problems(&self) -> Vec<crate::rules::Problem> {
        use crate::rules::{text, Phone, Problem};
        let mut out = Vec::new();
        if let Err(rule) = text(&self.unit_name, 1, 100) {
            out.push(Problem {
                field: "unit_name",
                rule,
            });
        }
        if let Err(rule) = text(&self.unit_contact, 1, 50) {
            out.push(Problem {
                field: "unit_contact",
                rule,
            });
        }
        if let Err(rule) = Phone::parse(&self.unit_phone) {
            out.push(Problem {
                field: "unit_phone",
                rule,
            });
        }
        out
    }
}

#[cfg(test)]
mod item_unit_tests {
    use super::UpdatePublicityItem;

    #[test]
    fn item_unit_rules() {
        let ok = UpdatePublicityItem {
            version: 1,
            unit_name: "贵州省人民医院".into(),
            unit_contact: "王经办".into(),
            unit_phone: "0851-12345678".into(),
        };
        assert!(ok.problems().is_empty());
        let bad = UpdatePublicityItem {
            unit_name: " ".into(),
            unit_phone: "12".into(),
            ..ok
        };
        let fields: Vec<_> = bad.problems().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["unit_name", "unit_phone"]);
    }
}
