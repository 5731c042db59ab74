//! Labelled form controls. Each is `input-<name>` (id and `data-testid`, unless the page keeps
//! an older id), marks a required field with a spoken asterisk, looks read-only when it is,
//! and shows the dialog's error under itself when the error names its field.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::dialog::FieldError;
use crate::i18n::{use_i18n, Key};

/// The id of a field and of its hint.
///
/// The error is not part of it: a field that re-rendered when an error arrived would have its
/// typed value put back to its initial one (Yew resets an input's value to the virtual DOM's),
/// so only [`FieldErrorSlot`] listens to the dialog's error.
struct Wiring {
    id: String,
    name: AttrValue,
    described_by: Option<String>,
    hint_id: String,
}

fn wiring(name: &AttrValue, testid: Option<&AttrValue>, hint: bool) -> Wiring {
    let id = testid.map_or_else(|| format!("input-{name}"), |t| t.to_string());
    let hint_id = format!("{id}-hint");
    Wiring {
        described_by: hint.then(|| hint_id.clone()),
        id,
        name: name.clone(),
        hint_id,
    }
}

impl Wiring {
    /// The field around a control: label, control, hint and the slot of its error.
    fn frame(
        &self,
        label: &AttrValue,
        required: bool,
        hint: Option<&AttrValue>,
        control: Html,
    ) -> Html {
        html! {
            <div class="field" data-field={self.name.clone()}>
                { self.label(label, required) }
                { control }
                if let Some(hint) = hint {
                    <p class="field-hint" id={self.hint_id.clone()}>{ hint.clone() }</p>
                }
                <FieldErrorSlot name={self.name.clone()} id={format!("{}-error", self.id)} />
            </div>
        }
    }

    fn label(&self, label: &AttrValue, required: bool) -> Html {
        html! {
            <label for={self.id.clone()}>
                { label.clone() }
                if required { <RequiredMark /> }
            </label>
        }
    }
}

/// Props of [`TextField`].
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The input's `name`.
    pub name: AttrValue,
    /// The label text.
    pub label: AttrValue,
    /// Id and `data-testid` when not `input-<name>`.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
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
    /// Read-only (and looks it).
    #[prop_or_default]
    pub readonly: bool,
    /// Called on every keystroke with the value.
    #[prop_or_default]
    pub oninput: Option<Callback<String>>,
}

/// A label and an input.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let w = wiring(&props.name, props.testid.as_ref(), props.hint.is_some());
    let oninput = props.oninput.clone().map(|cb| {
        Callback::from(move |e: InputEvent| {
            cb.emit(target_value::<HtmlInputElement>(
                &e,
                HtmlInputElement::value,
            ))
        })
    });
    let control = html! {
            <input
                id={w.id.clone()}
                name={props.name.clone()}
                type={props.input_type.clone()}
                class={classes!(props.readonly.then_some("readonly"))}
                value={props.value.clone()}
                required={props.required}
                readonly={props.readonly}
                aria-readonly={props.readonly.then_some("true")}
                maxlength={props.maxlength.map(|m| m.to_string())}
                autocomplete={props.autocomplete.clone()}
                list={props.list.clone()}
                aria-describedby={w.described_by.clone()}
                data-testid={w.id.clone()}
                {oninput}
            />
    };
    w.frame(&props.label, props.required, props.hint.as_ref(), control)
}

/// A label and a textarea (opinions, reasons, descriptions).
#[component]
pub fn TextArea(props: &TextFieldProps) -> Html {
    let w = wiring(&props.name, props.testid.as_ref(), props.hint.is_some());
    let control = html! {
            <textarea
                id={w.id.clone()}
                name={props.name.clone()}
                rows="3"
                value={props.value.clone()}
                required={props.required}
                maxlength={props.maxlength.map(|m| m.to_string())}
                aria-describedby={w.described_by.clone()}
                data-testid={w.id.clone()}
            />
    };
    w.frame(&props.label, props.required, props.hint.as_ref(), control)
}

/// Props of [`SelectField`].
#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    /// The select's `name`.
    pub name: AttrValue,
    /// The label text.
    pub label: AttrValue,
    /// Id and `data-testid` when not `input-<name>`.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
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
    let w = wiring(&props.name, props.testid.as_ref(), props.hint.is_some());
    let onchange = props.onchange.clone().map(|cb| {
        Callback::from(move |e: Event| {
            cb.emit(target_value::<HtmlSelectElement>(
                &e,
                HtmlSelectElement::value,
            ))
        })
    });
    let control = html! {
            <select
                id={w.id.clone()}
                name={props.name.clone()}
                required={props.required}
                aria-describedby={w.described_by.clone()}
                data-testid={w.id.clone()}
                {onchange}
            >
                if let Some(empty) = &props.empty {
                    <option value="" selected={props.selected.is_empty()}>{ empty.clone() }</option>
                }
                { for props.options.iter().map(|(value, text)| html! {
                    <option value={value.clone()} selected={props.selected == value.as_str()}>{ text }</option>
                }) }
            </select>
    };
    w.frame(&props.label, props.required, props.hint.as_ref(), control)
}

/// The value of the control an event happened on (empty when it is not one).
fn target_value<T: JsCast>(e: &Event, value: fn(&T) -> String) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<T>().ok())
        .map(|t| value(&t))
        .unwrap_or_default()
}

/// Props of [`FieldErrorSlot`].
#[derive(Properties, PartialEq)]
pub struct FieldErrorSlotProps {
    /// The field's request name.
    pub name: AttrValue,
    /// The message's id and `data-testid` (`<field id>-error`).
    pub id: AttrValue,
}

/// The dialog's error when it names this field (announced, red, under the field).
#[component]
pub fn FieldErrorSlot(props: &FieldErrorSlotProps) -> Html {
    let error = use_context::<FieldError>();
    match error.as_ref().and_then(|e| e.at(&props.name)) {
        Some(message) => html! {
            <p class="field-error" id={props.id.clone()} role="alert" data-testid={props.id.clone()}>{ message.to_owned() }</p>
        },
        None => Html::default(),
    }
}

/// The red asterisk of a required field (its meaning is spoken, not drawn).
#[component]
pub fn RequiredMark() -> Html {
    let i18n = use_i18n();
    html! {
        <span class="required-mark" title={i18n.t(Key::RequiredMark)}>
            <span aria-hidden="true">{ "*" }</span>
            <span class="visually-hidden">{ i18n.t(Key::RequiredMark) }</span>
        </span>
    }
}

/// A read-only value in a form or a detail list: text, not an input, so it never looks
/// editable (an applicant's ID number).
pub fn read_only(label: &str, value: &str, testid: &str) -> Html {
    html! {
        <div class="field field-readonly">
            <span class="field-label">{ label.to_owned() }</span>
            <span class="readonly-value" data-testid={testid.to_owned()}>{ value.to_owned() }</span>
        </div>
    }
}

/// Props of [`OpinionField`].
#[derive(Properties, PartialEq)]
pub struct OpinionFieldProps {
    /// The label.
    pub label: AttrValue,
    /// Marked required.
    #[prop_or_default]
    pub required: bool,
    /// `maxlength`.
    #[prop_or(500)]
    pub maxlength: u32,
    /// Initial text.
    #[prop_or_default]
    pub value: AttrValue,
    /// The form name (default `opinion`).
    #[prop_or(AttrValue::Static("opinion"))]
    pub name: AttrValue,
    /// `data-testid` (default `dialog-opinion`).
    #[prop_or(AttrValue::Static("dialog-opinion"))]
    pub testid: AttrValue,
}

/// The opinion (or resolution, report content) of a dialog: a [`TextArea`] named `opinion`,
/// `dialog-opinion`.
#[component]
pub fn OpinionField(props: &OpinionFieldProps) -> Html {
    html! {
        <TextArea name={props.name.clone()} label={props.label.clone()} required={props.required}
            maxlength={Some(props.maxlength)} value={props.value.clone()} testid={props.testid.clone()} />
    }
}

/// The file chosen in the file input behind `input` (a form's upload field); `None` when
/// nothing was chosen.
pub fn file_in(input: &NodeRef) -> Option<web_sys::File> {
    input
        .cast::<HtmlInputElement>()
        .and_then(|i| i.files())
        .and_then(|f| f.get(0))
}

/// The file chosen in a file input's `change` event, the input cleared (so that the same file
/// may be chosen again after a refusal); `None` when nothing was chosen.
pub fn take_chosen_file(e: &Event) -> Option<web_sys::File> {
    let input = e.target_dyn_into::<HtmlInputElement>()?;
    let file = input.files().and_then(|f| f.get(0))?;
    input.set_value("");
    Some(file)
}
