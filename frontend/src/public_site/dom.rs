//! A tiny DOM builder: an element, its attributes and its children. Text is always a text node
//! (never markup), so data from the server cannot become HTML.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The document (the public site runs only in a browser).
pub fn doc() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .unwrap_or_else(|| wasm_bindgen::throw_str("no document"))
}

/// The element with this id, if any.
pub fn by_id(id: &str) -> Option<Element> {
    doc().get_element_by_id(id)
}

/// The first element matching `selector` inside `root`.
pub fn find(root: &Element, selector: &str) -> Option<HtmlElement> {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
}

/// An element under construction.
pub struct E(pub Element);

/// A new `<tag>`.
pub fn el(tag: &str) -> E {
    E(doc()
        .create_element(tag)
        .unwrap_or_else(|_| wasm_bindgen::throw_str(tag)))
}

impl E {
    /// Sets an attribute.
    pub fn a(self, name: &str, value: &str) -> E {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Sets an attribute when `on`.
    pub fn a_if(self, on: bool, name: &str, value: &str) -> E {
        if on {
            self.a(name, value)
        } else {
            self
        }
    }

    /// `class`.
    pub fn c(self, class: &str) -> E {
        self.a("class", class)
    }

    /// `data-testid`.
    pub fn id(self, testid: &str) -> E {
        self.a("data-testid", testid)
    }

    /// Appends text, as a text node.
    pub fn t(self, text: &str) -> E {
        let _ = self.0.append_with_str_1(text);
        self
    }

    /// Appends a child.
    pub fn k(self, child: E) -> E {
        let _ = self.0.append_with_node_1(&child.0);
        self
    }

    /// Appends a child when there is one.
    pub fn k_opt(self, child: Option<E>) -> E {
        match child {
            Some(child) => self.k(child),
            None => self,
        }
    }

    /// Appends children.
    pub fn ks(self, children: Vec<E>) -> E {
        children.into_iter().fold(self, E::k)
    }
}

/// A form's fields by name, trimmed ("" for a missing one); `None` when `form` is no form.
pub fn form_text(form: &Element) -> Option<impl Fn(&str) -> String> {
    let values = form
        .clone()
        .dyn_into::<web_sys::HtmlFormElement>()
        .ok()
        .and_then(|f| web_sys::FormData::new_with_form(&f).ok())?;
    Some(move |name: &str| {
        values
            .get(name)
            .as_string()
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    })
}
