//! The one dialog of the publicity, committee, reviewer and calendar screens: a form in a
//! modal with 取消 (`dialog-cancel`) and the confirming button (`dialog-confirm`), the API's
//! error inside it; plus [`Pending`], the busy / error state of its request.

use std::future::Future;

use shared::Locale;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::alert::{flash_view, Flash};
use crate::components::form::FormValues;
use crate::components::modal::Modal;
use crate::i18n::{use_i18n, Key};

/// A request under way from a dialog: busy while it runs, the API's message when it fails.
#[derive(Clone, PartialEq)]
pub struct Pending {
    /// The request runs.
    pub busy: UseStateHandle<bool>,
    /// Its error, or a check of the form that failed.
    pub error: UseStateHandle<Option<String>>,
    locale: Locale,
}

/// The state of a dialog's request.
#[hook]
pub fn use_pending() -> Pending {
    let locale = use_i18n().locale;
    Pending {
        busy: use_state(|| false),
        error: use_state(|| None),
        locale,
    }
}

impl Pending {
    /// Shows a message (a check of the form failed); nothing is sent.
    pub fn fail(&self, message: impl Into<String>) {
        self.error.set(Some(message.into()));
    }

    /// Runs `request` unless one is under way; `done` gets the answer, a failure stays in the
    /// dialog.
    pub fn run<T: 'static>(
        &self,
        request: impl Future<Output = Result<T, ApiError>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        if *self.busy {
            return;
        }
        self.busy.set(true);
        self.error.set(None);
        let this = self.clone();
        spawn_local(async move {
            match request.await {
                Ok(value) => {
                    this.busy.set(false);
                    done(value);
                }
                Err(e) => {
                    this.error.set(Some(e.message(this.locale)));
                    this.busy.set(false);
                }
            }
        });
    }
}

/// Props of [`FormDialog`].
#[derive(Properties, PartialEq)]
pub struct FormDialogProps {
    /// The heading.
    pub title: AttrValue,
    /// The modal's `data-testid`.
    pub testid: AttrValue,
    /// The confirming button's text.
    pub confirm_label: AttrValue,
    /// The confirming button's `data-testid`.
    #[prop_or(AttrValue::Static("dialog-confirm"))]
    pub confirm_testid: AttrValue,
    /// A red confirming button (final or destructive actions).
    #[prop_or_default]
    pub danger: bool,
    /// Two-column width.
    #[prop_or_default]
    pub wide: bool,
    /// The request's state.
    pub pending: Pending,
    /// Submitted (Enter or the confirming button): the form's values.
    pub on_submit: Callback<FormValues>,
    /// Cancelled or closed.
    pub on_close: Callback<()>,
    /// The fields and explanations.
    #[prop_or_default]
    pub children: Html,
}

/// A form in a modal dialog.
#[component]
pub fn FormDialog(props: &FormDialogProps) -> Html {
    let i18n = use_i18n();
    let form_id = format!("{}-form", props.testid);
    let busy = *props.pending.busy;
    let onsubmit = {
        let on_submit = props.on_submit.clone();
        Callback::from(move |e: SubmitEvent| {
            if let Some(form) = FormValues::from_submit(&e) {
                on_submit.emit(form);
            }
        })
    };
    let error = (*props.pending.error).clone().map(Flash::Error);
    let footer = html! {
        <div class="dialog-actions">
            <button type="button" class="button" data-testid="dialog-cancel" disabled={busy}
                onclick={props.on_close.reform(|_: MouseEvent| ())}>
                { i18n.t(Key::Cancel) }
            </button>
            <button type="submit" form={form_id.clone()} data-testid={props.confirm_testid.clone()} disabled={busy} aria-busy={busy.to_string()}
                class={classes!("button", if props.danger { "button-danger" } else { "button-primary" })}>
                { if busy { AttrValue::from(i18n.t(Key::Saving)) } else { props.confirm_label.clone() } }
            </button>
        </div>
    };
    html! {
        <Modal title={props.title.clone()} testid={props.testid.clone()} wide={props.wide}
            on_close={props.on_close.clone()} {footer}>
            <form id={form_id} class="form" novalidate=true {onsubmit} aria-busy={busy.to_string()}>
                // A long form shows its error at the top, where it is seen.
                if props.wide { { flash_view(error.as_ref()) } }
                { props.children.clone() }
                if !props.wide { { flash_view(error.as_ref()) } }
            </form>
        </Modal>
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

/// The opinion (or resolution, report content) textarea of a dialog: `dialog-opinion`.
#[component]
pub fn OpinionField(props: &OpinionFieldProps) -> Html {
    let i18n = use_i18n();
    let id = format!("field-{}", props.testid);
    html! {
        <div class="field">
            <label for={id.clone()}>
                { props.label.clone() }
                if props.required {
                    <span class="required-mark" title={i18n.t(Key::RequiredMark)}>{ "*" }</span>
                }
            </label>
            <textarea id={id} name={props.name.clone()} rows="4" required={props.required}
                maxlength={props.maxlength.to_string()} value={props.value.clone()}
                data-testid={props.testid.clone()} />
        </div>
    }
}

/// Props of [`PlainField`].
#[derive(Properties, PartialEq)]
pub struct PlainFieldProps {
    /// The label.
    pub label: AttrValue,
    /// The input's name.
    pub name: AttrValue,
    /// `data-testid` (and id).
    pub testid: AttrValue,
    /// Initial value.
    #[prop_or_default]
    pub value: AttrValue,
    /// `type`.
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    /// Marked required.
    #[prop_or_default]
    pub required: bool,
    /// Read-only.
    #[prop_or_default]
    pub readonly: bool,
    /// `maxlength`.
    #[prop_or_default]
    pub maxlength: Option<u32>,
    /// A hint under the input.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Called on every keystroke with the value (controlled fields).
    #[prop_or_default]
    pub oninput: Option<Callback<String>>,
}

/// A labelled input whose `data-testid` is chosen by the page (the journeys' ids).
#[component]
pub fn PlainField(props: &PlainFieldProps) -> Html {
    let i18n = use_i18n();
    let hint_id = format!("{}-hint", props.testid);
    let oninput = props.oninput.clone().map(|cb| {
        Callback::from(move |e: InputEvent| {
            use wasm_bindgen::JsCast;
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                cb.emit(input.value());
            }
        })
    });
    html! {
        <div class="field">
            <label for={props.testid.clone()}>
                { props.label.clone() }
                if props.required {
                    <span class="required-mark" title={i18n.t(Key::RequiredMark)}>{ "*" }</span>
                }
            </label>
            <input id={props.testid.clone()} name={props.name.clone()} type={props.input_type.clone()}
                value={props.value.clone()} required={props.required} readonly={props.readonly} autocomplete="off"
                maxlength={props.maxlength.map(|m| m.to_string())}
                aria-describedby={props.hint.as_ref().map(|_| hint_id.clone())}
                data-testid={props.testid.clone()} {oninput} />
            if let Some(hint) = &props.hint {
                <p class="field-hint" id={hint_id}>{ hint.clone() }</p>
            }
        </div>
    }
}
