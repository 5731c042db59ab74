//! Status tags. Every status the SPA shows takes its colour from ONE table ([`tone`]), so a
//! stage, a batch, a filing or an account is never green on one screen and blue on the next.

use shared::calendar::CalendarDayKind;
use shared::certificates::{CertificateSource, CertificateStatus};
use shared::committees::FilingStatus;
use shared::experts::SessionStatus;
use shared::org::AffiliationStatus;
use shared::publicity::{PublicityStatus, ReportStatus};
use shared::review_filing::ReviewFilingStatus;
use shared::votes::GroupVoteStatus;
use shared::workflow::Stage;
use yew::prelude::*;

use crate::i18n::{t, use_i18n, Key, Locale};
use shared::org::Account;

/// The colour of a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Green.
    Success,
    /// Amber.
    Warning,
    /// Red.
    Danger,
    /// Blue: under way.
    Info,
    /// Grey.
    Neutral,
}

impl Tone {
    /// The CSS classes of a tag in this colour.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Success => "tag tag-success",
            Tone::Warning => "tag tag-warning",
            Tone::Danger => "tag tag-danger",
            Tone::Info => "tag tag-info",
            Tone::Neutral => "tag",
        }
    }
}

/// The tags of an account: disabled wins over locked, locked over enabled; a pending password
/// change is shown beside whichever it is.
pub fn account_status(account: &Account) -> Vec<(Key, Tone)> {
    let mut tags = vec![if !account.enabled {
        (Key::StatusDisabled, Tone::Neutral)
    } else if account.locked {
        (Key::StatusLocked, Tone::Danger)
    } else {
        (Key::StatusEnabled, Tone::Success)
    }];
    if account.must_change_password {
        tags.push((Key::StatusMustChange, Tone::Warning));
    }
    if account.mfa_enabled {
        tags.push((Key::StatusMfa, Tone::Info));
    }
    tags
}

/// Props of [`Tags`].
#[derive(Properties, PartialEq)]
pub struct TagsProps {
    /// The tags.
    pub tags: Vec<(Key, Tone)>,
}

/// A row of tags (`data-testid="status"`).
#[component]
pub fn Tags(props: &TagsProps) -> Html {
    let i18n = use_i18n();
    html! {
        <span class="tags" data-testid="status">
            { for props.tags.iter().map(|&(key, tone)| html! {
                <span class={tone.class()}>{ i18n.t(key) }</span>
            }) }
        </span>
    }
}

/// Everything that is shown as a coloured tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// An application's stage.
    Stage(Stage),
    /// A publicity batch.
    Publicity(PublicityStatus),
    /// A report against a publicity item.
    Report(ReportStatus),
    /// A review authority filing.
    Filing(FilingStatus),
    /// A review filing (评审工作备案).
    ReviewFiling(ReviewFilingStatus),
    /// An affiliation change request.
    Affiliation(AffiliationStatus),
    /// A calendar exception.
    Day(CalendarDayKind),
    /// Anything that is 启用 / 停用.
    Enabled(bool),
    /// A group's vote (组内投票).
    GroupVote(GroupVoteStatus),
    /// A tallied applicant: 通过 (true) or 未通过.
    Tally(bool),
    /// A review session (评审会).
    Session(SessionStatus),
    /// A certificate: 有效 / 已撤销.
    Certificate(CertificateStatus),
    /// Where a certificate came from.
    CertificateSource(CertificateSource),
    /// A notice: 已读 (true) or 未读.
    NoticeRead(bool),
}

/// The colour of every status: finished well green, ended or refused red, waiting for
/// someone amber, not started or put aside grey, under way blue.
pub fn tone(status: Status) -> Tone {
    match status {
        Status::Stage(stage) => match stage {
            Stage::Passed => Tone::Success,
            Stage::Failed | Stage::Terminated | Stage::Revoked => Tone::Danger,
            Stage::Returned | Stage::Supplement | Stage::FailurePublicity => Tone::Warning,
            Stage::Draft | Stage::Voided => Tone::Neutral,
            Stage::UnitVerification
            | Stage::ApplicationPublicity
            | Stage::UnitRecommendation
            | Stage::SuperiorReview
            | Stage::MaterialReceipt
            | Stage::PolicyReview
            | Stage::NomineePublicity
            | Stage::PolicyRereview
            | Stage::OnlineReview
            | Stage::ResultPublicity => Tone::Info,
        },
        Status::Publicity(PublicityStatus::Draft) => Tone::Neutral,
        Status::Publicity(PublicityStatus::Published) => Tone::Warning,
        Status::Publicity(PublicityStatus::Completed) => Tone::Success,
        Status::Report(ReportStatus::Open) => Tone::Warning,
        Status::Report(ReportStatus::Dismissed) => Tone::Neutral,
        Status::Report(
            ReportStatus::Returned | ReportStatus::Terminated | ReportStatus::Failed,
        ) => Tone::Danger,
        Status::ReviewFiling(ReviewFilingStatus::Draft) => Tone::Neutral,
        Status::ReviewFiling(ReviewFilingStatus::Submitted) => Tone::Warning,
        Status::ReviewFiling(ReviewFilingStatus::Approved) => Tone::Success,
        Status::ReviewFiling(ReviewFilingStatus::Rejected) => Tone::Danger,
        Status::Filing(FilingStatus::Pending) | Status::Affiliation(AffiliationStatus::Pending) => {
            Tone::Warning
        }
        Status::Filing(FilingStatus::Approved)
        | Status::Affiliation(AffiliationStatus::Approved)
        | Status::Enabled(true) => Tone::Success,
        Status::Filing(FilingStatus::Rejected)
        | Status::Affiliation(AffiliationStatus::Rejected)
        | Status::Day(CalendarDayKind::Holiday) => Tone::Danger,
        Status::Day(CalendarDayKind::Workday) => Tone::Warning,
        Status::Enabled(false) => Tone::Neutral,
        Status::GroupVote(GroupVoteStatus::NotOpen) => Tone::Neutral,
        Status::GroupVote(GroupVoteStatus::Open) => Tone::Info,
        Status::GroupVote(GroupVoteStatus::Closed) | Status::Tally(true) => Tone::Success,
        Status::Tally(false) => Tone::Danger,
        Status::Session(SessionStatus::Setup) => Tone::Neutral,
        Status::Session(
            SessionStatus::Reviewing | SessionStatus::GroupVoting | SessionStatus::CommitteeVoting,
        ) => Tone::Info,
        Status::Session(SessionStatus::Tallied) => Tone::Warning,
        Status::Session(SessionStatus::Closed) => Tone::Success,
        Status::Certificate(CertificateStatus::Valid) => Tone::Success,
        Status::Certificate(CertificateStatus::Revoked) => Tone::Danger,
        Status::CertificateSource(CertificateSource::Review) => Tone::Info,
        Status::CertificateSource(CertificateSource::Backfill | CertificateSource::Import) => {
            Tone::Neutral
        }
        Status::NoticeRead(true) => Tone::Neutral,
        Status::NoticeRead(false) => Tone::Warning,
    }
}

/// The words of a status.
pub fn label(status: Status, locale: Locale) -> &'static str {
    match status {
        Status::Stage(s) => s.label(locale),
        Status::Publicity(s) => s.label(locale),
        Status::Report(s) => s.label(locale),
        Status::Filing(s) => s.label(locale),
        Status::ReviewFiling(s) => s.label(locale),
        Status::Day(s) => s.label(locale),
        Status::Affiliation(AffiliationStatus::Pending) => t(locale, Key::AffPending),
        Status::Affiliation(AffiliationStatus::Approved) => t(locale, Key::AffApproved),
        Status::Affiliation(AffiliationStatus::Rejected) => t(locale, Key::AffRejected),
        Status::Enabled(true) => t(locale, Key::StatusEnabled),
        Status::Enabled(false) => t(locale, Key::StatusDisabled),
        Status::GroupVote(s) => s.label(locale),
        Status::Tally(true) => t(locale, Key::VtPassed),
        Status::Tally(false) => t(locale, Key::VtFailed),
        Status::Session(s) => s.label(locale),
        Status::Certificate(s) => s.label(locale),
        Status::CertificateSource(s) => s.label(locale),
        Status::NoticeRead(true) => t(locale, Key::InboxRead),
        Status::NoticeRead(false) => t(locale, Key::InboxUnread),
    }
}

/// A status as a tag (`data-testid="status"`, or the one given).
pub fn status_tag(locale: Locale, status: Status, testid: Option<&'static str>) -> Html {
    let stage = match status {
        Status::Stage(s) => Some(s.as_str()),
        _ => None,
    };
    html! {
        <span class={tone(status).class()} data-testid={testid.unwrap_or("status")} data-stage={stage}>
            { label(status, locale) }
        </span>
    }
}

/// Free text (a count, a name) as a tag of a colour.
pub fn text_tag(text: &str, tone: Tone) -> Html {
    html! { <span class={tone.class()}>{ text.to_owned() }</span> }
}

#[cfg(test)]
mod tests {
    use shared::AccountKind;

    use super::*;

    #[test]
    fn one_table_colours_every_status() {
        assert_eq!(tone(Status::Stage(Stage::Passed)), Tone::Success);
        assert_eq!(tone(Status::Stage(Stage::Returned)), Tone::Warning);
        assert_eq!(tone(Status::Stage(Stage::UnitVerification)), Tone::Info);
        assert_eq!(tone(Status::Stage(Stage::Draft)), Tone::Neutral);
        assert_eq!(
            tone(Status::Publicity(PublicityStatus::Published)),
            Tone::Warning
        );
        assert_eq!(tone(Status::Report(ReportStatus::Terminated)), Tone::Danger);
        assert_eq!(tone(Status::Filing(FilingStatus::Pending)), Tone::Warning);
        assert_eq!(
            tone(Status::Affiliation(AffiliationStatus::Rejected)),
            Tone::Danger
        );
        assert_eq!(tone(Status::Day(CalendarDayKind::Holiday)), Tone::Danger);
        assert_eq!(tone(Status::Day(CalendarDayKind::Workday)), Tone::Warning);
        assert_eq!(tone(Status::Enabled(false)), Tone::Neutral);
        assert_eq!(label(Status::Enabled(true), Locale::ZhCn), "启用");
        assert_eq!(tone(Status::Tally(false)), Tone::Danger);
        assert_eq!(label(Status::Tally(true), Locale::ZhCn), "通过");
        assert_eq!(
            tone(Status::GroupVote(GroupVoteStatus::Closed)),
            Tone::Success
        );
        // An unread notice waits for its reader; a read one is put aside.
        assert_eq!(tone(Status::NoticeRead(false)), Tone::Warning);
        assert_eq!(tone(Status::NoticeRead(true)), Tone::Neutral);
        assert_eq!(label(Status::NoticeRead(false), Locale::ZhCn), "未读");
    }

    fn account(enabled: bool, locked: bool, must_change_password: bool) -> Account {
        Account {
            id: 1,
            username: "u".into(),
            display_name: "U".into(),
            kind: AccountKind::Handler,
            unit_id: 1,
            unit_name: "单位".into(),
            phone: None,
            id_number_masked: None,
            enabled,
            locked,
            must_change_password,
            role_ids: vec![],
            mfa_enabled: false,
            last_login_at: None,
            version: 1,
        }
    }

    #[test]
    fn disabled_beats_locked_beats_enabled_and_a_pending_change_is_added() {
        let keys =
            |a: &Account| -> Vec<Key> { account_status(a).into_iter().map(|t| t.0).collect() };
        assert_eq!(keys(&account(true, false, false)), [Key::StatusEnabled]);
        assert_eq!(keys(&account(true, true, false)), [Key::StatusLocked]);
        assert_eq!(keys(&account(false, true, false)), [Key::StatusDisabled]);
        assert_eq!(
            keys(&account(true, false, true)),
            [Key::StatusEnabled, Key::StatusMustChange]
        );
        let mut with_mfa = account(true, false, false);
        with_mfa.mfa_enabled = true;
        assert_eq!(keys(&with_mfa), [Key::StatusEnabled, Key::StatusMfa]);
    }
}
