//! Issue 9 points 6 and 7: what changed between an application's last two submissions
//! (`GET /api/v1/applications/{id}/changes`, manual §6.2.1) and the workflow rules a system
//! administrator sets (`GET/PUT /api/v1/workflow-policy`, manual §6.2.6, §6.2.9).

use serde::{Deserialize, Serialize};

use crate::{
    application::{DeclarationType, Education, Gender, Level, Series},
    attachments::AttachmentSection,
    Locale,
};

/// The workflow rules that are settings rather than code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkflowPolicy {
    /// Four-eyes policy review: the initial check (初审) and the recheck (复核) of one round
    /// must be done by different policy-review accounts. On by default.
    pub four_eyes_policy_review: bool,
}

impl WorkflowPolicy {
    /// The `app_settings` key.
    pub const KEY: &'static str = "workflow_policy";
}

impl Default for WorkflowPolicy {
    fn default() -> Self {
        WorkflowPolicy {
            four_eyes_policy_review: true,
        }
    }
}

/// One field that differs between two submissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    /// The field's wire name (`specialty`, `achievements`, …); see [`field_label`].
    pub field: String,
    /// The wire value at the previous submission (empty when absent); see [`value_text`].
    pub before: String,
    /// The wire value at the latest submission.
    pub after: String,
}

/// An attachment as a submission recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmittedAttachment {
    pub id: i64,
    pub section: AttachmentSection,
    pub file_name: String,
}

/// What changed since the previous submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationChanges {
    /// The number of the latest submission (1 for the first; 0 when never submitted).
    pub submission: i32,
    /// RFC 3339: when the latest submission was made.
    pub submitted_at: Option<String>,
    /// RFC 3339: when the previous one was made (none: nothing to compare, the lists are
    /// empty).
    pub previous_submitted_at: Option<String>,
    /// The fields that differ, in the form's order.
    pub fields: Vec<FieldChange>,
    /// Files present now and not at the previous submission.
    pub attachments_added: Vec<SubmittedAttachment>,
    /// Files present at the previous submission and gone now.
    pub attachments_removed: Vec<SubmittedAttachment>,
}

/// The application's content fields a submission records, in the form's order.
pub const SUBMITTED_FIELDS: &[&str] = &[
    "year",
    "series",
    "specialty",
    "level",
    "qualification",
    "declaration_type",
    "name",
    "id_number",
    "gender",
    "birth_date",
    "education",
    "current_title",
    "current_title_date",
    "years_of_service",
    "achievements",
    "phone",
];

/// The label of a recorded field.
pub fn field_label(field: &str, locale: Locale) -> &str {
    let (zh, en) = match field {
        "year" => ("年度", "Year"),
        "series" => ("系列", "Series"),
        "specialty" => ("专业", "Specialty"),
        "level" => ("级别", "Level"),
        "qualification" => ("申报资格", "Qualification"),
        "declaration_type" => ("申报类型", "Declaration type"),
        "name" => ("姓名", "Name"),
        "id_number" => ("身份证号", "ID number"),
        "gender" => ("性别", "Gender"),
        "birth_date" => ("出生日期", "Birth date"),
        "education" => ("学历", "Education"),
        "current_title" => ("现任职称", "Current title"),
        "current_title_date" => ("取得现职称时间", "Current title since"),
        "years_of_service" => ("从业年限", "Years of service"),
        "achievements" => ("业绩成果", "Achievements"),
        "phone" => ("联系电话", "Phone"),
        other => return other,
    };
    match locale {
        Locale::ZhCn => zh,
        Locale::En => en,
    }
}

/// A recorded value as people read it (enum labels; other values as they are; `—` when
/// empty).
pub fn value_text(field: &str, raw: &str, locale: Locale) -> String {
    let label = match field {
        "series" => Series::parse(raw).map(|v| v.label(locale)),
        "level" => Level::parse(raw).map(|v| v.label(locale)),
        "declaration_type" => DeclarationType::parse(raw).map(|v| v.label(locale)),
        "gender" => Gender::parse(raw).map(|v| v.label(locale)),
        "education" => Education::parse(raw).map(|v| v.label(locale)),
        _ => None,
    };
    match label {
        Some(l) => l.to_owned(),
        None if raw.is_empty() => "—".to_owned(),
        None => raw.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_recorded_field_has_labels() {
        for f in SUBMITTED_FIELDS {
            assert_ne!(field_label(f, Locale::ZhCn), *f);
            assert_ne!(field_label(f, Locale::En), *f);
        }
        assert_eq!(value_text("level", "senior", Locale::En), "Senior");
        assert_eq!(value_text("phone", "", Locale::ZhCn), "—");
        assert!(WorkflowPolicy::default().four_eyes_policy_review);
    }
}
