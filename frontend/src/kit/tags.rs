//! Status tags. Every status the SPA shows takes its colour from ONE table ([`tone`]), so a
//! stage, a batch, a filing or an account is never green on one screen and blue on the next.

use shared::calendar::CalendarDayKind;
use shared::committees::FilingStatus;
use shared::org::AffiliationStatus;
use shared::publicity::{PublicityStatus, ReportStatus};
use shared::workflow::Stage;
use yew::prelude::*;

pub use crate::components::tags::{account_status, Tags, Tone};
use crate::i18n::{t, Key, Locale};

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
    /// An affiliation change request.
    Affiliation(AffiliationStatus),
    /// A calendar exception.
    Day(CalendarDayKind),
    /// Anything that is 启用 / 停用.
    Enabled(bool),
}

/// The colour of every status: finished well green, ended or refused red, waiting for
/// someone amber, not started or put aside grey, under way blue.
pub fn tone(status: Status) -> Tone {
    match status {
        Status::Stage(stage) => match stage {
            Stage::Passed => Tone::Success,
            Stage::Failed | Stage::Terminated => Tone::Danger,
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
        Status::Report(ReportStatus::Returned | ReportStatus::Terminated) => Tone::Danger,
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
    }
}

/// The words of a status.
pub fn label(status: Status, locale: Locale) -> &'static str {
    match status {
        Status::Stage(s) => s.label(locale),
        Status::Publicity(s) => s.label(locale),
        Status::Report(s) => s.label(locale),
        Status::Filing(s) => s.label(locale),
        Status::Day(s) => s.label(locale),
        Status::Affiliation(AffiliationStatus::Pending) => t(locale, Key::AffPending),
        Status::Affiliation(AffiliationStatus::Approved) => t(locale, Key::AffApproved),
        Status::Affiliation(AffiliationStatus::Rejected) => t(locale, Key::AffRejected),
        Status::Enabled(true) => t(locale, Key::StatusEnabled),
        Status::Enabled(false) => t(locale, Key::StatusDisabled),
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
    use super::*;

    #[test]
    fn one_table_colours_every_status() {
        assert_eq!(tone(Status::Stage(Stage::Passed)), Tone::Success);
        assert_eq!(tone(Status::Stage(Stage::Returned)), Tone::Warning);
        assert_eq!(tone(Status::Stage(Stage::UnitVerification)), Tone::Info);
        assert_eq!(tone(Status::Stage(Stage::Draft)), Tone::Neutral);
        assert_eq!(tone(Status::Publicity(PublicityStatus::Published)), Tone::Warning);
        assert_eq!(tone(Status::Report(ReportStatus::Terminated)), Tone::Danger);
        assert_eq!(tone(Status::Filing(FilingStatus::Pending)), Tone::Warning);
        assert_eq!(tone(Status::Affiliation(AffiliationStatus::Rejected)), Tone::Danger);
        assert_eq!(tone(Status::Day(CalendarDayKind::Holiday)), Tone::Danger);
        assert_eq!(tone(Status::Day(CalendarDayKind::Workday)), Tone::Warning);
        assert_eq!(tone(Status::Enabled(false)), Tone::Neutral);
        assert_eq!(label(Status::Enabled(true), Locale::ZhCn), "启用");
    }
}
