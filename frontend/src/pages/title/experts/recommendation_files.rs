//! The proof files (证明材料) of a recommendation (manual §6.5.4), in the kit's information
//! dialog: everyone who sees the recommendation downloads them; the recommending unit uploads
//! and (through the page's confirmation) removes them while it is pending.

use shared::expert_pool::{Recommendation, RecommendationFile};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::alert::{flash_view, Flash};
use crate::components::table::load_error;
use crate::download;
use crate::hooks::{use_api, use_api_load, Load};
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::dialog::InfoDialog;
use crate::kit::fields::take_chosen_file;
use crate::kit::format::{china_time, file_size};

/// Props of [`ProofFiles`].
#[derive(Properties, PartialEq)]
pub struct ProofFilesProps {
    /// The recommendation.
    pub rec: Recommendation,
    /// What to say first (the recommendation just made, a file just removed).
    #[prop_or_default]
    pub message: Option<Flash>,
    /// 删除 asked for a file (the page confirms it).
    pub on_remove: Callback<RecommendationFile>,
    /// A file was added (the list's counts change).
    pub on_changed: Callback<()>,
    /// Closed.
    pub on_close: Callback<()>,
}

/// The dialog (`dialog-rec-files`).
#[component]
pub fn ProofFiles(props: &ProofFilesProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let id = props.rec.id;
    let files = use_api_load(id, move |api, id| async move {
        api::experts::recommendation_files(&api, id).await
    });
    let message = {
        let first = props.message.clone();
        use_state(move || first)
    };
    let on_upload = {
        let (api, reload, message, changed) = (
            api.clone(),
            files.reload.clone(),
            message.clone(),
            props.on_changed.clone(),
        );
        Callback::from(move |e: Event| {
            let Some(file) = take_chosen_file(&e) else {
                return;
            };
            let (api, reload, message, changed) = (
                api.clone(),
                reload.clone(),
                message.clone(),
                changed.clone(),
            );
            spawn_local(async move {
                match api::experts::upload_recommendation_file(&api, id, &file).await {
                    Ok(f) => {
                        message.set(Some(Flash::Success(fill(
                            t(locale, Key::ExpProofUploaded),
                            &f.file_name,
                        ))));
                        reload.emit(());
                        changed.emit(());
                    }
                    Err(e) => message.set(Some(Flash::Error(e.message(locale)))),
                }
            });
        })
    };
    let fetch = |f: &RecommendationFile| {
        let (api, message, file, name) = (api.clone(), message.clone(), f.id, f.file_name.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, message, name) = (api.clone(), message.clone(), name.clone());
            spawn_local(async move {
                match api::experts::recommendation_file_content(&api, id, file).await {
                    Ok(bytes) => {
                        download::save(&bytes, &name, "application/octet-stream");
                    }
                    Err(e) => message.set(Some(Flash::Error(e.message(locale)))),
                }
            });
        })
    };
    let can_attach = props.rec.can_attach;
    let list = match &files.state {
        Load::Loading => {
            html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> }
        }
        Load::Failed(e) => load_error(&i18n, e, &files.reload),
        Load::Ready(list) if list.is_empty() => {
            html! { <p class="empty-state" data-testid="rec-files-empty">{ i18n.t(Key::ExpProofsNone) }</p> }
        }
        Load::Ready(list) => html! {
            <table class="table" data-testid="rec-files">
                <thead><tr>
                    <th scope="col">{ i18n.t(Key::OrFile) }</th>
                    <th scope="col">{ i18n.t(Key::OrUploadedAt) }</th>
                    if can_attach { <th scope="col">{ i18n.t(Key::Actions) }</th> }
                </tr></thead>
                <tbody>
                { for list.iter().map(|f| {
                    let remove = { let f = f.clone(); props.on_remove.reform(move |_: MouseEvent| f.clone()) };
                    html! {
                        <tr key={f.id} data-testid={format!("rec-file-{}", f.id)}>
                            <td class="cell-name">
                                <button type="button" class="link-button" data-testid={format!("rec-file-download-{}", f.id)}
                                    onclick={fetch(f)}>{ &f.file_name }</button>
                                <span class="muted cell-sub">{ file_size(f.size) }</span>
                            </td>
                            <td>{ china_time(&f.uploaded_at) }<span class="muted cell-sub">{ &f.uploaded_by }</span></td>
                            if can_attach {
                                <td><button type="button" class="button button-small" data-testid={format!("rec-file-remove-{}", f.id)}
                                    onclick={remove}>{ i18n.t(Key::OrDelete) }</button></td>
                            }
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        },
    };
    let r = &props.rec;
    html! {
        <InfoDialog title={i18n.t(Key::ExpProofs)} name="rec-files" wide=true on_close={props.on_close.clone()}>
            <p>{ format!("{} · {} · {}", r.entry.name, r.employer, r.committee.name) }</p>
            { flash_view(message.as_ref()) }
            { list }
            if can_attach {
                <div class="field">
                    <label for="rec-file-input">{ i18n.t(Key::ExpProofUpload) }</label>
                    <input type="file" id="rec-file-input" data-testid="rec-file-input" aria-describedby="rec-file-input-hint"
                        accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx" onchange={on_upload} />
                    <p class="field-hint" id="rec-file-input-hint">{ i18n.t(Key::ExpProofHint) }</p>
                </div>
            }
        </InfoDialog>
    }
}
