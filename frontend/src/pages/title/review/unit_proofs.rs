//! A unit's own proofs to attach to an action, with an upload of a new one: the recommendation
//! proofs of 推荐上报 and the proofs of 职称撤销 are the same picker over two sections of the
//! unit's attachments. The checked ones are posted as the form's `proof` values.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::hooks::{use_api, use_api_load, Load};
use crate::i18n::{use_i18n, Key};
use crate::kit::fields::file_in;

/// Which of the unit's attachments the picker lists and uploads into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofKind {
    /// The unit's recommendation proofs (推荐上报).
    Recommendation,
    /// The revoking HRSS's proofs (`revocation_proof`).
    Revocation,
}

/// Props of [`UnitProofs`].
#[derive(Properties, PartialEq)]
pub struct UnitProofsProps {
    /// Which proofs.
    pub kind: ProofKind,
    /// The fieldset's legend.
    pub legend: Key,
}

/// The unit's proofs as checkboxes named `proof`, an upload, and the upload's error.
#[component]
pub fn UnitProofs(props: &UnitProofsProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let kind = props.kind;
    let proofs = use_api_load(kind, move |api, kind| async move {
        match kind {
            ProofKind::Recommendation => api::applications::unit_attachments(&api).await,
            ProofKind::Revocation => api::review::revocation_proofs(&api).await,
        }
    });
    let file = use_node_ref();
    let upload_error = use_state(|| None::<String>);
    let upload = {
        let (file, api, reload) = (file.clone(), api.clone(), proofs.reload.clone());
        let upload_error = upload_error.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(chosen) = file_in(&file) else {
                return;
            };
            let (api, reload, upload_error) = (api.clone(), reload.clone(), upload_error.clone());
            spawn_local(async move {
                let uploaded = match kind {
                    ProofKind::Recommendation => {
                        api::applications::upload_unit(&api, &chosen).await
                    }
                    ProofKind::Revocation => {
                        api::review::upload_revocation_proof(&api, &chosen).await
                    }
                };
                match uploaded {
                    Ok(_) => {
                        upload_error.set(None);
                        reload.emit(());
                    }
                    Err(e) => upload_error.set(Some(e.message(locale))),
                }
            });
        })
    };
    let proof_list = match &proofs.state {
        Load::Loading => html! { <p class="state-loading">{ i18n.t(Key::Loading) }</p> },
        Load::Failed(e) => {
            html! { <p class="muted" data-testid="proofs-error">{ e.message(locale) }</p> }
        }
        Load::Ready(list) if list.is_empty() => {
            html! { <p class="muted">{ i18n.t(Key::WfNoProofs) }</p> }
        }
        Load::Ready(list) => html! {
            <div class="checks" data-testid="dialog-proofs">
                { for list.iter().map(|a| html! {
                    <label class="check">
                        <input type="checkbox" name="proof" value={a.id.to_string()} data-testid={format!("dialog-proof-{}", a.id)} />
                        { &a.file_name }
                    </label>
                }) }
            </div>
        },
    };
    html! {
        <fieldset class="fieldset">
            <legend>{ i18n.t(props.legend) }</legend>
            { proof_list }
            <div class="import-file">
                <input type="file" ref={file} aria-label={i18n.t(Key::WfUploadProof)} data-testid="dialog-proof-file"
                    accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx" />
                <button type="button" class="button button-small" onclick={upload} data-testid="dialog-proof-upload">
                    { i18n.t(Key::WfUpload) }
                </button>
            </div>
            if let Some(message) = &*upload_error {
                <p class="alert alert-error">{ message }</p>
            }
        </fieldset>
    }
}
