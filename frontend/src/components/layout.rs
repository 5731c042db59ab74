//! The frame of every page: skip link, top bar, side menu, breadcrumbs and the `<main>` landmark.
//! During a forced password change only the top bar and the form remain.

use yew::prelude::*;

use super::{breadcrumbs::Breadcrumbs, header::Header, side_menu::SideMenu};
use crate::i18n::{use_i18n, Key};
use crate::state::session::use_session;
use crate::switch::use_expiry_redirect;

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
    let session = use_session();
    use_expiry_redirect();
    let forced = session
        .status
        .signed_in()
        .is_some_and(|s| s.must_change_password);
    // Clicks and keys count as activity: they keep the session alive (see state::session).
    let onclick = {
        let store = session.store.clone();
        Callback::from(move |_: MouseEvent| store.touch())
    };
    let onkeydown = {
        let store = session.store.clone();
        Callback::from(move |_: KeyboardEvent| store.touch())
    };
    html! {
        <div class="app-shell" {onclick} {onkeydown}>
            <a class="skip-link" href="#main-content">{ i18n.t(Key::SkipToContent) }</a>
            <Header />
            <div class="app-body">
                if !forced {
                    <SideMenu />
                }
                <div class="content">
                    if !forced {
                        <Breadcrumbs />
                    }
                    <main id="main-content" class={classes!("main", forced.then_some("main-forced"))} tabindex="-1">
                        { props.children.clone() }
                    </main>
                </div>
            </div>
        </div>
    }
}
