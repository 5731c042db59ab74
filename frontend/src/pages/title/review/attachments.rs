//! The attachments of one application: the list grouped by kind of material (size, SHA-256,
//! download) and, while the applicant may edit, upload (into a kind) and delete, with the kinds
//! its series still requires before it can be submitted. 政策性审查未通过补充材料 only in
//! stage `supplement`.

use shared::application::Series;
use shared::attachments::{missing_categories, AttachmentCategory};
use shared::workflow::Stage;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::applications::{self as api_apps, Attachment, Section};
use crate::components::alert::{flash_view, Flash};
use crate::components::form::FormValues;
use crate::download;
use crate::hooks::{use_api, use_api_load, Load};
use crate::i18n::{fill, t, use_i18n, I18n, Key};
use crate::kit::dialog::{act, confirm_question, ConfirmAction};
use crate::kit::fields::RequiredMark;
use crate::kit::format::china_time;
use crate::kit::format::file_size;
use crate::kit::list::{col, grouped_table, row_button, row_buttons, text_col, Group, Row};

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
    /// The application's series: the kinds it requires are named while they have no file.
    #[prop_or_default]
    pub series: Option<Series>,
}

/// The kinds an application of `series` still lacks, as "学历/资历证明、业绩成果" (empty when
/// none).
pub fn missing_text(
    locale: shared::Locale,
    kinds: &[AttachmentCategory],
    series: Series,
    files: &[Attachment],
) -> String {
    let present: Vec<i64> = files.iter().filter_map(|a| a.category_id).collect();
    let names: Vec<&str> = missing_categories(kinds, series, &present)
        .into_iter()
        .map(|c| c.name(locale))
        .collect();
    names.join(match locale {
        shared::Locale::ZhCn => "、",
        shared::Locale::En => ", ",
    })
}

/// The files grouped by kind, in the kinds' order; files of no known kind last.
pub fn grouped<'a>(
    kinds: &'a [AttachmentCategory],
    files: &'a [Attachment],
) -> Vec<(Option<&'a AttachmentCategory>, Vec<&'a Attachment>)> {
    let mut groups: Vec<(Option<&AttachmentCategory>, Vec<&Attachment>)> = kinds
        .iter()
        .map(|k| {
            let of: Vec<&Attachment> = files
                .iter()
                .filter(|a| a.category_id == Some(k.id))
                .collect();
            (Some(k), of)
        })
        .filter(|(_, of)| !of.is_empty())
        .collect();
    let rest: Vec<&Attachment> = files
        .iter()
        .filter(|a| {
            !a.category_id
                .is_some_and(|c| kinds.iter().any(|k| k.id == c))
        })
        .collect();
    if !rest.is_empty() {
        groups.push((None, rest));
    }
    groups
}

impl Row for Attachment {
    fn key(&self) -> String {
        format!("attachment-{}", self.id)
    }
}

/// The attachments panel.
#[component]
pub fn Attachments(props: &AttachmentsProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let loaded = use_api_load(props.app_id, move |api, id| async move {
        let files = api_apps::attachments(&api, id).await?;
        let kinds = crate::api::attachment_categories::list(&api).await?;
        Ok((files, kinds))
    });
    let flash = use_state(|| None::<Flash>);
    let busy = use_state(|| false);
    let deleting = use_state(|| None::<Attachment>);
    let file = use_node_ref();

    let onsubmit = {
        let (flash, busy, file) = (flash.clone(), busy.clone(), file.clone());
        let (api, reload, id) = (api.clone(), loaded.reload.clone(), props.app_id);
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = FormValues::from_submit(&e) else {
                return;
            };
            let input = file.cast::<HtmlInputElement>();
            let Some(chosen) = crate::kit::fields::file_in(&file) else {
                flash.set(Some(Flash::Error(t(locale, Key::BulkNoFile).to_owned())));
                return;
            };
            let section = Section::parse(&form.text("section")).unwrap_or(Section::Materials);
            let Ok(category) = form.text("category_id").parse::<i64>() else {
                flash.set(Some(Flash::Error(
                    t(locale, Key::AttChooseCategory).to_owned(),
                )));
                return;
            };
            let description = form.text("description");
            busy.set(true);
            let (flash, busy, api, reload) =
                (flash.clone(), busy.clone(), api.clone(), reload.clone());
            spawn_local(async move {
                match api_apps::upload(&api, id, (section, Some(category)), &chosen, &description)
                    .await
                {
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
    let (api_h, flash_h) = (api.clone(), flash.clone());
    let download = move |a: &Attachment| {
        let (api, flash) = (api_h.clone(), flash_h.clone());
        let (id, name, mime) = (a.id, a.file_name.clone(), a.content_type.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, flash, name, mime) = (api.clone(), flash.clone(), name.clone(), mime.clone());
            spawn_local(async move {
                match api_apps::content(&api, id).await {
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
    let deleting_h = deleting.clone();
    let ask_delete = move |a: &Attachment| {
        let (deleting, a) = (deleting_h.clone(), a.clone());
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
        let (id, name, api) = (a.id, a.file_name.clone(), api.clone());
        let request = act(move || {
            let (api, name) = (api.clone(), name.clone());
            async move {
                api_apps::delete(&api, id).await?;
                Ok(Flash::Success(fill(t(locale, Key::WfAttachmentDeleted), &name)))
            }
        });
        let question = confirm_question(locale, t(locale, Key::Delete), &a.file_name);
        html! { <ConfirmAction action={t(locale, Key::Delete)} danger=true message={question} act={request} {on_done} {on_cancel} /> }
    });

    let editable = props.editable;
    let columns = vec![
        col(i18n.t(Key::WfSection), {
            let i18n = i18n.clone();
            move |a: &Attachment| html! { { section_label(&i18n, a.section) } }
        }),
        text_col(i18n.t(Key::WfFileName), |a: &Attachment| &a.file_name),
        text_col(i18n.t(Key::WfDescription), |a: &Attachment| &a.description),
        col(i18n.t(Key::WfSize), |a: &Attachment| html! { { file_size(a.size) } }).class("cell-mono"),
        col("SHA-256", |a: &Attachment| {
            html! { <span title={a.sha256.clone()}>{ a.sha256.get(..12).unwrap_or(&a.sha256) }</span> }
        })
        .class("cell-mono"),
        col(i18n.t(Key::WfUploadedAt), |a: &Attachment| html! { { china_time(&a.uploaded_at) } }).class("cell-time"),
        col(i18n.t(Key::Actions), move |a: &Attachment| {
            let mut buttons = vec![row_button("btn-download", t(locale, Key::WfDownload), false, download(a))];
            if editable && a.can_delete {
                buttons.push(row_button("btn-delete", t(locale, Key::Delete), true, ask_delete(a)));
            }
            row_buttons(buttons)
        }),
    ];
    let list = match &loaded.state {
        Load::Loading => html! { <p class="state-loading">{ i18n.t(Key::Loading) }</p> },
        Load::Failed(e) => html! {
            <p class="alert alert-warning" data-testid="attachments-unavailable">
                { fill(i18n.t(Key::WfAttachmentsUnavailable), &e.message(locale)) }
            </p>
        },
        Load::Ready(both) if both.0.is_empty() => html! {
            <p class="empty-state" data-testid="attachments">{ i18n.t(Key::WfNoAttachments) }</p>
        },
        Load::Ready(both) => {
            let groups = grouped(&both.1, &both.0)
                .into_iter()
                .map(|(kind, files)| {
                    let (key, name) = kind.map_or_else(
                        || ("none".to_owned(), i18n.t(Key::AttUncategorised).to_owned()),
                        |k| (k.code.clone(), k.name(locale).to_owned()),
                    );
                    let count = fill(i18n.t(Key::AttFileCount), &files.len().to_string());
                    Group {
                        key,
                        heading: html! { <>{ name }{ " " }<span class="muted">{ count }</span></> },
                        rows: files,
                    }
                })
                .collect();
            grouped_table("attachments", &columns, groups)
        }
    };
    let (kinds, missing) = match &loaded.state {
        Load::Ready(both) => (
            both.1.clone(),
            props
                .series
                .map(|s| missing_text(locale, &both.1, s, &both.0))
                .unwrap_or_default(),
        ),
        _ => (Vec::new(), String::new()),
    };
    let offered: Vec<&AttachmentCategory> = kinds.iter().filter(|k| k.enabled).collect();
    let sections = upload_sections(props.stage);
    html! {
        <section class="panel" aria-labelledby="attachments-title">
            <h2 class="panel-title" id="attachments-title">{ i18n.t(Key::WfAttachments) }</h2>
            { flash_view(flash.as_ref()) }
            if props.editable && !missing.is_empty() {
                <p class="alert alert-warning" role="status" data-testid="attachments-missing">
                    { fill(i18n.t(Key::AttMissing), &missing) }
                </p>
            }
            { list }
            if props.editable {
                <form class="filter-bar" {onsubmit} aria-label={i18n.t(Key::WfUpload)}>
                    <div class="field">
                        <label for="attach-file">{ i18n.t(Key::WfFileName) }</label>
                        <input id="attach-file" type="file" ref={file} data-testid="attach-file"
                            accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.ppt,.pptx" />
                    </div>
                    <div class="field">
                        <label for="attach-category">{ i18n.t(Key::AttCategory) }<RequiredMark /></label>
                        <select id="attach-category" name="category_id" data-testid="attach-category" required=true>
                            <option value="">{ i18n.t(Key::SelectPlaceholder) }</option>
                            { for offered.iter().map(|k| html! {
                                <option value={k.id.to_string()}>{ k.name(locale) }</option>
                            }) }
                        </select>
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
