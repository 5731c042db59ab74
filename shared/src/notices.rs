//! Notices (站内通知, issue 12, beyond the manual): what tells people that something waits for
//! them. A notice is written in the same transaction as the event that causes it, to one
//! account (the applicant, the account concerned) or to one unit (seen by that unit's own
//! accounts that hold the notice's module — never by a parent or a sibling). Its text is made
//! here from its kind and parameters, so both ends word it alike.

use serde::{Deserialize, Serialize};

use crate::{workflow::Stage, Locale};

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
}

/// The sentence of a notice.
pub fn text(kind: NoticeKind, p: &NoticeParams, locale: Locale) -> String {
    let name = p.name.as_deref().unwrap_or_default();
    let qualification = p.qualification.as_deref().unwrap_or_default();
    let label = p.label.as_deref().unwrap_or_default();
    let stage = p.stage.map(|s| s.label(locale)).unwrap_or_default();
    let opinion = p.opinion.as_deref().filter(|o| !o.is_empty());
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
    }
}

text_enum! {
    /// What a notice is about (the SPA links it to the object's page).
    NoticeObject {
        Application = "application", "申报", "Application";
        ReviewFiling = "review_filing", "评审工作备案", "Review filing";
        Certificate = "certificate", "证书", "Certificate";
        Account = "account", "账号", "Account";
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
}
