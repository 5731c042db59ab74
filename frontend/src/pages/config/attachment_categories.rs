//! 附件类别 (system administrator, issue 9 point 12): the kinds of application material with
//! 新增 / 编辑 — names, order, enabled, and the series that require a file of the kind before an
//! application is submitted. Kinds are never deleted (their files keep them); one is disabled.

use shared::application::Series;
use shared::attachments::{AttachmentCategory, AttachmentCategoryInput};
use yew::prelude::*;

use crate::api;
use crate::components::alert::Flash;
use crate::components::form::{enabled_options, parse_enabled, FormValues, SelectField, TextField};
use crate::hooks::use_api;
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::dialog::{use_pending, FormDialog};
use crate::kit::list::{col, text_col, use_list_dialogs, ListPage, Row};
use crate::kit::tags::{status_tag, text_tag, Status, Tone};

impl Row for AttachmentCategory {
    fn key(&self) -> String {
        self.code.clone()
    }
}

/// The series of a submitted form, in their order.
pub fn picked_series(codes: &[String]) -> Vec<Series> {
    Series::ALL
        .iter()
        .copied()
        .filter(|s| codes.iter().any(|c| c == s.as_str()))
        .collect()
}

/// The page.
#[component]
pub fn AttachmentCategories() -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let (control, dialog, open, close, finish) =
        use_list_dialogs::<Option<Option<AttachmentCategory>>>();
    let dialog_view = match &*dialog {
        None => Html::default(),
        Some(kind) => {
            html! { <CategoryDialog kind={kind.clone()} on_done={finish} on_close={close} /> }
        }
    };
    let to = open.clone();
    let columns = vec![
        col(
            i18n.t(Key::AttCatSort),
            |c: &AttachmentCategory| html! { { c.sort } },
        )
        .class("cell-mono"),
        text_col(i18n.t(Key::AttCatCode), |c: &AttachmentCategory| &c.code).class("cell-mono"),
        col(i18n.t(Key::AttCatNameZh), |c: &AttachmentCategory| {
            html! { <>{ &c.name_zh }<div class="cell-sub">{ &c.name_en }</div></> }
        })
        .class("cell-name"),
        col(
            i18n.t(Key::AttCatRequired),
            move |c: &AttachmentCategory| {
                if c.required_series.is_empty() {
                    html! { <span class="muted">{ t(locale, Key::AttCatOptional) }</span> }
                } else {
                    html! { <span class="tags">
                        { for c.required_series.iter().map(|s| text_tag(s.label(locale), Tone::Neutral)) }
                    </span> }
                }
            },
        ),
        col(i18n.t(Key::StatusLabel), move |c: &AttachmentCategory| {
            status_tag(locale, Status::Enabled(c.enabled), None)
        }),
        col(i18n.t(Key::Actions), move |c: &AttachmentCategory| {
            let edit = Some(c.clone());
            html! { <div class="row-actions">
                <button type="button" class="link-button" data-testid={format!("btn-edit-{}", c.code)}
                    onclick={to.reform(move |_| Some(edit.clone()))}>{ t(locale, Key::Edit) }</button>
            </div> }
        }),
    ];
    let actions = html! {
        <button type="button" class="button button-primary" data-testid="btn-new-category" onclick={open.reform(|_| Some(None))}>
            { i18n.t(Key::AttCatNew) }
        </button>
    };
    html! {
        <ListPage<AttachmentCategory> name="attachment-categories" title={i18n.t(Key::NavAttachmentCategories)}
            path="/api/v1/attachment-categories" unpaged=true export=false intro={i18n.t(Key::AttCatIntro)}
            {columns} {actions} control={control.clone()}>
            { dialog_view }
        </ListPage<AttachmentCategory>>
    }
}

/// Props of [`CategoryDialog`].
#[derive(Properties, PartialEq)]
struct CategoryDialogProps {
    /// `None` for a new kind.
    kind: Option<AttachmentCategory>,
    on_done: Callback<Flash>,
    on_close: Callback<()>,
}

/// 新增 / 编辑附件类别.
#[component]
fn CategoryDialog(props: &CategoryDialogProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let pending = use_pending();
    let locale = i18n.locale;
    let on_submit = {
        let (pending, api) = (pending.clone(), api.clone());
        let (id, on_done) = (props.kind.as_ref().map(|k| k.id), props.on_done.clone());
        let code = props.kind.as_ref().map(|k| k.code.clone());
        Callback::from(move |form: FormValues| {
            let input = AttachmentCategoryInput {
                code: code.clone().unwrap_or_else(|| form.text("code")),
                name_zh: form.text("name_zh"),
                name_en: form.text("name_en"),
                sort: form.text("sort").trim().parse().unwrap_or(-1),
                enabled: parse_enabled(&form.text("enabled")).unwrap_or(true),
                required_series: picked_series(&form.all("required_series")),
            };
            for (field, blank) in [
                ("code", input.code.trim().is_empty()),
                ("name_zh", input.name_zh.trim().is_empty()),
                ("name_en", input.name_en.trim().is_empty()),
            ] {
                if blank {
                    return pending.fail_at(field, t(locale, Key::FieldsRequired));
                }
            }
            let (api, on_done) = (api.clone(), on_done.clone());
            let request = async move {
                match id {
                    Some(id) => api::attachment_categories::update(&api, id, &input).await,
                    None => api::attachment_categories::create(&api, &input).await,
                }
            };
            pending.run(request, move |kind| {
                on_done.emit(Flash::Success(fill(
                    t(locale, Key::AttCatSaved),
                    kind.name(locale),
                )))
            });
        })
    };
    let kind = props.kind.clone();
    let title = i18n.t(if kind.is_some() {
        Key::AttCatEdit
    } else {
        Key::AttCatNew
    });
    let value = |f: fn(&AttachmentCategory) -> String| kind.as_ref().map(f).unwrap_or_default();
    let required = kind
        .as_ref()
        .map(|k| k.required_series.clone())
        .unwrap_or_default();
    let enabled = if kind.as_ref().is_none_or(|k| k.enabled) {
        "true"
    } else {
        "false"
    };
    html! {
        <FormDialog {title} name="category" submit_label={i18n.t(Key::Save)} wide=true
            {pending} {on_submit} on_close={props.on_close.clone()}>
            <div class="form-grid">
                <TextField name="code" testid="input-code" label={i18n.t(Key::AttCatCode)} required=true maxlength={40}
                    value={value(|k| k.code.clone())} readonly={kind.is_some()} hint={Some(AttrValue::from(i18n.t(Key::AttCatCodeHint)))} />
                <TextField name="sort" testid="input-sort" label={i18n.t(Key::AttCatSort)} required=true maxlength={4}
                    input_type="number" value={kind.as_ref().map_or_else(|| "100".to_owned(), |k| k.sort.to_string())} />
                <TextField name="name_zh" testid="input-name_zh" label={i18n.t(Key::AttCatNameZh)} required=true maxlength={50}
                    value={value(|k| k.name_zh.clone())} />
                <TextField name="name_en" testid="input-name_en" label={i18n.t(Key::AttCatNameEn)} required=true maxlength={100}
                    value={value(|k| k.name_en.clone())} />
                <SelectField name="enabled" testid="input-enabled" label={i18n.t(Key::StatusLabel)}
                    options={enabled_options(&i18n)} selected={enabled} />
            </div>
            <fieldset class="fieldset" data-field="required_series">
                <legend>{ i18n.t(Key::AttCatRequired) }</legend>
                <div class="checks checks-columns">
                    { for Series::ALL.iter().map(|s| html! {
                        <label class="check">
                            <input type="checkbox" name="required_series" value={s.as_str()}
                                checked={required.contains(s)} data-testid={format!("series-{}", s.as_str())} />
                            { s.label(locale) }
                        </label>
                    }) }
                </div>
            </fieldset>
        </FormDialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_are_read_in_their_order() {
        let codes = vec![
            "health".to_owned(),
            "engineering".to_owned(),
            "x".to_owned(),
        ];
        assert_eq!(picked_series(&codes), [Series::Engineering, Series::Health]);
    }
}
