//! Labelled form controls and reading a submitted form. Forms are uncontrolled: the values are
//! read from the `<form>` when it is submitted, so typing re-renders nothing.

use wasm_bindgen::JsCast;
use web_sys::{FormData, HtmlFormElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{use_i18n, Key};

/// The values of a submitted form, by input name.
pub struct FormValues(FormData);

impl FormValues {
    /// Stops the browser's own submission and reads the form's values.
    pub fn from_submit(e: &SubmitEvent) -> Option<Self> {
        e.prevent_default();
        let form = e.target()?.dyn_into::<HtmlFormElement>().ok()?;
        FormData::new_with_form(&form).ok().map(FormValues)
    }

    /// A text value, trimmed; empty when absent.
    pub fn text(&self, name: &str) -> String {
        self.0
            .get(name)
            .as_string()
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    }

    /// Every value of a name (checked checkboxes).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .get_all(name)
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
    }

    /// A text value, `None` when blank.
    pub fn opt(&self, name: &str) -> Option<String> {
        Some(self.text(name)).filter(|v| !v.is_empty())
    }
}

/// Props of [`TextField`].
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The input's `name`; the id and `data-testid` are `input-<name>`.
    pub name: AttrValue,
    /// The label text.
    pub label: AttrValue,
    /// Initial value.
    #[prop_or_default]
    pub value: AttrValue,
    /// Marked required (the form checks it on submit).
    #[prop_or_default]
    pub required: bool,
    /// A hint under the input.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// `type` (default `text`).
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    /// `maxlength`.
    #[prop_or_default]
    pub maxlength: Option<u32>,
    /// `autocomplete` (default `off`).
    #[prop_or(AttrValue::Static("off"))]
    pub autocomplete: AttrValue,
    /// `list` (a `<datalist>` id).
    #[prop_or_default]
    pub list: Option<AttrValue>,
    /// Read-only.
    #[prop_or_default]
    pub readonly: bool,
}

/// A label and an input.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let id = format!("input-{}", props.name);
    let hint_id = format!("{id}-hint");
    html! {
        <div class="field">
            <label for={id.clone()}>
                { props.label.clone() }
                if props.required { <RequiredMark /> }
            </label>
            <input
                id={id.clone()}
                name={props.name.clone()}
                type={props.input_type.clone()}
                value={props.value.clone()}
                required={props.required}
                readonly={props.readonly}
                maxlength={props.maxlength.map(|m| m.to_string())}
                autocomplete={props.autocomplete.clone()}
                list={props.list.clone()}
                aria-describedby={props.hint.as_ref().map(|_| hint_id.clone())}
                data-testid={id}
            />
            if let Some(hint) = &props.hint {
                <p class="field-hint" id={hint_id}>{ hint.clone() }</p>
            }
        </div>
    }
}

/// Props of [`TextArea`].
#[derive(Properties, PartialEq)]
pub struct TextAreaProps {
    /// The textarea's `name`; the id and `data-testid` are `input-<name>`.
    pub name: AttrValue,
    /// The label text.
    pub label: AttrValue,
    /// Initial value.
    #[prop_or_default]
    pub value: AttrValue,
    /// Marked required.
    #[prop_or_default]
    pub required: bool,
    /// `maxlength`.
    #[prop_or_default]
    pub maxlength: Option<u32>,
    /// A hint under the textarea.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

/// A label and a textarea (opinions, reasons, descriptions).
#[component]
pub fn TextArea(props: &TextAreaProps) -> Html {
    let id = format!("input-{}", props.name);
    let hint_id = format!("{id}-hint");
    html! {
        <div class="field">
            <label for={id.clone()}>
                { props.label.clone() }
                if props.required { <RequiredMark /> }
            </label>
            <textarea
                id={id.clone()}
                name={props.name.clone()}
                rows="3"
                value={props.value.clone()}
                required={props.required}
                maxlength={props.maxlength.map(|m| m.to_string())}
                aria-describedby={props.hint.as_ref().map(|_| hint_id.clone())}
                data-testid={id}
            />
            if let Some(hint) = &props.hint {
                <p class="field-hint" id={hint_id}>{ hint.clone() }</p>
            }
        </div>
    }
}

/// Props of [`SelectField`].
#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    /// The select's `name`; the id and `data-testid` are `input-<name>`.
    pub name: AttrValue,
    /// The label text.
    pub label: AttrValue,
    /// `(value, text)` pairs.
    pub options: Vec<(String, String)>,
    /// The selected value.
    #[prop_or_default]
    pub selected: AttrValue,
    /// A first option with an empty value (全部 / 请选择).
    #[prop_or_default]
    pub empty: Option<AttrValue>,
    /// Marked required.
    #[prop_or_default]
    pub required: bool,
    /// Called with the new value.
    #[prop_or_default]
    pub onchange: Option<Callback<String>>,
    /// A hint under the select.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

/// A label and a select.
#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let id = format!("input-{}", props.name);
    let hint_id = format!("{id}-hint");
    let onchange = props.onchange.clone().map(|callback| {
        Callback::from(move |e: Event| {
            if let Some(select) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                callback.emit(select.value());
            }
        })
    });
    html! {
        <div class="field">
            <label for={id.clone()}>
                { props.label.clone() }
                if props.required { <RequiredMark /> }
            </label>
            <select
                id={id.clone()}
                name={props.name.clone()}
                required={props.required}
                aria-describedby={props.hint.as_ref().map(|_| hint_id.clone())}
                data-testid={id}
                {onchange}
            >
                if let Some(empty) = &props.empty {
                    <option value="" selected={props.selected.is_empty()}>{ empty.clone() }</option>
                }
                { for props.options.iter().map(|(value, text)| html! {
                    <option value={value.clone()} selected={props.selected == value.as_str()}>{ text }</option>
                }) }
            </select>
            if let Some(hint) = &props.hint {
                <p class="field-hint" id={hint_id}>{ hint.clone() }</p>
            }
        </div>
    }
}

/// The red asterisk of a required field (its meaning is spoken, not drawn).
#[component]
fn RequiredMark() -> Html {
    let i18n = use_i18n();
    html! {
        <span class="required-mark" title={i18n.t(Key::RequiredMark)}>
            <span aria-hidden="true">{ "*" }</span>
            <span class="visually-hidden">{ i18n.t(Key::RequiredMark) }</span>
        </span>
    }
}

/// The `(value, label)` options of an enum with `as_str` and `label`.
pub fn enum_options<T: Copy>(
    values: &[T],
    wire: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Vec<(String, String)> {
    values
        .iter()
        .map(|&v| (wire(v).to_owned(), label(v).to_owned()))
        .collect()
}

/// The options of an enabled filter: 启用 / 停用.
pub fn enabled_options(i18n: &crate::i18n::I18n) -> Vec<(String, String)> {
    vec![
        ("true".to_owned(), i18n.t(Key::StatusEnabled).to_owned()),
        ("false".to_owned(), i18n.t(Key::StatusDisabled).to_owned()),
    ]
}

/// Parses the enabled filter's value.
pub fn parse_enabled(value: &str) -> Option<bool> {
    match value {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}
