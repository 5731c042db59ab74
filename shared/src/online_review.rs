//! During the review (manual §6.2.10.2–§6.2.10.5, SPEC §5): attendance (签到/签退), blind
//! opinions (盲评意见), the group leader's distribution (分发材料) and the experts' review forms
//! (专家评审). The wire shapes of `/api/v1/review-sessions/{id}/attendance…`,
//! `…/blind-opinions…`, `/api/v1/review-groups/{id}/distribution…`, `/api/v1/expert-reviews…`
//! and `/api/v1/me/expert-tasks`, and the one rule of the review form ([`check_form`]) both ends
//! apply. Timestamps are RFC 3339 (UTC).

use serde::{Deserialize, Serialize};

use crate::{
    application::{Level, Series},
    experts::{CommitteePosition, SessionStatus},
};

text_enum! {
    /// The grade of an external anonymous opinion (盲评等次), the four grades of peer review
    /// (同行专家评议) in provincial practice.
    BlindGrade {
        /// 优秀.
        Excellent = "excellent", "优秀", "Excellent";
        /// 良好.
        Good = "good", "良好", "Good";
        /// 合格.
        Qualified = "qualified", "合格", "Qualified";
        /// 不合格.
        Unqualified = "unqualified", "不合格", "Unqualified";
    }
}

text_enum! {
    /// The state of one expert's review form.
    ReviewStatus {
        /// 暂存: may still change.
        Draft = "draft", "暂存", "Draft";
        /// 已完成材料审查: locked.
        Completed = "completed", "已完成", "Completed";
    }
}

text_enum! {
    /// The part an expert plays for one dossier.
    ReviewRole {
        /// 主审: fills every field.
        Chief = "chief", "主审", "Chief reviewer";
        /// 副审: fills the overall evaluation only.
        Assistant = "assistant", "副审", "Assistant reviewer";
    }
}

text_enum! {
    /// Why an expert may not review an applicant (回避).
    RecusalReason {
        /// The expert works for the applicant's employer.
        SameEmployer = "same_employer", "与申报人同一单位", "Same employer as the applicant";
        /// The expert works in a unit below the applicant's employer, or for an employing unit
        /// the applicant's employer is below (a branch).
        EmployerSubtree = "employer_subtree", "与申报人单位有上下级隶属关系", "Works in the applicant's employer's unit tree";
        /// The expert declared a conflict with the applicant's unit (or a unit above it).
        DeclaredUnit = "declared_unit", "申报了与申报人单位的利益冲突", "Declared a conflict with the applicant's unit";
        /// The expert declared a conflict with the applicant in person.
        DeclaredPerson = "declared_person", "申报了与申报人本人的利益冲突", "Declared a conflict with the applicant";
    }
}

/// One expert of a session on the attendance sheet (签到表).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceRow {
    /// `session_experts.id` (what sign-in and sign-out name).
    pub session_expert_id: i64,
    /// Name.
    pub name: String,
    /// Employer's name.
    pub employer: String,
    /// Group, when drawn into one.
    pub group_id: Option<i64>,
    /// Group name.
    pub group_name: Option<String>,
    /// 评议组组长.
    pub group_leader: bool,
    /// 评委会职务.
    pub committee_position: Option<CommitteePosition>,
    /// Signed in and not signed out.
    pub signed_in: bool,
    /// Last sign-in.
    pub signed_in_at: Option<String>,
    /// Last sign-out (after the last sign-in).
    pub signed_out_at: Option<String>,
    /// For the next sign-in / sign-out.
    pub version: i64,
}

/// `GET /api/v1/review-sessions/{id}/attendance`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attendance {
    /// Session.
    pub session_id: i64,
    /// Its name.
    pub session_name: String,
    /// Its status.
    pub status: SessionStatus,
    /// The caller (the organising unit) may sign experts in and out now.
    pub may_edit: bool,
    /// The serving experts, by group then name.
    pub experts: Vec<AttendanceRow>,
    /// Per group: how many dossiers it has and how far distribution and review are.
    pub groups: Vec<GroupProgress>,
}

/// `POST …/attendance/sign-in` and `…/sign-out`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceChange {
    /// Which expert of the session.
    pub session_expert_id: i64,
    /// The version read.
    pub version: i64,
}

/// One group of a session as the organising unit follows it (分发材料, manual §6.2.10.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupProgress {
    /// Group.
    pub group_id: i64,
    /// Name.
    pub name: String,
    /// Dossiers in the group.
    pub dossiers: u32,
    /// Dossiers distributed to experts.
    pub distributed: u32,
    /// 进入评审.
    pub review_started_at: Option<String>,
    /// 答辩结束 (marked by the organising unit).
    pub defense_held_at: Option<String>,
    /// Review forms of the group.
    pub reviews: u32,
    /// Of which completed.
    pub reviews_completed: u32,
    /// For marking the defense held.
    pub version: i64,
}

/// An external anonymous opinion (盲评意见). The external reviewer is never named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BlindOpinion {
    /// Id.
    pub id: i64,
    /// The applicant's application.
    pub application_id: i64,
    /// The applicant's name.
    pub applicant_name: String,
    /// Grade.
    pub grade: BlindGrade,
    /// A short note (at most 500 characters).
    pub note: String,
    /// The opinion file's name.
    pub file_name: String,
    /// Its size in bytes.
    pub size: i64,
    /// When it was uploaded.
    pub uploaded_at: String,
}

/// An expert of a group as the leader distributes to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DistributionExpert {
    /// `session_experts.id`.
    pub session_expert_id: i64,
    /// Name.
    pub name: String,
    /// Employer's name.
    pub employer: String,
    /// Specialties covered in the group.
    pub covers: Vec<String>,
    /// The group leader.
    pub group_leader: bool,
    /// Signed in now.
    pub signed_in: bool,
    /// Dossiers given to them.
    pub assigned: u32,
    /// Of which as chief reviewer.
    pub chief: u32,
}

/// An expert a dossier is given to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assignee {
    /// `session_experts.id`.
    pub session_expert_id: i64,
    /// 主审 (exactly one per dossier).
    pub chief: bool,
}

/// An expert who may not review a dossier, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recusal {
    /// `session_experts.id`.
    pub session_expert_id: i64,
    /// Why.
    pub reason: RecusalReason,
}

/// One dossier of a group on the distribution screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DistributionDossier {
    /// Application.
    pub application_id: i64,
    /// Applicant's name.
    pub name: String,
    /// Employer's name.
    pub employer: String,
    /// Specialty.
    pub specialty: String,
    /// Qualification applied for.
    pub qualification: String,
    /// Who has it now.
    pub assignees: Vec<Assignee>,
    /// Who may not have it.
    pub recused: Vec<Recusal>,
}

/// `GET /api/v1/review-groups/{id}/distribution`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupDistribution {
    /// Group.
    pub group_id: i64,
    /// Name.
    pub group_name: String,
    /// Session.
    pub session_id: i64,
    /// Its name.
    pub session_name: String,
    /// Its status.
    pub session_status: SessionStatus,
    /// The group's version (for distribute and enter review).
    pub version: i64,
    /// 进入评审: the distribution is locked from then on.
    pub review_started_at: Option<String>,
    /// Dossiers in the group.
    pub dossiers: u32,
    /// Dossiers distributed (to anyone).
    pub distributed: u32,
    /// The caller is the signed-in leader and the distribution is still open.
    pub may_distribute: bool,
    /// The experts of the group.
    pub experts: Vec<DistributionExpert>,
    /// The dossiers, by applicant name.
    pub applications: Vec<DistributionDossier>,
}

/// The experts of one dossier in a distribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DistributionEntry {
    /// Application (of the group).
    pub application_id: i64,
    /// Two or more experts of the group, exactly one chief.
    pub experts: Vec<Assignee>,
}

/// `PUT /api/v1/review-groups/{id}/distribution`: replaces the experts of each listed dossier
/// (dossiers not listed keep theirs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DistributionUpdate {
    /// The group's version read.
    pub version: i64,
    /// The dossiers and their experts.
    pub entries: Vec<DistributionEntry>,
}

/// A versioned action on a group without other input (enter review, defense held).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupAction {
    /// The group's version read.
    pub version: i64,
}

/// The applicant's dossier as an expert reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dossier {
    /// Application.
    pub id: i64,
    /// Applicant's name.
    pub name: String,
    /// Employer's name.
    pub employer: String,
    /// Series.
    pub series: Series,
    /// Level.
    pub level: Level,
    /// Specialty.
    pub specialty: String,
    /// Qualification applied for.
    pub qualification: String,
    /// Current title.
    pub current_title: String,
    /// Years of service.
    pub years_of_service: i32,
    /// Achievements (业绩).
    pub achievements: String,
}

/// A file of the dossier (`GET /api/v1/attachments/{id}/content` downloads it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DossierFile {
    /// Attachment id.
    pub id: i64,
    /// File name.
    pub file_name: String,
    /// What it is.
    pub description: String,
    /// Size in bytes.
    pub size: i64,
}

/// Which fields of the form the expert may fill now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormFields {
    /// 学术、业绩评价意见 (chief).
    pub academic_evaluation: bool,
    /// 答辩题目 (chief, defense on).
    pub defense_questions: bool,
    /// 答辩评价意见 and 答辩成绩 (chief, defense on, after the defense).
    pub defense_result: bool,
    /// 综合评价意见 (everyone).
    pub overall_evaluation: bool,
}

/// `GET /api/v1/expert-reviews/{id}`: the form and what it reviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpertReview {
    /// Id.
    pub id: i64,
    /// For save and complete.
    pub version: i64,
    /// Draft or completed.
    pub status: ReviewStatus,
    /// Chief or assistant.
    pub role: ReviewRole,
    /// Session.
    pub session_id: i64,
    /// Its name.
    pub session_name: String,
    /// Group.
    pub group_id: i64,
    /// Its name.
    pub group_name: String,
    /// The session has defense (答辩).
    pub defense: bool,
    /// The group's defense is over.
    pub defense_held: bool,
    /// The dossier.
    pub application: Dossier,
    /// Its files.
    pub attachments: Vec<DossierFile>,
    /// The blind opinions of the applicant (when the session has blind review).
    pub blind_opinions: Vec<BlindOpinion>,
    /// 学术、业绩评价意见.
    pub academic_evaluation: String,
    /// 答辩题目.
    pub defense_questions: String,
    /// 答辩评价意见.
    pub defense_evaluation: String,
    /// 答辩成绩 0–100.
    pub defense_score: Option<i32>,
    /// 综合评价意见.
    pub overall_evaluation: String,
    /// Last saved.
    pub updated_at: String,
    /// Completed (locked).
    pub completed_at: Option<String>,
    /// What may be filled now (nothing once completed or out of the review).
    pub fields: FormFields,
}

/// `PUT /api/v1/expert-reviews/{id}` (暂存) and `POST …/complete` (完成材料审查): the whole form.
/// Fields the role may not fill must be empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewForm {
    /// The version read.
    pub version: i64,
    /// 学术、业绩评价意见.
    #[serde(default)]
    pub academic_evaluation: String,
    /// 答辩题目.
    #[serde(default)]
    pub defense_questions: String,
    /// 答辩评价意见.
    #[serde(default)]
    pub defense_evaluation: String,
    /// 答辩成绩 0–100.
    #[serde(default)]
    pub defense_score: Option<i32>,
    /// 综合评价意见.
    #[serde(default)]
    pub overall_evaluation: String,
}

/// At most this many characters per text field of the form.
pub const MAX_FORM_TEXT: usize = 5000;

/// Why a form is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormProblem {
    /// The role (or the session's settings) does not fill this field: it must be empty.
    NotYours(&'static str),
    /// The defense result before the defense is over.
    DefenseNotHeld,
    /// Too long.
    TooLong(&'static str),
    /// The score is not 0–100.
    ScoreRange,
    /// Completing needs this field.
    Missing(&'static str),
}

/// What the expert may fill: the chief the academic evaluation; with defense on the defense
/// questions, and once the defense is over its evaluation and score; everyone the overall
/// evaluation.
pub fn form_fields(role: ReviewRole, defense: bool, defense_held: bool) -> FormFields {
    let chief = role == ReviewRole::Chief;
    FormFields {
        academic_evaluation: chief,
        defense_questions: chief && defense,
        defense_result: chief && defense && defense_held,
        overall_evaluation: true,
    }
}

/// The rule of the review form: a save (`complete == false`) may leave fields empty but never
/// fill one the expert may not fill; completing needs every field the expert fills.
pub fn check_form(
    role: ReviewRole,
    defense: bool,
    defense_held: bool,
    form: &ReviewForm,
    complete: bool,
) -> Result<(), FormProblem> {
    let may = form_fields(role, defense, defense_held);
    let texts = [
        (
            "academic_evaluation",
            &form.academic_evaluation,
            may.academic_evaluation,
        ),
        (
            "defense_questions",
            &form.defense_questions,
            may.defense_questions,
        ),
        (
            "defense_evaluation",
            &form.defense_evaluation,
            may.defense_result,
        ),
        (
            "overall_evaluation",
            &form.overall_evaluation,
            may.overall_evaluation,
        ),
    ];
    let defense_result_blocked = role == ReviewRole::Chief && defense && !defense_held;
    for (field, text, allowed) in texts {
        if !allowed && !text.trim().is_empty() {
            if field == "defense_evaluation" && defense_result_blocked {
                return Err(FormProblem::DefenseNotHeld);
            }
            return Err(FormProblem::NotYours(field));
        }
        if text.chars().count() > MAX_FORM_TEXT {
            return Err(FormProblem::TooLong(field));
        }
    }
    if let Some(score) = form.defense_score {
        if !may.defense_result {
            return Err(if defense_result_blocked {
                FormProblem::DefenseNotHeld
            } else {
                FormProblem::NotYours("defense_score")
            });
        }
        if !(0..=100).contains(&score) {
            return Err(FormProblem::ScoreRange);
        }
    }
    if complete {
        if defense_result_blocked {
            return Err(FormProblem::DefenseNotHeld);
        }
        for (field, text, allowed) in texts {
            if allowed && text.trim().is_empty() {
                return Err(FormProblem::Missing(field));
            }
        }
        if may.defense_result && form.defense_score.is_none() {
            return Err(FormProblem::Missing("defense_score"));
        }
    }
    Ok(())
}

/// A session the expert serves in, on their home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskSession {
    /// Session.
    pub session_id: i64,
    /// Its name.
    pub session_name: String,
    /// Its status.
    pub status: SessionStatus,
    /// The expert's group.
    pub group_id: Option<i64>,
    /// Its name.
    pub group_name: Option<String>,
    /// The expert leads the group (distributes its dossiers).
    pub group_leader: bool,
    /// Signed in now.
    pub signed_in: bool,
    /// The group entered review.
    pub review_started: bool,
    /// Dossiers of the group.
    pub dossiers: u32,
    /// Of which distributed.
    pub distributed: u32,
}

/// A dossier waiting for (or reviewed by) the expert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskReview {
    /// The review form.
    pub review_id: i64,
    /// Application.
    pub application_id: i64,
    /// Applicant's name.
    pub applicant_name: String,
    /// Specialty.
    pub specialty: String,
    /// Session name.
    pub session_name: String,
    /// Group name.
    pub group_name: String,
    /// Chief or assistant.
    pub role: ReviewRole,
    /// Draft or completed.
    pub status: ReviewStatus,
}

/// `GET /api/v1/me/expert-tasks`: the expert's home page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpertTasks {
    /// Sessions the expert serves in (not closed), newest first.
    pub sessions: Vec<TaskSession>,
    /// Review forms: drafts first, then completed.
    pub reviews: Vec<TaskReview>,
}

/// `GET /api/v1/applications/{id}/review-progress`: where the application stands in the
/// online review — its group and how many of its reviews are complete, never who wrote what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewProgress {
    /// Session.
    pub session_id: i64,
    /// Its name.
    pub session_name: String,
    /// Its status.
    pub session_status: SessionStatus,
    /// The group.
    pub group_name: String,
    /// Experts the dossier is distributed to.
    pub reviewers: u32,
    /// Reviews completed.
    pub completed: u32,
    /// The group entered review.
    pub review_started_at: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReviewRole::{Assistant, Chief};

    fn full() -> ReviewForm {
        ReviewForm {
            version: 1,
            academic_evaluation: "学术".into(),
            defense_questions: "题目".into(),
            defense_evaluation: "答辩".into(),
            defense_score: Some(88),
            overall_evaluation: "综合".into(),
        }
    }

    fn only_overall() -> ReviewForm {
        ReviewForm {
            version: 1,
            overall_evaluation: "综合".into(),
            ..ReviewForm::default()
        }
    }

    #[test]
    fn the_fields_follow_role_defense_and_its_end() {
        // (role, defense, held) → (academic, questions, result, overall)
        let table = [
            (Chief, false, false, (true, false, false, true)),
            (Chief, true, false, (true, true, false, true)),
            (Chief, true, true, (true, true, true, true)),
            (Chief, false, true, (true, false, false, true)),
            (Assistant, true, true, (false, false, false, true)),
            (Assistant, false, false, (false, false, false, true)),
        ];
        for (role, defense, held, (a, q, r, o)) in table {
            let f = form_fields(role, defense, held);
            assert_eq!(
                (
                    f.academic_evaluation,
                    f.defense_questions,
                    f.defense_result,
                    f.overall_evaluation
                ),
                (a, q, r, o),
                "{role} {defense} {held}"
            );
        }
    }

    #[test]
    fn a_chief_completes_everything_only_after_the_defense() {
        assert_eq!(check_form(Chief, true, true, &full(), true), Ok(()));
        let mut early = full();
        early.defense_evaluation.clear();
        early.defense_score = None;
        assert_eq!(check_form(Chief, true, false, &early, false), Ok(()));
        assert_eq!(
            check_form(Chief, true, false, &early, true),
            Err(FormProblem::DefenseNotHeld)
        );
        assert_eq!(
            check_form(Chief, true, false, &full(), false),
            Err(FormProblem::DefenseNotHeld)
        );
        let mut no_score = full();
        no_score.defense_score = None;
        assert_eq!(
            check_form(Chief, true, true, &no_score, true),
            Err(FormProblem::Missing("defense_score"))
        );
        let mut bad = full();
        bad.defense_score = Some(101);
        assert_eq!(
            check_form(Chief, true, true, &bad, false),
            Err(FormProblem::ScoreRange)
        );
    }

    #[test]
    fn without_defense_the_chief_fills_no_defense_field() {
        assert_eq!(
            check_form(Chief, false, false, &full(), false),
            Err(FormProblem::NotYours("defense_questions"))
        );
        let form = ReviewForm {
            academic_evaluation: "学术".into(),
            ..only_overall()
        };
        assert_eq!(check_form(Chief, false, false, &form, true), Ok(()));
        assert_eq!(
            check_form(Chief, false, false, &only_overall(), true),
            Err(FormProblem::Missing("academic_evaluation"))
        );
    }

    #[test]
    fn an_assistant_fills_the_overall_evaluation_only() {
        assert_eq!(
            check_form(Assistant, true, true, &only_overall(), true),
            Ok(())
        );
        assert_eq!(
            check_form(Assistant, true, true, &full(), false),
            Err(FormProblem::NotYours("academic_evaluation"))
        );
        let score = ReviewForm {
            defense_score: Some(80),
            ..only_overall()
        };
        assert_eq!(
            check_form(Assistant, true, true, &score, false),
            Err(FormProblem::NotYours("defense_score"))
        );
        assert_eq!(
            check_form(Assistant, false, false, &ReviewForm::default(), true),
            Err(FormProblem::Missing("overall_evaluation"))
        );
        let long = ReviewForm {
            overall_evaluation: "长".repeat(MAX_FORM_TEXT + 1),
            ..ReviewForm::default()
        };
        assert_eq!(
            check_form(Assistant, false, false, &long, false),
            Err(FormProblem::TooLong("overall_evaluation"))
        );
    }
}
