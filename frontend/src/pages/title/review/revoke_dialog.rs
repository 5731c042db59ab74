//! 职称撤销 (manual §6.2, issue 9 point 10): an HRSS above the committee's unit revokes a
//! passed title for a verified violation — an opinion and at least one proof of its own
//! (`revocation_proof`, uploaded here), confirmed once.

use std::rc::Rc;

use shared::application::{ActionFields, ActionRequest, Application};
use shared::workflow::Action;
use shared::ErrorCode;
use yew::prelude::*;

use super::action_dialog::Outcome;
use super::unit_proofs::{ProofKind, UnitProofs};
use crate::api;
use crate::components::form::FormValues;
use crate::hooks::use_api;
use crate::i18n::{t, use_i18n, Key};
use crate::kit::dialog::{confirm_question, use_pending, FormDialog};
use crate::kit::fields::OpinionField;

/// The opinion and proofs to post, or the first missing input's message key.
pub fn revoke_request(opinion: &str, proofs: &[i64]) -> Result<(String, Vec<i64>), Key> {
    let opinion = opinion.trim();
    if opinion.is_empty() {
        return Err(Key::WfOpinionRequired);
    }
    if proofs.is_empty() {
        return Err(Key::RvProofRequired);
    }
    Ok((opinion.to_owned(), proofs.to_vec()))
}

/// Props of [`RevokeDialog`].
#[derive(Properties, PartialEq)]
pub struct RevokeDialogProps {
    /// The passed application.
    pub app: Rc<Application>,
    /// Done.
    pub on_done: Callback<Outcome>,
    /// Closed without acting.
    pub on_close: Callback<()>,
}

fn read(form: &FormValues) -> (String, Vec<i64>) {
    (
        form.text("opinion"),
        form.all("proof")
            .iter()
            .filter_map(|p| p.parse().ok())
            .collect(),
    )
}

/// The dialog (`dialog-revoke`).
#[component]
pub fn RevokeDialog(props: &RevokeDialogProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let pending = use_pending();
    let check = {
        let pending = pending.clone();
        Callback::from(move |form: FormValues| {
            let (opinion, proofs) = read(&form);
            match revoke_request(&opinion, &proofs) {
                Ok(_) => true,
                Err(key) => {
                    pending.fail(t(locale, key));
                    false
                }
            }
        })
    };
    let on_submit = {
        let (pending, api, app, on_done) = (
            pending.clone(),
            api.clone(),
            props.app.clone(),
            props.on_done.clone(),
        );
        Callback::from(move |form: FormValues| {
            let (opinion, proofs) = read(&form);
            let Ok((opinion, proofs)) = revoke_request(&opinion, &proofs) else {
                return;
            };
            let request = ActionRequest {
                action: Action::Revoke,
                version: app.version,
                opinion: Some(opinion),
                fields: ActionFields {
                    proof_attachment_ids: Some(proofs),
                    ..ActionFields::default()
                },
            };
            let (api, id, on_done) = (api.clone(), app.id, on_done.clone());
            pending.run(
                async move {
                    match api::applications::act(&api, id, &request).await {
                        Ok(a) => Ok(Outcome::One(Box::new(a))),
                        Err(e) if e.is(ErrorCode::VersionConflict) => {
                            Ok(Outcome::Stale(e.message(locale)))
                        }
                        Err(e) => Err(e),
                    }
                },
                move |outcome| on_done.emit(outcome),
            );
        })
    };
    let label = Action::Revoke.label(locale);
    let confirm = AttrValue::from(confirm_question(locale, label, &props.app.name));
    html! {
        <FormDialog title={label} name="revoke" submit_label={label} danger=true confirm={Some(confirm)}
            check={Some(check)} {pending} {on_submit} on_close={props.on_close.clone()}>
            <p class="muted" data-testid="dialog-subject">{ &props.app.name }</p>
            <p class="alert alert-warning">{ i18n.t(Key::RvRevokeWarning) }</p>
            <UnitProofs kind={ProofKind::Revocation} legend={Key::RvProofs} />
            <OpinionField label={i18n.t(Key::RvRevokeOpinion)} required=true maxlength={1000} />
        </FormDialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revoking_needs_an_opinion_and_a_proof() {
        assert_eq!(revoke_request("  ", &[1]), Err(Key::WfOpinionRequired));
        assert_eq!(
            revoke_request("查实学历造假", &[]),
            Err(Key::RvProofRequired)
        );
        assert_eq!(
            revoke_request(" 查实学历造假 ", &[3]),
            Ok(("查实学历造假".to_owned(), vec![3]))
        );
    }
}
