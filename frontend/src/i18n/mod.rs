//! UI language: the current [`Locale`] in a context, remembered in `localStorage` and mirrored
//! to `<html lang>` and the document title.

mod keys;

pub use keys::{fill, fill_n, labelled, paren, t, Key};
pub use shared::Locale;
use yew::prelude::*;

/// `localStorage` key holding the chosen locale tag.
const STORAGE_KEY: &str = "zc.locale";

/// What components read from the context: the locale and a way to change it.
#[derive(Clone, PartialEq)]
pub struct I18n {
    /// The current language.
    pub locale: Locale,
    set_locale: Callback<Locale>,
}

impl I18n {
    /// The text of `key` in the current language.
    pub fn t(&self, key: Key) -> &'static str {
        t(self.locale, key)
    }

    /// Switches the UI language (and remembers the choice).
    pub fn set(&self, locale: Locale) {
        self.set_locale.emit(locale);
    }
}

/// Props of [`LocaleProvider`].
#[derive(Properties, PartialEq)]
pub struct LocaleProviderProps {
    /// The application below the provider.
    pub children: Html,
}

/// Holds the locale for everything below it.
#[component]
pub fn LocaleProvider(props: &LocaleProviderProps) -> Html {
    let locale = use_state(|| stored_locale().unwrap_or_default());

    use_effect_with(*locale, |&locale| apply_to_document(locale));

    let set_locale = {
        let locale = locale.clone();
        Callback::from(move |next: Locale| {
            remember(next);
            locale.set(next);
        })
    };
    let context = I18n {
        locale: *locale,
        set_locale,
    };

    html! {
        <ContextProvider<I18n> {context}>
            { props.children.clone() }
        </ContextProvider<I18n>>
    }
}

/// The i18n context; Chinese with a no-op setter outside a [`LocaleProvider`].
#[hook]
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n {
        locale: Locale::default(),
        set_locale: Callback::noop(),
    })
}

/// The locale saved in `localStorage`, if any and valid. Readable outside components (e.g. by
/// the panic hook).
pub fn stored_locale() -> Option<Locale> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let tag = storage.get_item(STORAGE_KEY).ok()??;
    Locale::from_tag(&tag)
}

/// Best effort: private modes may refuse storage, and the choice then lasts for the page only.
pub fn remember(locale: Locale) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(STORAGE_KEY, locale.tag());
    }
}

/// Sets `<html lang>` (screen readers, CJK font selection) and the tab title.
pub fn apply_to_document(locale: Locale) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", locale.tag());
    }
    document.set_title(t(locale, Key::DocumentTitle));
}
