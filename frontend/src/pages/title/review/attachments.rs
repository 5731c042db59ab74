//! The attachments of one application: the list (size, SHA-256, download) and, while the
//! applicant may edit, upload and delete. 政策性审查未通过补充材料 only in stage `supplement`.

use shared::workflow::Stage;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::applications::{self as api_apps, Attachment, Section};
use crate::components::alert::{flash_view, Flash};
use crate::components::form::FormValues;
use crate::download;
use crate::hooks::{use_load, Load};
use crate::i18n::{fill, t, use_i18n, I18n, Key};
use crate::kit::dialog::{act, confirm_question, ConfirmAction};
use crate::kit::format::china_time;
use crate::kit::format::file_size;
use crate::state::session::use_session;

/// The label of a section.
pub fn section_label(i18n: &I18n, section: Section) -> &'static str {
    i18n.t(match section {
        Section::Materials => Key::WfSectionMaterials,
        Section::Supplementary => Key::WfSectionSupplementary,
        Section::RecommendationProof => Key::WfSectionProof,
        Section::RevocationProof => Key::RvProofs,
    })
}

/// The sections the applicant may upload to in `stage`.
pub fn upload_sections(stage: Stage) -> Vec<Section> {
    match stage {
        Stage::Supplement => vec![Section::Supplementary, Section::Materials],
        _ => vec![Section::Materials],
    }
}

/// Props of [`Attachments`].
#[derive(Properties, PartialEq)]
pub struct AttachmentsProps {
    /// The application.
    pub app_id: i64,
    /// Its stage.
    pub stage: Stage,
    /// The caller may upload and delete (the applicant while the stage is editable).
    pub editable: bool,
}

/// The attachments panel.
#[component]
pub fn Attachments(props: &AttachmentsProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let locale = i18n.locale;
    let loaded = {
        let store = session.store.clone();
        use_load(props.app_id, move |id| async move {
            api_apps::attachments(&store, id, locale).await
        })
    };
    let flash = use_state(|| None::<Flash>);
    let busy = use_state(|| false);
    let deleting = use_state(|| None::<Attachment>);
    let file = use_node_ref();

    let onsubmit = {
        let (flash, busy, file) = (flash.clone(), busy.clone(), file.clone());
        let (store, reload, id) = (session.store.clone(), loaded.reload.clone(), props.app_id);
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = FormValues::from_submit(&e) else {
                return;
            };
            let input = file.cast::<HtmlInputElement>();
            let Some(chosen) = input
                .as_ref()
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            else {
                flash.set(Some(Flash::Error(t(locale, Key::BulkNoFile).to_owned())));
                return;
            };
            let section = Section::parse(&form.text("section")).unwrap_or(Section::Materials);
            let description = form.text("description");
            busy.set(true);
            let (flash, busy, store, reload) =
                (flash.clone(), busy.clone(), store.clone(), reload.clone());
            spawn_local(async move {
                match api_apps::upload(&store, id, section, &chosen, &description, locale).await {
                    Ok(a) => {
                        flash.set(Some(Flash::Success(fill(
                            t(locale, Key::WfUploaded),
                            &a.file_name,
                        ))));
                        if let Some(input) = input {
                            input.set_value("");
                        }
                        reload.emit(());
                    }
                    Err(e) => flash.set(Some(Flash::Error(e.message(locale)))),
                }
                busy.set(false);
            });
        })
    };
    let download = |a: &Attachment| {
        let (store, flash) = (session.store.clone(), flash.clone());
        let (id, name, mime) = (a.id, a.file_name.clone(), a.content_type.clone());
        Callback::from(move |_: MouseEvent| {
            let (store, flash, name, mime) =
                (store.clone(), flash.clone(), name.clone(), mime.clone());
            spawn_local(async move {
                match api_apps::content(&store, id, locale).await {
                    Ok(bytes) => {
                        if !download::save(&bytes, &name, &mime) {
                            flash.set(Some(Flash::Error(
                                t(locale, Key::DownloadFailed).to_owned(),
                            )));
                        }
                    }
                    Err(e) => flash.set(Some(Flash::Error(e.message(locale)))),
                }
            });
        })
    };
    let ask_delete = |a: &Attachment| {
        let (deleting, a) = (deleting.clone(), a.clone());
        Callback::from(move |_: MouseEvent| deleting.set(Some(a.clone())))
    };
    let confirm_delete = (*deleting).clone().map(|a| {
        let on_cancel = {
            let deleting = deleting.clone();
            Callback::from(move |()| deleting.set(None))
        };
        let on_done = {
            let (deleting, flash, reload) = (deleting.clone(), flash.clone(), loaded.reload.clone());
            Callback::from(move |message: Flash| {
                flash.set(Some(message));
                deleting.set(None);
                reload.emit(());
            })
        };
        let (id, name, store) = (a.id, a.file_name.clone(), session.store.clone());
        let request = act(move || {
            let (store, name) = (store.clone(), name.clone());
            async move {
                api_apps::delete(&store, id, locale).await?;
                Ok(Flash::Success(fill(t(locale, Key::WfAttachmentDeleted), &name)))
            }
        });
        let question = confirm_question(locale, t(locale, Key::Delete), &a.file_name);
        html! { <ConfirmAction action={t(locale, Key::Delete)} danger=true message={question} act={request} {on_done} {on_cancel} /> }
    });

    let list = match &loaded.state {
        Load::Loading => html! { <p class="state-loading">{ i18n.t(Key::Loading) }</p> },
        Load::Failed(e) => html! {
            <p class="alert alert-warning" data-testid="attachments-unavailable">
                { fill(i18n.t(Key::WfAttachmentsUnavailable), &e.message(locale)) }
            </p>
        },
        Load::Ready(list) if list.is_empty() => html! {
            <p class="empty-state" data-testid="attachments">{ i18n.t(Key::WfNoAttachments) }</p>
        },
        Load::Ready(list) => html! {
            <table class="table table-compact" data-testid="attachments">
                <thead><tr>
                    <th scope="col">{ i18n.t(Key::WfSection) }</th>
                    <th scope="col">{ i18n.t(Key::WfFileName) }</th>
                    <th scope="col">{ i18n.t(Key::WfDescription) }</th>
                    <th scope="col">{ i18n.t(Key::WfSize) }</th>
                    <th scope="col">{ "SHA-256" }</th>
                    <th scope="col">{ i18n.t(Key::WfUploadedAt) }</th>
                    <th scope="col">{ i18n.t(Key::Actions) }</th>
                </tr></thead>
                <tbody>
                    { for list.iter().map(|a| html! {
                        <tr key={a.id.to_string()} data-testid={format!("attachment-{}", a.id)}>
                            <td>{ section_label(&i18n, a.section) }</td>
                            <td>{ &a.file_name }</td>
                            <td>{ &a.description }</td>
                            <td class="cell-mono">{ file_size(a.size) }</td>
                            <td class="cell-mono" title={a.sha256.clone()}>{ a.sha256.get(..12).unwrap_or(&a.sha256) }</td>
                            <td class="cell-time">{ china_time(&a.uploaded_at) }</td>
                            <td><div class="row-actions">
                                <button type="button" class="link-button" onclick={download(a)}
                                    data-testid={format!("attachment-download-{}", a.id)}>{ i18n.t(Key::WfDownload) }</button>
                                if props.editable && a.can_delete {
                                    <button type="button" class="link-button link-danger" onclick={ask_delete(a)}
                                        data-testid={format!("attachment-delete-{}", a.id)}>{ i18n.t(Key::Delete) }</button>
                                }
                            </div></td>
                        </tr>
                    }) }
                </tbody>
            </table>
        },
    };
    let sections = upload_sections(props.stage);
    html! {
        <section class="panel" aria-labelledby="attachments-title">
            <h2 class="panel-title" id="attachments-title">{ i18n.t(Key::WfAttachments) }</h2>
            { flash_view(flash.as_ref()) }
            { list }
            if props.editable {
                <form class="filter-bar" {onsubmit} aria-label={i18n.t(Key::WfUpload)}>
                    <div class="field">
                        <label for="attach-file">{ i18n.t(Key::WfFileName) }</label>
                        <input id="attach-file" type="file" ref={file} data-testid="attach-file"
                            accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.ppt,.pptx" />
                    </div>
                    <div class="field">
                        <label for="attach-section">{ i18n.t(Key::WfSection) }</label>
                        <select id="attach-section" name="section" data-testid="attach-section">
                            { for sections.iter().map(|s| html! {
                                <option value={s.as_str()}>{ section_label(&i18n, *s) }</option>
                            }) }
                        </select>
                    </div>
                    <div class="field">
                        <label for="attach-description">{ i18n.t(Key::WfDescription) }</label>
                        <input id="attach-description" name="description" maxlength="200" data-testid="attach-description" />
                    </div>
                    <div class="filter-actions">
                        <button type="submit" class="button button-primary" data-testid="attach-upload" disabled={*busy}>
                            { i18n.t(Key::WfUpload) }
                        </button>
                    </div>
                </form>
                <p class="field-hint">{ i18n.t(Key::WfAttachHint) }</p>
            }
            { for confirm_delete }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn supplementary_materials_only_in_the_supplement_stage() {
        assert_eq!(upload_sections(Stage::Draft), vec![Section::Materials]);
        assert_eq!(upload_sections(Stage::Returned), vec![Section::Materials]);
        assert_eq!(
            upload_sections(Stage::Supplement),
            vec![Section::Supplementary, Section::Materials]
        );
    }
}
