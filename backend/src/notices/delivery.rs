//! Delivery beyond the app (SMS, e-mail): one trait, [`Deliver`], fed by the notice job from the
//! outbox (`notices.delivered_at IS NULL`) after the event's transaction committed.
//!
//! The default, [`LogDelivery`], writes one log line per notice (its id, kind and recipient —
//! never its text, which carries names). A real gateway is plugged in where the server starts
//! ([`crate::startup::Application::run_until_stopped`] passes the delivery to
//! [`super::job::spawn`]): implement [`Deliver`] for a client of the provincial SMS platform or
//! an SMTP relay, which resolves the recipient's phone or address from the account (or the
//! unit's accounts holding the notice's module) and words the message from [`Outgoing::text`].
//! No test calls a gateway: the tests use a recording implementation.

use shared::notices::NoticeKind;

use super::To;

/// One notice to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub notice_id: i64,
    pub to: To,
    pub kind: NoticeKind,
    /// The sentence in Chinese.
    pub text: String,
}

/// Why a delivery failed (the notice is retried at the next run).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryFailed(pub String);

impl std::fmt::Display for DeliveryFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Sends a notice outside the app.
pub trait Deliver: Send + Sync + std::fmt::Debug {
    /// Sends one notice; an error leaves it in the outbox for the next run.
    fn deliver(&self, notice: &Outgoing) -> Result<(), DeliveryFailed>;
}

/// The default: a log line per notice, nothing sent.
#[derive(Debug, Default, Clone, Copy)]
pub struct LogDelivery;

impl Deliver for LogDelivery {
    fn deliver(&self, notice: &Outgoing) -> Result<(), DeliveryFailed> {
        let (account, unit) = match notice.to {
            To::Account(a) => (Some(a), None),
            To::Unit(u, _) => (None, Some(u)),
        };
        tracing::info!(
            notice = notice.notice_id,
            kind = notice.kind.as_str(),
            account,
            unit,
            "notice ready for delivery (no SMS/e-mail gateway configured)"
        );
        Ok(())
    }
}
