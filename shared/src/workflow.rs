//! The application workflow of SPEC §4: stages, actions and the one pure transition function
//! both ends use. The backend applies it inside a transaction; the SPA calls it to show only the
//! buttons the backend will accept.

use serde::{Deserialize, Serialize};

use crate::{modules::Module, Locale};

text_enum! {
    /// Where an application stands (SPEC §4.1). `returned` is a draft carrying a return opinion.
    Stage {
        Draft = "draft", "草稿", "Draft";
        Returned = "returned", "已退回", "Returned";
        UnitVerification = "unit_verification", "单位内部核验", "Unit verification";
        ApplicationPublicity = "application_publicity", "申报公示", "Application publicity";
        UnitRecommendation = "unit_recommendation", "单位推荐上报", "Unit recommendation";
        SuperiorReview = "superior_review", "上级单位流转", "Superior review";
        MaterialReceipt = "material_receipt", "材料接收", "Material receipt";
        PolicyReview = "policy_review", "政策性审查", "Policy review";
        NomineePublicity = "nominee_publicity", "拟送评人员名单公示", "Nominee publicity";
        FailurePublicity = "failure_publicity", "审查未通过公示", "Failure publicity";
        Supplement = "supplement", "补充材料", "Supplement";
        PolicyRereview = "policy_rereview", "政策性审查复审", "Policy re-review";
        OnlineReview = "online_review", "线上评审", "Online review";
        ResultPublicity = "result_publicity", "评审结果公示", "Result publicity";
        Passed = "passed", "评审通过", "Passed";
        Failed = "failed", "评审未通过", "Failed";
        Terminated = "terminated", "已终止", "Terminated";
        Voided = "voided", "已作废", "Voided";
        /// A passed application whose title was revoked for a verified violation (职称撤销).
        Revoked = "revoked", "已撤销", "Revoked";
    }
}

text_enum! {
    /// Every move of SPEC §4.2. Actions marked *system* are not posted by people: they happen
    /// when a publicity batch completes, a report is upheld or a session is tallied.
    Action {
        Submit = "submit", "提交申报", "Submit";
        UnitApprove = "unit_approve", "核验通过", "Approve";
        UnitReject = "unit_reject", "核验不通过", "Reject";
        /// System: the application publicity batch completed.
        ApplicationPublicityComplete = "application_publicity_complete", "申报公示完成", "Application publicity completed";
        Recommend = "recommend", "推荐上报", "Recommend";
        ReturnToVerification = "return_to_verification", "退回单位内部核验", "Return to verification";
        SuperiorApprove = "superior_approve", "审核通过", "Approve";
        SuperiorReject = "superior_reject", "审核不通过", "Reject";
        Terminate = "terminate", "终止申报", "Terminate";
        ReceiveAccept = "receive_accept", "同意接收", "Accept materials";
        ReceiveReject = "receive_reject", "拒绝接收", "Refuse materials";
        PolicyInitial = "policy_initial", "初审", "Initial review";
        PolicyRecheckPass = "policy_recheck_pass", "复核通过", "Recheck: pass";
        PolicyRecheckFail = "policy_recheck_fail", "复核不通过", "Recheck: fail";
        /// System: the failure publicity batch completed.
        FailurePublicityComplete = "failure_publicity_complete", "审查未通过公示完成", "Failure publicity completed";
        SubmitSupplement = "submit_supplement", "补充材料后提交", "Submit supplement";
        RereviewPass = "rereview_pass", "复审通过", "Re-review: pass";
        RereviewFail = "rereview_fail", "复审不通过", "Re-review: fail";
        /// System: the nominee publicity batch completed.
        NomineePublicityComplete = "nominee_publicity_complete", "拟送评公示完成", "Nominee publicity completed";
        /// System: the online-review session was tallied (pass/fail in the context).
        SessionTallied = "session_tallied", "统票完成", "Session tallied";
        /// System: the result publicity batch completed.
        ResultPublicityComplete = "result_publicity_complete", "评审结果公示完成", "Result publicity completed";
        /// System: a report (举报) during a publicity was upheld and the application sent back.
        ReportReturn = "report_return", "举报查实退回", "Returned on a report";
        /// System: a report (举报) during a publicity was upheld and the application ended.
        ReportTerminate = "report_terminate", "举报查实终止", "Terminated on a report";
        /// System: a report during the result publicity was upheld: the application fails
        /// with the report's finding as its reason (manual §6.2.10.9).
        ReportFail = "report_fail", "举报查实不予通过", "Failed on a report";
        Void = "void", "作废", "Void";
        Withdraw = "withdraw", "撤回", "Withdraw";
        /// An HRSS above the committee's unit revokes a passed title (职称撤销, manual §6.2).
        Revoke = "revoke", "撤销职称", "Revoke title";
    }
}

/// Who performs an action (the backend maps each to an account kind, module and jurisdiction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The applicant who owns the application.
    Applicant,
    /// The applicant's employer (unit account, admin or handler with the module).
    Employer,
    /// The unit currently holding the application in `superior_review`.
    Holder,
    /// The organising unit of the assigned committee.
    CommitteeUnit,
    /// A policy-review account whose scope covers the application.
    PolicyReviewer,
    /// Only the HRSS holder (superior_review) or the committee unit (material_receipt).
    TerminatingUnit,
    /// The actor of the application's last move.
    LastMover,
    /// An HRSS above the organising unit of the committee that reviewed the application.
    RevokingHrss,
    /// Nobody posts it: a batch, a report or a session does.
    System,
}

/// The facts of one application that decide where an action leads. The backend fills it from
/// the database; the SPA from the application it displays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ctx {
    /// The application came back after a failed policy review (补充材料): the unit's approval
    /// goes straight to `policy_rereview` (manual §6.2.1 B).
    pub resubmission: bool,
    /// `recommend` goes to the employer's own committee (material_receipt) rather than up.
    pub own_committee: bool,
    /// `superior_approve` at an HRSS assigns a committee (material_receipt) instead of
    /// forwarding to the next parent.
    pub assign_committee: bool,
    /// `superior_reject` / `receive_reject`: the previous holder was the employer (→
    /// unit_recommendation; for receipt: the employer's own committee) rather than another
    /// superior (→ superior_review one hop back).
    pub previous_is_employer: bool,
    /// `session_tallied` / `result_publicity_complete`: whether the applicant passed (the
    /// tally: passed → result publicity, otherwise failed).
    pub passed: bool,
    /// In `policy_review`: an initial check (初审) is recorded in this round. The recheck
    /// (复核) needs it; it cannot be repeated (manual §6.2.6, §6.2.9).
    #[serde(default)]
    pub initial_review: bool,
    /// The application's last move, for `withdraw`.
    pub last_move: Option<LastMove>,
}

/// The last move of an application, as far as `withdraw` needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LastMove {
    pub action: Action,
    pub from: Stage,
    /// The caller is the one who made it (same account for applicants, same unit otherwise).
    pub by_caller: bool,
}

/// Why a transition is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The stage is final (`failed`, `voided`, `revoked`; `terminated` accepts only `void`,
    /// `passed` only `revoke`).
    Final,
    /// The action does not apply to this stage.
    WrongStage,
    /// Only the system performs this action.
    SystemOnly,
    /// Nothing to withdraw: the last move is not the caller's, cannot be withdrawn, or the
    /// receiving stage has acted already.
    NotWithdrawable,
    /// The recheck (复核) comes after the initial check (初审).
    InitialReviewMissing,
    /// The initial check is recorded once per policy review.
    InitialReviewRecorded,
}

impl Refusal {
    /// A message for people.
    pub fn message(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Refusal::Final, Locale::ZhCn) => "申报已结束，不能再处理",
            (Refusal::Final, Locale::En) => "The application is closed",
            (Refusal::WrongStage, Locale::ZhCn) => "当前环节不能执行此操作",
            (Refusal::WrongStage, Locale::En) => "This action is not allowed in the current stage",
            (Refusal::SystemOnly, Locale::ZhCn) => "该操作由系统在公示完成或评审结束时执行",
            (Refusal::SystemOnly, Locale::En) => {
                "The system performs this action when a publicity or session completes"
            }
            (Refusal::NotWithdrawable, Locale::ZhCn) => {
                "下一环节已处理或不是本单位的操作，不能撤回"
            }
            (Refusal::NotWithdrawable, Locale::En) => {
                "Cannot withdraw: the next stage has acted or the last move was not yours"
            }
            (Refusal::InitialReviewMissing, Locale::ZhCn) => "尚未初审，不能复核",
            (Refusal::InitialReviewMissing, Locale::En) => {
                "The initial check must be recorded before the recheck"
            }
            (Refusal::InitialReviewRecorded, Locale::ZhCn) => "初审已完成，不能重复初审",
            (Refusal::InitialReviewRecorded, Locale::En) => "The initial check is already recorded",
        }
    }
}

/// The queue screens (单位内部核验, 单位推荐上报, 上级单位流转, 材料接收, 政策性审查, 政策性审查复审):
/// each module with the stage it lists, in menu order. The home page's queue cards follow it
/// on both ends (`GET /api/v1/todos` counts them; the SPA links them).
pub const QUEUES: &[(Module, Stage)] = &[
    (Module::UnitVerification, Stage::UnitVerification),
    (Module::UnitRecommendation, Stage::UnitRecommendation),
    (Module::SuperiorReview, Stage::SuperiorReview),
    (Module::MaterialReceipt, Stage::MaterialReceipt),
    (Module::PolicyReview, Stage::PolicyReview),
    (Module::PolicyRereview, Stage::PolicyRereview),
];

impl Stage {
    /// No further business: only reads (and `void` from `terminated`).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Stage::Passed | Stage::Failed | Stage::Terminated | Stage::Voided | Stage::Revoked
        )
    }

    /// The applicant may edit the application's content and attachments.
    pub fn is_editable(self) -> bool {
        matches!(self, Stage::Draft | Stage::Returned | Stage::Supplement)
    }

    /// The module whose queue lists applications in this stage (None for the applicant's own
    /// stages and the final ones).
    pub fn queue_module(self) -> Option<Module> {
        match self {
            Stage::UnitVerification => Some(Module::UnitVerification),
            Stage::ApplicationPublicity => Some(Module::ApplicationPublicity),
            Stage::UnitRecommendation => Some(Module::UnitRecommendation),
            Stage::SuperiorReview => Some(Module::SuperiorReview),
            Stage::MaterialReceipt => Some(Module::MaterialReceipt),
            Stage::PolicyReview => Some(Module::PolicyReview),
            Stage::NomineePublicity => Some(Module::NomineePublicity),
            Stage::FailurePublicity => Some(Module::FailurePublicity),
            Stage::PolicyRereview => Some(Module::PolicyRereview),
            Stage::OnlineReview => Some(Module::Sessions),
            Stage::ResultPublicity => Some(Module::ResultPublicity),
            Stage::Draft
            | Stage::Returned
            | Stage::Supplement
            | Stage::Passed
            | Stage::Failed
            | Stage::Terminated
            | Stage::Voided
            | Stage::Revoked => None,
        }
    }

    /// A publicity stage: while its batch is published, the move into it cannot be withdrawn.
    pub fn is_publicity(self) -> bool {
        match self {
            Stage::ApplicationPublicity
            | Stage::NomineePublicity
            | Stage::FailurePublicity
            | Stage::ResultPublicity => true,
            Stage::Draft
            | Stage::Returned
            | Stage::UnitVerification
            | Stage::UnitRecommendation
            | Stage::SuperiorReview
            | Stage::MaterialReceipt
            | Stage::PolicyReview
            | Stage::Supplement
            | Stage::PolicyRereview
            | Stage::OnlineReview
            | Stage::Passed
            | Stage::Failed
            | Stage::Terminated
            | Stage::Voided
            | Stage::Revoked => false,
        }
    }
}

impl Action {
    /// Who performs it.
    pub fn actor(self) -> Actor {
        match self {
            Action::Submit | Action::SubmitSupplement | Action::Void => Actor::Applicant,
            Action::UnitApprove
            | Action::UnitReject
            | Action::Recommend
            | Action::ReturnToVerification => Actor::Employer,
            Action::SuperiorApprove | Action::SuperiorReject => Actor::Holder,
            Action::Terminate => Actor::TerminatingUnit,
            Action::ReceiveAccept | Action::ReceiveReject => Actor::CommitteeUnit,
            Action::PolicyInitial
            | Action::PolicyRecheckPass
            | Action::PolicyRecheckFail
            | Action::RereviewPass
            | Action::RereviewFail => Actor::PolicyReviewer,
            Action::Withdraw => Actor::LastMover,
            Action::Revoke => Actor::RevokingHrss,
            Action::ApplicationPublicityComplete
            | Action::FailurePublicityComplete
            | Action::NomineePublicityComplete
            | Action::SessionTallied
            | Action::ResultPublicityComplete
            | Action::ReportReturn
            | Action::ReportTerminate
            | Action::ReportFail => Actor::System,
        }
    }

    /// The module a person needs to post it (`withdraw` needs the module of the stage the
    /// withdrawn move was made from; see [`Action::withdraw_module`]).
    pub fn module(self) -> Option<Module> {
        match self {
            Action::Submit | Action::SubmitSupplement | Action::Void => {
                Some(Module::MyApplications)
            }
            Action::UnitApprove | Action::UnitReject => Some(Module::UnitVerification),
            Action::Recommend | Action::ReturnToVerification => Some(Module::UnitRecommendation),
            Action::SuperiorApprove | Action::SuperiorReject => Some(Module::SuperiorReview),
            Action::ReceiveAccept | Action::ReceiveReject => Some(Module::MaterialReceipt),
            Action::PolicyInitial | Action::PolicyRecheckPass | Action::PolicyRecheckFail => {
                Some(Module::PolicyReview)
            }
            Action::RereviewPass | Action::RereviewFail => Some(Module::PolicyRereview),
            // An HRSS's workflow module (上级单位流转): revocation is the HRSS's business.
            Action::Revoke => Some(Module::SuperiorReview),
            // Decided by the stage: see `module_in`.
            Action::Terminate | Action::Withdraw => None,
            Action::ApplicationPublicityComplete
            | Action::FailurePublicityComplete
            | Action::NomineePublicityComplete
            | Action::SessionTallied
            | Action::ResultPublicityComplete
            | Action::ReportReturn
            | Action::ReportTerminate
            | Action::ReportFail => None,
        }
    }

    /// The module `terminate` and `withdraw` need, from the stage the caller acts in.
    pub fn module_in(self, stage: Stage) -> Option<Module> {
        match self {
            Action::Terminate => match stage {
                Stage::SuperiorReview => Some(Module::SuperiorReview),
                Stage::MaterialReceipt => Some(Module::MaterialReceipt),
                Stage::Draft
                | Stage::Returned
                | Stage::UnitVerification
                | Stage::ApplicationPublicity
                | Stage::UnitRecommendation
                | Stage::PolicyReview
                | Stage::NomineePublicity
                | Stage::FailurePublicity
                | Stage::Supplement
                | Stage::PolicyRereview
                | Stage::OnlineReview
                | Stage::ResultPublicity
                | Stage::Passed
                | Stage::Failed
                | Stage::Terminated
                | Stage::Voided
                | Stage::Revoked => None,
            },
            Action::Withdraw => {
                if stage.is_editable() {
                    Some(Module::MyApplications)
                } else {
                    stage.queue_module()
                }
            }
            Action::Submit
            | Action::UnitApprove
            | Action::UnitReject
            | Action::ApplicationPublicityComplete
            | Action::Recommend
            | Action::ReturnToVerification
            | Action::SuperiorApprove
            | Action::SuperiorReject
            | Action::ReceiveAccept
            | Action::ReceiveReject
            | Action::PolicyInitial
            | Action::PolicyRecheckPass
            | Action::PolicyRecheckFail
            | Action::FailurePublicityComplete
            | Action::SubmitSupplement
            | Action::RereviewPass
            | Action::RereviewFail
            | Action::NomineePublicityComplete
            | Action::SessionTallied
            | Action::ResultPublicityComplete
            | Action::ReportReturn
            | Action::ReportTerminate
            | Action::ReportFail
            | Action::Void
            | Action::Revoke => self.module(),
        }
    }

    /// An opinion (reason) must accompany it.
    pub fn requires_opinion(self) -> bool {
        matches!(
            self,
            Action::UnitReject
                | Action::SuperiorReject
                | Action::Terminate
                | Action::ReceiveReject
                | Action::PolicyRecheckFail
                | Action::RereviewFail
                | Action::ReturnToVerification
                | Action::ReportReturn
                | Action::ReportTerminate
                | Action::ReportFail
                | Action::Revoke
        )
    }

    /// A move that may be withdrawn by its actor while the next stage has not acted.
    pub fn is_withdrawable(self) -> bool {
        matches!(
            self,
            Action::Submit
                | Action::SubmitSupplement
                | Action::UnitApprove
                | Action::Recommend
                | Action::SuperiorApprove
                | Action::ReceiveAccept
                | Action::PolicyRecheckPass
                | Action::PolicyRecheckFail
                | Action::RereviewPass
        )
    }

    /// A person may post it to `POST /applications/{id}/actions`.
    pub fn is_posted(self) -> bool {
        self.actor() != Actor::System
    }
}

/// The table of SPEC §4.2: where `action` leads from `stage` given the application's facts.
/// Pure: the caller checks actor, module and jurisdiction.
pub fn transition(stage: Stage, action: Action, ctx: &Ctx) -> Result<Stage, Refusal> {
    use Action as A;
    use Stage as S;
    if stage.is_final()
        && !(stage == S::Terminated && action == A::Void)
        && !(stage == S::Passed && action == A::Revoke)
    {
        return Err(Refusal::Final);
    }
    // One arm per action (a new action does not compile until it is placed here), naming the
    // stages it applies to; every other stage refuses it.
    let next = match action {
        A::Submit => from(stage, &[S::Draft, S::Returned], S::UnitVerification)?,
        A::UnitApprove => from(
            stage,
            &[S::UnitVerification],
            if ctx.resubmission {
                S::PolicyRereview
            } else {
                S::ApplicationPublicity
            },
        )?,
        A::UnitReject => from(stage, &[S::UnitVerification], S::Returned)?,
        A::ApplicationPublicityComplete => {
            from(stage, &[S::ApplicationPublicity], S::UnitRecommendation)?
        }
        A::Recommend => from(
            stage,
            &[S::UnitRecommendation],
            if ctx.own_committee {
                S::MaterialReceipt
            } else {
                S::SuperiorReview
            },
        )?,
        A::ReturnToVerification => from(stage, &[S::UnitRecommendation], S::UnitVerification)?,
        A::SuperiorApprove => from(
            stage,
            &[S::SuperiorReview],
            if ctx.assign_committee {
                S::MaterialReceipt
            } else {
                S::SuperiorReview
            },
        )?,
        A::SuperiorReject => from(
            stage,
            &[S::SuperiorReview],
            if ctx.previous_is_employer {
                S::UnitRecommendation
            } else {
                S::SuperiorReview
            },
        )?,
        A::Terminate => from(
            stage,
            &[S::SuperiorReview, S::MaterialReceipt],
            S::Terminated,
        )?,
        A::ReceiveAccept => from(stage, &[S::MaterialReceipt], S::PolicyReview)?,
        A::ReceiveReject => from(
            stage,
            &[S::MaterialReceipt],
            if ctx.previous_is_employer {
                S::UnitRecommendation
            } else {
                S::SuperiorReview
            },
        )?,
        A::PolicyInitial => {
            let to = from(stage, &[S::PolicyReview], S::PolicyReview)?;
            if ctx.initial_review {
                return Err(Refusal::InitialReviewRecorded);
            }
            to
        }
        A::PolicyRecheckPass | A::PolicyRecheckFail => {
            let to = from(
                stage,
                &[S::PolicyReview],
                if action == A::PolicyRecheckPass {
                    S::NomineePublicity
                } else {
                    S::FailurePublicity
                },
            )?;
            if !ctx.initial_review {
                return Err(Refusal::InitialReviewMissing);
            }
            to
        }
        A::FailurePublicityComplete => from(stage, &[S::FailurePublicity], S::Supplement)?,
        A::SubmitSupplement => from(stage, &[S::Supplement], S::UnitVerification)?,
        A::RereviewPass => from(stage, &[S::PolicyRereview], S::NomineePublicity)?,
        A::RereviewFail => from(stage, &[S::PolicyRereview], S::Terminated)?,
        A::NomineePublicityComplete => from(stage, &[S::NomineePublicity], S::OnlineReview)?,
        // Passed → result publicity; not passed → failed, told on the timeline, never published.
        A::SessionTallied => from(
            stage,
            &[S::OnlineReview],
            if ctx.passed {
                S::ResultPublicity
            } else {
                S::Failed
            },
        )?,
        A::ResultPublicityComplete => from(
            stage,
            &[S::ResultPublicity],
            if ctx.passed { S::Passed } else { S::Failed },
        )?,
        A::ReportReturn => from(
            stage,
            &[
                S::ApplicationPublicity,
                S::NomineePublicity,
                S::FailurePublicity,
            ],
            S::Returned,
        )?,
        A::ReportTerminate => from(
            stage,
            &[
                S::ApplicationPublicity,
                S::NomineePublicity,
                S::FailurePublicity,
                S::ResultPublicity,
            ],
            S::Terminated,
        )?,
        A::ReportFail => from(stage, &[S::ResultPublicity], S::Failed)?,
        A::Void => from(stage, &[S::Draft, S::Returned, S::Terminated], S::Voided)?,
        A::Withdraw => match ctx.last_move {
            Some(last) if last.by_caller && last.action.is_withdrawable() => last.from,
            Some(_) | None => return Err(Refusal::NotWithdrawable),
        },
        A::Revoke => from(stage, &[S::Passed], S::Revoked)?,
    };
    Ok(next)
}

/// `to` when `stage` is one of `stages`, else [`Refusal::WrongStage`].
fn from(stage: Stage, stages: &[Stage], to: Stage) -> Result<Stage, Refusal> {
    if stages.contains(&stage) {
        Ok(to)
    } else {
        Err(Refusal::WrongStage)
    }
}

/// The actions a person could post from `stage` (ignoring who they are), in display order.
pub fn available(stage: Stage, ctx: &Ctx) -> Vec<Action> {
    Action::ALL
        .iter()
        .copied()
        .filter(|a| a.is_posted() && transition(stage, *a, ctx).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Ctx {
        Ctx::default()
    }

    /// The whole table: every stage × action with the default context, then the context-
    /// dependent rows. Any change to `transition` must change this table.
    #[test]
    fn every_stage_and_action() {
        use Action as A;
        use Stage as S;
        let allowed: &[(S, A, S)] = &[
            (S::Draft, A::Submit, S::UnitVerification),
            (S::Returned, A::Submit, S::UnitVerification),
            (S::UnitVerification, A::UnitApprove, S::ApplicationPublicity),
            (S::UnitVerification, A::UnitReject, S::Returned),
            (
                S::ApplicationPublicity,
                A::ApplicationPublicityComplete,
                S::UnitRecommendation,
            ),
            (S::ApplicationPublicity, A::ReportReturn, S::Returned),
            (S::ApplicationPublicity, A::ReportTerminate, S::Terminated),
            (S::UnitRecommendation, A::Recommend, S::SuperiorReview),
            (
                S::UnitRecommendation,
                A::ReturnToVerification,
                S::UnitVerification,
            ),
            (S::SuperiorReview, A::SuperiorApprove, S::SuperiorReview),
            (S::SuperiorReview, A::SuperiorReject, S::SuperiorReview),
            (S::SuperiorReview, A::Terminate, S::Terminated),
            (S::MaterialReceipt, A::Terminate, S::Terminated),
            (S::MaterialReceipt, A::ReceiveAccept, S::PolicyReview),
            (S::MaterialReceipt, A::ReceiveReject, S::SuperiorReview),
            (S::PolicyReview, A::PolicyInitial, S::PolicyReview),
            (
                S::FailurePublicity,
                A::FailurePublicityComplete,
                S::Supplement,
            ),
            (S::FailurePublicity, A::ReportReturn, S::Returned),
            (S::FailurePublicity, A::ReportTerminate, S::Terminated),
            (S::Supplement, A::SubmitSupplement, S::UnitVerification),
            (S::PolicyRereview, A::RereviewPass, S::NomineePublicity),
            (S::PolicyRereview, A::RereviewFail, S::Terminated),
            (
                S::NomineePublicity,
                A::NomineePublicityComplete,
                S::OnlineReview,
            ),
            (S::NomineePublicity, A::ReportReturn, S::Returned),
            (S::NomineePublicity, A::ReportTerminate, S::Terminated),
            (S::OnlineReview, A::SessionTallied, S::Failed),
            (S::ResultPublicity, A::ResultPublicityComplete, S::Failed),
            (S::ResultPublicity, A::ReportTerminate, S::Terminated),
            (S::ResultPublicity, A::ReportFail, S::Failed),
            (S::Draft, A::Void, S::Voided),
            (S::Returned, A::Void, S::Voided),
            (S::Terminated, A::Void, S::Voided),
            (S::Passed, A::Revoke, S::Revoked),
        ];
        for &stage in Stage::ALL {
            for &action in Action::ALL {
                let got = transition(stage, action, &ctx());
                let want = allowed
                    .iter()
                    .find(|(s, a, _)| *s == stage && *a == action)
                    .map(|(_, _, to)| *to);
                match want {
                    Some(to) => assert_eq!(got, Ok(to), "{stage} × {action}"),
                    None => {
                        let reason = if stage.is_final() {
                            Refusal::Final
                        } else if stage == S::PolicyReview
                            && matches!(action, A::PolicyRecheckPass | A::PolicyRecheckFail)
                        {
                            Refusal::InitialReviewMissing
                        } else if action == A::Withdraw {
                            Refusal::NotWithdrawable
                        } else {
                            Refusal::WrongStage
                        };
                        assert_eq!(got, Err(reason), "{stage} × {action}");
                    }
                }
            }
        }
    }

    #[test]
    fn context_dependent_rows() {
        use Action as A;
        use Stage as S;
        let c = |f: fn(&mut Ctx)| {
            let mut c = ctx();
            f(&mut c);
            c
        };
        assert_eq!(
            transition(
                S::UnitVerification,
                A::UnitApprove,
                &c(|c| c.resubmission = true)
            ),
            Ok(S::PolicyRereview)
        );
        assert_eq!(
            transition(
                S::UnitRecommendation,
                A::Recommend,
                &c(|c| c.own_committee = true)
            ),
            Ok(S::MaterialReceipt)
        );
        assert_eq!(
            transition(
                S::SuperiorReview,
                A::SuperiorApprove,
                &c(|c| c.assign_committee = true)
            ),
            Ok(S::MaterialReceipt)
        );
        assert_eq!(
            transition(
                S::SuperiorReview,
                A::SuperiorReject,
                &c(|c| c.previous_is_employer = true)
            ),
            Ok(S::UnitRecommendation)
        );
        assert_eq!(
            transition(
                S::MaterialReceipt,
                A::ReceiveReject,
                &c(|c| c.previous_is_employer = true)
            ),
            Ok(S::UnitRecommendation)
        );
        assert_eq!(
            transition(
                S::ResultPublicity,
                A::ResultPublicityComplete,
                &c(|c| c.passed = true)
            ),
            Ok(S::Passed)
        );
        assert_eq!(
            transition(S::OnlineReview, A::SessionTallied, &c(|c| c.passed = true)),
            Ok(S::ResultPublicity)
        );
        // Policy review: the recheck after the initial check, which is recorded once.
        let checked = c(|c| c.initial_review = true);
        assert_eq!(
            transition(S::PolicyReview, A::PolicyRecheckPass, &checked),
            Ok(S::NomineePublicity)
        );
        assert_eq!(
            transition(S::PolicyReview, A::PolicyRecheckFail, &checked),
            Ok(S::FailurePublicity)
        );
        assert_eq!(
            transition(S::PolicyReview, A::PolicyInitial, &checked),
            Err(Refusal::InitialReviewRecorded)
        );
        assert_eq!(
            transition(S::NomineePublicity, A::PolicyRecheckPass, &checked),
            Err(Refusal::WrongStage)
        );
    }

    #[test]
    fn withdraw_returns_to_the_previous_stage_only_for_its_actor() {
        use Action as A;
        use Stage as S;
        let mut c = ctx();
        for &action in Action::ALL {
            c.last_move = Some(LastMove {
                action,
                from: S::UnitVerification,
                by_caller: true,
            });
            let got = transition(S::ApplicationPublicity, A::Withdraw, &c);
            if action.is_withdrawable() {
                assert_eq!(got, Ok(S::UnitVerification), "{action}");
            } else {
                assert_eq!(got, Err(Refusal::NotWithdrawable), "{action}");
            }
        }
        c.last_move = Some(LastMove {
            action: A::UnitApprove,
            from: S::UnitVerification,
            by_caller: false,
        });
        assert_eq!(
            transition(S::ApplicationPublicity, A::Withdraw, &c),
            Err(Refusal::NotWithdrawable)
        );
        // A final stage cannot be withdrawn from, even by the one who moved it there.
        c.last_move = Some(LastMove {
            action: A::RereviewFail,
            from: S::PolicyRereview,
            by_caller: true,
        });
        assert_eq!(
            transition(S::Terminated, A::Withdraw, &c),
            Err(Refusal::Final)
        );
    }

    #[test]
    fn every_posted_action_names_its_module() {
        for &action in Action::ALL {
            if !action.is_posted() {
                continue;
            }
            let has_module = Stage::ALL.iter().any(|&s| action.module_in(s).is_some());
            assert!(has_module, "{action} has no module");
        }
    }

    #[test]
    fn available_lists_buttons() {
        assert_eq!(
            available(Stage::Draft, &ctx()),
            vec![Action::Submit, Action::Void]
        );
        assert_eq!(
            available(Stage::UnitVerification, &ctx()),
            vec![Action::UnitApprove, Action::UnitReject]
        );
        assert_eq!(available(Stage::Passed, &ctx()), vec![Action::Revoke]);
        assert!(available(Stage::Revoked, &ctx()).is_empty());
        assert_eq!(available(Stage::Terminated, &ctx()), vec![Action::Void]);
    }
}
