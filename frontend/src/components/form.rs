//! Labelled form controls and reading a submitted form. Forms are uncontrolled: the values are
//! read from the `<form>` when it is submitted, so typing re-renders nothing.

use wasm_bindgen::JsCast;
use web_sys::{FormData, HtmlFormElement};
use yew::prelude::*;

use crate::i18n::Key;

/// The values of a submitted form, by input name.
#[derive(Clone)]
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

pub use crate::kit::fields::{SelectField, TextArea, TextField};

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

/// A `shared` text enum: every value, its wire text and its label — what a select of it needs.
pub trait TextEnum: Copy + 'static {
    /// Every value, in order.
    const VALUES: &'static [Self];
    /// The wire text.
    fn wire(self) -> &'static str;
    /// The label.
    fn text(self, locale: crate::i18n::Locale) -> &'static str;
}

macro_rules! text_enums {
    ($($t:ty),+ $(,)?) => {$(
        impl TextEnum for $t {
            const VALUES: &'static [Self] = <$t>::ALL;
            fn wire(self) -> &'static str {
                self.as_str()
            }
            fn text(self, locale: crate::i18n::Locale) -> &'static str {
                self.label(locale)
            }
        }
    )+};
}

text_enums!(
    shared::AccountKind,
    shared::UnitKind,
    shared::UnitLevel,
    shared::Stage,
    shared::application::Series,
    shared::application::Level,
    shared::calendar::CalendarDayKind,
    shared::committees::FilingStatus,
    shared::publicity::PublicityStatus,
);

/// `(wire, label)` of every value of a text enum.
pub fn options_of<T: TextEnum>(locale: crate::i18n::Locale) -> Vec<(String, String)> {
    enum_options(T::VALUES, T::wire, |v| v.text(locale))
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
