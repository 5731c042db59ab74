//! The frame of every page: skip link, top bar, side menu, breadcrumbs and the `<main>` landmark.

use yew::prelude::*;

use super::{breadcrumbs::Breadcrumbs, header::Header, side_menu::SideMenu};
use crate::i18n::{use_i18n, Key};

/// Props of [`Layout`].
#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    /// The page.
    pub children: Html,
}

/// The page frame.
#[component]
pub fn Layout(props: &LayoutProps) -> Html {
    let i18n = use_i18n();
    html! {
        <div class="app-shell">
            <a class="skip-link" href="#main-content">{ i18n.t(Key::SkipToContent) }</a>
            <Header />
            <div class="app-body">
                <SideMenu />
                <div class="content">
                    <Breadcrumbs />
                    <main id="main-content" class="main" tabindex="-1">
                        { props.children.clone() }
                    </main>
                </div>
            </div>
        </div>
    }
}
