//! "确定要…吗？" before a destructive or final action.

use yew::prelude::*;

use super::alert::Flash;
use super::modal::Modal;
use crate::i18n::{use_i18n, Key};

/// Props of [`Confirm`].
#[derive(Properties, PartialEq)]
pub struct ConfirmProps {
    /// The heading (the action).
    pub title: AttrValue,
    /// The question, naming what is affected.
    pub message: AttrValue,
    /// The confirming button's text.
    pub confirm_label: AttrValue,
    /// A red confirming button (disable, reset).
    #[prop_or_default]
    pub danger: bool,
    /// The action is under way: buttons disabled.
    #[prop_or_default]
    pub busy: bool,
    /// The action's error, shown in the dialog.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Confirmed.
    pub on_confirm: Callback<()>,
    /// Cancelled or closed.
    pub on_cancel: Callback<()>,
}

/// A confirmation dialog (`dialog-confirm`, buttons `btn-confirm` / `btn-cancel`).
#[component]
pub fn Confirm(props: &ConfirmProps) -> Html {
    let i18n = use_i18n();
    let confirm = {
        let on_confirm = props.on_confirm.clone();
        Callback::from(move |_: MouseEvent| on_confirm.emit(()))
    };
    let cancel = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| on_cancel.emit(()))
    };
    let error = props
        .error
        .as_ref()
        .map(|message| Flash::Error(message.to_string()));
    let footer = html! {
        <div class="dialog-actions">
            <button type="button" class="button" data-testid="btn-cancel" onclick={cancel} disabled={props.busy}>
                { i18n.t(Key::Cancel) }
            </button>
            <button
                type="button"
                class={classes!("button", if props.danger { "button-danger" } else { "button-primary" })}
                data-testid="btn-confirm"
                onclick={confirm}
                disabled={props.busy}
                aria-busy={props.busy.to_string()}
            >
                { props.confirm_label.clone() }
            </button>
        </div>
    };
    html! {
        <Modal title={props.title.clone()} testid="dialog-confirm" on_close={props.on_cancel.clone()} {footer}>
            <p class="confirm-message" data-testid="confirm-message">{ props.message.clone() }</p>
            { super::alert::flash_view(error.as_ref()) }
        </Modal>
    }
}
