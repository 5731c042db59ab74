//! Keeping the keyboard inside a modal dialog, for the Yew dialogs (`components::modal`) and
//! the public site's report dialog (`public_site`) alike. No Yew here, so the public entry
//! links it without the framework.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// What Tab stops at inside a dialog.
const FOCUSABLE: &str =
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), \
     select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Keeps Tab inside `dialog`: from its last control to its first, Shift+Tab the other way.
pub fn wrap_tab(dialog: &Element, e: &KeyboardEvent) {
    if e.key() != "Tab" {
        return;
    }
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let stops: Vec<HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        // Hidden controls (display: none) have no layout box.
        .filter(|el| el.offset_parent().is_some())
        .collect();
    let (Some(first), Some(last)) = (stops.first(), stops.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = |el: &HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == el.as_ref() as &Element)
    };
    let inside = active
        .as_ref()
        .is_some_and(|a| dialog.contains(Some(a.as_ref())));
    let target = if e.shift_key() {
        (at(first) || !inside).then_some(last)
    } else {
        (at(last) || !inside).then_some(first)
    };
    if let Some(target) = target {
        e.prevent_default();
        let _ = target.focus();
    }
}
