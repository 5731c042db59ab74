//! Notices (站内通知, issue 12, beyond the manual): what tells people that something waits for
//! them. A notice is written in the same transaction as the event that causes it, to one
//! account (the applicant, the account concerned) or to one unit (seen by that unit's own
//! accounts that hold the notice's module — never by a parent or a sibling). Its text is made
//! here from its kind and parameters, so both ends word it alike.

use serde::{Deserialize, Serialize};

use crate::{publicity::PublicityKind, workflow::Stage, Locale};

text_enum! {
    /// What happened.
    NoticeKind {
        /// An application arrived in the unit's queue.
        ApplicationArrived = "application_arrived", "申报到达", "Application arrived";
        /// An application was returned to its applicant (or sent back to supplement).
        ApplicationReturned = "application_returned", "申报被退回", "Application returned";
        /// An application was withdrawn from the unit's queue by the one who sent it.
        ApplicationWithdrawn = "application_withdrawn", "申报被撤回", "Application withdrawn";
        /// A review filing was decided.
        FilingDecided = "filing_decided", "备案已审核", "Filing decided";
        /// A certificate was issued to the applicant.
        CertificateIssued = "certificate_issued", "证书已发放", "Certificate issued";
        /// The account was reset by an administrator.
        PasswordReset = "password_reset", "密码已重置", "Password reset";
        /// The account was locked after too many failed sign-ins.
        AccountLocked = "account_locked", "账号已锁定", "Account locked";
        /// The publicity period of a batch the applicant's application is in has begun.
        PublicityStarted = "publicity_started", "公示开始", "Publicity started";
        /// A batch's publicity period ends on the next working day.
        PublicityEnding = "publicity_ending", "公示即将结束", "Publicity ending";
        /// A batch's publicity period has ended: the owner completes it.
        PublicityEnded = "publicity_ended", "公示期已满", "Publicity ended";
        /// A failure publicity's online supplement deadline passed.
        SupplementDeadlinePassed = "supplement_deadline_passed", "补充材料已截止", "Supplement deadline passed";
        /// A report was filed against an application of the unit's batch.
        ReportFiled = "report_filed", "收到举报", "Report filed";
        /// Applications of a session were distributed to the expert for review.
        DossierDistributed = "dossier_distributed", "评审材料已分配", "Dossiers distributed";
        /// A vote the expert takes part in opened.
        VoteOpened = "vote_opened", "投票已开始", "Vote opened";
    }
}

/// What a notice's text is made of (every field optional; the kind says which are set).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeParams {
    /// The applicant's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The qualification applied for / certified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<String>,
    /// The stage the application is in now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    /// A certificate's number, a session's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A decision: approved (true) or rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved: Option<bool>,
    /// The opinion given with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opinion: Option<String>,
    /// A date (`YYYY-MM-DD`, the end of a publicity period) or a Beijing time
    /// (`YYYY-MM-DD HH:MM`, the end of a lockout).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// How many (dossiers distributed, open reports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    /// A publicity batch's kind (its page's address depends on it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publicity: Option<PublicityKind>,
}

/// The sentence of a notice.
pub fn text(kind: NoticeKind, p: &NoticeParams, locale: Locale) -> String {
    let name = p.name.as_deref().unwrap_or_default();
    let qualification = p.qualification.as_deref().unwrap_or_default();
    let label = p.label.as_deref().unwrap_or_default();
    let stage = p.stage.map(|s| s.label(locale)).unwrap_or_default();
    let opinion = p.opinion.as_deref().filter(|o| !o.is_empty());
    let date = p.date.as_deref().unwrap_or_default();
    let count = p.count.unwrap_or_default();
    match (kind, locale) {
        (NoticeKind::ApplicationArrived, Locale::ZhCn) => {
            format!("{name}的{qualification}申报已到达，待{stage}")
        }
        (NoticeKind::ApplicationArrived, Locale::En) => {
            format!("{name}'s application for {qualification} arrived: {stage}")
        }
        (NoticeKind::ApplicationReturned, Locale::ZhCn) => match opinion {
            Some(o) => format!("您的{qualification}申报被退回（{stage}）：{o}"),
            None => format!("您的{qualification}申报被退回（{stage}）"),
        },
        (NoticeKind::ApplicationReturned, Locale::En) => match opinion {
            Some(o) => format!("Your application for {qualification} was returned ({stage}): {o}"),
            None => format!("Your application for {qualification} was returned ({stage})"),
        },
        (NoticeKind::ApplicationWithdrawn, Locale::ZhCn) => {
            format!("{name}的{qualification}申报已被撤回")
        }
        (NoticeKind::ApplicationWithdrawn, Locale::En) => {
            format!("{name}'s application for {qualification} was withdrawn")
        }
        (NoticeKind::FilingDecided, Locale::ZhCn) => {
            let verdict = if p.approved == Some(true) {
                "审核通过"
            } else {
                "审核不通过"
            };
            match opinion {
                Some(o) => format!("评审工作备案“{label}”{verdict}：{o}"),
                None => format!("评审工作备案“{label}”{verdict}"),
            }
        }
        (NoticeKind::FilingDecided, Locale::En) => {
            let verdict = if p.approved == Some(true) {
                "approved"
            } else {
                "rejected"
            };
            match opinion {
                Some(o) => format!("The review filing “{label}” was {verdict}: {o}"),
                None => format!("The review filing “{label}” was {verdict}"),
            }
        }
        (NoticeKind::CertificateIssued, Locale::ZhCn) => {
            format!("您的{qualification}证书已发放，证书编号 {label}")
        }
        (NoticeKind::CertificateIssued, Locale::En) => {
            format!("Your {qualification} certificate was issued: number {label}")
        }
        (NoticeKind::PasswordReset, Locale::ZhCn) => {
            "您的账号密码已由管理员重置，请使用新密码登录并修改".to_owned()
        }
        (NoticeKind::PasswordReset, Locale::En) => {
            "An administrator reset your password: sign in with the new one and change it"
                .to_owned()
        }
        (NoticeKind::AccountLocked, Locale::ZhCn) => {
            format!("您的账号因连续登录失败已被锁定至 {date}（北京时间），如非本人操作请联系管理员")
        }
        (NoticeKind::AccountLocked, Locale::En) => format!(
            "Your account was locked until {date} (Beijing time) after failed sign-ins; \
             if it was not you, tell your administrator"
        ),
        (NoticeKind::PublicityStarted, Locale::ZhCn) => {
            format!("您的{qualification}申报已进入公示“{label}”，公示期至 {date}")
        }
        (NoticeKind::PublicityStarted, Locale::En) => {
            format!(
                "Your application for {qualification} is under publicity “{label}” until {date}"
            )
        }
        (NoticeKind::PublicityEnding, Locale::ZhCn) => {
            format!("公示“{label}”将于 {date} 结束，尚有 {count} 件举报待处理")
        }
        (NoticeKind::PublicityEnding, Locale::En) => {
            format!("The publicity “{label}” ends on {date}; {count} report(s) still open")
        }
        (NoticeKind::PublicityEnded, Locale::ZhCn) => {
            format!("公示“{label}”已于 {date} 期满，请处理举报后完成公示")
        }
        (NoticeKind::PublicityEnded, Locale::En) => {
            format!("The publicity “{label}” ended on {date}: resolve its reports and complete it")
        }
        (NoticeKind::SupplementDeadlinePassed, Locale::ZhCn) => format!(
            "审查未通过公示“{label}”的网上补充材料已于 {date} 截止，尚有 {count} 人未补充，逾期不再受理"
        ),
        (NoticeKind::SupplementDeadlinePassed, Locale::En) => format!(
            "The online supplement deadline of “{label}” passed on {date}; {count} applicant(s) did not supplement"
        ),
        (NoticeKind::ReportFiled, Locale::ZhCn) => {
            format!("公示“{label}”收到对{name}的举报，请核查处理")
        }
        (NoticeKind::ReportFiled, Locale::En) => {
            format!("A report on {name} was filed in the publicity “{label}”")
        }
        (NoticeKind::DossierDistributed, Locale::ZhCn) => {
            format!("评审会议“{label}”已向您分配 {count} 份评审材料，请按时完成网上评审")
        }
        (NoticeKind::DossierDistributed, Locale::En) => {
            format!("The review session “{label}” assigned you {count} dossier(s) to review")
        }
        (NoticeKind::VoteOpened, Locale::ZhCn) => format!("“{label}”的投票已开始，请及时投票"),
        (NoticeKind::VoteOpened, Locale::En) => {
            format!("The vote of “{label}” is open: cast your vote")
        }
    }
}

text_enum! {
    /// What a notice is about (the SPA links it to the object's page).
    NoticeObject {
        Application = "application", "申报", "Application";
        ReviewFiling = "review_filing", "评审工作备案", "Review filing";
        Certificate = "certificate", "证书", "Certificate";
        Account = "account", "账号", "Account";
        PublicityBatch = "publicity_batch", "公示", "Publicity";
        /// A review session's dossiers for the expert (`object_id`: the session).
        ExpertReviews = "expert_reviews", "网上评审", "Online review";
        /// A review group's vote (`object_id`: the group).
        GroupVote = "group_vote", "学科组投票", "Group vote";
        /// A session's committee ballot (`object_id`: the session).
        CommitteeVote = "committee_vote", "评委会投票", "Committee vote";
    }
}

/// The SPA path a notice leads to: its object's page, already showing the object.
pub fn path(object: NoticeObject, object_id: i64, p: &NoticeParams) -> String {
    match object {
        NoticeObject::Application => format!("/title/applications/{object_id}"),
        NoticeObject::ReviewFiling => format!("/online/filings/{object_id}"),
        NoticeObject::Certificate => format!("/title/certificates/{object_id}/print"),
        NoticeObject::Account => "/password".to_owned(),
        NoticeObject::PublicityBatch => match p.publicity {
            Some(kind) => format!("/publicity/{}/{object_id}", kind.as_str()),
            None => "/".to_owned(),
        },
        NoticeObject::ExpertReviews => "/online/reviews".to_owned(),
        NoticeObject::GroupVote => format!("/online/groups/{object_id}/vote"),
        NoticeObject::CommitteeVote => format!("/online/sessions/{object_id}/ballot"),
    }
}

/// One notice as its reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    pub id: i64,
    pub kind: NoticeKind,
    /// The sentence, in the request's language.
    pub text: String,
    pub object: NoticeObject,
    pub object_id: i64,
    /// The SPA path of the object's page ([`path`]).
    pub path: String,
    pub created_at: String,
    /// The reader has read it.
    pub read: bool,
}

/// `GET /api/v1/notices/summary`: what the top bar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeSummary {
    pub unread: i64,
}

text_enum! {
    /// What waits for the caller beside its application queues (the home page's to-dos).
    TodoKind {
        /// The expert's profile is not complete yet (listed only then, with a count of 1):
        /// until it is, the expert joins no pool and serves in no session.
        ExpertProfile = "expert_profile", "完善专家个人信息", "Complete your expert profile";
        /// The applicant's own applications waiting for them (draft, returned, supplement,
        /// terminated): the list's `todo=true`.
        MyApplications = "my_applications", "我的申报待办", "My applications to act on";
        /// Applications waiting in one of the caller's queues (`stage` says which).
        Queue = "queue", "待处理的申报", "Applications in the queue";
        /// Review forms the expert has not completed.
        ExpertReviews = "expert_reviews", "待完成的评审意见", "Reviews to complete";
        /// Open votes in which the expert has not voted on everyone.
        OpenVotes = "open_votes", "待投票", "Votes to cast";
        /// Sessions the organising unit runs that have not closed.
        Sessions = "sessions", "进行中的评审会议", "Sessions in progress";
        /// Review filings submitted to the caller's unit for audit.
        FilingsToAudit = "filings_to_audit", "待审核的评审工作备案", "Filings to audit";
        /// Open reports on the publicity batches the caller's unit owns (one per kind).
        ReportsToResolve = "reports_to_resolve", "待处理的举报", "Reports to resolve";
    }
}

/// `GET /api/v1/todos`: one to-do of the caller, with the page where it is done: first its
/// application queues (the applicant's own list, or each queue module it holds, counted as the
/// list counts `todo=true`), then the rest. Only the kinds the caller can act on are listed,
/// with a count of 0 when nothing waits — except the expert's incomplete profile, first and
/// only while it is incomplete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Todo {
    pub kind: TodoKind,
    /// Queues: the stage the queue lists (`shared::workflow::QUEUES`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    /// Reports: the publicity kind they are on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publicity: Option<PublicityKind>,
    pub count: i64,
    /// The SPA path of the page where it is done.
    pub path: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_in_both_languages() {
        let p = NoticeParams {
            name: Some("张晓明".into()),
            qualification: Some("高级工程师".into()),
            stage: Some(Stage::UnitVerification),
            label: Some("52202601000042".into()),
            approved: Some(true),
            opinion: Some("材料不全".into()),
            date: Some("2026-12-08".into()),
            count: Some(3),
            publicity: Some(PublicityKind::Result),
        };
        for &kind in NoticeKind::ALL {
            let zh = text(kind, &p, Locale::ZhCn);
            let en = text(kind, &p, Locale::En);
            assert!(!zh.is_empty() && !en.is_empty(), "{kind}");
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                    || kind != NoticeKind::PasswordReset,
                "{kind}"
            );
        }
        assert_eq!(
            text(NoticeKind::ApplicationArrived, &p, Locale::ZhCn),
            "张晓明的高级工程师申报已到达，待单位内部核验"
        );
    }

    #[test]
    fn every_object_leads_to_a_page_of_its_entry() {
        let p = NoticeParams {
            publicity: Some(PublicityKind::Nominee),
            ..NoticeParams::default()
        };
        let paths: Vec<String> = NoticeObject::ALL.iter().map(|&o| path(o, 7, &p)).collect();
        assert_eq!(
            paths,
            [
                "/title/applications/7",
                "/online/filings/7",
                "/title/certificates/7/print",
                "/password",
                "/publicity/nominee/7",
                "/online/reviews",
                "/online/groups/7/vote",
                "/online/sessions/7/ballot",
            ]
        );
        // Without its kind a batch's page is unknown: the home page, never a broken address.
        assert_eq!(
            path(NoticeObject::PublicityBatch, 7, &NoticeParams::default()),
            "/"
        );
    }
}
