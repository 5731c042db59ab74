//! Review filing (评审工作备案, manual §6.2.11, SPEC §5): after its result publicity the
//! committee's organising unit files the session with the HRSS above it, with four kinds of
//! file; the HRSS approves or rejects with an opinion; a rejected filing is corrected and
//! submitted again. The statuses and their one transition function live here, so the SPA
//! shows exactly the buttons the backend accepts.

use serde::{Deserialize, Serialize};

text_enum! {
    /// The kinds of file a filing carries; each is required before submitting.
    FilingFileKind {
        CommitteeNotice = "committee_notice", "评委会通知", "Committee notice";
        ResultList = "result_list", "评审结果公示名单", "Published result list";
        PublicityExplanation = "publicity_explanation", "公示情况说明", "Publicity explanation";
        QualificationDocument = "qualification_document", "任职资格文件", "Qualification documents";
    }
}

text_enum! {
    /// `draft → submitted → approved | rejected`; `rejected → submitted` after correction.
    ReviewFilingStatus {
        Draft = "draft", "草稿", "Draft";
        Submitted = "submitted", "待审核", "Submitted";
        Approved = "approved", "审核通过", "Approved";
        Rejected = "rejected", "审核不通过", "Rejected";
    }
}

text_enum! {
    /// What can happen to a filing.
    ReviewFilingAction {
        /// Change the note or the files (保存).
        Edit = "edit", "保存", "Save";
        /// 申报.
        Submit = "submit", "申报", "Submit";
        Approve = "approve", "审核通过", "Approve";
        Reject = "reject", "审核不通过", "Reject";
    }
}

/// Where `action` leads from `status`; `None` when it is not allowed there.
pub fn transition(
    status: ReviewFilingStatus,
    action: ReviewFilingAction,
) -> Option<ReviewFilingStatus> {
    use ReviewFilingAction as A;
    use ReviewFilingStatus as S;
    match (action, status) {
        (A::Edit, S::Draft | S::Rejected) => Some(status),
        (A::Submit, S::Draft | S::Rejected) => Some(S::Submitted),
        (A::Approve, S::Submitted) => Some(S::Approved),
        (A::Reject, S::Submitted) => Some(S::Rejected),
        (A::Edit | A::Submit, S::Submitted | S::Approved)
        | (A::Approve | A::Reject, S::Draft | S::Approved | S::Rejected) => None,
    }
}

/// The most files of one kind.
pub const MAX_FILES_PER_KIND: usize = 20;

/// The kinds that have no file among `present`, in display order.
pub fn missing_kinds(present: &[FilingFileKind]) -> Vec<FilingFileKind> {
    FilingFileKind::ALL
        .iter()
        .copied()
        .filter(|k| !present.contains(k))
        .collect()
}

/// The most characters of the note.
pub const MAX_NOTE_CHARS: usize = 2000;

/// `POST /api/v1/review-filings`: saves a draft for a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateReviewFiling {
    /// A session of a committee the caller's unit organises, whose result publicity is
    /// complete (tallied, none of its applications still in `result_publicity`).
    pub session_id: i64,
    /// 情况说明, at most 2000 characters.
    #[serde(default)]
    pub note: String,
}

/// `PATCH /api/v1/review-filings/{id}` (draft or rejected).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateReviewFiling {
    /// The version the caller read.
    pub version: i64,
    /// At most 2000 characters.
    pub note: String,
}

/// `POST /api/v1/review-filings/{id}/submit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SubmitReviewFiling {
    /// The version the caller read.
    pub version: i64,
}

/// `POST /api/v1/review-filings/{id}/decision`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReviewFilingDecision {
    /// Approve (true) or reject (false).
    pub approve: bool,
    /// At most 500 characters; required when rejecting.
    #[serde(default)]
    pub opinion: Option<String>,
    /// The approval document number (批准文号, at most 64 characters) that the certificates
    /// issued by an approval carry; only with `approve`.
    #[serde(default)]
    pub approval_document: Option<String>,
    /// The version the caller read.
    pub version: i64,
}

/// One file of a filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewFilingFile {
    pub id: i64,
    pub kind: FilingFileKind,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_at: String,
    pub uploaded_by: String,
}

/// A filing as the caller sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewFiling {
    pub id: i64,
    pub version: i64,
    pub session_id: i64,
    pub session: String,
    pub committee_id: i64,
    pub committee: String,
    /// The organising unit.
    pub unit_id: i64,
    pub unit: String,
    pub year: i32,
    pub status: ReviewFilingStatus,
    pub note: String,
    pub files: Vec<ReviewFilingFile>,
    /// The kinds still without a file (submitting needs none missing).
    pub missing: Vec<FilingFileKind>,
    pub created_at: String,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<String>,
    pub audited_by: Option<String>,
    pub audited_at: Option<String>,
    pub opinion: Option<String>,
    /// 批准文号 given with the approval.
    pub approval_document: Option<String>,
    /// Certificates issued by the approval.
    pub certificates_issued: i64,
    /// The caller is the organising unit with `title.filing.submit`: may save, upload and
    /// submit while the status allows it.
    pub can_edit: bool,
    /// The caller audits it now (the HRSS above, `title.filing.audit`, not the submitter).
    pub can_decide: bool,
}

/// A session the caller may file (`GET /api/v1/review-filings/filable-sessions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FilableSession {
    pub id: i64,
    pub name: String,
    pub committee: String,
    pub year: i32,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole table, written out: every status × action.
    #[test]
    fn every_status_and_action() {
        use ReviewFilingAction as A;
        use ReviewFilingStatus as S;
        let allowed: &[(S, A, S)] = &[
            (S::Draft, A::Edit, S::Draft),
            (S::Draft, A::Submit, S::Submitted),
            (S::Rejected, A::Edit, S::Rejected),
            (S::Rejected, A::Submit, S::Submitted),
            (S::Submitted, A::Approve, S::Approved),
            (S::Submitted, A::Reject, S::Rejected),
        ];
        for &status in ReviewFilingStatus::ALL {
            for &action in ReviewFilingAction::ALL {
                let want = allowed
                    .iter()
                    .find(|(s, a, _)| *s == status && *a == action)
                    .map(|(_, _, to)| *to);
                assert_eq!(transition(status, action), want, "{status} × {action}");
            }
        }
    }

    #[test]
    fn missing_kinds_in_display_order() {
        assert_eq!(missing_kinds(&[]), FilingFileKind::ALL.to_vec());
        assert_eq!(
            missing_kinds(&[
                FilingFileKind::ResultList,
                FilingFileKind::CommitteeNotice,
                FilingFileKind::ResultList
            ]),
            vec![
                FilingFileKind::PublicityExplanation,
                FilingFileKind::QualificationDocument
            ]
        );
    }
}
