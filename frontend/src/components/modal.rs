//! A modal dialog on the native `<dialog>` element: Esc closes it and the page behind is inert.
//! Tab and Shift+Tab wrap round the dialog's own controls (the browser alone would let the
//! focus leave for its own toolbar). Focus returns to where it was when it closes.

use wasm_bindgen::JsCast;
use web_sys::{HtmlDialogElement, HtmlElement};
use yew::prelude::*;

use crate::i18n::{use_i18n, Key};

/// Where the keyboard starts in a dialog: its first editable field.
const FIRST_FOCUS: &str = ".dialog-body input:not([readonly]):not([type=hidden]), \
     .dialog-body select, .dialog-body textarea";

/// Props of [`Modal`].
#[derive(Properties, PartialEq)]
pub struct ModalProps {
    /// The heading.
    pub title: AttrValue,
    /// `data-testid` (`dialog-…`); also the base of the heading's id.
    pub testid: AttrValue,
    /// Asked to close (Esc, the × button); the owner removes the dialog.
    pub on_close: Callback<()>,
    /// The buttons, below the scrolling content (a form's submit button names the form with
    /// `form="…"`), so they stay in view however long the content is.
    #[prop_or_default]
    pub footer: Html,
    /// Wider dialog for forms with two columns.
    #[prop_or_default]
    pub wide: bool,
    /// The content.
    pub children: Html,
}

/// A modal dialog, open while rendered.
#[component]
pub fn Modal(props: &ModalProps) -> Html {
    let i18n = use_i18n();
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            let opener = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<HtmlElement>().ok());
            let dialog = node.cast::<HtmlDialogElement>();
            if let Some(dialog) = &dialog {
                let _ = dialog.show_modal();
                // Start at the first field (or, in a confirmation, at the safe 取消), not at ×.
                let first = dialog
                    .query_selector(FIRST_FOCUS)
                    .ok()
                    .flatten()
                    .or_else(|| {
                        dialog
                            .query_selector(".dialog-actions button")
                            .ok()
                            .flatten()
                    })
                    .and_then(|e| e.dyn_into::<HtmlElement>().ok());
                if let Some(first) = first {
                    let _ = first.focus();
                }
            }
            move || {
                // Close first: while the modal dialog is open, the page behind it is inert and
                // refuses the focus.
                if let Some(dialog) = dialog {
                    dialog.close();
                }
                if let Some(opener) = opener {
                    let _ = opener.focus();
                }
            }
        });
    }
    let oncancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: Event| {
            e.prevent_default();
            on_close.emit(());
        })
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let onkeydown = {
        let node = node.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(dialog) = node.cast::<HtmlDialogElement>() {
                crate::focus::wrap_tab(&dialog, &e);
            }
        })
    };
    let title_id = format!("{}-title", props.testid);
    html! {
        <dialog
            ref={node}
            class={classes!("dialog", props.wide.then_some("dialog-wide"))}
            aria-labelledby={title_id.clone()}
            aria-modal="true"
            data-testid={props.testid.clone()}
            {oncancel}
            {onkeydown}
        >
            <div class="dialog-header">
                <h2 class="dialog-title" id={title_id}>{ props.title.clone() }</h2>
                <button
                    type="button"
                    class="dialog-close"
                    aria-label={i18n.t(Key::Close)}
                    title={i18n.t(Key::Close)}
                    onclick={close}
                >
                    { "×" }
                </button>
            </div>
            <div class="dialog-body">
                { props.children.clone() }
            </div>
            { props.footer.clone() }
        </dialog>
    }
}
