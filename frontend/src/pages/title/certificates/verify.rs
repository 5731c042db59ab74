//! 核验 (`POST /api/v1/certificates/verify`): a certificate number and the holder's name, and the
//! answer as a card — valid (green), revoked (red, with the day), or not found. The check is
//! logged under the caller's unit; the dialog stays open for the next one.

use shared::certificates::{VerifyAnswer, VerifyByNumber, VerifyOutcome};
use yew::prelude::*;

use crate::api;
use crate::components::form::FormValues;
use crate::hooks::use_api;
use crate::i18n::{t, use_i18n, I18n, Key};
use crate::kit::dialog::{use_pending, FormDialog};
use crate::kit::fields::TextField;
use crate::kit::tags::Tone;

/// Props of [`VerifyDialog`].
#[derive(Properties, PartialEq)]
pub struct VerifyDialogProps {
    /// Closed.
    pub on_close: Callback<()>,
}

/// `dialog-verify-certificate`: `input-number`, `input-name`, `dialog-submit`, the answer
/// `verify-result` (`data-outcome`).
#[component]
pub fn VerifyDialog(props: &VerifyDialogProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let pending = use_pending();
    let locale = i18n.locale;
    let answer = use_state(|| None::<VerifyAnswer>);
    let on_submit = {
        let (pending, answer) = (pending.clone(), answer.clone());
        Callback::from(move |form: FormValues| {
            let (number, name) = (form.text("number"), form.text("name"));
            let (number, name) = (number.trim(), name.trim());
            if number.is_empty() || name.is_empty() {
                let field = if number.is_empty() { "number" } else { "name" };
                return pending.fail_at(field, t(locale, Key::CertVerifyRequired));
            }
            let request = VerifyByNumber {
                number: number.to_owned(),
                name: name.to_owned(),
            };
            let (api, answer) = (api.clone(), answer.clone());
            answer.set(None);
            pending.run(
                async move { api::certificates::verify(&api, &request).await },
                move |a| answer.set(Some(a)),
            );
        })
    };
    html! {
        <FormDialog title={i18n.t(Key::CertVerify)} name="verify-certificate" submit_label={i18n.t(Key::CertVerify)}
            {pending} {on_submit} on_close={props.on_close.clone()}>
            <p class="muted">{ i18n.t(Key::CertVerifyHint) }</p>
            <TextField name="number" label={i18n.t(Key::CertNumber)} required=true maxlength={64} />
            <TextField name="name" label={i18n.t(Key::CertVerifyName)} required=true maxlength={100} />
            if let Some(a) = &*answer { { answer_card(&i18n, a) } }
        </FormDialog>
    }
}

/// The answer: its outcome as a coloured heading and the certificate's public fields.
pub fn answer_card(i18n: &I18n, a: &VerifyAnswer) -> Html {
    let locale = i18n.locale;
    let tone = match a.outcome {
        VerifyOutcome::Valid => Tone::Success,
        VerifyOutcome::Revoked => Tone::Danger,
        VerifyOutcome::NotFound => Tone::Warning,
    };
    html! {
        <div class={classes!("verify-card", format!("verify-{}", a.outcome.as_str()))} role="status"
            data-testid="verify-result" data-outcome={a.outcome.as_str()}>
            <p class="verify-outcome"><span class={tone.class()} data-testid="verify-outcome">{ a.outcome.label(locale) }</span></p>
            if let Some(c) = &a.certificate {
                <dl class="facts">
                    <dt>{ i18n.t(Key::CertNumber) }</dt><dd class="cell-mono">{ &c.number }</dd>
                    <dt>{ i18n.t(Key::CertHolder) }</dt><dd>{ &c.holder_name }</dd>
                    <dt>{ i18n.t(Key::CertIdNumber) }</dt><dd class="cell-mono">{ &c.id_number }</dd>
                    <dt>{ i18n.t(Key::CertQualification) }</dt>
                    <dd>{ format!("{}（{} · {}）", c.qualification, c.series.label(locale), c.level.label(locale)) }</dd>
                    <dt>{ i18n.t(Key::CertSpecialty) }</dt><dd>{ &c.specialty }</dd>
                    <dt>{ i18n.t(Key::CertCommittee) }</dt><dd>{ &c.committee }</dd>
                    <dt>{ i18n.t(Key::CertApprovalDate) }</dt><dd>{ &c.approval_date }</dd>
                    <dt>{ i18n.t(Key::CertIssuingBody) }</dt><dd>{ &c.issuing_body }</dd>
                    if let Some(day) = &c.revoked_on {
                        <dt>{ c.status.label(locale) }</dt><dd data-testid="verify-revoked-on">{ day }</dd>
                    }
                </dl>
            }
        </div>
    }
}
